#pragma once
// Text shown by the CLI: progress lines, the end-of-run results table, paired comparisons and
// benchmark rows.
#include <string>
#include <vector>

#include "app/bench.hpp"
#include "app/run.hpp"
#include "core/progress.hpp"

namespace icsim::cli {

/// The terminal's width in columns: $COLUMNS if set, else the terminal of stderr, else 80.
int terminal_width();
/// One progress line of exactly width - 1 characters (it never wraps).
std::string progress_line(const core::Progress::View& v, int width);
std::string progress_json(const core::Progress::View& v);
/// Per trust and for the whole system: mean and 95% interval across replications at the end.
std::string results_table(const app::ScenarioResult& r);
/// Each scenario minus rs[baseline], paired by replication (common random numbers), with a mark
/// where the 95% interval excludes 0; `by` adds a table per trust, specialty, quintile or place.
std::string paired_table(const std::vector<app::ScenarioResult>& rs, std::size_t baseline = 0,
                         const std::vector<std::string>& by = {});
/// What `by` may hold: trust, specialty, quintile, place.
std::vector<std::string> breakdown_names();
std::string bench_header();
std::string bench_row(const app::BenchResult& r);

}  // namespace icsim::cli

#pragma once
// Text shown by the CLI: progress lines, the end-of-run results table, paired comparisons and
// benchmark rows.
#include <string>
#include <vector>

#include "app/bench.hpp"
#include "app/run.hpp"
#include "core/progress.hpp"

namespace icsim::cli {

std::string progress_line(const core::Progress::View& v);
std::string progress_json(const core::Progress::View& v);
/// Per trust and for the whole system: mean and 95% interval across replications at the end.
std::string results_table(const app::ScenarioResult& r);
/// Each scenario after the first minus the first, paired by replication (common random numbers).
std::string paired_table(const std::vector<app::ScenarioResult>& rs);
std::string bench_header();
std::string bench_row(const app::BenchResult& r);

}  // namespace icsim::cli

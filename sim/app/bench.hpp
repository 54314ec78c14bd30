#pragma once
// `icsim bench`: times the model's daily step on a scenario without output files, and reports
// throughput (patient events per second), wall time per phase, memory per waiting patient and
// peak resident memory.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "scenario/scenario.hpp"

namespace icsim::app {

struct BenchResult {
  std::string scenario;
  std::size_t threads = 0;
  int days = 0;
  double setup_seconds = 0.0;      ///< building the model and its initial lists
  double step_seconds = 0.0;       ///< all simulated days
  std::vector<double> phase_seconds;  ///< by model::phase_groups()
  std::int64_t patient_events = 0; ///< referrals + treatments + removals
  std::int64_t waiting_start = 0, waiting_end = 0;
  std::size_t patient_bytes = 0;   ///< bytes allocated by patient queues at the end
  double peak_rss_mib = 0.0;       ///< peak resident memory of the process during this run
  [[nodiscard]] double events_per_second() const {
    return step_seconds > 0 ? static_cast<double>(patient_events) / step_seconds : 0.0;
  }
  [[nodiscard]] double bytes_per_waiting_patient() const {
    return waiting_end > 0 ? static_cast<double>(patient_bytes) / static_cast<double>(waiting_end) : 0.0;
  }
};

/// Runs replication 0 of `sc` for `days` days with `threads` threads (peak memory is reset first).
/// `equity`: also compute the equity measures (a scan of waiting patients at each sample).
BenchResult bench(const scenario::Scenario& sc, int days, std::size_t threads, bool equity = false);

}  // namespace icsim::app

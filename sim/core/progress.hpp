#pragma once
// Thread-safe progress counters for a batch of runs: work units (simulated days) and runs done.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace icsim::core {

class Progress {
 public:
  Progress(std::int64_t total_units, std::int64_t total_runs)
      : total_units_(total_units), total_runs_(total_runs), start_(clock::now()) {}

  void add_units(std::int64_t n) noexcept { units_.fetch_add(n, std::memory_order_relaxed); }
  void run_finished(bool ok) noexcept {
    (ok ? runs_done_ : runs_failed_).fetch_add(1, std::memory_order_relaxed);
  }

  struct View {
    std::int64_t units, total_units, runs_done, runs_failed, total_runs;
    double elapsed_s, units_per_s, eta_s;  ///< eta is NaN before any progress
  };
  [[nodiscard]] View view() const noexcept;

  /// True at most once per `period` across all threads (rate-limits display updates).
  bool should_report(std::chrono::milliseconds period) noexcept;

 private:
  using clock = std::chrono::steady_clock;
  std::int64_t total_units_, total_runs_;
  std::atomic<std::int64_t> units_{0}, runs_done_{0}, runs_failed_{0};
  clock::time_point start_;
  std::atomic<std::int64_t> last_report_ns_{0};
};

}  // namespace icsim::core

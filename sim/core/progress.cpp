#include "core/progress.hpp"

#include <cmath>

namespace icsim::core {

Progress::View Progress::view() const noexcept {
  View v{};
  v.units = units_.load(std::memory_order_relaxed);
  v.total_units = total_units_;
  v.runs_done = runs_done_.load(std::memory_order_relaxed);
  v.runs_failed = runs_failed_.load(std::memory_order_relaxed);
  v.total_runs = total_runs_;
  v.elapsed_s = std::chrono::duration<double>(clock::now() - start_).count();
  v.units_per_s = v.elapsed_s > 0 ? static_cast<double>(v.units) / v.elapsed_s : 0.0;
  v.eta_s = v.units > 0 ? static_cast<double>(total_units_ - v.units) / v.units_per_s : std::nan("");
  return v;
}

bool Progress::should_report(std::chrono::milliseconds period) noexcept {
  const auto now =
      std::chrono::duration_cast<std::chrono::nanoseconds>(clock::now() - start_).count();
  auto last = last_report_ns_.load(std::memory_order_relaxed);
  if (now - last < std::chrono::duration_cast<std::chrono::nanoseconds>(period).count())
    return false;
  return last_report_ns_.compare_exchange_strong(last, now, std::memory_order_relaxed);
}

}  // namespace icsim::core

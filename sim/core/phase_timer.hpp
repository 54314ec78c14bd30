#pragma once
// Wall-clock time per named group of a step's phases (in the spirit of LAMMPS' timer->stamp()).
// Timings are diagnostics only: they never enter model state or output files.
#include <chrono>
#include <cstddef>
#include <vector>

namespace icsim::core {

class PhaseTimer {
 public:
  using clock = std::chrono::steady_clock;
  explicit PhaseTimer(std::size_t groups = 0) : seconds_(groups, 0.0) {}
  void start() noexcept { last_ = clock::now(); }
  /// Adds the time since the previous stamp (or start()) to group i.
  void stamp(std::size_t i) noexcept {
    const auto now = clock::now();
    seconds_[i] += std::chrono::duration<double>(now - last_).count();
    last_ = now;
  }
  [[nodiscard]] double seconds(std::size_t i) const noexcept { return seconds_[i]; }
  [[nodiscard]] std::size_t size() const noexcept { return seconds_.size(); }

 private:
  std::vector<double> seconds_;
  clock::time_point last_ = clock::now();
};

}  // namespace icsim::core

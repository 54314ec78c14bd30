#pragma once
// Wall-clock time per named phase of a step (in the spirit of LAMMPS' timer->stamp()).
// Timings are diagnostics only: they never enter model state or output files.
#include <array>
#include <chrono>
#include <cstddef>

namespace icsim::core {

template <std::size_t N>
class PhaseTimer {
 public:
  using clock = std::chrono::steady_clock;
  /// Adds the time since the previous stamp (or start()) to phase i.
  void start() noexcept { last_ = clock::now(); }
  void stamp(std::size_t i) noexcept {
    const auto now = clock::now();
    seconds_[i] += std::chrono::duration<double>(now - last_).count();
    last_ = now;
  }
  [[nodiscard]] double seconds(std::size_t i) const noexcept { return seconds_[i]; }
  void add(const PhaseTimer& other) noexcept {
    for (std::size_t i = 0; i < N; ++i) seconds_[i] += other.seconds_[i];
  }

 private:
  std::array<double, N> seconds_{};
  clock::time_point last_ = clock::now();
};

}  // namespace icsim::core

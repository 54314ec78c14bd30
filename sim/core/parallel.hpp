#pragma once
// Parallel loops over entities (oneTBB). Every helper here writes results to per-index slots or
// reduces in a fixed tree, so results never depend on the number of threads.
#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <cstddef>
#include <memory>

namespace icsim::core {

/// Limits oneTBB to `threads` worker threads while alive (0 = all hardware threads).
class ThreadLimit {
 public:
  explicit ThreadLimit(std::size_t threads);
  [[nodiscard]] std::size_t threads() const noexcept { return threads_; }

 private:
  std::size_t threads_;
  std::unique_ptr<tbb::global_control> control_;
};

/// Number of threads oneTBB will use now.
std::size_t active_threads();

/// Calls f(i) for i in [0, n) in parallel; f must only write state owned by index i.
template <class F>
void for_each_index(std::size_t n, F&& f, std::size_t grain = 1) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, grain),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t i = r.begin(); i != r.end(); ++i) f(i);
                    });
}

/// Deterministic parallel sum of f(i) over [0, n): a fixed reduction tree with a fixed grain,
/// so floating-point results are identical at any thread count.
template <class T, class F>
T deterministic_sum(std::size_t n, F&& f, std::size_t grain = 64) {
  return tbb::parallel_deterministic_reduce(
      tbb::blocked_range<std::size_t>(0, n, grain), T{},
      [&](const tbb::blocked_range<std::size_t>& r, T acc) {
        for (std::size_t i = r.begin(); i != r.end(); ++i) acc += f(i);
        return acc;
      },
      [](T a, const T& b) { return a += b; });
}

}  // namespace icsim::core

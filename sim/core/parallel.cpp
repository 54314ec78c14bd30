#include "core/parallel.hpp"

#include <thread>

namespace icsim::core {

ThreadLimit::ThreadLimit(std::size_t threads) : threads_(threads) {
  if (threads_ == 0) {
    threads_ = static_cast<std::size_t>(tbb::this_task_arena::max_concurrency());
  }
  control_ = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                   threads_);
}

std::size_t active_threads() {
  return tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
}

}  // namespace icsim::core

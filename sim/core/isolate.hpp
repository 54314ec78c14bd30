#pragma once
// Runs f so that a thread waiting inside it only picks up work spawned inside it. Used around a
// replication's parallel phases when replications themselves run in parallel: without it a thread
// could start a whole other replication while waiting, holding two models in memory at once.
#include <tbb/task_arena.h>

#include <utility>

namespace icsim::core {

template <class F>
decltype(auto) isolated(F&& f) {
  return tbb::this_task_arena::isolate(std::forward<F>(f));
}

}  // namespace icsim::core

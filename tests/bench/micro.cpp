// Micro-benchmarks of the hot paths (Google Benchmark). The whole-model benchmark is
// `icsim bench`; figures and the machine are recorded in docs/performance.md.
#include <benchmark/benchmark.h>

#include <boost/random/geometric_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_01.hpp>

#include "core/categorical.hpp"
#include "core/random.hpp"
#include "model/lists/patient_queue.hpp"

using namespace icsim;

static void BM_PhiloxBlock(benchmark::State& state) {
  const core::Streams s(1, 0);
  std::uint64_t k = 0;
  for (auto _ : state) benchmark::DoNotOptimize(s.block(2, 123, static_cast<std::int64_t>(k++)));
}
BENCHMARK(BM_PhiloxBlock);

// The draws made for every referral: priority, deprivation quintile, removal day.
static void BM_ReferralAttributes(benchmark::State& state) {
  const core::Streams s(1, 0);
  const double mix[] = {0.1, 0.3, 0.6}, dep[] = {0.2, 0.2, 0.2, 0.2, 0.2};
  const core::Categorical priority(mix), quintile(dep);
  const boost::random::geometric_distribution<std::int64_t, double> geo(0.002);
  std::uint64_t k = 0;
  for (auto _ : state) {
    auto rng = s.rng(2, 7, 100, k++);
    const auto p = priority(rng);
    const auto q = quintile(rng);
    const auto g = geo(rng);
    benchmark::DoNotOptimize(p + q + static_cast<std::size_t>(g));
  }
}
BENCHMARK(BM_ReferralAttributes);

static void BM_PoissonCount(benchmark::State& state) {
  const core::Streams s(1, 0);
  std::int64_t d = 0;
  for (auto _ : state) {
    auto rng = s.rng(1, 7, d++);
    benchmark::DoNotOptimize(boost::random::poisson_distribution<std::int64_t, double>(13.0)(rng));
  }
}
BENCHMARK(BM_PoissonCount);

static void BM_QueuePushPop(benchmark::State& state) {
  model::PatientQueue q;
  for (int i = 0; i < 2000; ++i) q.push_back(model::Patient::make(i, model::Patient::kNever, 0, 0, 2, 0));
  int day = 2000;
  for (auto _ : state) {
    q.push_back(model::Patient::make(day++ % 30000, model::Patient::kNever, 0, 0, 2, 0));
    benchmark::DoNotOptimize(q.front());
    q.pop_front();
  }
}
BENCHMARK(BM_QueuePushPop);

BENCHMARK_MAIN();

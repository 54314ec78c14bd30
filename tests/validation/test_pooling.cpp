// Shared waiting lists against queueing theory, and on the shipped scenarios with unequal
// backlogs. Tolerances come from the standard error across replications.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <numeric>
#include <vector>

#include "common/configs.hpp"
#include "core/parallel.hpp"
#include "core/stats.hpp"
#include "model/model.hpp"
#include "scenario/scenario.hpp"

using namespace icsim;

namespace {

/// Mean of the stationary distribution of the daily queue Q' = max(Q + A - c, 0) with
/// A ~ Poisson(lambda) (arrivals join, then up to c are treated; the list is counted at the end
/// of the day), by power iteration on [0, n_max].
double stationary_mean_list(double lambda, int c, int n_max = 4000) {
  std::vector<double> pmf;  // Poisson(lambda)
  double p = std::exp(-lambda);
  for (int k = 0; k <= static_cast<int>(lambda + 12 * std::sqrt(lambda) + 20); ++k) {
    pmf.push_back(p);
    p *= lambda / (k + 1);
  }
  std::vector<double> pi(static_cast<std::size_t>(n_max) + 1, 0.0), next(pi.size());
  pi[0] = 1.0;
  for (int it = 0; it < 200000; ++it) {
    std::fill(next.begin(), next.end(), 0.0);
    for (int q = 0; q <= n_max; ++q) {
      if (pi[static_cast<std::size_t>(q)] < 1e-300) continue;
      for (std::size_t a = 0; a < pmf.size(); ++a) {
        const int to = std::min(std::max(q + static_cast<int>(a) - c, 0), n_max);
        next[static_cast<std::size_t>(to)] += pi[static_cast<std::size_t>(q)] * pmf[a];
      }
    }
    double change = 0.0;
    for (std::size_t i = 0; i < pi.size(); ++i) change += std::abs(next[i] - pi[i]);
    pi.swap(next);
    if (change < 1e-12) break;
  }
  double mean = 0.0;
  for (std::size_t i = 0; i < pi.size(); ++i) mean += static_cast<double>(i) * pi[i];
  return mean;
}

/// Per replication: the time-averaged end-of-day list of each trust after a burn-in.
std::vector<std::vector<double>> mean_lists(const model::Config& c, int burn_in, int reps) {
  std::vector<std::vector<double>> out(static_cast<std::size_t>(reps));
  core::for_each_index(static_cast<std::size_t>(reps), [&](std::size_t r) {
    model::Model m(c, r);
    std::vector<double> sum(c.trusts.size(), 0.0);
    int n = 0;
    while (!m.finished()) {
      m.step();
      if (m.days_done() <= burn_in) continue;
      const auto& lists = m.sample().ints("waiting_list");
      for (std::size_t t = 0; t < sum.size(); ++t) sum[t] += static_cast<double>(lists[t]);
      ++n;
    }
    for (double& s : sum) s /= n;
    out[r] = sum;
  }, 1);
  return out;
}

::testing::AssertionResult within_se(const std::vector<double>& x, double target, double k = 4.0) {
  const auto s = core::summarise(x);
  if (std::abs(s.mean - target) <= k * s.se) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "mean " << s.mean << " vs " << target << ", se " << s.se;
}

}  // namespace

// Frictions off (full pledge, collaborative commissioning, acceptance ~ 1): two identical trusts
// pooling behave as one list with the combined demand and capacity, whose mean is below the sum
// of the two separate lists, as queueing theory says.
TEST(PoolingTheory, PooledListsBehaveAsOneListAndBeatSeparateLists) {
  const double lambda = 10.0;  // referrals per day at each trust
  const int capacity = 11;     // treatments per day at each trust (every day a working day)
  const int days = 3500, burn_in = 500, reps = 24;
  const double one = stationary_mean_list(lambda, capacity);
  const double pooled_theory = stationary_mean_list(2 * lambda, 2 * capacity);
  ASSERT_LT(pooled_theory, 2 * one);  // the theory itself: pooling shortens the queue

  auto separate = test::two_trusts(lambda, capacity, days, 20.0, false);
  auto pooled = test::two_trusts(lambda, capacity, days, 20.0, true);
  pooled.pooling.acceptance_distance_km = 1e12;  // everyone accepts a move
  const auto s = mean_lists(separate, burn_in, reps);
  const auto p = mean_lists(pooled, burn_in, reps);
  std::vector<double> sep0, sep1, sep_total, pool_total, gain;
  for (int r = 0; r < reps; ++r) {
    sep0.push_back(s[static_cast<std::size_t>(r)][0]);
    sep1.push_back(s[static_cast<std::size_t>(r)][1]);
    sep_total.push_back(s[static_cast<std::size_t>(r)][0] + s[static_cast<std::size_t>(r)][1]);
    pool_total.push_back(p[static_cast<std::size_t>(r)][0] + p[static_cast<std::size_t>(r)][1]);
    gain.push_back(sep_total.back() - pool_total.back());
  }
  std::cout << "E[Q] one list (lambda 10, c 11): theory " << one << ", simulated "
            << core::summarise(sep0).mean << " +- " << core::summarise(sep0).se
            << "\nE[Q] pooled (lambda 20, c 22): theory " << pooled_theory << ", simulated "
            << core::summarise(pool_total).mean << " +- " << core::summarise(pool_total).se
            << "\ngain 2E[Q1]-E[Q2]: theory " << 2 * one - pooled_theory << ", simulated "
            << core::summarise(gain).mean << " +- " << core::summarise(gain).se << "\n";
  EXPECT_TRUE(within_se(sep0, one));
  EXPECT_TRUE(within_se(sep1, one));
  EXPECT_TRUE(within_se(pool_total, pooled_theory));
  // The gain (paired by replication: same referrals) matches the theory's 2 E[Q1] - E[Q2].
  EXPECT_TRUE(within_se(gain, 2 * one - pooled_theory));
  EXPECT_GT(core::summarise(gain).ci_low, 0.0);
}

// Unequal backlogs (scenarios/orthopaedic_*.toml): with common random numbers, pooling lowers
// the longest trust median wait and the spread of trust medians over the second year, treats
// exactly as many patients, and conserves patients system-wide.
TEST(PoolingTheory, PoolingUnequalBacklogsEqualisesWaitsWithoutChangingActivity) {
  const std::string dir = std::string(ICSIM_SOURCE_DIR) + "/scenarios/";
  const auto base = scenario::load_file(dir + "orthopaedic_no_pool.toml");
  const auto pool = scenario::load_file(dir + "orthopaedic_pool.toml");
  const int reps = base.config.run.replications;
  struct Run {
    double longest = 0, spread = 0;
    std::int64_t treated = 0;
  };
  auto run = [&](const model::Config& c, std::size_t r) {
    model::Model m(c, r);
    Run out;
    int n = 0;
    std::int64_t list = m.sample().ints("system_waiting_list")[0];
    while (!m.finished()) {
      m.step();
      if (!m.has_new_sample()) continue;
      const auto& s = m.sample();
      auto cnt = [&](std::string_view o) { return s.ints(o)[0]; };
      // System-wide conservation: transfers cancel out.
      const std::int64_t now = cnt("system_waiting_list");
      EXPECT_EQ(now, list + cnt("system_referrals") - cnt("system_treated") - cnt("system_removed"));
      list = now;
      out.treated += cnt("system_treated");
      if (m.days_done() <= 365) continue;
      // Orthopaedics (specialty 0): trust medians.
      double lo = 1e9, hi = -1e9;
      for (std::size_t t = 0; t < c.trusts.size(); ++t) {
        const double med = s.values[model::observable_index("wait_median_weeks")][t * c.specialties.size()];
        lo = std::min(lo, med);
        hi = std::max(hi, med);
      }
      out.longest += hi;
      out.spread += hi - lo;
      ++n;
    }
    out.longest /= n;
    out.spread /= n;
    return out;
  };
  std::vector<double> d_longest(static_cast<std::size_t>(reps)), d_spread(static_cast<std::size_t>(reps));
  std::vector<std::int64_t> d_treated(static_cast<std::size_t>(reps));
  core::for_each_index(static_cast<std::size_t>(reps), [&](std::size_t r) {
    const Run a = run(base.config, r), b = run(pool.config, r);
    d_longest[r] = b.longest - a.longest;
    d_spread[r] = b.spread - a.spread;
    d_treated[r] = b.treated - a.treated;
  }, 1);
  std::cout << "pool - no pool, year 2 mean: longest trust median " << core::summarise(d_longest).mean
            << " [" << core::summarise(d_longest).ci_low << ", " << core::summarise(d_longest).ci_high
            << "] weeks; spread of trust medians " << core::summarise(d_spread).mean << " ["
            << core::summarise(d_spread).ci_low << ", " << core::summarise(d_spread).ci_high << "] weeks\n";
  EXPECT_LT(core::summarise(d_longest).ci_high, 0.0) << "mean " << core::summarise(d_longest).mean;
  EXPECT_LT(core::summarise(d_spread).ci_high, 0.0) << "mean " << core::summarise(d_spread).mean;
  for (auto d : d_treated) EXPECT_EQ(d, 0);
}

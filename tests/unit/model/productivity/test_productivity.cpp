// Productivity and clinical standardisation: the draws, their effect on capacity, gaps closing
// towards the best member and eroding after the programme, conservation and checkpoints.
#include <gtest/gtest.h>

#include <cmath>
#include <string_view>
#include <vector>

#include "common/run.hpp"
#include "common/systems.hpp"
#include "model/model.hpp"

using namespace icsim;

namespace {

std::int64_t total(const model::Sample& s, std::string_view o) {
  std::int64_t n = 0;
  for (auto x : s.ints(o)) n += x;
  return n;
}

double monthly(double per_year) { return 1.0 - std::pow(1.0 - per_year, 1.0 / 12.0); }

/// The collaboration system with productivity varying and, from day 0 to `stop`, a scheduled
/// clinical standardisation programme for every specialty at scale 1.
model::Config standardised(int days, int stop) {
  auto c = test::collaboration_system(days);
  c.productivity.variation = 0.12;
  c.productivity.close_per_year = 0.5;
  c.productivity.erosion_per_year = 0.3;
  model::ProgrammeConfig p;
  p.type = model::ProgrammeType::clinical_standardisation;
  p.start_day = 0;
  p.stop_day = stop;
  p.initial_scale = 1.0;
  c.collaboratives[0].programmes.push_back(p);
  model::normalise(c);
  return c;
}

}  // namespace

TEST(Productivity, WithoutVariationTheSectionChangesNothing) {
  const auto base = test::collaboration_system(120);
  auto other = base;
  other.productivity.close_per_year = 0.9;
  other.productivity.erosion_per_year = 0.9;
  const auto a = test::run_model(base), b = test::run_model(other);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(a[k].counts, b[k].counts);
    for (double p : a[k].reals("productivity")) EXPECT_TRUE(p == 1.0 || p == 0.0);
  }
}

TEST(Productivity, DrawsAreMeanOneLognormalsWithTheConfiguredSpread) {
  auto c = test::collaboration_system(1);
  c.productivity.variation = 0.12;
  const std::size_t S = c.specialties.size(), lists = c.trusts.size() * S;
  double sum = 0.0, sum2 = 0.0;
  int n = 0;
  for (std::uint64_t rep = 0; rep < 60; ++rep) {
    model::Model m(c, rep);
    const auto& p = m.sample().reals("productivity");
    for (std::size_t l = 0; l < lists; ++l) {
      if (c.trusts[l / S].capacity[l % S] <= 0.0) {
        EXPECT_EQ(p[l], 1.0) << "lists without capacity keep 1";
        continue;
      }
      // The capacity the lists work with is the configured one times the productivity.
      EXPECT_DOUBLE_EQ(m.world().capacity[l], c.trusts[l / S].capacity[l % S] * p[l]);
      const double x = std::log(p[l]);
      sum += x;
      sum2 += x * x;
      ++n;
    }
  }
  const double sd = c.productivity.variation, mean = sum / n;
  const double var = sum2 / n - mean * mean;
  // log p ~ Normal(-sd^2/2, sd): four standard errors of the mean and of the variance.
  EXPECT_NEAR(mean, -sd * sd / 2.0, 4.0 * sd / std::sqrt(n));
  EXPECT_NEAR(var, sd * sd, 4.0 * sd * sd * std::sqrt(2.0 / (n - 1)));
}

TEST(Productivity, StandardisationClosesGapsToTheBestMemberThenGainsErodeAtTheirRate) {
  const auto c = standardised(500, 300);
  auto r = test::run_to_end(c);
  const auto& s = r.samples;
  const std::size_t S = c.specialties.size(), lists = c.trusts.size() * S;
  const auto& p0 = s.front().reals("productivity");
  const double close = monthly(c.productivity.close_per_year), erode = monthly(c.productivity.erosion_per_year);
  int closed = 0, eroded = 0;
  auto prev_wait = total(s.front(), "waiting_list");
  for (std::size_t k = 1; k < s.size(); ++k) {
    // Patients are conserved with productivity changing the capacity.
    const auto wait = total(s[k], "waiting_list");
    ASSERT_EQ(wait, prev_wait + total(s[k], "referrals") - total(s[k], "treated") - total(s[k], "removed"));
    prev_wait = wait;
    const auto& before = s[k - 1].reals("productivity");
    const auto& now = s[k].reals("productivity");
    for (std::size_t sp = 0; sp < S; ++sp) {
      double best = 0.0;
      for (std::size_t t = 0; t < 5; ++t) best = std::max(best, p0[t * S + sp]);
      for (std::size_t t = 0; t < 5; ++t) {
        const std::size_t l = t * S + sp;
        ASSERT_LE(now[l], best + 1e-12) << "no member passes the best";
        if (now[l] == before[l]) continue;
        if (s[k].step <= 300) {
          // Each month's gap shrinks by at most the share at full scale, cohesion and engagement.
          const double ratio = (best - now[l]) / (best - before[l]);
          EXPECT_LT(ratio, 1.0);
          EXPECT_GE(ratio, 1.0 - close - 1e-12);
          ++closed;
        } else {
          EXPECT_NEAR((now[l] - p0[l]) / (before[l] - p0[l]), 1.0 - erode, 1e-9) << "list " << l;
          ++eroded;
        }
      }
    }
  }
  EXPECT_GT(closed, 0);
  EXPECT_GT(eroded, 0);
  for (std::size_t l = lists; l < s.back().reals("productivity").size(); ++l) EXPECT_EQ(s.back().reals("productivity")[l], 0.0);
}

TEST(Productivity, ARestoredModelContinuesIdentically) {
  const auto c = standardised(240, 150);
  model::Model a(c, 2);
  while (a.days_done() < 100) a.step();
  const auto bytes = a.save_state();
  model::Model b(c, 2);
  b.load_state(bytes);
  EXPECT_EQ(b.save_state(), bytes);
  while (!a.finished()) {
    a.step();
    b.step();
    EXPECT_EQ(a.sample().counts, b.sample().counts) << "day " << a.days_done();
    EXPECT_EQ(a.sample().reals("productivity"), b.sample().reals("productivity")) << "day " << a.days_done();
  }
  EXPECT_EQ(a.save_state(), b.save_state());
}

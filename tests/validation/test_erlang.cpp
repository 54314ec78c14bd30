// Beds with Poisson admissions, no aid and no waiting form a loss system (M/G/c/c): the share
// of admissions finding every bed full is the Erlang B formula B(c, a) for c beds and offered
// load a = lambda x mean stay, whatever the distribution of the stay (insensitivity). Checked
// here for exponential, lognormal (cv 2), gamma (cv 0.5) and fixed stays: the share placed out
// of area, from replications after a warm-up, is within three standard errors of B(c, a)
// computed below (not hard-coded).
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <vector>

#include "common/configs.hpp"
#include "core/parallel.hpp"
#include "core/stats.hpp"
#include "model/model.hpp"

using namespace icsim;

namespace {

/// Erlang B by the stable recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)).
double erlang_b(int c, double a) {
  double b = 1.0;
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  return b;
}

model::Config loss_system(int beds, double per_day, model::LosConfig los, int days) {
  auto c = test::single_list(1.0, 2.0, days);
  c.output.interval_days = 100;
  c.trusts[0].type = model::TrustType::mental_health;
  c.trusts[0].beds = beds;
  c.trusts[0].initial_occupancy = 0.0;
  c.urgent.mh_admission_rate = per_day * 365.25 / 1000.0;  // a million people
  c.urgent.winter_amplitude = 0.0;
  c.urgent.mh_los = los;
  c.mutual_aid.enabled = false;
  return c;
}

}  // namespace

TEST(LossSystem, OutOfAreaShareMatchesErlangBForAnyStayDistribution) {
  const int beds = 20, warmup = 300, days = 4300, reps = 24;
  const double per_day = 1.5, mean_stay = 12.0;
  const double expected = erlang_b(beds, per_day * mean_stay);
  using D = model::LosDistribution;
  for (const auto& los : {model::LosConfig{D::exponential, mean_stay, 1.0}, model::LosConfig{D::lognormal, mean_stay, 2.0},
                          model::LosConfig{D::gamma, mean_stay, 0.5}, model::LosConfig{D::fixed, mean_stay, 0.0}}) {
    const auto cfg = loss_system(beds, per_day, los, days);
    std::vector<double> share(reps);
    core::for_each_index(share.size(), [&](std::size_t r) {
      model::Model m(cfg, r);
      std::int64_t arrivals = 0, lost = 0, admitted = 0, discharged = 0;
      std::int64_t occupied = m.sample().ints("beds_occupied")[0];
      while (!m.finished()) {
        m.step();
        if (!m.has_new_sample()) continue;
        const auto& c = m.sample().counts;
        auto get = [&](std::string_view o) { return c[model::observable_index(o)][0]; };
        // Conservation of patients and beds at every sample.
        EXPECT_EQ(get("urgent_arrivals"), get("bed_admissions") + get("out_of_area_placements"));
        EXPECT_EQ(get("beds_occupied"), occupied + get("bed_admissions") - get("discharges"));
        EXPECT_LE(get("beds_occupied"), beds);
        occupied = get("beds_occupied");
        admitted += get("bed_admissions");
        discharged += get("discharges");
        if (m.days_done() <= warmup) continue;
        arrivals += get("urgent_arrivals");
        lost += get("out_of_area_placements");
      }
      share[r] = static_cast<double>(lost) / static_cast<double>(arrivals);
    });
    const auto s = core::summarise(share);
    std::cout << model::kLosDistributionNames[static_cast<std::size_t>(los.distribution)] << " stays: "
              << s.mean << " +- " << s.se << " (se) against Erlang B " << expected << "\n";
    EXPECT_NEAR(s.mean, expected, 3.0 * s.se)
        << model::kLosDistributionNames[static_cast<std::size_t>(los.distribution)];
    EXPECT_GT(s.se, 0.0);
  }
}

// Delayed discharges: the share of fit patients delayed, beds conserved with them, the
// discharge programme's reduction, nothing without the section, checkpoints.
#include <gtest/gtest.h>

#include <cmath>
#include <string_view>
#include <vector>

#include "common/run.hpp"
#include "common/systems.hpp"
#include "model/config.hpp"
#include "model/model.hpp"

using namespace icsim;

namespace {

std::int64_t sum(const model::Sample& s, std::string_view o) {
  std::int64_t n = 0;
  for (auto x : s.ints(o)) n += x;
  return n;
}

/// The urgent system with a quarter of acute stays ending in a delay and Crane's place
/// partnership running a discharge programme from day 20.
model::Config delayed(int days) {
  auto c = test::urgent_system(days, true);
  c.discharge.delayed_share = 0.25;
  c.discharge.mean_delay_days = 4.0;
  model::DischargeProgrammeConfig p;
  p.place = 2;  // crane
  p.start_day = 20;
  p.ramp_days = 60;
  p.stop_day = 150;
  c.discharge_programmes.push_back(p);
  model::normalise(c);
  return c;
}

}  // namespace

TEST(DelayedDischarges, TheConfiguredShareOfFitPatientsIsDelayedAndBedsAreConserved) {
  const auto c = delayed(200);
  const auto r = test::run_to_end(c, 3);
  const auto& s = r.samples;
  std::int64_t discharges = 0, delayed_n = 0;
  for (std::size_t k = 1; k < s.size(); ++k) {
    for (std::size_t t = 0; t < c.trusts.size(); ++t) {
      // The delayed occupy beds: they are among the occupied, and beds are conserved.
      ASSERT_LE(s[k].ints("delayed_patients")[t], s[k].ints("beds_occupied")[t]);
      ASSERT_EQ(s[k].ints("beds_occupied")[t],
                s[k - 1].ints("beds_occupied")[t] + s[k].ints("bed_admissions")[t] - s[k].ints("discharges")[t]);
    }
    discharges += sum(s[k], "discharges");
    delayed_n += sum(s[k], "delayed_discharges");
  }
  // Patients becoming fit = discharges + the delayed still in bed at the end (each delayed
  // patient's discharge is counted once, when the delay ends).
  const double fit = static_cast<double>(discharges + sum(s.back(), "delayed_patients"));
  const double share = c.discharge.delayed_share;
  EXPECT_NEAR(static_cast<double>(delayed_n) / fit, share, 4.0 * std::sqrt(share * (1.0 - share) / fit));
  EXPECT_GT(sum(s.back(), "delayed_patients"), 0);
}

TEST(DelayedDischarges, TheProgrammeRampsWithCohesionAtItsPlaceAndStops) {
  const auto c = delayed(1);
  model::Model m(c, 0);
  const auto& w = m.world();
  const auto& p = c.discharge_programmes[0];
  const double cohesion = w.rel.cohesion(w.partnership_orgs[0]);
  const double factor = std::clamp((cohesion - p.no_effect_cohesion) / (p.full_effect_cohesion - p.no_effect_cohesion), 0.0, 1.0);
  const std::size_t crane = 2, ashby = 0;
  EXPECT_EQ(model::DelayedDischarges::reduction(w, crane, 19), 0.0) << "before its start";
  EXPECT_NEAR(model::DelayedDischarges::reduction(w, crane, 50), p.reduction * factor * 0.5, 1e-12) << "half way up the ramp";
  EXPECT_NEAR(model::DelayedDischarges::reduction(w, crane, 100), p.reduction * factor, 1e-12);
  EXPECT_GT(factor, 0.0) << "the test needs a partnership with some effect";
  EXPECT_EQ(model::DelayedDischarges::reduction(w, crane, 150), 0.0) << "stopped";
  EXPECT_EQ(model::DelayedDischarges::reduction(w, ashby, 100), 0.0) << "another place";
}

TEST(DelayedDischarges, WithoutADelayedShareNothingChanges) {
  const auto base = test::urgent_system(90, true);
  auto other = delayed(90);
  other.discharge.delayed_share = 0.0;
  const auto a = test::run_model(base), b = test::run_model(other);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(a[k].counts, b[k].counts) << k;
    EXPECT_EQ(sum(b[k], "delayed_patients"), 0);
  }
}

TEST(DelayedDischarges, ARestoredModelContinuesIdentically) {
  const auto c = delayed(120);
  model::Model a(c, 1);
  while (a.days_done() < 45) a.step();
  const auto bytes = a.save_state();
  model::Model b(c, 1);
  b.load_state(bytes);
  EXPECT_EQ(b.save_state(), bytes);
  while (!a.finished()) {
    a.step();
    b.step();
    EXPECT_EQ(a.sample().counts, b.sample().counts) << "day " << a.days_done();
  }
  EXPECT_EQ(a.save_state(), b.save_state());
}

TEST(DelayedDischarges, AProgrammeNeedsAPlaceWithAPartnership) {
  auto c = delayed(10);
  c.discharge_programmes[0].place = 0;  // ashby: no place partnership
  c.discharge_programmes[0].full_effect_cohesion = 0.2;  // below no_effect_cohesion
  const auto issues = model::find_issues(c);
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].path, "discharge_programme[0].place");
  EXPECT_EQ(issues[1].path, "discharge_programme[0].full_effect_cohesion");
}

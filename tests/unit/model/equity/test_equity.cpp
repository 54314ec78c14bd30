// Patients differing by deprivation quintile (§29): removal hazards, acceptance of a move and
// PIDMAS uptake read the quintile's factor.
#include <gtest/gtest.h>

#include <cmath>
#include <string_view>

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
}  // namespace

TEST(Equity, RemovalHazardsAreTheSpecialtysTimesTheQuintilesFactor) {
  auto c = test::collaboration_system(1);
  c.equity.removal_factor = {2.0, 1.5, 1.0, 1.0, 0.5};
  const model::World w(c, 0);
  const std::size_t s = 1;
  const double weekly = c.specialties[s].removal_hazard_per_week;
  constexpr int kDraws = 20000;
  for (int q = 0; q < model::kQuintiles; ++q) {
    const double h = 1.0 - std::pow(1.0 - weekly * c.equity.removal_factor[static_cast<std::size_t>(q)], 1.0 / 7.0);
    double sum = 0.0;
    for (int k = 0; k < kDraws; ++k) {
      core::Rng rng = w.streams.rng(900, static_cast<std::uint64_t>(q), 0, static_cast<std::uint64_t>(k));
      sum += w.removal_day(s, q, 0, rng);
    }
    // Days to removal are geometric (failures before the first removal): mean (1 - h) / h,
    // sd sqrt(1 - h) / h.
    const double mean = (1.0 - h) / h, se = std::sqrt(1.0 - h) / h / std::sqrt(kDraws);
    EXPECT_NEAR(sum / kDraws, mean, 4.0 * se) << "quintile " << q + 1;
  }
}

TEST(Equity, AcceptanceOfAMoveUsesTheQuintilesDistance) {
  auto near = test::collaboration_system(150);
  near.equity.acceptance_distance_factor = {1e-6, 1e-6, 1e-6, 1e-6, 1e-6};  // no one travels
  std::int64_t offers = 0, declined = 0;
  for (const auto& s : test::run_model(near)) {
    offers += total(s, "transfer_offers");
    declined += total(s, "transfers_declined");
  }
  EXPECT_GT(offers, 0);
  EXPECT_EQ(declined, offers) << "every offer at another trust is declined";
}

TEST(Equity, PidmasUptakeUsesTheQuintilesFactor) {
  auto off = test::collaboration_system(200);
  off.pidmas.enabled = false;
  auto none = off;
  none.pidmas.enabled = true;
  none.pidmas.uptake = 0.5;
  none.equity.pidmas_uptake_factor = {0.0, 0.0, 0.0, 0.0, 0.0};
  auto some = none;
  some.equity.pidmas_uptake_factor = {0.0, 0.0, 0.0, 0.0, 1.0};
  const auto a = test::run_model(off), b = test::run_model(none), s = test::run_model(some);
  std::int64_t moved_a = 0, moved_s = 0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(a[k].counts, b[k].counts) << "a factor of 0 everywhere: no one asks";
    moved_a += total(a[k], "transfers_in");
    moved_s += total(s[k], "transfers_in");
  }
  EXPECT_NE(moved_s, moved_a) << "the least deprived quintile alone asks";
}

// Shared waiting lists and patient-initiated moves: the pooled order, its frictions (distance,
// re-offer, transactional commissioning), transfers and their accounting, and programme events.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "common/configs.hpp"
#include "core/parallel.hpp"
#include "model/model.hpp"

using namespace icsim;

namespace {
std::int64_t total(const model::Model& m, std::string_view o) {
  const auto& v = m.sample().ints(o);
  return std::accumulate(v.begin(), v.end(), std::int64_t{0});
}
std::int64_t at(const model::Model& m, std::string_view o, std::size_t i) {
  return m.sample().ints(o)[i];
}
double value(const model::Model& m, std::string_view o, std::size_t i) {
  return m.sample().reals(o)[i];
}
}  // namespace

TEST(Pooling, ConservesPatientsWithTransfersEveryDay) {
  auto c = test::two_trusts(10.0, 9.0, 120, 15.0, true);
  c.trusts[0].initial[0] = {3000, 30.0};
  c.trusts[1].initial[0] = {200, 5.0};
  c.specialties[0].removal_hazard_per_week = 0.02;
  model::Model m(c, 0);
  std::vector<std::int64_t> prev = m.sample().ints("waiting_list");
  std::int64_t moved = 0;
  while (!m.finished()) {
    m.step();
    const auto& now = m.sample().ints("waiting_list");
    for (std::size_t l = 0; l < 2; ++l) {
      ASSERT_EQ(now[l], prev[l] + at(m, "referrals", l) - at(m, "treated", l) -
                            at(m, "removed", l) + at(m, "transfers_in", l) -
                            at(m, "transfers_out", l));
    }
    ASSERT_EQ(total(m, "transfers_in"), total(m, "transfers_out"));
    // The origin-destination matrix agrees: row sums are moves out, column sums moves in.
    const auto& flows = m.sample().ints("transfer_flows");
    for (std::size_t t = 0; t < 2; ++t) {
      ASSERT_EQ(flows[t * 2] + flows[t * 2 + 1], at(m, "transfers_out", t));
      ASSERT_EQ(flows[t] + flows[2 + t], at(m, "transfers_in", t));
    }
    moved += total(m, "transfers_in");
    prev = now;
  }
  EXPECT_GT(moved, 0);
  // Moves go from the long list to the short one, never the other way.
  EXPECT_EQ(at(m, "pool_active", 0), 1);
}

TEST(Pooling, AcceptanceFallsWithDistanceAsExpMinusDOverD0) {
  // T0 has a long list and pledges nothing useful (tiny capacity); T1 has idle capacity and no
  // list: every day T1's slots are offered to T0's patients, who live `km` from T1.
  const double d0 = 25.0;
  for (double km : {5.0, 25.0, 60.0}) {
    auto c = test::two_trusts(0.0, 0.0, 200, km, true);
    c.trusts[0].capacity = {0.001};
    c.trusts[1].capacity = {40.0};
    c.trusts[0].initial[0] = {200000, 30.0};
    c.pooling.acceptance_distance_km = d0;
    c.pooling.reoffer_weeks = 52;
    model::Model m(c, 1);
    std::int64_t offers = 0, moved = 0;
    while (!m.finished()) {
      m.step();
      offers += at(m, "transfer_offers", 0);
      moved += at(m, "transfers_out", 0);
    }
    const double p = std::exp(-km / d0), n = static_cast<double>(offers);
    ASSERT_GT(offers, 1000);
    EXPECT_NEAR(static_cast<double>(moved) / n, p, 4 * std::sqrt(p * (1 - p) / n)) << km << " km";
  }
}

TEST(Pooling, PatientsWhoDeclineAreNotAskedAgainWithinTheReofferPeriod) {
  auto run = [](int reoffer_weeks) {
    auto c = test::two_trusts(0.0, 0.0, 21, 1000.0, true);  // too far: everyone declines
    c.trusts[0].capacity = {0.001};
    c.trusts[1].capacity = {20.0};
    c.trusts[0].initial[0] = {50, 10.0};
    c.pooling.reoffer_weeks = reoffer_weeks;
    model::Model m(c, 0);
    std::int64_t offers = 0, moved = 0;
    while (!m.finished()) {
      m.step();
      offers += at(m, "transfer_offers", 0);
      moved += at(m, "transfers_out", 0);
    }
    EXPECT_EQ(moved, 0);
    return offers;
  };
  // A declined slot goes to the next patient in the pooled order, so each day all 50 are asked,
  // unless they declined within the re-offer period.
  EXPECT_EQ(run(4), 50);       // each of the 50 asked once in three weeks
  EXPECT_EQ(run(0), 50 * 21);  // no re-offer delay: asked again every day
}

TEST(Pooling, TransactionalCommissioningWithholdsPatientsAndMovesIncome) {
  auto c = test::two_trusts(0.0, 0.0, 300, 1.0, true);
  c.trusts[0].capacity = {0.001};
  c.trusts[1].capacity = {30.0};
  c.trusts[0].initial[0] = {100000, 30.0};
  c.pooling.acceptance_distance_km = 1e9;
  c.ics[0].commissioning = model::Commissioning::transactional;
  c.pooling.transactional_release = 0.6;
  // The release friction on its own: T1's idle days are a deficit under payment by activity,
  // whose pressure (tested in test_finance.cpp) would lower its pledge and T0's releases.
  c.finance.deficit_constraint = c.finance.release_pressure = 0.0;
  model::Model m(c, 0);
  std::int64_t days_moving = 0, moved = 0, withheld = 0;
  double income0 = 0, income1 = 0, admin = 0;
  while (!m.finished()) {
    m.step();
    const auto today = at(m, "transfers_out", 0);
    days_moving += today > 0;
    moved += today;
    withheld += at(m, "transfers_withheld", 0);
    income0 += value(m, "income_transferred", 0);
    income1 += value(m, "income_transferred", 1);
    admin += value(m, "transfer_admin_cost", 1);
  }
  // T0 releases its patients on a share `transactional_release` of the (300) days; on the others
  // T1's 30 slots go unused, as T1 has no patients of its own.
  const double n = 300.0, r = 0.6;
  EXPECT_NEAR(static_cast<double>(days_moving) / n, r, 4 * std::sqrt(r * (1 - r) / n));
  EXPECT_EQ(moved, 30 * days_moving);
  EXPECT_GT(withheld, 0);
  EXPECT_EQ(income0, -income1);
  EXPECT_EQ(income1, 4000.0 * static_cast<double>(moved));
  EXPECT_EQ(admin, 150.0 * static_cast<double>(moved));
}

TEST(Pooling, WithFullPledgeTheLongestWaitersAcrossThePoolAreTreatedFirst) {
  // T0's patients waited long, T1's briefly: with the pool, T1's capacity treats T0's patients.
  auto c = test::two_trusts(0.0, 10.0, 14, 0.0, true);
  c.pooling.acceptance_distance_km = 1e9;
  c.trusts[0].initial[0] = {400, 40.0};
  c.trusts[1].initial[0] = {400, 2.0};
  model::Model m(c, 0);
  std::int64_t treated_from_t0 = 0;
  while (!m.finished()) {
    m.step();
    treated_from_t0 += at(m, "treated", 0) + at(m, "transfers_out", 0);
  }
  // Almost all 280 treatments go to T0's much older patients (a few of T1's long tail compete).
  EXPECT_GT(treated_from_t0, 250);
  const auto unpooled = [&] {
    auto u = c;
    u.collaboratives.clear();
    model::Model mu(u, 0);
    std::int64_t n = 0;
    while (!mu.finished()) {
      mu.step();
      n += at(mu, "treated", 0);
    }
    return n;
  }();
  EXPECT_EQ(unpooled, 140);
}

TEST(Pooling, ProgrammesStartAndStopOnTheirDaysAndAreRecorded) {
  auto c = test::two_trusts(5.0, 6.0, 40, 10.0, true);
  c.collaboratives[0].programmes[0].start_day = 10;
  c.collaboratives[0].programmes[0].stop_day = 30;
  c.output.interval_days = 1;
  model::Model m(c, 0);
  EXPECT_TRUE(m.events<model::ProgrammeEvent>().empty());
  while (!m.finished()) {
    m.step();
    const bool active = m.days_done() - 1 >= 10 && m.days_done() - 1 < 30;
    ASSERT_EQ(at(m, "pool_active", 0), active ? 1 : 0) << m.days_done();
    ASSERT_EQ(at(m, "pool_waiting_list", 0), at(m, "waiting_list", 0) + at(m, "waiting_list", 1));
  }
  const auto& events = m.events<model::ProgrammeEvent>();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].day, 10);
  EXPECT_EQ(events[0].action, model::ProgrammeAction::start);
  EXPECT_EQ(events[1].day, 30);
  EXPECT_EQ(events[1].action, model::ProgrammeAction::stop);
}

TEST(Pooling, ResultsDoNotDependOnTheThreadCount) {
  auto c = test::two_trusts(10.0, 9.0, 90, 15.0, true);
  c.trusts[0].initial[0] = {3000, 30.0};
  c.specialties[0].removal_hazard_per_week = 0.02;
  c.pidmas.enabled = true;
  auto run = [&](std::size_t threads) {
    core::ThreadLimit limit(threads);
    model::Model m(c, 5);
    std::vector<std::int64_t> out;
    while (!m.finished()) {
      m.step();
      for (const auto& v : m.sample().counts) out.insert(out.end(), v.begin(), v.end());
    }
    return out;
  };
  EXPECT_EQ(run(1), run(2));
}

TEST(Pidmas, LongWaitersMoveToAShorterWaitInTheirIcs) {
  auto c = test::two_trusts(8.0, 8.0, 200, 20.0, false);
  c.trusts[0].capacity = {6.0};   // T0's list grows: long waits
  c.trusts[1].capacity = {10.0};  // T1 keeps up: short waits
  c.trusts[0].initial[0] = {2000, 35.0};
  c.trusts[1].initial[0] = {100, 3.0};
  c.pidmas.enabled = true;
  c.pidmas.wait_weeks = 30.0;
  c.pidmas.uptake = 0.3;
  c.pidmas.min_gain_weeks = 4.0;
  model::Model m(c, 0);
  std::int64_t in0 = 0, in1 = 0;
  while (!m.finished()) {
    m.step();
    in0 += at(m, "transfers_in", 0);
    in1 += at(m, "transfers_in", 1);
  }
  EXPECT_GT(in1, 50);
  EXPECT_EQ(in0, 0);
  // With no uptake nobody moves.
  c.pidmas.uptake = 0.0;
  model::Model none(c, 0);
  std::int64_t moved = 0;
  while (!none.finished()) {
    none.step();
    moved += total(none, "transfers_in");
  }
  EXPECT_EQ(moved, 0);
}

TEST(Pooling, VerticalCollaborativeMovesPatientsOnlyWithinAPlace) {
  // The pooling case above (a long list beside a short one), with the collaborative vertical:
  // with the trusts in two places nobody moves; with both in one place the moves are those of a
  // horizontal collaborative, draw for draw.
  auto moved = [](model::CollaborativeKind kind, bool same_place) {
    auto c = test::two_trusts(10.0, 9.0, 120, 15.0, true);
    c.trusts[0].initial[0] = {3000, 30.0};
    c.trusts[1].initial[0] = {200, 5.0};
    c.collaboratives[0].kind = kind;
    if (same_place) c.trusts[1].place = 0;
    model::Model m(c, 0);
    std::int64_t n = 0;
    while (!m.finished()) {
      m.step();
      n += total(m, "transfers_in");
    }
    return n;
  };
  EXPECT_GT(moved(model::CollaborativeKind::horizontal, false), 0);
  EXPECT_EQ(moved(model::CollaborativeKind::vertical, false), 0);
  EXPECT_EQ(moved(model::CollaborativeKind::hybrid, false), moved(model::CollaborativeKind::horizontal, false));
  EXPECT_EQ(moved(model::CollaborativeKind::vertical, true), moved(model::CollaborativeKind::horizontal, true));
}

// Behaviour of the waiting-list model: conservation, treatment order, removals, referrals,
// routing, common random numbers and thread-count independence.
#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string_view>

#include <cmath>
#include <vector>

#include "common/configs.hpp"
#include "core/parallel.hpp"
#include "model/model.hpp"

using namespace icsim;

namespace {
const std::vector<std::int64_t>& counts(const model::Model& m, std::string_view o) {
  return m.sample().ints(o);
}
std::vector<model::Sample> run_all(const model::Config& c, std::uint64_t rep) {
  model::Model m(c, rep);
  std::vector<model::Sample> out{m.sample()};
  while (!m.finished()) {
    m.step();
    if (m.has_new_sample()) out.push_back(m.sample());
  }
  return out;
}
}  // namespace

TEST(Mechanisms, ObservableNamesAndStreamPurposesAreUniqueAcrossMechanisms) {
  // Each mechanism declares its own observables and random stream purposes; the catalogue and
  // the streams need them unique across all of them (a clash would mix two draw sites).
  std::set<std::string_view> names;
  for (const auto& o : model::observables()) EXPECT_TRUE(names.insert(o.name).second) << o.name;
  EXPECT_EQ(model::find_observable("waiting_list"), std::optional<std::size_t>(0));
  std::set<core::Purpose> purposes;
  model::for_each_mechanism_type([&]<class M>() {
    for (core::Purpose p : M::kDraws) {
      EXPECT_TRUE(purposes.insert(p).second) << "stream purpose " << p << " is declared twice";
    }
  });
}

TEST(Model, ConservesPatientsInEveryListEveryDay) {
  auto c = test::small_system(90);
  c.output.interval_days = 1;
  model::Model m(c, 0);
  std::vector<std::int64_t> prev = counts(m, "waiting_list");
  while (!m.finished()) {
    m.step();
    ASSERT_TRUE(m.has_new_sample());
    const auto& now = counts(m, "waiting_list");
    for (std::size_t l = 0; l < now.size(); ++l) {
      ASSERT_EQ(now[l], prev[l] + counts(m, "referrals")[l] - counts(m, "treated")[l] -
                            counts(m, "removed")[l])
          << "list " << l << " day " << m.days_done();
    }
    prev = now;
  }
}

TEST(Model, WaitHistogramAgreesWithTheOtherMeasures) {
  const auto c = test::small_system(200);
  model::Model m(c, 1);
  while (!m.finished()) {
    m.step();
    if (!m.has_new_sample()) continue;
    const auto& h = m.sample().ints("wait_histogram");
    ASSERT_EQ(h.size(), model::kWaitHistogramBins);
    std::int64_t all = 0, over52 = 0;
    for (std::size_t b = 0; b < h.size(); ++b) {
      all += h[b];
      if (b >= 52) over52 += h[b];
    }
    ASSERT_EQ(all, counts(m, "system_waiting_list")[0]);
    ASSERT_EQ(over52, counts(m, "system_over_52_weeks")[0]);
  }
}

TEST(Model, TreatsHighestPriorityFirstThenLongestWait) {
  // No referrals, no removals: three priorities in the initial list, 40 treatments a day.
  auto c = test::single_list(0.0, 40.0, 3);
  c.specialties[0].priority_mix = {0.2, 0.3, 0.5};
  c.trusts[0].initial[0] = {300, 10.0};
  model::Model m(c, 0);
  auto snapshot = [&](int p) {
    std::vector<int> d;
    const auto& q = m.list(0, 0).queue[static_cast<std::size_t>(p)];
    for (std::size_t i = 0; i < q.size(); ++i) d.push_back(q[i].referral_day());
    return d;
  };
  for (int day = 0; day < 3; ++day) {
    const auto p2 = snapshot(0), p3 = snapshot(1), p4 = snapshot(2);
    ASSERT_TRUE(std::is_sorted(p2.begin(), p2.end()));
    m.step();
    // The 40 slots go to P2 first, then P3, then P4, each from the front (oldest) of its queue.
    std::size_t left = 40;
    const std::vector<const std::vector<int>*> before = {&p2, &p3, &p4};
    for (int p = 0; p < 3; ++p) {
      const std::size_t take = std::min(left, before[static_cast<std::size_t>(p)]->size());
      left -= take;
      const std::vector<int> expect(before[static_cast<std::size_t>(p)]->begin() + static_cast<long>(take),
                                    before[static_cast<std::size_t>(p)]->end());
      EXPECT_EQ(snapshot(p), expect) << "priority " << p << " day " << day;
    }
  }
}

TEST(Model, RemovalsFollowTheWeeklyHazard) {
  // 100,000 waiting, no referrals, almost no capacity: removals over 7 days ~ Binomial(N, h).
  auto c = test::single_list(0.0, 0.001, 7);
  c.specialties[0].removal_hazard_per_week = 0.05;
  c.trusts[0].initial[0] = {100000, 20.0};
  model::Model m(c, 0);
  std::int64_t removed = 0;
  while (!m.finished()) {
    m.step();
    removed += counts(m, "removed")[0];
  }
  const double n = 100000, h = 0.05;
  EXPECT_NEAR(double(removed), n * h, 4 * std::sqrt(n * h * (1 - h)));
}

TEST(Model, ReferralRateMatchesConfigurationWithinStandardError) {
  auto c = test::single_list(25.0, 30.0, 400);
  model::Model m(c, 0);
  std::int64_t referred = 0;
  while (!m.finished()) {
    m.step();
    referred += counts(m, "referrals")[0];
  }
  const double expect = 25.0 * 400;
  EXPECT_NEAR(double(referred), expect, 4 * std::sqrt(expect));
}

TEST(Model, InitialListHasTheConfiguredSizeAndMeanWait) {
  auto c = test::single_list(0.0, 1.0, 1);
  c.trusts[0].initial[0] = {20000, 15.0};
  model::Model m(c, 0);
  EXPECT_EQ(counts(m, "waiting_list")[0], 20000);
  double sum = 0;
  std::size_t n = 0;
  for (const auto& q : m.list(0, 0).queue) {
    for (std::size_t i = 0; i < q.size(); ++i, ++n) sum -= q[i].referral_day();
  }
  // Waits are floor(Exp(mean 105 days)): mean 104.5 days, sd 105 days.
  EXPECT_NEAR(sum / double(n), 105.0 - 0.5, 4 * 105.0 / std::sqrt(double(n)));
}

TEST(Model, RoutesReferralsToTheNearestTrustOfferingTheSpecialty) {
  const auto c = test::small_system(7);
  model::Model m(c, 0);
  EXPECT_EQ(m.route(0, 0), 0);  // place a, ortho -> Ta
  EXPECT_EQ(m.route(2, 0), 2);  // place c, ortho -> Tc
  EXPECT_EQ(m.route(2, 1), 1);  // place c, derm: Tc has none, Tb is 20 km away
}

TEST(Model, SameSeedAndReplicationGiveTheSameRunAtAnyThreadCount) {
  const auto c = test::small_system(120);
  std::vector<model::Sample> one, two, three;
  {
    core::ThreadLimit t(1);
    one = run_all(c, 3);
  }
  {
    core::ThreadLimit t(2);
    two = run_all(c, 3);
  }
  {
    core::ThreadLimit t(3);  // more threads than cores
    three = run_all(c, 3);
  }
  ASSERT_EQ(one.size(), two.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].counts, two[i].counts);
    EXPECT_EQ(one[i].counts, three[i].counts);
    for (std::size_t o = 0; o < one[i].values.size(); ++o) {
      ASSERT_EQ(one[i].values[o].size(), two[i].values[o].size());
      for (std::size_t k = 0; k < one[i].values[o].size(); ++k) {
        const double a = one[i].values[o][k], b = two[i].values[o][k];
        EXPECT_TRUE(a == b || (std::isnan(a) && std::isnan(b)));
      }
    }
  }
  // A different replication is a different run.
  EXPECT_NE(run_all(c, 4).back().counts, one.back().counts);
}

TEST(Model, PolicyChangesDoNotChangeReferrals) {
  // Common random numbers: capacity differs, the referrals of every list on every day do not.
  auto a = test::small_system(60);
  auto b = a;
  b.trusts[1].capacity[0] *= 1.5;
  b.trusts[0].initial[1].size += 700;
  const auto ra = run_all(a, 0), rb = run_all(b, 0);
  ASSERT_EQ(ra.size(), rb.size());
  const auto ref = model::observable_index("referrals");
  const auto trt = model::observable_index("treated");
  bool treated_differs = false;
  for (std::size_t i = 0; i < ra.size(); ++i) {
    EXPECT_EQ(ra[i].counts[ref], rb[i].counts[ref]) << "sample " << i;
    treated_differs = treated_differs || ra[i].counts[trt] != rb[i].counts[trt];
  }
  EXPECT_TRUE(treated_differs);
}

TEST(Model, RejectsInvalidConfigurations) {
  auto c = test::small_system(10);
  c.trusts[0].capacity[0] = -1.0;
  EXPECT_THROW(model::Model(c, 0), std::invalid_argument);
  c = test::small_system(10);
  c.specialties[1].priority_mix = {0.5, 0.5, 0.5};
  EXPECT_THROW(model::Model(c, 0), std::invalid_argument);
  c = test::small_system(10);
  for (auto& t : c.trusts) t.capacity[1] = 0.0;
  for (auto& t : c.trusts) t.initial[1].size = 0;
  EXPECT_THROW(model::Model(c, 0), std::invalid_argument);  // derm referrals with nowhere to go
}

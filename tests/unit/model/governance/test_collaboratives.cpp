// Collaboratives' governance: decision rules, leadership hours, membership, thread-count identity.
#include <gtest/gtest.h>

#include <cmath>
#include <string_view>
#include <utility>
#include <vector>

#include "common/run.hpp"
#include "common/systems.hpp"
#include "core/parallel.hpp"
#include "model/model.hpp"

using namespace icsim;
using model::DecisionRule;

namespace {
[[maybe_unused]] std::vector<model::Sample> run(const model::Config& c, std::uint64_t rep = 0) {
  return test::run_model(c, rep);
}
[[maybe_unused]] double value(const model::Sample& s, std::string_view o, std::size_t i = 0) { return s.reals(o)[i]; }
[[maybe_unused]] std::int64_t count(const model::Sample& s, std::string_view o, std::size_t i = 0) {
  return s.ints(o)[i];
}
}  // namespace

TEST(DecisionRules, AggregateVotesAsDocumented) {
  const std::vector<bool> three_of_five = {true, true, false, true, false};
  const std::vector<double> equal(5, 1.0), big_no = {1, 1, 10, 1, 1};
  EXPECT_TRUE(model::decide(DecisionRule::majority, three_of_five, equal, -1, 0.67));
  EXPECT_FALSE(model::decide(DecisionRule::majority, {true, false}, {1, 1}, -1, 0.67));  // a tie fails
  EXPECT_FALSE(model::decide(DecisionRule::unanimous, three_of_five, equal, -1, 0.67));
  EXPECT_TRUE(model::decide(DecisionRule::unanimous, {true, true}, {1, 1}, -1, 0.67));
  EXPECT_FALSE(model::decide(DecisionRule::supermajority, three_of_five, equal, -1, 0.67));  // 0.6 < 0.67
  EXPECT_TRUE(model::decide(DecisionRule::supermajority, three_of_five, equal, -1, 0.6));
  EXPECT_FALSE(model::decide(DecisionRule::weighted, three_of_five, big_no, -1, 0.67));  // 3 of 14
  EXPECT_TRUE(model::decide(DecisionRule::weighted, three_of_five, equal, -1, 0.67));
  EXPECT_TRUE(model::decide(DecisionRule::lead_decides, three_of_five, equal, 3, 0.67));
  EXPECT_FALSE(model::decide(DecisionRule::lead_decides, three_of_five, equal, 2, 0.67));
  // Casting vote: a majority as usual; a tie is broken by the chair (the lead, else the first).
  const std::vector<bool> tie = {false, true, true, false};
  EXPECT_TRUE(model::decide(DecisionRule::casting_vote, three_of_five, equal, -1, 0.67));
  EXPECT_FALSE(model::decide(DecisionRule::casting_vote, tie, {1, 1, 1, 1}, -1, 0.67));  // first member: no
  EXPECT_TRUE(model::decide(DecisionRule::casting_vote, tie, {1, 1, 1, 1}, 2, 0.67));    // the lead: yes
  EXPECT_FALSE(model::decide(DecisionRule::majority, tie, {1, 1, 1, 1}, 2, 0.67));
  // Weighted differs from majority when sizes differ: one large member outvotes three small.
  const std::vector<bool> big_yes = {true, false, false, false};
  EXPECT_TRUE(model::decide(DecisionRule::weighted, big_yes, {10, 1, 1, 1}, -1, 0.67));
  EXPECT_FALSE(model::decide(DecisionRule::majority, big_yes, {10, 1, 1, 1}, -1, 0.67));
  // Gated: a majority, and only with the gate open.
  EXPECT_TRUE(model::decide(DecisionRule::gated, three_of_five, equal, -1, 0.67, true));
  EXPECT_FALSE(model::decide(DecisionRule::gated, three_of_five, equal, -1, 0.67, false));
  EXPECT_FALSE(model::decide(DecisionRule::gated, tie, {1, 1, 1, 1}, -1, 0.67, true));
}

TEST(DecisionRules, GatedStagesWaitForThePreviousStagesSuccess) {
  // Under the gated rule no decision passes while its gate is shut: with gate_success = 1 the
  // shared orthopaedic list (programme 0, whose success is the closing of the members' spread of
  // median waits, below 1 while any spread is left) is never scaled up.
  auto c = test::collaboration_system(730);
  c.collaboratives[0].decision_rule = DecisionRule::gated;
  c.governance.gate_success = 1.0;
  model::normalise(c);
  const auto r = test::run_to_end(c, 0);
  int scale_ups = 0;
  for (const auto& e : r.model->events<model::DecisionEvent>()) {
    if (e.item != static_cast<std::int32_t>(model::Item::scale_up) || e.programme != 0) continue;
    ++scale_ups;
    EXPECT_FALSE(e.passed);
  }
  EXPECT_GT(scale_ups, 0);  // they were voted on
  // With the gate always open the rule is the majority rule: the same decisions, draw for draw.
  auto open = c, majority = c;
  open.governance.gate_success = 0.0;
  majority.collaboratives[0].decision_rule = DecisionRule::majority;
  const auto a = test::run_to_end(open, 0), b = test::run_to_end(majority, 0);
  const auto& da = a.model->events<model::DecisionEvent>();
  const auto& db = b.model->events<model::DecisionEvent>();
  ASSERT_EQ(da.size(), db.size());
  for (std::size_t k = 0; k < da.size(); ++k) EXPECT_EQ(da[k].passed, db[k].passed);
}

TEST(Governance, TrustAndCohesionStartFromPriorsAndStayInRange) {
  auto config = test::collaboration_system(1096);
  test::acute_history(config, 1.0, 6.0);
  const auto s = run(config);
  EXPECT_NEAR(value(s.front(), "collaborative_cohesion"), 2.0 / 9.0, 1e-12);
  for (const auto& x : s) {
    const double c = value(x, "collaborative_cohesion"), t = value(x, "mean_trust");
    ASSERT_TRUE(c > 0.0 && c < 1.0 && t > 0.0 && t < 1.0);
  }
}

TEST(Governance, ResultsDoNotDependOnTheThreadCount) {
  const auto c = test::collaboration_system(400);
  auto once = [&](std::size_t threads) {
    core::ThreadLimit limit(threads);
    std::vector<double> out;
    for (const auto& x : run(c, 3)) {
      for (const auto& v : x.values) out.insert(out.end(), v.begin(), v.end());
      for (const auto& v : x.counts) out.insert(out.end(), v.begin(), v.end());
    }
    return out;
  };
  const auto a = once(1), b = once(2);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) ASSERT_TRUE(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i]))) << i;
}

TEST(Governance, LeadershipHoursAreSharedOutAndDiluted) {
  // TA asked for 8 hours (committees in common) plus 4 per programme at scale: with 2 hours a
  // month it can engage 2 / asked; with 100 it engages fully and uses only what is asked.
  auto lean_config = test::collaboration_system(35), rich_config = test::collaboration_system(35);
  lean_config.trusts[0].leadership_hours = 2.0;
  rich_config.trusts[0].leadership_hours = 100.0;
  const auto lean = run(lean_config), rich = run(rich_config);
  const double asked = value(rich.back(), "leadership_hours_used", 0);
  EXPECT_GE(asked, 8.0);
  EXPECT_LT(asked, 100.0);
  EXPECT_DOUBLE_EQ(value(rich.back(), "leadership_engagement", 0), 1.0);
  EXPECT_NEAR(value(lean.back(), "leadership_engagement", 0), 2.0 / asked, 1e-12);
  EXPECT_DOUBLE_EQ(value(lean.back(), "leadership_hours_used", 0), 2.0);
}

TEST(Governance, MembersLeaveAfterMonthsOfLowTrust) {
  // Historic competition and an exit threshold above the prior trust: members leave.
  auto c = test::collaboration_system(200);
  test::acute_history(c, 1.0, 6.0);
  c.collaboratives[0].exit_trust = 0.3;
  c.collaboratives[0].exit_months = 2;
  const auto r = test::run_to_end(c, 0);
  const auto& s = r.samples;
  const auto& events = r.model->events<model::MembershipEvent>();
  ASSERT_FALSE(events.empty());
  EXPECT_FALSE(events[0].joined);
  EXPECT_LT(count(s.back(), "collaborative_members"), 5);
  EXPECT_GE(count(s.back(), "collaborative_members"), 2);
}

TEST(Mediation, AnOverruledMemberWhoDistrustsTheWinnersAsksAMediatingIcb) {
  // Low prior trust (0.22): every overruled member asks. Mediation withholds
  // mediation_restore of the evidence against the winners; with restore 0 nothing is withheld;
  // with ask_trust 0 nobody asks; without a mediating ICB there is no mediation.
  auto c = test::collaboration_system(365);
  test::acute_history(c, 1.0, 6.0);
  c.ics[0].mediates = true;
  model::normalise(c);
  const auto r = test::run_to_end(c, 0);
  const auto& m = r.model->events<model::MediationEvent>();
  ASSERT_GT(m.size(), 0u);
  for (const auto& e : m) EXPECT_GT(e.restored, 0.0);
  auto none = c;
  none.relationships.mediation_restore = 0.0;
  const auto unrestored = test::run_to_end(none, 0);  // kept alive while its events are read
  for (const auto& e : unrestored.model->events<model::MediationEvent>()) EXPECT_EQ(e.restored, 0.0);
  auto never = c;
  never.governance.mediation_ask_trust = 0.0;
  const auto asked = test::run_to_end(never, 0);
  EXPECT_TRUE(asked.model->events<model::MediationEvent>().empty());
  auto off = c;
  off.ics[0].mediates = false;
  const auto unmediated = test::run_to_end(off, 0);
  EXPECT_TRUE(unmediated.model->events<model::MediationEvent>().empty());
}

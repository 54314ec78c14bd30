// An active ICB (docs/model.md §32): reviews on their months, delegation earned by the documented
// rule and spent in proportion, the evidence both ways, and intervention that overrules.
#include <gtest/gtest.h>

#include <cmath>

#include "common/systems.hpp"
#include "model/model.hpp"

using namespace icsim;

namespace {
/// The collaboration system with a delegated budget, reviews every month.
model::Config reviewed(int days) {
  auto c = test::collaboration_system(days);
  c.collaboratives[0].delegated_budget = 6e6;
  c.oversight.review_months = 1;
  return c;
}
}  // namespace

TEST(Oversight, FixedDelegationAndNoInterventionReviewNothing) {
  model::Model m(reviewed(200), 0);
  while (!m.finished()) m.step();
  EXPECT_TRUE(m.events<model::ReviewEvent>().empty());
  EXPECT_EQ(m.world().delegated_share[0], 1.0);
}

TEST(Oversight, EarnedDelegationFollowsTheRule) {
  auto c = reviewed(730);
  c.ics[0].delegation = model::Delegation::earned;
  const auto& o = c.oversight;
  model::Model m(c, 0);
  double share = o.initial_delegation;
  std::size_t seen = 0;
  int moved = 0;
  while (!m.finished()) {
    m.step();
    const auto& ev = m.events<model::ReviewEvent>();
    for (; seen < ev.size(); ++seen) {
      const auto& e = ev[seen];
      double expected = share;
      if (seen > 0) {  // the first review has nothing to compare with
        if (e.icb_trust >= o.delegate_trust && e.improved) expected = std::min(1.0, share + o.delegation_step);
        if (e.icb_trust < o.delegate_trust && !e.improved) expected = std::max(0.0, share - o.delegation_step);
      }
      ASSERT_DOUBLE_EQ(e.share, expected) << "review " << seen;
      moved += e.share != share;
      share = e.share;
    }
  }
  EXPECT_EQ(seen, 24u);  // one review a month for two years
  EXPECT_GT(moved, 0) << "the share never moved: the rule was not exercised";
}

TEST(Oversight, TheDelegatedShareOfTheBudgetIsWhatIsSpent) {
  // No review within the run: the share stays where it starts, and each month's activity bought
  // is that share of what the whole budget buys.
  auto whole = reviewed(120);
  whole.ics[0].delegation = model::Delegation::earned;
  whole.oversight.review_months = 24;
  whole.oversight.initial_delegation = 1.0;
  auto part = whole;
  part.oversight.initial_delegation = 0.3;
  auto none = whole;
  none.oversight.initial_delegation = 0.0;
  model::Model a(whole, 0), b(part, 0), z(none, 0);
  while (!a.finished()) {
    a.step();
    b.step();
    z.step();
  }
  const auto& x = a.events<model::DelegatedEvent>();
  const auto& y = b.events<model::DelegatedEvent>();
  ASSERT_EQ(x.size(), 3u);  // April, May and June end within 120 days of 1 April
  ASSERT_EQ(y.size(), x.size());
  for (std::size_t k = 0; k < x.size(); ++k) EXPECT_NEAR(y[k].slots_per_day, 0.3 * x[k].slots_per_day, 1e-12);
  EXPECT_TRUE(z.events<model::DelegatedEvent>().empty());
}

TEST(Oversight, AnInterveningIcbScalesUpTheSharedListAndLosesTrust) {
  // Every list misses a target of 100% within 18 weeks: at the first review the ICB directs the
  // collaborative's shared orthopaedic list up, and the members read it as negative evidence.
  auto c = reviewed(40);
  c.ics[0].intervenes = true;
  c.oversight.intervene_share = 1.0;
  auto mild = c;
  mild.oversight.overrule_weight = 0.0;
  model::Model a(c, 0), b(mild, 0);
  while (!a.finished()) {
    a.step();
    b.step();
  }
  const auto& ev = a.events<model::ReviewEvent>();
  ASSERT_FALSE(ev.empty());
  EXPECT_EQ(ev.front().action, model::ReviewAction::directed);
  EXPECT_GE(ev.front().trust, 0);
  const std::size_t icb = c.icb_index(0);
  bool directed = false;
  for (const auto& p : a.events<model::ProgrammeEvent>()) {
    directed |= p.day == ev.front().day && p.action != model::ProgrammeAction::stop &&
                p.type == model::ProgrammeType::shared_waiting_list;
  }
  EXPECT_TRUE(directed);
  for (int t : c.collaboratives[0].members) {
    EXPECT_LT(a.relationships().trust(static_cast<std::size_t>(t), icb),
              b.relationships().trust(static_cast<std::size_t>(t), icb));
  }
}

// Governance that evolves (docs/model.md §33): forms deepen one step per deepen_months of high
// cohesion with waits no worse, loosen one step per loosen_months of low cohesion and dissolve
// from committees in common; a merger pools the shared list in full.
#include <gtest/gtest.h>

#include "common/configs.hpp"
#include "model/model.hpp"

using namespace icsim;
using model::FormEvent;

namespace {
/// Two pooled trusts with capacity to spare (waits fall), evolving, with prior evidence between them.
model::Config evolving(double positive, double negative, int days) {
  auto c = test::two_trusts(8.0, 10.0, days, 10.0, true);
  c.trusts[0].initial[0] = {1500, 20.0};
  c.trusts[1].initial[0] = {500, 10.0};
  c.trusts[1].capacity = {12.0};  // T1 has the most capacity: it leads
  c.collaboratives[0].evolves = true;
  c.priors.push_back({"T0", "T1", positive, negative, true});
  c.forms.deepen_months = 2;
  c.forms.loosen_months = 2;
  c.forms.dissolve_months = 3;
  return c;
}

/// Months (as counted by month ends) between the run's start and each form event.
std::vector<int> months_of(const model::Model& m, const std::vector<core::Step>& month_ends) {
  std::vector<int> out;
  for (const auto& e : m.events<FormEvent>()) {
    out.push_back(static_cast<int>(std::find(month_ends.begin(), month_ends.end(), e.day) - month_ends.begin()) + 1);
  }
  return out;
}
}  // namespace

TEST(Forms, HighCohesionDeepensOneStepAtATimeToAMerger) {
  const auto c = evolving(40.0, 0.0, 300);
  model::Model m(c, 0);
  std::vector<core::Step> month_ends;
  bool pledged_in_full = false;
  while (!m.finished()) {
    m.step();
    if (m.month_ended()) month_ends.push_back(m.world().day - 1);
    if (m.world().form[0] == model::Governance::merged) {
      const auto& pool = m.pools().front();
      pledged_in_full = pool.pledge.size() == 2 && pool.pledge[0] == 1.0 && pool.pledge[1] == 1.0;
    }
  }
  const auto& ev = m.events<FormEvent>();
  ASSERT_EQ(ev.size(), 3u);
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(ev[k].from, k);
    EXPECT_EQ(ev[k].to, k + 1);
  }
  EXPECT_EQ(months_of(m, month_ends), (std::vector<int>{2, 4, 6}));
  EXPECT_EQ(ev[1].lead, 1);  // lead provider: the member with the most capacity
  EXPECT_EQ(m.programmes()[0].scale, 1.0);
  EXPECT_TRUE(pledged_in_full);
  EXPECT_EQ(m.sample().ints("governance_form")[0], 3);
}

TEST(Forms, LowCohesionLoosensThenDissolves) {
  auto c = evolving(0.0, 40.0, 300);
  c.collaboratives[0].governance = model::Governance::joint_committee;
  model::Model m(c, 0);
  std::vector<core::Step> month_ends;
  while (!m.finished()) {
    m.step();
    if (m.month_ended()) month_ends.push_back(m.world().day - 1);
  }
  const auto& ev = m.events<FormEvent>();
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0].to, 0);                  // joint committee -> committees in common
  EXPECT_EQ(ev[1].to, model::kDissolved);  // ... -> dissolved
  EXPECT_EQ(months_of(m, month_ends), (std::vector<int>{2, 5}));
  EXPECT_TRUE(m.world().members[0].empty());
  EXPECT_FALSE(m.programmes()[0].active);
  EXPECT_EQ(m.sample().ints("governance_form")[0], model::kDissolved);
}

TEST(Forms, WithoutEvolvesTheFormNeverMoves) {
  auto c = evolving(40.0, 0.0, 300);
  c.collaboratives[0].evolves = false;
  model::Model m(c, 0);
  while (!m.finished()) m.step();
  EXPECT_TRUE(m.events<FormEvent>().empty());
  EXPECT_EQ(m.world().form[0], model::Governance::committees_in_common);
}

// Strategies, perceptions and learning (docs/model.md §26): the decision rules, the draws of
// first strategies from mixtures, the perception of acts, the memory of moves, the learning
// rule, and each strategy acting where it is wired (mutual aid, shared-list pledges).
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "common/run.hpp"
#include "common/systems.hpp"
#include "model/config.hpp"
#include "model/model.hpp"
#include "model/strategies/strategies.hpp"
#include "model/world.hpp"

using namespace icsim;
using model::PairMemory;
using model::Strategy;

namespace {

std::int64_t total(const std::vector<model::Sample>& samples, const char* name) {
  std::int64_t n = 0;
  for (const auto& s : samples) {
    for (auto x : s.ints(name)) n += x;
  }
  return n;
}

void everyone(model::Config& c, const char* strategy) {
  c.strategy_mixes.push_back({"*", {strategy}, {1.0}});
}

}  // namespace

TEST(StrategyRules, EachStrategyAsDefined) {
  const PairMemory none{}, cc{1, 1}, cd{1, 0}, dc{0, 1}, dd{0, 0};
  using model::cooperation;
  for (const auto& m : {none, cc, cd, dc, dd}) {
    EXPECT_EQ(cooperation(Strategy::cooperator, m, 0.0, 0.3), 1.0);
    EXPECT_EQ(cooperation(Strategy::free_rider, m, 1.0, 0.3), 0.0);
    EXPECT_EQ(cooperation(Strategy::threshold, m, 0.42, 0.3), 0.42);  // the decision's trust rule
  }
  EXPECT_EQ(cooperation(Strategy::tit_for_tat, none, 0.0, 0.3), 1.0);  // nice: cooperates first
  EXPECT_EQ(cooperation(Strategy::tit_for_tat, dc, 0.0, 0.3), 1.0);
  EXPECT_EQ(cooperation(Strategy::tit_for_tat, cd, 1.0, 0.3), 0.0);
  EXPECT_EQ(cooperation(Strategy::generous, cd, 0.0, 0.3), 0.3);
  EXPECT_EQ(cooperation(Strategy::generous, cc, 0.0, 0.3), 1.0);
  EXPECT_EQ(cooperation(Strategy::win_stay_lose_shift, cc, 0.0, 0.3), 1.0);  // win: stay
  EXPECT_EQ(cooperation(Strategy::win_stay_lose_shift, dd, 0.0, 0.3), 1.0);  // lose: shift
  EXPECT_EQ(cooperation(Strategy::win_stay_lose_shift, cd, 1.0, 0.3), 0.0);  // lose: shift
  EXPECT_EQ(cooperation(Strategy::win_stay_lose_shift, dc, 1.0, 0.3), 0.0);  // win: stay
}

TEST(StrategyMixtures, FirstStrategiesAreDrawnInTheMixturesShares) {
  // 40 replications x 7 trusts drawing from {tit_for_tat 0.3, free_rider 0.7}: the share of tit
  // for tat within 4 binomial standard errors.
  auto c = test::collaboration_system(28);
  c.strategy_mixes.push_back({"*", {"tit_for_tat", "free_rider"}, {0.3, 0.7}});
  model::normalise(c);
  int tft = 0, n = 0;
  for (std::uint64_t r = 0; r < 40; ++r) {
    model::Model m(c, r);
    const auto s = m.sample().ints("organisation_strategy");
    for (auto x : s) {
      ASSERT_TRUE(x == 2 || x == 5);
      tft += x == 2;
      ++n;
    }
  }
  const double p = static_cast<double>(tft) / n;
  EXPECT_NEAR(p, 0.3, 4.0 * std::sqrt(0.3 * 0.7 / n));
}

TEST(StrategyMixtures, LaterEntriesOverrideEarlierOnesAndBadEntriesAreReported) {
  auto c = test::collaboration_system(28);
  everyone(c, "free_rider");
  c.strategy_mixes.push_back({"TA", {"cooperator"}, {1.0}});
  model::normalise(c);
  model::Model m(c, 0);
  const auto ids = c.organisation_ids();
  const auto s = m.sample().ints("organisation_strategy");
  for (std::size_t k = 0; k < ids.size(); ++k) EXPECT_EQ(s[k], ids[k] == "TA" ? 1 : 5) << ids[k];

  auto bad = test::collaboration_system(28);
  bad.strategy_mixes.push_back({"nobody", {"tit_for_tat", "spite"}, {0.5}});
  bad.strategies.repertoire = {"grim"};
  const auto issues = model::find_issues(bad);
  std::vector<std::string> paths;
  for (const auto& i : issues) paths.push_back(i.path);
  EXPECT_NE(std::find(paths.begin(), paths.end(), "strategy[0].organisations"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "strategy[0].strategies[1]"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "strategy[0].shares"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "strategies.repertoire[0]"), paths.end());
}

TEST(Perception, ActsAreSeenWithTheirChanceAndMisreadWithTheNoise) {
  auto c = test::collaboration_system(28);
  c.relationships.observe_base = 0.4;
  c.relationships.judgement_noise = 0.15;
  c.trusts[1].openness = 0.5;  // seen with 0.4 + 0.6 x 0.5 = 0.7
  model::normalise(c);
  model::World w(c, 0);
  const int N = 20000;
  int seen0 = 0, wrong0 = 0, seen1 = 0;
  for (int k = 0; k < N; ++k) {
    const auto a = w.perceive(1, 0, true, 9, k);
    if (a) {
      ++seen0;
      wrong0 += !*a;
    }
    seen1 += w.perceive(0, 1, false, 9, k).has_value();
  }
  const double p0 = 0.4 + 0.6 * c.trusts[0].openness;
  EXPECT_NEAR(seen0 / double(N), p0, 4.0 * std::sqrt(p0 * (1 - p0) / N));
  EXPECT_NEAR(seen1 / double(N), 0.7, 4.0 * std::sqrt(0.7 * 0.3 / N));
  EXPECT_NEAR(wrong0 / double(seen0), 0.15, 4.0 * std::sqrt(0.15 * 0.85 / seen0));
  // The same address gives the same perception (common random numbers).
  EXPECT_EQ(w.perceive(1, 0, true, 9, 5), w.perceive(1, 0, true, 9, 5));
  // Deterministic when every act is seen and none misread.
  auto d = test::collaboration_system(28);
  model::normalise(d);
  model::World wd(d, 0);
  EXPECT_EQ(wd.perceive(1, 0, false, 9, 3), std::optional<bool>(false));
}

TEST(Perception, ObservedEvidenceAddsTheWeightTimesOpennessOnTheReadSide) {
  auto c = test::collaboration_system(28);
  model::normalise(c);
  model::World w(c, 0);
  const double f = w.evidence_factor(1);
  const double r0 = w.rel.positive(0, 1), s0 = w.rel.negative(0, 1);
  EXPECT_EQ(w.observe(0, 1, true, 2.0, 9, 0), std::optional<bool>(true));
  EXPECT_DOUBLE_EQ(w.rel.positive(0, 1) - r0, 2.0 * f);
  EXPECT_EQ(w.observe(0, 1, false, 1.0, 9, 1), std::optional<bool>(false));
  EXPECT_DOUBLE_EQ(w.rel.negative(0, 1) - s0, 1.0 * f);
}

TEST(Memory, EachSideRemembersItsOwnMoveAndWhatItSaw) {
  auto c = test::collaboration_system(28);
  model::normalise(c);
  model::World w(c, 0);
  w.strategy[0] = Strategy::tit_for_tat;
  EXPECT_EQ(w.cooperation(0, 1, 0.0), 1.0);  // no history: cooperates
  w.remember(1, 0, false, false);            // 1 defected on 0, 0 saw it
  EXPECT_EQ(w.memory[1 * w.orgs + 0].mine, 0);
  EXPECT_EQ(w.memory[0 * w.orgs + 1].theirs, 0);
  EXPECT_EQ(w.cooperation(0, 1, 1.0), 0.0);  // tit for tat retaliates
  w.remember(1, 0, true, std::nullopt);      // unseen: 0 still remembers the defection
  EXPECT_EQ(w.cooperation(0, 1, 1.0), 0.0);
  // Towards a group: the mean over partners.
  w.remember(2, 0, true, true);
  EXPECT_DOUBLE_EQ(w.cooperation(0, std::vector<int>{0, 1, 2}, 1.0), 0.5);
}

TEST(Learning, NoLearningKeepsEveryStrategyAndDrawsNothing) {
  auto c = test::collaboration_system(365);
  c.strategy_mixes.push_back({"*", {"tit_for_tat", "free_rider", "cooperator"}, {0.4, 0.3, 0.3}});
  model::normalise(c);
  auto r = test::run_to_end(c, 1);
  const auto first = r.samples.front().ints("organisation_strategy");
  for (const auto& s : r.samples) EXPECT_EQ(s.ints("organisation_strategy"), first);
  EXPECT_TRUE(r.model->events<model::StrategyRevision>().empty());
}

TEST(Learning, AttractionsFollowTheReinforcementRule) {
  // One revision after three month ends: the strategy used gets phi x its mean monthly payoff
  // over them (the fall of the mean published median of the lists the organisation answers
  // for; the first month end has no earlier median, so no payoff); the others decay from 0.
  auto c = test::collaboration_system(28);
  c.strategies.learning_rate = 0.25;
  c.strategies.revision_months = 3;
  model::normalise(c);
  model::World w(c, 0);
  model::Strategies s;
  s.build(w);
  const std::size_t S = w.specialties();
  const double medians[] = {20.0, 19.0, 18.5};
  for (int m = 0; m < 3; ++m) {
    for (std::size_t l = 0; l < S; ++l) w.published_median[l] = medians[m] + static_cast<double>(l);  // trust 0
    s.revise(w, 28 * m);
    ++w.month_index;
  }
  // Payoffs (20 - 19) + (19 - 18.5) over the 3 months.
  const auto& a = s.attractions();
  const auto used = static_cast<std::size_t>(Strategy::threshold);
  EXPECT_NEAR(a[used], 0.25 * 1.5 / 3.0, 1e-12);
  for (std::size_t k = 0; k < model::kStrategies; ++k) {
    if (k != used) {
      EXPECT_EQ(a[k], 0.0);
    }
  }
}

TEST(StrategiesActing, FreeRidersGiveNoAidAndCooperatorsRefuseNone) {
  for (const char* who : {"free_rider", "cooperator"}) {
    auto c = test::mental_health_system(365, true);
    everyone(c, who);
    model::normalise(c);
    const auto samples = test::run_model(c, 0);
    if (std::string(who) == "free_rider") {
      EXPECT_EQ(total(samples, "cooperative_decisions"), 0);
      EXPECT_EQ(total(samples, "placed_at_partners"), 0);
      EXPECT_GT(total(samples, "defecting_decisions"), 0);
    } else {
      EXPECT_EQ(total(samples, "defecting_decisions"), 0);
      EXPECT_GT(total(samples, "cooperative_decisions"), 0);
    }
  }
}

TEST(StrategiesActing, FreeRidersPledgeNothingToASharedList) {
  auto c = test::collaboration_system(180);
  everyone(c, "free_rider");
  model::normalise(c);
  const auto samples = test::run_model(c, 0);
  EXPECT_EQ(total(samples, "pool_pledged_slots"), 0);
  EXPECT_EQ(total(samples, "cooperative_decisions"), 0);
  EXPECT_GT(total(samples, "defecting_decisions"), 0);
}

#pragma once
// Parameters of strategies and learning ([strategies], [[strategy]]).
#include <string>
#include <vector>

#include "core/params.hpp"
#include "model/strategies/strategy.hpp"

namespace icsim::model {

/// A mixture of strategies for a group of organisations ([[strategy]]): each organisation of
/// the group draws its first strategy from it; later entries override earlier ones.
struct StrategyMixConfig {
  std::string organisations;             ///< organisation id or group, as [[relationship]] from
  std::vector<std::string> strategies;   ///< names (kStrategyNames)
  std::vector<double> shares;            ///< same length, summing to 1

  template <class V>
  void fields(V& v) {
    v.param(organisations, "organisations").needed()
        .describe("Organisation id, or a group: '*', 'type:<trust type>', 'ics:<id>', 'collaborative:<id>'");
    v.param(strategies, "strategies").needed()
        .describe("Strategies of the mixture: threshold, cooperator, tit_for_tat, generous_tit_for_tat, "
                  "win_stay_lose_shift, free_rider");
    v.param(shares, "shares").unit_is("1").needed()
        .describe("Share of the group drawing each strategy (same length as strategies, summing to 1)");
  }
  friend bool operator==(const StrategyMixConfig&, const StrategyMixConfig&) = default;
};

/// How organisations choose and revise strategies (docs/model.md §26).
struct StrategiesConfig {
  Strategy initial = Strategy::threshold;  ///< organisations named by no [[strategy]]
  double generosity = 1.0 / 3.0;           ///< generous tit for tat: P(cooperate) after a defection
  double learning_rate = 0.0;              ///< phi: weight of the latest payoff in an attraction
  double choice_sensitivity = 4.0;         ///< lambda: per week of median wait
  int revision_months = 3;                 ///< months between revisions
  std::vector<std::string> repertoire;     ///< strategies an organisation may learn (empty: all)

  template <class V>
  void fields(V& v) {
    v.choice(initial, "initial", kStrategyNames)
        .describe("Strategy of organisations no [[strategy]] entry names (threshold: each decision's trust rule)");
    v.param(generosity, "generosity").unit_is("1").at_least(0).at_most(1)
        .describe("Generous tit for tat: probability of cooperating after a partner's defection")
        .from("Nowak and Sigmund (1992), Nature 355:250-253: g = min(1 - (T-R)/(R-S), (R-P)/(T-P)), "
              "1/3 for Axelrod's payoffs");
    v.param(learning_rate, "learning_rate").unit_is("1").at_least(0).at_most(1)
        .describe("phi: at each revision the attraction of the strategy used moves this share of the way to "
                  "its mean monthly payoff, the others decay by (1 - phi); 0: strategies never change")
        .from("Reinforcement learning (Roth and Erev 1995; Camerer and Ho 1999, experience-weighted "
              "attraction with delta = 0); assumption, plausible range 0-0.5");
    v.param(choice_sensitivity, "choice_sensitivity").unit_is("per week").at_least(0).at_most(1000)
        .describe("lambda: P(strategy k) is proportional to exp(lambda x attraction_k), attractions in weeks of "
                  "median wait gained per month")
        .from("Logit choice (Camerer and Ho 1999); assumption, plausible range 0.5-20");
    v.param(revision_months, "revision_months").unit_is("months").at_least(1).at_most(120)
        .describe("Months between an organisation's revisions of its strategy")
        .from("Assumption: quarterly board reviews; plausible range 1-12");
    v.param(repertoire, "repertoire")
        .describe("Strategies an organisation may move to when it learns (empty: all six)");
  }
  friend bool operator==(const StrategiesConfig&, const StrategiesConfig&) = default;
};

}  // namespace icsim::model

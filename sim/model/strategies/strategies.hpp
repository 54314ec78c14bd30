#pragma once
// Strategies and learning (docs/model.md §26). Each organisation holds a strategy
// (World::strategy), drawn at the start from its group's mixture ([[strategy]]); the mechanisms
// where discretionary choices are made (mutual aid, shared-list pledges) ask World::cooperation.
// With a learning rate, every revision_months an organisation reinforces the strategy it used by
// its mean monthly payoff (the fall of the mean median wait of the lists it answers for: a
// trust its own, an ICB its system's, a place partner its partnership's) and draws its next
// strategy by a logit choice over its repertoire.
#include <vector>

#include "model/mechanism.hpp"
#include "model/strategies/events.hpp"
#include "model/strategies/observables.hpp"
#include "model/world.hpp"

namespace icsim::model {

struct Config;
struct ConfigIssue;

class Strategies : public MechanismBase {
 public:
  static constexpr const auto& kObservables = kStrategyObservables;
  enum class Draw : core::Purpose { assign = 15, revise = 16 };
  static constexpr std::array<core::Purpose, 2> kDraws{15, 16};

  void build(World& w);
  /// At each month's end: the month's payoffs; at a revision, learning.
  void revise(World& w, core::Step d);
  void take_flows(World& w);
  void sample(const World& w, SampleView out) const;
  void state(core::Archive& ar) { ar(attraction_, payoff_, last_wait_, months_, taken_, events_); }
  [[nodiscard]] const auto& events() const { return events_; }
  [[nodiscard]] const std::vector<double>& attractions() const noexcept { return attraction_; }

 private:
  [[nodiscard]] double mean_wait(const World& w, std::size_t k) const;

  std::vector<std::vector<int>> answers_for_;  ///< per organisation: the trusts whose waits are its payoff
  std::vector<Strategy> repertoire_;
  std::vector<double> attraction_;  ///< organisations x kStrategies
  std::vector<double> payoff_;      ///< per organisation: payoffs summed since the last revision
  std::vector<double> last_wait_;   ///< per organisation: mean median wait at the last month's end
  int months_ = 0;                  ///< months since the last revision
  std::vector<std::int64_t> taken_;  ///< cooperated then defected, per organisation, for the sample
  EventTables<StrategyRevision> events_;
};

/// Problems of [[strategy]] entries and [strategies] names (model::find_issues).
void check_strategies(const Config& c, std::vector<ConfigIssue>& out);

}  // namespace icsim::model

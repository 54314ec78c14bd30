#pragma once
// Trust between organisations (docs/model.md §15-§16): the Beta reputation model's monthly
// forgetting, the positive evidence of leaders' time together (saturating with the hours a pair
// shares, diluted across forums) and leadership turnover (scheduled or at a yearly hazard),
// which discounts an organisation's evidence both ways. Other evidence comes from the
// mechanisms where the interaction happens (shared lists, mutual aid, votes, capital, quick
// wins); the evidence store itself is World::rel.
#include <vector>

#include "model/mechanism.hpp"
#include "model/relationships/events.hpp"
#include "model/relationships/observables.hpp"
#include "model/relationships/params.hpp"
#include "model/world.hpp"

namespace icsim::model {

class TrustEvidence : public MechanismBase {
 public:
  static constexpr const auto& kObservables = kTrustObservables;
  enum class Draw : core::Purpose { turnover = 9 };  ///< a random change of leadership
  /// 9: turnover; 17: perceptions of acts (World::perceive, kObservePurpose).
  static constexpr std::array<core::Purpose, 2> kDraws{9, kObservePurpose};

  void build(World& w);
  /// Monthly forgetting: all evidence times lambda.
  static void forget(World& w);
  void time_evidence(World& w);
  void turnover(World& w, core::Step d);
  void sample(const World& w, SampleView out) const;
  void state(core::Archive& ar) { ar(events_); }
  [[nodiscard]] const auto& events() const { return events_; }

 private:
  std::vector<TurnoverEvent> scheduled_;
  EventTables<TurnoverRecord> events_;
};

}  // namespace icsim::model

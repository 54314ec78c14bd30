#pragma once
// Governance that evolves (docs/model.md §33): each month an evolving collaborative
// (collaborative.evolves) counts months of high cohesion with programmes that succeed (their mean
// Programmes::success), and months of low cohesion. Enough of the first deepen its form one step (committees in
// common, joint committee, lead provider, merged); enough of the second loosen it one step, and
// at committees in common dissolve it: its programmes stop and its members leave. A merger puts
// the collaborative's shared lists at full scale; merged members pledge in full, do not withhold
// patients and always grant each other aid.
#include <vector>

#include "model/forms/events.hpp"
#include "model/forms/observables.hpp"
#include "model/mechanism.hpp"
#include "model/programmes/programmes.hpp"
#include "model/world.hpp"

namespace icsim::model {

class Forms : public MechanismBase {
 public:
  static constexpr const auto& kObservables = kFormObservables;

  void build(World& w);
  /// At each month's end, after the meetings: the forms that move.
  void month(World& w, Programmes& programmes, core::Step d);
  void sample(const World& w, SampleView out) const;
  void state(core::Archive& ar) { ar(high_, low_, dissolved_, events_); }
  [[nodiscard]] const auto& events() const { return events_; }

 private:
  /// The mean success of c's active programmes (Programmes::success), NaN if none is active.
  [[nodiscard]] static double performance(const World& w, std::size_t c);
  void change(World& w, Programmes& programmes, std::size_t c, std::uint8_t to, double cohesion, core::Step d);

  std::vector<int> high_, low_;      ///< per collaborative: consecutive months counting up / down
  std::vector<char> dissolved_;      ///< per collaborative
  EventTables<FormEvent> events_;
};

}  // namespace icsim::model

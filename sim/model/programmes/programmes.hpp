#pragma once
// Programmes of provider collaboratives (docs/model.md §17-§18): shared waiting lists, mutual-aid
// pacts, shared diagnostics, workforce pools and joint procurement. A programme runs on its
// scheduled days or as its collaborative's votes decide (model/governance), at a scale that
// starts small or big bang and grows. Realised benefits are quick wins (evidence for the
// relationships); diagnostics and workforce pools raise members' capacity; procurement saves
// money. Shared lists and pacts act through their own mechanisms.
#include <vector>

#include "model/mechanism.hpp"
#include "model/programmes/events.hpp"
#include "model/programmes/observables.hpp"
#include "model/world.hpp"

namespace icsim::model {

class Programmes : public MechanismBase {
 public:
  static constexpr const auto& kObservables = kProgrammeObservables;

  /// Programmes not decided by votes run on their days; a governed one stops at its stop_day.
  void schedule(World& w, core::Step d);
  /// Starts, scales or stops programme p (an event; its effects are refreshed after the phase).
  void set(World& w, std::size_t p, bool active, double scale, core::Step d);
  /// The benefit a programme realises this month, 0..1: for a shared list, how far the spread
  /// of members' median waits has closed since it started; for the others, delivery (1).
  [[nodiscard]] static double success(const World& w, const Programme& pr);
  /// Whether member m counts programme pr's success as its own win (shared lists: only members
  /// whose median wait has not risen since it started).
  [[nodiscard]] static bool gains_from(const World& w, const Programme& pr, int m);
  /// Quick wins: positive evidence among the members who gain from an active programme.
  static void benefit_evidence(World& w);
  /// Joint procurement savings of the month.
  static void savings(World& w);
  /// Members' capacity gains from shared diagnostics and workforce pools at their scale.
  static void capacity_gains(World& w);
  void take_flows(World& w);
  void sample(const World& w, SampleView out) const;
  void state(core::Archive& ar) { ar(savings_, events_); }
  [[nodiscard]] const auto& events() const { return events_; }

 private:
  std::vector<double> savings_;  ///< per programme: GBP of the interval just ended
  EventTables<ProgrammeEvent> events_;
};

}  // namespace icsim::model

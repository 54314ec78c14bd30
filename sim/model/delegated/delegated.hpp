#pragma once
// Delegated budgets (docs/model.md §19): a collaborative's budget buys extra activity (at the
// tariff) for the coming month at the member list with the longest median wait.
#include "model/delegated/events.hpp"
#include "model/mechanism.hpp"
#include "model/world.hpp"

namespace icsim::model {

class DelegatedBudgets : public MechanismBase {
 public:
  /// At each month's end: next month's extra slots per working day (World::extra_per_day).
  void plan(World& w, core::Step d);
  void state(core::Archive& ar) { ar(events_); }
  [[nodiscard]] const auto& events() const { return events_; }

 private:
  EventTables<DelegatedEvent> events_;
};

}  // namespace icsim::model

#pragma once
// The event tables of this mechanism (written as /events/<name>; see model/events.hpp).
#include <cstdint>

#include "model/events.hpp"
#include "model/strategies/strategy.hpp"

namespace icsim::model {

/// An organisation's revision of its strategy (only when it changes).
struct StrategyRevision {
  static constexpr const char* kName = "strategy_revisions";
  static constexpr const char* kDescription =
      "Organisations moving to another strategy by learning";
  std::int32_t day, organisation, from, to;
  double payoff;
  template <class V>
  void columns(V& v) const {
    v.number("day", day, "day");
    v.id("organisation", organisation, "organisation", "");
    v.label("from", from, kStrategyNames);
    v.label("to", to, kStrategyNames);
    v.number("mean_payoff", payoff, "weeks per month");
  }
  template <class Ar>
  void serialize(Ar& ar) {
    ar(day, organisation, from, to, payoff);
  }
};

}  // namespace icsim::model

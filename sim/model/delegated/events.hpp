#pragma once
// The event tables of this mechanism (written as /events/<name>; see model/events.hpp).
#include <array>
#include <cstdint>
#include <vector>

#include "model/entities.hpp"
#include "model/events.hpp"

namespace icsim::model {

struct DelegatedEvent {
  static constexpr const char* kName = "delegated";
  static constexpr const char* kDescription = "Extra activity bought with delegated budgets, monthly";
  std::int32_t day, collaborative, trust, specialty;
  double slots_per_day;
  template <class V>
  void columns(V& v) const {
    v.number("day", day, "day");
    v.id("collaborative", collaborative, "collaborative", "");
    v.id("trust", trust, "trust", "");
    v.id("specialty", specialty, "specialty", "all");
    v.number("slots_per_working_day", slots_per_day, "treatments per working day");
  }
  template <class Ar>
  void serialize(Ar& ar) {
    ar(day, collaborative, trust, specialty, slots_per_day);
  }
};

}  // namespace icsim::model

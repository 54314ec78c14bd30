#pragma once
// The event tables of this mechanism (written as /events/<name>; see model/events.hpp).
#include <cstdint>

#include "model/events.hpp"

namespace icsim::model {

/// A month's purchase for one list.
struct OutsourcingEvent {
  static constexpr const char* kName = "outsourcing";
  static constexpr const char* kDescription = "Treatments the ICB buys from the independent sector, monthly, by list";
  std::int32_t day, ics, trust, specialty;
  double per_working_day;
  template <class V>
  void columns(V& v) const {
    v.number("day", day, "day");
    v.id("ics", ics, "ics", "");
    v.id("trust", trust, "trust", "");
    v.id("specialty", specialty, "specialty", "");
    v.number("treatments_per_working_day", per_working_day, "treatments per working day");
  }
  template <class Ar>
  void serialize(Ar& ar) {
    ar(day, ics, trust, specialty, per_working_day);
  }
};

}  // namespace icsim::model

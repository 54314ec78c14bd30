#pragma once
// The event tables of this mechanism (written as /events/<name>; see model/events.hpp).
#include <array>
#include <cstdint>
#include <vector>

#include "model/entities.hpp"
#include "model/events.hpp"

namespace icsim::model {

struct TurnoverRecord {
  static constexpr const char* kName = "turnover";
  static constexpr const char* kDescription = "Changes of leadership";
  std::int32_t day, organisation;
  template <class V>
  void columns(V& v) const {
    v.number("day", day, "day");
    v.id("organisation", organisation, "organisation", "");
  }
  template <class Ar>
  void serialize(Ar& ar) {
    ar(day, organisation);
  }
};

}  // namespace icsim::model

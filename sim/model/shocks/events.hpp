#pragma once
// The event tables of this mechanism (written as /events/<name>; see model/events.hpp).
#include <array>
#include <cstdint>
#include <vector>

#include "model/entities.hpp"
#include "model/events.hpp"
#include "model/shocks/params.hpp"

namespace icsim::model {

/// A shock of the scenario's timeline with its drawn intensity (one row per shock, at the start).
struct ShockRecord {
  static constexpr const char* kName = "shocks";
  static constexpr const char* kDescription = "The shocks of the scenario's timeline, with their drawn intensity";
  std::int32_t shock;
  ShockType type;
  std::int32_t start_day, end_day;
  std::vector<int> trusts;  ///< empty: all
  double intensity;
  template <class V>
  void columns(V& v) const {
    v.id("id", shock, "shock", "");
    v.label("type", type, kShockTypeNames);
    v.number("start_day", start_day, "day");
    v.number("end_day", end_day, "day");
    v.ids("trusts", trusts, "trust", "all");
    v.number("intensity", intensity, "1");
  }
  template <class Ar>
  void serialize(Ar& ar) {
    ar(shock, type, start_day, end_day, trusts, intensity);
  }
};

}  // namespace icsim::model

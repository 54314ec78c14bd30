#pragma once
// The event tables of this mechanism (written as /events/<name>; see model/events.hpp).
#include <array>
#include <cstdint>

#include "model/events.hpp"

namespace icsim::model {

/// Governance forms and dissolution, as written in events and the governance_form observable.
inline constexpr std::array<const char*, 5> kFormNames = {"committees_in_common", "joint_committee", "lead_provider",
                                                          "merged", "dissolved"};
inline constexpr std::uint8_t kDissolved = 4;

struct FormEvent {
  static constexpr const char* kName = "governance_forms";
  static constexpr const char* kDescription = "An evolving collaborative's governance form deepening, loosening or dissolving";
  std::int32_t day, collaborative;
  std::uint8_t from, to;  ///< kFormNames
  double cohesion;
  std::int32_t lead;  ///< the lead provider after the change (-1: none)
  template <class V>
  void columns(V& v) const {
    v.number("day", day, "day");
    v.id("collaborative", collaborative, "collaborative", "");
    v.label("from", from, kFormNames);
    v.label("to", to, kFormNames);
    v.number("cohesion", cohesion, "1");
    v.id("lead", lead, "trust", "none");
  }
  template <class Ar>
  void serialize(Ar& ar) {
    ar(day, collaborative, from, to, cohesion, lead);
  }
};

}  // namespace icsim::model

#pragma once
// The event tables of this mechanism (written as /events/<name>; see model/events.hpp).
#include <array>
#include <cstdint>
#include <vector>

#include "model/entities.hpp"
#include "model/events.hpp"

namespace icsim::model {

inline constexpr std::array<const char*, 2> kProcessNames = {"unbrokered", "brokered"};

struct CapitalEvent {
  static constexpr const char* kName = "capital";
  static constexpr const char* kDescription = "Yearly capital allocations: every bid, ranked";
  std::int32_t day, ics, trust, rank, specialty;  ///< specialty: -1 when not awarded
  bool awarded;
  double score;
  bool brokered;
  template <class V>
  void columns(V& v) const {
    v.number("day", day, "day");
    v.id("ics", ics, "ics", "");
    v.id("trust", trust, "trust", "");
    v.number("rank", rank, "");
    v.flag("awarded", awarded);
    v.id("specialty", specialty, "specialty", "");
    v.number("score", score, "");
    v.label("process", brokered, kProcessNames);
  }
  template <class Ar>
  void serialize(Ar& ar) {
    ar(day, ics, trust, rank, specialty, awarded, score, brokered);
  }
};

}  // namespace icsim::model

#pragma once
// The event tables of this mechanism (written as /events/<name>; see model/events.hpp).
#include <array>
#include <cstdint>
#include <vector>

#include "model/entities.hpp"
#include "model/events.hpp"

namespace icsim::model {

enum class ProgrammeAction : std::uint8_t { start, stop, scale_up };
inline constexpr std::array<const char*, 3> kProgrammeActionNames = {"start", "stop", "scale_up"};

/// A programme starting, stopping or growing.
struct ProgrammeEvent {
  static constexpr const char* kName = "programmes";
  static constexpr const char* kDescription = "Programmes starting, growing and stopping, in order";
  std::int32_t day, collaborative, programme, specialty;  ///< programme: within the collaborative; specialty -1: all
  ProgrammeType type;
  ProgrammeAction action;
  double scale;  ///< after the event
  template <class V>
  void columns(V& v) const {
    v.number("day", day, "day");
    v.id("collaborative", collaborative, "collaborative", "");
    v.number("programme", programme, "");
    v.label("type", type, kProgrammeTypeNames);
    v.id("specialty", specialty, "specialty", "all");
    v.label("event", action, kProgrammeActionNames);
    v.number("scale", scale, "1");
  }
  template <class Ar>
  void serialize(Ar& ar) {
    ar(day, collaborative, programme, specialty, type, action, scale);
  }
};

}  // namespace icsim::model

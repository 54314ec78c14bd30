#pragma once
// The event tables of this mechanism (written as /events/<name>; see model/events.hpp).
#include <array>
#include <cstdint>
#include <vector>

#include "model/entities.hpp"
#include "model/events.hpp"

namespace icsim::model {

/// Agenda items of a meeting.
enum class Item : std::uint8_t { start, scale_up, stop };
inline constexpr std::array<const char*, 3> kItemNames = {"start", "scale_up", "stop"};
inline constexpr std::array<const char*, 2> kPassedNames = {"rejected", "passed"};
inline constexpr std::array<const char*, 2> kJoinedNames = {"left", "joined"};

struct MeetingEvent {
  static constexpr const char* kName = "meetings";
  static constexpr const char* kDescription = "Monthly meetings of collaboratives";
  std::int32_t day, collaborative, items;
  double cohesion;
  template <class V>
  void columns(V& v) const {
    v.number("day", day, "day");
    v.id("collaborative", collaborative, "collaborative", "");
    v.number("items", items, "");
    v.number("cohesion", cohesion, "1");
  }
  template <class Ar>
  void serialize(Ar& ar) {
    ar(day, collaborative, items, cohesion);
  }
};

struct VoteEvent {
  static constexpr const char* kName = "votes";
  static constexpr const char* kDescription = "Each member's vote on each agenda item";
  std::int32_t day, collaborative, programme, item, member;
  bool yes;
  double utility;
  template <class V>
  void columns(V& v) const {
    v.number("day", day, "day");
    v.id("collaborative", collaborative, "collaborative", "");
    v.number("programme", programme, "");
    v.label("item", item, kItemNames);
    v.id("member", member, "trust", "");
    v.flag("yes", yes);
    v.number("utility", utility, "1");
  }
  template <class Ar>
  void serialize(Ar& ar) {
    ar(day, collaborative, programme, item, member, yes, utility);
  }
};

struct DecisionEvent {
  static constexpr const char* kName = "decisions";
  static constexpr const char* kDescription = "Decisions on agenda items";
  std::int32_t day, collaborative, programme, item, yes, no;
  bool passed;
  DecisionRule rule;
  template <class V>
  void columns(V& v) const {
    v.number("day", day, "day");
    v.id("collaborative", collaborative, "collaborative", "");
    v.number("programme", programme, "");
    v.label("item", item, kItemNames);
    v.number("yes", yes, "");
    v.number("no", no, "");
    v.label("outcome", passed, kPassedNames);
    v.label("rule", rule, kDecisionRuleNames);
  }
  template <class Ar>
  void serialize(Ar& ar) {
    ar(day, collaborative, programme, item, yes, no, passed, rule);
  }
};

struct MembershipEvent {
  static constexpr const char* kName = "membership";
  static constexpr const char* kDescription = "Members joining and leaving collaboratives";
  std::int32_t day, collaborative, trust;
  bool joined;
  template <class V>
  void columns(V& v) const {
    v.number("day", day, "day");
    v.id("collaborative", collaborative, "collaborative", "");
    v.id("trust", trust, "trust", "");
    v.label("event", joined, kJoinedNames);
  }
  template <class Ar>
  void serialize(Ar& ar) {
    ar(day, collaborative, trust, joined);
  }
};

/// A contested decision the ICB mediated at a losing member's request (docs/model.md §17).
struct MediationEvent {
  static constexpr const char* kName = "mediations";
  static constexpr const char* kDescription = "Contested decisions the ICB mediated when a losing member asked";
  std::int32_t day, collaborative, programme, member;
  double restored;  ///< negative evidence not added, summed over the winners
  template <class V>
  void columns(V& v) const {
    v.number("day", day, "day");
    v.id("collaborative", collaborative, "collaborative", "");
    v.number("programme", programme, "");
    v.id("member", member, "trust", "");
    v.number("evidence_restored", restored, "evidence");
  }
  template <class Ar>
  void serialize(Ar& ar) {
    ar(day, collaborative, programme, member, restored);
  }
};

}  // namespace icsim::model

#pragma once
// Everything that happens at monthly meetings, yearly allocations and in mutual aid, as rows of
// the /events tables. Mechanisms append rows to World::events; the run writes them at the end.
#include <array>
#include <cstdint>
#include <vector>

namespace icsim::model {

enum class ProgrammeAction : std::uint8_t { start, stop, scale_up };
inline constexpr std::array<const char*, 3> kProgrammeActionNames = {"start", "stop", "scale_up"};

/// Agenda items of a meeting.
enum class Item : std::uint8_t { start, scale_up, stop };
inline constexpr std::array<const char*, 3> kItemNames = {"start", "scale_up", "stop"};

/// A programme starting, stopping or growing (written to /events/programmes).
struct ProgrammeEvent {
  std::int32_t day;
  std::int32_t collaborative;
  std::int32_t programme;  ///< within the collaborative
  std::int32_t specialty;  ///< -1: all
  ProgrammeAction action;
  double scale;            ///< after the event

  template <class Ar>
  void serialize(Ar& ar) {
    ar(day, collaborative, programme, specialty, action, scale);
  }
};

struct Events {
  std::vector<ProgrammeEvent> programmes;
  struct Meeting { std::int32_t day, collaborative, items; double cohesion; template <class Ar> void serialize(Ar& ar) { ar(day, collaborative, items, cohesion); } };
  struct Vote { std::int32_t day, collaborative, programme, item, member; bool yes; double utility; template <class Ar> void serialize(Ar& ar) { ar(day, collaborative, programme, item, member, yes, utility); } };
  struct Decision { std::int32_t day, collaborative, programme, item, yes, no; bool passed; template <class Ar> void serialize(Ar& ar) { ar(day, collaborative, programme, item, yes, no, passed); } };
  struct Capital { std::int32_t day, ics, trust, rank, specialty; bool awarded; double score; template <class Ar> void serialize(Ar& ar) { ar(day, ics, trust, rank, specialty, awarded, score); } };
  struct Turnover { std::int32_t day, organisation; template <class Ar> void serialize(Ar& ar) { ar(day, organisation); } };
  struct Membership { std::int32_t day, collaborative, trust; bool joined; template <class Ar> void serialize(Ar& ar) { ar(day, collaborative, trust, joined); } };
  struct Delegated { std::int32_t day, collaborative, trust, specialty; double slots_per_day; template <class Ar> void serialize(Ar& ar) { ar(day, collaborative, trust, specialty, slots_per_day); } };
  /// One ask for aid to one partner, or an ask nobody met (donor -1). kind: 0 beds, 1 staff.
  struct Aid { std::int32_t day, requester, donor, kind, need, granted; std::int8_t outcome; template <class Ar> void serialize(Ar& ar) { ar(day, requester, donor, kind, need, granted, outcome); } };
  std::vector<Meeting> meetings;
  std::vector<Vote> votes;
  std::vector<Decision> decisions;
  std::vector<Capital> capital;
  std::vector<Turnover> turnover;
  std::vector<Membership> membership;
  std::vector<Delegated> delegated;
  std::vector<Aid> aid;

  template <class Ar>
  void serialize(Ar& ar) {
    ar(programmes, meetings, votes, decisions, capital, turnover, membership, delegated, aid);
  }
  void append(const Events& e);  ///< adds e's rows after these
  void clear();
};

}  // namespace icsim::model

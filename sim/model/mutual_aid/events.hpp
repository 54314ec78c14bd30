#pragma once
// The event tables of this mechanism (written as /events/<name>; see model/events.hpp).
#include <array>
#include <cstdint>
#include <vector>

#include "model/entities.hpp"
#include "model/events.hpp"

namespace icsim::model {

inline constexpr std::array<const char*, 2> kAidKindNames = {"beds", "staff"};
inline constexpr std::array<const char*, 3> kAidOutcomeNames = {"granted", "refused", "unmet"};

/// One ask for aid to one partner, or an ask nobody met (donor -1).
struct AidEvent {
  static constexpr const char* kName = "aid";
  static constexpr const char* kDescription =
      "Requests for mutual aid: one row per partner with slack asked, or one unmet row";
  std::int32_t day, requester, donor, kind, need, granted;  ///< kind: 0 beds, 1 staff
  std::int8_t outcome;                                      ///< 0 granted, 1 refused, 2 unmet
  template <class V>
  void columns(V& v) const {
    v.number("day", day, "day");
    v.id("requester", requester, "trust", "");
    v.id("donor", donor, "trust", "");
    v.label("kind", kind, kAidKindNames);
    v.number("need", need, "beds");
    v.number("granted", granted, "beds");
    v.label("outcome", outcome, kAidOutcomeNames);
  }
  template <class Ar>
  void serialize(Ar& ar) {
    ar(day, requester, donor, kind, need, granted, outcome);
  }
};

}  // namespace icsim::model

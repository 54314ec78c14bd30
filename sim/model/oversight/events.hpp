#pragma once
// The event tables of this mechanism (written as /events/<name>; see model/events.hpp).
#include <array>
#include <cstdint>

#include "model/events.hpp"

namespace icsim::model {

enum class ReviewAction : std::uint8_t { kept, delegated, withdrew, directed };
inline constexpr std::array<const char*, 4> kReviewActionNames = {"kept", "delegated", "withdrew", "directed"};

struct ReviewEvent {
  static constexpr const char* kName = "icb_reviews";
  static constexpr const char* kDescription =
      "An active ICB's review of a collaborative: its trust in the members, their performance, what it did";
  std::int32_t day, collaborative;
  double icb_trust, mean_median_weeks;
  bool improved;  ///< the mean median wait fell since the last review (or it is the first)
  double share;  ///< delegated share after the review
  ReviewAction action;
  std::int32_t trust, specialty;  ///< the list directed (-1: none)
  template <class V>
  void columns(V& v) const {
    v.number("day", day, "day");
    v.id("collaborative", collaborative, "collaborative", "");
    v.number("icb_trust", icb_trust, "1");
    v.number("mean_median_weeks", mean_median_weeks, "weeks");
    v.flag("improved", improved);
    v.number("delegated_share", share, "1");
    v.label("action", action, kReviewActionNames);
    v.id("trust", trust, "trust", "none");
    v.id("specialty", specialty, "specialty", "none");
  }
  template <class Ar>
  void serialize(Ar& ar) {
    ar(day, collaborative, icb_trust, mean_median_weeks, improved, share, action, trust, specialty);
  }
};

}  // namespace icsim::model

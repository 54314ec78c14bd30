#pragma once
// The observables this mechanism reports (docs/outputs.md is generated from the catalogue).
#include <array>

#include "model/observables.hpp"

namespace icsim::model {

enum class CollaborativeObs : std::size_t {
  collaborative_cohesion,
  collaborative_members,
  leadership_hours_used,
  leadership_engagement,
};

struct CollaborativeObservablesTable {
  using enum Kind;
  using enum Axes;
  static constexpr std::array<ObservableInfo, 4> rows = {{
      // clang-format off
      {"collaborative_cohesion", "1", stock, collaborative, false,
         "Cohesion: mean trust among the collaborative's current members"},
      {"collaborative_members", "organisations", stock, collaborative, true,
         "Current members of the collaborative"},
      {"leadership_hours_used", "hours per month", stock, organisation_all,
         false, "Leaders' hours spent on collaboration in the last month"},
      {"leadership_engagement", "1", stock, organisation_all, false,
         "Hours available over hours asked by the organisation's forums, at most 1"},
      // clang-format on
  }};
};
inline constexpr const auto& kCollaborativeObservables = CollaborativeObservablesTable::rows;

}  // namespace icsim::model

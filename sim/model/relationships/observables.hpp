#pragma once
// The observables this mechanism reports (docs/outputs.md is generated from the catalogue).
#include <array>

#include "model/observables.hpp"

namespace icsim::model {

enum class TrustObs : std::size_t {
  mean_trust,
  partnership_cohesion,
};

struct TrustObservablesTable {
  using enum Kind;
  using enum Axes;
  static constexpr std::array<ObservableInfo, 2> rows = {{
      // clang-format off
      {"mean_trust", "1", stock, system, false,
         "Mean trust over the ordered pairs of organisations that interact"},
      {"partnership_cohesion", "1", stock, partnership, false,
         "Mean trust among the members and partners of a place partnership"},
      // clang-format on
  }};
};
inline constexpr const auto& kTrustObservables = TrustObservablesTable::rows;

}  // namespace icsim::model

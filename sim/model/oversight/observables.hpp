#pragma once
// The observables this mechanism reports (docs/outputs.md is generated from the catalogue).
#include <array>

#include "model/observables.hpp"

namespace icsim::model {

enum class OversightObs : std::size_t { delegated_share };

struct OversightObservablesTable {
  using enum Kind;
  using enum Axes;
  static constexpr std::array<ObservableInfo, 1> rows = {{
      {"delegated_share", "1", stock, collaborative, false,
       "Share of the collaborative's delegated budget its ICB delegates (1 unless delegation is earned)"},
  }};
};
inline constexpr const auto& kOversightObservables = OversightObservablesTable::rows;

}  // namespace icsim::model

#pragma once
// The observables this mechanism reports (docs/outputs.md is generated from the catalogue).
#include <array>

#include "model/observables.hpp"

namespace icsim::model {

enum class ShockObs : std::size_t {
  urgent_demand_multiplier,
  staff_absence,
};

struct ShockObservablesTable {
  using enum Kind;
  using enum Axes;
  static constexpr std::array<ObservableInfo, 2> rows = {{
      // clang-format off
      {"urgent_demand_multiplier", "1", stock, trust, false,
         "Multiplier of urgent demand on the sample day (winter seasonality and shocks)"},
      {"staff_absence", "1", stock, trust, false,
         "Share of staff absent on the sample day (pandemic shocks)"},
      // clang-format on
  }};
};
inline constexpr const auto& kShockObservables = ShockObservablesTable::rows;

}  // namespace icsim::model

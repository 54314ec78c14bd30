#pragma once
// The observables this mechanism reports (docs/outputs.md is generated from the catalogue).
#include <array>

#include "model/observables.hpp"

namespace icsim::model {

enum class ProgrammeObs : std::size_t {
  programme_scale,
  programme_stalled,
  programme_savings,
};

struct ProgrammeObservablesTable {
  using enum Kind;
  using enum Axes;
  static constexpr std::array<ObservableInfo, 3> rows = {{
      // clang-format off
      {"programme_scale", "1", stock, programme, false,
         "Scale of each programme (0 when not running, 1 at full scale)"},
      {"programme_stalled", "1", stock, programme, true,
         "1 if a running programme is stalled (cohesion below governance.stall_cohesion)"},
      {"programme_savings", "GBP", flow, programme, false,
         "Savings realised by joint procurement programmes in the interval"},
      // clang-format on
  }};
};
inline constexpr const auto& kProgrammeObservables = ProgrammeObservablesTable::rows;

}  // namespace icsim::model

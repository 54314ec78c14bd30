#pragma once
// The observables this mechanism reports (docs/outputs.md is generated from the catalogue).
#include <array>

#include "model/observables.hpp"

namespace icsim::model {

enum class FormObs : std::size_t { governance_form };

struct FormObservablesTable {
  using enum Kind;
  using enum Axes;
  static constexpr std::array<ObservableInfo, 1> rows = {{
      {"governance_form", "code", stock, collaborative, true,
       "Governance form: 0 committees in common, 1 joint committee, 2 lead provider, 3 merged, 4 dissolved"},
  }};
};
inline constexpr const auto& kFormObservables = FormObservablesTable::rows;

}  // namespace icsim::model

#pragma once
// The observables this mechanism reports (docs/outputs.md is generated from the catalogue).
#include <array>

#include "model/observables.hpp"

namespace icsim::model {

enum class ProductivityObs : std::size_t {
  productivity,
};

struct ProductivityObservablesTable {
  using enum Kind;
  using enum Axes;
  static constexpr std::array<ObservableInfo, 1> rows = {{
      {"productivity", "1", stock, trust_specialty, false,
       "The list's productivity: the factor on its configured capacity (1 without variation or standardisation)"},
  }};
};
inline constexpr const auto& kProductivityObservables = ProductivityObservablesTable::rows;

}  // namespace icsim::model

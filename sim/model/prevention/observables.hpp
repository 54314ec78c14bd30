#pragma once
// The observables this mechanism reports (docs/outputs.md is generated from the catalogue).
#include <array>

#include "model/observables.hpp"

namespace icsim::model {

enum class PreventionObs : std::size_t {
  prevented_referrals,
};

struct PreventionObservablesTable {
  using enum Kind;
  using enum Axes;
  static constexpr std::array<ObservableInfo, 1> rows = {{
      // clang-format off
      {"prevented_referrals", "patients", flow, place, true,
         "Referrals avoided by place partnerships' prevention programmes"},
      // clang-format on
  }};
};
inline constexpr const auto& kPreventionObservables = PreventionObservablesTable::rows;

}  // namespace icsim::model

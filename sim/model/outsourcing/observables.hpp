#pragma once
// The observables this mechanism reports (docs/outputs.md is generated from the catalogue).
#include <array>

#include "model/observables.hpp"

namespace icsim::model {

enum class OutsourcingObs : std::size_t {
  outsourced_treatments,
  outsourcing_spend,
};

struct OutsourcingObservablesTable {
  using enum Kind;
  using enum Axes;
  static constexpr std::array<ObservableInfo, 2> rows = {{
      {"outsourced_treatments", "patients", flow, trust_specialty, true,
       "Patients of the list treated by independent-sector providers the ICB paid (also counted in treated)"},
      {"outsourcing_spend", "GBP", flow, trust, false,
       "What the ICB paid independent-sector providers for the trust's patients"},
  }};
};
inline constexpr const auto& kOutsourcingObservables = OutsourcingObservablesTable::rows;

}  // namespace icsim::model

#pragma once
// The observables this mechanism reports (docs/outputs.md is generated from the catalogue).
#include <array>

#include "model/observables.hpp"

namespace icsim::model {

enum class DischargeObs : std::size_t {
  delayed_patients,
  delayed_discharges,
};

struct DischargeObservablesTable {
  using enum Kind;
  using enum Axes;
  static constexpr std::array<ObservableInfo, 2> rows = {{
      {"delayed_patients", "patients", stock, trust, true,
       "Medically fit patients occupying the trust's acute beds while waiting for community or social care "
       "(also counted in beds_occupied)"},
      {"delayed_discharges", "patients", flow, trust, true,
       "Patients whose discharge was delayed when they became medically fit"},
  }};
};
inline constexpr const auto& kDischargeObservables = DischargeObservablesTable::rows;

}  // namespace icsim::model

#pragma once
// The observables this mechanism reports (docs/outputs.md is generated from the catalogue).
#include <array>

#include "model/observables.hpp"

namespace icsim::model {

enum class PoolObs : std::size_t {
  pool_active,
  pool_waiting_list,
  pool_wait_median_weeks,
  pool_within_18_weeks,
  pool_pledged_slots,
  pool_transfers,
};

struct PoolObservablesTable {
  using enum Kind;
  using enum Axes;
  static constexpr std::array<ObservableInfo, 6> rows = {{
      // clang-format off
      {"pool_active", "1", stock, collaborative_specialty, true,
         "1 if the collaborative runs a shared waiting list for the specialty at the end of the interval"},
      {"pool_waiting_list", "patients", stock, collaborative_specialty, true,
         "Patients waiting at the collaborative's members for the specialty"},
      {"pool_wait_median_weeks", "weeks", stock, collaborative_specialty,
         false, "Median wait across the collaborative's members for the specialty"},
      {"pool_within_18_weeks", "1", stock, collaborative_specialty, false,
         "Share waiting less than 18 weeks across the members for the specialty"},
      {"pool_pledged_slots", "treatments", flow, collaborative_specialty, true,
         "Treatment slots members pledged to the shared list"},
      {"pool_transfers", "patients", flow, collaborative_specialty, true,
         "Patients treated at another member through the shared list"},
      // clang-format on
  }};
};
inline constexpr const auto& kPoolObservables = PoolObservablesTable::rows;

}  // namespace icsim::model

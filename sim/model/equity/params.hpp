#pragma once
// Parameters of how patients differ by deprivation quintile ([equity]): no phase of its own,
// the factors are read where patients are removed (model/world_lists.hpp), offered a move on a
// shared list (model/shared_lists) and ask to move (model/patient_moves). docs/model.md §29.
#include <array>

#include "core/params.hpp"
#include "model/entities.hpp"

namespace icsim::model {

/// Per IMD quintile (1 = most deprived first): factors on removal hazards, on the distance
/// patients accept for a move, and on PIDMAS uptake. All 1: quintiles differ only in where they live.
struct EquityConfig {
  std::array<double, kQuintiles> removal_factor{1.0, 1.0, 1.0, 1.0, 1.0};
  std::array<double, kQuintiles> acceptance_distance_factor{1.0, 1.0, 1.0, 1.0, 1.0};
  std::array<double, kQuintiles> pidmas_uptake_factor{1.0, 1.0, 1.0, 1.0, 1.0};

  template <class V>
  void fields(V& v) {
    v.param(removal_factor, "removal_factor").unit_is("1").at_least(0).at_most(20)
        .describe("Factor on each specialty's removal hazard (removals other than treatment: missed "
                  "appointments, validation, treated elsewhere) by quintile, most deprived first")
        .from("Campbell et al. (2015), Who is least likely to attend? (NHS Health Scotland, ten years of first "
              "outpatient appointments): the risk of not attending rises with area deprivation. Factors an "
              "assumption; plausible range 0.7-2 (most deprived highest)");
    v.param(acceptance_distance_factor, "acceptance_distance_factor").unit_is("1").above(0).at_most(20)
        .describe("Factor on pooling.acceptance_distance_km by quintile: the distance at which a patient of "
                  "the quintile accepts an offer at another trust with probability 1/e")
        .from("Assumption: car access falls with deprivation (DfT National Travel Survey), so the most "
              "deprived travel less far for care; plausible range 0.4-1.5 (most deprived lowest)");
    v.param(pidmas_uptake_factor, "pidmas_uptake_factor").unit_is("1").at_least(0).at_most(20)
        .describe("Factor on pidmas.uptake by quintile (the result is capped at 1)")
        .from("Assumption: a digital, patient-initiated offer reaches the digitally excluded less, and digital "
              "exclusion rises with deprivation; plausible range 0.3-1.5 (most deprived lowest)");
  }
  friend bool operator==(const EquityConfig&, const EquityConfig&) = default;
};

}  // namespace icsim::model

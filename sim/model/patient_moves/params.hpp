#pragma once
// Parameters of patient-initiated moves ([pidmas]).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/params.hpp"
#include "model/entities.hpp"

namespace icsim::model {

/// Patient-initiated digital mutual aid (PIDMAS): long waiters may ask to move.
struct PidmasConfig {
  bool enabled = false;
  int start_day = 0;
  double wait_weeks = 40.0;      ///< patients reaching this wait are eligible
  double uptake = 0.05;          ///< share of eligible patients who ask to move
  double min_gain_weeks = 4.0;   ///< the new provider's median wait must be this much shorter
  double max_distance_km = 60.0; ///< farthest provider a patient will consider

  template <class V>
  void fields(V& v) {
    v.param(enabled, "enabled").describe("Whether the offer runs");
    v.param(start_day, "start_day").unit_is("day").at_least(0).describe("First day of the offer");
    v.param(wait_weeks, "wait_weeks").unit_is("weeks").above(0).at_most(4000)
        .describe("Patients become eligible when their wait reaches this")
        .from("NHS England PIDMAS, first cohort (October 2023): patients waiting over 40 weeks");
    v.param(uptake, "uptake").unit_is("1").at_least(0).at_most(1)
        .describe("Share of eligible patients who ask to move").from("Assumption");
    v.param(min_gain_weeks, "min_gain_weeks").unit_is("weeks").at_least(0)
        .describe("A provider is chosen only if its median wait is at least this much shorter");
    v.param(max_distance_km, "max_distance_km").unit_is("km").at_least(0)
        .describe("Farthest provider a patient considers (from their home place)");
  }
  friend bool operator==(const PidmasConfig&, const PidmasConfig&) = default;
};

}  // namespace icsim::model

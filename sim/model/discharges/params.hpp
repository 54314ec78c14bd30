#pragma once
// Parameters of delayed discharges ([discharge]) and place partnerships' discharge programmes
// ([[discharge_programme]]).
#include <optional>

#include "core/params.hpp"

namespace icsim::model {

/// Medically fit patients who stay in acute beds waiting for community or social care
/// (docs/model.md §28).
struct DischargeConfig {
  double delayed_share = 0.0;    ///< share of acute stays that end in a delay (0: none)
  double mean_delay_days = 4.0;  ///< mean delay of a delayed patient

  template <class V>
  void fields(V& v) {
    v.param(delayed_share, "delayed_share").unit_is("1").at_least(0).at_most(1)
        .describe("Share of patients in acute beds who, when medically fit, wait in their bed for community "
                  "or social care (0: none)")
        .from("Health Foundation (2023), Why are delayed discharges from hospital increasing?: in December "
              "2022 over 13,000 of about 100,000 beds in England were occupied by patients medically fit "
              "for discharge, and the mean wait from fit to discharge, over all fit patients, was 1.3 days "
              "(1.0 in London and the East of England, 2.1 in the North West): delayed_share x "
              "mean_delay_days. Plausible range 0.1-0.4");
    v.param(mean_delay_days, "mean_delay_days").unit_is("days").above(0).at_most(365)
        .describe("Mean delay of a delayed patient (whole days, geometric, at least 1) before a programme's reduction")
        .from("Health Foundation (2023): 1.3 days per fit patient on average, most delayed patients waiting "
              "much longer; NHS Confederation (February 2022): 42.7% of patients fit to leave were "
              "discharged each day. Plausible range 2-8");
  }
  friend bool operator==(const DischargeConfig&, const DischargeConfig&) = default;
};

/// A place partnership's discharge programme: it shortens the delays of patients in the place's
/// acute trusts' beds, with the partnership's cohesion.
struct DischargeProgrammeConfig {
  int place = -1;          ///< the place whose partnership runs it
  int start_day = 0;
  std::optional<int> stop_day;
  int ramp_days = 90;      ///< from no effect to the full effect
  double reduction = 0.3;  ///< relative reduction of the mean delay at full cohesion
  double no_effect_cohesion = 0.3;
  double full_effect_cohesion = 0.8;

  template <class V>
  void fields(V& v) {
    v.ref(place, "place", "place").needed()
        .describe("The place whose place partnership runs it; it acts on the acute trusts located there");
    v.param(start_day, "start_day").unit_is("day").at_least(0).describe("First day");
    v.param(stop_day, "stop_day").unit_is("day").at_least(1).absent_means("never")
        .describe("First day it no longer runs (default: never stops)");
    v.param(ramp_days, "ramp_days").unit_is("days").at_least(0).at_most(3650)
        .describe("Days from the start to the full effect")
        .from("Assumption: discharge-to-assess and care capacity take months to build; plausible range 30-365");
    v.param(reduction, "reduction").unit_is("1").at_least(0).at_most(1)
        .describe("Relative reduction of the mean delay at full cohesion")
        .from("Assumption: the regional spread of mean waits from fit to discharge (1.0-2.1 days, Health "
              "Foundation 2023) suggests what joint working can reach; plausible range 0.1-0.5");
    v.param(no_effect_cohesion, "no_effect_cohesion").unit_is("1").at_least(0).at_most(1)
        .describe("Partnership cohesion at or below which the programme has no effect (linear up to full_effect_cohesion)")
        .from("Assumption: as prevention programmes; plausible range 0.2-0.5");
    v.param(full_effect_cohesion, "full_effect_cohesion").unit_is("1").at_least(0).at_most(1)
        .describe("Partnership cohesion at or above which the programme has its full effect")
        .from("Assumption: as prevention programmes; plausible range 0.6-1");
  }
  friend bool operator==(const DischargeProgrammeConfig&, const DischargeProgrammeConfig&) = default;
};

}  // namespace icsim::model

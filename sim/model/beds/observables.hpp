#pragma once
// The observables this mechanism reports (docs/outputs.md is generated from the catalogue).
#include <array>

#include "model/observables.hpp"

namespace icsim::model {

enum class BedObs : std::size_t {
  bed_occupancy,
  beds_occupied,
  staffed_beds,
  opel_level,
  opel4_days,
  urgent_arrivals,
  bed_admissions,
  discharges,
  escalations,
  placed_at_partners,
  hosted_patients,
  out_of_area_placements,
  out_of_area_bed_days,
  out_of_area_cost,
  aid_requests,
  aid_refusals,
  aid_given_beds,
  aid_received_beds,
  aid_given_staff,
  aid_received_staff,
};

struct BedObservablesTable {
  using enum Kind;
  using enum Axes;
  static constexpr std::array<ObservableInfo, 20> rows = {{
      // clang-format off
      {"bed_occupancy", "1", stock, trust, false,
         "Occupied over staffed beds at the end of the sample day (NaN without beds)"},
      {"beds_occupied", "beds", stock, trust, true,
         "Occupied beds at the end of the sample day, including partners' patients hosted"},
      {"staffed_beds", "beds", stock, trust, false,
         "Staffed beds on the sample day (after absence, incidents and staff lent or received)"},
      {"opel_level", "level", stock, trust, true,
         "Operational pressure level 1-4 on the sample day (0 without beds)"},
      {"opel4_days", "days", flow, trust, true, "Days at OPEL 4"},
      {"urgent_arrivals", "patients", flow, trust, true,
         "Urgent admissions arriving (emergency at acute trusts, mental health at MH trusts)"},
      {"bed_admissions", "patients", flow, trust, true,
         "Patients admitted into the trust's beds, its own and partners' (hosted)"},
      {"discharges", "patients", flow, trust, true, "Patients leaving the trust's beds"},
      {"escalations", "patients", flow, trust, true,
         "Acute admissions over staffed capacity (escalation beds, corridor care)"},
      {"placed_at_partners", "patients", flow, trust, true,
         "The trust's urgent patients admitted into beds lent by partners"},
      {"hosted_patients", "patients", flow, trust, true,
         "Partners' urgent patients admitted into beds the trust lent"},
      {"out_of_area_placements", "patients", flow, trust, true,
         "Mental-health admissions placed out of area (no bed free, none lent)"},
      {"out_of_area_bed_days", "bed days", flow, trust, false,
         "Bed days of the out-of-area placements made in the interval (whole stays)"},
      {"out_of_area_cost", "GBP", flow, trust, false,
         "Cost of the out-of-area placements made in the interval"},
      {"aid_requests", "requests", flow, trust, true, "Days the trust asked partners for aid"},
      {"aid_refusals", "refusals", flow, trust, true,
         "Refusals the trust met from partners with slack"},
      {"aid_given_beds", "bed days", flow, trust, false, "Beds lent to partners, per day"},
      {"aid_received_beds", "bed days", flow, trust, false,
         "Beds lent by partners, per day"},
      {"aid_given_staff", "bed days", flow, trust, false,
         "Staff lent to partners, in staffed beds per day"},
      {"aid_received_staff", "bed days", flow, trust, false,
         "Staff lent by partners, in staffed beds per day"},
      // clang-format on
  }};
};
inline constexpr const auto& kBedObservables = BedObservablesTable::rows;

}  // namespace icsim::model

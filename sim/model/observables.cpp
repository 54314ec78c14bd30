#include "model/observables.hpp"

namespace icsim::model {

const std::array<ObservableInfo, kObservableCount>& observables() {
  using enum Obs;
  using enum Kind;
  using enum Axes;
  static const std::array<ObservableInfo, kObservableCount> table = {{
      {waiting_list, "waiting_list", "patients", stock, trust_specialty, true,
       "Patients waiting (incomplete pathways) at the end of the interval"},
      {referrals, "referrals", "patients", flow, trust_specialty, true,
       "New referrals (clock starts) received in the interval"},
      {treated, "treated", "patients", flow, trust_specialty, true,
       "Patients treated (clock stops by treatment) in the interval"},
      {removed, "removed", "patients", flow, trust_specialty, true,
       "Patients removed other than by treatment (validation, no longer needed) in the interval"},
      {capacity, "capacity", "treatments", flow, trust_specialty, true,
       "Treatment slots available in the interval"},
      {wait_median_weeks, "wait_median_weeks", "weeks", stock, trust_specialty, false,
       "Median wait of waiting patients, interpolated within weekly bands (NaN if none wait)"},
      {wait_p92_weeks, "wait_p92_weeks", "weeks", stock, trust_specialty, false,
       "92nd percentile wait of waiting patients, interpolated within weekly bands"},
      {within_18_weeks, "within_18_weeks", "1", stock, trust_specialty, false,
       "Share of waiting patients who have waited less than 18 weeks (NaN if none wait)"},
      {over_52_weeks, "over_52_weeks", "patients", stock, trust_specialty, true,
       "Patients who have waited 52 weeks or more"},
      {over_65_weeks, "over_65_weeks", "patients", stock, trust_specialty, true,
       "Patients who have waited 65 weeks or more"},
      {over_78_weeks, "over_78_weeks", "patients", stock, trust_specialty, true,
       "Patients who have waited 78 weeks or more"},
      {treated_mean_wait_weeks, "treated_mean_wait_weeks", "weeks", rate, trust_specialty, false,
       "Mean wait of the patients treated in the interval (NaN if none)"},
      {trust_waiting_list, "trust_waiting_list", "patients", stock, trust, true,
       "Patients waiting at the trust, all specialties"},
      {trust_wait_median_weeks, "trust_wait_median_weeks", "weeks", stock, trust, false,
       "Median wait at the trust, all specialties"},
      {trust_within_18_weeks, "trust_within_18_weeks", "1", stock, trust, false,
       "Share waiting less than 18 weeks at the trust, all specialties"},
      {trust_over_52_weeks, "trust_over_52_weeks", "patients", stock, trust, true,
       "Patients waiting 52 weeks or more at the trust, all specialties"},
      {system_waiting_list, "system_waiting_list", "patients", stock, system, true,
       "Patients waiting in the whole scenario"},
      {system_referrals, "system_referrals", "patients", flow, system, true,
       "Referrals in the whole scenario in the interval"},
      {system_treated, "system_treated", "patients", flow, system, true,
       "Treatments in the whole scenario in the interval"},
      {system_removed, "system_removed", "patients", flow, system, true,
       "Removals other than treatment in the whole scenario in the interval"},
      {system_wait_median_weeks, "system_wait_median_weeks", "weeks", stock, system, false,
       "Median wait in the whole scenario"},
      {system_wait_p92_weeks, "system_wait_p92_weeks", "weeks", stock, system, false,
       "92nd percentile wait in the whole scenario"},
      {system_within_18_weeks, "system_within_18_weeks", "1", stock, system, false,
       "Share waiting less than 18 weeks in the whole scenario"},
      {system_over_52_weeks, "system_over_52_weeks", "patients", stock, system, true,
       "Patients waiting 52 weeks or more in the whole scenario"},
      {wait_histogram, "wait_histogram", "patients", stock, wait_week, true,
       "Patients waiting by whole weeks waited (0 to 103; the last bin is 104 or more)"},
      {transfers_in, "transfers_in", "patients", flow, trust_specialty, true,
       "Patients who moved to this trust (shared waiting lists and patient-initiated moves)"},
      {transfers_out, "transfers_out", "patients", flow, trust_specialty, true,
       "Patients who moved away from this trust"},
      {transfer_km, "transfer_km", "km", flow, trust_specialty, false,
       "Distance from home travelled by the patients who moved to this trust"},
      {transfer_offers, "transfer_offers", "offers", flow, trust_specialty, true,
       "Offers of treatment at another member of a shared list made to this trust's patients"},
      {transfers_declined, "transfers_declined", "offers", flow, trust_specialty, true,
       "Offers this trust's patients declined"},
      {transfers_withheld, "transfers_withheld", "offers", flow, trust_specialty, true,
       "Patients not offered a move because their trust withheld its patients that day "
       "(transactional commissioning)"},
      {income_transferred, "income_transferred", "GBP", flow, trust_specialty, false,
       "Tariff income gained (+) or lost (-) through moves under transactional commissioning"},
      {transfer_admin_cost, "transfer_admin_cost", "GBP", flow, trust_specialty, false,
       "Administrative cost of the moves this trust received"},
      {transfer_flows, "transfer_flows", "patients", flow, trust_trust, true,
       "Patients who moved from one trust (first axis) to another (second axis), all specialties"},
      {pool_active, "pool_active", "1", stock, collaborative_specialty, true,
       "1 if the collaborative runs a shared waiting list for the specialty at the end of the interval"},
      {pool_waiting_list, "pool_waiting_list", "patients", stock, collaborative_specialty, true,
       "Patients waiting at the collaborative's members for the specialty"},
      {pool_wait_median_weeks, "pool_wait_median_weeks", "weeks", stock, collaborative_specialty,
       false, "Median wait across the collaborative's members for the specialty"},
      {pool_within_18_weeks, "pool_within_18_weeks", "1", stock, collaborative_specialty, false,
       "Share waiting less than 18 weeks across the members for the specialty"},
      {pool_pledged_slots, "pool_pledged_slots", "treatments", flow, collaborative_specialty, true,
       "Treatment slots members pledged to the shared list"},
      {pool_transfers, "pool_transfers", "patients", flow, collaborative_specialty, true,
       "Patients treated at another member through the shared list"},
      {quintile_waiting_list, "quintile_waiting_list", "patients", stock, quintile, true,
       "Patients waiting, by deprivation quintile of their home"},
      {quintile_wait_median_weeks, "quintile_wait_median_weeks", "weeks", stock, quintile, false,
       "Median wait by deprivation quintile"},
      {quintile_within_18_weeks, "quintile_within_18_weeks", "1", stock, quintile, false,
       "Share waiting less than 18 weeks by deprivation quintile"},
      {quintile_over_52_weeks, "quintile_over_52_weeks", "patients", stock, quintile, true,
       "Patients waiting 52 weeks or more by deprivation quintile"},
      {trust_quintile_waiting_list, "trust_quintile_waiting_list", "patients", stock,
       trust_quintile, true, "Patients waiting by trust and deprivation quintile"},
      {trust_quintile_wait_median_weeks, "trust_quintile_wait_median_weeks", "weeks", stock,
       trust_quintile, false, "Median wait by trust and deprivation quintile"},
      {trust_quintile_within_18_weeks, "trust_quintile_within_18_weeks", "1", stock,
       trust_quintile, false, "Share waiting less than 18 weeks by trust and deprivation quintile"},
      {place_waiting_list, "place_waiting_list", "patients", stock, place, true,
       "Patients waiting, by home place"},
      {place_wait_median_weeks, "place_wait_median_weeks", "weeks", stock, place, false,
       "Median wait by home place"},
      {place_within_18_weeks, "place_within_18_weeks", "1", stock, place, false,
       "Share waiting less than 18 weeks by home place"},
      {variation_median_cv, "variation_median_cv", "1", stock, specialty, false,
       "Coefficient of variation (population sd / mean) of the median wait across the trusts "
       "with patients waiting in the specialty (NaN with fewer than two)"},
      {variation_median_range, "variation_median_range", "weeks", stock, specialty, false,
       "Range (max - min) of the median wait across trusts in the specialty"},
      {variation_within_18_cv, "variation_within_18_cv", "1", stock, specialty, false,
       "Coefficient of variation of the share within 18 weeks across trusts in the specialty"},
      {variation_within_18_range, "variation_within_18_range", "1", stock, specialty, false,
       "Range of the share within 18 weeks across trusts in the specialty"},
      {variation_trust_median_cv, "variation_trust_median_cv", "1", stock, system, false,
       "Coefficient of variation of trusts' median waits (all specialties)"},
      {variation_trust_median_range, "variation_trust_median_range", "weeks", stock, system,
       false, "Range of trusts' median waits (all specialties)"},
      {variation_trust_within_18_cv, "variation_trust_within_18_cv", "1", stock, system, false,
       "Coefficient of variation of trusts' shares within 18 weeks (all specialties)"},
      {variation_trust_within_18_range, "variation_trust_within_18_range", "1", stock, system,
       false, "Range of trusts' shares within 18 weeks (all specialties)"},
      {mean_trust, "mean_trust", "1", stock, system, false,
       "Mean trust over the ordered pairs of organisations that interact"},
      {collaborative_cohesion, "collaborative_cohesion", "1", stock, collaborative, false,
       "Cohesion: mean trust among the collaborative's current members"},
      {collaborative_members, "collaborative_members", "organisations", stock, collaborative, true,
       "Current members of the collaborative"},
      {partnership_cohesion, "partnership_cohesion", "1", stock, partnership, false,
       "Mean trust among the members and partners of a place partnership"},
      {programme_scale, "programme_scale", "1", stock, programme, false,
       "Scale of each programme (0 when not running, 1 at full scale)"},
      {programme_stalled, "programme_stalled", "1", stock, programme, true,
       "1 if a running programme is stalled (cohesion below governance.stall_cohesion)"},
      {programme_savings, "programme_savings", "GBP", flow, programme, false,
       "Savings realised by joint procurement programmes in the interval"},
      {leadership_hours_used, "leadership_hours_used", "hours per month", stock, organisation_all,
       false, "Leaders' hours spent on collaboration in the last month"},
      {leadership_engagement, "leadership_engagement", "1", stock, organisation_all, false,
       "Hours available over hours asked by the organisation's forums, at most 1"},
      {prevented_referrals, "prevented_referrals", "patients", flow, place, true,
       "Referrals avoided by place partnerships' prevention programmes"},
      {delegated_slots, "delegated_slots", "treatments", flow, trust_specialty, true,
       "Treatment slots bought with collaboratives' delegated budgets (part of capacity)"},
      {cancelled_electives, "cancelled_electives", "treatments", flow, trust_specialty, true,
       "Elective slots lost to bed pressure, shocks (absence, incidents, industrial action) and "
       "mutual aid given (not part of capacity)"},
      {bed_occupancy, "bed_occupancy", "1", stock, trust, false,
       "Occupied over staffed beds at the end of the sample day (NaN without beds)"},
      {beds_occupied, "beds_occupied", "beds", stock, trust, true,
       "Occupied beds at the end of the sample day, including partners' patients hosted"},
      {staffed_beds, "staffed_beds", "beds", stock, trust, false,
       "Staffed beds on the sample day (after absence, incidents and staff lent or received)"},
      {opel_level, "opel_level", "level", stock, trust, true,
       "Operational pressure level 1-4 on the sample day (0 without beds)"},
      {opel4_days, "opel4_days", "days", flow, trust, true, "Days at OPEL 4"},
      {urgent_arrivals, "urgent_arrivals", "patients", flow, trust, true,
       "Urgent admissions arriving (emergency at acute trusts, mental health at MH trusts)"},
      {bed_admissions, "bed_admissions", "patients", flow, trust, true,
       "Patients admitted into the trust's beds, its own and partners' (hosted)"},
      {discharges, "discharges", "patients", flow, trust, true, "Patients leaving the trust's beds"},
      {escalations, "escalations", "patients", flow, trust, true,
       "Acute admissions over staffed capacity (escalation beds, corridor care)"},
      {placed_at_partners, "placed_at_partners", "patients", flow, trust, true,
       "The trust's urgent patients admitted into beds lent by partners"},
      {hosted_patients, "hosted_patients", "patients", flow, trust, true,
       "Partners' urgent patients admitted into beds the trust lent"},
      {out_of_area_placements, "out_of_area_placements", "patients", flow, trust, true,
       "Mental-health admissions placed out of area (no bed free, none lent)"},
      {out_of_area_bed_days, "out_of_area_bed_days", "bed days", flow, trust, false,
       "Bed days of the out-of-area placements made in the interval (whole stays)"},
      {out_of_area_cost, "out_of_area_cost", "GBP", flow, trust, false,
       "Cost of the out-of-area placements made in the interval"},
      {aid_requests, "aid_requests", "requests", flow, trust, true, "Days the trust asked partners for aid"},
      {aid_refusals, "aid_refusals", "refusals", flow, trust, true,
       "Refusals the trust met from partners with slack"},
      {aid_given_beds, "aid_given_beds", "bed days", flow, trust, false, "Beds lent to partners, per day"},
      {aid_received_beds, "aid_received_beds", "bed days", flow, trust, false,
       "Beds lent by partners, per day"},
      {aid_given_staff, "aid_given_staff", "bed days", flow, trust, false,
       "Staff lent to partners, in staffed beds per day"},
      {aid_received_staff, "aid_received_staff", "bed days", flow, trust, false,
       "Staff lent by partners, in staffed beds per day"},
      {urgent_demand_multiplier, "urgent_demand_multiplier", "1", stock, trust, false,
       "Multiplier of urgent demand on the sample day (winter seasonality and shocks)"},
      {staff_absence, "staff_absence", "1", stock, trust, false,
       "Share of staff absent on the sample day (pandemic shocks)"},
  }};
  return table;
}

bool needs_equity_scan(Obs o) {
  const Axes a = observables()[static_cast<std::size_t>(o)].axes;
  return a == Axes::quintile || a == Axes::trust_quintile || a == Axes::place;
}

bool find_observable(std::string_view name, Obs& out) {
  for (const auto& o : observables()) {
    if (o.name == name) {
      out = o.id;
      return true;
    }
  }
  return false;
}

std::string_view kind_name(Kind k) {
  switch (k) {
    case Kind::stock: return "stock";
    case Kind::flow: return "flow";
    case Kind::rate: return "rate";
  }
  return "?";
}

std::string_view axes_name(Axes a) {
  switch (a) {
    case Axes::trust_specialty: return "time, organisation, specialty";
    case Axes::trust: return "time, organisation";
    case Axes::system: return "time";
    case Axes::specialty: return "time, specialty";
    case Axes::quintile: return "time, quintile";
    case Axes::trust_quintile: return "time, organisation, quintile";
    case Axes::place: return "time, place";
    case Axes::collaborative_specialty: return "time, collaborative, specialty";
    case Axes::trust_trust: return "time, organisation, organisation";
    case Axes::organisation_all: return "time, organisation (all)";
    case Axes::collaborative: return "time, collaborative";
    case Axes::programme: return "time, programme";
    case Axes::partnership: return "time, place_partnership";
    case Axes::wait_week: return "time, wait_week";
  }
  return "?";
}

}  // namespace icsim::model

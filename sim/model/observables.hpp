#pragma once
// The catalogue of observables the model can report. Each has a fixed name, unit, kind and axes;
// sim/io writes them generically from this table (docs/outputs.md is generated from it too).
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace icsim::model {

enum class Axes : std::uint8_t {
  trust_specialty,          ///< (organisation, specialty), organisation rows 0..trusts-1
  trust,                    ///< (organisation)
  system,                   ///< scalar
  specialty,                ///< (specialty)
  quintile,                 ///< (quintile): IMD quintile 1 (most deprived) .. 5
  trust_quintile,           ///< (organisation, quintile)
  place,                    ///< (place): by the patients' home place
  collaborative_specialty,  ///< (collaborative, specialty)
  trust_trust,              ///< (organisation, organisation): from, to
  wait_week,                ///< (wait_week): 0, 1, ..., 103, and 104 or more
  organisation_all,         ///< (organisation): every organisation (trusts, ICBs, partners)
  collaborative,            ///< (collaborative)
  programme,                ///< (programme): every programme of every collaborative
  partnership,              ///< (place_partnership)
};

/// Bins of the published wait histogram: weeks 0..103 and an overflow bin (104 or more).
inline constexpr std::size_t kWaitHistogramBins = 105;

enum class Kind : std::uint8_t {
  stock,  ///< sampled at the end of each output interval
  flow,   ///< summed over the output interval
  rate,   ///< a ratio of flows over the output interval
};

enum class Obs : std::uint16_t {
  // trust x specialty
  waiting_list,
  referrals,
  treated,
  removed,
  capacity,
  wait_median_weeks,
  wait_p92_weeks,
  within_18_weeks,
  over_52_weeks,
  over_65_weeks,
  over_78_weeks,
  treated_mean_wait_weeks,
  // trust, all specialties
  trust_waiting_list,
  trust_wait_median_weeks,
  trust_within_18_weeks,
  trust_over_52_weeks,
  // whole system
  system_waiting_list,
  system_referrals,
  system_treated,
  system_removed,
  system_wait_median_weeks,
  system_wait_p92_weeks,
  system_within_18_weeks,
  system_over_52_weeks,
  wait_histogram,
  // transfers between trusts (trust x specialty)
  transfers_in,
  transfers_out,
  transfer_km,
  transfer_offers,
  transfers_declined,
  transfers_withheld,
  income_transferred,
  transfer_admin_cost,
  transfer_flows,
  // shared waiting lists (collaborative x specialty)
  pool_active,
  pool_waiting_list,
  pool_wait_median_weeks,
  pool_within_18_weeks,
  pool_pledged_slots,
  pool_transfers,
  // equity
  quintile_waiting_list,
  quintile_wait_median_weeks,
  quintile_within_18_weeks,
  quintile_over_52_weeks,
  trust_quintile_waiting_list,
  trust_quintile_wait_median_weeks,
  trust_quintile_within_18_weeks,
  place_waiting_list,
  place_wait_median_weeks,
  place_within_18_weeks,
  // unwarranted variation across trusts
  variation_median_cv,
  variation_median_range,
  variation_within_18_cv,
  variation_within_18_range,
  variation_trust_median_cv,
  variation_trust_median_range,
  variation_trust_within_18_cv,
  variation_trust_within_18_range,
  // relationships, governance, place partnerships
  mean_trust,
  collaborative_cohesion,
  collaborative_members,
  partnership_cohesion,
  programme_scale,
  programme_stalled,
  programme_savings,
  leadership_hours_used,
  leadership_engagement,
  prevented_referrals,
  delegated_slots,
  // urgent demand, beds, shocks and mutual aid (trusts with beds; others 0 or NaN)
  cancelled_electives,
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
  urgent_demand_multiplier,
  staff_absence,
  count_
};
inline constexpr std::size_t kObservableCount = static_cast<std::size_t>(Obs::count_);

struct ObservableInfo {
  Obs id;
  std::string_view name;
  std::string_view unit;
  Kind kind;
  Axes axes;
  bool integer;  ///< stored as int64 (counts) rather than double
  std::string_view description;
};

/// All observables, indexed by Obs.
const std::array<ObservableInfo, kObservableCount>& observables();

/// True for the observables that need the equity scan (by quintile and by place).
bool needs_equity_scan(Obs o);

/// Looks an observable up by name; returns false if there is none.
bool find_observable(std::string_view name, Obs& out);

std::string_view kind_name(Kind k);
std::string_view axes_name(Axes a);  ///< e.g. "time, organisation, specialty"

/// Values of every observable at one sample. Integer observables use `counts`, others `values`;
/// each vector is laid out row-major over the observable's axes.
struct Sample {
  std::int32_t step = 0;  ///< days simulated when the sample was taken (0 = initial state)
  std::array<std::vector<std::int64_t>, kObservableCount> counts;
  std::array<std::vector<double>, kObservableCount> values;

  template <class Ar>
  void serialize(Ar& ar) {
    ar(step, counts, values);
  }
};

}  // namespace icsim::model

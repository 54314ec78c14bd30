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
  }};
  return table;
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
  }
  return "?";
}

}  // namespace icsim::model

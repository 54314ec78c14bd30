#pragma once
// Parameters of urgent demand and beds ([urgent]).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/params.hpp"
#include "model/entities.hpp"

namespace icsim::model {

/// Length of stay in a bed: a distribution with a mean and a coefficient of variation.
enum class LosDistribution : std::uint8_t { exponential, lognormal, gamma, fixed };
inline constexpr std::array<const char*, 4> kLosDistributionNames = {"exponential", "lognormal", "gamma", "fixed"};
struct LosConfig {
  LosDistribution distribution = LosDistribution::lognormal;
  double mean_days = 5.0;
  double cv = 1.0;  ///< sd / mean (lognormal, gamma); ignored by exponential (1) and fixed (0)
  friend bool operator==(const LosConfig&, const LosConfig&) = default;
};

/// Urgent demand and beds (docs/model.md §21).
struct UrgentConfig {
  double emergency_rate = 100.0;  ///< emergency admissions per 1000 population per year
  double mh_admission_rate = 1.8; ///< mental-health admissions per 1000 population per year
  double winter_amplitude = 0.08; ///< relative seasonal swing of urgent demand
  int winter_peak_day = 15;       ///< day of the year of the peak (15 January)
  LosConfig acute_los{LosDistribution::lognormal, 5.0, 1.3};
  LosConfig mh_los{LosDistribution::lognormal, 35.0, 1.0};
  double out_of_area_los_factor = 1.3;   ///< out-of-area stays are this much longer
  double out_of_area_cost_per_day = 650; ///< GBP per out-of-area bed day
  double cancel_threshold = 0.92;  ///< occupancy above which electives are cancelled
  double cancel_full = 1.0;        ///< occupancy at which the full cancel_share applies
  double cancel_share = 0.3;       ///< share of elective capacity cancelled at cancel_full
  std::array<double, 3> opel_thresholds{0.85, 0.92, 0.97};  ///< occupancy for OPEL 2, 3, 4
  double absence_cap = 0.95;       ///< most staff absence a shock can cause

  template <class V>
  void fields(V& v);
  friend bool operator==(const UrgentConfig&, const UrgentConfig&) = default;
};

template <class V>
void UrgentConfig::fields(V& v) {
  v.param(emergency_rate, "emergency_rate").unit_is("per 1000 population per year").at_least(0).at_most(10000)
      .describe("Emergency admissions of each place's residents, to the nearest acute trust with beds")
      .from("NHS England Hospital Episode Statistics 2022/23: about 6.3 million emergency admissions for 57 million people, some short-stay");
  v.param(mh_admission_rate, "mh_admission_rate").unit_is("per 1000 population per year").at_least(0).at_most(10000)
      .describe("Mental-health admissions of each place's residents, to the nearest mental-health trust with beds")
      .from("NHS Mental Health Services Data Set: about 100,000 admissions a year in England");
  v.param(winter_amplitude, "winter_amplitude").unit_is("1").at_least(0).below(1)
      .describe("Relative seasonal swing of urgent demand: 1 + amplitude x cos(2 pi (day of year - peak) / 365.25)")
      .from("Assumption: emergency admissions run about 8% above the mean in January");
  v.param(winter_peak_day, "winter_peak_day").unit_is("day of year").at_least(1).at_most(366)
      .describe("Day of the year urgent demand peaks");
  auto los = [&](LosConfig& l, const std::string& prefix, const std::string& what, const char* src) {
    v.choice(l.distribution, prefix + "_los_distribution", kLosDistributionNames)
        .describe("Distribution of the length of stay of " + what);
    v.param(l.mean_days, prefix + "_los_mean_days").unit_is("days").above(0).at_most(3650)
        .describe("Mean length of stay of " + what).from(src);
    v.param(l.cv, prefix + "_los_cv").unit_is("1").at_least(0).at_most(100)
        .describe("Coefficient of variation (sd / mean) of the stay; above 0 for lognormal and gamma, ignored by "
                  "exponential and fixed");
  };
  los(acute_los, "acute", "emergency admissions", "NHS England: mean emergency stay about 5 days, strongly skewed");
  los(mh_los, "mh", "mental-health admissions", "NHS Mental Health Services Data Set: median adult acute stay about 35 days");
  v.param(out_of_area_los_factor, "out_of_area_los_factor").unit_is("1").at_least(1).at_most(100)
      .describe("Out-of-area placements stay this much longer")
      .from("S1: the North West London CAMHS collaborative cut out-of-area stays by about a third");
  v.param(out_of_area_cost_per_day, "out_of_area_cost_per_day").unit_is("GBP per bed day").at_least(0)
      .describe("Cost of an out-of-area bed day").from("Order of magnitude of independent-sector MH bed prices");
  v.param(cancel_threshold, "cancel_threshold").unit_is("1").above(0).at_most(10)
      .describe("Occupancy of staffed beds above which elective activity is cancelled")
      .from("NHS England: 92% G&A occupancy is the planning ceiling; electives are cancelled above it");
  v.param(cancel_full, "cancel_full").unit_is("1").above(0).at_most(10)
      .describe("Occupancy at which the full cancel_share applies (linear from cancel_threshold)");
  v.param(cancel_share, "cancel_share").unit_is("1").at_least(0).at_most(1)
      .describe("Share of elective capacity cancelled at or above cancel_full")
      .from("Assumption: inpatient electives (about a third of activity) stop at full occupancy; day cases continue");
  v.param(opel_thresholds, "opel_thresholds").unit_is("1").above(0).at_most(10)
      .describe("Occupancy of staffed beds at which OPEL 2, 3 and 4 begin (increasing)")
      .from("NHS England OPEL framework 2023/24 uses bed occupancy among its indicators; thresholds an assumption");
  v.param(absence_cap, "absence_cap").unit_is("1").at_least(0).below(1)
      .describe("Most staff absence a shock can cause once its random intensity is applied")
      .from("Assumption: some staff always work; plausible range 0.5-0.95");
}

}  // namespace icsim::model

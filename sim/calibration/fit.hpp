#pragma once
// Calibration of icsim's elective core to monthly RTT data, list by list (docs/calibration.md):
// arrivals (Part_3, or inferred from the weekly-band cohort flows), capacity, the removal
// hazard (an NLopt bounded fit of the daily stock-and-flow that icsim's lists follow on
// average), the share treated at once (clinical priority P2), the referral trend, and the
// initial waiting-time distribution. Pure computation: no files.
#include <algorithm>
#include <array>
#include <utility>
#include <string>
#include <vector>

#include "io/rtt.hpp"

namespace icsim::calibration {

/// Days and working days of each month of a window (working days Monday-Friday).
struct MonthDays {
  int days = 0;
  int working = 0;
  int first_weekday = 0;       ///< weekday of the 1st, Monday = 0
  std::vector<int> holidays;   ///< bank holidays on weekdays, 0-based days of the month
  [[nodiscard]] bool is_working(int day) const {  ///< day 0-based
    return (first_weekday + day) % 7 < 5 && std::find(holidays.begin(), holidays.end(), day) == holidays.end();
  }
};
/// Days, Monday-Friday working days less England's bank holidays, of each month.
std::vector<MonthDays> month_days(const std::vector<io::rtt::Month>& months);

/// England and Wales bank holidays of a year as (month, day), by the standing rules: New Year's
/// Day, Good Friday, Easter Monday, the first and last Mondays of May, the last Monday of
/// August, Christmas and Boxing Day, with weekday substitutes (gov.uk/bank-holidays). One-off
/// holidays (jubilees, coronation, state funeral, the 2020 VE day move) are not included.
std::vector<std::pair<int, int>> england_bank_holidays(int year);

inline constexpr int kRenegeBins = 13;  ///< months waited 0..11 and 12+ (the removal profile)

struct Estimate {
  double value = 0.0;
  double se = 0.0;  ///< standard error (0 when not identifiable from the window)
};

struct ListFit {
  Estimate referrals_per_day;          ///< arrivals (clock starts) per working day at the end of the window
  Estimate growth_per_year;            ///< relative trend of arrivals (kept only when |t| >= 2, else 0)
  Estimate capacity_per_working_day;   ///< completed pathways (banded) per working day
  Estimate removal_hazard_per_week;    ///< constant weekly hazard of leaving other than by treatment
  double p2_share = 0.0;               ///< share of arrivals treated within their month (priority P2)
  double p3_share = 1.0 / 3.0;         ///< share of P3 among the others (set by icsim runs: app/calibrate)
  std::array<double, kRenegeBins> removal_by_month{};  ///< monthly removal share by months waited
  std::array<std::int64_t, io::rtt::kBands> initial{}; ///< the list at the end of the window
  bool starts_published = false;       ///< Part_3 given, or arrivals inferred from the bands
  int evaluations = 0;                 ///< NLopt objective evaluations
};

/// Fits one list from its months (at least two). Throws std::invalid_argument otherwise.
ListFit fit_list(const std::vector<io::rtt::ListMonth>& months, const std::vector<MonthDays>& days);

/// Arrivals in each month after the first: Part_3 when published, else those waiting at the
/// month's end who waited less than the month plus those completed within it, corrected for
/// removals at weekly hazard h.
std::vector<double> arrivals(const std::vector<io::rtt::ListMonth>& months, const std::vector<MonthDays>& days, double h);

}  // namespace icsim::calibration

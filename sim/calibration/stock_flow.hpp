#pragma once
// Counts by months waited, the removal profile by months waited and the two baselines of the
// back-test: persistence and a stock-and-flow projection by months waited in the style of
// NHSRtt (Wood and Worthington 2025; our own simplified version, docs/calibration.md).
#include <array>
#include <vector>

#include "calibration/fit.hpp"

namespace icsim::calibration {

inline constexpr double kWeeksPerMonth = 365.25 / 12.0 / 7.0;
using Bins = std::array<double, kRenegeBins>;

/// Weekly bands -> months waited (bin m: [m, m+1) months of 4.348 weeks; the last bin open),
/// splitting a band across bins in proportion.
Bins to_months(const std::array<std::int64_t, io::rtt::kBands>& weeks);

/// The three counts of the forecast.
struct Counts {
  double waiting = 0.0, within_18 = 0.0, over_52 = 0.0;
};
/// Counts from weekly bands (observed; exact at the band edges).
Counts counts_of(const std::array<std::int64_t, io::rtt::kBands>& weeks);
/// Counts from months waited (bins split uniformly at 18 and 52 weeks).
Counts counts_of(const Bins& months);

/// Share of those waiting m months who leave other than by treatment before the next month
/// (ratio of sums over the window's transitions; >= 0).
Bins removal_by_months_waited(const std::vector<io::rtt::ListMonth>& months);

/// NHSRtt-style projection: the share of bin m that is still waiting a month later in bin m+1
/// (the last bin keeps those who stay) from the window's transitions, arrivals surviving to
/// the end of their month (bin 0) at the window's mean; months_ahead months from the last.
std::vector<Counts> project_stock_flow(const std::vector<io::rtt::ListMonth>& months, int months_ahead);

}  // namespace icsim::calibration

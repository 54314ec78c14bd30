#pragma once
// Back-test errors of forecasts against observed months: the aggregate list's absolute
// percentage error (MAPE over months), the median absolute percentage error across lists, and
// the error of the aggregate within-18-weeks share in percentage points.
#include <string>
#include <vector>

#include "calibration/stock_flow.hpp"

namespace icsim::calibration {

struct Method {
  std::string name;
  std::vector<std::vector<Counts>> forecast;  ///< [list][month]
};

struct Errors {
  double aggregate_ape_pct = 0.0, median_list_ape_pct = 0.0, within_18_points = 0.0;
  std::size_t lists = 0;  ///< lists with an observed list > 0
};

/// Errors of one method in one month.
Errors errors(const Method& m, const std::vector<std::vector<Counts>>& observed, std::size_t month);

/// The table as CSV: method,period,lists,aggregate_ape_pct,median_list_ape_pct,
/// within_18_share_error_points; a row per method and month, and per method "all" (means).
std::string backtest_csv(const std::vector<Method>& methods, const std::vector<std::vector<Counts>>& observed,
                         const std::vector<std::string>& periods);

}  // namespace icsim::calibration

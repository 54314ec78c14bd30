#pragma once
// icsim calibrate: RTT extracts -> fitted lists -> a calibrated scenario (scenario.toml) run
// forward with replications -> forecast.csv, and where observed months exist backtest.csv
// against persistence and an NHSRtt-style stock-and-flow projection (docs/calibration.md).
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/run.hpp"  // OutputExists
#include "io/rtt.hpp"

namespace icsim::app {

struct CalibrateOptions {
  std::vector<std::string> rtt;  ///< extract files (any order)
  io::rtt::By by = io::rtt::By::commissioner;
  io::rtt::Month fit_from, fit_to, forecast_to;
  std::string out;
  bool force = false;
  int replications = 10;
  std::uint64_t seed = 1;
};

struct CalibrateSummary {
  std::size_t lists = 0;
  int forecast_months = 0, observed_months = 0;
  double read_seconds = 0, fit_seconds = 0, forecast_seconds = 0;
  std::string backtest;  ///< the back-test table's text (empty: no observed month)
};

/// Throws io::rtt::RttError for bad extracts, std::invalid_argument for bad options and
/// OutputExists when results are in the way without force.
CalibrateSummary calibrate(const CalibrateOptions& options);


}  // namespace icsim::app

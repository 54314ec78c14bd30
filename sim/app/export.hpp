#pragma once
// icsim export: the outputs of an `icsim run` folder as tables a spreadsheet reads: time series
// (mean and 95% interval across replications per sample) and the paired differences of every
// scenario from the baseline, per measure and organisation, place, quintile or specialty.
#include <string>
#include <vector>

#include "io/tables.hpp"

namespace icsim::app {

struct ExportOptions {
  std::string folder;    ///< output folder of icsim run (scenario folders of rep-NNNN.h5)
  std::string baseline;  ///< scenario name; empty: the first in name order
};

/// The tables: "time_series", "paired_differences" and "about". Throws std::runtime_error for
/// a folder without replications or an unknown baseline.
std::vector<io::Sheet> export_tables(const ExportOptions& o);

}  // namespace icsim::app

#pragma once
// The dimensions of a replication's file as netCDF-4 readers (xarray, h5netcdf, netCDF-C) see
// them: every axis of every dataset is a dimension scale. Declared once here; the docs' table
// (icsim observables --dimensions, docs/outputs.md) is printed from it.
#include <string_view>
#include <vector>

namespace icsim::app {

struct Dimension {
  std::string_view name;      ///< the dimension (and its coordinate dataset's) name
  std::string_view where;     ///< the groups that have it
  std::string_view labels;    ///< what its coordinate holds ("" for a dimension without one)
  std::string_view names;     ///< the "<name>_name" coordinate beside it ("" for none)
};

/// Every dimension a file or a sweep's index may have, in the order the docs list them.
const std::vector<Dimension>& dimensions();

}  // namespace icsim::app

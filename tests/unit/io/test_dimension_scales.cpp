// Dimension scales of run files (H5DS): every axis of a series and of a table carries one, read
// back from a real file with the HDF5 high-level API.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/h5.hpp"
#include "io/run_file.hpp"

namespace fs = std::filesystem;
using namespace icsim::io;

namespace {

fs::path temp_file(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("icsim_test_dims_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

/// The name of the scale attached to axis `axis` of dataset `path` ("" if none).
std::string scale_name(hid_t file, const std::string& path, unsigned axis) {
  h5::Handle ds = h5::open_dataset(file, path);
  std::string found;
  auto visit = [](hid_t, unsigned, hid_t scale, void* out) -> herr_t {
    char buf[256] = {};
    H5DSget_scale_name(scale, buf, sizeof buf);
    *static_cast<std::string*>(out) = buf;
    return 1;
  };
  int idx = 0;
  if (H5DSget_num_scales(ds.id(), axis) <= 0) return "";
  H5DSiterate_scales(ds.id(), axis, &idx, visit, &found);
  return found;
}

}  // namespace

TEST(DimensionScales, EveryAxisOfASeriesAndATableHasOne) {
  const auto path = temp_file("series.h5");
  {
    RunFile f(path.string(), 0);
    f.time_units("days since 2024-01-01");
    f.table({"/things", "Things", {{"id", std::vector<std::string>{"a", "b"}, {}, ""},
                                   {"xy", std::vector<double>{1, 2, 3, 4}, {2, 2}, "km", {"coordinate"}}},
             "thing", "id", {{"coordinate", {"x", "y"}}}});
    SeriesSpec spec{"count", "patients", "stock", "a count", {"thing", "thing"}, {2, 2}, true};
    spec.dims = {"thing", "other"};
    spec.scales = {{"thing", {"a", "b"}, {"Thing A", "Thing B"}}, {"other", {"a", "b"}}};
    const auto k = f.add_series(spec);
    const std::vector<std::int64_t> row{1, 2, 3, 4};
    f.append(k, 0, 0.0, std::span<const std::int64_t>(row));
    f.commit();
  }
  h5::Handle file = h5::open_file_read(path.string());
  EXPECT_EQ(scale_name(file.id(), "/observables/count/value", 0), "time");
  EXPECT_EQ(scale_name(file.id(), "/observables/count/value", 1), "thing");
  EXPECT_EQ(scale_name(file.id(), "/observables/count/value", 2), "other");
  EXPECT_EQ(scale_name(file.id(), "/observables/count/step", 0), "time");
  EXPECT_EQ(scale_name(file.id(), "/observables/count/thing_name", 0), "thing");
  EXPECT_EQ(h5::read_strings(file.id(), "/observables/count/thing_name"), (std::vector<std::string>{"Thing A", "Thing B"}));
  h5::Handle value = h5::open_dataset(file.id(), "/observables/count/value");
  EXPECT_EQ(h5::attr_string(value.id(), "coordinates"), "thing_name");
  EXPECT_EQ(h5::attr_string(value.id(), "units"), "patients");
  EXPECT_EQ(h5::attr_string(value.id(), "unit"), "patients");
  h5::Handle time = h5::open_dataset(file.id(), "/observables/count/time");
  EXPECT_EQ(h5::attr_string(time.id(), "units"), "days since 2024-01-01");
  EXPECT_EQ(scale_name(file.id(), "/things/id", 0), "thing");
  EXPECT_EQ(scale_name(file.id(), "/things/xy", 0), "thing");
  EXPECT_EQ(scale_name(file.id(), "/things/xy", 1), "coordinate");
  EXPECT_EQ(h5::read_strings(file.id(), "/things/coordinate"), (std::vector<std::string>{"x", "y"}));
  fs::remove_all(path.parent_path());
}

TEST(DimensionScales, UnlabelledRowsAreADimensionWithoutStorage) {
  const auto path = temp_file("rows.h5");
  {
    RunFile f(path.string(), 0);
    f.table({"/events/x", "Events", {{"day", std::vector<std::int64_t>{3, 4, 5}, {}, "day"}}});
    f.commit();
  }
  h5::Handle file = h5::open_file_read(path.string());
  h5::Handle row = h5::open_dataset(file.id(), "/events/x/row");
  char name[128] = {};
  H5DSget_scale_name(row.id(), name, sizeof name);
  EXPECT_EQ(std::string(name).rfind("This is a netCDF dimension but not a netCDF variable.", 0), 0u);
  EXPECT_EQ(H5Dget_storage_size(row.id()), 0u);
  EXPECT_EQ(scale_name(file.id(), "/events/x/day", 0), std::string(name));
  fs::remove_all(path.parent_path());
}

TEST(DimensionScales, ARepeatedDimensionIsRefused) {
  const auto path = temp_file("repeated.h5");
  RunFile f(path.string(), 0);
  SeriesSpec spec{"m", "1", "stock", "a matrix", {"thing", "thing"}, {2, 2}, false};
  EXPECT_THROW(f.add_series(spec), std::logic_error);
  fs::remove_all(path.parent_path());
}

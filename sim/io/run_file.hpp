#pragma once
// One output file of one run, in the spirit of H5MD: attributes under /parameters, axis tables,
// and time series under /observables/<name>/{step,time,value}. The file is written under
// "<path>.tmp" and only renamed to <path> by commit(), so a killed run never leaves a file under
// a final name. This layer knows nothing of the model: the app layer says what to write.
#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "io/h5.hpp"

namespace icsim::io {

struct Attr {
  std::string name;
  std::variant<std::string, std::int64_t, double> value;
};

/// A column of a table group: strings, doubles or integers, optionally multi-dimensional.
struct Column {
  std::string name;
  std::variant<std::vector<std::string>, std::vector<double>, std::vector<std::int64_t>> data;
  std::vector<hsize_t> dims;  ///< empty: one dimension, the length of data
  std::string unit;
  /// Names of the dimensions after the first (multi-dimensional columns): a scale of the table
  /// with that name labels it, otherwise it is a dimension without labels. Empty: named
  /// "<column>_<k>".
  std::vector<std::string> axes = {};
};

/// The labels of a dimension: coordinate values (ids), written as a dimension scale named after
/// the dimension, and optionally readable names beside them as "<dimension>_name".
struct Scale {
  std::string name;
  std::vector<std::string> labels;   ///< empty: a dimension without labels
  std::vector<std::string> names = {};
};

/// A group of equally long columns, e.g. /organisations/{id,name,type}. Every column's first
/// axis is the rows' dimension, a dimension scale in the group, so that netCDF-4 readers see
/// named dimensions.
struct Table {
  std::string path;
  std::string description;
  std::vector<Column> columns;
  std::string dimension = "row";     ///< the name of the rows' dimension
  std::string index = {};            ///< a string column labelling the rows (empty: unlabelled)
  std::vector<Scale> scales = {};    ///< labels of the other dimensions the columns name
};

/// A time series: every append adds one row of `shape` along an extendible time dimension.
struct SeriesSpec {
  std::string name;
  std::string unit;
  std::string kind;                ///< "stock", "flow", ...
  std::string description;
  std::vector<std::string> axes;   ///< names of the non-time dimensions, e.g. {"organisation"}
  std::vector<hsize_t> shape;      ///< sizes of the non-time dimensions
  bool integer = false;
  std::string group = "/observables";  ///< the series is the group <group>/<name>
  /// Dimension names of the non-time axes where they differ from `axes` (an axis used twice
  /// needs a second name: netCDF readers refuse a dimension repeated in one variable).
  std::vector<std::string> dims = {};
  /// Per non-time axis, in order: its labels and names (written as dimension scales in the
  /// series' group). Missing or empty: a dimension without labels.
  std::vector<Scale> scales = {};
};

class RunFile {
 public:
  /// Creates "<path>.tmp" (replacing any stale one). compression: deflate level 0..9.
  RunFile(std::string path, int compression);
  ~RunFile();  ///< without commit(): closes and deletes the temporary file
  RunFile(const RunFile&) = delete;
  RunFile& operator=(const RunFile&) = delete;

  void parameters(const std::vector<Attr>& attrs);  ///< attributes of /parameters
  void table(const Table& t);
  /// The CF `units` of every later series' time ("days since 2023-04-01"): readers such as
  /// xarray turn the times into dates.
  void time_units(std::string units) { time_units_ = std::move(units); }
  std::size_t add_series(const SeriesSpec& spec);   ///< returns the series' index
  /// Appends a row stamped with step (days simulated) and time (days since start).
  void append(std::size_t series, std::int64_t step, double time, std::span<const std::int64_t> row);
  void append(std::size_t series, std::int64_t step, double time, std::span<const double> row);
  /// Flushes, closes, syncs and renames the file to its final name.
  void commit();

  /// The rows appended so far to a series (checkpoints): steps, times and the values, flattened
  /// (integer series in `ints`, others in `reals`).
  struct Rows {
    std::vector<std::int64_t> step;
    std::vector<double> time;
    std::vector<std::int64_t> ints;
    std::vector<double> reals;
    bool integer = false;
  };
  [[nodiscard]] std::size_t series_count() const noexcept { return series_.size(); }
  /// From now on, keep a copy of every row appended (checkpoints read them from here, never
  /// from the file: reading the file while writing it changes how HDF5 lays it out).
  void start_recording() { recording_ = true; }
  /// The rows appended since recording started or since the last call, per series.
  std::vector<Rows> take_recorded();

  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  [[nodiscard]] std::string temp_path() const { return path_ + ".tmp"; }

 private:
  struct Series {
    h5::Handle group;
    h5::Appender step, time, value;
    bool integer = false;
  };
  void stamp(Series& s, std::int64_t step, double time);
  h5::Handle& group_for(const std::string& path);
  static void table_dimensions(hid_t group, const Table& t);
  static void series_dimensions(hid_t group, hid_t value, const SeriesSpec& spec);

  std::string path_;
  std::string time_units_;
  int compression_;
  h5::Handle file_;
  h5::Handle observables_;
  std::vector<Series> series_;
  bool committed_ = false;
  bool recording_ = false;
  std::vector<Rows> recorded_;
  template <class T>
  void record(std::size_t series, std::int64_t step, double time, std::span<const T> row);
};

/// Creates the group at `path` in `file` (and its parents) if needed and returns it.
h5::Handle ensure_group(hid_t file, const std::string& path);

}  // namespace icsim::io

#include "io/run_file.hpp"

#include "io/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <system_error>
#include <type_traits>

namespace icsim::io {

h5::Handle ensure_group(hid_t file, const std::string& path) {
  std::string prefix;
  h5::Handle g;
  std::size_t start = path.front() == '/' ? 1 : 0;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    prefix = path.substr(0, slash == std::string::npos ? path.size() : slash);
    if (!prefix.empty() && prefix != "/") {
      g = h5::exists(file, prefix) ? h5::open_group(file, prefix) : h5::create_group(file, prefix);
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return g;
}

namespace {

/// The project's `unit` and the CF convention's `units` (what netCDF tools read).
void set_units(hid_t obj, const std::string& unit) {
  h5::set_attr(obj, "unit", unit);
  h5::set_attr(obj, "units", unit);
}

/// Writes the dimension `name` of `size` in group g: a coordinate variable holding the scale's
/// labels, or a dimension without labels; the scale's names beside it as "<name>_name" (listed
/// in *coordinates). Returns the scale.
h5::Handle write_dimension(hid_t g, const std::string& name, hsize_t size, const Scale& scale,
                           std::vector<std::string>* coordinates) {
  h5::Handle ds;
  if (scale.labels.empty()) {
    ds = h5::create_dimension(g, name, size);
  } else {
    if (scale.labels.size() != size) {
      throw std::logic_error(name + ": " + std::to_string(scale.labels.size()) + " labels for " +
                             std::to_string(size) + " rows");
    }
    h5::write_strings(g, name, scale.labels);
    ds = h5::open_dataset(g, name);
    h5::set_scale(ds.id(), name);
  }
  if (!scale.names.empty() && coordinates != nullptr) {
    h5::write_strings(g, name + "_name", scale.names);
    h5::Handle names = h5::open_dataset(g, name + "_name");
    h5::attach_scale(names.id(), ds.id(), 0);
    coordinates->push_back(name + "_name");
  }
  return ds;
}

}  // namespace

RunFile::RunFile(std::string path, int compression)
    : path_(std::move(path)), compression_(compression) {
  std::error_code ec;
  std::filesystem::remove(temp_path(), ec);
  file_ = h5::create_file(temp_path());
  observables_ = h5::create_group(file_.id(), "/observables");
}

RunFile::~RunFile() {
  if (!committed_) {
    series_.clear();
    observables_.reset();
    file_.reset();
    std::error_code ec;
    std::filesystem::remove(temp_path(), ec);
  }
}

void RunFile::parameters(const std::vector<Attr>& attrs) {
  h5::Handle g = ensure_group(file_.id(), "/parameters");
  for (const auto& a : attrs) {
    std::visit([&](const auto& v) { h5::set_attr(g.id(), a.name, v); }, a.value);
  }
}

void RunFile::table(const Table& t) {
  h5::Handle g = ensure_group(file_.id(), t.path);
  if (!t.description.empty()) h5::set_attr(g.id(), "description", t.description);
  for (const auto& c : t.columns) {
    std::visit(
        [&](const auto& data) {
          using V = std::decay_t<decltype(data)>;
          std::vector<hsize_t> dims = c.dims.empty() ? std::vector<hsize_t>{data.size()} : c.dims;
          if constexpr (std::is_same_v<V, std::vector<std::string>>) {
            h5::write_strings(g.id(), c.name, data, dims);
          } else if constexpr (std::is_same_v<V, std::vector<double>>) {
            h5::write_doubles(g.id(), c.name, data, dims);
          } else {
            h5::write_ints(g.id(), c.name, data, dims);
          }
        },
        c.data);
    if (!c.unit.empty()) {
      h5::Handle ds = h5::open_dataset(g.id(), c.name);
      set_units(ds.id(), c.unit);
    }
  }
  table_dimensions(g.id(), t);
}

void RunFile::table_dimensions(hid_t g, const Table& t) {
  if (t.columns.empty()) return;
  std::map<std::string, h5::Handle> scales;
  auto scale_of = [&](const std::string& dim, hsize_t size, const std::vector<std::string>& labels) -> hid_t {
    auto it = scales.find(dim);
    if (it == scales.end()) {
      for (const auto& c : t.columns) {
        if (c.name == dim) throw std::logic_error(t.path + ": column " + dim + " has the name of a dimension");
      }
      it = scales.emplace(dim, write_dimension(g, dim, size, Scale{dim, labels}, nullptr)).first;
    }
    return it->second.id();
  };
  std::vector<std::string> index;
  for (const auto& c : t.columns) {
    if (c.name == t.index) index = std::get<std::vector<std::string>>(c.data);
  }
  for (const auto& c : t.columns) {
    const auto dims = h5::dataset_dims(g, c.name);
    h5::Handle ds = h5::open_dataset(g, c.name);
    for (std::size_t k = 0; k < dims.size(); ++k) {
      std::string dim = k == 0 ? t.dimension : k - 1 < c.axes.size() ? c.axes[k - 1] : c.name + "_" + std::to_string(k);
      std::vector<std::string> labels = k == 0 ? index : std::vector<std::string>{};
      for (const auto& sc : t.scales) {
        if (k > 0 && sc.name == dim) labels = sc.labels;
      }
      h5::attach_scale(ds.id(), scale_of(dim, dims[k], labels), static_cast<unsigned>(k));
    }
  }
}

std::size_t RunFile::add_series(const SeriesSpec& spec) {
  h5::Handle g = spec.group == "/observables"
                     ? h5::create_group(observables_.id(), spec.name)
                     : h5::create_group(ensure_group(file_.id(), spec.group).id(), spec.name);
  h5::set_attr(g.id(), "kind", spec.kind);
  h5::set_attr(g.id(), "description", spec.description);
  std::string axes = "time";
  for (const auto& a : spec.axes) axes += ", " + a;
  h5::set_attr(g.id(), "axes", axes);
  h5::Appender step(g.id(), "step", true, {}, compression_);
  h5::Appender time(g.id(), "time", false, {}, compression_);
  h5::set_attr(time.id(), "unit", std::string("day"));
  if (!time_units_.empty()) {
    h5::set_attr(time.id(), "units", time_units_);
    h5::set_attr(time.id(), "calendar", std::string("proleptic_gregorian"));
  }
  h5::set_scale(time.id(), "time");
  h5::Appender value(g.id(), "value", spec.integer, spec.shape, compression_);
  set_units(value.id(), spec.unit);
  h5::attach_scale(step.id(), time.id(), 0);
  h5::attach_scale(value.id(), time.id(), 0);
  series_dimensions(g.id(), value.id(), spec);
  series_.push_back(Series{std::move(g), std::move(step), std::move(time), std::move(value), spec.integer});
  return series_.size() - 1;
}

void RunFile::series_dimensions(hid_t g, hid_t value, const SeriesSpec& spec) {
  const auto& dims = spec.dims.empty() ? spec.axes : spec.dims;
  if (dims.size() != spec.shape.size()) throw std::logic_error(spec.name + ": one name per axis is needed");
  std::vector<std::string> coordinates;
  for (std::size_t k = 0; k < dims.size(); ++k) {
    for (std::size_t j = 0; j < k; ++j) {
      if (dims[j] == dims[k]) throw std::logic_error(spec.name + ": dimension " + dims[k] + " is repeated");
    }
    if (dims[k] == "time" || dims[k] == "step" || dims[k] == "value") {
      throw std::logic_error(spec.name + ": a dimension cannot be named " + dims[k]);
    }
    const Scale none{dims[k], {}};
    const Scale& sc = k < spec.scales.size() ? spec.scales[k] : none;
    h5::Handle scale = write_dimension(g, dims[k], spec.shape[k], sc, &coordinates);
    h5::attach_scale(value, scale.id(), static_cast<unsigned>(k + 1));
  }
  if (!coordinates.empty()) {
    std::string text;
    for (const auto& c : coordinates) text += (text.empty() ? "" : " ") + c;
    h5::set_attr(value, "coordinates", text);
  }
}

template <class T>
void RunFile::record(std::size_t series, std::int64_t step, double time, std::span<const T> row) {
  if (!recording_) return;
  if (recorded_.size() <= series) recorded_.resize(series + 1);
  Rows& r = recorded_[series];
  r.integer = series_[series].integer;
  r.step.push_back(step);
  r.time.push_back(time);
  if constexpr (std::is_same_v<T, std::int64_t>) {
    r.ints.insert(r.ints.end(), row.begin(), row.end());
  } else {
    r.reals.insert(r.reals.end(), row.begin(), row.end());
  }
}

std::vector<RunFile::Rows> RunFile::take_recorded() {
  std::vector<Rows> out(series_.size());
  for (std::size_t k = 0; k < series_.size(); ++k) {
    out[k].integer = series_[k].integer;
    if (k < recorded_.size()) std::swap(out[k], recorded_[k]);
    out[k].integer = series_[k].integer;
  }
  recorded_.clear();
  return out;
}

void RunFile::stamp(Series& s, std::int64_t step, double time) {
  s.step.append(std::span<const std::int64_t>(&step, 1));
  s.time.append(std::span<const double>(&time, 1));
}

void RunFile::append(std::size_t series, std::int64_t step, double time,
                     std::span<const std::int64_t> row) {
  Series& s = series_.at(series);
  stamp(s, step, time);
  s.value.append(row);
  record(series, step, time, row);
}

void RunFile::append(std::size_t series, std::int64_t step, double time,
                     std::span<const double> row) {
  Series& s = series_.at(series);
  stamp(s, step, time);
  s.value.append(row);
  record(series, step, time, row);
}

void RunFile::commit() {
  for (auto& s : series_) {
    s.step.close();
    s.time.close();
    s.value.close();
    s.group.close();
  }
  series_.clear();
  observables_.close();
  file_.close();
  // Make the bytes durable before the rename makes the file visible under its final name.
  sync_file(temp_path());
  std::filesystem::rename(temp_path(), path_);
  sync_folder(std::filesystem::path(path_).parent_path());
  committed_ = true;
}

}  // namespace icsim::io

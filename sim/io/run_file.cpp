#include "io/run_file.hpp"

#include "io/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
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
            h5::write_strings(g.id(), c.name, data);
          } else if constexpr (std::is_same_v<V, std::vector<double>>) {
            h5::write_doubles(g.id(), c.name, data, dims);
          } else {
            h5::write_ints(g.id(), c.name, data, dims);
          }
        },
        c.data);
    if (!c.unit.empty()) {
      h5::Handle ds = h5::open_dataset(g.id(), c.name);
      h5::set_attr(ds.id(), "unit", c.unit);
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
  h5::Appender value(g.id(), "value", spec.integer, spec.shape, compression_);
  h5::set_attr(value.id(), "unit", spec.unit);
  series_.push_back(Series{std::move(g), std::move(step), std::move(time), std::move(value), spec.integer});
  return series_.size() - 1;
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

#include "io/h5.hpp"

#include <algorithm>
#include <cstdio>
#include <cerrno>
#include <cstring>

#include "io/atomic_file.hpp"

namespace icsim::io::h5 {
namespace {

// HDF5 1.10 leaves a file whose H5Fclose failed (disk full while flushing) half-destroyed, and
// its library shutdown at exit then crashes on it (SIGSEGV). Every file icsim opens is closed
// by its owner, so the shutdown has nothing to do: it is not registered.
[[maybe_unused]] const bool kNoShutdownAtExit = [] {
  H5dont_atexit();
  return true;
}();

// HDF5 keeps the automatic error printer per thread in thread-safe builds: silence it on each
// thread before use, and report errors through exceptions instead.
void quiet() {
  thread_local bool done = false;
  if (!done) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    done = true;
  }
}

struct Stack {
  std::string text;  // the first entries, for the message
  int os_errno = 0;  // an operating-system error found in the stack (sec2 driver: "errno = 28")
  std::string file;  // the file it concerned ("filename = '...'" or "name = '...'")
};

std::string quoted_after(const std::string& desc, const std::string& key) {
  const auto at = desc.find(key + " = '");
  if (at == std::string::npos) return "";
  const auto start = at + key.size() + 4;
  const auto end = desc.find('\'', start);
  return end == std::string::npos ? "" : desc.substr(start, end - start);
}

herr_t collect(unsigned n, const H5E_error2_t* e, void* out) {
  auto* s = static_cast<Stack*>(out);
  const std::string desc = e->desc ? e->desc : "";
  if (n < 4) {
    s->text += "\n  ";
    s->text += e->func_name ? e->func_name : "?";
    s->text += ": ";
    s->text += desc;
  }
  if (s->os_errno == 0) {
    if (const auto at = desc.find("errno = "); at != std::string::npos) {
      s->os_errno = std::atoi(desc.c_str() + at + 8);
      s->file = quoted_after(desc, "filename");
      if (s->file.empty()) s->file = quoted_after(desc, "name");
    }
  }
  return 0;
}

[[noreturn]] void raise(const std::string& what) {
  Stack stack;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect, &stack);
  H5Eclear2(H5E_DEFAULT);
  if (stack.os_errno > 0) {
    // What the system said, with the path, rather than HDF5's internals.
    throw Error(what + ": " + (stack.file.empty() ? std::string() : stack.file + ": ") +
                os_error_text(stack.os_errno));
  }
  throw Error(what + (stack.text.empty() ? "" : ":" + stack.text));
}

Handle plist(hid_t cls) { return Handle(check(H5Pcreate(cls), "H5Pcreate"), H5Pclose); }

Handle no_times(hid_t cls) {
  Handle p = plist(cls);
  check_status(H5Pset_obj_track_times(p.id(), 0), "H5Pset_obj_track_times");
  return p;
}

Handle string_type() {
  Handle t(check(H5Tcopy(H5T_C_S1), "H5Tcopy"), H5Tclose);
  check_status(H5Tset_size(t.id(), H5T_VARIABLE), "H5Tset_size");
  check_status(H5Tset_cset(t.id(), H5T_CSET_UTF8), "H5Tset_cset");
  return t;
}

Handle simple_space(const std::vector<hsize_t>& dims) {
  if (dims.empty()) return Handle(check(H5Screate(H5S_SCALAR), "H5Screate"), H5Sclose);
  return Handle(check(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                      "H5Screate_simple"),
                H5Sclose);
}

void write_dataset(hid_t parent, const std::string& name, hid_t file_type, hid_t mem_type,
                   const void* data, const std::vector<hsize_t>& dims) {
  quiet();
  Handle space = simple_space(dims);
  Handle dcpl = no_times(H5P_DATASET_CREATE);
  Handle ds(check(H5Dcreate2(parent, name.c_str(), file_type, space.id(), H5P_DEFAULT, dcpl.id(),
                             H5P_DEFAULT),
                  "cannot create dataset " + name),
            H5Dclose);
  check_status(H5Dwrite(ds.id(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
               "cannot write dataset " + name);
}

template <class T>
std::vector<T> read_numbers(hid_t parent, const std::string& path, hid_t mem_type,
                            std::vector<hsize_t>* dims_out) {
  quiet();
  Handle ds = open_dataset(parent, path);
  Handle space(check(H5Dget_space(ds.id()), "H5Dget_space " + path), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.id());
  std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
  if (rank > 0) H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr);
  hsize_t n = 1;
  for (auto d : dims) n *= d;
  std::vector<T> out(n);
  if (n > 0) {
    check_status(H5Dread(ds.id(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()),
                 "cannot read " + path);
  }
  if (dims_out) *dims_out = dims;
  return out;
}

Handle open_attr(hid_t obj, const std::string& name) {
  quiet();
  return Handle(check(H5Aopen(obj, name.c_str(), H5P_DEFAULT), "no attribute " + name), H5Aclose);
}

void write_attr(hid_t obj, const std::string& name, hid_t type, const void* value) {
  quiet();
  Handle space(check(H5Screate(H5S_SCALAR), "H5Screate"), H5Sclose);
  Handle a(check(H5Acreate2(obj, name.c_str(), type, space.id(), H5P_DEFAULT, H5P_DEFAULT),
                 "cannot create attribute " + name),
           H5Aclose);
  check_status(H5Awrite(a.id(), type, value), "cannot write attribute " + name);
}

}  // namespace

Handle& Handle::operator=(Handle&& o) noexcept {
  if (this != &o) {
    reset();
    id_ = o.id_;
    closer_ = o.closer_;
    o.id_ = H5I_INVALID_HID;
  }
  return *this;
}

void Handle::close() {
  if (id_ >= 0) {
    const hid_t id = id_;
    id_ = H5I_INVALID_HID;  // never touched again, even if closing fails
    check_status(closer_(id), closer_ == H5Fclose ? "cannot close HDF5 file" : "cannot close HDF5 object");
  }
}

void Handle::reset() noexcept {
  if (id_ >= 0) {
    closer_(id_);
    id_ = H5I_INVALID_HID;
  }
}

hid_t check(hid_t id, const std::string& what) {
  if (id < 0) raise(what);
  return id;
}

void check_status(herr_t status, const std::string& what) {
  if (status < 0) raise(what);
}

Handle create_file(const std::string& path) {
  quiet();
  Handle fcpl = no_times(H5P_FILE_CREATE);
  return Handle(check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.id(), H5P_DEFAULT),
                      "cannot create HDF5 file " + path),
                H5Fclose);
}

Handle open_file_read(const std::string& path) {
  quiet();
  return Handle(check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT),
                      "cannot open HDF5 file " + path),
                H5Fclose);
}

Handle create_group(hid_t parent, const std::string& name) {
  quiet();
  Handle gcpl = no_times(H5P_GROUP_CREATE);
  return Handle(check(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, gcpl.id(), H5P_DEFAULT),
                      "cannot create group " + name),
                H5Gclose);
}

Handle open_group(hid_t parent, const std::string& name) {
  quiet();
  return Handle(check(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), "no group " + name), H5Gclose);
}

Handle open_dataset(hid_t parent, const std::string& path) {
  quiet();
  return Handle(check(H5Dopen2(parent, path.c_str(), H5P_DEFAULT), "no dataset " + path),
                H5Dclose);
}

bool exists(hid_t parent, const std::string& path) {
  quiet();
  std::string prefix;
  std::size_t start = 0;
  while (true) {
    const auto slash = path.find('/', start);
    prefix = path.substr(0, slash);
    if (!prefix.empty() && prefix != "/") {
      const htri_t e = H5Lexists(parent, prefix.c_str(), H5P_DEFAULT);
      if (e <= 0) return false;
    }
    if (slash == std::string::npos) return true;
    start = slash + 1;
  }
}

std::vector<std::string> children(hid_t group) {
  quiet();
  std::vector<std::string> names;
  auto cb = [](hid_t, const char* name, const H5L_info_t*, void* out) -> herr_t {
    static_cast<std::vector<std::string>*>(out)->emplace_back(name);
    return 0;
  };
  hsize_t idx = 0;
  check_status(H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, &idx, cb, &names), "H5Literate");
  return names;
}

void set_attr(hid_t obj, const std::string& name, const std::string& value) {
  Handle t = string_type();
  const char* p = value.c_str();
  write_attr(obj, name, t.id(), &p);
}

void set_attr(hid_t obj, const std::string& name, std::int64_t value) {
  write_attr(obj, name, H5T_NATIVE_INT64, &value);
}

void set_attr(hid_t obj, const std::string& name, double value) {
  write_attr(obj, name, H5T_NATIVE_DOUBLE, &value);
}

std::string attr_string(hid_t obj, const std::string& name) {
  Handle a = open_attr(obj, name);
  Handle ftype(check(H5Aget_type(a.id()), "H5Aget_type"), H5Tclose);
  if (H5Tis_variable_str(ftype.id()) > 0) {
    Handle t = string_type();
    char* p = nullptr;
    check_status(H5Aread(a.id(), t.id(), &p), "cannot read attribute " + name);
    std::string s = p ? p : "";
    Handle space(check(H5Aget_space(a.id()), "H5Aget_space"), H5Sclose);
    H5Dvlen_reclaim(t.id(), space.id(), H5P_DEFAULT, &p);
    return s;
  }
  const std::size_t n = H5Tget_size(ftype.id());
  std::string s(n, '\0');
  check_status(H5Aread(a.id(), ftype.id(), s.data()), "cannot read attribute " + name);
  s.resize(std::strlen(s.c_str()));
  return s;
}

std::int64_t attr_int(hid_t obj, const std::string& name) {
  Handle a = open_attr(obj, name);
  std::int64_t v = 0;
  check_status(H5Aread(a.id(), H5T_NATIVE_INT64, &v), "cannot read attribute " + name);
  return v;
}

double attr_double(hid_t obj, const std::string& name) {
  Handle a = open_attr(obj, name);
  double v = 0;
  check_status(H5Aread(a.id(), H5T_NATIVE_DOUBLE, &v), "cannot read attribute " + name);
  return v;
}

bool has_attr(hid_t obj, const std::string& name) {
  quiet();
  return H5Aexists(obj, name.c_str()) > 0;
}

void write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& values) {
  write_strings(parent, name, values, {values.size()});
}

void write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& values,
                   const std::vector<hsize_t>& dims) {
  Handle t = string_type();
  std::vector<const char*> ptrs;
  for (const auto& v : values) ptrs.push_back(v.c_str());
  write_dataset(parent, name, t.id(), t.id(), ptrs.data(), dims);
}

void write_doubles(hid_t parent, const std::string& name, std::span<const double> values,
                   const std::vector<hsize_t>& dims) {
  write_dataset(parent, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, values.data(), dims);
}

void write_ints(hid_t parent, const std::string& name, std::span<const std::int64_t> values,
                const std::vector<hsize_t>& dims) {
  write_dataset(parent, name, H5T_STD_I64LE, H5T_NATIVE_INT64, values.data(), dims);
}

std::vector<std::string> read_strings(hid_t parent, const std::string& path) {
  quiet();
  Handle ds = open_dataset(parent, path);
  Handle space(check(H5Dget_space(ds.id()), "H5Dget_space"), H5Sclose);
  const hssize_t n = H5Sget_simple_extent_npoints(space.id());
  std::vector<char*> ptrs(static_cast<std::size_t>(std::max<hssize_t>(n, 0)), nullptr);
  Handle t = string_type();
  std::vector<std::string> out;
  if (n > 0) {
    check_status(H5Dread(ds.id(), t.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()),
                 "cannot read " + path);
    for (char* p : ptrs) out.emplace_back(p ? p : "");
    H5Dvlen_reclaim(t.id(), space.id(), H5P_DEFAULT, ptrs.data());
  }
  return out;
}

std::vector<double> read_doubles(hid_t parent, const std::string& path,
                                 std::vector<hsize_t>* dims) {
  return read_numbers<double>(parent, path, H5T_NATIVE_DOUBLE, dims);
}

std::vector<std::int64_t> read_ints(hid_t parent, const std::string& path,
                                    std::vector<hsize_t>* dims) {
  return read_numbers<std::int64_t>(parent, path, H5T_NATIVE_INT64, dims);
}

std::vector<hsize_t> dataset_dims(hid_t parent, const std::string& path) {
  Handle ds = open_dataset(parent, path);
  Handle space(check(H5Dget_space(ds.id()), "H5Dget_space"), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.id());
  std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
  if (rank > 0) H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr);
  return dims;
}

Appender::Appender(hid_t parent, const std::string& name, bool integer,
                   std::vector<hsize_t> row_dims, int compression)
    : integer_(integer), row_dims_(std::move(row_dims)) {
  quiet();
  for (auto d : row_dims_) row_size_ *= d;
  std::vector<hsize_t> dims{0}, maxdims{H5S_UNLIMITED}, chunk;
  dims.insert(dims.end(), row_dims_.begin(), row_dims_.end());
  maxdims.insert(maxdims.end(), row_dims_.begin(), row_dims_.end());
  // About 64 KiB per chunk: many time rows per chunk for small rows, one row for large ones.
  const hsize_t row_bytes = std::max<hsize_t>(row_size_ * 8, 1);
  chunk.push_back(std::clamp<hsize_t>(65536 / row_bytes, 1, 1024));
  for (auto d : row_dims_) chunk.push_back(std::max<hsize_t>(d, 1));
  Handle space(check(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), maxdims.data()),
                     "H5Screate_simple"),
               H5Sclose);
  Handle dcpl = no_times(H5P_DATASET_CREATE);
  check_status(H5Pset_chunk(dcpl.id(), static_cast<int>(chunk.size()), chunk.data()),
               "H5Pset_chunk");
  if (compression > 0) {
    check_status(H5Pset_shuffle(dcpl.id()), "H5Pset_shuffle");
    check_status(H5Pset_deflate(dcpl.id(), static_cast<unsigned>(compression)), "H5Pset_deflate");
  }
  const hid_t ftype = integer_ ? H5T_STD_I64LE : H5T_IEEE_F64LE;
  dataset_ = Handle(check(H5Dcreate2(parent, name.c_str(), ftype, space.id(), H5P_DEFAULT,
                                     dcpl.id(), H5P_DEFAULT),
                          "cannot create dataset " + name),
                    H5Dclose);
}

void Appender::append(std::span<const double> row) {
  if (integer_) throw Error("append: dataset holds integers");
  append_raw(row.data(), row.size(), H5T_NATIVE_DOUBLE);
}

void Appender::append(std::span<const std::int64_t> row) {
  if (!integer_) throw Error("append: dataset holds doubles");
  append_raw(row.data(), row.size(), H5T_NATIVE_INT64);
}

void Appender::append_raw(const void* data, std::size_t count, hid_t mem_type) {
  quiet();
  if (count != row_size_) throw Error("append: row has the wrong size");
  std::vector<hsize_t> dims{rows_ + 1};
  dims.insert(dims.end(), row_dims_.begin(), row_dims_.end());
  check_status(H5Dset_extent(dataset_.id(), dims.data()), "H5Dset_extent");
  Handle fspace(check(H5Dget_space(dataset_.id()), "H5Dget_space"), H5Sclose);
  std::vector<hsize_t> start(dims.size(), 0), count_dims{1};
  start[0] = rows_;
  count_dims.insert(count_dims.end(), row_dims_.begin(), row_dims_.end());
  check_status(H5Sselect_hyperslab(fspace.id(), H5S_SELECT_SET, start.data(), nullptr,
                                   count_dims.data(), nullptr),
               "H5Sselect_hyperslab");
  Handle mspace(check(H5Screate_simple(static_cast<int>(count_dims.size()), count_dims.data(),
                                       nullptr),
                      "H5Screate_simple"),
                H5Sclose);
  check_status(H5Dwrite(dataset_.id(), mem_type, mspace.id(), fspace.id(), H5P_DEFAULT, data),
               "H5Dwrite");
  ++rows_;
}

void set_scale(hid_t dataset, const std::string& name) {
  quiet();
  check_status(H5DSset_scale(dataset, name.c_str()), "cannot make a dimension scale of " + name);
}

void attach_scale(hid_t dataset, hid_t scale, unsigned axis) {
  quiet();
  check_status(H5DSattach_scale(dataset, scale, axis),
               "cannot attach a dimension scale to axis " + std::to_string(axis));
}

Handle create_dimension(hid_t parent, const std::string& name, hsize_t size) {
  quiet();
  Handle space = simple_space({size});
  Handle dcpl = no_times(H5P_DATASET_CREATE);
  Handle ds(check(H5Dcreate2(parent, name.c_str(), H5T_IEEE_F32LE, space.id(), H5P_DEFAULT,
                             dcpl.id(), H5P_DEFAULT),
                  "cannot create dimension " + name),
            H5Dclose);
  // netCDF-4's own marker (h5netcdf and netCDF-C recognise it), with the size as netCDF pads it.
  char label[80];
  std::snprintf(label, sizeof label, "This is a netCDF dimension but not a netCDF variable.%10llu",
                static_cast<unsigned long long>(size));
  set_scale(ds.id(), label);
  return ds;
}

std::string library_version() {
  unsigned maj = 0, min = 0, rel = 0;
  H5get_libversion(&maj, &min, &rel);
  return std::to_string(maj) + "." + std::to_string(min) + "." + std::to_string(rel);
}

}  // namespace icsim::io::h5

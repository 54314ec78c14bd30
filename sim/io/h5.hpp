#pragma once
// A thin RAII layer over the HDF5 C API: owned handles, errors as exceptions carrying HDF5's own
// error stack, and the few typed reads and writes icsim needs. Every object is created with time
// tracking off, so the same writes give byte-identical files.
#include <hdf5.h>
#include <hdf5_hl.h>

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace icsim::io::h5 {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An owned HDF5 identifier, closed with the matching H5*close on destruction.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  Handle(Handle&& o) noexcept : id_(o.id_), closer_(o.closer_) { o.id_ = H5I_INVALID_HID; }
  Handle& operator=(Handle&& o) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }

  [[nodiscard]] hid_t id() const noexcept { return id_; }
  [[nodiscard]] bool valid() const noexcept { return id_ >= 0; }
  /// Closes now; throws Error if HDF5 reports a failure (e.g. while flushing a file).
  void close();
  void reset() noexcept;

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

/// Throws Error("what: <HDF5 error stack>") when id < 0; returns id otherwise.
hid_t check(hid_t id, const std::string& what);
void check_status(herr_t status, const std::string& what);

Handle create_file(const std::string& path);     ///< truncates an existing file
Handle open_file_read(const std::string& path);
Handle create_group(hid_t parent, const std::string& name);
Handle open_group(hid_t parent, const std::string& name);
Handle open_dataset(hid_t parent, const std::string& path);
bool exists(hid_t parent, const std::string& path);  ///< every component of path must exist
std::vector<std::string> children(hid_t group);      ///< member names, in name order

// attributes (scalars and strings)
void set_attr(hid_t obj, const std::string& name, const std::string& value);
void set_attr(hid_t obj, const std::string& name, std::int64_t value);
void set_attr(hid_t obj, const std::string& name, double value);
std::string attr_string(hid_t obj, const std::string& name);
std::int64_t attr_int(hid_t obj, const std::string& name);
double attr_double(hid_t obj, const std::string& name);
bool has_attr(hid_t obj, const std::string& name);

// whole datasets
void write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& values);
void write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& values,
                   const std::vector<hsize_t>& dims);
void write_doubles(hid_t parent, const std::string& name, std::span<const double> values,
                   const std::vector<hsize_t>& dims);
void write_ints(hid_t parent, const std::string& name, std::span<const std::int64_t> values,
                const std::vector<hsize_t>& dims);
std::vector<std::string> read_strings(hid_t parent, const std::string& path);
std::vector<double> read_doubles(hid_t parent, const std::string& path,
                                 std::vector<hsize_t>* dims = nullptr);
std::vector<std::int64_t> read_ints(hid_t parent, const std::string& path,
                                    std::vector<hsize_t>* dims = nullptr);
std::vector<hsize_t> dataset_dims(hid_t parent, const std::string& path);

// dimension scales (H5DS of hdf5_hl), so that netCDF-4 readers (h5netcdf, xarray, netCDF-C)
// see named dimensions
/// Marks a dataset as the dimension scale `name` (its NAME attribute).
void set_scale(hid_t dataset, const std::string& name);
/// Attaches `scale` to axis `axis` of `dataset`.
void attach_scale(hid_t dataset, hid_t scale, unsigned axis);
/// A dimension without a coordinate variable, as netCDF-4 writes one: a dataset of `size`
/// elements that is never written (no storage is allocated), marked as a scale whose NAME says
/// it is not a variable. Returns the dataset.
Handle create_dimension(hid_t parent, const std::string& name, hsize_t size);

/// A dataset growing along its first dimension: rows of a fixed shape, chunked and compressed.
class Appender {
 public:
  /// row_dims: the shape of one row (may be empty for a scalar per row).
  Appender(hid_t parent, const std::string& name, bool integer, std::vector<hsize_t> row_dims,
           int compression);
  void append(std::span<const double> row);
  void append(std::span<const std::int64_t> row);
  [[nodiscard]] hid_t id() const noexcept { return dataset_.id(); }
  [[nodiscard]] hsize_t rows() const noexcept { return rows_; }
  void close() { dataset_.close(); }

 private:
  void append_raw(const void* data, std::size_t count, hid_t mem_type);
  Handle dataset_;
  bool integer_;
  std::vector<hsize_t> row_dims_;
  hsize_t row_size_ = 1;
  hsize_t rows_ = 0;
};

/// The HDF5 library version, e.g. "1.10.8".
std::string library_version();

}  // namespace icsim::io::h5

#pragma once
// icsim's public C++ API: load a scenario, run its replications (into files, as `icsim run`
// does, or in memory) and read the samples. Self-contained: only the standard library is
// needed to include it. Installed as <icsim/icsim.hpp>; find_package(icsim) gives icsim::icsim
// (docs/embedding.md).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace icsim {

/// Bad input: a scenario that cannot be used, an unknown observable, a file that is not an
/// icsim output. The message names the file, line, key and value where there is one.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A scenario, loaded and validated. Copies share the same immutable scenario.
class Scenario {
 public:
  /// From a file; `set` holds "path=value" overrides, as `icsim run --set` takes them.
  static Scenario load(const std::string& path, const std::vector<std::string>& set = {});
  /// From TOML text; `source` names it in error messages.
  static Scenario parse(const std::string& toml, const std::string& source = "text",
                        const std::vector<std::string>& set = {});
  /// The built-in default scenario (scenarios/default.toml).
  static Scenario builtin(const std::vector<std::string>& set = {});

  [[nodiscard]] std::string name() const;
  [[nodiscard]] int days() const;
  [[nodiscard]] int replications() const;
  [[nodiscard]] std::uint64_t seed() const;
  /// Accepted, but probably not meant ("file:line: ..."), as icsim run prints them.
  [[nodiscard]] std::vector<std::string> warnings() const;

  struct Impl;
  [[nodiscard]] const Impl& impl() const { return *impl_; }

 private:
  explicit Scenario(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

struct RunOptions {
  std::string out_dir = "results";
  std::size_t threads = 0;  ///< 0: all cores; outputs are byte-identical at any count
  bool force = false;       ///< replace existing results of this scenario
};

struct RunResult {
  std::string scenario;
  std::vector<std::string> files;  ///< one per replication that completed, in replication order
  std::vector<std::string> errors; ///< one per replication that failed
};

/// Runs every replication of `s` into out_dir/<name>/rep-NNNN.h5 with out_dir/manifest.json:
/// the same files as `icsim run`. Throws Error if results are in the way and force is false.
RunResult run(const Scenario& s, const RunOptions& options = {});

/// One observable's samples over time.
struct Series {
  std::string name, unit, kind;
  std::vector<std::string> axes;                 ///< the non-time axes, e.g. {"organisation", "specialty"}
  std::vector<std::size_t> shape;                ///< their lengths
  std::vector<std::vector<std::string>> labels;  ///< ids along each axis
  std::vector<std::int64_t> step;                ///< days simulated at each sample
  std::vector<double> values;                    ///< [sample][axes...], row-major
  /// The value at sample t and flat index k over the non-time axes.
  [[nodiscard]] double at(std::size_t t, std::size_t k = 0) const;
};

/// Runs replication `replication` of `s` in memory (no files) and returns the samples of the
/// named observables (all when empty), in catalogue order. The values equal the file's.
std::vector<Series> simulate(const Scenario& s, int replication, const std::vector<std::string>& observables = {});

/// An observable's samples from an output file of run() or icsim run.
Series read_series(const std::string& file, const std::string& observable);

/// The observables' names, in catalogue order (icsim observables).
std::vector<std::string> observable_names();

}  // namespace icsim

#pragma once
// Sweep files (docs/sweeps.md): a base scenario, the parameters to vary, a design and
// replications. Parsed here (TOML, with file:line errors like scenario files); the design is
// generated and run by sim/app/sweep.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace icsim::scenario {

enum class Design : std::uint8_t { list, grid, lhs, morris, saltelli };
inline constexpr const char* kDesignNames[] = {"list", "grid", "lhs", "morris", "saltelli"};

struct SweepParameter {
  std::string path;                 ///< a scenario parameter path, as for --set
  std::vector<std::string> values;  ///< list and grid designs: values as TOML text
  double min = 0.0, max = 0.0;      ///< lhs, morris, saltelli: the range
  bool integer = false;             ///< round sampled values to whole numbers
  int line = 0;                     ///< where it is defined (errors)
};

struct SweepSpec {
  std::string file;      ///< the sweep file
  std::string name;      ///< output folder and manifest scenario name
  std::string scenario;  ///< path of the base scenario (resolved), or "" for the built-in default
  Design design = Design::grid;
  int replications = 1;
  int samples = 0;       ///< lhs: points; morris: trajectories; saltelli: base rows N
  int levels = 4;        ///< morris: grid levels p
  std::uint64_t seed = 1;  ///< randomness of the design (not of the model)
  std::optional<int> days;  ///< overrides the base scenario's length
  std::vector<SweepParameter> parameters;
};

/// Parses and checks a sweep file: unknown keys, types, the design's required settings, and
/// every parameter path and value (or range end) against the base scenario's registry bounds.
/// Throws Error naming the sweep file, line, key, value and what was expected.
SweepSpec load_sweep(const std::string& path);

/// The base scenario of a sweep with the given overrides (plus days) applied.
Scenario sweep_point(const SweepSpec& spec, const std::vector<Override>& overrides);

}  // namespace icsim::scenario

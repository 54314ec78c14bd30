#pragma once
// manifest.json of an output folder: what was run, with which seeds, and the checksum of each
// complete file. Written under a temporary name and renamed, like every output.
#include <cstdint>
#include <string>
#include <vector>

namespace icsim::io {

struct ManifestRun {
  std::string scenario;
  std::int64_t replication = 0;
  std::uint64_t seed = 0;
  std::string file;    ///< relative to the output folder
  std::string status;  ///< "complete", "failed" or "interrupted" (by a signal, or never started)
  std::string sha256;
  std::int64_t bytes = 0;
  std::int64_t threads = 0;  ///< oneTBB threads available to the run (not in the HDF5 file)
  double wall_seconds = 0.0;
  std::string error;   ///< message when failed
  std::int64_t point = -1;  ///< sweep design point; -1 outside sweeps (not written)
  std::string checkpoint = {};  ///< interrupted: its checkpoint, relative to the output folder ("": none)
};

struct Manifest {
  std::string icsim_version;
  std::string git_revision;
  std::string command;  ///< the command line
  std::vector<ManifestRun> runs;
};

/// Writes `path` atomically (tmp + rename).
void write_manifest(const std::string& path, const Manifest& m);

/// JSON string literal with escapes.
std::string json_string(const std::string& s);

}  // namespace icsim::io

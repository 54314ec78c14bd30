#pragma once
// What icsim writes in an output folder, so that --force removes only that (never a user's own
// files), and the order in which a folder is taken over: lock, retract the manifest, clear.
#include <filesystem>
#include <string>
#include <vector>

namespace icsim::app {

/// Whether `name` is a file icsim writes in a scenario or sweep folder: rep-NNNN.h5, its
/// checkpoint, their .tmp files, plan.txt, sweep.h5, journal-*.txt, icsim's lock files.
bool is_icsim_file(const std::string& name);

/// Removes the files icsim wrote in a scenario or sweep folder `dir` (and its point-NNNN
/// folders), then the folders left empty. Other files are kept, and a warning naming them is
/// printed. Does nothing if `dir` does not exist.
void remove_icsim_outputs(const std::filesystem::path& dir);

/// Removes <out>/manifest.json (and batch.h5) first, so that nothing claims files about to be
/// replaced: a process killed afterwards leaves a folder without a manifest, never a manifest
/// listing files that are gone or different. The removal is synced to disk.
void retract_manifest(const std::filesystem::path& out);

}  // namespace icsim::app

#pragma once
// What a run will need, estimated from the scenario before anything is allocated (issue 12):
// memory per replication (patients, per-list state, organisation x organisation matrices,
// beds, the sample) and output size, against what the machine has. A scenario far beyond the
// machine is refused with the figures, instead of allocating until the machine dies.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace icsim::app {

struct ResourceEstimate {
  double memory_bytes = 0;   ///< one replication, at its largest
  double output_bytes = 0;   ///< one replication's file, before compression
  double waiting_peak = 0;   ///< patients waiting at most (initial lists plus growth where demand exceeds capacity)
};

/// An estimate for one replication of a scenario (the observables it writes).
ResourceEstimate estimate(const scenario::Scenario& sc);

/// Available memory (MemAvailable) and free space of a folder's file system, in bytes.
double available_memory_bytes();
double free_disk_bytes(const std::string& folder);

/// Why these scenarios cannot run here, `concurrent` replications at once into `out_dir`, or
/// nothing. The message gives the figures and what to change.
std::optional<std::string> resource_problem(const std::vector<scenario::Scenario>& scenarios, std::size_t concurrent,
                                            const std::string& out_dir);

/// "37.2 GiB", "512 MiB" ...
std::string bytes_text(double bytes);

}  // namespace icsim::app

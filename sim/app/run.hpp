#pragma once
// Running scenarios: one replication into one HDF5 file, or a batch of scenarios x replications
// into an output folder with a manifest. Thin glue between model, scenario and io.
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/progress.hpp"
#include "model/observables.hpp"
#include "scenario/scenario.hpp"

namespace icsim::app {

/// Headline values of one replication at its last sample.
struct Headline {
  std::vector<double> trust_list, trust_median, trust_within_18, trust_over_52;
  double list = 0, median = 0, within_18 = 0, over_52 = 0;
  double longest_trust_median = 0;  ///< the highest trust median wait (weeks)
  double trust_median_range = 0;    ///< max - min of trust median waits (weeks)
  double treated = 0, transfers = 0;  ///< whole run
  // Collaboration at the end of the run; NaN when the scenario has none of the kind.
  double mean_trust = 0, cohesion = 0, programme_scale = 0;
  // Urgent pressure over the whole run; NaN without beds or shocks.
  double cancelled = 0, out_of_area_days = 0, opel4_days = 0;
  // Breakdowns at the end of the run (icsim run --by): per specialty (summed over trusts), per
  // deprivation quintile (most deprived first) and per place of residence.
  std::vector<double> specialty_list, specialty_over_52;
  std::vector<double> quintile_list, quintile_median, quintile_within_18, quintile_over_52;
  std::vector<double> place_list, place_median, place_within_18;
};

struct ReplicationResult {
  int replication = 0;
  std::string file;  ///< path of the output file
  bool ok = false;
  bool interrupted = false;  ///< stopped by a signal (error says where its state is)
  std::string error;
  double wall_seconds = 0.0;
  std::int64_t patient_events = 0;
  Headline headline;
};

struct ScenarioResult {
  std::string name;
  std::vector<std::string> trust_ids, specialty_ids, place_ids;
  std::vector<ReplicationResult> replications;
};

using ProgressCallback = std::function<void(const core::Progress&)>;

struct BatchOptions {
  std::string out_dir = "results";
  int checkpoint_every = 0;       ///< days between checkpoints of each replication (0: none)
  bool keep_checkpoints = false;
  bool force = false;             ///< replace existing results of the same scenarios
  std::string command_line;       ///< recorded in the manifest
  ProgressCallback on_progress;   ///< called from worker threads, rate-limited; may be empty
};

/// Thrown when results exist and --force was not given, or the folder cannot be prepared.
class OutputExists : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A replication stopped by a signal (SIGTERM, SIGUSR1, SIGINT) at the end of a day; its state
/// is in `checkpoint` when it checkpoints (empty otherwise: it restarts from day 0).
class Interrupted : public std::runtime_error {
 public:
  Interrupted(std::string checkpoint_file, int at_day)
      : std::runtime_error("interrupted by a signal at day " + std::to_string(at_day) +
                           (checkpoint_file.empty() ? std::string(" (no checkpoint: it restarts from day 0)")
                                                    : " (state saved in " + checkpoint_file + ")")),
        checkpoint(std::move(checkpoint_file)),
        day(at_day) {}
  std::string checkpoint;
  int day;
};

/// Runs one replication of a scenario and writes it to `path` (via "<path>.tmp").
/// `progress` (optional) is advanced by one unit per simulated day.
ReplicationResult run_replication(const scenario::Scenario& sc, int replication,
                                  const std::string& path, core::Progress* progress = nullptr,
                                  const ProgressCallback& on_progress = {});

/// How a replication reports progress and checkpoints itself.
struct RunControl {
  core::Progress* progress = nullptr;
  ProgressCallback on_progress;
  int checkpoint_every = 0;       ///< days between checkpoints (0: none)
  bool keep_checkpoints = false;  ///< keep the last checkpoint after the run completes
};
ReplicationResult run_replication(const scenario::Scenario& sc, int replication, const std::string& path,
                                  const RunControl& control);

/// Continues a replication from its checkpoint (written next to its output file as
/// rep-NNNN.checkpoint.h5) and writes the output file; identical bytes to an uninterrupted run,
/// at any thread count. Throws OutputExists if the file exists and force is false, and
/// std::runtime_error for a checkpoint another icsim build wrote.
struct ResumedRun {
  std::string scenario;
  int day = 0, days = 0;  ///< resumed at day, of days
  ReplicationResult result;
};
ResumedRun resume_replication(const std::string& checkpoint, const RunControl& control, bool force);

/// Runs every replication of every scenario in parallel into
/// <out_dir>/<scenario name>/rep-NNNN.h5 and writes <out_dir>/manifest.json, holding the
/// folder's lock throughout (io::FolderBusy if another process holds it). Also writes
/// <out_dir>/batch.h5, what `icsim resume OUT_DIR` needs to finish the batch. A signal stops
/// it: running replications end as interrupted (checkpointed when they checkpoint), the others
/// are not started, and the manifest says so.
/// Throws OutputExists if results are in the way and options.force is false.
std::vector<ScenarioResult> run_batch(const std::vector<scenario::Scenario>& scenarios,
                                      const BatchOptions& options);

/// What `icsim resume OUT_DIR` did.
struct FolderResume {
  std::int64_t complete = 0;     ///< replications whose file was there already
  std::int64_t resumed = 0;      ///< continued from their checkpoint
  std::int64_t restarted = 0;    ///< run from day 0 (never started, no checkpoint, or a bad one)
  std::vector<ScenarioResult> results;  ///< of the replications run now
};
/// Finishes the batch of an output folder (its batch.h5): replications with a checkpoint
/// continue from it, those without one (never started, or without checkpoints) run from day
/// 0, complete files are kept; then rewrites the manifest. Throws std::runtime_error if the
/// folder holds no batch (a sweep is finished by rerunning it).
FolderResume resume_folder(const std::string& out_dir, const BatchOptions& options);

/// The file name of a replication inside its scenario folder, e.g. "rep-0003.h5".
std::string replication_file_name(int replication);

}  // namespace icsim::app

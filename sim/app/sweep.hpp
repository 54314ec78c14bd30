#pragma once
// Sweeps (docs/sweeps.md): a design of parameter points times replications, each run written
// as <out>/<name>/point-PPPP/rep-RRRR.h5, with an index file <out>/<name>/sweep.h5 and the
// manifest. Runs are pulled dynamically from a work queue (threads of one process, or MPI ranks),
// recorded in per-process journals as they finish, so a rerun skips the complete ones.
#include <atomic>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <utility>
#include <string>
#include <vector>

#include "app/designs.hpp"
#include "app/run.hpp"
#include "scenario/sweep.hpp"

namespace icsim::app {

struct SweepPlan {
  scenario::SweepSpec spec;
  Matrix unit;  ///< per point: the design's coordinates (unit cube; list and grid: value indices)
  std::vector<std::vector<std::string>> values;  ///< per point, per parameter: the value (TOML text)
  [[nodiscard]] std::size_t points() const { return values.size(); }
  [[nodiscard]] std::size_t runs() const { return values.size() * static_cast<std::size_t>(spec.replications); }
};

/// Generates the design's points and their values.
SweepPlan plan_sweep(const scenario::SweepSpec& spec);

/// The plan as text (what --dry-run prints; also stored as <out>/<name>/plan.txt to recognise
/// a rerun of the same sweep).
std::string describe_plan(const SweepPlan& plan);

/// Hands out run indices: one process (threads) or MPI ranks sharing a counter.
class WorkQueue {
 public:
  virtual ~WorkQueue() = default;
  /// The next index to run, or a value >= limit when there is none left.
  virtual std::int64_t next() = 0;
  /// No more work is handed out (fail-fast).
  virtual void stop() = 0;
  [[nodiscard]] virtual int rank() const { return 0; }
  [[nodiscard]] virtual int size() const { return 1; }
  virtual void barrier() {}
  /// Called once every process knows how many indices there are.
  virtual void reset(std::int64_t limit) = 0;
  /// A step every process takes together: each gives its outcome (status 0: ok), and every
  /// process gets the same one back, that of the lowest rank that failed. So no process waits
  /// at a barrier for one that gave up.
  virtual std::pair<int, std::string> agree(int status, std::string message) { return {status, std::move(message)}; }
  /// Ends every process of the job (MPI_Abort) after a fatal error on this one; returns only
  /// when there is no job to end (one process).
  virtual void abort(int /*exit_status*/) {}
};

/// An error every process of the sweep raised together (decided by agree()): printed once,
/// by rank 0, and ending every process with `exit_status`.
class JobError : public std::runtime_error {
 public:
  JobError(int status, const std::string& what) : std::runtime_error(what), exit_status(status) {}
  int exit_status;
};

/// The work queue of a single process.
std::unique_ptr<WorkQueue> local_queue();
/// The work queue of the MPI ranks of MPI_COMM_WORLD (nullptr when built without MPI).
std::unique_ptr<WorkQueue> mpi_queue();

struct SweepOptions {
  std::string out_dir = "results";
  int checkpoint_every = 0;  ///< days between checkpoints of each run (0: none); a rerun resumes them
  bool keep_checkpoints = false;
  bool force = false;      ///< replace an existing sweep of the same name
  bool fail_fast = false;  ///< stop handing out runs after the first failure
  int shard = 0, shards = 1;  ///< run only the runs whose index % shards == shard
  std::string command_line;
  ProgressCallback on_progress;
};

struct SweepOutcome {
  std::int64_t total = 0;     ///< runs in the plan (this shard)
  std::int64_t skipped = 0;   ///< already complete from an earlier attempt
  std::int64_t ran = 0;       ///< run now (by this process)
  std::int64_t failed = 0;    ///< failed now (by this process)
  std::int64_t interrupted = 0;  ///< stopped by a signal (by this process)
  std::vector<std::string> errors;  ///< "point P replication R: message"
  bool complete = false;      ///< every run of the plan (all shards) is complete (rank 0's view)
};

/// Runs the plan, holding the output folder's lock (shared between shards running at the same
/// time, each holding its own shard lock). Shards write only their own journals; the pass
/// without --shard writes the index and the manifest. Throws JobError (exit status 3) if a
/// different sweep or other results are in the way and options.force is false, or (4) if
/// another process holds the folder; other exceptions are this process's alone.
SweepOutcome run_sweep(const SweepPlan& plan, const SweepOptions& options, WorkQueue& queue);

}  // namespace icsim::app

#pragma once
// Checkpoints of a replication (internal to app/): everything needed to continue a run, in an
// HDF5 file next to its output file (rep-0003.h5 -> rep-0003.checkpoint.h5).
#include <cstdint>
#include <string>
#include <vector>

#include "app/replication.hpp"
#include "io/h5.hpp"

namespace icsim::app::detail {

/// The checkpoint path of an output file.
std::string checkpoint_path(const std::string& output_path);

/// Writes everything needed to continue the run: the scenario (as read), the replication, the
/// model's state, the rows written to the output file so far, the event log and the totals.
/// The rows are this process's previous checkpoint's (when `has_previous`) plus those the
/// file recorded since; `has_previous` is true afterwards.
void write_checkpoint(const std::string& output_path, const scenario::Scenario& sc, int replication,
                      int checkpoint_every, const model::Model& m, io::RunFile& f, Totals totals, bool& has_previous);

/// Ends a replication asked to stop (a signal): writes its checkpoint at today's day when it
/// checkpoints (unless it just did), then throws Interrupted.
[[noreturn]] void interrupt_replication(const std::string& output_path, const scenario::Scenario& sc, int replication,
                                        int checkpoint_every, const model::Model& m, io::RunFile& f,
                                        Totals totals, bool& has_previous);

/// A checkpoint opened for resuming: read whole and verified when constructed. Throws
/// std::runtime_error for a file that is not named rep-NNNN.checkpoint.h5, is not an icsim
/// checkpoint, was written by another build, or whose content does not match its checksums or
/// its own sizes (damaged or altered).
class CheckpointReader {
 public:
  explicit CheckpointReader(const std::string& path);

  [[nodiscard]] const scenario::Scenario& scenario() const noexcept { return scenario_; }
  [[nodiscard]] int replication() const { return static_cast<int>(replication_); }
  [[nodiscard]] int day() const { return static_cast<int>(day_); }
  [[nodiscard]] int checkpoint_every() const { return static_cast<int>(every_); }
  /// The output file the checkpoint continues: rep-NNNN.h5 in the checkpoint's folder (never a
  /// path stored in the file).
  [[nodiscard]] const std::string& output_path() const { return output_; }
  [[nodiscard]] std::vector<std::uint8_t> model_state() const;
  /// The totals of the run so far.
  void run_state(Totals& totals) const;
  /// Creates the file's series and writes the rows the run wrote before the checkpoint, with
  /// the same sequence of HDF5 calls as the run made (so the bytes are the same).
  [[nodiscard]] std::pair<ObservableWriter, RelationshipWriter> replay(io::RunFile& f,
                                                                       std::size_t organisations) const;
  void close() {}  ///< the file is closed once read

 private:
  std::string path_, output_;
  scenario::Scenario scenario_;
  std::int64_t replication_ = 0, day_ = 0, every_ = 0;
  std::vector<std::uint8_t> model_state_, run_state_;
  std::vector<io::RunFile::Rows> rows_;
};

}  // namespace icsim::app::detail

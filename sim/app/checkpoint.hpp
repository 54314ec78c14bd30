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

/// A checkpoint opened for resuming. Throws std::runtime_error for a file that is not an icsim
/// checkpoint or was written by another build.
class CheckpointReader {
 public:
  explicit CheckpointReader(const std::string& path);

  [[nodiscard]] const scenario::Scenario& scenario() const noexcept { return scenario_; }
  [[nodiscard]] int replication() const;
  [[nodiscard]] int day() const;
  [[nodiscard]] int checkpoint_every() const;
  /// The output file the checkpoint continues (in the checkpoint's folder).
  [[nodiscard]] std::string output_path() const;
  [[nodiscard]] std::vector<std::uint8_t> model_state() const;
  /// The totals of the run so far.
  void run_state(Totals& totals) const;
  /// Creates the file's series and writes the rows the run wrote before the checkpoint, with
  /// the same sequence of HDF5 calls as the run made (so the bytes are the same).
  [[nodiscard]] std::pair<ObservableWriter, RelationshipWriter> replay(io::RunFile& f,
                                                                       std::size_t organisations) const;
  void close() { file_ = io::h5::Handle(); }

 private:
  std::string path_;
  io::h5::Handle file_;
  scenario::Scenario scenario_;
};

}  // namespace icsim::app::detail

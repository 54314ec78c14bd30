#pragma once
// Subcommands of the icsim executable. main.cpp parses the command line into these option
// structs and dispatches; each command returns the process exit code.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace icsim::cli {

/// Exit codes shared by all commands.
enum Exit : int {
  ok = 0,
  run_failed = 1,   ///< a run failed while executing
  bad_input = 2,    ///< invalid scenario, option or file
  output_exists = 3, ///< results in the way and no --force
  busy = 4,         ///< another icsim process is writing the output folder
  interrupted = 75  ///< stopped by SIGTERM/SIGUSR1/SIGINT with the state saved (EX_TEMPFAIL): resume
};

struct RunArgs {
  std::vector<std::string> scenarios;  ///< empty: the built-in default
  std::string out = "results";
  std::optional<long long> replications, seed, days;
  std::vector<std::string> set;        ///< "path=value"
  std::size_t threads = 0;
  bool force = false;
  std::string progress = "auto";       ///< auto | always | never | json
  std::string command_line;
  int checkpoint_every = 0;
  bool keep_checkpoints = false;
  bool no_resource_check = false;  ///< run even when the estimated memory or output exceeds the machine's
  std::string baseline;            ///< scenario name the others are compared with (empty: the first)
  std::vector<std::string> by;     ///< paired tables per trust, specialty, quintile or place
  std::string format = "text";     ///< text (tables) or json (one summary document on stdout)
};
int run(const RunArgs& a);

struct ResumeArgs {
  std::string checkpoint;  ///< a rep-NNNN.checkpoint.h5 file, or an output folder
  std::string command_line;
  int checkpoint_every = 0;
  std::size_t threads = 0;
  bool force = false;
  std::string progress = "auto";
};
/// icsim resume: continues one replication from its checkpoint, or finishes an output folder.
int resume(const ResumeArgs& a);

struct SweepArgs {
  std::string file;
  std::string out = "results";
  std::size_t threads = 0;
  bool force = false, dry_run = false, fail_fast = false;
  std::string shard;                   ///< "i/N" or empty
  std::string progress = "auto";
  std::string command_line;
  int checkpoint_every = 0;
  bool keep_checkpoints = false;
  bool no_resource_check = false;
};
/// icsim sweep: one process, or every rank of an MPI job (MPI is initialised and finalised here).
int sweep(const SweepArgs& a, bool under_mpi);
/// Whether this process was started by mpirun/srun (an MPI launcher's environment is set).
bool under_mpi();

int validate(const std::vector<std::string>& files);
/// Lists the scenario parameters whose keys start with one of `prefixes` (all when empty).
/// format: text, markdown or json.
int params(const std::string& format, const std::vector<std::string>& prefixes);
int observables(const std::string& format);
/// --quiet: no progress, warnings or summaries (errors are still printed). Set before a command.
void set_quiet(bool quiet);
/// The dimensions of the output files (netCDF-4 readers' view) as a Markdown table.
int dimensions();

struct BenchArgs {
  std::string scenario = "national";   ///< "national", "national-pooled", "default" or a file
  double years = 1.0;
  std::vector<std::size_t> threads{1, 2};
  bool equity = false;                 ///< also time the equity scan at each sample
};
int bench(const BenchArgs& a);

int generate(const std::string& what, int days, bool pools, bool urgent);

struct ExportArgs {
  std::string folder;
  std::string format = "csv";  ///< csv | xlsx
  std::string baseline;        ///< empty: the first scenario in name order
  std::string output;          ///< empty: FOLDER/export/ (csv) or FOLDER/export.xlsx
  bool force = false;
};
/// icsim export: time series and paired differences as CSV files or one XLSX workbook.
int export_folder(const ExportArgs& a);

struct ReportArgs {
  std::string out_dir;
  std::string baseline;  ///< empty: the first scenario
  std::string output;    ///< empty: OUT_DIR/report.html
  bool force = false;
};
/// Runs the Python analysis package (Debian's /usr/bin/python3, or $ICSIM_PYTHON).
int report(const ReportArgs& a);

struct CalibrateArgs {
  std::vector<std::string> rtt;
  std::string by = "commissioner";
  std::string fit_from, fit_to, forecast_to, out;
  int replications = 10;
  unsigned long long seed = 1;
  bool force = false;
};
/// icsim calibrate (docs/calibration.md).
int calibrate(const CalibrateArgs& a);

}  // namespace icsim::cli

#include "cli/commands.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <optional>
#ifdef ICSIM_HAVE_MPI
#include <mpi.h>
#endif
#include <sstream>

#include "app/bench.hpp"
#include "app/export.hpp"
#include "app/national.hpp"
#include "app/resources.hpp"
#include "app/run.hpp"
#include "app/sweep.hpp"
#include "scenario/sweep.hpp"
#include "cli/format.hpp"
#include "cli/json.hpp"
#include "core/interrupt.hpp"
#include "core/parallel.hpp"
#include "io/folder_lock.hpp"
#include "io/tables.hpp"
#include "model/observables.hpp"
#include "scenario/registry.hpp"
#include "scenario/scenario.hpp"

namespace icsim::cli {
namespace {

std::vector<scenario::Override> overrides_of(const RunArgs& a) {
  std::vector<scenario::Override> o;
  if (a.seed) o.push_back({"scenario.seed", std::to_string(*a.seed)});
  if (a.days) o.push_back({"scenario.days", std::to_string(*a.days)});
  if (a.replications) o.push_back({"scenario.replications", std::to_string(*a.replications)});
  for (const auto& s : a.set) o.push_back(scenario::parse_override(s));
  return o;
}

/// "icsim: error: " before each line of an error (Errors holds one line per error).
void print_error(const std::exception& e) {
  std::istringstream lines(e.what());
  for (std::string line; std::getline(lines, line);) std::cerr << "icsim: error: " << line << "\n";
}

bool g_quiet = false;  // --quiet: the process's one output setting, set by main before a command

/// Where messages that are not errors go: stdout, or nowhere under --quiet.
std::ostream& info() {
  static std::ostream none(nullptr);
  return g_quiet ? none : std::cout;
}

void print_warnings(const scenario::Scenario& sc) {
  if (g_quiet) return;
  for (const auto& w : sc.warnings) std::cerr << "icsim: warning: " << w.text() << "\n";
}

/// Clears the progress line (its width: the terminal's now).
void clear_progress() { std::cerr << "\r" << std::string(static_cast<std::size_t>(std::max(terminal_width() - 1, 1)), ' ') << "\r"; }

}  // namespace

namespace {

/// The progress display of run and sweep: a line redrawn on a terminal, or JSON lines.
/// `shown` tells whether the caller must clear the line at the end.
app::ProgressCallback progress_display(const std::string& mode, bool enabled, std::mutex& print, bool& shown) {
  const bool tty = ::isatty(STDERR_FILENO) != 0;
  enabled = enabled && !g_quiet;
  shown = enabled && (mode == "always" || (mode == "auto" && tty));
  const bool json = enabled && mode == "json";
  if (!shown && !json) return {};
  return [&print, json](const core::Progress& p) {
    const std::lock_guard lock(print);
    std::cerr << (json ? progress_json(p.view()) + "\n" : "\r" + progress_line(p.view(), terminal_width()));
    std::cerr.flush();
  };
}

}  // namespace

namespace {
#ifdef ICSIM_HAVE_MPI
/// MPI_Init_thread (threads of a rank share the work queue) and MPI_Finalize.
struct MpiSession {
  MpiSession() {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_MULTIPLE, &provided);
    if (provided < MPI_THREAD_MULTIPLE) {
      std::cerr << "icsim: warning: the MPI library does not support MPI_THREAD_MULTIPLE; using one run at a time per rank\n";
      serial = true;
    }
  }
  ~MpiSession() { MPI_Finalize(); }
  [[nodiscard]] int rank() const {
    int r = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &r);
    return r;
  }
  [[nodiscard]] int size() const {
    int n = 1;
    MPI_Comm_size(MPI_COMM_WORLD, &n);
    return n;
  }
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  bool serial = false;
};
#else
struct MpiSession {
  bool serial = false;
  [[nodiscard]] int rank() const { return 0; }
  [[nodiscard]] int size() const { return 1; }
};
#endif

/// icsim run does not share replications across MPI ranks: every rank would run the same batch
/// into the same folder. Refused on every rank, said once.
bool started_on_several_ranks() {
  if (!under_mpi()) return false;
  MpiSession mpi;
  if (mpi.size() <= 1) return false;
  if (mpi.rank() == 0) {
    std::cerr << "icsim: error: icsim run was started on " << mpi.size()
              << " MPI ranks; it does not share replications across ranks (every rank would run the same "
                 "batch into the same folder). Run it as one process (it uses every core of the machine with "
                 "--threads), or use icsim sweep under mpirun to share runs across ranks\n";
  }
  return true;
}

}  // namespace

namespace {
/// The scenarios of a run, their warnings printed; false (errors printed) if one cannot be used.
bool load_scenarios(const RunArgs& a, std::vector<scenario::Scenario>& scenarios) {
  try {
    const auto overrides = overrides_of(a);
    if (a.scenarios.empty()) {
      scenarios.push_back(scenario::load_default(overrides));
    } else {
      for (const auto& f : a.scenarios) scenarios.push_back(scenario::load_file(f, overrides));
    }
  } catch (const scenario::Error& e) {
    print_error(e);
    return false;
  }
  for (const auto& sc : scenarios) print_warnings(sc);
  return true;
}
}  // namespace

namespace {
/// The index of --baseline among the scenarios' names; false (said) if none has that name.
bool baseline_index(const RunArgs& a, const std::vector<scenario::Scenario>& scenarios, std::size_t& index) {
  if (a.baseline.empty()) return true;
  std::string names;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    if (scenarios[i].config.run.name == a.baseline) {
      index = i;
      return true;
    }
    names += (names.empty() ? "" : ", ") + scenarios[i].config.run.name;
  }
  std::cerr << "icsim: error: command line: --baseline = " << a.baseline << ": expected the name of one of the "
            << "scenarios run (" << names << ")\n";
  return false;
}
}  // namespace

int run(const RunArgs& a) {
  if (started_on_several_ranks()) return bad_input;
  core::install_stop_handlers();  // from the start: a signal while loading still ends as "interrupted"
  std::vector<scenario::Scenario> scenarios;
  if (!load_scenarios(a, scenarios)) return bad_input;

  std::size_t baseline = 0;
  if (!baseline_index(a, scenarios, baseline)) return bad_input;
  core::ThreadLimit limit(a.threads);
  if (!a.no_resource_check) {
    if (const auto problem = app::resource_problem(scenarios, core::active_threads(), a.out)) {
      std::cerr << "icsim: error: " << *problem << "\n";
      return bad_input;
    }
  }
  std::mutex print;
  bool show = false;
  app::BatchOptions options;
  options.out_dir = a.out;
  options.force = a.force;
  options.command_line = a.command_line;
  options.on_progress = progress_display(a.progress, true, print, show);
  options.checkpoint_every = a.checkpoint_every;
  options.keep_checkpoints = a.keep_checkpoints;

  std::vector<app::ScenarioResult> results;
  try {
    results = app::run_batch(scenarios, options);
  } catch (const app::OutputExists& e) {
    std::cerr << "icsim: error: " << e.what() << "\n";
    return output_exists;
  } catch (const io::FolderBusy& e) {
    std::cerr << "icsim: error: " << e.what() << "\n";
    return busy;
  } catch (const std::exception& e) {
    std::cerr << "icsim: error: " << e.what() << "\n";
    return run_failed;
  }
  if (show) clear_progress();

  int failures = 0, stopped = 0;
  for (const auto& r : results) {
    for (const auto& rep : r.replications) {
      if (rep.interrupted) {
        ++stopped;
      } else if (!rep.ok) {
        ++failures;
        std::cerr << "icsim: " << r.name << " replication " << rep.replication
                  << " failed: " << rep.error << "\n";
      }
    }
    if (a.format != "json") info() << results_table(r) << "\n";
  }
  if (a.format == "json") {
    std::cout << results_json(results, baseline, a.out);
  } else {
    if (results.size() >= 2) info() << paired_table(results, baseline, a.by) << "\n";
    info() << "Outputs: " << a.out << "/ (manifest.json lists every file)\n";
  }
  if (stopped) {
    std::cerr << "icsim: interrupted by signal " << core::stop_requested() << ": " << stopped
              << " replication(s) not finished" << (a.checkpoint_every > 0 ? " (their state is saved)" : "")
              << "; continue with: icsim resume " << a.out << "\n";
    return interrupted;
  }
  return failures ? run_failed : ok;
}

bool under_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"}) {
    if (std::getenv(v)) return true;
  }
  return false;
}

namespace {

/// --shard i/N into the options (0 <= i < N); throws scenario::Error naming the command line.
void parse_shard(const SweepArgs& a, app::SweepOptions& options) {
  if (a.shard.empty()) return;
  const auto slash = a.shard.find('/');
  std::size_t used = 0;
  bool good = slash != std::string::npos;
  if (good) {
    try {
      options.shard = std::stoi(a.shard.substr(0, slash), &used);
      good = used == slash;
      options.shards = std::stoi(a.shard.substr(slash + 1), &used);
      good = good && used == a.shard.size() - slash - 1 && options.shards >= 1 && options.shard >= 0 &&
             options.shard < options.shards;
    } catch (const std::exception&) {
      good = false;
    }
  }
  if (!good) throw scenario::Error("command line", 0, "--shard", a.shard, "i/N with 0 <= i < N, e.g. 3/10");
  if (a.force && options.shards > 1) {
    throw scenario::Error("command line", 0, "--force", "", "not with --shard: shards running at the same time "
                          "would remove each other's files (remove the old sweep's folder before the shards start)");
  }
}

void print_sweep_summary(const SweepArgs& a, const app::SweepPlan& plan, const app::SweepOptions& options,
                         const app::SweepOutcome& r, int ranks) {
  const bool sharded = options.shards > 1;
  info() << "Sweep " << plan.spec.name << ": " << r.total << " runs" << (sharded ? " in this shard" : "")
            << "; " << r.skipped << " already complete, " << r.ran << " run now"
            << (ranks > 1 ? " by rank 0 (of " + std::to_string(ranks) + ")" : std::string())
            << ", " << r.failed << " failed" << (ranks > 1 ? " on rank 0" : "") << ".\n"
            << (r.complete ? "Every run of the sweep is complete." : "Some runs are not complete: run the same command again to finish them.")
            << "\n";
  if (sharded) {
    info() << "Outputs: " << a.out << "/" << plan.spec.name << "/ (after the last shard, run the sweep once "
              << "without --shard to write sweep.h5 and " << a.out << "/manifest.json)\n";
  } else {
    info() << "Outputs: " << a.out << "/" << plan.spec.name << "/ (sweep.h5 indexes the runs; " << a.out
              << "/manifest.json lists every file)\n";
  }
}

}  // namespace

int sweep(const SweepArgs& a, bool under_mpi) {
  std::optional<MpiSession> mpi;  // outlives the work queue
  if (under_mpi) mpi.emplace();
  std::unique_ptr<app::WorkQueue> queue = under_mpi ? app::mpi_queue() : app::local_queue();
  if (!queue) {
    std::cerr << "icsim: error: this icsim was built without MPI\n";
    return bad_input;
  }
  const bool root = queue->rank() == 0;
  core::install_stop_handlers();
  app::SweepPlan plan;
  app::SweepOptions options;
  std::string problem;
  try {
    plan = app::plan_sweep(scenario::load_sweep(a.file));
    parse_shard(a, options);
  } catch (const scenario::Error& e) {
    problem = e.what();
  }
  // Every rank read the file: all go on, or all stop (none waits for a rank that stopped).
  const auto [bad, why] = queue->agree(problem.empty() ? 0 : bad_input, problem);
  if (bad) {
    if (root) std::cerr << "icsim: error: " << why << "\n";
    return bad_input;
  }
  if (a.dry_run) {
    if (root) std::cout << app::describe_plan(plan);
    return ok;
  }
  core::ThreadLimit limit(mpi && mpi->serial ? 1 : a.threads);
  if (!a.no_resource_check && root) {
    // The base scenario: points of the design vary it, rarely by orders of magnitude.
    if (const auto too_big = app::resource_problem({scenario::sweep_point(plan.spec, {})}, core::active_threads(),
                                                   a.out)) {
      std::cerr << "icsim: error: " << *too_big << "\n";
      queue->abort(bad_input);
      return bad_input;
    }
  }
  std::mutex print;
  bool show = false;
  options.out_dir = a.out;
  options.force = a.force;
  options.fail_fast = a.fail_fast;
  options.command_line = a.command_line;
  options.checkpoint_every = a.checkpoint_every;
  options.keep_checkpoints = a.keep_checkpoints;
  options.on_progress = progress_display(a.progress, root, print, show);
  app::SweepOutcome r;
  try {
    r = app::run_sweep(plan, options, *queue);
  } catch (const app::JobError& e) {
    if (root) std::cerr << "icsim: error: " << e.what() << "\n";
    return e.exit_status;
  } catch (const std::exception& e) {
    // This process alone failed: say so, then end the whole job (the other ranks would wait
    // for it at the next barrier forever).
    std::cerr << "icsim: error" << (queue->size() > 1 ? " (rank " + std::to_string(queue->rank()) + ")" : "")
              << ": " << e.what() << "\n";
    std::cerr.flush();
    queue->abort(run_failed);
    return run_failed;
  }
  if (show) clear_progress();
  for (const auto& e : r.errors) std::cerr << "icsim: sweep " << plan.spec.name << " " << e << "\n";
  if (root) print_sweep_summary(a, plan, options, r, queue->size());
  if (r.interrupted) {
    std::cerr << "icsim: interrupted by signal " << core::stop_requested() << ": " << r.interrupted
              << " run(s) stopped" << (options.checkpoint_every > 0 ? " with their state saved" : "")
              << "; run the same command again to finish the sweep\n";
    return interrupted;
  }
  return r.failed ? run_failed : ok;
}

int resume(const ResumeArgs& a) {
  core::install_stop_handlers();
  core::ThreadLimit limit(a.threads);
  std::mutex print;
  bool show = false;
  namespace fs = std::filesystem;
  try {
    if (fs::is_directory(a.checkpoint)) {
      app::BatchOptions options;
      options.out_dir = a.checkpoint;
      options.command_line = a.command_line;
      options.checkpoint_every = a.checkpoint_every;
      options.on_progress = progress_display(a.progress, true, print, show);
      const auto r = app::resume_folder(a.checkpoint, options);
      if (show) clear_progress();
      int failed = 0, stopped = 0;
      for (const auto& sc : r.results) {
        for (const auto& rep : sc.replications) {
          if (rep.interrupted) {
            ++stopped;
          } else if (!rep.ok) {
            ++failed;
            std::cerr << "icsim: " << sc.name << " replication " << rep.replication << " failed: " << rep.error << "\n";
          }
        }
      }
      info() << "Resumed " << a.checkpoint << ": " << r.complete << " replication(s) already complete, " << r.resumed
                << " continued from their checkpoint, " << r.restarted << " run from day 0; " << failed << " failed"
                << (stopped ? ", " + std::to_string(stopped) + " interrupted again" : std::string())
                << ".\nOutputs: " << a.checkpoint << "/ (manifest.json lists every file)\n";
      if (stopped) return interrupted;
      return failed ? run_failed : ok;
    }
    app::RunControl control;
    control.on_progress = progress_display(a.progress, true, print, show);
    control.checkpoint_every = a.checkpoint_every;
    // The replication's output folder is the one its scenario folder is in: its lock.
    const fs::path out = fs::absolute(a.checkpoint).parent_path().parent_path();
    const auto lock = io::lock_output_folder(out, a.command_line);
    const auto r = app::resume_replication(a.checkpoint, control, a.force);
    if (show) clear_progress();
    info() << "Resumed " << r.scenario << " replication " << r.result.replication << " at day " << r.day << " of "
              << r.days << ": " << r.result.file << "\n";
  } catch (const app::OutputExists& e) {
    std::cerr << "icsim: error: " << e.what() << "\n";
    return output_exists;
  } catch (const io::FolderBusy& e) {
    std::cerr << "icsim: error: " << e.what() << "\n";
    return busy;
  } catch (const app::Interrupted& e) {
    std::cerr << "icsim: " << e.what() << "; continue with: icsim resume " << a.checkpoint << "\n";
    return interrupted;
  } catch (const scenario::Error& e) {
    std::cerr << "icsim: error: " << e.what() << "\n";
    return bad_input;
  } catch (const std::exception& e) {
    std::cerr << "icsim: error: " << e.what() << "\n";
    return bad_input;
  }
  return ok;
}

int validate(const std::vector<std::string>& files) {
  int status = ok;
  for (const auto& f : files) {
    try {
      const auto sc = scenario::load_file(f);
      const auto& c = sc.config;
      print_warnings(sc);
      info() << f << ": ok (" << c.run.name << ": " << c.places.size() << " places, "
                << c.trusts.size() << " trusts, " << c.specialties.size() << " specialties, "
                << c.run.days << " days, " << c.run.replications << " replications"
                << (sc.warnings.empty() ? std::string() : "; " + std::to_string(sc.warnings.size()) + " warning(s)")
                << ")\n";
    } catch (const scenario::Error& e) {
      print_error(e);
      status = bad_input;
    }
  }
  return status;
}

int export_folder(const ExportArgs& a) {
  namespace fs = std::filesystem;
  const bool xlsx = a.format == "xlsx";
  const fs::path target = !a.output.empty() ? fs::path(a.output) : fs::path(a.folder) / (xlsx ? "export.xlsx" : "export");
  if (fs::exists(target) && !a.force) {
    std::cerr << "icsim: error: " << target.string() << " exists (use --force to replace it)\n";
    return output_exists;
  }
  try {
    const auto tables = app::export_tables({a.folder, a.baseline});
    if (xlsx) {
      io::write_xlsx(target.string(), tables);
      info() << "Wrote " << target.string() << " (sheets: ";
      for (std::size_t i = 0; i < tables.size(); ++i) info() << (i ? ", " : "") << tables[i].name;
      info() << ")\n";
    } else {
      fs::create_directories(target);
      for (const auto& p : io::write_csv(target.string(), tables)) info() << "Wrote " << p << "\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "icsim: error: " << e.what() << "\n";
    return bad_input;
  }
  return ok;
}

void set_quiet(bool quiet) { g_quiet = quiet; }

int bench(const BenchArgs& a) {
  const int days = static_cast<int>(std::lround(a.years * 365.0));
  scenario::Scenario sc;
  try {
    if (a.scenario == "national" || a.scenario == "national-pooled" || a.scenario == "national-urgent") {
      app::NationalOptions o;
      o.days = days;
      o.pools = a.scenario != "national";
      o.urgent = a.scenario == "national-urgent";
      sc = scenario::load_text(app::national_scenario_text(o), "generated national");
    } else if (a.scenario == "default") {
      sc = scenario::load_default();
    } else {
      sc = scenario::load_file(a.scenario);
    }
  } catch (const scenario::Error& e) {
    std::cerr << "icsim: error: " << e.what() << "\n";
    return bad_input;
  }
  std::cout << bench_header();
  for (std::size_t t : a.threads) {
    const auto r = app::bench(sc, days, t, a.equity);
    std::cout << bench_row(r) << std::flush;
  }
  return ok;
}

int generate(const std::string& what, int days, bool pools, bool urgent) {
  if (what != "national") return bad_input;
  app::NationalOptions o;
  o.days = days;
  o.pools = pools || urgent;
  o.urgent = urgent;
  std::cout << app::national_scenario_text(o);
  return ok;
}

namespace {
/// The folder holding the icsim_analysis package: $ICSIM_ANALYSIS_DIR, the installed copy next
/// to the binary (../share/icsim/analysis), or the source tree it was built from.
std::string analysis_dir() {
  namespace fs = std::filesystem;
  auto has_package = [](const fs::path& p) { return fs::exists(p / "icsim_analysis" / "__init__.py"); };
  if (const char* env = std::getenv("ICSIM_ANALYSIS_DIR"); env && has_package(env)) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "icsim" / "analysis";
    if (has_package(installed)) return installed.string();
  }
  if (has_package(ICSIM_SOURCE_ANALYSIS_DIR)) return ICSIM_SOURCE_ANALYSIS_DIR;
  return "";
}
}  // namespace

int report(const ReportArgs& a) {
  const std::string dir = analysis_dir();
  if (dir.empty()) {
    std::cerr << "icsim: error: cannot find the icsim_analysis package (set ICSIM_ANALYSIS_DIR)\n";
    return bad_input;
  }
  const char* env_python = std::getenv("ICSIM_PYTHON");
  const std::string python = env_python ? env_python : "/usr/bin/python3";
  // Isolated (-I): neither the current folder (often the results folder, whose files anyone
  // may have written) nor PYTHONPATH nor the user's site-packages come first on the import
  // path; the analysis package's folder is put there explicitly, passed as an argument.
  std::vector<std::string> args = {python, "-I", "-c",
                                   "import sys; sys.path.insert(0, sys.argv.pop(1)); "
                                   "from icsim_analysis.__main__ import main; sys.exit(main(sys.argv[1:]))",
                                   dir, "report", a.out_dir};
  if (!a.baseline.empty()) args.insert(args.end(), {"--baseline", a.baseline});
  if (!a.output.empty()) args.insert(args.end(), {"--output", a.output});
  if (a.force) args.emplace_back("--force");
  std::vector<char*> argv;
  for (auto& s : args) argv.push_back(s.data());
  argv.push_back(nullptr);
  std::cout.flush();
  ::execv(python.c_str(), argv.data());
  std::cerr << "icsim: error: cannot run " << python << ": " << std::strerror(errno) << "\n";
  return bad_input;
}

}  // namespace icsim::cli

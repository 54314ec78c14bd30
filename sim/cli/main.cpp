// icsim: parse the command line and dispatch to a subcommand. Nothing else lives here.
#include <CLI/CLI.hpp>

#include <iostream>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "cli/completion.hpp"
#include "core/version.hpp"

namespace {

/// A whole number in [lo, hi], with a message that says what was expected (CLI11's own ranges
/// print their limits as 300-digit doubles).
CLI::Validator whole_number(long long lo, long long hi, const std::string& what) {
  return CLI::Validator(
      [=](std::string& s) -> std::string {
        std::size_t used = 0;
        long long v = 0;
        try {
          v = std::stoll(s, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used == 0 || used != s.size() || v < lo || v > hi) {
          return "expected " + what + " (a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                 "), found " + s;
        }
        return "";
      },
      "INT in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
}

/// The options every subcommand's flags check.
struct Checks {
  CLI::Validator days = whole_number(0, 32000, "a number of days, 0 for none");
  CLI::Validator threads = whole_number(0, 4096, "a number of threads, 0 for all cores");
};

CLI::App* add_run(CLI::App& app, icsim::cli::RunArgs& run, const Checks& c) {
  const auto& days = c.days;
  const auto& threads = c.threads;
  auto* run_cmd = app.add_subcommand("run", "Run scenarios (none given: the built-in default)");
  run_cmd->add_option("scenarios", run.scenarios, "Scenario files (TOML)");
  run_cmd->add_option("-o,--out", run.out, "Output folder")->capture_default_str();
  run_cmd->add_option("-r,--replications", run.replications, "Replications (overrides the file)");
  run_cmd->add_option("--seed", run.seed, "Seed (overrides the file)");
  run_cmd->add_option("--days", run.days, "Simulated days (overrides the file)");
  run_cmd->add_option("--set", run.set, "Set a parameter: path=value, e.g. scenario.seed=3");
  run_cmd->add_option("-t,--threads", run.threads, "Threads (0: all cores)")->check(threads)->capture_default_str();
  run_cmd->add_flag("-f,--force", run.force, "Replace existing results of these scenarios");
  run_cmd->add_option("--checkpoint-every", run.checkpoint_every,
                      "Write each replication's state every DAYS days (rep-NNNN.checkpoint.h5); resume with icsim resume")
      ->check(days);
  run_cmd->add_flag("--keep-checkpoints", run.keep_checkpoints, "Keep the last checkpoint of a completed replication");
  run_cmd->add_flag("--no-resource-check", run.no_resource_check,
                    "Run even when the estimated memory or output size exceeds what this machine has");
  run_cmd->add_option("--baseline", run.baseline, "Scenario (by name) the others are compared with (default: the first)");
  run_cmd->add_option("--by", run.by, "Paired tables per trust, specialty, quintile and/or place (e.g. --by trust,quintile)")
      ->delimiter(',')
      ->check(CLI::IsMember({"trust", "specialty", "quintile", "place"}));
  run_cmd->add_option("--progress", run.progress, "Progress display")
      ->check(CLI::IsMember({"auto", "always", "never", "json"}))
      ->capture_default_str();
  run_cmd->add_option("--format", run.format, "Summary on stdout: text (tables) or json (one document)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  return run_cmd;
}

CLI::App* add_resume(CLI::App& app, icsim::cli::ResumeArgs& resume, const Checks& c) {
  const auto& days = c.days;
  const auto& threads = c.threads;
  auto* resume_cmd = app.add_subcommand("resume", "Continue a replication from its checkpoint (at any thread count), "
                                                  "or finish an interrupted output folder");
  resume_cmd->add_option("checkpoint", resume.checkpoint,
                         "A rep-NNNN.checkpoint.h5 file, or an output folder of icsim run (every replication not "
                         "complete: from its checkpoint, or from day 0; rewrites its manifest)")->required();
  resume_cmd->add_option("-t,--threads", resume.threads, "Threads (0: all cores)")->check(threads)->capture_default_str();
  resume_cmd->add_option("--checkpoint-every", resume.checkpoint_every,
                         "Days between checkpoints from now on (default: the interval the run had)")->check(days);
  resume_cmd->add_flag("-f,--force", resume.force, "Replace the replication's file if it exists");
  resume_cmd->add_option("--progress", resume.progress, "Progress display")
      ->check(CLI::IsMember({"auto", "always", "never", "json"}))
      ->capture_default_str();
  return resume_cmd;
}

CLI::App* add_sweep(CLI::App& app, icsim::cli::SweepArgs& sweep, const Checks& c) {
  const auto& days = c.days;
  const auto& threads = c.threads;
  auto* sweep_cmd = app.add_subcommand("sweep", "Run a sweep file: a design of parameter points x replications "
                                                "(under mpirun: ranks share the runs)");
  sweep_cmd->add_option("file", sweep.file, "Sweep file (TOML)")->required();
  sweep_cmd->add_option("-o,--out", sweep.out, "Output folder")->capture_default_str();
  sweep_cmd->add_option("-t,--threads", sweep.threads, "Threads per process (0: all cores)")->check(threads)->capture_default_str();
  sweep_cmd->add_option("--checkpoint-every", sweep.checkpoint_every,
                        "Write each run's state every DAYS days; a rerun continues interrupted runs from them")
      ->check(days);
  sweep_cmd->add_flag("--keep-checkpoints", sweep.keep_checkpoints, "Keep the last checkpoint of a completed run");
  sweep_cmd->add_flag("-f,--force", sweep.force, "Replace an existing sweep of the same name");
  sweep_cmd->add_flag("--no-resource-check", sweep.no_resource_check,
                      "Run even when the estimated memory or output size exceeds what this machine has");
  sweep_cmd->add_flag("--dry-run", sweep.dry_run, "Print the plan (points and runs) and stop");
  sweep_cmd->add_flag("--fail-fast", sweep.fail_fast, "Stop starting runs after the first failure (default: continue)");
  sweep_cmd->add_option("--shard", sweep.shard, "Run only shard i of N (runs whose index % N == i), e.g. for Slurm arrays");
  sweep_cmd->add_option("--progress", sweep.progress, "Progress display")
      ->check(CLI::IsMember({"auto", "always", "never", "json"}))
      ->capture_default_str();
  return sweep_cmd;
}

CLI::App* add_bench(CLI::App& app, icsim::cli::BenchArgs& bench, const Checks& /*c*/) {
  auto* bench_cmd = app.add_subcommand("bench", "Time the simulation step (no output files)");
  bench_cmd->add_option("scenario", bench.scenario,
                        "national, national-pooled (a shared list in every ICS), national-urgent (pools, beds and "
                        "mutual aid), default or a file")
      ->capture_default_str();
  bench_cmd->add_flag("--equity", bench.equity, "Include the equity scan at each sample");
  bench_cmd->add_option("--years", bench.years, "Simulated years")->capture_default_str();
  bench_cmd->add_option("--threads", bench.threads, "Thread counts to time")->delimiter(',');
  return bench_cmd;
}

CLI::App* add_report(CLI::App& app, icsim::cli::ReportArgs& report, const Checks& /*c*/) {
  auto* report_cmd = app.add_subcommand(
      "report", "Write a self-contained HTML report of an output folder (uses /usr/bin/python3)");
  report_cmd->add_option("out_dir", report.out_dir, "Output folder of icsim run")->required();
  report_cmd->add_option("--baseline", report.baseline, "Scenario to compare the others with");
  report_cmd->add_option("-o,--output", report.output, "Report file (default: OUT_DIR/report.html)");
  report_cmd->add_flag("-f,--force", report.force, "Replace an existing report");
  return report_cmd;
}

CLI::App* add_export(CLI::App& app, icsim::cli::ExportArgs& ex) {
  auto* cmd = app.add_subcommand("export", "Write an output folder's time series and paired differences as CSV "
                                           "files or an XLSX workbook (shares as percentages)");
  cmd->add_option("folder", ex.folder, "Output folder of icsim run")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("--format", ex.format, "csv (a file per table) or xlsx (one workbook)")
      ->check(CLI::IsMember({"csv", "xlsx"}))
      ->capture_default_str();
  cmd->add_option("--baseline", ex.baseline, "Scenario the others are compared with (default: the first by name)");
  cmd->add_option("-o,--output", ex.output, "Where to write (default: FOLDER/export/ or FOLDER/export.xlsx)");
  cmd->add_flag("-f,--force", ex.force, "Replace an existing export");
  return cmd;
}

/// What params and observables print.
struct Listings {
  bool params_md = false, obs_md = false, obs_dims = false;
  std::string params_format = "text", obs_format = "text";
  std::vector<std::string> params_prefixes;
  CLI::App* obs_cmd = nullptr;
};

CLI::App* add_listings(CLI::App& app, Listings& l) {
  auto* params_cmd = app.add_subcommand("params", "List every scenario parameter");
  params_cmd->add_flag("--markdown", l.params_md, "Print as the Markdown table in docs/scenarios.md (--format markdown)");
  params_cmd->add_option("--format", l.params_format, "text, markdown or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}))
      ->capture_default_str();
  params_cmd->add_option("prefixes", l.params_prefixes, "Only keys starting with these, e.g. relationships. governance.");
  l.obs_cmd = app.add_subcommand("observables", "List the observables an output can hold");
  l.obs_cmd->add_flag("--markdown", l.obs_md, "Print as the Markdown table in docs/outputs.md (--format markdown)");
  l.obs_cmd->add_option("--format", l.obs_format, "text, markdown or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}))
      ->capture_default_str();
  l.obs_cmd->add_flag("--dimensions", l.obs_dims, "Print the files' dimensions as the Markdown table in docs/outputs.md");
  return params_cmd;
}

/// The names of app's subcommands, comma-separated.
std::string command_names(const CLI::App& app) {
  std::string names;
  for (const CLI::App* sub : app.get_subcommands({})) names += (names.empty() ? "" : ", ") + sub->get_name();
  return names;
}

/// A clear message for a missing or unknown command (CLI11 says "A subcommand is required" or
/// lists the word as unexpected); true if the command line has one.
bool command_problem(const CLI::App& app, int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "-h" || a == "--help" || a == "--version") return false;
    if (!a.empty() && a[0] == '-') continue;
    for (const CLI::App* sub : app.get_subcommands({})) {
      if (sub->get_name() == a) return false;
    }
    std::cerr << "icsim: error: unknown command '" << a << "'; commands: " << command_names(app)
              << " (icsim --help says more)\n";
    return true;
  }
  std::cerr << "icsim: error: a command is needed; commands: " << command_names(app) << " (icsim --help says more)\n";
  return true;
}

CLI::App* add_completion(CLI::App& app, std::string& shell) {
  auto* cmd = app.add_subcommand("completion", "Print a shell completion script (bash)");
  cmd->add_option("shell", shell, "Shell")->check(CLI::IsMember({"bash"}))->capture_default_str();
  return cmd;
}

/// Parses the command line; the exit status if the program should stop here (help, version,
/// a bad or unknown command).
std::optional<int> parse(CLI::App& app, int argc, char** argv) {
  if (command_problem(app, argc, argv)) return icsim::cli::bad_input;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : icsim::cli::bad_input;
  }
  return std::nullopt;
}

CLI::App* add_calibrate(CLI::App& app, icsim::cli::CalibrateArgs& c) {
  auto* cmd = app.add_subcommand("calibrate", "Fit the elective lists to NHS England RTT extracts, forecast them with "
                                              "the calibrated scenario and back-test against observed months");
  cmd->add_option("--rtt", c.rtt, "RTT full CSV extracts (.csv or .csv.gz), one per month")->required()->check(CLI::ExistingFile);
  cmd->add_option("--by", c.by, "Lists by commissioner or provider x treatment function")
      ->check(CLI::IsMember({"commissioner", "provider"}))->capture_default_str();
  cmd->add_option("--fit-from", c.fit_from, "First month of the fit window (YYYY-MM)")->required();
  cmd->add_option("--fit-to", c.fit_to, "Last month of the fit window (YYYY-MM)")->required();
  cmd->add_option("--forecast-to", c.forecast_to, "Last month forecast (YYYY-MM)")->required();
  cmd->add_option("--out", c.out, "Output folder (forecast.csv, backtest.csv, scenario.toml)")->required();
  cmd->add_option("-r,--replications", c.replications, "Replications of the forecast")->check(CLI::Range(1, 10000))->capture_default_str();
  cmd->add_option("--seed", c.seed, "Seed of the forecast's random streams")->capture_default_str();
  cmd->add_flag("-f,--force", c.force, "Replace existing results");
  return cmd;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace icsim;
  CLI::App app{"icsim: agent-based simulation of NHS provider collaboration in integrated care "
               "systems.\nRuns scenario files and writes one HDF5 file per replication.", "icsim"};
  app.set_version_flag("--version", std::string("icsim ") + std::string(version()) + " (" +
                                        std::string(git_revision()) + ")");
  app.require_subcommand(1);
  app.fallthrough();  // options of icsim itself (--quiet) are accepted after the command too
  bool quiet = false;
  app.add_flag("-q,--quiet", quiet, "No progress, warnings or summaries; errors are still printed");
  const Checks checks;

  cli::RunArgs run;
  for (int i = 0; i < argc; ++i) run.command_line += (i ? " " : "") + std::string(argv[i]);
  auto* run_cmd = add_run(app, run, checks);
  cli::ResumeArgs resume;
  auto* resume_cmd = add_resume(app, resume, checks);
  cli::SweepArgs sweep;
  auto* sweep_cmd = add_sweep(app, sweep, checks);
  std::vector<std::string> validate_files;
  auto* validate_cmd = app.add_subcommand("validate", "Check scenario files without running them");
  validate_cmd->add_option("scenarios", validate_files, "Scenario files")->required();

  Listings listings;
  auto* params_cmd = add_listings(app, listings);
  cli::BenchArgs bench;
  auto* bench_cmd = add_bench(app, bench, checks);
  std::string gen_what = "national";
  int gen_days = 365;
  auto* gen_cmd = app.add_subcommand("generate", "Print a generated scenario file");
  gen_cmd->add_option("what", gen_what, "What to generate")
      ->check(CLI::IsMember({"national"}))
      ->capture_default_str();
  gen_cmd->add_option("--days", gen_days, "Simulated days")->capture_default_str();
  bool gen_pools = false;
  gen_cmd->add_flag("--pools", gen_pools, "One ICS per system with a shared orthopaedic list");
  bool gen_urgent = false;
  gen_cmd->add_flag("--urgent", gen_urgent, "Beds, a mental-health trust per system and mutual-aid pacts (implies --pools)");

  cli::ReportArgs report;
  auto* report_cmd = add_report(app, report, checks);
  cli::ExportArgs export_args;
  auto* export_cmd = add_export(app, export_args);
  std::string shell = "bash";
  auto* completion_cmd = add_completion(app, shell);
  cli::CalibrateArgs calibrate_args;
  auto* calibrate_cmd = add_calibrate(app, calibrate_args);

  if (const auto stop = parse(app, argc, argv)) return *stop;
  cli::set_quiet(quiet);

  if (*run_cmd) return cli::run(run);
  if (*resume_cmd) {
    resume.command_line = run.command_line;
    return cli::resume(resume);
  }
  if (*sweep_cmd) {
    sweep.command_line = run.command_line;
    return cli::sweep(sweep, cli::under_mpi());
  }
  if (*validate_cmd) return cli::validate(validate_files);
  if (*params_cmd) return cli::params(listings.params_md ? "markdown" : listings.params_format, listings.params_prefixes);
  if (*listings.obs_cmd) {
    return listings.obs_dims ? cli::dimensions() : cli::observables(listings.obs_md ? "markdown" : listings.obs_format);
  }
  if (*completion_cmd) {
    std::cout << cli::bash_completion(app);
    return cli::ok;
  }
  if (*bench_cmd) return cli::bench(bench);
  if (*gen_cmd) return cli::generate(gen_what, gen_days, gen_pools, gen_urgent);
  if (*report_cmd) return cli::report(report);
  if (*export_cmd) return cli::export_folder(export_args);
  if (*calibrate_cmd) return cli::calibrate(calibrate_args);
  return cli::bad_input;
}

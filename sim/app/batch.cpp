// A batch: every replication of every scenario, in parallel, into an output folder with a
// manifest; and `icsim resume OUT_DIR`, which finishes a batch that was interrupted.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>

#include "app/checkpoint.hpp"
#include "app/output_folder.hpp"
#include "app/run.hpp"
#include "core/interrupt.hpp"
#include "core/parallel.hpp"
#include "core/version.hpp"
#include "io/atomic_file.hpp"
#include "io/folder_lock.hpp"
#include "io/h5.hpp"
#include "io/manifest.hpp"
#include "io/sha256.hpp"

namespace icsim::app {
namespace fs = std::filesystem;

std::string replication_file_name(int replication) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "rep-%04d.h5", replication);
  return buf;
}

namespace {

constexpr const char* kBatchFormat = "icsim-batch-1";

/// Refuses to overwrite (a scenario folder or manifest in the way needs --force), then makes
/// the scenario folders: with --force, the old manifest is retracted first and only the files
/// icsim wrote are removed. Returns the manifest's path.
fs::path prepare_folders(const std::vector<scenario::Scenario>& scenarios, const BatchOptions& options) {
  const fs::path out(options.out_dir);
  std::vector<fs::path> dirs;
  for (const auto& sc : scenarios) {
    const fs::path dir = out / sc.config.run.name;
    for (const auto& d : dirs) {
      if (d == dir) throw OutputExists("two scenarios are both named '" + sc.config.run.name + "'");
    }
    dirs.push_back(dir);
  }
  const fs::path manifest_path = out / "manifest.json";
  const bool interrupted = fs::exists(out / "batch.h5");
  const std::string hint = interrupted ? " (continue an interrupted run with icsim resume " + out.string() +
                                             "; --force replaces it, --out writes elsewhere)"
                                       : " (use --force to replace them, or --out to write elsewhere)";
  for (const auto& dir : dirs) {
    if (fs::exists(dir) && !fs::is_empty(dir) && !options.force) {
      throw OutputExists("results already exist in " + dir.string() + hint);
    }
  }
  if (fs::exists(manifest_path) && !options.force) {
    throw OutputExists(manifest_path.string() + " already exists" + hint);
  }
  if (options.force) {
    retract_manifest(out);  // first: nothing may claim the files about to go
    fs::remove(out / "batch.h5");
    for (const auto& dir : dirs) remove_icsim_outputs(dir);
  }
  for (const auto& dir : dirs) fs::create_directories(dir);
  return manifest_path;
}

// --- batch.h5: the record `icsim resume OUT_DIR` finishes a batch from ------------------------

void write_batch_record(const fs::path& out, const std::vector<scenario::Scenario>& scenarios,
                        const BatchOptions& options) {
  const fs::path path = out / "batch.h5", tmp = out / "batch.h5.tmp";
  try {
    auto f = io::h5::create_file(tmp.string());
    io::h5::set_attr(f.id(), "format", std::string(kBatchFormat));
    io::h5::set_attr(f.id(), "description", std::string("what icsim resume needs to finish this batch"));
    io::h5::set_attr(f.id(), "command", options.command_line);
    io::h5::set_attr(f.id(), "checkpoint_every", static_cast<std::int64_t>(options.checkpoint_every));
    io::h5::set_attr(f.id(), "keep_checkpoints", static_cast<std::int64_t>(options.keep_checkpoints ? 1 : 0));
    io::h5::set_attr(f.id(), "scenarios", static_cast<std::int64_t>(scenarios.size()));
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
      const auto& sc = scenarios[i];
      auto g = io::h5::create_group(f.id(), "scenario-" + std::to_string(i));
      std::string overrides;
      for (const auto& o : sc.overrides) overrides += (overrides.empty() ? "" : "\n") + o;
      io::h5::set_attr(g.id(), "name", sc.config.run.name);
      io::h5::set_attr(g.id(), "source", sc.source);
      io::h5::set_attr(g.id(), "text", sc.text);
      io::h5::set_attr(g.id(), "resolved", sc.resolved_text);
      io::h5::set_attr(g.id(), "overrides", overrides);
      g.close();
    }
    f.close();
    io::sync_file(tmp);
  } catch (const std::exception& e) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw std::runtime_error(std::string("cannot write ") + path.string() + ": " + e.what());
  }
  fs::rename(tmp, path);
}

struct BatchRecord {
  std::vector<scenario::Scenario> scenarios;
  BatchOptions options;
};

BatchRecord read_batch_record(const fs::path& out) {
  const fs::path path = out / "batch.h5";
  auto f = io::h5::open_file_read(path.string());
  if (!io::h5::has_attr(f.id(), "format") || io::h5::attr_string(f.id(), "format") != kBatchFormat) {
    throw std::runtime_error(path.string() + " is not an icsim batch record");
  }
  BatchRecord r;
  r.options.command_line = io::h5::attr_string(f.id(), "command");
  r.options.checkpoint_every = static_cast<int>(io::h5::attr_int(f.id(), "checkpoint_every"));
  r.options.keep_checkpoints = io::h5::attr_int(f.id(), "keep_checkpoints") != 0;
  const auto n = io::h5::attr_int(f.id(), "scenarios");
  for (std::int64_t i = 0; i < n && i < 10000; ++i) {
    auto g = io::h5::open_group(f.id(), "scenario-" + std::to_string(i));
    std::vector<scenario::Override> ov;
    std::istringstream in(io::h5::attr_string(g.id(), "overrides"));
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) ov.push_back(scenario::parse_override(line));
    }
    auto sc = scenario::load_text(io::h5::attr_string(g.id(), "resolved"), io::h5::attr_string(g.id(), "source"), ov);
    sc.text = io::h5::attr_string(g.id(), "text");  // provenance as the original run wrote it
    sc.resolved_text = io::h5::attr_string(g.id(), "resolved");
    if (sc.config.run.name != io::h5::attr_string(g.id(), "name")) {
      throw std::runtime_error(path.string() + " is damaged (scenario " + std::to_string(i) + ")");
    }
    r.scenarios.push_back(std::move(sc));
  }
  return r;
}

// --- the jobs ----------------------------------------------------------------------------

enum class Start { fresh, checkpoint, done, not_started };

struct Job {
  std::size_t scenario;
  int replication;
  Start start = Start::fresh;
};

/// Runs one job into its file; the manifest's row for it (complete, failed with the error, or
/// interrupted with its checkpoint).
io::ManifestRun run_job(const scenario::Scenario& sc, const Job& job, const BatchOptions& options,
                        core::Progress& progress, ReplicationResult& r) {
  const std::string rel = sc.config.run.name + "/" + replication_file_name(job.replication);
  const std::string path = (fs::path(options.out_dir) / rel).string();
  const std::string ck = detail::checkpoint_path(path);
  io::ManifestRun m;
  r.replication = job.replication;
  r.file = path;
  try {
    RunControl control;
    control.progress = &progress;
    control.on_progress = options.on_progress;
    control.checkpoint_every = options.checkpoint_every;
    control.keep_checkpoints = options.keep_checkpoints;
    if (job.start == Start::not_started || (job.start != Start::done && core::stop_requested())) {
      throw Interrupted(fs::exists(ck) ? ck : std::string(), 0);
    }
    std::error_code ec;
    fs::remove(ck + ".tmp", ec);  // a checkpoint a kill cut short
    if (job.start == Start::checkpoint) {
      r = resume_replication(ck, control, true).result;
    } else if (job.start == Start::fresh) {
      r = run_replication(sc, job.replication, path, control);
    } else {
      progress.add_units(sc.config.run.days);
      r.ok = true;
    }
    m.sha256 = io::sha256_file(path);
    m.bytes = static_cast<std::int64_t>(fs::file_size(path));
    m.status = "complete";
  } catch (const Interrupted& e) {
    r.ok = false;
    r.interrupted = true;
    r.error = e.day > 0 ? e.what() : "not started (interrupted by a signal)";
    m.status = "interrupted";
    m.error = r.error;
    if (!e.checkpoint.empty()) m.checkpoint = sc.config.run.name + "/" + fs::path(e.checkpoint).filename().string();
  } catch (const std::exception& e) {
    r.ok = false;
    r.error = e.what();
    m.status = "failed";
    m.error = e.what();
  }
  m.scenario = sc.config.run.name;
  m.replication = job.replication;
  m.seed = sc.config.run.seed;
  m.file = rel;
  m.wall_seconds = r.wall_seconds;
  return m;
}

/// Runs the jobs in parallel and writes the manifest.
std::vector<ScenarioResult> run_jobs(const std::vector<scenario::Scenario>& scenarios, const std::vector<Job>& jobs,
                                     const BatchOptions& options, const fs::path& manifest_path) {
  std::int64_t total_days = 0;
  std::vector<ScenarioResult> results(scenarios.size());
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    results[i].name = scenarios[i].config.run.name;
    for (const auto& t : scenarios[i].config.trusts) results[i].trust_ids.push_back(t.id);
    for (const auto& sp : scenarios[i].config.specialties) results[i].specialty_ids.push_back(sp.id);
    for (const auto& p : scenarios[i].config.places) results[i].place_ids.push_back(p.id);
    results[i].replications.resize(static_cast<std::size_t>(scenarios[i].config.run.replications));
  }
  for (const auto& j : jobs) total_days += scenarios[j.scenario].config.run.days;
  core::install_stop_handlers();
  core::Progress progress(total_days, static_cast<std::int64_t>(jobs.size()));
  const auto threads = static_cast<std::int64_t>(core::active_threads());
  std::vector<io::ManifestRun> runs(jobs.size());
  core::for_each_index(jobs.size(), [&](std::size_t j) {
    const Job& job = jobs[j];
    ReplicationResult r;
    runs[j] = run_job(scenarios[job.scenario], job, options, progress, r);
    runs[j].threads = threads;
    progress.run_finished(r.ok);
    if (options.on_progress) options.on_progress(progress);
    results[job.scenario].replications[static_cast<std::size_t>(job.replication)] = std::move(r);
  }, 1);

  io::Manifest manifest;
  manifest.icsim_version = std::string(version());
  manifest.git_revision = std::string(git_revision());
  manifest.command = options.command_line;
  manifest.runs = std::move(runs);
  io::write_manifest(manifest_path.string(), manifest);
  return results;
}

}  // namespace

std::vector<ScenarioResult> run_batch(const std::vector<scenario::Scenario>& scenarios,
                                      const BatchOptions& options) {
  const fs::path out(options.out_dir);
  const auto lock = io::lock_output_folder(out, options.command_line);  // held to the end
  const fs::path manifest_path = prepare_folders(scenarios, options);
  write_batch_record(out, scenarios, options);
  std::vector<Job> jobs;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    for (int r = 0; r < scenarios[i].config.run.replications; ++r) jobs.push_back({i, r});
  }
  return run_jobs(scenarios, jobs, options, manifest_path);
}

FolderResume resume_folder(const std::string& out_dir, const BatchOptions& given) {
  const fs::path out(out_dir);
  if (!fs::is_directory(out)) throw std::runtime_error(out_dir + " is not a folder");
  const auto lock = io::lock_output_folder(out, given.command_line);
  if (!fs::exists(out / "batch.h5")) {
    for (const auto& e : fs::directory_iterator(out)) {
      if (fs::exists(e.path() / "plan.txt")) {
        throw std::runtime_error(out_dir + " holds the sweep " + e.path().filename().string() +
                                 ": run the same icsim sweep command again to finish it");
      }
    }
    throw std::runtime_error(out_dir + " has no batch.h5: it is not the output folder of an icsim run");
  }
  auto record = read_batch_record(out);
  BatchOptions options = given;
  options.checkpoint_every = given.checkpoint_every > 0 ? given.checkpoint_every : record.options.checkpoint_every;
  options.keep_checkpoints = record.options.keep_checkpoints || given.keep_checkpoints;
  retract_manifest(out);  // rewritten at the end
  FolderResume outcome;
  std::vector<Job> jobs;
  for (std::size_t i = 0; i < record.scenarios.size(); ++i) {
    const auto& sc = record.scenarios[i];
    fs::create_directories(out / sc.config.run.name);
    for (int r = 0; r < sc.config.run.replications; ++r) {
      const fs::path file = out / sc.config.run.name / replication_file_name(r);
      const fs::path ck = detail::checkpoint_path(file.string());
      Job job{i, r, Start::fresh};
      if (fs::exists(file)) {  // files appear under their final name only when complete
        job.start = Start::done;
        ++outcome.complete;
      } else if (fs::exists(ck)) {
        try {
          const detail::CheckpointReader probe(ck.string());
          job.start = Start::checkpoint;
          ++outcome.resumed;
        } catch (const std::exception& e) {
          std::cerr << "icsim: warning: " << e.what() << "; replication " << r << " of " << sc.config.run.name
                    << " runs again from day 0\n";
          ++outcome.restarted;
        }
      } else {
        ++outcome.restarted;
      }
      jobs.push_back(job);
    }
  }
  outcome.results = run_jobs(record.scenarios, jobs, options, out / "manifest.json");
  return outcome;
}

}  // namespace icsim::app

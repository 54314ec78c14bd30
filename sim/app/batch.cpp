// A batch: every replication of every scenario, in parallel, into an output folder with a
// manifest.
#include <cstdio>
#include <filesystem>

#include "app/run.hpp"
#include "core/parallel.hpp"
#include "core/version.hpp"
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

/// Refuses to overwrite (a scenario folder or manifest in the way needs --force), then makes
/// the scenario folders. Returns the manifest's path.
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
  for (const auto& dir : dirs) {
    if (fs::exists(dir) && !fs::is_empty(dir) && !options.force) {
      throw OutputExists("results already exist in " + dir.string() +
                         " (use --force to replace them, or --out to write elsewhere)");
    }
  }
  if (fs::exists(manifest_path) && !options.force) {
    throw OutputExists(manifest_path.string() +
                       " already exists (use --force to replace it, or --out to write elsewhere)");
  }
  for (const auto& dir : dirs) {
    if (options.force) fs::remove_all(dir);
    fs::create_directories(dir);
  }
  return manifest_path;
}

struct Job {
  std::size_t scenario;
  int replication;
};

/// Runs one job into its file; the manifest's row for it (complete, or failed with the error).
io::ManifestRun run_job(const scenario::Scenario& sc, const Job& job, const BatchOptions& options,
                        core::Progress& progress, ReplicationResult& r) {
  const std::string rel = sc.config.run.name + "/" + replication_file_name(job.replication);
  const std::string path = (fs::path(options.out_dir) / rel).string();
  io::ManifestRun m;
  try {
    RunControl control;
    control.progress = &progress;
    control.on_progress = options.on_progress;
    control.checkpoint_every = options.checkpoint_every;
    control.keep_checkpoints = options.keep_checkpoints;
    r = run_replication(sc, job.replication, path, control);
    m.sha256 = io::sha256_file(path);
    m.bytes = static_cast<std::int64_t>(fs::file_size(path));
    m.status = "complete";
  } catch (const std::exception& e) {
    r.replication = job.replication;
    r.file = path;
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

}  // namespace

std::vector<ScenarioResult> run_batch(const std::vector<scenario::Scenario>& scenarios,
                                      const BatchOptions& options) {
  const fs::path manifest_path = prepare_folders(scenarios, options);
  std::vector<Job> jobs;
  std::int64_t total_days = 0;
  std::vector<ScenarioResult> results(scenarios.size());
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    for (int r = 0; r < scenarios[i].config.run.replications; ++r) {
      jobs.push_back({i, r});
      total_days += scenarios[i].config.run.days;
    }
    results[i].name = scenarios[i].config.run.name;
    for (const auto& t : scenarios[i].config.trusts) results[i].trust_ids.push_back(t.id);
    results[i].replications.resize(static_cast<std::size_t>(scenarios[i].config.run.replications));
  }
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

}  // namespace icsim::app

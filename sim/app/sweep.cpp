#include "app/sweep.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <iostream>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "app/checkpoint.hpp"
#include "app/output_folder.hpp"
#include "core/interrupt.hpp"
#include "core/parallel.hpp"
#include "core/progress.hpp"
#include "io/atomic_file.hpp"
#include "io/folder_lock.hpp"
#include "io/manifest.hpp"
#include "io/run_file.hpp"
#include "io/sha256.hpp"
#include "core/version.hpp"

namespace icsim::app {
namespace fs = std::filesystem;
using scenario::Design;

namespace {

std::string number_text(double x, bool integer) {
  if (integer) return std::to_string(std::llround(x));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  std::string s = buf;
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

std::string point_dir(std::size_t p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "point-%04zu", p);
  return buf;
}

/// One line of a journal: a finished run.
struct Entry {
  std::int64_t index = -1;
  std::string status, sha256, error;
  std::int64_t bytes = 0, threads = 0;
  double wall = 0.0;
};

std::string clean(std::string s) {
  for (char& c : s) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return s;
}

/// Every journal line of the sweep folder (journal-<rank>.txt files, in name order).
std::vector<Entry> read_journals(const fs::path& dir) {
  std::vector<fs::path> files;
  if (fs::exists(dir)) {
    for (const auto& e : fs::directory_iterator(dir)) {
      const auto name = e.path().filename().string();
      if (name.rfind("journal-", 0) == 0 && e.path().extension() == ".txt") files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<Entry> out;
  for (const auto& f : files) {
    std::ifstream in(f);
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream is(line);
      Entry e;
      std::string idx, bytes, threads, wall;
      if (!std::getline(is, idx, '\t') || !std::getline(is, e.status, '\t') || !std::getline(is, e.sha256, '\t') ||
          !std::getline(is, bytes, '\t') || !std::getline(is, threads, '\t') || !std::getline(is, wall, '\t')) {
        continue;  // a line cut short by a kill
      }
      std::getline(is, e.error);
      try {
        e.index = std::stoll(idx);
        e.bytes = std::stoll(bytes);
        e.threads = std::stoll(threads);
        e.wall = std::stod(wall);
      } catch (const std::exception&) {
        continue;
      }
      out.push_back(std::move(e));
    }
  }
  return out;
}

}  // namespace

SweepPlan plan_sweep(const scenario::SweepSpec& spec) {
  SweepPlan plan;
  plan.spec = spec;
  const auto& ps = spec.parameters;
  const int k = static_cast<int>(ps.size());
  switch (spec.design) {
    case Design::list:
      for (std::size_t p = 0; p < ps[0].values.size(); ++p) plan.unit.emplace_back(ps.size(), static_cast<double>(p));
      break;
    case Design::grid: {
      std::vector<int> levels;
      for (const auto& x : ps) levels.push_back(static_cast<int>(x.values.size()));
      plan.unit = grid_design(levels);
      break;
    }
    case Design::lhs: plan.unit = latin_hypercube(spec.samples, k, spec.seed); break;
    case Design::morris: plan.unit = morris_design(spec.samples, k, spec.levels, spec.seed); break;
    case Design::saltelli: plan.unit = saltelli_design(spec.samples, k, spec.seed); break;
  }
  for (const auto& row : plan.unit) {
    std::vector<std::string> v;
    for (std::size_t i = 0; i < ps.size(); ++i) {
      if (spec.design == Design::list || spec.design == Design::grid) {
        v.push_back(ps[i].values[static_cast<std::size_t>(row[i])]);
      } else {
        v.push_back(number_text(ps[i].min + row[i] * (ps[i].max - ps[i].min), ps[i].integer));
      }
    }
    plan.values.push_back(std::move(v));
  }
  return plan;
}

std::string describe_plan(const SweepPlan& plan) {
  const auto& s = plan.spec;
  std::ostringstream os;
  os << "sweep " << s.name << ": design " << scenario::kDesignNames[static_cast<std::size_t>(s.design)] << ", "
     << plan.points() << " points x " << s.replications << " replications = " << plan.runs() << " runs\n"
     << "base scenario: " << (s.scenario.empty() ? "built-in default" : s.scenario)
     << (s.days ? ", days = " + std::to_string(*s.days) : std::string()) << "\n";
  if (s.design == Design::lhs || s.design == Design::morris || s.design == Design::saltelli) {
    os << "samples = " << s.samples << ", seed = " << s.seed
       << (s.design == Design::morris ? ", levels = " + std::to_string(s.levels) : std::string()) << "\n";
  }
  os << "point";
  for (const auto& p : s.parameters) os << "\t" << p.path;
  os << "\n";
  for (std::size_t p = 0; p < plan.points(); ++p) {
    os << p;
    for (const auto& v : plan.values[p]) os << "\t" << v;
    os << "\n";
  }
  return os.str();
}

namespace {

class LocalQueue final : public WorkQueue {
 public:
  std::int64_t next() override { return counter_.fetch_add(1); }
  void stop() override { counter_.store(limit_ + (std::int64_t{1} << 40)); }
  void reset(std::int64_t limit) override {
    limit_ = limit;
    counter_.store(0);
  }

 private:
  std::atomic<std::int64_t> counter_{0};
  std::int64_t limit_ = 0;
};

/// Writes <dir>/sweep.h5: the design, and every run's point, replication, file and status.
void write_index(const fs::path& dir, const SweepPlan& plan, const std::vector<const Entry*>& best,
                 const std::string& sweep_file) {
  const auto& s = plan.spec;
  const std::size_t P = plan.points(), K = s.parameters.size();
  io::RunFile f((dir / "sweep.h5").string(), 4);
  std::ifstream in(sweep_file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  f.parameters({{"sweep_name", s.name},
                {"design", std::string(scenario::kDesignNames[static_cast<std::size_t>(s.design)])},
                {"replications", static_cast<std::int64_t>(s.replications)},
                {"samples", static_cast<std::int64_t>(s.samples)},
                {"levels", static_cast<std::int64_t>(s.levels)},
                {"design_seed", static_cast<std::int64_t>(s.seed)},
                {"base_scenario", s.scenario.empty() ? std::string("built-in default") : s.scenario},
                {"sweep_text", text.str()},
                {"icsim_version", std::string(version())}});
  std::vector<std::string> paths;
  std::vector<double> mins, maxs;
  for (const auto& p : s.parameters) {
    paths.push_back(p.path);
    mins.push_back(p.min);
    maxs.push_back(p.max);
  }
  f.table({"/design/parameters", "The parameters varied (columns of /design/points)",
           {{"path", paths, {}, ""}, {"min", mins, {}, ""}, {"max", maxs, {}, ""}}, "parameter", "path"});
  std::vector<double> unit, x;
  std::vector<std::string> value;
  for (std::size_t p = 0; p < P; ++p) {
    for (std::size_t i = 0; i < K; ++i) {
      unit.push_back(plan.unit[p][i]);
      value.push_back(plan.values[p][i]);
      char* end = nullptr;
      const double v = std::strtod(plan.values[p][i].c_str(), &end);
      x.push_back(end && *end == '\0' ? v : std::nan(""));
    }
  }
  const std::vector<hsize_t> dims{P, K};
  f.table({"/design/points", "Each point's design coordinates (unit cube; list and grid: value index) and values",
           {{"unit", unit, dims, "1", {"parameter"}}, {"x", x, dims, "", {"parameter"}},
            {"value", value, dims, "", {"parameter"}}},
           "point", "", {{"parameter", paths}}});
  std::vector<std::int64_t> point, rep;
  std::vector<std::string> file, status, sha, error;
  for (std::size_t r = 0; r < plan.runs(); ++r) {
    const std::size_t p = r / static_cast<std::size_t>(s.replications);
    const int rp = static_cast<int>(r % static_cast<std::size_t>(s.replications));
    point.push_back(static_cast<std::int64_t>(p));
    rep.push_back(rp);
    file.push_back(point_dir(p) + "/" + replication_file_name(rp));
    status.push_back(best[r] ? best[r]->status : "pending");
    sha.push_back(best[r] ? best[r]->sha256 : "");
    error.push_back(best[r] ? best[r]->error : "");
  }
  f.table({"/runs", "Every run of the sweep: its point, replication, file (relative to this folder) and status",
           {{"point", point, {}, ""}, {"replication", rep, {}, ""}, {"file", file, {}, ""},
            {"status", status, {}, ""}, {"sha256", sha, {}, ""}, {"error", error, {}, ""}}, "run"});
  f.commit();
}

}  // namespace

std::unique_ptr<WorkQueue> local_queue() { return std::make_unique<LocalQueue>(); }

namespace {

constexpr int kExists = 3, kBusy = 4, kFailed = 1;

bool is_lock_or_plan_tmp(const std::string& name) {
  return (name.rfind("shard-", 0) == 0 && name.size() > 5 && name.compare(name.size() - 5, 5, ".lock") == 0) ||
         (name.rfind("plan.txt.", 0) == 0 && name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0);
}

/// Whether the sweep folder holds anything but shards' lock files and plans being written.
bool has_results(const fs::path& dir) {
  if (!fs::exists(dir)) return false;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (!is_lock_or_plan_tmp(e.path().filename().string())) return true;
  }
  return false;
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Writes plan.txt unless it is there, in a way safe for shards starting together: the text
/// goes to a file of this process's, hard-linked to plan.txt (which fails if it exists). Then
/// the plan in place must be this one.
void settle_plan(const fs::path& dir, const std::string& plan_text, const std::string& name) {
  const fs::path plan = dir / "plan.txt";
  if (!fs::exists(plan)) {
    const fs::path mine = dir / ("plan.txt." + std::to_string(::getpid()) + ".tmp");
    io::write_file_atomically(mine, plan_text, dir / ("plan.txt." + std::to_string(::getpid()) + ".w.tmp"));
    const int linked = ::link(mine.c_str(), plan.c_str());
    const int e = errno;
    fs::remove(mine);
    if (linked != 0 && e != EEXIST) {
      throw std::runtime_error("cannot write " + plan.string() + ": " + io::os_error_text(e));
    }
    io::sync_folder(dir);
  }
  if (read_text(plan) != plan_text) {
    throw JobError(kExists, dir.string() + " holds a different sweep named '" + name +
                                "' (use --force to replace it, or --out to write elsewhere)");
  }
}

/// Rank 0's part before any run: the folder's lock (shared by shards), the checks, --force,
/// the plan. Throws JobError for what the user must act on.
void prepare(const SweepPlan& plan, const SweepOptions& options, const std::string& plan_text, io::FileLock& folder,
             io::FileLock& shard) {
  const auto& spec = plan.spec;
  const fs::path out(options.out_dir), dir = out / spec.name, manifest_path = out / "manifest.json";
  const bool sharded = options.shards > 1;
  try {
    folder = sharded ? io::share_output_folder(out, options.command_line)
                     : io::lock_output_folder(out, options.command_line);
    if (sharded) {
      fs::create_directories(dir);
      shard = io::FileLock(dir / ("shard-" + std::to_string(options.shard) + "of" + std::to_string(options.shards) + ".lock"),
                           dir.string() + " (shard " + std::to_string(options.shard) + "/" +
                               std::to_string(options.shards) + ")",
                           options.command_line, io::FileLock::Mode::exclusive);
    }
  } catch (const io::FolderBusy& e) {
    throw JobError(kBusy, e.what());
  }
  // Results first, then the plan: a shard writes the plan before any result, so results seen
  // with no plan after them are not a shard's of this sweep (in the other order, a shard
  // starting just then would look like foreign results).
  const bool results = has_results(dir);
  const bool planned = fs::exists(dir / "plan.txt");
  if (!options.force && planned && read_text(dir / "plan.txt") != plan_text) {
    throw JobError(kExists, dir.string() + " holds a different sweep named '" + spec.name +
                                "' (use --force to replace it, or --out to write elsewhere)");
  }
  if (!options.force && !planned) {
    if (results) {
      throw JobError(kExists, "results already exist in " + dir.string() +
                                  " (use --force to replace them, or --out to write elsewhere)");
    }
    if (fs::exists(manifest_path)) {
      throw JobError(kExists, manifest_path.string() +
                                  " already exists (use --force to replace it, or --out to write elsewhere)");
    }
  }
  if (!sharded) retract_manifest(out);  // rewritten at the end by this pass
  if (options.force) {
    fs::remove(out / "batch.h5");  // the manifest is the sweep's now: no batch left to resume
    remove_icsim_outputs(dir);
  }
  fs::create_directories(dir);
  settle_plan(dir, plan_text, spec.name);
}

std::string journal_line(const Entry& e) {
  char head[160];
  std::snprintf(head, sizeof head, "%lld\t%s\t%s\t%lld\t%lld\t%.6f\t", static_cast<long long>(e.index),
                e.status.c_str(), e.sha256.c_str(), static_cast<long long>(e.bytes),
                static_cast<long long>(e.threads), e.wall);
  return head + e.error + "\n";
}

}  // namespace

namespace {

/// The file of run `run` relative to the output folder.
std::string relative_file(const SweepPlan& plan, std::size_t run) {
  const std::size_t R = static_cast<std::size_t>(plan.spec.replications);
  return plan.spec.name + "/" + point_dir(run / R) + "/" + replication_file_name(static_cast<int>(run % R));
}

/// What is complete already: a journal entry whose file is there with the recorded checksum.
std::vector<char> completed_runs(const SweepPlan& plan, const fs::path& out) {
  std::vector<char> done(plan.runs(), 0);
  for (const auto& e : read_journals(out / plan.spec.name)) {
    if (e.index < 0 || static_cast<std::size_t>(e.index) >= plan.runs() || e.status != "complete") continue;
    const fs::path f = out / relative_file(plan, static_cast<std::size_t>(e.index));
    if (!done[static_cast<std::size_t>(e.index)] && fs::exists(f) &&
        static_cast<std::int64_t>(fs::file_size(f)) == e.bytes && io::sha256_file(f.string()) == e.sha256) {
      done[static_cast<std::size_t>(e.index)] = 1;
    }
  }
  return done;
}

/// Runs one run of the plan (resuming its checkpoint when it has one of the same scenario);
/// its journal entry.
Entry run_one(const SweepPlan& plan, const SweepOptions& options, std::size_t run, core::Progress& progress) {
  const auto& spec = plan.spec;
  const std::size_t R = static_cast<std::size_t>(spec.replications);
  const std::size_t p = run / R;
  const fs::path file = fs::path(options.out_dir) / relative_file(plan, run);
  Entry e;
  e.index = static_cast<std::int64_t>(run);
  try {
    std::vector<scenario::Override> ov;
    for (std::size_t k = 0; k < spec.parameters.size(); ++k) ov.push_back({spec.parameters[k].path, plan.values[p][k]});
    const auto sc = sweep_point(spec, ov);
    fs::create_directories(file.parent_path());
    RunControl control;
    control.progress = &progress;
    control.on_progress = options.on_progress;
    control.checkpoint_every = options.checkpoint_every;
    control.keep_checkpoints = options.keep_checkpoints;
    const std::string ck = detail::checkpoint_path(file.string());
    std::error_code ec;
    fs::remove(ck + ".tmp", ec);  // a checkpoint a kill cut short
    bool resumable = false;
    if (fs::exists(ck)) {
      try {
        const detail::CheckpointReader probe(ck);
        resumable = probe.scenario().resolved_text == sc.resolved_text;
        if (!resumable) std::cerr << "icsim: warning: " << ck << " is another run's: this run starts from day 0\n";
      } catch (const std::exception& bad) {
        std::cerr << "icsim: warning: " << bad.what() << "; this run starts from day 0\n";
      }
    }
    const auto r = resumable ? resume_replication(ck, control, true).result
                             : run_replication(sc, static_cast<int>(run % R), file.string(), control);
    e.status = "complete";
    e.sha256 = io::sha256_file(file.string());
    e.bytes = static_cast<std::int64_t>(fs::file_size(file));
    e.wall = r.wall_seconds;
  } catch (const Interrupted& ex) {
    e.status = "interrupted";
    e.error = clean(ex.what());
  } catch (const std::exception& ex) {
    e.status = "failed";
    e.error = clean(ex.what());
  }
  return e;
}

/// The index and the manifest from every journal (rank 0; shards leave them to the pass
/// without --shard). Returns whether every run of the plan is complete.
bool write_results(const SweepPlan& plan, const SweepOptions& options) {
  const auto& spec = plan.spec;
  const fs::path out(options.out_dir);
  const std::size_t R = static_cast<std::size_t>(spec.replications);
  const auto entries = read_journals(out / spec.name);
  std::vector<const Entry*> best(plan.runs(), nullptr);
  for (const auto& e : entries) {
    if (e.index < 0 || static_cast<std::size_t>(e.index) >= plan.runs()) continue;
    const Entry*& b = best[static_cast<std::size_t>(e.index)];
    if (!b || b->status != "complete" || e.status == "complete") b = &e;  // the latest complete wins
  }
  io::Manifest m;
  m.icsim_version = std::string(version());
  m.git_revision = std::string(git_revision());
  m.command = options.command_line;
  bool all = true;
  const auto seed = sweep_point(spec, {}).config.run.seed;
  for (std::size_t r = 0; r < plan.runs(); ++r) {
    const Entry* e = best[r];
    all = all && e && e->status == "complete";
    if (!e) continue;
    io::ManifestRun mr;
    mr.scenario = spec.name;
    mr.point = static_cast<std::int64_t>(r / R);
    mr.replication = static_cast<std::int64_t>(r % R);
    mr.seed = seed;
    mr.file = relative_file(plan, r);
    mr.status = e->status;
    mr.sha256 = e->sha256;
    mr.bytes = e->bytes;
    mr.threads = e->threads;
    mr.wall_seconds = e->wall;
    mr.error = e->error;
    if (e->status == "interrupted" && fs::exists(detail::checkpoint_path((out / mr.file).string()))) {
      mr.checkpoint = fs::path(mr.file).replace_extension().string() + ".checkpoint.h5";
    }
    m.runs.push_back(std::move(mr));
  }
  if (options.shards <= 1) {
    write_index(out / spec.name, plan, best, spec.file);
    io::write_manifest((out / "manifest.json").string(), m);
  }
  return all;
}

}  // namespace

SweepOutcome run_sweep(const SweepPlan& plan, const SweepOptions& options, WorkQueue& queue) {
  const auto& spec = plan.spec;
  const fs::path dir = fs::path(options.out_dir) / spec.name;
  const bool root = queue.rank() == 0;

  // Rank 0 prepares; every rank learns how it went before anyone goes on.
  io::FileLock folder_lock, shard_lock;  // rank 0 holds them for the whole sweep
  int status = 0;
  std::string message;
  if (root) {
    try {
      prepare(plan, options, describe_plan(plan), folder_lock, shard_lock);
    } catch (const JobError& e) {
      status = e.exit_status;
      message = e.what();
    } catch (const std::exception& e) {
      status = kFailed;
      message = e.what();
    }
  }
  const auto [agreed, why] = queue.agree(status, message);
  if (agreed != 0) throw JobError(agreed, why);

  const auto done = completed_runs(plan, options.out_dir);
  std::vector<std::size_t> todo;
  SweepOutcome outcome;
  for (std::size_t r = 0; r < plan.runs(); ++r) {
    if (static_cast<int>(r % static_cast<std::size_t>(options.shards)) != options.shard) continue;
    ++outcome.total;
    if (done[r]) {
      ++outcome.skipped;
    } else {
      todo.push_back(r);
    }
  }
  queue.barrier();  // every process has read the journals before any appends to them
  queue.reset(static_cast<std::int64_t>(todo.size()));

  // Each process appends to a journal of its own: journal-<rank>.txt, or for a shard
  // journal-shard<i>of<N>-<rank>.txt (shards run at the same time).
  const std::string journal_name =
      (options.shards > 1 ? "journal-shard" + std::to_string(options.shard) + "of" + std::to_string(options.shards) + "-"
                          : std::string("journal-")) +
      std::to_string(queue.rank()) + ".txt";
  io::AppendLog journal(dir / journal_name);
  std::mutex mutex;
  const int days = spec.days ? *spec.days : sweep_point(spec, {}).config.run.days;
  core::Progress progress(static_cast<std::int64_t>(todo.size()) * days, static_cast<std::int64_t>(todo.size()));
  const auto threads = static_cast<std::int64_t>(core::active_threads());
  const std::size_t R = static_cast<std::size_t>(spec.replications);
  core::install_stop_handlers();

  core::for_each_index(todo.size(), [&](std::size_t) {
    if (core::stop_requested()) return;  // a signal: start nothing more
    const std::int64_t i = queue.next();
    if (i < 0 || i >= static_cast<std::int64_t>(todo.size())) return;
    const std::size_t run = todo[static_cast<std::size_t>(i)];
    Entry e = run_one(plan, options, run, progress);
    if (e.status == "failed" && options.fail_fast) queue.stop();
    e.threads = threads;
    progress.run_finished(e.status == "complete");
    if (options.on_progress) options.on_progress(progress);
    std::lock_guard lock(mutex);
    journal.append(journal_line(e));
    if (e.status == "complete") {
      ++outcome.ran;
    } else if (e.status == "interrupted") {
      ++outcome.interrupted;
    } else {
      ++outcome.failed;
      outcome.errors.push_back("point " + std::to_string(run / R) + " replication " + std::to_string(run % R) + ": " +
                               e.error);
    }
  }, 1);
  journal.close();
  queue.barrier();
  if (root) outcome.complete = write_results(plan, options);
  queue.barrier();
  return outcome;
}

}  // namespace icsim::app

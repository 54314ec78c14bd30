#include "app/run.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>

#include "core/isolate.hpp"
#include "core/parallel.hpp"
#include "core/version.hpp"
#include "io/h5.hpp"
#include "io/manifest.hpp"
#include "io/run_file.hpp"
#include "io/sha256.hpp"
#include "model/model.hpp"

namespace icsim::app {
namespace fs = std::filesystem;

namespace {

std::vector<io::Attr> parameter_attributes(const scenario::Scenario& sc, int replication) {
  const auto& c = sc.config;
  std::string overrides;
  for (const auto& o : sc.overrides) overrides += (overrides.empty() ? "" : "\n") + o;
  return {
      {"scenario_name", c.name},
      {"scenario_description", c.description},
      {"scenario_source", sc.source},
      {"scenario_text", sc.text},
      {"overrides", overrides},
      {"seed", static_cast<std::int64_t>(c.seed)},
      {"replication", static_cast<std::int64_t>(replication)},
      {"replications", static_cast<std::int64_t>(c.replications)},
      {"start_date", c.start_date.iso()},
      {"days", static_cast<std::int64_t>(c.days)},
      {"output_interval_days", static_cast<std::int64_t>(c.output_interval_days)},
      {"icsim_version", std::string(version())},
      {"git_revision", std::string(git_revision())},
      {"build_type", std::string(build_type())},
      {"compiler", std::string(compiler())},
      {"library_versions",
       std::string(dependency_versions()) + "; hdf5 runtime " + io::h5::library_version()},
      {"random_generator", std::string("Philox4x64-10 (Random123) driving Boost.Random")},
  };
}

void write_axes(io::RunFile& f, const model::Config& c) {
  io::Table orgs{"/organisations", "Organisations; trusts occupy rows 0..trusts-1", {}};
  std::vector<std::string> id, name, type, place, kind;
  std::vector<double> loc;
  for (const auto& t : c.trusts) {
    id.push_back(t.id);
    name.push_back(t.name);
    type.push_back(model::kTrustTypeNames[static_cast<std::size_t>(t.type)]);
    place.push_back(c.places[static_cast<std::size_t>(t.place)].id);
    kind.push_back("trust");
    loc.push_back(t.location.x_km);
    loc.push_back(t.location.y_km);
  }
  orgs.columns = {{"id", id, {}, ""},       {"name", name, {}, ""}, {"kind", kind, {}, ""},
                  {"type", type, {}, ""},   {"place", place, {}, ""},
                  {"location_km", loc, {c.trusts.size(), 2}, "km"}};
  f.table(orgs);

  io::Table places{"/places", "Places (populations)", {}};
  std::vector<std::string> pid, pname;
  std::vector<std::int64_t> pop;
  std::vector<double> ploc, dep;
  for (const auto& p : c.places) {
    pid.push_back(p.id);
    pname.push_back(p.name);
    pop.push_back(p.population);
    ploc.push_back(p.location.x_km);
    ploc.push_back(p.location.y_km);
    dep.insert(dep.end(), p.deprivation.begin(), p.deprivation.end());
  }
  places.columns = {{"id", pid, {}, ""},
                    {"name", pname, {}, ""},
                    {"population", pop, {}, "persons"},
                    {"location_km", ploc, {c.places.size(), 2}, "km"},
                    {"deprivation", dep, {c.places.size(), 5}, "1"}};
  f.table(places);

  io::Table specs{"/specialties", "Elective specialties", {}};
  std::vector<std::string> sid, sname;
  std::vector<double> rate;
  for (const auto& s : c.specialties) {
    sid.push_back(s.id);
    sname.push_back(s.name);
    rate.push_back(s.referral_rate);
  }
  specs.columns = {{"id", sid, {}, ""},
                   {"name", sname, {}, ""},
                   {"referral_rate", rate, {}, "referrals per 1000 population per year"}};
  f.table(specs);
}

struct Writer {
  std::vector<std::pair<model::Obs, std::size_t>> series;  // observable -> series index

  Writer(io::RunFile& f, const scenario::Scenario& sc) {
    const auto T = static_cast<hsize_t>(sc.config.trusts.size());
    const auto S = static_cast<hsize_t>(sc.config.specialties.size());
    for (model::Obs o : sc.output.observables) {
      const auto& info = model::observables()[static_cast<std::size_t>(o)];
      io::SeriesSpec spec;
      spec.name = std::string(info.name);
      spec.unit = std::string(info.unit);
      spec.kind = std::string(model::kind_name(info.kind));
      spec.description = std::string(info.description);
      spec.integer = info.integer;
      switch (info.axes) {
        case model::Axes::trust_specialty:
          spec.axes = {"organisation", "specialty"};
          spec.shape = {T, S};
          break;
        case model::Axes::trust:
          spec.axes = {"organisation"};
          spec.shape = {T};
          break;
        case model::Axes::system:
          break;
      }
      series.emplace_back(o, f.add_series(spec));
    }
  }

  void write(io::RunFile& f, const model::Sample& s) const {
    for (const auto& [o, idx] : series) {
      const auto i = static_cast<std::size_t>(o);
      if (model::observables()[i].integer) {
        f.append(idx, s.step, s.step, std::span<const std::int64_t>(s.counts[i]));
      } else {
        f.append(idx, s.step, s.step, std::span<const double>(s.values[i]));
      }
    }
  }
};

Headline headline_of(const model::Sample& s) {
  using model::Obs;
  auto c = [&](Obs o) -> const std::vector<std::int64_t>& { return s.counts[static_cast<std::size_t>(o)]; };
  auto v = [&](Obs o) -> const std::vector<double>& { return s.values[static_cast<std::size_t>(o)]; };
  Headline h;
  for (auto x : c(Obs::trust_waiting_list)) h.trust_list.push_back(static_cast<double>(x));
  h.trust_median = v(Obs::trust_wait_median_weeks);
  h.trust_within_18 = v(Obs::trust_within_18_weeks);
  for (auto x : c(Obs::trust_over_52_weeks)) h.trust_over_52.push_back(static_cast<double>(x));
  h.list = static_cast<double>(c(Obs::system_waiting_list)[0]);
  h.median = v(Obs::system_wait_median_weeks)[0];
  h.within_18 = v(Obs::system_within_18_weeks)[0];
  h.over_52 = static_cast<double>(c(Obs::system_over_52_weeks)[0]);
  return h;
}

}  // namespace

std::string replication_file_name(int replication) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "rep-%04d.h5", replication);
  return buf;
}

ReplicationResult run_replication(const scenario::Scenario& sc, int replication,
                                  const std::string& path, core::Progress* progress,
                                  const ProgressCallback& on_progress) {
  const auto start = std::chrono::steady_clock::now();
  ReplicationResult r;
  r.replication = replication;
  r.file = path;
  std::int64_t treated = 0;
  core::isolated([&] {
    model::Model m(sc.config, static_cast<std::uint64_t>(replication));
    io::RunFile f(path, sc.output.compression);
    f.parameters(parameter_attributes(sc, replication));
    write_axes(f, sc.config);
    const Writer w(f, sc);
    w.write(f, m.sample());
    while (!m.finished()) {
      m.step();
      if (m.has_new_sample()) {
        w.write(f, m.sample());
        treated += m.sample().counts[static_cast<std::size_t>(model::Obs::system_treated)][0];
      }
      if (progress) {
        progress->add_units(1);
        if (on_progress && progress->should_report(std::chrono::milliseconds(250))) {
          on_progress(*progress);
        }
      }
    }
    f.commit();
    r.headline = headline_of(m.sample());
    r.headline.treated = static_cast<double>(treated);
    r.patient_events = m.patient_events();
  });
  r.ok = true;
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

std::vector<ScenarioResult> run_batch(const std::vector<scenario::Scenario>& scenarios,
                                      const BatchOptions& options) {
  const fs::path out(options.out_dir);
  // Refuse to overwrite: a scenario folder or manifest in the way needs --force.
  std::vector<fs::path> dirs;
  for (const auto& sc : scenarios) {
    const fs::path dir = out / sc.config.name;
    for (const auto& d : dirs) {
      if (d == dir) throw OutputExists("two scenarios are both named '" + sc.config.name + "'");
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

  struct Job {
    std::size_t scenario;
    int replication;
  };
  std::vector<Job> jobs;
  std::int64_t total_days = 0;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    for (int r = 0; r < scenarios[i].config.replications; ++r) {
      jobs.push_back({i, r});
      total_days += scenarios[i].config.days;
    }
  }
  core::Progress progress(total_days, static_cast<std::int64_t>(jobs.size()));

  std::vector<ScenarioResult> results(scenarios.size());
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    results[i].name = scenarios[i].config.name;
    for (const auto& t : scenarios[i].config.trusts) results[i].trust_ids.push_back(t.id);
    results[i].replications.resize(static_cast<std::size_t>(scenarios[i].config.replications));
  }
  const std::size_t threads = core::active_threads();
  std::vector<io::ManifestRun> runs(jobs.size());

  core::for_each_index(jobs.size(), [&](std::size_t j) {
    const Job& job = jobs[j];
    const auto& sc = scenarios[job.scenario];
    const std::string rel = sc.config.name + "/" + replication_file_name(job.replication);
    const std::string path = (out / rel).string();
    ReplicationResult r;
    io::ManifestRun m;
    try {
      r = run_replication(sc, job.replication, path, &progress, options.on_progress);
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
    progress.run_finished(r.ok);
    if (options.on_progress) options.on_progress(progress);
    m.scenario = sc.config.name;
    m.replication = job.replication;
    m.seed = sc.config.seed;
    m.file = rel;
    m.threads = static_cast<std::int64_t>(threads);
    m.wall_seconds = r.wall_seconds;
    runs[j] = m;
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

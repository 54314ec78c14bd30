// One replication: build the model, step it to the end writing samples, monthly trust matrices
// and checkpoints as it goes, then the event tables; or continue one from its checkpoint.
#include <chrono>
#include <cmath>
#include <filesystem>

#include "app/checkpoint.hpp"
#include "app/replication.hpp"
#include "app/run.hpp"
#include "core/interrupt.hpp"
#include "core/isolate.hpp"

namespace icsim::app {
namespace fs = std::filesystem;
using namespace detail;

namespace {

/// The steps of a replication from the model's current day to the end, writing as it goes.
ReplicationResult finish_replication(const scenario::Scenario& sc, int replication, const std::string& path,
                                     model::Model& m, io::RunFile& f, const ObservableWriter& w, const RelationshipWriter& rw,
                                     Totals t, const RunControl& control,
                                     bool has_previous) {
  ReplicationResult r;
  r.replication = replication;
  r.file = path;
  while (!m.finished()) {
    m.step();
    if (m.month_ended()) rw.write(f, m, m.days_done());
    if (m.has_new_sample()) {
      w.write(f, m.sample());
      t.add(m.sample());
    }
    if (control.checkpoint_every > 0 && m.days_done() % control.checkpoint_every == 0 && !m.finished()) {
      write_checkpoint(path, sc, replication, control.checkpoint_every, m, f, t, has_previous);
    }
    if (control.progress) {
      control.progress->add_units(1);
      if (control.on_progress && control.progress->should_report(std::chrono::milliseconds(250))) {
        control.on_progress(*control.progress);
      }
    }
    if (core::stop_requested() && !m.finished()) {  // SIGTERM/SIGUSR1: save the day, then stop
      interrupt_replication(path, sc, replication, control.checkpoint_every, m, f, t, has_previous);
    }
  }
  write_events(f, sc.config, m);
  f.commit();
  if (control.checkpoint_every > 0 && !control.keep_checkpoints) fs::remove(checkpoint_path(path));
  r.headline = headline_of(m.sample());
  r.headline.treated = static_cast<double>(t.treated);
  r.headline.transfers = static_cast<double>(t.transfers);
  const bool urgent = !m.bed_units().empty() || !sc.config.shocks.empty();
  r.headline.cancelled = urgent ? static_cast<double>(t.cancelled) : std::nan("");
  r.headline.opel4_days = !m.bed_units().empty() ? static_cast<double>(t.opel4) : std::nan("");
  r.headline.out_of_area_days = !m.bed_units().empty() ? t.out_of_area : std::nan("");
  r.patient_events = m.patient_events();
  return r;
}

}  // namespace

ReplicationResult run_replication(const scenario::Scenario& sc, int replication,
                                  const std::string& path, core::Progress* progress,
                                  const ProgressCallback& on_progress) {
  RunControl control;
  control.progress = progress;
  control.on_progress = on_progress;
  return run_replication(sc, replication, path, control);
}

ReplicationResult run_replication(const scenario::Scenario& sc, int replication, const std::string& path,
                                  const RunControl& control) {
  const auto start = std::chrono::steady_clock::now();
  ReplicationResult r;
  core::isolated([&] {
    model::Model m(sc.config, static_cast<std::uint64_t>(replication));
    io::RunFile f(path, sc.output.compression);
    if (control.checkpoint_every > 0) f.start_recording();
    f.parameters(parameter_attributes(sc, replication));
    write_axes(f, sc.config);
    const ObservableWriter w(f, sc);
    w.write(f, m.sample());
    const RelationshipWriter rw(f, sc.config, m.organisations());
    rw.write(f, m, 0);
    r = finish_replication(sc, replication, path, m, f, w, rw, Totals{}, control, false);
  });
  r.ok = true;
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

ResumedRun resume_replication(const std::string& checkpoint, const RunControl& control, bool force) {
  const auto start = std::chrono::steady_clock::now();
  CheckpointReader ck(checkpoint);
  const scenario::Scenario& sc = ck.scenario();
  const int replication = ck.replication();
  const std::string path = ck.output_path();
  if (fs::exists(path) && !force) {
    throw OutputExists(path + " already exists (use --force to replace it)");
  }
  ResumedRun out;
  out.scenario = sc.config.run.name;
  out.day = ck.day();
  out.days = sc.config.run.days;
  core::isolated([&] {
    model::Model m(sc.config, static_cast<std::uint64_t>(replication));
    m.load_state(ck.model_state());
    Totals totals;
    ck.run_state(totals);
    io::RunFile f(path, sc.output.compression);
    // Later checkpoints go next to the output file: when this checkpoint is that file they
    // extend it (recording starts after the replay); otherwise they record everything.
    const bool same_place = fs::exists(checkpoint_path(path)) && fs::equivalent(checkpoint, checkpoint_path(path));
    if (!same_place) f.start_recording();
    f.parameters(parameter_attributes(sc, replication));
    write_axes(f, sc.config);
    const auto [w, rw] = ck.replay(f, m.organisations());
    if (control.progress) control.progress->add_units(out.day);
    RunControl more = control;
    if (more.checkpoint_every <= 0) more.checkpoint_every = ck.checkpoint_every();
    if (same_place) f.start_recording();
    ck.close();
    out.result = finish_replication(sc, replication, path, m, f, w, rw, totals, more, same_place);
  });
  out.result.ok = true;
  out.result.replication = replication;
  out.result.file = path;
  out.result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace icsim::app

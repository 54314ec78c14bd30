#include "app/bench.hpp"

#include <chrono>
#include <fstream>
#include <sstream>

#include "core/parallel.hpp"
#include "model/model.hpp"

namespace icsim::app {
namespace {

// Linux: writing "5" to clear_refs resets the peak resident set size (VmHWM) of the process.
void reset_peak_rss() {
  std::ofstream f("/proc/self/clear_refs");
  if (f) f << "5";
}

double peak_rss_mib() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("VmHWM:", 0) == 0) {
      std::istringstream is(line.substr(6));
      double kb = 0;
      is >> kb;
      return kb / 1024.0;
    }
  }
  return 0.0;
}

}  // namespace

BenchResult bench(const scenario::Scenario& sc, int days, std::size_t threads, bool equity) {
  using clock = std::chrono::steady_clock;
  core::ThreadLimit limit(threads);
  BenchResult r;
  r.scenario = sc.config.run.name;
  r.threads = limit.threads();
  r.days = days;
  model::Config cfg = sc.config;
  cfg.run.days = days;
  if (!equity) {  // every observable but those by quintile and place (which need the equity scan)
    cfg.output.observables.clear();
    const auto& all = model::observables();
    for (std::size_t o = 0; o < all.size(); ++o) {
      if (!model::needs_equity_scan(o)) cfg.output.observables.emplace_back(all[o].name);
    }
  }
  reset_peak_rss();
  const auto t0 = clock::now();
  {
    model::Model m(cfg, 0);
    r.waiting_start = m.waiting();
    const auto t1 = clock::now();
    while (!m.finished()) m.step();
    const auto t2 = clock::now();
    r.setup_seconds = std::chrono::duration<double>(t1 - t0).count();
    r.step_seconds = std::chrono::duration<double>(t2 - t1).count();
    r.phase_seconds.resize(m.timer().size());
    for (std::size_t i = 0; i < r.phase_seconds.size(); ++i) r.phase_seconds[i] = m.timer().seconds(i);
    r.patient_events = m.patient_events();
    r.waiting_end = m.waiting();
    r.patient_bytes = m.patient_bytes();
  }
  r.peak_rss_mib = peak_rss_mib();
  return r;
}

}  // namespace icsim::app

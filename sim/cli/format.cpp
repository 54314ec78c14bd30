#include "cli/format.hpp"

#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <algorithm>
#include <functional>
#include <sstream>

#include <sys/ioctl.h>
#include <unistd.h>

#include "core/stats.hpp"
#include "model/model.hpp"

namespace icsim::cli {
namespace {

std::string fmt(const char* f, double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, x);
  std::string s = buf;
  // A small negative rounded to zero is shown as zero, not "-0.00".
  if (!s.empty() && s[0] == '-' && s.find_first_of("123456789") == std::string::npos)
    s = std::string(f).find('+') != std::string::npos ? "+" + s.substr(1) : s.substr(1);
  return s;
}

std::string duration(double s) {
  if (!std::isfinite(s)) return "--:--";
  const long t = std::lround(s);
  char buf[32];
  if (t >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", t / 3600, (t / 60) % 60, t % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", t / 60, t % 60);
  }
  return buf;
}

/// "mean [low, high]" with the given printf format for each number.
std::string interval(const std::vector<double>& xs, const char* f, double scale = 1.0) {
  std::vector<double> v;
  for (double x : xs) v.push_back(x * scale);
  const auto s = core::summarise(v);
  if (s.n == 0) return "-";
  if (s.n == 1) return fmt(f, s.mean);
  return fmt(f, s.mean) + " [" + fmt(f, s.ci_low) + ", " + fmt(f, s.ci_high) + "]";
}

std::string pad(const std::string& s, std::size_t w) {
  return s.size() >= w ? s + " " : s + std::string(w - s.size(), ' ');
}

}  // namespace

int terminal_width() {
  // COLUMNS when it is set (a user's or a test's override), else the terminal's own width.
  if (const char* c = std::getenv("COLUMNS")) {
    char* end = nullptr;
    const long n = std::strtol(c, &end, 10);
    if (end != c && *end == '\0' && n > 0 && n < 10000) return static_cast<int>(n);
  }
  winsize ws{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

std::string progress_line(const core::Progress::View& v, int width) {
  // At most width - 1 characters (a full line would wrap on some terminals), padded so that a
  // shorter line overwrites a longer one. The bar shrinks first, then the details go.
  const std::size_t room = static_cast<std::size_t>(std::max(width - 1, 1));
  const double frac =
      v.total_units > 0 ? static_cast<double>(v.units) / static_cast<double>(v.total_units) : 1.0;
  std::string runs = std::to_string(v.runs_done) + "/" + std::to_string(v.total_runs) + " runs";
  if (v.runs_failed) runs += ", " + std::to_string(v.runs_failed) + " failed";
  const std::string eta = "ETA " + duration(v.eta_s);
  std::string text = " " + runs + " | " + fmt("%.0f", v.units_per_s) + " days/s | " + eta;
  if (text.size() + 12 > room) text = " " + runs + " | " + eta;
  std::string line;
  if (text.size() + 7 <= room) {
    const std::size_t bar = std::min<std::size_t>(40, room - text.size() - 2);
    const auto filled = static_cast<std::size_t>(frac * static_cast<double>(bar));
    line = "[" + std::string(filled, '#') + std::string(bar - filled, '.') + "]" + text;
  } else {
    line = fmt("%.0f%%", 100.0 * frac) + text;
  }
  if (line.size() > room) line.resize(room);
  return line + std::string(room - line.size(), ' ');
}

std::string progress_json(const core::Progress::View& v) {
  std::ostringstream os;
  os << "{\"progress\": {\"days_done\": " << v.units << ", \"days_total\": " << v.total_units
     << ", \"runs_done\": " << v.runs_done << ", \"runs_failed\": " << v.runs_failed
     << ", \"runs_total\": " << v.total_runs << ", \"elapsed_s\": " << fmt("%.3f", v.elapsed_s)
     << ", \"days_per_s\": " << fmt("%.1f", v.units_per_s) << ", \"eta_s\": "
     << (std::isfinite(v.eta_s) ? fmt("%.1f", v.eta_s) : std::string("null")) << "}}";
  return os.str();
}

std::string results_table(const app::ScenarioResult& r) {
  std::vector<const app::ReplicationResult*> ok;
  for (const auto& rep : r.replications) {
    if (rep.ok) ok.push_back(&rep);
  }
  std::ostringstream os;
  os << "Scenario " << r.name << ": " << ok.size() << " replication(s); values at the end of the "
     << "run, mean [95% interval across replications]\n";
  const std::size_t w0 = 10, w = 28;
  os << pad("trust", w0) << pad("waiting list", w) << pad("median wait (weeks)", w)
     << pad("within 18 weeks (%)", w) << "52+ week waiters\n";
  auto column = [&](const std::function<double(const app::Headline&)>& get) {
    std::vector<double> xs;
    for (const auto* rep : ok) xs.push_back(get(rep->headline));
    return xs;
  };
  for (std::size_t t = 0; t < r.trust_ids.size(); ++t) {
    os << pad(r.trust_ids[t], w0)
       << pad(interval(column([&](const auto& h) { return h.trust_list[t]; }), "%.0f"), w)
       << pad(interval(column([&](const auto& h) { return h.trust_median[t]; }), "%.1f"), w)
       << pad(interval(column([&](const auto& h) { return h.trust_within_18[t]; }), "%.1f", 100.0), w)
       << interval(column([&](const auto& h) { return h.trust_over_52[t]; }), "%.0f") << "\n";
  }
  os << pad("all", w0) << pad(interval(column([](const auto& h) { return h.list; }), "%.0f"), w)
     << pad(interval(column([](const auto& h) { return h.median; }), "%.1f"), w)
     << pad(interval(column([](const auto& h) { return h.within_18; }), "%.1f", 100.0), w)
     << interval(column([](const auto& h) { return h.over_52; }), "%.0f") << "\n";
  return os.str();
}

namespace {

/// Paired differences b - a of one value, over the replications both completed.
template <class Get>
std::vector<double> paired(const app::ScenarioResult& a, const app::ScenarioResult& b, Get&& get) {
  std::vector<double> d;
  const std::size_t n = std::min(a.replications.size(), b.replications.size());
  for (std::size_t r = 0; r < n; ++r) {
    const auto& x = a.replications[r];
    const auto& y = b.replications[r];
    if (!x.ok || !y.ok) continue;
    const double v = get(y.headline) - get(x.headline);
    if (std::isfinite(v)) d.push_back(v);
  }
  return d;
}

/// interval() with " *" when the 95% interval excludes zero.
std::string marked(const std::vector<double>& d, const char* f, double scale) {
  const auto s = core::summarise(d);
  const bool clear = s.n >= 2 && (s.ci_low * scale > 0.0 || s.ci_high * scale < 0.0);
  return interval(d, f, scale) + (clear ? " *" : "");
}

struct Column {
  const char* name;
  const char* f;
  double scale;
  const std::vector<double>& (*get)(const app::Headline&);
};

struct Breakdown {
  const char* by;
  std::vector<std::string> (*labels)(const app::ScenarioResult&);
  std::vector<Column> columns;
};

const std::vector<Breakdown>& breakdowns() {
  using H = app::Headline;
  static const std::vector<Breakdown> all = {
      {"trust", [](const app::ScenarioResult& r) { return r.trust_ids; },
       {{"waiting list", "%+.0f", 1.0, [](const H& h) -> const std::vector<double>& { return h.trust_list; }},
        {"median wait (weeks)", "%+.2f", 1.0, [](const H& h) -> const std::vector<double>& { return h.trust_median; }},
        {"within 18 weeks (points)", "%+.2f", 100.0,
         [](const H& h) -> const std::vector<double>& { return h.trust_within_18; }},
        {"52+ week waiters", "%+.0f", 1.0, [](const H& h) -> const std::vector<double>& { return h.trust_over_52; }}}},
      {"specialty", [](const app::ScenarioResult& r) { return r.specialty_ids; },
       {{"waiting list", "%+.0f", 1.0, [](const H& h) -> const std::vector<double>& { return h.specialty_list; }},
        {"52+ week waiters", "%+.0f", 1.0,
         [](const H& h) -> const std::vector<double>& { return h.specialty_over_52; }}}},
      {"quintile",
       [](const app::ScenarioResult&) {
         return std::vector<std::string>{"Q1 (most deprived)", "Q2", "Q3", "Q4", "Q5 (least deprived)"};
       },
       {{"waiting list", "%+.0f", 1.0, [](const H& h) -> const std::vector<double>& { return h.quintile_list; }},
        {"median wait (weeks)", "%+.2f", 1.0, [](const H& h) -> const std::vector<double>& { return h.quintile_median; }},
        {"within 18 weeks (points)", "%+.2f", 100.0,
         [](const H& h) -> const std::vector<double>& { return h.quintile_within_18; }},
        {"52+ week waiters", "%+.0f", 1.0, [](const H& h) -> const std::vector<double>& { return h.quintile_over_52; }}}},
      {"place", [](const app::ScenarioResult& r) { return r.place_ids; },
       {{"waiting list", "%+.0f", 1.0, [](const H& h) -> const std::vector<double>& { return h.place_list; }},
        {"median wait (weeks)", "%+.2f", 1.0, [](const H& h) -> const std::vector<double>& { return h.place_median; }},
        {"within 18 weeks (points)", "%+.2f", 100.0,
         [](const H& h) -> const std::vector<double>& { return h.place_within_18; }}}},
  };
  return all;
}

std::string breakdown_table(const app::ScenarioResult& a, const app::ScenarioResult& b, const Breakdown& k) {
  std::ostringstream os;
  const auto rows = k.labels(a);
  if (rows != k.labels(b)) {
    os << "  by " << k.by << ": not paired (the scenarios' " << k.by << " lists differ)\n";
    return os.str();
  }
  const std::size_t w0 = 22, w = 30;
  os << "  by " << k.by << "\n  " << pad(k.by, w0);
  for (const auto& c : k.columns) os << pad(c.name, w);
  os << "\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    os << "  " << pad(rows[i], w0);
    for (const auto& c : k.columns) {
      const auto d = paired(a, b, [&](const app::Headline& h) {
        const auto& v = c.get(h);
        return i < v.size() ? v[i] : std::nan("");
      });
      os << pad(d.empty() ? "-" : marked(d, c.f, c.scale), w);
    }
    os << "\n";
  }
  return os.str();
}

}  // namespace

std::vector<std::string> breakdown_names() {
  std::vector<std::string> out;
  for (const auto& b : breakdowns()) out.emplace_back(b.by);
  return out;
}

std::string paired_table(const std::vector<app::ScenarioResult>& rs, std::size_t baseline,
                         const std::vector<std::string>& by) {
  std::ostringstream os;
  const auto& base = rs.at(baseline);
  struct Measure {
    const char* name;
    const char* f;
    double scale;
    double (*get)(const app::Headline&);
  };
  const Measure measures[] = {
      {"waiting list", "%+.0f", 1.0, [](const app::Headline& h) { return h.list; }},
      {"median wait (weeks)", "%+.2f", 1.0, [](const app::Headline& h) { return h.median; }},
      {"within 18 weeks (points)", "%+.2f", 100.0, [](const app::Headline& h) { return h.within_18; }},
      {"52+ week waiters", "%+.0f", 1.0, [](const app::Headline& h) { return h.over_52; }},
      {"longest trust median (weeks)", "%+.2f", 1.0,
       [](const app::Headline& h) { return h.longest_trust_median; }},
      {"spread of trust medians (weeks)", "%+.2f", 1.0,
       [](const app::Headline& h) { return h.trust_median_range; }},
      {"treated (whole run)", "%+.0f", 1.0, [](const app::Headline& h) { return h.treated; }},
      {"transfers (whole run)", "%+.0f", 1.0, [](const app::Headline& h) { return h.transfers; }},
      {"mean trust", "%+.3f", 1.0, [](const app::Headline& h) { return h.mean_trust; }},
      {"mean collaborative cohesion", "%+.3f", 1.0, [](const app::Headline& h) { return h.cohesion; }},
      {"mean programme scale", "%+.3f", 1.0, [](const app::Headline& h) { return h.programme_scale; }},
      {"cancelled electives (whole run)", "%+.0f", 1.0, [](const app::Headline& h) { return h.cancelled; }},
      {"OPEL 4 trust-days (whole run)", "%+.1f", 1.0, [](const app::Headline& h) { return h.opel4_days; }},
      {"out-of-area bed days (whole run)", "%+.0f", 1.0, [](const app::Headline& h) { return h.out_of_area_days; }},
  };
  for (std::size_t k = 0; k < rs.size(); ++k) {
    if (k == baseline) continue;
    os << "Paired difference " << rs[k].name << " - " << base.name
       << " (common random numbers; mean [95% interval] across replications; * the interval excludes 0)\n";
    for (const auto& m : measures) {
      const auto d = paired(base, rs[k], m.get);
      if (d.empty()) continue;  // not measured in these scenarios (no collaboratives, say)
      os << "  " << pad(m.name, 34) << marked(d, m.f, m.scale) << "\n";
    }
    for (const auto& name : by) {
      for (const auto& b : breakdowns()) {
        if (name == b.by) os << breakdown_table(base, rs[k], b);
      }
    }
  }
  return os.str();
}

std::string bench_header() {
  std::string phases;
  for (const auto p : model::phase_groups()) {
    if (!phases.empty()) phases += '/';
    phases += p;
  }
  return "scenario   threads  days  setup_s  step_s  events      events/s     waiting     "
         "bytes/patient  peak_rss_MiB  phases_s(" + phases + ")\n";
}

std::string bench_row(const app::BenchResult& r) {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "%-10s %7zu %5d %8.2f %7.2f %11lld %12.3e %11lld %14.1f %13.0f  ",
                r.scenario.c_str(), r.threads, r.days, r.setup_seconds, r.step_seconds,
                static_cast<long long>(r.patient_events), r.events_per_second(),
                static_cast<long long>(r.waiting_end), r.bytes_per_waiting_patient(),
                r.peak_rss_mib);
  std::string row = buf;
  for (std::size_t i = 0; i < r.phase_seconds.size(); ++i) {
    if (i) row += '/';
    row += fmt("%.2f", r.phase_seconds[i]);
  }
  return row + "\n";
}

}  // namespace icsim::cli

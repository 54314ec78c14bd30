#include "cli/json.hpp"

#include <cmath>
#include <cstdio>
#include <functional>
#include <sstream>

#include "core/stats.hpp"
#include "io/manifest.hpp"
#include "model/model.hpp"
#include "scenario/registry.hpp"

namespace icsim::cli {
namespace {

using io::json_string;

std::string number(double x) {
  if (!std::isfinite(x)) return "null";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

/// {"mean": m, "ci_low": l, "ci_high": h, "n": n} of the finite values.
std::string summary(const std::vector<double>& xs) {
  std::vector<double> v;
  for (double x : xs) {
    if (std::isfinite(x)) v.push_back(x);
  }
  const auto s = core::summarise(v);
  if (s.n == 0) return "{\"mean\": null, \"ci_low\": null, \"ci_high\": null, \"n\": 0}";
  return "{\"mean\": " + number(s.mean) + ", \"ci_low\": " + number(s.ci_low) + ", \"ci_high\": " +
         number(s.ci_high) + ", \"n\": " + std::to_string(s.n) + "}";
}

using Get = std::function<double(const app::Headline&)>;

/// The system-wide measures of the summary, by name.
const std::vector<std::pair<const char*, Get>>& system_measures() {
  static const std::vector<std::pair<const char*, Get>> m = {
      {"waiting_list", [](const app::Headline& h) { return h.list; }},
      {"median_wait_weeks", [](const app::Headline& h) { return h.median; }},
      {"within_18_weeks_share", [](const app::Headline& h) { return h.within_18; }},
      {"over_52_weeks", [](const app::Headline& h) { return h.over_52; }},
      {"longest_trust_median_weeks", [](const app::Headline& h) { return h.longest_trust_median; }},
      {"treated", [](const app::Headline& h) { return h.treated; }},
      {"transfers", [](const app::Headline& h) { return h.transfers; }},
      {"mean_trust", [](const app::Headline& h) { return h.mean_trust; }},
      {"cohesion", [](const app::Headline& h) { return h.cohesion; }},
      {"programme_scale", [](const app::Headline& h) { return h.programme_scale; }},
      {"cancelled_electives", [](const app::Headline& h) { return h.cancelled; }},
      {"out_of_area_days", [](const app::Headline& h) { return h.out_of_area_days; }},
      {"opel4_days", [](const app::Headline& h) { return h.opel4_days; }},
  };
  return m;
}

std::vector<double> column(const app::ScenarioResult& r, const Get& get) {
  std::vector<double> xs;
  for (const auto& rep : r.replications) {
    if (rep.ok) xs.push_back(get(rep.headline));
  }
  return xs;
}

std::string trusts_json(const app::ScenarioResult& r) {
  std::ostringstream os;
  os << "[";
  for (std::size_t t = 0; t < r.trust_ids.size(); ++t) {
    auto at = [t](const std::vector<double>& v) { return t < v.size() ? v[t] : std::nan(""); };
    os << (t ? ", " : "") << "{\"id\": " << json_string(r.trust_ids[t])
       << ", \"waiting_list\": " << summary(column(r, [&](const auto& h) { return at(h.trust_list); }))
       << ", \"median_wait_weeks\": " << summary(column(r, [&](const auto& h) { return at(h.trust_median); }))
       << ", \"within_18_weeks_share\": " << summary(column(r, [&](const auto& h) { return at(h.trust_within_18); }))
       << ", \"over_52_weeks\": " << summary(column(r, [&](const auto& h) { return at(h.trust_over_52); })) << "}";
  }
  return os.str() + "]";
}

/// Each system measure of `r` minus the baseline's, paired by replication number.
std::string paired_json(const app::ScenarioResult& r, const app::ScenarioResult& base) {
  std::ostringstream os;
  os << "{";
  bool first = true;
  for (const auto& [name, get] : system_measures()) {
    std::vector<double> d;
    for (const auto& a : r.replications) {
      for (const auto& b : base.replications) {
        if (a.ok && b.ok && a.replication == b.replication) d.push_back(get(a.headline) - get(b.headline));
      }
    }
    os << (first ? "" : ", ") << json_string(name) << ": " << summary(d);
    first = false;
  }
  return os.str() + "}";
}

}  // namespace

std::string params_json(const std::vector<std::string>& prefixes) {
  std::ostringstream os;
  os << "{\"format\": \"icsim-params-1\", \"parameters\": [";
  bool first = true;
  for (const auto& r : scenario::parameter_rows()) {
    bool keep = prefixes.empty();
    for (const auto& p : prefixes) keep = keep || r.path.rfind(p, 0) == 0;
    if (!keep) continue;
    os << (first ? "\n  " : ",\n  ") << "{\"key\": " << json_string(r.path) << ", \"type\": " << json_string(r.type)
       << ", \"unit\": " << json_string(r.unit) << ", \"required\": " << (r.required ? "true" : "false")
       << ", \"default\": " << (r.required ? "null" : json_string(r.default_text)) << ", \"range\": "
       << json_string(r.range) << ", \"description\": " << json_string(r.description)
       << ", \"source\": " << json_string(r.source) << ", \"seed\": " << json_string(r.seed) << "}";
    first = false;
  }
  os << "\n]}\n";
  return os.str();
}

std::string observables_json() {
  std::ostringstream os;
  os << "{\"format\": \"icsim-observables-1\", \"observables\": [";
  bool first = true;
  for (const auto& o : model::observables()) {
    os << (first ? "\n  " : ",\n  ") << "{\"name\": " << json_string(std::string(o.name))
       << ", \"unit\": " << json_string(std::string(o.unit)) << ", \"kind\": "
       << json_string(std::string(model::kind_name(o.kind))) << ", \"dimensions\": ["
       << json_string("time");
    std::string axes(model::axes_name(o.axes));
    std::istringstream parts(axes);
    for (std::string a; std::getline(parts, a, ',');) {
      const auto b = a.find_first_not_of(' ');
      if (b != std::string::npos && a.substr(b) != "time") os << ", " << json_string(a.substr(b));
    }
    os << "], \"type\": " << json_string(o.integer ? "int64" : "float64") << ", \"description\": "
       << json_string(std::string(o.description)) << "}";
    first = false;
  }
  os << "\n]}\n";
  return os.str();
}

std::string results_json(const std::vector<app::ScenarioResult>& rs, std::size_t baseline,
                         const std::string& out_dir) {
  std::ostringstream os;
  os << "{\"format\": \"icsim-run-summary-1\", \"outputs\": " << json_string(out_dir)
     << ", \"baseline\": " << (rs.empty() ? "null" : json_string(rs[baseline].name)) << ", \"scenarios\": [";
  for (std::size_t k = 0; k < rs.size(); ++k) {
    const auto& r = rs[k];
    std::size_t ok = 0, failed = 0;
    for (const auto& rep : r.replications) (rep.ok ? ok : failed) += 1;
    os << (k ? ",\n  " : "\n  ") << "{\"name\": " << json_string(r.name) << ", \"replications\": " << ok
       << ", \"failed\": " << failed << ",\n   \"system\": {";
    bool first = true;
    for (const auto& [name, get] : system_measures()) {
      os << (first ? "" : ", ") << json_string(name) << ": " << summary(column(r, get));
      first = false;
    }
    os << "},\n   \"trusts\": " << trusts_json(r);
    if (k != baseline) os << ",\n   \"paired_with_baseline\": " << paired_json(r, rs[baseline]);
    os << "}";
  }
  os << "\n]}\n";
  return os.str();
}

}  // namespace icsim::cli

#include "app/export.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "core/stats.hpp"
#include "io/h5.hpp"

namespace icsim::app {
namespace {

namespace fs = std::filesystem;
namespace h5 = io::h5;

/// One observable of one replication, reduced to what is exported.
struct Series {
  std::string unit, kind, axes;
  std::vector<std::int64_t> steps;
  std::vector<double> values;  ///< [sample][entity]
  std::size_t width = 1;       ///< entities per sample
};

struct Replication {
  std::map<std::string, Series> series;
  std::map<std::string, std::vector<std::string>> labels;  ///< by axis name
  std::string start_date;
};

struct ScenarioData {
  std::string name;
  std::vector<Replication> reps;
};

/// Axes exported: time alone, or time and one entity axis (the folder holding its names).
const std::map<std::string, std::string>& entity_axes() {
  static const std::map<std::string, std::string> m = {
      {"time", ""}, {"time, organisation", "organisations"}, {"time, place", "places"},
      {"time, quintile", "quintiles"}, {"time, specialty", "specialties"}};
  return m;
}

/// An organisation x specialty observable that adds up (a flow, or a count of patients) as two
/// series: summed over specialties (per organisation) and over organisations (per specialty).
void split_by_specialty(const h5::Handle& g, const std::string& name, Series s, Replication& r) {
  const h5::Handle v = h5::open_dataset(g.id(), "value");
  s.unit = h5::has_attr(v.id(), "unit") ? h5::attr_string(v.id(), "unit") : "";
  if (s.kind != "flow" && s.unit != "patients") return;  // medians and shares do not add up
  std::vector<hsize_t> dims;
  const auto values = h5::read_doubles(g.id(), "value", &dims);
  if (dims.size() != 3) return;
  s.steps = h5::read_ints(g.id(), "step");
  const std::size_t n = dims[0], O = dims[1], S = dims[2];
  Series by_org = s, by_spec = s;
  by_org.axes = "time, organisation";
  by_org.width = O;
  by_org.values.assign(n * O, 0.0);
  by_spec.axes = "time, specialty";
  by_spec.width = S;
  by_spec.values.assign(n * S, 0.0);
  for (std::size_t k = 0; k < n; ++k) {
    for (std::size_t o = 0; o < O; ++o) {
      for (std::size_t sp = 0; sp < S; ++sp) {
        const double x = values[(k * O + o) * S + sp];
        by_org.values[k * O + o] += x;
        by_spec.values[k * S + sp] += x;
      }
    }
  }
  r.series.emplace(name, std::move(by_org));
  r.series.emplace(name + "_by_specialty", std::move(by_spec));
}

Replication read_replication(const std::string& path) {
  Replication r;
  const h5::Handle f = h5::open_file_read(path);
  if (h5::has_attr(f.id(), "start_date")) r.start_date = h5::attr_string(f.id(), "start_date");
  for (const auto& [axes, folder] : entity_axes()) {
    if (!folder.empty() && h5::exists(f.id(), folder + "/name")) r.labels[axes] = h5::read_strings(f.id(), folder + "/name");
  }
  const h5::Handle obs = h5::open_group(f.id(), "observables");
  for (const auto& name : h5::children(obs.id())) {
    const h5::Handle g = h5::open_group(obs.id(), name);
    Series s;
    s.axes = h5::attr_string(g.id(), "axes");
    s.kind = h5::attr_string(g.id(), "kind");
    if (s.axes == "time, organisation, specialty") {
      split_by_specialty(g, name, s, r);
      continue;
    }
    if (!entity_axes().count(s.axes)) continue;
    const h5::Handle v = h5::open_dataset(g.id(), "value");
    s.unit = h5::has_attr(v.id(), "unit") ? h5::attr_string(v.id(), "unit") : "";
    std::vector<hsize_t> dims;
    s.values = h5::read_doubles(g.id(), "value", &dims);
    s.steps = h5::read_ints(g.id(), "step");
    s.width = dims.size() > 1 ? dims[1] : 1;
    r.series.emplace(name, std::move(s));
  }
  return r;
}

std::vector<ScenarioData> read_folder(const std::string& folder) {
  std::vector<ScenarioData> out;
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(folder)) {
    if (e.is_directory()) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  for (const auto& d : dirs) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(d)) {
      const auto n = e.path().filename().string();
      if (n.rfind("rep-", 0) == 0 && n.size() == 11 && e.path().extension() == ".h5") files.push_back(e.path());
    }
    if (files.empty()) continue;
    std::sort(files.begin(), files.end());
    ScenarioData sc;
    sc.name = d.filename().string();
    for (const auto& p : files) sc.reps.push_back(read_replication(p.string()));
    out.push_back(std::move(sc));
  }
  if (out.empty()) throw std::runtime_error(folder + ": no replications (rep-NNNN.h5) in its scenario folders");
  return out;
}

/// Shares (unit "1") as percentages; decimals by unit.
struct Shown {
  std::string unit;
  double scale = 1.0;
  int decimals = 2;
};
Shown shown(const std::string& unit) {
  if (unit == "1") return {"%", 100.0, 1};
  if (unit == "weeks" || unit == "km") return {unit, 1.0, 2};
  if (unit == "GBP") return {unit, 1.0, 0};
  if (unit == "patients" || unit == "treatments" || unit == "offers" || unit == "beds" || unit == "bed days" ||
      unit == "requests" || unit == "refusals" || unit == "days")
    return {unit, 1.0, 1};
  return {unit, 1.0, 3};
}

std::string entity(const Replication& r, const Series& s, std::size_t i) {
  if (s.axes == "time") return "system";
  const auto it = r.labels.find(s.axes);
  return it != r.labels.end() && i < it->second.size() ? it->second[i] : std::to_string(i);
}

/// The value of an entity over the run: flows summed over the samples, stocks and rates at the last.
double over_run(const Series& s, std::size_t i) {
  const std::size_t n = s.width ? s.values.size() / s.width : 0;
  if (n == 0) return std::nan("");
  if (s.kind != "flow") return s.values[(n - 1) * s.width + i];
  double sum = 0.0;
  for (std::size_t k = 0; k < n; ++k) sum += s.values[k * s.width + i];
  return sum;
}

void summary_cells(std::vector<io::Cell>& row, const std::vector<double>& xs, const Shown& u) {
  const auto s = core::summarise(xs);
  row.emplace_back(s.mean * u.scale, u.decimals);
  row.emplace_back(s.ci_low * u.scale, u.decimals);
  row.emplace_back(s.ci_high * u.scale, u.decimals);
  row.emplace_back(static_cast<double>(s.n), 0);
}

io::Sheet time_series(const std::vector<ScenarioData>& all) {
  io::Sheet t{"time_series", {"scenario", "measure", "entity", "unit", "day", "mean", "low_95", "high_95", "replications"}, {}};
  for (const auto& sc : all) {
    const auto& first = sc.reps.front();
    for (const auto& [name, s] : first.series) {
      const Shown u = shown(s.unit);
      const std::size_t samples = s.width ? s.values.size() / s.width : 0;
      for (std::size_t i = 0; i < s.width; ++i) {
        for (std::size_t k = 0; k < samples; ++k) {
          std::vector<double> xs;
          for (const auto& r : sc.reps) {
            const auto it = r.series.find(name);
            if (it != r.series.end() && k * it->second.width + i < it->second.values.size())
              xs.push_back(it->second.values[k * it->second.width + i]);
          }
          std::vector<io::Cell> row{sc.name, name, entity(first, s, i), u.unit, io::Cell(static_cast<double>(s.steps[k]), 0)};
          summary_cells(row, xs, u);
          t.rows.push_back(std::move(row));
        }
      }
    }
  }
  return t;
}

io::Sheet paired_differences(const std::vector<ScenarioData>& all, std::size_t base) {
  io::Sheet t{"paired_differences",
              {"scenario", "baseline", "measure", "entity", "unit", "over the run", "mean_difference", "low_95",
               "high_95", "replications", "interval_excludes_0"},
              {}};
  const auto& b = all[base];
  for (std::size_t k = 0; k < all.size(); ++k) {
    if (k == base) continue;
    const auto& sc = all[k];
    for (const auto& [name, s] : b.reps.front().series) {
      const Shown u = shown(s.unit);
      for (std::size_t i = 0; i < s.width; ++i) {
        std::vector<double> d;
        for (std::size_t r = 0; r < std::min(sc.reps.size(), b.reps.size()); ++r) {
          const auto x = b.reps[r].series.find(name);
          const auto y = sc.reps[r].series.find(name);
          if (x == b.reps[r].series.end() || y == sc.reps[r].series.end() || y->second.width != s.width) continue;
          const double v = over_run(y->second, i) - over_run(x->second, i);
          if (std::isfinite(v)) d.push_back(v);
        }
        if (d.empty()) continue;
        const auto st = core::summarise(d);
        const bool clear = st.n >= 2 && (st.ci_low > 0.0 || st.ci_high < 0.0);
        std::vector<io::Cell> row{sc.name, b.name, name, entity(b.reps.front(), s, i),
                                  u.unit == "%" ? std::string("percentage points") : u.unit,
                                  s.kind == "flow" ? "total" : "at the end"};
        summary_cells(row, d, u);
        row.emplace_back(clear ? "yes" : "no");
        t.rows.push_back(std::move(row));
      }
    }
  }
  return t;
}

}  // namespace

std::vector<io::Sheet> export_tables(const ExportOptions& o) {
  const auto all = read_folder(o.folder);
  std::size_t base = 0;
  if (!o.baseline.empty()) {
    std::string names;
    bool found = false;
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (all[i].name == o.baseline) {
        base = i;
        found = true;
      }
      names += (i ? ", " : "") + all[i].name;
    }
    if (!found) throw std::runtime_error("--baseline " + o.baseline + ": expected one of the scenarios in " + o.folder + " (" + names + ")");
  }
  io::Sheet about{"about", {"item", "value"}, {}};
  about.rows.push_back({"folder", o.folder});
  about.rows.push_back({"baseline", all[base].name});
  for (const auto& sc : all)
    about.rows.push_back({"scenario " + sc.name, std::to_string(sc.reps.size()) + " replication(s), starting " + sc.reps.front().start_date});
  about.rows.push_back({"intervals", "95% across replications (Student's t); paired differences pair replication i of "
                                     "each scenario with replication i of the baseline (common random numbers)"});
  about.rows.push_back({"units", "shares are percentages (%); flows are totals over the run, stocks the value at the end"});
  about.rows.push_back({"day", "days since the scenario's start date"});
  return {time_series(all), paired_differences(all, base), about};
}

}  // namespace icsim::app

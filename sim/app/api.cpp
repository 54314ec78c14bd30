// The public API (icsim.hpp) over the app, scenario, model and io layers.
#include "icsim.hpp"

#include <algorithm>
#include <cmath>

#include "app/replication.hpp"
#include "app/run.hpp"
#include "core/parallel.hpp"
#include "io/h5.hpp"
#include "model/model.hpp"
#include "scenario/scenario.hpp"

namespace icsim {

struct Scenario::Impl {
  scenario::Scenario sc;
};

namespace {

std::vector<scenario::Override> overrides(const std::vector<std::string>& set) {
  std::vector<scenario::Override> o;
  try {
    for (const auto& s : set) o.push_back(scenario::parse_override(s));
  } catch (const scenario::Error& e) {
    throw Error(e.what());
  }
  return o;
}

template <class F>
Scenario::Impl loaded(F&& load) {
  try {
    return Scenario::Impl{load()};
  } catch (const scenario::Error& e) {
    throw Error(e.what());
  }
}

std::size_t observable_index(const std::string& name) {
  const auto& all = model::observables();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].name == name) return i;
  }
  throw Error("unknown observable '" + name + "' (icsim observables lists them)");
}

Series series_of(std::size_t o, const model::Config& c) {
  const auto& info = model::observables()[o];
  Series s;
  s.name = std::string(info.name);
  s.unit = std::string(info.unit);
  s.kind = std::string(model::kind_name(info.kind));
  auto [axes, shape] = app::detail::axes_of(info.axes, c);
  s.axes = axes;
  for (std::size_t k = 0; k < axes.size(); ++k) {
    s.shape.push_back(static_cast<std::size_t>(shape[k]));
    s.labels.push_back(app::detail::axis_scale(axes[k], s.shape.back(), c).labels);
  }
  return s;
}

void append(Series& s, std::size_t o, const model::Sample& sample) {
  s.step.push_back(sample.step);
  if (model::observables()[o].integer) {
    for (auto x : sample.counts[o]) s.values.push_back(static_cast<double>(x));
  } else {
    s.values.insert(s.values.end(), sample.values[o].begin(), sample.values[o].end());
  }
}

}  // namespace

Scenario Scenario::load(const std::string& path, const std::vector<std::string>& set) {
  const auto o = overrides(set);
  return Scenario(std::make_shared<const Impl>(loaded([&] { return scenario::load_file(path, o); })));
}

Scenario Scenario::parse(const std::string& toml, const std::string& source, const std::vector<std::string>& set) {
  const auto o = overrides(set);
  return Scenario(std::make_shared<const Impl>(loaded([&] { return scenario::load_text(toml, source, o); })));
}

Scenario Scenario::builtin(const std::vector<std::string>& set) {
  const auto o = overrides(set);
  return Scenario(std::make_shared<const Impl>(loaded([&] { return scenario::load_default(o); })));
}

std::string Scenario::name() const { return impl_->sc.config.run.name; }
int Scenario::days() const { return impl_->sc.config.run.days; }
int Scenario::replications() const { return impl_->sc.config.run.replications; }
std::uint64_t Scenario::seed() const { return static_cast<std::uint64_t>(impl_->sc.config.run.seed); }
std::vector<std::string> Scenario::warnings() const {
  std::vector<std::string> out;
  for (const auto& w : impl_->sc.warnings) out.push_back(w.text());
  return out;
}

double Series::at(std::size_t t, std::size_t k) const {
  std::size_t width = 1;
  for (auto n : shape) width *= n;
  return values.at(t * width + k);
}

RunResult run(const Scenario& s, const RunOptions& options) {
  core::ThreadLimit limit(options.threads);
  app::BatchOptions b;
  b.out_dir = options.out_dir;
  b.force = options.force;
  b.command_line = "icsim::run (C++ API)";
  std::vector<app::ScenarioResult> results;
  try {
    results = app::run_batch({s.impl().sc}, b);
  } catch (const app::OutputExists& e) {
    throw Error(e.what());
  }
  RunResult r;
  r.scenario = s.name();
  for (const auto& rep : results.at(0).replications) {
    if (rep.ok) {
      r.files.push_back(rep.file);
    } else {
      r.errors.push_back("replication " + std::to_string(rep.replication) + ": " + rep.error);
    }
  }
  return r;
}

std::vector<Series> simulate(const Scenario& s, int replication, const std::vector<std::string>& observables) {
  const auto& sc = s.impl().sc;
  std::vector<std::size_t> chosen;
  for (const auto& n : observables) chosen.push_back(observable_index(n));
  if (observables.empty()) chosen = sc.output.observables;
  std::sort(chosen.begin(), chosen.end());
  std::vector<Series> out;
  for (std::size_t o : chosen) out.push_back(series_of(o, sc.config));
  model::Model m(sc.config, static_cast<std::uint64_t>(replication));
  for (std::size_t k = 0; k < chosen.size(); ++k) append(out[k], chosen[k], m.sample());
  while (!m.finished()) {
    m.step();
    if (!m.has_new_sample()) continue;
    for (std::size_t k = 0; k < chosen.size(); ++k) append(out[k], chosen[k], m.sample());
  }
  return out;
}

Series read_series(const std::string& file, const std::string& observable) {
  try {
    const io::h5::Handle f = io::h5::open_file_read(file);
    const std::string g = "/observables/" + observable;
    if (!io::h5::exists(f.id(), g)) throw Error(file + ": has no observable '" + observable + "'");
    Series s;
    s.name = observable;
    const io::h5::Handle group = io::h5::open_group(f.id(), g);
    const io::h5::Handle value = io::h5::open_dataset(group.id(), "value");
    s.unit = io::h5::attr_string(value.id(), "unit");
    s.kind = io::h5::attr_string(group.id(), "kind");
    std::vector<hsize_t> dims;
    s.values = io::h5::read_doubles(group.id(), "value", &dims);
    s.step = io::h5::read_ints(group.id(), "step");
    const std::string axes = io::h5::attr_string(group.id(), "axes");
    std::size_t at = axes.find(',');
    for (std::size_t k = 1; k < dims.size(); ++k) {
      const auto next = axes.find(',', at + 1);
      s.axes.push_back(axes.substr(at + 2, next == std::string::npos ? std::string::npos : next - at - 2));
      at = next;
      s.shape.push_back(static_cast<std::size_t>(dims[k]));
    }
    for (std::size_t k = 1; k < dims.size(); ++k) {
      // The dimension scale of axis k: its name is the axis's, or the second name of a repeat.
      const auto& a = s.axes[k - 1];
      const std::string name = (k == 2 && a == s.axes[0]) ? (a == "organisation" ? "destination" : a + "_2") : a;
      s.labels.push_back(io::h5::exists(group.id(), name) ? io::h5::read_strings(group.id(), name) : std::vector<std::string>{});
    }
    return s;
  } catch (const io::h5::Error& e) {
    throw Error(file + ": " + e.what());
  }
}

std::vector<std::string> observable_names() {
  std::vector<std::string> out;
  for (const auto& o : model::observables()) out.emplace_back(o.name);
  return out;
}

}  // namespace icsim

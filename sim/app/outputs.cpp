// A replication's output file apart from the axes and events: provenance attributes, the
// observables' series, the monthly trust matrix and the headline.
#include <cmath>

#include "app/replication.hpp"
#include "core/version.hpp"
#include "io/h5.hpp"

namespace icsim::app::detail {

std::vector<io::Attr> parameter_attributes(const scenario::Scenario& sc, int replication) {
  const auto& c = sc.config;
  std::string overrides;
  for (const auto& o : sc.overrides) overrides += (overrides.empty() ? "" : "\n") + o;
  return {
      {"scenario_name", c.run.name},
      {"scenario_description", c.run.description},
      {"scenario_source", sc.source},
      {"scenario_text", sc.text},
      {"scenario_resolved", sc.resolved_text},
      {"overrides", overrides},
      {"seed", static_cast<std::int64_t>(c.run.seed)},
      {"replication", static_cast<std::int64_t>(replication)},
      {"replications", static_cast<std::int64_t>(c.run.replications)},
      {"start_date", c.run.start_date.iso()},
      {"days", static_cast<std::int64_t>(c.run.days)},
      {"output_interval_days", static_cast<std::int64_t>(c.output.interval_days)},
      {"icsim_version", std::string(version())},
      {"git_revision", std::string(git_revision())},
      {"build_type", std::string(build_type())},
      {"compiler", std::string(compiler())},
      {"library_versions",
       std::string(dependency_versions()) + "; hdf5 runtime " + io::h5::library_version()},
      {"random_generator", std::string("Philox4x64-10 (Random123) driving Boost.Random")},
  };
}

ObservableWriter::ObservableWriter(io::RunFile& f, const scenario::Scenario& sc) {
  for (std::size_t o : sc.output.observables) {
    const auto& info = model::observables()[o];
    auto [axes, shape] = axes_of(info.axes, sc.config);
    // An axis of length zero (no collaboratives) has nothing to record.
    if (std::find(shape.begin(), shape.end(), hsize_t{0}) != shape.end()) continue;
    io::SeriesSpec spec;
    spec.name = std::string(info.name);
    spec.unit = std::string(info.unit);
    spec.kind = std::string(model::kind_name(info.kind));
    spec.description = std::string(info.description);
    spec.integer = info.integer;
    for (std::size_t k = 0; k < axes.size(); ++k) spec.scales.push_back(axis_scale(axes[k], shape[k], sc.config));
    // Origin-destination matrices: the second organisation axis is the destination.
    if (axes.size() == 2 && axes[0] == axes[1]) spec.dims = {axes[0], axes[0] == "organisation" ? "destination" : axes[1] + "_2"};
    spec.axes = std::move(axes);
    spec.shape = std::move(shape);
    series.emplace_back(o, f.add_series(spec));
  }
}

void ObservableWriter::write(io::RunFile& f, const model::Sample& s) const {
  for (const auto& [o, idx] : series) {
    const auto i = static_cast<std::size_t>(o);
    if (model::observables()[i].integer) {
      f.append(idx, s.step, s.step, std::span<const std::int64_t>(s.counts[i]));
    } else {
      f.append(idx, s.step, s.step, std::span<const double>(s.values[i]));
    }
  }
}

RelationshipWriter::RelationshipWriter(io::RunFile& f, const model::Config& c, std::size_t organisations)
    : n(organisations) {
  io::SeriesSpec spec;
  spec.group = "/relationships";
  spec.name = "trust";
  spec.unit = "1";
  spec.kind = "stock";
  spec.description = "Trust of the row organisation in the column organisation, (r + 1) / "
                     "(r + s + 2), at the end of each calendar month; NaN for pairs that do not "
                     "interact";
  spec.axes = {"organisation", "organisation"};
  spec.shape = {static_cast<hsize_t>(n), static_cast<hsize_t>(n)};
  spec.dims = {"organisation", "partner"};
  io::Scale partner = axis_scale("organisation", n, c);
  spec.scales = {partner, partner};
  spec.scales[1].name = "partner";
  series = f.add_series(spec);
}

void RelationshipWriter::write(io::RunFile& f, const model::Model& m, std::int64_t step) const {
  const auto& rel = m.relationships();
  std::vector<double> row(n * n, std::nan(""));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      if (i != j && rel.interacts(i, j)) row[i * n + j] = rel.trust(i, j);
    }
  }
  f.append(series, step, static_cast<double>(step), std::span<const double>(row));
}

namespace {
/// Per specialty (lists are organisation x specialty: summed over organisations), quintile and place.
void breakdowns(const model::Sample& s, Headline& h) {
  auto doubles = [](const std::vector<std::int64_t>& xs) { return std::vector<double>(xs.begin(), xs.end()); };
  const auto& list = s.ints("waiting_list");
  const auto& over = s.ints("over_52_weeks");
  const std::size_t S = s.reals("variation_median_range").size();
  h.specialty_list.assign(S, 0.0);
  h.specialty_over_52.assign(S, 0.0);
  for (std::size_t i = 0; S && i < list.size(); ++i) {
    h.specialty_list[i % S] += static_cast<double>(list[i]);
    h.specialty_over_52[i % S] += static_cast<double>(over[i]);
  }
  h.quintile_list = doubles(s.ints("quintile_waiting_list"));
  h.quintile_median = s.reals("quintile_wait_median_weeks");
  h.quintile_within_18 = s.reals("quintile_within_18_weeks");
  h.quintile_over_52 = doubles(s.ints("quintile_over_52_weeks"));
  h.place_list = doubles(s.ints("place_waiting_list"));
  h.place_median = s.reals("place_wait_median_weeks");
  h.place_within_18 = s.reals("place_within_18_weeks");
}
}  // namespace

Headline headline_of(const model::Sample& s) {
  auto c = [&](std::string_view name) -> const std::vector<std::int64_t>& { return s.ints(name); };
  auto v = [&](std::string_view name) -> const std::vector<double>& { return s.reals(name); };
  Headline h;
  for (auto x : c("trust_waiting_list")) h.trust_list.push_back(static_cast<double>(x));
  h.trust_median = v("trust_wait_median_weeks");
  h.trust_within_18 = v("trust_within_18_weeks");
  for (auto x : c("trust_over_52_weeks")) h.trust_over_52.push_back(static_cast<double>(x));
  h.list = static_cast<double>(c("system_waiting_list")[0]);
  h.median = v("system_wait_median_weeks")[0];
  h.within_18 = v("system_within_18_weeks")[0];
  h.over_52 = static_cast<double>(c("system_over_52_weeks")[0]);
  h.trust_median_range = v("variation_trust_median_range")[0];
  auto mean_of = [](const std::vector<double>& xs) {
    double sum = 0.0;
    int n = 0;
    for (double x : xs) {
      if (std::isfinite(x)) {
        sum += x;
        ++n;
      }
    }
    return n ? sum / n : std::nan("");
  };
  h.mean_trust = v("mean_trust")[0];
  h.cohesion = mean_of(v("collaborative_cohesion"));
  h.programme_scale = mean_of(v("programme_scale"));
  h.longest_trust_median = std::nan("");
  for (double m : h.trust_median) {
    if (std::isfinite(m) && !(m <= h.longest_trust_median)) h.longest_trust_median = m;
  }
  breakdowns(s, h);
  return h;
}

void Totals::add(const model::Sample& s) {
  const auto counts = [&](std::string_view name) -> const std::vector<std::int64_t>& { return s.ints(name); };
  treated += counts("system_treated")[0];
  for (auto x : counts("transfers_in")) transfers += x;
  for (auto x : counts("cancelled_electives")) cancelled += x;
  for (auto x : counts("opel4_days")) opel4 += x;
  for (auto x : s.reals("out_of_area_bed_days")) out_of_area += x;
}

}  // namespace icsim::app::detail

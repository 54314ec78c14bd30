// Warnings: values a scenario may hold that are probably not what its writer meant. They do
// not stop a run; they are printed with the file and line (icsim validate, icsim run).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>

#include "scenario/validate.hpp"

namespace icsim::scenario::detail {
namespace {

std::string num(double x, const char* f = "%.3g") {
  char buf[32];
  std::snprintf(buf, sizeof buf, f, x);
  return buf;
}

Warning warning_at(const Ctx& c, const toml::value& root, const std::string& path, std::string message) {
  const Located at = locate(root, path);
  Warning w;
  w.file = file_of(c, *at.node);
  w.line = line_of(*at.node);
  w.key = path;
  if (at.found && !at.node->is_table()) w.value = show(*at.node);
  w.message = std::move(message);
  return w;
}

std::string entry(const char* collection, const std::string& id) { return std::string(collection) + "[" + id + "]"; }

/// Walks the document with its schema, calling f(value, field, path) on every value.
template <class F>
void walk(const toml::value& t, const TableSpec& spec, const std::string& path, F&& f) {
  if (!t.is_table()) return;
  for (const auto& [k, v] : t.as_table()) {
    const Field* field = spec.find(k);
    if (!field) continue;
    const std::string p = path.empty() ? k : path + "." + k;
    switch (field->type) {
      case Type::table: walk(v, *field->table, p, f); break;
      case Type::table_array: {
        if (!v.is_array()) break;
        const auto& a = v.as_array();
        for (std::size_t i = 0; i < a.size(); ++i) {
          std::string sel = std::to_string(i);
          if (a[i].is_table() && a[i].as_table().count("id") && a[i].as_table().at("id").is_string())
            sel = a[i].as_table().at("id").as_string().str;
          walk(a[i], *field->table, p + "[" + sel + "]", f);
        }
        break;
      }
      case Type::map:
        if (field->value_type == Type::table && v.is_table()) {
          for (const auto& [mk, mv] : v.as_table()) walk(mv, *field->table, p + "." + mk, f);
        }
        break;
      default: f(v, *field, p);
    }
  }
}

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

/// Shares and occupancies are fractions: 95 is 95%, written 0.95.
void percentages(const toml::value& root, const Ctx& c, std::vector<Warning>& out) {
  walk(root, registry(), "", [&](const toml::value& v, const Field& f, const std::string& path) {
    if (f.unit != "1" || !(contains(f.key, "share") || contains(f.key, "occupancy") || contains(f.key, "threshold")))
      return;
    auto big = [](const toml::value& x) { return (x.is_floating() || x.is_integer()) && Reader::real(x) > 1.0; };
    bool any = big(v);
    if (v.is_array()) any = std::any_of(v.as_array().begin(), v.as_array().end(), big);
    if (any) {
      out.push_back(warning_at(c, root, path,
                               "looks like a percentage: shares and occupancies are fractions (0.95 means 95%); "
                               "above 1, this may never be reached"));
    }
  });
}

/// Days (numbers or dates) on which something starts after the run has ended.
void after_the_run(const model::Config& cfg, const toml::value& root, const Ctx& c, std::vector<Warning>& out) {
  walk(root, registry(), "", [&](const toml::value& v, const Field& f, const std::string& path) {
    if (f.unit != "day" || f.key == "stop_day" || f.key == "end_day") return;
    if (!v.is_integer() && !v.is_local_date()) return;
    const std::int64_t day = v.is_integer() ? v.as_integer() : c.ids.day_of(v.as_local_date());
    if (day >= cfg.run.days) {
      out.push_back(warning_at(c, root, path,
                               "day " + std::to_string(day) + " is after the run ends (scenario.days = " +
                                   std::to_string(cfg.run.days) + ": days 0 to " + std::to_string(cfg.run.days - 1) +
                                   "), so it never happens"));
    }
  });
}

/// Referrals reaching each list at the start (each place's go to the nearest trust offering
/// the specialty, as model::World routes them) over its capacity per calendar day.
void load(const model::Config& cfg, const toml::value& root, const Ctx& c, std::vector<Warning>& out) {
  const std::size_t S = cfg.specialties.size(), T = cfg.trusts.size();
  std::vector<double> demand(T * S, 0.0);
  for (const auto& place : cfg.places) {
    for (std::size_t s = 0; s < S; ++s) {
      int best = -1;
      double best_km = 0.0;
      for (std::size_t t = 0; t < T; ++t) {
        if (cfg.trusts[t].capacity[s] <= 0.0) continue;
        const double km = model::distance_km(place.location, cfg.trust_location(t));
        if (best < 0 || km < best_km) {
          best = static_cast<int>(t);
          best_km = km;
        }
      }
      if (best >= 0)
        demand[static_cast<std::size_t>(best) * S + s] +=
            static_cast<double>(place.population) * cfg.specialties[s].referral_rate / 1000.0 / 365.0;
    }
  }
  const double working = cfg.run.working_days_per_week / 7.0;
  for (std::size_t t = 0; t < T; ++t) {
    for (std::size_t s = 0; s < S; ++s) {
      const double cap = cfg.trusts[t].capacity[s];
      if (cap <= 0.0) continue;
      const double ratio = demand[t * S + s] / (cap * working);
      if (ratio >= 0.5 && ratio <= 1.5) continue;
      std::string why = "demand / capacity at the start is " + num(ratio, "%.2f") + " (referrals " +
                        num(demand[t * S + s], "%.1f") + " a day from the places nearest to it; capacity " +
                        num(cap * working, "%.1f") + " a day), outside [0.5, 1.5]";
      why += ratio < 0.5 ? (ratio == 0.0 ? ": no place sends its referrals here (another trust is nearer)"
                                         : ": is the capacity per week or per year rather than per working day?")
                         : ": is the capacity per working day, and the referral rate per 1000 people a year?";
      out.push_back(warning_at(c, root, entry("trust", cfg.trusts[t].id) + ".capacity." + cfg.specialties[s].id, why));
    }
  }
}

/// A vertical collaborative works within a place: a shared list or pact of one whose members
/// are all in different places can move no one.
void out_of_reach(const model::Config& cfg, const toml::value& root, const Ctx& c, std::vector<Warning>& out) {
  for (std::size_t k = 0; k < cfg.collaboratives.size(); ++k) {
    const auto& col = cfg.collaboratives[k];
    if (col.kind != model::CollaborativeKind::vertical) continue;
    bool paired = false;
    for (std::size_t i = 0; i < col.members.size() && !paired; ++i) {
      for (std::size_t j = i + 1; j < col.members.size() && !paired; ++j)
        paired = cfg.within_reach(k, col.members[i], col.members[j]);
    }
    for (std::size_t q = 0; q < col.programmes.size() && !paired; ++q) {
      const auto t = col.programmes[q].type;
      if (t != model::ProgrammeType::shared_waiting_list && t != model::ProgrammeType::mutual_aid_pact) continue;
      out.push_back(warning_at(c, root, entry("collaborative", col.id) + ".kind",
                               "vertical: programmes move patients and lend beds only between members in the same "
                               "place, and no two members share a place, so programme[" + std::to_string(q) +
                                   "] can move no one (horizontal or hybrid works across places)"));
    }
  }
}

void organisations(const model::Config& cfg, const toml::value& root, const Ctx& c, std::vector<Warning>& out) {
  out_of_reach(cfg, root, c, out);
  for (const auto& col : cfg.collaboratives) {
    if (col.members.size() == 1) {
      out.push_back(warning_at(c, root, entry("collaborative", col.id) + ".members",
                               "one member: a collaborative of one trust has no one to pool, vote or share with"));
    }
  }
  for (std::size_t t = 0; t < cfg.trusts.size(); ++t) {
    const auto& tr = cfg.trusts[t];
    const int ti = static_cast<int>(t);
    auto in = [ti](const std::vector<int>& xs) { return std::find(xs.begin(), xs.end(), ti) != xs.end(); };
    const bool capacity = std::any_of(tr.capacity.begin(), tr.capacity.end(), [](double x) { return x > 0.0; });
    const bool member = std::any_of(cfg.collaboratives.begin(), cfg.collaboratives.end(),
                                    [&](const auto& col) { return in(col.members) || in(col.candidates); }) ||
                        std::any_of(cfg.partnerships.begin(), cfg.partnerships.end(),
                                    [&](const auto& pp) { return in(pp.members); });
    if (!capacity && tr.beds == 0 && !member) {
      out.push_back(warning_at(c, root, entry("trust", tr.id),
                               "no elective capacity, no beds and in no collaborative or partnership: this trust "
                               "takes no part in the run"));
    }
  }
}

void replications(const model::Config& cfg, const toml::value& root, const Ctx& c, std::vector<Warning>& out) {
  if (cfg.run.replications >= 5) return;
  const bool written = locate(root, "scenario.replications").found;
  out.push_back(warning_at(c, root, written ? "scenario.replications" : "scenario",
                           "fewer than 5 replications: 95% intervals from so few are very wide (at 2 the mean "
                           "+- 12.7 standard errors); use 5 or more (20 by default) for comparisons"));
}

template <std::size_t N>
void normalise(std::array<double, N>& shares, const std::string& path, const toml::value& root, const Ctx& c,
               std::vector<Warning>& out) {
  double sum = 0.0;
  for (double x : shares) sum += x;
  const double gap = std::abs(sum - 1.0);
  if (gap <= 1e-6 || gap > 0.005 || sum <= 0.0) return;
  for (double& x : shares) x /= sum;
  out.push_back(warning_at(c, root, path, "shares sum to " + num(sum, "%.6g") + ", within 0.005 of 1 (rounded?): "
                                              "scaled to sum to 1"));
}

}  // namespace

void normalise_shares(model::Config& cfg, const toml::value& root, const Ctx& c, std::vector<Warning>& out) {
  for (auto& p : cfg.places) normalise(p.deprivation, entry("place", p.id) + ".deprivation", root, c, out);
  for (auto& s : cfg.specialties) normalise(s.priority_mix, entry("specialty", s.id) + ".priority_mix", root, c, out);
}

void find_warnings(const model::Config& cfg, const toml::value& root, const Ctx& c, std::vector<Warning>& out) {
  load(cfg, root, c, out);
  percentages(root, c, out);
  after_the_run(cfg, root, c, out);
  organisations(cfg, root, c, out);
  replications(cfg, root, c, out);
  std::stable_sort(out.begin(), out.end(),
                   [](const Warning& a, const Warning& b) { return std::tie(a.file, a.line) < std::tie(b.file, b.line); });
}

}  // namespace icsim::scenario::detail

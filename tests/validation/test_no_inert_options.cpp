// No inert option (issue 13): every behavioural parameter and option, taken from the one
// declaration of the scenario schema (Config::fields), is perturbed in systems built in code that
// use it, and some output must change. A visitor walks the config as the scenario reader does,
// collecting every value with its declared range; each is perturbed in turn (numbers by half
// their value within their range, an integer by one, a flag flipped, a choice moved to the next),
// the model run for a year, and a digest of every sample compared with the unperturbed run's.
// A parameter passes if it changes the outputs of at least one system where it is present and the
// perturbed config is valid. Keys that describe rather than behave (ids, names, descriptions,
// output settings) are left out by name; the few known to be inert are listed with the reason
// and the issue that will give them an effect — the list may only shrink.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <iostream>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/run.hpp"
#include "common/systems.hpp"
#include "core/hash.hpp"
#include "core/params.hpp"
#include "model/config.hpp"
#include "model/model.hpp"

namespace icsim {
namespace {

/// One value the schema declares, with a way to perturb it (after its setters ran).
struct Target {
  std::string path;  ///< e.g. collaborative[0].decision_rule
  core::Param param;
  std::function<bool(const core::Param&, int)> perturb;  ///< the attempt-th change; false: none left
};

/// The attempt-th change of x within its declared range (x itself when there is none).
double nudged(double x, const core::Param& p, bool integer, int attempt) {
  auto inside = [&](double v) {
    if (p.min && (p.min_open ? v <= *p.min : v < *p.min)) return false;
    if (p.max && (p.max_open ? v >= *p.max : v > *p.max)) return false;
    return true;
  };
  std::vector<double> tries;
  if (integer) {
    tries = {x + 1, x - 1, x + 30, x * 2};
  } else if (x != 0.0) {
    tries = {x * 1.5, x * 0.5, x * 1.1, x * 0.9, x * 3.0, x * 0.1};
  } else {
    tries = {0.5, 0.1, 1.0, 0.01, 5.0};
  }
  int k = 0;
  for (double v : tries) {
    if (inside(v) && k++ == attempt) return v;
  }
  return x;
}

class Collector {
 public:
  Collector(std::deque<Target>& out, std::string path = {}) : out_(out), path_(std::move(path)) {}

  core::Param& param(bool& x, const std::string& key) {
    return add(key, [&x](const core::Param&, int a) { return a == 0 ? (x = !x, true) : false; });
  }
  core::Param& param(std::string& /*x*/, const std::string& key) { return none(key); }
  core::Param& param(core::Date& x, const std::string& key) {
    return add(key, [&x](const core::Param&, int a) {
      if (a > 0) return false;
      x = core::Date{x.year, x.month == 12 ? 1 : x.month + 1, std::min(x.day, 28u)};
      return true;
    });
  }
  core::Param& param(double& x, const std::string& key) {
    return add(key, [&x](const core::Param& p, int a) {
      const double v = nudged(x, p, false, a);
      return v != x ? (x = v, true) : false;
    });
  }
  template <class I>
    requires(std::is_integral_v<I> && !std::is_same_v<I, bool>)
  core::Param& param(I& x, const std::string& key) {
    return add(key, [&x](const core::Param& p, int a) {
      const double v = nudged(static_cast<double>(x), p, true, a);
      return v != static_cast<double>(x) ? (x = static_cast<I>(v), true) : false;
    });
  }
  template <std::size_t N>
  core::Param& param(std::array<double, N>& x, const std::string& key) {
    return add(key, [&x](const core::Param& p, int a) { return change_all(x, p, a); });
  }
  template <core::ArrayParam T>
  core::Param& param(T& x, const std::string& key) {
    return add(key, [&x](const core::Param& p, int at) {
      auto a = x.to_array();
      const bool changed = change_all(a, p, at);
      x = T::from_array(a);
      return changed;
    });
  }
  core::Param& param(std::vector<double>& x, const std::string& key) {
    return add(key, [&x](const core::Param& p, int a) { return change_all(x, p, a); });
  }
  core::Param& param(std::vector<int>& x, const std::string& key) {
    return add(key, [&x](const core::Param&, int a) {
      for (int& v : x) ++v;
      return a == 0 && !x.empty();
    });
  }
  core::Param& param(std::vector<std::string>& /*x*/, const std::string& key) { return none(key); }
  core::Param& param(std::vector<core::Date>& /*x*/, const std::string& key) { return none(key); }
  template <class T>
  core::Param& param(std::optional<T>& x, const std::string& key) {
    if (x) return param(*x, key);
    return none(key);
  }
  template <class E, std::size_t N>
  core::Param& choice(E& x, const std::string& key, const std::array<const char*, N>& /*names*/) {
    return add(key, [&x](const core::Param&, int a) {
      // The attempt-th other choice.
      if (static_cast<std::size_t>(a) + 1 >= N) return false;
      x = static_cast<E>((static_cast<std::size_t>(x) + 1 + static_cast<std::size_t>(a)) % N);
      return true;
    });
  }
  core::Param& ref(int& /*x*/, const std::string& key, const std::string& /*c*/) { return none(key); }
  core::Param& refs(std::vector<int>& /*x*/, const std::string& key, const std::string& /*c*/) { return none(key); }
  core::Param& map(std::vector<double>& x, const std::string& key, const std::string& /*c*/) {
    return param(x, key);
  }
  template <class T>
  core::Param& map(std::vector<T>& x, const std::string& key, const std::string& /*c*/, const std::string& /*d*/) {
    return each(x, key);
  }
  template <class T>
  core::Param& table(T& x, const std::string& key, const std::string& /*d*/) {
    Collector sub(out_, join(key));
    x.fields(sub);
    return none(key);
  }
  template <class T>
  core::Param& tables(std::vector<T>& x, const std::string& key, const std::string& /*d*/) {
    return each(x, key);
  }
  template <class F>
  core::Param& group(const std::string& key, const std::string& /*d*/, F&& declare) {
    Collector sub(out_, join(key));
    declare(sub);
    return none(key);
  }
  core::Param& accept(const std::string& key, core::ParamType /*t*/) { return none(key); }

 private:
  /// Attempts 0-5 nudge every element; then shares are moved between the first two elements
  /// (keeping their sum: shares that must sum to 1).
  template <class A>
  static bool change_all(A& a, const core::Param& p, int attempt) {
    bool changed = false;
    if (attempt < 6) {
      for (double& v : a) {
        const double n = nudged(v, p, false, attempt);
        changed |= n != v;
        v = n;
      }
      return changed;
    }
    if (attempt > 6 || a.size() < 2) return false;
    const double moved = 0.5 * a[0];
    a[0] -= moved;
    a[1] += moved;
    return moved != 0.0;
  }
  [[nodiscard]] std::string join(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  core::Param& add(const std::string& key, std::function<bool(const core::Param&, int)> f) {
    out_.push_back({join(key), {}, std::move(f)});
    return out_.back().param;
  }
  core::Param& none(const std::string& key) { return add(key, nullptr); }
  template <class T>
  core::Param& each(std::vector<T>& x, const std::string& key) {
    for (std::size_t i = 0; i < x.size(); ++i) {
      Collector sub(out_, join(key) + "[" + std::to_string(i) + "]");
      x[i].fields(sub);
    }
    return none(key);
  }

  std::deque<Target>& out_;
  std::string path_;
};

std::deque<Target> targets(model::Config& c) {
  std::deque<Target> t;
  Collector v(t);
  c.fields(v);
  return t;
}

std::uint64_t digest(const model::Config& c) {
  auto r = test::run_to_end(c, 0);
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&](const void* p, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 1099511628211ull;
  };
  for (const auto& s : r.samples) {
    for (std::size_t o = 0; o < model::observables().size(); ++o) {
      if (model::observables()[o].integer) {
        const auto& v = s.ints(model::observables()[o].name);
        mix(v.data(), v.size() * sizeof(v[0]));
      } else {
        for (double x : s.reals(model::observables()[o].name)) {
          const double y = std::isnan(x) ? -12345.678 : x;
          mix(&y, sizeof y);
        }
      }
    }
  }
  return h;
}

/// The key without entry indices: collaborative[0].programme[1].scale_step -> collaborative.programme.scale_step
std::string generic(const std::string& path) {
  std::string out;
  bool skip = false;
  for (char ch : path) {
    if (ch == '[') skip = true;
    if (!skip) out += ch;
    if (ch == ']') skip = false;
  }
  return out;
}

/// Keys that describe rather than behave, or set what is written rather than what happens.
bool descriptive(const std::string& key) {
  static const std::set<std::string> keys = {
      "scenario.name", "scenario.description", "scenario.replications", "scenario.seed", "output.interval_days",
      "output.observables", "output.compression"};
  if (keys.count(key)) return true;
  const auto last = key.substr(key.rfind('.') + 1);
  return last == "id" || last == "name" || last == "description";
}

/// Known to be inert, with the reason and what will give them an effect. May only shrink.
const std::map<std::string, std::string>& known_inert() {
  static const std::map<std::string, std::string> m = {
      {"governance.wait_floor_weeks", "a guard: the smallest mean wait a shared list's relative gain is measured "
                                      "against; it binds only where a shared list's mean wait is under it (4 weeks)"},
      {"urgent.absence_cap", "a bound on staff absence (0.95); it binds only where absence would exceed it"},
  };
  return m;
}

struct System {
  const char* name;
  model::Config config;
  std::string only;  ///< only keys starting with this (empty: all)
};

std::vector<System> systems() {
  std::vector<System> out;
  auto collab = test::collaboration_system(365);
  out.push_back({"collaboration", collab, ""});
  auto learning = collab;
  learning.strategy_mixes.push_back({"*", {"tit_for_tat", "generous_tit_for_tat", "win_stay_lose_shift", "free_rider"},
                                     {0.25, 0.25, 0.25, 0.25}});
  learning.strategies.learning_rate = 0.3;
  learning.relationships.observe_base = 0.5;
  learning.relationships.judgement_noise = 0.1;
  learning.relationships.pledge_weight = 0.3;
  learning.relationships.turnover_hazard_per_year = 0.3;
  learning.turnover.push_back({100, "TA"});
  test::acute_history(learning, 1.0, 4.0);
  learning.outsourcing.budget_per_year = 6e6;
  out.push_back({"collaboration_learning", learning, ""});
  // Governance alternatives: a joint committee deciding by supermajority with a delegated budget,
  // a candidate member, and a transactional ICB; then patient-initiated moves and seasonality.
  auto governed = collab;
  auto& col = governed.collaboratives[0];
  col.governance = model::Governance::joint_committee;
  col.decision_rule = model::DecisionRule::supermajority;
  col.delegated_budget = 5e6;
  col.members = {0, 1, 2, 3};
  col.candidates = {4};
  col.entry_trust = 0.6;
  col.exit_trust = 0.7;
  governed.ics[0].commissioning = model::Commissioning::transactional;
  governed.ics[0].mediates = true;
  governed.priors.push_back({"TA", "TB", 2.0, 6.0, false});
  governed.run.days = 400;
  out.push_back({"collaboration_governed", governed, ""});
  // An active ICB: delegation earned at quarterly reviews and interventions (oversight keys only).
  auto active = governed;
  active.ics[0].delegation = model::Delegation::earned;
  active.ics[0].intervenes = true;
  out.push_back({"collaboration_active_icb", active, "oversight."});
  // Governance that evolves: deepening where trust is high, loosening and dissolving where it is
  // low, and a collaborative merged from the start (forms keys and the merged form's hours only).
  auto deepening = collab;
  deepening.run.days = 730;
  deepening.collaboratives[0].evolves = true;
  deepening.forms.deepen_months = 3;
  out.push_back({"collaboration_evolving", deepening, "forms."});
  auto loosening = deepening;
  loosening.collaboratives[0].governance = model::Governance::joint_committee;
  loosening.forms.loosen_months = 2;
  loosening.forms.dissolve_months = 3;
  test::acute_history(loosening, 1.0, 30.0);
  out.push_back({"collaboration_loosening", loosening, "forms."});
  auto fixed_form = loosening;
  fixed_form.collaboratives[0].evolves = false;
  out.push_back({"collaboration_fixed_form", fixed_form, "collaborative.evolves"});
  auto merged = collab;
  merged.collaboratives[0].governance = model::Governance::merged;
  out.push_back({"collaboration_merged", merged, "governance.hours_merged"});
  // Low trust over two years: programmes stop and are put to the vote again (governance keys only).
  auto stops = collab;
  stops.run.days = 730;
  test::acute_history(stops, 1.0, 6.0);
  out.push_back({"collaboration_stops", stops, "governance."});
  // Costs a little above the tariff under payment by activity: trusts run deficits, so financial
  // pressure acts on pledges, aid and releases (finance keys only).
  auto deficit = collab;
  deficit.finance.cost_ratio = 1.01;
  deficit.ics[0].commissioning = model::Commissioning::transactional;
  out.push_back({"collaboration_deficit", deficit, "finance."});
  auto moves = collab;
  moves.pidmas.enabled = true;
  moves.collaboratives[0].decision_rule = model::DecisionRule::gated;
  moves.specialties[0].seasonal_amplitude = 0.2;
  out.push_back({"collaboration_pidmas", moves, ""});
  // Productivity that varies, with a clinical standardisation programme that stops at day 200
  // (its gains then erode).
  auto productive = collab;
  productive.productivity.variation = 0.12;
  model::ProgrammeConfig standardise;
  standardise.type = model::ProgrammeType::clinical_standardisation;
  standardise.start_day = 0;
  standardise.stop_day = 200;
  standardise.initial_scale = 0.5;
  productive.collaboratives[0].programmes.push_back(standardise);
  out.push_back({"collaboration_productivity", productive, ""});
  auto urgent = test::urgent_system(365, true);
  urgent.discharge.delayed_share = 0.2;
  test::add_pandemic(urgent);
  test::add_incident(urgent);
  model::ShockConfig strike;
  strike.id = "strike";
  strike.type = model::ShockType::industrial_action;
  strike.start_day = 120;
  strike.end_day = 124;
  strike.elective_loss = 0.3;
  urgent.shocks.push_back(strike);
  out.push_back({"urgent", urgent, ""});
  auto narrow = test::urgent_system(365, false);
  test::add_pandemic(narrow);
  narrow.collaboratives[0].members = {0, 1};
  out.push_back({"urgent_narrow_collaborative", narrow, ""});
  out.push_back({"mental_health", test::mental_health_system(365, true), ""});
  // Initial lists as icsim calibrate writes them: waits by week and their own priority mix.
  auto calibrated = collab;
  for (auto& t : calibrated.trusts) {
    for (auto& l : t.initial) {
      l.weeks_waited = {30, 25, 20, 15, 10, 8, 6, 4, 3, 2, 1, 1};
      l.priority_mix = {0.1, 0.3, 0.6};
    }
  }
  out.push_back({"calibrated_initial_lists", calibrated, "trust.initial_list."});
  return out;
}

TEST(NoInertOption, EveryBehaviouralParameterChangesSomeOutput) {
  std::map<std::string, bool> changes;         // generic key -> changed somewhere
  std::map<std::string, std::string> invalid;  // generic key -> why its perturbation was refused everywhere
  std::size_t runs = 0;
  // Two passes: the first two attempts everywhere, then the remaining attempts only for keys no
  // system has shown an effect of yet.
  auto all = systems();
  for (int pass = 0; pass < 2; ++pass) {
    for (auto& sys : all) {
      const auto started = std::chrono::steady_clock::now();
      const std::size_t runs_before = runs;
      model::Config base = sys.config;
      model::normalise(base);
      const std::uint64_t reference = digest(base);
      const std::size_t n = targets(base).size();
      for (std::size_t k = 0; k < n; ++k) {
        const std::string key = generic(targets(base)[k].path);
        if (descriptive(key) || !targets(base)[k].perturb) continue;  // structure
        if (const auto it = changes.find(key); it != changes.end() && it->second) continue;  // shown already
        if (!sys.only.empty() && key.rfind(sys.only, 0) != 0) continue;
        changes.try_emplace(key, false);
        for (int attempt = pass == 0 ? 0 : 2; pass == 1 || attempt < 2; ++attempt) {
          model::Config c = base;
          auto t = targets(c);
          if (!t[k].perturb(t[k].param, attempt)) break;
          const auto issues = model::find_issues(c);
          if (!issues.empty()) {
            invalid.try_emplace(key, issues.front().path + ": " + issues.front().expected);
            continue;
          }
          ++runs;
          if (digest(c) != reference) {
            changes[key] = true;
            invalid.erase(key);
            break;
          }
        }
      }
      std::cout << "  pass " << pass << ", " << sys.name << ": " << runs - runs_before << " runs, "
                << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() << " s\n";
    }
  }
  std::vector<std::string> inert, fixed;
  for (const auto& [key, changed] : changes) {
    const bool listed = known_inert().count(key) > 0;
    if (!changed && !listed) {
      const auto why = invalid.find(key);
      inert.push_back(key + (why != invalid.end() ? "  (" + why->second + ")" : ""));
    }
    if (changed && listed) fixed.push_back(key);
  }
  std::ostringstream msg;
  for (const auto& k : inert) msg << "\n  " << k;
  EXPECT_TRUE(inert.empty()) << inert.size() << " of " << changes.size()
                             << " parameters changed no output in any system (" << runs << " runs):" << msg.str();
  std::ostringstream fx;
  for (const auto& k : fixed) fx << "\n  " << k;
  EXPECT_TRUE(fixed.empty()) << "now have an effect: take them off the known-inert list:" << fx.str();
}

}  // namespace
}  // namespace icsim

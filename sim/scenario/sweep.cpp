#include "scenario/sweep.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <toml.hpp>

#include "scenario/toml_guard.hpp"

namespace icsim::scenario {
namespace {

namespace fs = std::filesystem;

std::string show(const toml::value& v) {
  std::string s = toml::format(v);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s.size() > 60 ? s.substr(0, 57) + "..." : s;
}

[[noreturn]] void fail(const std::string& file, const toml::value& at, const std::string& key,
                       const std::string& expected) {
  throw Error(file, static_cast<int>(at.location().line()), key, show(at), expected);
}

void only_keys(const std::string& file, const toml::value& table, const std::string& where,
               const std::set<std::string>& keys) {
  for (const auto& [k, v] : table.as_table()) {
    if (!keys.count(k)) {
      std::string list;
      for (const auto& x : keys) list += (list.empty() ? "" : ", ") + x;
      fail(file, v, where + k, "a known key (" + list + ")");
    }
  }
}

const toml::value* lookup(const toml::value& t, const std::string& key) {
  const auto& tab = t.as_table();
  const auto it = tab.find(key);
  return it == tab.end() ? nullptr : &it->second;
}

int integer(const std::string& file, const toml::value& t, const std::string& key, const std::string& where,
            int def, int min) {
  const auto* v = lookup(t, key);
  if (!v) return def;
  if (!v->is_integer() || v->as_integer() < min) {
    fail(file, *v, where + key, "an integer >= " + std::to_string(min));
  }
  return static_cast<int>(v->as_integer());
}

double number(const std::string& file, const toml::value& v, const std::string& key) {
  if (v.is_integer()) return static_cast<double>(v.as_integer());
  if (v.is_floating()) return v.as_floating();
  fail(file, v, key, "a number");
}

bool valid_name(const std::string& s) {
  return !s.empty() && s.size() <= 200 && std::all_of(s.begin(), s.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-';
  });
}

std::string text(double x) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  std::string s = buf;
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";  // stays a float in TOML
  return s;
}

}  // namespace

Scenario sweep_point(const SweepSpec& spec, const std::vector<Override>& overrides) {
  std::vector<Override> all = overrides;
  if (spec.days) all.push_back({"scenario.days", std::to_string(*spec.days)});
  return spec.scenario.empty() ? load_default(all) : load_file(spec.scenario, all);
}

namespace {

/// The [sweep] table into s (everything but the parameters).
void read_sweep_table(const std::string& path, const toml::value& root, SweepSpec& s) {
  only_keys(path, root, "", {"sweep", "parameter"});
  const auto* sw = lookup(root, "sweep");
  if (!sw || !sw->is_table()) throw Error(path, 1, "sweep", "(missing)", "required, a [sweep] table");
  only_keys(path, *sw, "sweep.", {"name", "scenario", "design", "replications", "samples", "levels", "seed", "days"});
  const auto* name = lookup(*sw, "name");
  if (!name || !name->is_string() || name->as_string().str.empty()) {
    if (name) fail(path, *name, "sweep.name", "a non-empty string");
    throw Error(path, static_cast<int>(sw->location().line()), "sweep.name", "(missing)", "required, a non-empty string");
  }
  s.name = name->as_string().str;
  // The name is a folder of the output folder, which --force empties: no '/', '.' or '..'.
  if (!valid_name(s.name)) fail(path, *name, "sweep.name", "letters, digits, '_' or '-' (it names a folder)");
  if (const auto* sc = lookup(*sw, "scenario")) {
    if (!sc->is_string()) fail(path, *sc, "sweep.scenario", "a path to a scenario file, or \"default\"");
    const std::string p = sc->as_string().str;
    if (p != "default") {
      const fs::path full = fs::path(p).is_absolute() ? fs::path(p) : fs::path(path).parent_path() / p;
      if (!fs::is_regular_file(full)) fail(path, *sc, "sweep.scenario", "an existing scenario file (relative to the sweep file)");
      s.scenario = full.string();
    }
  }
  const auto* design = lookup(*sw, "design");
  if (!design) throw Error(path, static_cast<int>(sw->location().line()), "sweep.design", "(missing)",
                           "required, one of: list, grid, lhs, morris, saltelli");
  bool known = false;
  for (std::size_t i = 0; i < 5; ++i) {
    if (design->is_string() && design->as_string().str == kDesignNames[i]) {
      s.design = static_cast<Design>(i);
      known = true;
    }
  }
  if (!known) fail(path, *design, "sweep.design", "one of: list, grid, lhs, morris, saltelli");
  s.replications = integer(path, *sw, "replications", "sweep.", 1, 1);
  const bool sampled = s.design == Design::lhs || s.design == Design::morris || s.design == Design::saltelli;
  s.samples = integer(path, *sw, "samples", "sweep.", 0, sampled ? 1 : 0);
  if (sampled && !lookup(*sw, "samples")) {
    throw Error(path, static_cast<int>(sw->location().line()), "sweep.samples", "(missing)",
                "required for this design, an integer >= 1 (lhs: points; morris: trajectories; saltelli: base rows)");
  }
  s.levels = integer(path, *sw, "levels", "sweep.", 4, 2);
  s.seed = static_cast<std::uint64_t>(integer(path, *sw, "seed", "sweep.", 1, 0));
  if (lookup(*sw, "days")) s.days = integer(path, *sw, "days", "sweep.", 0, 1);
}

/// One [[parameter]] of the sweep: its path, and its values (list, grid) or range (the sampled
/// designs), each checked against the base scenario.
SweepParameter read_parameter(const std::string& path, const toml::value& pv, std::size_t k, const SweepSpec& s) {
  const bool sampled = s.design == Design::lhs || s.design == Design::morris || s.design == Design::saltelli;
  const std::string key = "parameter[" + std::to_string(k) + "].";
  if (!pv.is_table()) fail(path, pv, "parameter[" + std::to_string(k) + "]", "a table");
  only_keys(path, pv, key, {"path", "values", "min", "max", "integer"});
  SweepParameter p;
  p.line = static_cast<int>(pv.location().line());
  const auto* pp = lookup(pv, "path");
  if (!pp || !pp->is_string()) {
    if (pp) fail(path, *pp, key + "path", "a parameter path, e.g. trust.RAA.capacity.orthopaedics");
    throw Error(path, p.line, key + "path", "(missing)", "required, a parameter path");
  }
  p.path = pp->as_string().str;
  if (const auto* iv = lookup(pv, "integer")) {
    if (!iv->is_boolean()) fail(path, *iv, key + "integer", "true or false");
    p.integer = iv->as_boolean();
  }
  // Each value (or each end of the range) must be acceptable to the base scenario.
  auto check = [&](const toml::value& at, const std::string& k2, const std::string& value) {
    try {
      sweep_point(s, {{p.path, value}});
    } catch (const Error& e) {
      std::string why = e.expected;
      if (e.file != path && e.file != "command line") why += " (" + e.file + (e.line ? ":" + std::to_string(e.line) : "") + ")";
      fail(path, at, k2, why + " for " + p.path);
    }
  };
  if (sampled) {
    const auto* mn = lookup(pv, "min");
    const auto* mx = lookup(pv, "max");
    if (!mn || !mx) throw Error(path, p.line, key + (mn ? "max" : "min"), "(missing)",
                                "required for this design: the range [min, max] of " + p.path);
    if (lookup(pv, "values")) fail(path, pv.at("values"), key + "values", "min and max for this design, not values");
    p.min = number(path, *mn, key + "min");
    p.max = number(path, *mx, key + "max");
    if (!(p.max > p.min)) fail(path, *mx, key + "max", "a number above min (" + text(p.min) + ")");
    check(*mn, key + "min", p.integer ? std::to_string(std::llround(p.min)) : text(p.min));
    check(*mx, key + "max", p.integer ? std::to_string(std::llround(p.max)) : text(p.max));
  } else {
    const auto* vv = lookup(pv, "values");
    if (!vv || !vv->is_array() || vv->as_array().empty()) {
      if (vv) fail(path, *vv, key + "values", "a non-empty array of values");
      throw Error(path, p.line, key + "values", "(missing)", "required for this design, an array of values");
    }
    for (std::size_t i = 0; i < vv->as_array().size(); ++i) {
      const auto& v = vv->as_array()[i];
      std::string t = toml::format(v);
      while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
      check(v, key + "values[" + std::to_string(i) + "]", t);
      p.values.push_back(t);
    }
    if (s.design == Design::list && !s.parameters.empty() && p.values.size() != s.parameters[0].values.size()) {
      fail(path, *vv, key + "values", "as many values as parameter[0] (" +
                                          std::to_string(s.parameters[0].values.size()) + ") for a list design");
    }
  }
  return p;
}

}  // namespace

SweepSpec load_sweep(const std::string& path) {
  SweepSpec s;
  s.file = path;
  const std::string source = read_regular_file(path);
  guard_toml(source, path);
  std::istringstream ss(source);
  toml::value root;
  try {
    root = toml::parse(ss, path);
  } catch (const toml::syntax_error& e) {
    std::string msg = e.what();
    throw Error(path, static_cast<int>(e.location().line()), "", "", "malformed TOML: " + msg.substr(0, msg.find('\n')));
  }
  read_sweep_table(path, root, s);
  const auto* params = lookup(root, "parameter");
  if (!params || !params->is_array() || params->as_array().empty()) {
    throw Error(path, 0, "parameter", "(missing)", "at least one [[parameter]] with a path");
  }
  // The base scenario, loaded once to check that it is valid before any point.
  sweep_point(s, {});
  std::set<std::string> paths;
  for (std::size_t k = 0; k < params->as_array().size(); ++k) {
    SweepParameter p = read_parameter(path, params->as_array()[k], k, s);
    if (!paths.insert(p.path).second) {
      fail(path, lookup(params->as_array()[k], "path") ? *lookup(params->as_array()[k], "path") : params->as_array()[k],
           "parameter[" + std::to_string(k) + "].path", "a path not varied twice");
    }
    s.parameters.push_back(std::move(p));
  }
  return s;
}

}  // namespace icsim::scenario

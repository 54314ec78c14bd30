#include "scenario/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "scenario/registry.hpp"
#include "scenario/toml_guard.hpp"

namespace icsim::scenario {

Error::Error(std::string file_, int line_, std::string key_, std::string value_,
             std::string expected_)
    : std::runtime_error([&] {
        std::string s = file_;
        if (line_ > 0) s += ":" + std::to_string(line_);
        s += ": ";
        if (!key_.empty()) s += key_;
        if (!value_.empty()) s += " = " + value_;
        if (!key_.empty() || !value_.empty()) s += ": ";
        s += expected_;
        return s;
      }()),
      file(std::move(file_)),
      line(line_),
      key(std::move(key_)),
      value(std::move(value_)),
      expected(std::move(expected_)) {}

namespace {

constexpr const char* kUnknownFile = "unknown file";  // toml11's name for values made in code
constexpr const char* kCommandLine = "command line";
constexpr const char* kMissing = "(missing)";

struct Ctx {
  std::string file;
  std::map<std::string, std::set<std::string>> ids;  // collection -> ids
};

bool made_in_code(const toml::value& v) { return v.location().file_name() == kUnknownFile; }

std::string show(const toml::value& v) {
  if (v.is_table()) return "{...}";
  std::string s = toml::format(v);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

/// The file a value came from: its own (scenarios can extend other files), or the command line.
std::string file_of(const Ctx& c, const toml::value& v) {
  if (made_in_code(v)) return kCommandLine;
  std::string f = v.location().file_name();
  return f.empty() ? c.file : f;
}

[[noreturn]] void fail(const Ctx& c, const toml::value& at, const std::string& key,
                       const std::string& expected, bool show_value = true) {
  const bool code = made_in_code(at);
  throw Error(file_of(c, at), code ? 0 : static_cast<int>(at.location().line()), key,
              show_value ? show(at) : std::string(), expected);
}

[[noreturn]] void fail_missing(const Ctx& c, const toml::value& table, const std::string& key,
                               const std::string& expected) {
  const bool code = made_in_code(table);
  throw Error(file_of(c, table), code ? 0 : static_cast<int>(table.location().line()), key,
              kMissing, "required, " + expected);
}

std::string join(const std::string& prefix, const std::string& key) {
  return prefix.empty() ? key : prefix + "." + key;
}

bool valid_id(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-';
  });
}

/// Keys of a table in name order. (Not in file order: toml11 computes a value's line by scanning
/// the file from the start, so locations are only asked for when an error is reported.)
std::vector<std::pair<std::string, const toml::value*>> ordered(const toml::value& t) {
  std::vector<std::pair<std::string, const toml::value*>> kv;
  for (const auto& [k, v] : t.as_table()) kv.emplace_back(k, &v);
  std::sort(kv.begin(), kv.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return kv;
}

// --- generic validation against the registry ---------------------------------------------------

void validate_table(const toml::value& v, const TableSpec& spec, const std::string& path,
                    const Ctx& c);

void check_number(const toml::value& v, const Field& f, const std::string& key, const Ctx& c) {
  if (!v.is_integer() && !v.is_floating()) fail(c, v, key, "expected " + f.expectation());
  const double x = v.is_integer() ? static_cast<double>(v.as_integer()) : v.as_floating();
  if (!std::isfinite(x)) fail(c, v, key, "expected a finite number");
  const bool low = f.min && (f.min_open ? !(x > *f.min) : !(x >= *f.min));
  const bool high = f.max && (f.max_open ? !(x < *f.max) : !(x <= *f.max));
  if (low || high) fail(c, v, key, "expected " + f.expectation());
}

void check_ref(const toml::value& v, const std::string& collection, const std::string& key,
               const Ctx& c) {
  const auto it = c.ids.find(collection);
  if (it == c.ids.end() || !it->second.count(v.as_string().str)) {
    std::string known;
    if (it != c.ids.end()) {
      for (const auto& id : it->second) known += (known.empty() ? "" : ", ") + id;
    }
    fail(c, v, key, "expected the id of a " + collection + " (known: " + known + ")");
  }
}

void validate_value(const toml::value& v, const Field& f, const std::string& key, const Ctx& c) {
  switch (f.type) {
    case Type::integer:
      if (!v.is_integer()) fail(c, v, key, "expected " + f.expectation());
      check_number(v, f, key, c);
      break;
    case Type::real:
      check_number(v, f, key, c);
      break;
    case Type::string:
      if (!v.is_string()) fail(c, v, key, "expected " + f.expectation());
      if (!f.choices.empty() &&
          std::find(f.choices.begin(), f.choices.end(), v.as_string().str) == f.choices.end())
        fail(c, v, key, "expected " + f.expectation());
      if (!f.ref.empty()) check_ref(v, f.ref, key, c);
      break;
    case Type::boolean:
      if (!v.is_boolean()) fail(c, v, key, "expected true or false");
      break;
    case Type::date:
      if (!v.is_local_date()) fail(c, v, key, "expected " + f.expectation());
      break;
    case Type::real_array:
    case Type::integer_array:
    case Type::string_array:
    case Type::date_array: {
      if (!v.is_array()) fail(c, v, key, "expected " + f.expectation());
      const auto& a = v.as_array();
      if (f.length && a.size() != f.length) fail(c, v, key, "expected " + f.expectation());
      for (std::size_t i = 0; i < a.size(); ++i) {
        const std::string ek = key + "[" + std::to_string(i) + "]";
        if (f.type == Type::real_array) {
          check_number(a[i], f, ek, c);
        } else if (f.type == Type::integer_array) {
          if (!a[i].is_integer()) fail(c, a[i], ek, "expected an integer");
          check_number(a[i], f, ek, c);
        } else if (f.type == Type::string_array) {
          if (!a[i].is_string()) fail(c, a[i], ek, "expected a string");
          if (!f.ref.empty()) check_ref(a[i], f.ref, ek, c);
        } else if (!a[i].is_local_date()) {
          fail(c, a[i], ek, "expected a date (YYYY-MM-DD)");
        }
      }
      break;
    }
    case Type::table:
      validate_table(v, *f.table, key, c);
      break;
    case Type::table_array: {
      if (!v.is_array()) fail(c, v, key, "expected " + f.expectation());
      std::set<std::string> seen;
      const auto& a = v.as_array();
      for (std::size_t i = 0; i < a.size(); ++i) {
        std::string ek = key + "[" + std::to_string(i) + "]";
        if (!a[i].is_table()) fail(c, a[i], ek, "expected a table ([[" + f.key + "]])");
        const auto& t = a[i].as_table();
        if (const auto it = t.find("id"); it != t.end() && it->second.is_string()) {
          const std::string id = it->second.as_string().str;
          if (!valid_id(id))
            fail(c, it->second, ek + ".id", "expected an id of letters, digits, '_' or '-'");
          if (!seen.insert(id).second)
            fail(c, it->second, ek + ".id", "expected a unique id: '" + id + "' is used twice");
          ek = key + "[" + id + "]";
        }
        validate_table(a[i], *f.table, ek, c);
      }
      break;
    }
    case Type::map: {
      if (!v.is_table()) fail(c, v, key, "expected " + f.expectation());
      for (const auto& [k, item] : ordered(v)) {
        const std::string ek = key + "." + k;
        const auto it = c.ids.find(f.key_ref);
        if (it == c.ids.end() || !it->second.count(k))
          fail(c, *item, ek, "expected a key that is the id of a " + f.key_ref, false);
        if (f.value_type == Type::table) {
          validate_table(*item, *f.table, ek, c);
        } else {
          Field value = f;  // describe the value, not the map
          value.type = f.value_type;
          check_number(*item, value, ek, c);
        }
      }
      break;
    }
  }
}

void validate_table(const toml::value& v, const TableSpec& spec, const std::string& path,
                    const Ctx& c) {
  if (!v.is_table()) fail(c, v, path, "expected a table");
  for (const auto& [k, item] : ordered(v)) {
    const Field* f = spec.find(k);
    if (!f) {
      fail(c, *item, join(path, k),
           "unknown key" + std::string(path.empty() ? "" : " in " + path) +
               "; expected one of: " + spec.key_list(),
           false);
    }
    validate_value(*item, *f, join(path, k), c);
  }
  for (const auto& f : spec.fields) {
    if (f.required && !v.as_table().count(f.key)) fail_missing(c, v, join(path, f.key), f.expectation());
  }
}

void collect_ids(const toml::value& root, Ctx& c) {
  for (const auto& f : registry().fields) {
    if (f.type != Type::table_array) continue;
    auto& set = c.ids[f.key];
    const auto it = root.as_table().find(f.key);
    if (it == root.as_table().end() || !it->second.is_array()) continue;
    for (const auto& e : it->second.as_array()) {
      if (e.is_table() && e.as_table().count("id") && e.as_table().at("id").is_string())
        set.insert(e.as_table().at("id").as_string().str);
    }
  }
}

// --- extends: one scenario modifying another ------------------------------------------------

bool all_tables_with_ids(const toml::array& a) {
  return std::all_of(a.begin(), a.end(), [](const toml::value& e) {
    return e.is_table() && e.as_table().count("id") && e.as_table().at("id").is_string();
  });
}

/// Merges `child` into `base`: tables key by key, arrays of [[tables]] entry by id (new ids are
/// appended), anything else replaced by the child's value.
void merge_into(toml::value& base, const toml::value& child) {
  if (base.is_table() && child.is_table()) {
    auto& bt = base.as_table();
    for (const auto& [k, v] : child.as_table()) {
      if (bt.count(k)) {
        merge_into(bt[k], v);
      } else {
        bt[k] = v;
      }
    }
    return;
  }
  if (base.is_array() && child.is_array() && all_tables_with_ids(base.as_array()) &&
      all_tables_with_ids(child.as_array())) {
    auto& ba = base.as_array();
    for (const auto& ce : child.as_array()) {
      const auto& id = ce.as_table().at("id").as_string().str;
      auto it = std::find_if(ba.begin(), ba.end(), [&](const toml::value& be) {
        return be.as_table().at("id").as_string().str == id;
      });
      if (it != ba.end()) {
        merge_into(*it, ce);
      } else {
        ba.push_back(ce);
      }
    }
    return;
  }
  base = child;
}

toml::value parse_toml(const std::string& text, const std::string& source) {
  guard_toml(text, source);  // depth and size limits before toml11 sees the text
  try {
    std::istringstream in(text);
    return toml::parse(in, source);
  } catch (const toml::syntax_error& e) {
    std::string msg = e.what();
    // toml11 messages start "[error] toml::function: what": keep the "what" of the first line.
    std::string first = msg.substr(0, msg.find('\n'));
    if (const auto colon = first.find(": "); colon != std::string::npos) first = first.substr(colon + 2);
    throw Error(source, static_cast<int>(e.location().line()), "", "", "malformed TOML: " + first);
  }
}

std::string read_file(const std::string& path) { return read_regular_file(path); }

/// Replaces a document that extends another by the merge of the two (recursively).
toml::value resolve_extends(toml::value doc, const std::string& source, const Ctx& c, int depth) {
  if (!doc.is_table() || !doc.as_table().count("scenario") || !doc.at("scenario").is_table())
    return doc;
  auto& sc = doc.at("scenario").as_table();
  if (!sc.count("extends")) return doc;
  const toml::value ext = sc.at("extends");
  if (!ext.is_string()) fail(c, ext, "scenario.extends", "expected a file name");
  if (depth >= 8) fail(c, ext, "scenario.extends", "expected at most 8 levels of extends (is there a cycle?)");
  namespace fs = std::filesystem;
  const fs::path base_path =
      (fs::path(source).has_parent_path() ? fs::path(source).parent_path() : fs::path(".")) /
      ext.as_string().str;
  std::string text;
  try {
    text = read_file(base_path.string());
  } catch (const Error& e) {
    fail(c, ext, "scenario.extends", "expected a readable scenario file (" + base_path.string() + ": " + e.expected + ")");
  }
  toml::value base = resolve_extends(parse_toml(text, base_path.string()), base_path.string(), c, depth + 1);
  sc.erase("extends");
  merge_into(base, doc);
  return base;
}

// --- overrides -------------------------------------------------------------------------------

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : path) {
    if (ch == '.') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  out.push_back(cur);
  return out;
}

toml::value parse_value_text(const std::string& text) {
  guard_toml("v = " + text, kCommandLine);
  try {
    // Parsed under toml11's name for code-made values, so errors point at the command line.
    std::istringstream in("v = " + text);
    return toml::parse(in, kUnknownFile).at("v");
  } catch (const std::exception&) {
    return toml::value(text);  // a bare word: take it as a string
  }
}

void apply_override(toml::value& root, const Override& o) {
  const auto segs = split_path(o.path);
  const TableSpec* spec = &registry();
  toml::value* node = &root;
  std::string shown;
  auto bad = [&](const std::string& why) {
    throw Error(kCommandLine, 0, o.path, o.value, "unknown parameter path: " + why);
  };
  for (std::size_t i = 0; i < segs.size(); ++i) {
    const std::string& key = segs[i];
    const Field* f = spec->find(key);
    if (!f) bad("'" + key + "' is not a key of " + (spec->path.empty() ? "the scenario" : spec->path) +
                " (expected one of: " + spec->key_list() + ")");
    auto& table = node->as_table();
    const bool last = i + 1 == segs.size();
    if (last) {
      if (f->type == Type::table || f->type == Type::table_array || f->type == Type::map)
        bad("'" + key + "' is a table, not a parameter");
      table[key] = parse_value_text(o.value);
      return;
    }
    switch (f->type) {
      case Type::table:
        if (!table.count(key)) table[key] = toml::table{};
        node = &table[key];
        spec = f->table.get();
        break;
      case Type::table_array: {
        if (!table.count(key) || !table[key].is_array()) bad("there are no [[" + key + "]] entries");
        auto& arr = table[key].as_array();
        const std::string& sel = segs[++i];
        toml::value* found = nullptr;
        for (auto& e : arr) {
          if (e.is_table() && e.as_table().count("id") && e.as_table().at("id").is_string() &&
              e.as_table().at("id").as_string().str == sel)
            found = &e;
        }
        if (!found && !sel.empty() && std::all_of(sel.begin(), sel.end(), ::isdigit)) {
          const std::size_t idx = std::stoul(sel);
          if (idx < arr.size()) found = &arr[idx];
        }
        if (!found) bad("no " + key + " with id or index '" + sel + "'");
        if (i + 1 == segs.size()) bad("a " + key + " entry is a table, not a parameter");
        node = found;
        spec = f->table.get();
        break;
      }
      case Type::map: {
        if (!table.count(key)) table[key] = toml::table{};
        auto& m = table[key].as_table();
        const std::string& id = segs[++i];
        if (i + 1 == segs.size()) {
          if (f->value_type == Type::table) bad("'" + key + "." + id + "' is a table");
          m[id] = parse_value_text(o.value);
          return;
        }
        if (!m.count(id)) m[id] = toml::table{};
        node = &m[id];
        spec = f->table.get();
        break;
      }
      default:
        bad("'" + key + "' is a value, it has no parameters below it");
    }
  }
}

// --- typed access (values validated above; defaults from the registry) ----------------------

const toml::value& get(const toml::value& table, const TableSpec& spec, const std::string& key) {
  const auto& t = table.as_table();
  if (const auto it = t.find(key); it != t.end()) return it->second;
  const Field* f = spec.find(key);
  if (!f || !f->default_value) throw std::logic_error("registry has no default for " + key);
  return *f->default_value;
}

bool has(const toml::value& table, const std::string& key) { return table.as_table().count(key); }

double real(const toml::value& v) {
  return v.is_integer() ? static_cast<double>(v.as_integer()) : v.as_floating();
}

core::Date date(const toml::value& v) {
  const auto& d = v.as_local_date();
  return core::Date{d.year, static_cast<unsigned>(d.month) + 1u, static_cast<unsigned>(d.day)};
}

template <std::size_t N>
std::array<double, N> reals(const toml::value& v) {
  std::array<double, N> a{};
  for (std::size_t i = 0; i < N; ++i) a[i] = real(v.as_array()[i]);
  return a;
}

template <std::size_t N>
void check_sum_one(const Ctx& c, const toml::value& v, const std::string& key,
                   const std::array<double, N>& a) {
  double s = 0.0;
  for (double x : a) s += x;
  if (std::abs(s - 1.0) > 1e-6) {
    std::ostringstream os;
    os << "expected shares that sum to 1 (they sum to " << s << ")";
    fail(c, v, key, os.str());
  }
}

const Field& field(const TableSpec& spec, const std::string& key) { return *spec.find(key); }

/// A top-level table of the scenario, or its registry default (all defaults) when absent.
const toml::value& section(const toml::value& root, const std::string& name) {
  return has(root, name) ? root.at(name) : *field(registry(), name).default_value;
}

std::string id_of(const toml::value& entry) { return entry.as_table().at("id").as_string().str; }
std::string name_of(const toml::value& entry) {
  const auto& t = entry.as_table();
  return t.count("name") ? t.at("name").as_string().str : id_of(entry);
}

// --- building the model configuration ------------------------------------------------------

template <std::size_t N>
std::size_t choice(const toml::value& v, const std::array<const char*, N>& names) {
  const std::string& str = v.as_string().str;
  for (std::size_t i = 0; i < N; ++i) {
    if (str == names[i]) return i;
  }
  throw std::logic_error("unvalidated choice " + str);
}

std::vector<int> indices(const toml::value& arr, const std::map<std::string, int>& index) {
  std::vector<int> out;
  for (const auto& v : arr.as_array()) out.push_back(index.at(v.as_string().str));
  return out;
}

/// Urgent demand, beds, mutual aid and the shocks timeline.
void build_urgent(const toml::value& root, const Ctx& c, model::Config& cfg,
                  const std::map<std::string, int>& trust_index) {
  const TableSpec& R = registry();
  const TableSpec& U = *field(R, "urgent").table;
  const toml::value& uv = section(root, "urgent");
  auto& u = cfg.urgent;
  u.emergency_rate = real(get(uv, U, "emergency_rate"));
  u.mh_admission_rate = real(get(uv, U, "mh_admission_rate"));
  u.winter_amplitude = real(get(uv, U, "winter_amplitude"));
  u.winter_peak_day = static_cast<int>(get(uv, U, "winter_peak_day").as_integer());
  const auto los = [&](const std::string& prefix, model::LosConfig& l) {
    l.distribution = static_cast<model::LosDistribution>(
        choice(get(uv, U, prefix + "_los_distribution"), model::kLosDistributionNames));
    l.mean_days = real(get(uv, U, prefix + "_los_mean_days"));
    l.cv = real(get(uv, U, prefix + "_los_cv"));
  };
  los("acute", u.acute_los);
  los("mh", u.mh_los);
  u.out_of_area_los_factor = real(get(uv, U, "out_of_area_los_factor"));
  u.out_of_area_cost_per_day = real(get(uv, U, "out_of_area_cost_per_day"));
  u.cancel_threshold = real(get(uv, U, "cancel_threshold"));
  u.cancel_full = real(get(uv, U, "cancel_full"));
  u.cancel_share = real(get(uv, U, "cancel_share"));
  if (u.cancel_full <= u.cancel_threshold) {
    fail(c, get(uv, U, "cancel_full"), "urgent.cancel_full",
         "expected an occupancy above urgent.cancel_threshold (" + show(get(uv, U, "cancel_threshold")) + ")");
  }
  u.opel_thresholds = reals<3>(get(uv, U, "opel_thresholds"));
  if (!(u.opel_thresholds[0] < u.opel_thresholds[1] && u.opel_thresholds[1] < u.opel_thresholds[2])) {
    fail(c, get(uv, U, "opel_thresholds"), "urgent.opel_thresholds", "expected three increasing occupancies");
  }

  const TableSpec& A = *field(R, "mutual_aid").table;
  const toml::value& av = section(root, "mutual_aid");
  auto& a = cfg.mutual_aid;
  a.enabled = get(av, A, "enabled").as_boolean();
  a.ask_occupancy = real(get(av, A, "ask_occupancy"));
  a.give_occupancy = real(get(av, A, "give_occupancy"));
  a.give_trust = real(get(av, A, "give_trust"));
  a.reciprocity_weight = real(get(av, A, "reciprocity_weight"));
  a.reciprocity_scale = real(get(av, A, "reciprocity_scale"));
  a.reciprocity_decay = real(get(av, A, "reciprocity_decay"));
  a.elective_cost = real(get(av, A, "elective_cost"));
  a.granted_weight = real(get(av, A, "granted_weight"));
  a.refused_weight = real(get(av, A, "refused_weight"));
  a.pact_occupancy_shift = real(get(av, A, "pact_occupancy_shift"));
  a.pact_trust_shift = real(get(av, A, "pact_trust_shift"));
  a.ics_wide = get(av, A, "ics_wide").as_boolean();
  if (a.give_occupancy >= a.ask_occupancy) {
    fail(c, get(av, A, "give_occupancy"), "mutual_aid.give_occupancy",
         "expected an occupancy below mutual_aid.ask_occupancy (" + show(get(av, A, "ask_occupancy")) +
             "): a partner with slack must be less full than one asking");
  }

  const TableSpec& SH = *field(R, "shock").table;
  const auto& shocks = get(root, R, "shock").as_array();
  for (std::size_t k = 0; k < shocks.size(); ++k) {
    const auto& sv = shocks[k];
    model::ShockConfig s;
    s.id = id_of(sv);
    const std::string key = "shock[" + s.id + "]";
    s.type = static_cast<model::ShockType>(choice(get(sv, SH, "type"), model::kShockTypeNames));
    s.start_day = static_cast<int>(get(sv, SH, "start_day").as_integer());
    s.end_day = static_cast<int>(get(sv, SH, "end_day").as_integer());
    if (s.end_day < s.start_day) {
      fail(c, sv.at("end_day"), key + ".end_day", "expected a day at or after start_day (" +
                                                      std::to_string(s.start_day) + ")");
    }
    const auto& tv = get(sv, SH, "trusts");
    for (std::size_t i = 0; i < tv.as_array().size(); ++i) {
      const auto& one = tv.as_array()[i];
      const auto it = trust_index.find(one.as_string().str);
      if (it == trust_index.end()) {
        fail(c, one, key + ".trusts[" + std::to_string(i) + "]", "expected the id of a trust");
      }
      s.trusts.push_back(it->second);
    }
    s.urgent_multiplier = real(get(sv, SH, "urgent_multiplier"));
    s.absence = real(get(sv, SH, "absence"));
    s.capacity_loss = real(get(sv, SH, "capacity_loss"));
    s.elective_loss = real(get(sv, SH, "elective_loss"));
    s.intensity_cv = real(get(sv, SH, "intensity_cv"));
    if (s.type == model::ShockType::incident && s.trusts.size() != 1) {
      fail(c, has(sv, "trusts") ? sv.at("trusts") : sv, key + ".trusts", "expected exactly one trust for an incident",
           has(sv, "trusts"));
    }
    // Incidents at one trust, and industrial actions, must not overlap in time: their losses
    // are not defined to combine.
    for (std::size_t j = 0; j < cfg.shocks.size(); ++j) {
      const auto& o = cfg.shocks[j];
      const bool same_kind = o.type == s.type && (s.type == model::ShockType::industrial_action ||
                                                  (s.type == model::ShockType::incident && o.trusts == s.trusts));
      if (same_kind && s.start_day <= o.end_day && o.start_day <= s.end_day) {
        fail(c, sv.at("start_day"), key + ".start_day",
             "expected no overlap with " + std::string(model::kShockTypeNames[static_cast<std::size_t>(s.type)]) +
                 " '" + o.id + "' (days " + std::to_string(o.start_day) + "-" + std::to_string(o.end_day) + ")");
      }
    }
    cfg.shocks.push_back(std::move(s));
  }
}

/// ICSs, collaboratives and their programmes, place partnerships, pooling and PIDMAS settings.
void build_organisations(const toml::value& root, const Ctx& c, model::Config& cfg,
                         const std::map<std::string, int>& place_index,
                         const std::map<std::string, int>& specialty_index,
                         const std::map<std::string, int>& trust_index) {
  const TableSpec& R = registry();
  const auto& ics_entries = get(root, R, "ics").as_array();
  const TableSpec& I = *field(R, "ics").table;
  const TableSpec& ICB = *field(I, "icb").table;
  std::map<std::string, int> ics_index;
  std::vector<int> place_ics(cfg.places.size(), -1), trust_ics(cfg.trusts.size(), -1);
  std::vector<const toml::value*> trust_ics_entry(cfg.trusts.size(), nullptr);
  for (const auto& v : ics_entries) {
    model::IcsConfig ics;
    ics.id = id_of(v);
    ics.name = name_of(v);
    const int self = static_cast<int>(cfg.ics.size());
    ics_index[ics.id] = self;
    for (const auto& pv : v.at("places").as_array()) {
      const int p = place_index.at(pv.as_string().str);
      if (place_ics[static_cast<std::size_t>(p)] >= 0)
        fail(c, pv, "ics[" + ics.id + "].places", "expected each place in one ICS: '" +
             pv.as_string().str + "' is already in " + cfg.ics[static_cast<std::size_t>(place_ics[static_cast<std::size_t>(p)])].id);
      place_ics[static_cast<std::size_t>(p)] = self;
      ics.places.push_back(p);
    }
    for (const auto& tv : get(v, I, "trusts").as_array()) {
      const int t = trust_index.at(tv.as_string().str);
      if (trust_ics[static_cast<std::size_t>(t)] >= 0)
        fail(c, tv, "ics[" + ics.id + "].trusts", "expected each trust in one ICS: '" +
             tv.as_string().str + "' is already in " + cfg.ics[static_cast<std::size_t>(trust_ics[static_cast<std::size_t>(t)])].id);
      trust_ics[static_cast<std::size_t>(t)] = self;
      trust_ics_entry[static_cast<std::size_t>(t)] = &tv;
    }
    const toml::value& icb = get(v, I, "icb");
    ics.commissioning = static_cast<model::Commissioning>(choice(get(icb, ICB, "commissioning"), model::kCommissioningNames));
    ics.honest_broker = get(icb, ICB, "honest_broker").as_boolean();
    ics.needs_based_capital = get(icb, ICB, "capital_rule").as_string().str == "needs";
    ics.capital_awards = static_cast<int>(get(icb, ICB, "capital_awards").as_integer());
    ics.capital_capacity_gain = real(get(icb, ICB, "capital_capacity_gain"));
    cfg.ics.push_back(std::move(ics));
  }
  if (!cfg.ics.empty()) {
    for (std::size_t p = 0; p < cfg.places.size(); ++p) {
      if (place_ics[p] < 0)
        fail(c, root.at("place").as_array()[p], "place[" + cfg.places[p].id + "]",
             "expected to be in the places of one [[ics]]", false);
    }
    for (std::size_t t = 0; t < cfg.trusts.size(); ++t) {
      if (trust_ics[t] < 0) trust_ics[t] = place_ics[static_cast<std::size_t>(cfg.trusts[t].place)];
      cfg.ics[static_cast<std::size_t>(trust_ics[t])].trusts.push_back(static_cast<int>(t));
    }
    for (auto& ics : cfg.ics) std::sort(ics.trusts.begin(), ics.trusts.end());
  }
  model::add_implicit_ics(cfg);
  if (ics_entries.empty()) ics_index[cfg.ics[0].id] = 0;

  const TableSpec& CO = *field(R, "collaborative").table;
  const TableSpec& PR = *field(CO, "programme").table;
  // Which collaborative holds each (trust, specialty) in a shared list, by period, for errors.
  for (const auto& v : get(root, R, "collaborative").as_array()) {
    model::CollaborativeConfig col;
    col.id = id_of(v);
    col.name = name_of(v);
    const std::string key = "collaborative[" + col.id + "]";
    col.ics = ics_index.at(get(v, CO, "ics").as_string().str);
    col.kind = static_cast<model::CollaborativeKind>(choice(get(v, CO, "kind"), model::kCollaborativeKindNames));
    col.governance = static_cast<model::Governance>(choice(get(v, CO, "governance"), model::kGovernanceNames));
    col.decision_rule = static_cast<model::DecisionRule>(choice(get(v, CO, "decision_rule"), model::kDecisionRuleNames));
    const auto& members = v.at("members");
    col.members = indices(members, trust_index);
    if (col.members.empty()) fail(c, members, key + ".members", "expected at least one member trust");
    for (std::size_t i = 0; i < col.members.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (col.members[i] == col.members[j])
          fail(c, members.as_array()[i], key + ".members", "expected each member once");
      }
    }
    if (has(v, "lead")) {
      col.lead = trust_index.at(v.at("lead").as_string().str);
      if (std::find(col.members.begin(), col.members.end(), col.lead) == col.members.end())
        fail(c, v.at("lead"), key + ".lead", "expected one of the collaborative's members");
    }
    if ((col.governance == model::Governance::lead_provider ||
         col.decision_rule == model::DecisionRule::lead_decides) && col.lead < 0)
      fail_missing(c, v, key + ".lead", "the id of the lead provider (lead_provider governance or lead_decides)");
    col.supermajority = real(get(v, CO, "supermajority"));
    col.exit_trust = real(get(v, CO, "exit_trust"));
    col.exit_months = static_cast<int>(get(v, CO, "exit_months").as_integer());
    col.candidates = indices(get(v, CO, "candidates"), trust_index);
    for (std::size_t i = 0; i < col.candidates.size(); ++i) {
      if (std::find(col.members.begin(), col.members.end(), col.candidates[i]) != col.members.end())
        fail(c, get(v, CO, "candidates").as_array()[i], key + ".candidates", "expected a trust that is not already a member");
    }
    col.entry_trust = real(get(v, CO, "entry_trust"));
    col.delegated_budget = real(get(v, CO, "delegated_budget"));
    const auto& progs = get(v, CO, "programme").as_array();
    for (std::size_t k = 0; k < progs.size(); ++k) {
      const auto& pv = progs[k];
      const std::string pkey = key + ".programme[" + std::to_string(k) + "]";
      model::ProgrammeConfig pr;
      pr.type = static_cast<model::ProgrammeType>(choice(pv.at("type"), model::kProgrammeTypeNames));
      if (has(pv, "specialty")) {
        pr.specialty = specialty_index.at(pv.at("specialty").as_string().str);
      } else if (pr.type == model::ProgrammeType::shared_waiting_list) {
        fail_missing(c, pv, pkey + ".specialty", "the specialty a shared waiting list pools");
      } else {
        pr.specialty = -1;
      }
      pr.governed = get(pv, PR, "governed").as_boolean();
      pr.start_day = pr.governed && !has(pv, "start_day") ? -1 : static_cast<int>(get(pv, PR, "start_day").as_integer());
      pr.proposed_day = static_cast<int>(get(pv, PR, "proposed_day").as_integer());
      pr.initial_scale = real(get(pv, PR, "initial_scale"));
      pr.scale_step = real(get(pv, PR, "scale_step"));
      pr.capacity_gain = real(get(pv, PR, "capacity_gain"));
      pr.saving_per_month = real(get(pv, PR, "saving_per_month"));
      pr.stop_day = has(pv, "stop_day") ? static_cast<int>(pv.at("stop_day").as_integer()) : -1;
      if (pr.stop_day >= 0 && pr.stop_day <= pr.start_day)
        fail(c, pv.at("stop_day"), pkey + ".stop_day", "expected a day after start_day");
      pr.pledge_share = real(get(pv, PR, "pledge_share"));
      bool offered = pr.specialty < 0;
      for (int m : col.members) {
        offered = offered || cfg.trusts[static_cast<std::size_t>(m)].capacity[static_cast<std::size_t>(pr.specialty)] > 0.0;
      }
      if (!offered)
        fail(c, pv.at("specialty"), pkey + ".specialty",
             "expected a specialty some member has capacity for");
      col.programmes.push_back(pr);
    }
    cfg.collaboratives.push_back(std::move(col));
  }
  // A trust's list may be in only one shared waiting list at a time.
  for (std::size_t a = 0; a < cfg.collaboratives.size(); ++a) {
    for (std::size_t pa = 0; pa < cfg.collaboratives[a].programmes.size(); ++pa) {
      const auto& A = cfg.collaboratives[a].programmes[pa];
      for (std::size_t b = 0; b <= a; ++b) {
        for (std::size_t pb = 0; pb < cfg.collaboratives[b].programmes.size(); ++pb) {
          if (b == a && pb >= pa) break;
          const auto& B = cfg.collaboratives[b].programmes[pb];
          if (A.specialty != B.specialty || A.type != model::ProgrammeType::shared_waiting_list ||
              B.type != model::ProgrammeType::shared_waiting_list)
            continue;
          const int a_start = A.governed ? std::min(A.proposed_day, std::max(A.start_day, 0)) : A.start_day;
          const int b_start = B.governed ? std::min(B.proposed_day, std::max(B.start_day, 0)) : B.start_day;
          const int a_stop = A.stop_day < 0 ? std::numeric_limits<int>::max() : A.stop_day;
          const int b_stop = B.stop_day < 0 ? std::numeric_limits<int>::max() : B.stop_day;
          if (!(a_start < b_stop && b_start < a_stop)) continue;
          for (int m : cfg.collaborative_members_offering(a, A.specialty)) {
            const auto& other = cfg.collaborative_members_offering(b, B.specialty);
            if (std::find(other.begin(), other.end(), m) != other.end()) {
              const auto& entry = get(root, R, "collaborative").as_array()[a];
              fail(c, get(entry, CO, "programme").as_array()[pa].at("specialty"),
                   "collaborative[" + cfg.collaboratives[a].id + "].programme[" + std::to_string(pa) + "]",
                   "expected each trust's list in one shared waiting list at a time: " +
                   cfg.trusts[static_cast<std::size_t>(m)].id + " is also pooled by " +
                   cfg.collaboratives[b].id);
            }
          }
        }
      }
    }
  }

  const TableSpec& PP = *field(R, "place_partnership").table;
  for (const auto& v : get(root, R, "place_partnership").as_array()) {
    model::PartnershipConfig pp;
    pp.id = id_of(v);
    pp.name = name_of(v);
    pp.place = place_index.at(v.at("place").as_string().str);
    pp.members = indices(get(v, PP, "members"), trust_index);
    const auto& partners = get(v, PP, "partners").as_array();
    for (const auto& pv : partners) {
      const std::string partner = pv.as_string().str;
      if (!valid_id(partner))
        fail(c, pv, "place_partnership[" + pp.id + "].partners", "expected ids of letters, digits, '_' or '-'");
      if (std::find(pp.partners.begin(), pp.partners.end(), partner) != pp.partners.end())
        fail(c, pv, "place_partnership[" + pp.id + "].partners", "expected each partner once");
      pp.partners.push_back(partner);
    }
    const TableSpec& PV = *field(PP, "programme").table;
    for (const auto& prv : get(v, PP, "programme").as_array()) {
      model::PreventionConfig pr;
      pr.specialty = has(prv, "specialty") ? specialty_index.at(prv.at("specialty").as_string().str) : -1;
      pr.start_day = static_cast<int>(get(prv, PV, "start_day").as_integer());
      pr.lag_days = static_cast<int>(get(prv, PV, "lag_days").as_integer());
      pr.ramp_days = static_cast<int>(get(prv, PV, "ramp_days").as_integer());
      pr.effect = real(get(prv, PV, "effect"));
      pr.quintiles.fill(false);
      for (const auto& q : get(prv, PV, "target_quintiles").as_array()) {
        pr.quintiles[static_cast<std::size_t>(q.as_integer() - 1)] = true;
      }
      pp.programmes.push_back(pr);
    }
    cfg.partnerships.push_back(std::move(pp));
  }

  // Relationships, priors and turnover: organisations are trusts, ICBs and place partners.
  const TableSpec& RL = *field(R, "relationships").table;
  const toml::value& rl = section(root, "relationships");
  auto& rel = cfg.relationships;
  rel.forgetting = real(get(rl, RL, "forgetting"));
  rel.openness_gain = real(get(rl, RL, "openness_gain"));
  rel.time_weight = real(get(rl, RL, "time_weight"));
  rel.time_scale_hours = real(get(rl, RL, "time_scale_hours"));
  rel.benefit_weight = real(get(rl, RL, "benefit_weight"));
  rel.fair_weight = real(get(rl, RL, "fair_weight"));
  rel.unfair_weight = real(get(rl, RL, "unfair_weight"));
  rel.unfair_cap = real(get(rl, RL, "unfair_cap"));
  rel.fairness_tolerance = real(get(rl, RL, "fairness_tolerance"));
  rel.tolerance_trust_gain = real(get(rl, RL, "tolerance_trust_gain"));
  rel.help_weight = real(get(rl, RL, "help_weight"));
  rel.overruled_weight = real(get(rl, RL, "overruled_weight"));
  rel.broker_softening = real(get(rl, RL, "broker_softening"));
  rel.capital_loss_weight = real(get(rl, RL, "capital_loss_weight"));
  rel.capital_process_weight = real(get(rl, RL, "capital_process_weight"));
  rel.turnover_retention = real(get(rl, RL, "turnover_retention"));
  rel.turnover_hazard_per_year = real(get(rl, RL, "turnover_hazard_per_year"));
  rel.pledge_trust_full = real(get(rl, RL, "pledge_trust_full"));

  const auto org_ids = cfg.organisation_ids();
  std::map<std::string, int> org_index;
  for (std::size_t i = 0; i < org_ids.size(); ++i) org_index[org_ids[i]] = static_cast<int>(i);
  auto group = [&](const toml::value& v, const std::string& key) {
    const std::string g = v.as_string().str;
    std::vector<int> out;
    if (g == "*") {
      for (std::size_t i = 0; i < org_ids.size(); ++i) out.push_back(static_cast<int>(i));
    } else if (g.rfind("type:", 0) == 0) {
      for (std::size_t t = 0; t < cfg.trusts.size(); ++t) {
        if (model::kTrustTypeNames[static_cast<std::size_t>(cfg.trusts[t].type)] == g.substr(5)) out.push_back(static_cast<int>(t));
      }
    } else if (g.rfind("ics:", 0) == 0) {
      for (const auto& i : cfg.ics) {
        if (i.id == g.substr(4)) out = i.trusts;
      }
    } else if (g.rfind("collaborative:", 0) == 0) {
      for (const auto& col : cfg.collaboratives) {
        if (col.id == g.substr(14)) out = col.members;
      }
    } else if (const auto it = org_index.find(g); it != org_index.end()) {
      out.push_back(it->second);
    }
    if (out.empty()) {
      std::string known;
      for (const auto& id : org_ids) known += (known.empty() ? "" : ", ") + id;
      fail(c, v, key, "expected an organisation id (" + known + ") or a non-empty group ('*', "
           "'type:<trust type>', 'ics:<id>', 'collaborative:<id>')");
    }
    return out;
  };
  const TableSpec& RP = *field(R, "relationship").table;
  const auto& priors = get(root, R, "relationship").as_array();
  for (std::size_t k = 0; k < priors.size(); ++k) {
    const auto& pv = priors[k];
    const std::string key = "relationship[" + std::to_string(k) + "]";
    const auto from = group(pv.at("from"), key + ".from");
    const auto to = group(pv.at("to"), key + ".to");
    const double pos = real(get(pv, RP, "positive")), neg = real(get(pv, RP, "negative"));
    const bool both = get(pv, RP, "symmetric").as_boolean();
    // Ordered pairs of this entry, each once (a symmetric group-to-itself entry names every pair twice).
    std::vector<std::pair<int, int>> pairs;
    std::set<std::pair<int, int>> seen;
    const auto add = [&](int a, int b) {
      if (a != b && seen.emplace(a, b).second) pairs.emplace_back(a, b);
    };
    for (int a : from) {
      for (int b : to) {
        add(a, b);
        if (both) add(b, a);
      }
    }
    for (const auto& [a, b] : pairs) rel.priors.push_back({a, b, pos, neg});
  }
  for (const auto& tv : get(root, R, "turnover").as_array()) {
    const auto who = group(tv.at("organisation"), "turnover.organisation");
    if (who.size() != 1) fail(c, tv.at("organisation"), "turnover.organisation", "expected one organisation id");
    rel.turnover.push_back({static_cast<int>(tv.at("day").as_integer()), who[0]});
  }

  build_urgent(root, c, cfg, trust_index);

  const TableSpec& GV = *field(R, "governance").table;
  const toml::value& gv = section(root, "governance");
  auto& gov = cfg.governance;
  gov.hours_by_form = {real(get(gv, GV, "hours_committees_in_common")), real(get(gv, GV, "hours_joint_committee")),
                       real(get(gv, GV, "hours_lead_provider"))};
  gov.hours_lead = real(get(gv, GV, "hours_lead"));
  gov.hours_per_programme = real(get(gv, GV, "hours_per_programme"));
  gov.hours_partnership = real(get(gv, GV, "hours_partnership"));
  gov.beta_benefit = real(get(gv, GV, "beta_benefit"));
  gov.beta_trust = real(get(gv, GV, "beta_trust"));
  gov.beta_cost = real(get(gv, GV, "beta_cost"));
  gov.beta_time = real(get(gv, GV, "beta_time"));
  gov.beta_competitiveness = real(get(gv, GV, "beta_competitiveness"));
  gov.vote_noise = real(get(gv, GV, "vote_noise"));
  gov.scale_up_cohesion = real(get(gv, GV, "scale_up_cohesion"));
  gov.stall_cohesion = real(get(gv, GV, "stall_cohesion"));
  gov.stop_cohesion = real(get(gv, GV, "stop_cohesion"));
  gov.min_months_before_stop = static_cast<int>(get(gv, GV, "min_months_before_stop").as_integer());
  gov.restart_delay_months = static_cast<int>(get(gv, GV, "restart_delay_months").as_integer());

  const TableSpec& PO = *field(R, "pooling").table;
  const toml::value& po = section(root, "pooling");
  cfg.pooling.acceptance_distance_km = real(get(po, PO, "acceptance_distance_km"));
  cfg.pooling.reoffer_weeks = static_cast<int>(get(po, PO, "reoffer_weeks").as_integer());
  cfg.pooling.transfer_admin_cost = real(get(po, PO, "transfer_admin_cost"));
  cfg.pooling.tariff = real(get(po, PO, "tariff"));
  cfg.pooling.transactional_release = real(get(po, PO, "transactional_release"));

  const TableSpec& PD = *field(R, "pidmas").table;
  const toml::value& pd = section(root, "pidmas");
  cfg.pidmas.enabled = get(pd, PD, "enabled").as_boolean();
  cfg.pidmas.start_day = static_cast<int>(get(pd, PD, "start_day").as_integer());
  cfg.pidmas.wait_weeks = real(get(pd, PD, "wait_weeks"));
  cfg.pidmas.uptake = real(get(pd, PD, "uptake"));
  cfg.pidmas.min_gain_weeks = real(get(pd, PD, "min_gain_weeks"));
  cfg.pidmas.max_distance_km = real(get(pd, PD, "max_distance_km"));
}

Scenario build(const toml::value& root, const Ctx& c) {
  const TableSpec& R = registry();
  Scenario out;
  model::Config& cfg = out.config;

  const toml::value& sv = root.at("scenario");
  const TableSpec& S = *field(R, "scenario").table;
  cfg.name = get(sv, S, "name").as_string().str;
  if (!valid_id(cfg.name))
    fail(c, sv.at("name"), "scenario.name", "expected letters, digits, '_' or '-' (it names a folder)");
  cfg.description = get(sv, S, "description").as_string().str;
  cfg.start_date = date(get(sv, S, "start_date"));
  cfg.days = static_cast<int>(get(sv, S, "days").as_integer());
  cfg.seed = static_cast<std::uint64_t>(get(sv, S, "seed").as_integer());
  cfg.replications = static_cast<int>(get(sv, S, "replications").as_integer());
  cfg.working_days_per_week = static_cast<int>(get(sv, S, "working_days_per_week").as_integer());
  for (const auto& d : get(sv, S, "non_working_dates").as_array()) cfg.non_working_dates.push_back(date(d));

  const TableSpec& O = *field(R, "output").table;
  const toml::value& ov = section(root, "output");
  cfg.output_interval_days = static_cast<int>(get(ov, O, "interval_days").as_integer());
  out.output.compression = static_cast<int>(get(ov, O, "compression").as_integer());
  const auto& names = get(ov, O, "observables").as_array();
  if (names.empty()) {
    for (const auto& info : model::observables()) out.output.observables.push_back(info.id);
  } else {
    std::set<std::size_t> chosen;
    for (const auto& n : names) {
      model::Obs o{};
      if (!model::find_observable(n.as_string().str, o)) {
        std::string all;
        for (const auto& info : model::observables()) all += (all.empty() ? "" : ", ") + std::string(info.name);
        fail(c, n, "output.observables", "expected names of observables: " + all);
      }
      chosen.insert(static_cast<std::size_t>(o));
    }
    for (std::size_t i : chosen) out.output.observables.push_back(static_cast<model::Obs>(i));
  }
  cfg.equity_outputs = std::any_of(out.output.observables.begin(), out.output.observables.end(),
                                   model::needs_equity_scan);

  std::map<std::string, int> place_index, specialty_index;
  const TableSpec& P = *field(R, "place").table;
  for (const auto& pv : root.at("place").as_array()) {
    model::PlaceConfig p;
    p.id = id_of(pv);
    p.name = name_of(pv);
    p.population = get(pv, P, "population").as_integer();
    const auto loc = reals<2>(get(pv, P, "location_km"));
    p.location = {loc[0], loc[1]};
    p.deprivation = reals<5>(get(pv, P, "deprivation"));
    if (has(pv, "deprivation")) check_sum_one(c, pv.at("deprivation"), "place[" + p.id + "].deprivation", p.deprivation);
    place_index[p.id] = static_cast<int>(cfg.places.size());
    cfg.places.push_back(std::move(p));
  }

  const TableSpec& SP = *field(R, "specialty").table;
  for (const auto& v : root.at("specialty").as_array()) {
    model::SpecialtyConfig s;
    s.id = id_of(v);
    s.name = name_of(v);
    s.referral_rate = real(get(v, SP, "referral_rate"));
    s.priority_mix = reals<3>(get(v, SP, "priority_mix"));
    if (has(v, "priority_mix")) check_sum_one(c, v.at("priority_mix"), "specialty[" + s.id + "].priority_mix", s.priority_mix);
    s.removal_hazard_per_week = real(get(v, SP, "removal_hazard_per_week"));
    s.seasonal_amplitude = real(get(v, SP, "seasonal_amplitude"));
    s.seasonal_peak_day = static_cast<int>(get(v, SP, "seasonal_peak_day").as_integer());
    s.annual_growth = real(get(v, SP, "annual_growth"));
    specialty_index[s.id] = static_cast<int>(cfg.specialties.size());
    cfg.specialties.push_back(std::move(s));
  }
  const std::size_t NS = cfg.specialties.size();

  const TableSpec& T = *field(R, "trust").table;
  const TableSpec& IL = *field(T, "initial_list").table;
  for (const auto& v : get(root, R, "trust").as_array()) {
    model::TrustConfig t;
    t.id = id_of(v);
    t.name = name_of(v);
    const std::string type = get(v, T, "type").as_string().str;
    for (std::size_t i = 0; i < model::kTrustTypeNames.size(); ++i) {
      if (type == model::kTrustTypeNames[i]) t.type = static_cast<model::TrustType>(i);
    }
    t.place = place_index.at(get(v, T, "place").as_string().str);
    if (has(v, "location_km")) {
      const auto loc = reals<2>(v.at("location_km"));
      t.location = {loc[0], loc[1]};
    } else {
      t.location = cfg.places[static_cast<std::size_t>(t.place)].location;
    }
    t.leadership_hours = real(get(v, T, "leadership_hours"));
    t.competitiveness = real(get(v, T, "competitiveness"));
    t.openness = real(get(v, T, "openness"));
    t.beds = static_cast<int>(get(v, T, "beds").as_integer());
    t.initial_occupancy = real(get(v, T, "initial_occupancy"));
    t.capacity.assign(NS, 0.0);
    t.initial.assign(NS, {});
    for (const auto& [sid, cap] : get(v, T, "capacity").as_table()) {
      t.capacity[static_cast<std::size_t>(specialty_index.at(sid))] = real(cap);
    }
    for (const auto& [sid, iv] : ordered(get(v, T, "initial_list"))) {
      const auto s = static_cast<std::size_t>(specialty_index.at(sid));
      t.initial[s].size = get(*iv, IL, "size").as_integer();
      t.initial[s].mean_wait_weeks = real(get(*iv, IL, "mean_wait_weeks"));
      if (t.initial[s].size > 0 && t.capacity[s] <= 0.0) {
        fail(c, *iv, "trust[" + t.id + "].initial_list." + sid,
             "expected a capacity for '" + sid + "' at this trust: its waiting patients could never "
             "be treated", false);
      }
    }
    cfg.trusts.push_back(std::move(t));
  }

  std::map<std::string, int> trust_index;
  for (std::size_t t = 0; t < cfg.trusts.size(); ++t) trust_index[cfg.trusts[t].id] = static_cast<int>(t);
  build_organisations(root, c, cfg, place_index, specialty_index, trust_index);

  const auto& spec_entries = root.at("specialty").as_array();
  for (std::size_t s = 0; s < NS; ++s) {
    if (cfg.specialties[s].referral_rate <= 0.0) continue;
    bool offered = false;
    for (const auto& t : cfg.trusts) offered = offered || t.capacity[s] > 0.0;
    if (!offered) {
      fail(c, spec_entries[s].at("referral_rate"), "specialty[" + cfg.specialties[s].id + "].referral_rate",
           "expected some trust with capacity for '" + cfg.specialties[s].id +
               "': referrals would have nowhere to go");
    }
  }

  try {
    model::check(cfg);
  } catch (const std::invalid_argument& e) {
    throw Error(c.file, 0, "", "", e.what());
  }
  return out;
}

}  // namespace

Override parse_override(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw Error(kCommandLine, 0, std::string(text), "", "expected --set path=value");
  return Override{std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

Scenario load_text(std::string text, std::string source, const std::vector<Override>& overrides) {
  Ctx c;
  c.file = source;
  toml::value root = resolve_extends(parse_toml(text, source), source, c, 0);
  // No line wrapping: toml11 wraps long strings with line-ending backslashes in a way that does
  // not read back the same (a space is lost), and the resolved text is re-read by icsim resume.
  const std::string resolved = toml::format(root, std::numeric_limits<std::size_t>::max());
  for (const auto& o : overrides) apply_override(root, o);
  collect_ids(root, c);
  validate_table(root, registry(), "", c);
  Scenario s = build(root, c);
  s.text = std::move(text);
  s.resolved_text = resolved;
  s.source = std::move(source);
  for (const auto& o : overrides) s.overrides.push_back(o.path + "=" + o.value);
  return s;
}

Scenario load_file(const std::string& path, const std::vector<Override>& overrides) {
  return load_text(read_file(path), path, overrides);
}

Scenario load_default(const std::vector<Override>& overrides) {
  return load_text(std::string(default_text()), "built-in default", overrides);
}

}  // namespace icsim::scenario

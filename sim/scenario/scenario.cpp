#include "scenario/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "scenario/registry.hpp"

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
    case Type::string_array:
    case Type::date_array: {
      if (!v.is_array()) fail(c, v, key, "expected " + f.expectation());
      const auto& a = v.as_array();
      if (f.length && a.size() != f.length) fail(c, v, key, "expected " + f.expectation());
      for (std::size_t i = 0; i < a.size(); ++i) {
        const std::string ek = key + "[" + std::to_string(i) + "]";
        if (f.type == Type::real_array) {
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

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path, 0, "", "", "cannot open the scenario file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

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
  } catch (const Error&) {
    fail(c, ext, "scenario.extends", "expected a readable scenario file (" + base_path.string() + ")");
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
    const auto& progs = get(v, CO, "programme").as_array();
    for (std::size_t k = 0; k < progs.size(); ++k) {
      const auto& pv = progs[k];
      const std::string pkey = key + ".programme[" + std::to_string(k) + "]";
      model::ProgrammeConfig pr;
      pr.type = static_cast<model::ProgrammeType>(choice(pv.at("type"), model::kProgrammeTypeNames));
      pr.specialty = specialty_index.at(pv.at("specialty").as_string().str);
      pr.start_day = static_cast<int>(get(pv, PR, "start_day").as_integer());
      pr.stop_day = has(pv, "stop_day") ? static_cast<int>(pv.at("stop_day").as_integer()) : -1;
      if (pr.stop_day >= 0 && pr.stop_day <= pr.start_day)
        fail(c, pv.at("stop_day"), pkey + ".stop_day", "expected a day after start_day");
      pr.pledge_share = real(get(pv, PR, "pledge_share"));
      bool offered = false;
      for (int m : col.members) offered = offered || cfg.trusts[static_cast<std::size_t>(m)].capacity[static_cast<std::size_t>(pr.specialty)] > 0.0;
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
          if (A.specialty != B.specialty) continue;
          const int a_stop = A.stop_day < 0 ? std::numeric_limits<int>::max() : A.stop_day;
          const int b_stop = B.stop_day < 0 ? std::numeric_limits<int>::max() : B.stop_day;
          if (!(A.start_day < b_stop && B.start_day < a_stop)) continue;
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
    cfg.partnerships.push_back(std::move(pp));
  }

  const TableSpec& PO = *field(R, "pooling").table;
  const toml::value& po = has(root, "pooling") ? root.at("pooling") : *field(R, "pooling").default_value;
  cfg.pooling.acceptance_distance_km = real(get(po, PO, "acceptance_distance_km"));
  cfg.pooling.reoffer_weeks = static_cast<int>(get(po, PO, "reoffer_weeks").as_integer());
  cfg.pooling.transfer_admin_cost = real(get(po, PO, "transfer_admin_cost"));
  cfg.pooling.tariff = real(get(po, PO, "tariff"));
  cfg.pooling.transactional_release = real(get(po, PO, "transactional_release"));

  const TableSpec& PD = *field(R, "pidmas").table;
  const toml::value& pd = has(root, "pidmas") ? root.at("pidmas") : *field(R, "pidmas").default_value;
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
  const toml::value& ov = has(root, "output") ? root.at("output") : *field(R, "output").default_value;
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
  const std::string resolved = toml::format(root);
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

#include "scenario/validate.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <set>

#include "scenario/scenario.hpp"

namespace icsim::scenario::detail {
namespace {

bool made_in_code(const toml::value& v) { return v.location().file_name() == kUnknownFile; }

/// The file a value came from: its own (scenarios can extend other files), or the command line.
std::string file_of(const Ctx& c, const toml::value& v) {
  if (made_in_code(v)) return kCommandLine;
  std::string f = v.location().file_name();
  return f.empty() ? c.file : f;
}

int line_of(const toml::value& v) { return made_in_code(v) ? 0 : static_cast<int>(v.location().line()); }

[[noreturn]] void fail_missing(const Ctx& c, const toml::value& table, const std::string& key,
                               const std::string& expected) {
  throw Error(file_of(c, table), line_of(table), key, "(missing)", "required, " + expected);
}

std::string join(const std::string& prefix, const std::string& key) { return prefix.empty() ? key : prefix + "." + key; }

/// Keys of a table in name order. (Not in file order: toml11 computes a value's line by scanning
/// the file from the start, so locations are only asked for when an error is reported.)
std::vector<std::pair<std::string, const toml::value*>> ordered(const toml::value& t) {
  std::vector<std::pair<std::string, const toml::value*>> kv;
  for (const auto& [k, v] : t.as_table()) kv.emplace_back(k, &v);
  std::sort(kv.begin(), kv.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return kv;
}

void check_number(const toml::value& v, const Field& f, const std::string& key, const Ctx& c) {
  if (!v.is_integer() && !v.is_floating()) fail(c, v, key, "expected " + f.expectation());
  double x = 0.0;
  if (v.is_integer()) {
    const std::int64_t i = v.as_integer();
    // toml11 clamps integers beyond 64 bits to the extremes: such a value was never written.
    if (i == std::numeric_limits<std::int64_t>::max() || i == std::numeric_limits<std::int64_t>::min())
      fail(c, v, key, "expected " + f.expectation() + " (this integer is too large to read)");
    if (f.type == Type::integer || f.type == Type::integer_array) {
      if (!f.fits_storage(i) && f.in_range(static_cast<double>(i)))
        fail(c, v, key, "expected " + f.expectation() + " from " + std::to_string(f.int_min) + " to " +
                            std::to_string(f.int_max) + " (what the model stores)");
    }
    x = static_cast<double>(i);
  } else {
    x = v.as_floating();
    // toml11 turns numbers beyond the double range into the largest double.
    if (!std::isfinite(x) || std::abs(x) == DBL_MAX) fail(c, v, key, "expected a finite number");
  }
  if (!f.in_range(x)) fail(c, v, key, "expected " + f.expectation());
}

void check_ref(const toml::value& v, const std::string& collection, const std::string& key, const Ctx& c) {
  const auto it = c.ids.index.find(collection);
  if (it == c.ids.index.end() || !it->second.count(v.as_string().str)) {
    std::string known;
    if (const auto o = c.ids.ordered.find(collection); o != c.ids.ordered.end()) {
      for (const auto& id : o->second) known += (known.empty() ? "" : ", ") + id;
    }
    fail(c, v, key, "expected the id of a " + collection + " (known: " + known + ")");
  }
}

void validate_array(const toml::value& v, const Field& f, const std::string& key, const Ctx& c) {
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
}

void validate_entries(const toml::value& v, const Field& f, const std::string& key, const Ctx& c) {
  if (!v.is_array()) fail(c, v, key, "expected " + f.expectation());
  std::set<std::string> seen;
  const auto& a = v.as_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::string ek = key + "[" + std::to_string(i) + "]";
    if (!a[i].is_table()) fail(c, a[i], ek, "expected a table ([[" + f.key + "]])");
    const auto& t = a[i].as_table();
    if (const auto it = t.find("id"); it != t.end() && it->second.is_string()) {
      const std::string id = it->second.as_string().str;
      if (!core::valid_id(id)) fail(c, it->second, ek + ".id", "expected an id of 1-100 letters, digits, '_' or '-'");
      if (!seen.insert(id).second) fail(c, it->second, ek + ".id", "expected a unique id: '" + id + "' is used twice");
      ek = key + "[" + id + "]";
    }
    validate_table(a[i], *f.table, ek, c);
  }
}

void validate_map(const toml::value& v, const Field& f, const std::string& key, const Ctx& c) {
  if (!v.is_table()) fail(c, v, key, "expected " + f.expectation());
  for (const auto& [k, item] : ordered(v)) {
    const std::string ek = key + "." + k;
    const auto it = c.ids.index.find(f.key_ref);
    if (it == c.ids.index.end() || !it->second.count(k))
      fail(c, *item, ek, "expected a key that is the id of a " + f.key_ref, false);
    if (f.value_type == Type::table) {
      validate_table(*item, *f.table, ek, c);
    } else {
      Field value = f;  // describe the value, not the map
      value.type = f.value_type;
      check_number(*item, value, ek, c);
    }
  }
}

void validate_value(const toml::value& v, const Field& f, const std::string& key, const Ctx& c) {
  switch (f.type) {
    case Type::integer:
      if (!v.is_integer()) fail(c, v, key, "expected " + f.expectation());
      check_number(v, f, key, c);
      break;
    case Type::real: check_number(v, f, key, c); break;
    case Type::string:
      if (!v.is_string()) fail(c, v, key, "expected " + f.expectation());
      if (!f.choices.empty() &&
          std::find(f.choices.begin(), f.choices.end(), v.as_string().str) == f.choices.end())
        fail(c, v, key, "expected " + f.expectation());
      if (!f.ref.empty()) check_ref(v, f.ref, key, c);
      if (f.is_id && !core::valid_id(v.as_string().str))
        fail(c, v, key, "expected 1-100 letters, digits, '_' or '-' (it names files and folders)");
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
    case Type::date_array: validate_array(v, f, key, c); break;
    case Type::table: validate_table(v, *f.table, key, c); break;
    case Type::table_array: validate_entries(v, f, key, c); break;
    case Type::map: validate_map(v, f, key, c); break;
  }
}

struct Segment {
  std::string name, selector;  ///< "programme[0]": name "programme", selector "0"
};

std::vector<Segment> segments(const std::string& path) {
  std::vector<Segment> out;
  std::size_t i = 0;
  while (i <= path.size()) {
    const std::size_t dot = path.find('.', i);
    std::string seg = path.substr(i, dot == std::string::npos ? std::string::npos : dot - i);
    Segment s;
    if (const auto b = seg.find('['); b != std::string::npos && seg.back() == ']') {
      s.name = seg.substr(0, b);
      s.selector = seg.substr(b + 1, seg.size() - b - 2);
    } else {
      s.name = seg;
    }
    out.push_back(std::move(s));
    if (dot == std::string::npos) break;
    i = dot + 1;
  }
  return out;
}

const toml::value* select(const toml::value& array, const std::string& sel) {
  const auto& a = array.as_array();
  for (const auto& e : a) {
    if (e.is_table() && e.as_table().count("id") && e.as_table().at("id").is_string() &&
        e.as_table().at("id").as_string().str == sel)
      return &e;
  }
  if (!sel.empty() && std::all_of(sel.begin(), sel.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) &&
      sel.size() < 10) {
    const auto idx = static_cast<std::size_t>(std::stoul(sel));
    if (idx < a.size()) return &a[idx];
  }
  return nullptr;
}

}  // namespace

std::string show(const toml::value& v) {
  if (v.is_table()) return "{...}";
  std::string s = toml::format(v);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

void fail(const Ctx& c, const toml::value& at, const std::string& key, const std::string& expected, bool show_value) {
  throw Error(file_of(c, at), line_of(at), key, show_value ? show(at) : std::string(), expected);
}

void collect_ids(const toml::value& root, Ctx& c) {
  for (const auto& f : registry().fields) {
    if (f.type != Type::table_array) continue;
    c.ids.ordered[f.key];
    c.ids.index[f.key];
    const auto it = root.as_table().find(f.key);
    if (it == root.as_table().end() || !it->second.is_array()) continue;
    for (const auto& e : it->second.as_array()) {
      if (e.is_table() && e.as_table().count("id") && e.as_table().at("id").is_string())
        c.ids.add(f.key, e.as_table().at("id").as_string().str);
    }
  }
}

void validate_table(const toml::value& v, const TableSpec& spec, const std::string& path, const Ctx& c) {
  if (!v.is_table()) fail(c, v, path, "expected a table");
  for (const auto& [k, item] : ordered(v)) {
    const Field* f = spec.find(k);
    if (!f) {
      fail(c, *item, join(path, k),
           "unknown key" + std::string(path.empty() ? "" : " in " + path) + "; expected one of: " + spec.key_list(),
           false);
    }
    validate_value(*item, *f, join(path, k), c);
  }
  for (const auto& f : spec.fields) {
    if (f.required && !v.as_table().count(f.key)) fail_missing(c, v, join(path, f.key), f.expectation());
  }
}

void report(const Ctx& c, const toml::value& root, const model::ConfigIssue& issue) {
  const toml::value* node = &root;
  bool found = true, element_of_values = false;
  for (const auto& seg : segments(issue.path)) {
    if (!node->is_table() || !node->as_table().count(seg.name)) {
      found = false;
      break;
    }
    node = &node->as_table().at(seg.name);
    element_of_values = false;
    if (seg.selector.empty()) continue;
    const toml::value* e = node->is_array() ? select(*node, seg.selector) : nullptr;
    if (!e) {
      found = false;
      break;
    }
    element_of_values = !e->is_table();
    node = e;
  }
  std::string key = issue.key.empty() ? issue.path : issue.key;
  if (found && element_of_values && issue.key.empty()) key = key.substr(0, key.rfind('['));  // "members", not "members[2]"
  if (issue.missing) fail_missing(c, *node, key, issue.expected);
  throw Error(file_of(c, *node), line_of(*node), key, found && issue.show_value ? show(*node) : std::string(),
              issue.expected);
}

}  // namespace icsim::scenario::detail

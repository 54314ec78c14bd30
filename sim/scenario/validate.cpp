#include "scenario/validate.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cctype>
#include <cstdio>
#include <limits>
#include <optional>
#include <set>

#include "scenario/scenario.hpp"

namespace icsim::scenario::detail {
namespace {

bool made_in_code(const toml::value& v) { return v.location().file_name() == kUnknownFile; }

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
  if (!f.in_range(x)) {
    const bool percentage = f.unit == "1" && f.max && *f.max <= 1.0 && x > 1.0 && x <= 100.0;
    fail(c, v, key, "expected " + f.expectation() + (percentage ? " (a percentage? shares are fractions: 0.95 means 95%)" : ""));
  }
}

/// " written without quotes (...)" when a string holds a date: TOML dates are not strings.
std::string quoted_date_hint(const toml::value& v) {
  if (!v.is_string()) return "";
  const std::string& t = v.as_string().str;
  const bool looks = t.size() == 10 && t[4] == '-' && t[7] == '-' &&
                     std::all_of(t.begin(), t.end(), [](char ch) { return (ch >= '0' && ch <= '9') || ch == '-'; });
  return looks ? " written without quotes (" + t + ", not \"" + t + "\": quoted, it is a string)" : "";
}

/// A date where a day number is expected: its day counted from the scenario's start date.
void check_day_date(const toml::value& v, const Field& f, const std::string& key, const Ctx& c) {
  const std::int64_t day = c.ids.day_of(v.as_local_date());
  if (!f.in_range(static_cast<double>(day))) {
    fail(c, v, key, "expected " + f.expectation() + " or a date; this date is day " + std::to_string(day) +
                        " of a scenario starting " + c.ids.day0.iso());
  }
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
      fail(c, a[i], ek, "expected a date (YYYY-MM-DD)" + quoted_date_hint(a[i]));
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
      if (v.is_local_date() && f.unit == "day") {
        check_day_date(v, f, key, c);
        break;
      }
      if (!v.is_integer()) fail(c, v, key, "expected " + f.expectation() + (f.unit == "day" ? " or a date" : ""));
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
      if (!v.is_local_date()) fail(c, v, key, "expected " + f.expectation() + quoted_date_hint(v));
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

std::string file_of(const Ctx& c, const toml::value& v) {
  if (made_in_code(v)) return kCommandLine;
  std::string f = v.location().file_name();
  return f.empty() ? c.file : f;
}

int line_of(const toml::value& v) { return made_in_code(v) ? 0 : static_cast<int>(v.location().line()); }

std::string show(const toml::value& v) {
  if (v.is_table()) return "{...}";
  if (v.is_floating()) {  // as written, not toml11's 17 digits (0.90000000000000002)
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", v.as_floating());
    std::string s = buf;
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
    return s;
  }
  std::string s = toml::format(v);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

void fail(const Ctx& c, const toml::value& at, const std::string& key, const std::string& expected, bool show_value) {
  throw Error(file_of(c, at), line_of(at), key, show_value ? show(at) : std::string(), expected);
}

void collect_ids(const toml::value& root, Ctx& c) {
  c.ids.day0 = model::RunConfig{}.start_date;
  if (const auto sc = root.as_table().find("scenario"); sc != root.as_table().end() && sc->second.is_table()) {
    const auto& t = sc->second.as_table();
    if (const auto d = t.find("start_date"); d != t.end() && d->second.is_local_date()) c.ids.day0 = Reader::date(d->second);
  }
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
  for (const auto& entry : ordered(v)) {
    const auto& k = entry.first;  // named, not bound: clang 14 cannot capture structured bindings
    const auto& item = entry.second;
    collect(c, [&] {
      const Field* f = spec.find(k);
      if (!f) {
        fail(c, *item, join(path, k),
             "unknown key" + std::string(path.empty() ? "" : " in " + path) + "; expected one of: " + spec.key_list(),
             false);
      }
      validate_value(*item, *f, join(path, k), c);
    });
  }
  for (const auto& f : spec.fields) {
    if (f.required && !v.as_table().count(f.key))
      collect(c, [&] { fail_missing(c, v, join(path, f.key), f.expectation()); });
  }
}

Located locate(const toml::value& root, const std::string& path) {
  Located at{&root, true, false};
  for (const auto& seg : segments(path)) {
    if (!at.node->is_table() || !at.node->as_table().count(seg.name)) {
      at.found = false;
      break;
    }
    at.node = &at.node->as_table().at(seg.name);
    at.element_of_values = false;
    if (seg.selector.empty()) continue;
    const toml::value* e = at.node->is_array() ? select(*at.node, seg.selector) : nullptr;
    if (!e) {
      at.found = false;
      break;
    }
    at.element_of_values = !e->is_table();
    at.node = e;
  }
  return at;
}

namespace {

/// "urgent.cancel_threshold" when an issue's value is a default and its message names another
/// key of the same table that the file sets: that is the value the writer chose (blame it).
std::optional<std::string> written_partner(const toml::value& root, const model::ConfigIssue& issue) {
  const auto dot = issue.path.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  const std::string table = issue.path.substr(0, dot + 1);
  for (std::size_t at = issue.expected.find(table); at != std::string::npos; at = issue.expected.find(table, at + 1)) {
    std::size_t end = at + table.size();
    while (end < issue.expected.size() && (std::isalnum(static_cast<unsigned char>(issue.expected[end])) ||
                                           issue.expected[end] == '_'))
      ++end;
    const std::string other = issue.expected.substr(at, end - at);
    if (other != issue.path && locate(root, other).found) return other;
  }
  return std::nullopt;
}

}  // namespace

void report(const Ctx& c, const toml::value& root, const model::ConfigIssue& issue) {
  const Located at = locate(root, issue.path);
  const toml::value* node = at.node;
  std::string key = issue.key.empty() ? issue.path : issue.key;
  if (at.found && at.element_of_values && issue.key.empty()) key = key.substr(0, key.rfind('['));  // "members", not "members[2]"
  if (issue.missing) fail_missing(c, *node, key, issue.expected);
  if (!at.found && issue.key.empty()) {
    if (const auto other = written_partner(root, issue)) {
      const toml::value& v = *locate(root, *other).node;
      throw Error(file_of(c, v), line_of(v), *other, show(v),
                  "conflicts with " + issue.path + ", not set here so at its default; for " + issue.path + ", " +
                      issue.expected);
    }
  }
  throw Error(file_of(c, *node), line_of(*node), key, at.found && issue.show_value ? show(*node) : std::string(),
              issue.expected);
}

}  // namespace icsim::scenario::detail

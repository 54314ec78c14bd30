#include "core/params.hpp"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace icsim::core {

std::string param_text(double x) {
  std::ostringstream os;
  os << std::setprecision(15) << x;
  std::string s = os.str();
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  return s;
}
std::string param_text(std::int64_t x) { return std::to_string(x); }
std::string param_text(bool x) { return x ? "true" : "false"; }
std::string param_text(const std::string& x) { return "\"" + x + "\""; }
std::string param_text(const Date& x) { return x.iso(); }

Param& ParamTable::add(std::string key, ParamType type) {
  Param p;
  p.key = std::move(key);
  p.type = type;
  fields.push_back(std::move(p));
  return fields.back();
}

const Param* ParamTable::find(std::string_view key) const {
  for (const auto& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

std::string ParamTable::key_list() const {
  std::string s;
  for (const auto& f : fields) s += (s.empty() ? "" : ", ") + f.key;
  return s;
}

namespace {
std::string number_text(double v) {
  std::ostringstream os;
  os << std::setprecision(15) << v;
  return os.str();
}
}  // namespace

std::string Param::type_name() const {
  switch (type) {
    case ParamType::integer: return "integer";
    case ParamType::real: return "number";
    case ParamType::string: return choices.empty() ? "string" : "enum";
    case ParamType::boolean: return "boolean";
    case ParamType::date: return "date";
    case ParamType::real_array:
      return length ? "array of " + std::to_string(length) + " numbers" : "array of numbers";
    case ParamType::integer_array: return "array of integers";
    case ParamType::string_array: return "array of strings";
    case ParamType::date_array: return "array of dates";
    case ParamType::table: return "table";
    case ParamType::table_array: return "array of tables";
    case ParamType::map:
      return "table: " + key_ref + " id -> " + (value_type == ParamType::table ? "table" : "number");
  }
  return "?";
}

std::string Param::range_text() const {
  if (!choices.empty()) {
    std::string s;
    for (const auto& c : choices) s += (s.empty() ? "" : " | ") + c;
    return s;
  }
  if (!ref.empty()) return "id of a " + ref;
  if (min && max) {
    return std::string(min_open ? "(" : "[") + number_text(*min) + ", " + number_text(*max) + (max_open ? ")" : "]");
  }
  if (min) return std::string(min_open ? "> " : ">= ") + number_text(*min);
  if (max) return std::string(max_open ? "< " : "<= ") + number_text(*max);
  return "";
}

std::string Param::expectation() const {
  std::string what;
  switch (type) {
    case ParamType::integer: what = "an integer"; break;
    case ParamType::real: what = "a number"; break;
    case ParamType::string:
      what = choices.empty() ? (ref.empty() ? (is_id ? "an id of letters, digits, '_' or '-'" : "a string")
                                            : "the id of a " + ref)
                             : "one of";
      break;
    case ParamType::boolean: what = "true or false"; break;
    case ParamType::date: what = "a date (YYYY-MM-DD)"; break;
    case ParamType::real_array:
      what = length ? "an array of " + std::to_string(length) + " numbers" : "an array of numbers";
      break;
    case ParamType::integer_array: what = "an array of integers"; break;
    case ParamType::string_array: what = "an array of strings"; break;
    case ParamType::date_array: what = "an array of dates"; break;
    case ParamType::table: what = "a table"; break;
    case ParamType::table_array: what = "an array of tables ([[" + key + "]])"; break;
    case ParamType::map: what = "a table keyed by " + key_ref + " id"; break;
  }
  const std::string range = range_text();
  if (!choices.empty()) return what + ": " + range;
  if (!range.empty() && ref.empty()) what += " " + range;
  if (!unit.empty() && unit != "1") what += " (" + unit + ")";
  return what;
}

bool Param::in_range(double x) const {
  const bool low = min && (min_open ? !(x > *min) : !(x >= *min));
  const bool high = max && (max_open ? !(x < *max) : !(x <= *max));
  return !low && !high;
}

Param& ParamSchema::param(std::vector<int>& x, const std::string& key) {
  std::string s = "[";
  for (int v : x) s += (s.size() > 1 ? ", " : "") + std::to_string(v);
  Param& p = array(key, ParamType::integer_array, s + "]");
  p.int_min = std::numeric_limits<int>::min();
  p.int_max = std::numeric_limits<int>::max();
  return p;
}

Param& ParamSchema::param(std::vector<std::string>& x, const std::string& key) {
  std::string s = "[";
  for (const auto& v : x) s += (s.size() > 1 ? ", " : "") + param_text(v);
  return array(key, ParamType::string_array, s + "]");
}

Param& ParamSchema::param(std::vector<Date>& x, const std::string& key) {
  std::string s = "[";
  for (const auto& v : x) s += (s.size() > 1 ? ", " : "") + v.iso();
  return array(key, ParamType::date_array, s + "]");
}

Param& ParamSchema::ref(int& /*x*/, const std::string& key, const std::string& collection) {
  Param& p = add(key, ParamType::string);
  p.ref = collection;
  return p;
}

Param& ParamSchema::refs(std::vector<int>& /*x*/, const std::string& key, const std::string& collection) {
  Param& p = array(key, ParamType::string_array, "[]");
  p.ref = collection;
  return p;
}

Param& ParamSchema::map(std::vector<double>& /*x*/, const std::string& key, const std::string& collection) {
  Param& p = add(key, ParamType::map);
  p.key_ref = collection;
  p.value_type = ParamType::real;
  p.has_default = true;
  p.default_text = "{}";
  return p;
}

bool valid_id(std::string_view s) {
  if (s.empty() || s.size() > 100) return false;
  for (char ch : s) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
    if (!ok) return false;
  }
  return true;
}

void ParamChecker::finish() {
  for (const auto& p : pending_) {
    if (p.text) {
      if (p.param.required && p.text->empty()) {
        out_.push_back({p.path, "required, " + p.param.expectation()});
      } else if (p.param.is_id && !p.text->empty() && !valid_id(*p.text)) {
        out_.push_back({p.path, "expected an id of 1-100 letters, digits, '_' or '-'"});
      }
      continue;
    }
    for (std::size_t i = 0; i < p.values.size(); ++i) {
      const std::string where = p.values.size() > 1 || p.param.type == ParamType::real_array ||
                                        p.param.type == ParamType::integer_array || p.param.type == ParamType::map
                                    ? p.path + "[" + std::to_string(i) + "]"
                                    : p.path;
      const double x = p.values[i];
      bool ok = std::isfinite(x) && p.param.in_range(x);
      if (p.integer && i < p.ints.size()) ok = ok && p.ints[i] >= p.param.int_min && p.ints[i] <= p.param.int_max;
      if (!ok) out_.push_back({where, "expected " + p.param.expectation()});
    }
  }
  pending_.clear();
}

namespace {
void flatten(const ParamTable& t, const std::string& prefix, std::vector<ParamRow>& rows) {
  for (const auto& f : t.fields) {
    const std::string path = prefix.empty() ? f.key : prefix + "." + f.key;
    const bool container = f.type == ParamType::table || f.type == ParamType::table_array ||
                           (f.type == ParamType::map && f.value_type == ParamType::table);
    if (!container) {
      ParamRow r;
      r.path = f.type == ParamType::map ? path + ".<" + f.key_ref + ">" : path;
      r.type = f.type_name();
      r.unit = f.unit;
      r.default_text = f.has_default ? f.default_text : "";
      r.range = f.range_text();
      r.description = f.description;
      r.source = f.source;
      r.seed = f.seed;
      r.required = f.required;
      rows.push_back(std::move(r));
    }
    if (f.table) flatten(*f.table, f.type == ParamType::map ? path + ".<" + f.key_ref + ">" : path, rows);
  }
}
}  // namespace

std::vector<ParamRow> param_rows(const ParamTable& root) {
  std::vector<ParamRow> rows;
  flatten(root, "", rows);
  return rows;
}

}  // namespace icsim::core

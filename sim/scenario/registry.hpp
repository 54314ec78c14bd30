#pragma once
// The parameter registry: every scenario key declared once with its type, unit, default, range,
// description and source. It drives validation, defaults, `icsim params` and docs/scenarios.md.
#include <toml.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace icsim::scenario {

enum class Type {
  integer,
  real,
  string,
  boolean,
  date,
  real_array,
  integer_array,
  string_array,
  date_array,
  table,        ///< a sub-table with its own fields
  table_array,  ///< [[name]] entries, each with an "id"
  map,          ///< a table whose keys are ids of another collection
};

struct TableSpec;

struct Field {
  std::string key;
  Type type = Type::real;
  std::string unit;
  std::optional<toml::value> default_value;  ///< absent: required, or no default (see required)
  bool required = false;
  std::optional<double> min, max;  ///< inclusive unless the *_open flag is set
  bool min_open = false, max_open = false;
  std::size_t length = 0;             ///< fixed array length (0: any)
  std::vector<std::string> choices;   ///< allowed strings
  std::string ref;                    ///< string(s) must be ids of this collection
  std::string key_ref;                ///< map: keys must be ids of this collection
  Type value_type = Type::real;       ///< map: type of the values (real or table)
  std::shared_ptr<TableSpec> table;   ///< table, table_array, map of tables
  std::string description;
  std::string source;

  // fluent construction
  Field& unit_is(std::string u) { unit = std::move(u); return *this; }
  Field& def(toml::value v) { default_value = std::move(v); return *this; }
  Field& needed() { required = true; return *this; }
  Field& at_least(double v) { min = v; return *this; }
  Field& above(double v) { min = v; min_open = true; return *this; }
  Field& at_most(double v) { max = v; return *this; }
  Field& below(double v) { max = v; max_open = true; return *this; }
  Field& sized(std::size_t n) { length = n; return *this; }
  Field& one_of(std::vector<std::string> c) { choices = std::move(c); return *this; }
  Field& refers_to(std::string collection) { ref = std::move(collection); return *this; }
  Field& describe(std::string d) { description = std::move(d); return *this; }
  Field& from(std::string s) { source = std::move(s); return *this; }

  /// "a number >= 0", "an integer in 1..7", "one of: a, b" ... for error messages and docs.
  [[nodiscard]] std::string expectation() const;
  [[nodiscard]] std::string type_name() const;
  [[nodiscard]] std::string range_text() const;
};

struct TableSpec {
  std::string path;  ///< dotted path in docs, e.g. "trust.initial_list.<specialty>"
  std::string description;
  std::vector<Field> fields;

  Field& add(std::string key, Type type);
  [[nodiscard]] const Field* find(std::string_view key) const;
  [[nodiscard]] std::string key_list() const;  ///< "a, b, c" for "unknown key" messages
};

/// The root of the registry (the whole scenario file).
const TableSpec& registry();

/// One documented parameter, flattened from the registry tree.
struct ParamRow {
  std::string path, type, unit, default_text, range, description, source;
  bool required = false;
};
std::vector<ParamRow> parameter_rows();

/// The reference as Markdown (docs/scenarios.md embeds it) or as a plain-text table.
/// Every parameter (or those whose key starts with one of `prefixes`) as a Markdown table / text.
std::string parameters_markdown(const std::vector<std::string>& prefixes = {});
std::string parameters_text(const std::vector<std::string>& prefixes = {});

}  // namespace icsim::scenario

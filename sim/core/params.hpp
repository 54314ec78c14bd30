#pragma once
// Parameters declared once. A configuration struct lists its parameters in one template member,
//
//   template <class V> void fields(V& v) {
//     v.param(wait_weeks, "wait_weeks").unit("weeks").above(0).describe("...").from("...");
//   }
//
// and every use is a visitor of that list: ParamSchema (below) builds the documented schema
// (type from the member's C++ type, default from its initial value, range, unit, description,
// source); the scenario layer's reader fills the members from a file; tests compare. So the
// C++ default, the file's default, the docs and the validation can never disagree.
//
// Visitors offer the same calls: param (a value), choice (an enum by name), ref / refs (ids of
// another collection, stored as indices), map (values keyed by the ids of a collection), table
// (a sub-table), tables (an array of tables, [[key]]), group (a sub-table of the parent's own
// members) and accept (a key that is read elsewhere). Each returns a Param& whose fluent setters describe it; visitors that only
// read values ignore what is set.
#include <array>
#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/calendar.hpp"

namespace icsim::core {

enum class ParamType : std::uint8_t {
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
  table_array,  ///< [[name]] entries
  map,          ///< a table whose keys are ids of another collection
};

struct ParamTable;

/// One documented parameter.
struct Param {
  std::string key;
  ParamType type = ParamType::real;
  std::string unit;
  bool has_default = false;
  std::string default_text;  ///< the default as a reader would write it, or a note ("the id")
  bool required = false;
  std::optional<double> min, max;  ///< declared range, inclusive unless *_open
  bool min_open = false, max_open = false;
  std::int64_t int_min = std::numeric_limits<std::int64_t>::min();  ///< integers: what the storage type holds
  std::int64_t int_max = std::numeric_limits<std::int64_t>::max();
  std::size_t length = 0;            ///< fixed array length (0: any)
  std::vector<std::string> choices;  ///< allowed strings
  std::string ref;                   ///< string(s) must be ids of this collection
  std::string key_ref;               ///< map: keys must be ids of this collection
  ParamType value_type = ParamType::real;  ///< map: type of the values (real or table)
  std::shared_ptr<ParamTable> table;       ///< table, table_array, map of tables
  bool is_id = false;  ///< an id: letters, digits, '_' and '-', unique within its collection
  std::string description;
  std::string source;  ///< a published figure, or "Assumption" with what it rests on
  std::string seed;    ///< the statement of the policy documents it traces to, if any

  Param& unit_is(std::string u) { unit = std::move(u); return *this; }
  Param& needed() { required = true; has_default = false; default_text.clear(); return *this; }
  Param& at_least(double v) { min = v; min_open = false; return *this; }
  Param& above(double v) { min = v; min_open = true; return *this; }
  Param& at_most(double v) { max = v; max_open = false; return *this; }
  Param& below(double v) { max = v; max_open = true; return *this; }
  Param& sized(std::size_t n) { length = n; return *this; }
  Param& one_of(std::vector<std::string> c) { choices = std::move(c); return *this; }
  Param& refers_to(std::string collection) { ref = std::move(collection); return *this; }
  Param& id() { is_id = true; return *this; }
  /// What an absent value means, shown as its default ("the id", "never").
  Param& absent_means(std::string note) { has_default = true; default_text = std::move(note); return *this; }
  Param& describe(std::string d) { description = std::move(d); return *this; }
  Param& from(std::string s) { source = std::move(s); return *this; }
  Param& seed_statement(std::string s) { seed = std::move(s); return *this; }

  /// "a number >= 0", "an integer in 1..7", "one of: a, b" ... for error messages and docs.
  [[nodiscard]] std::string expectation() const;
  [[nodiscard]] std::string type_name() const;
  [[nodiscard]] std::string range_text() const;
  /// True if x is within the declared range and what the storage type holds.
  [[nodiscard]] bool in_range(double x) const;
  /// True if an integer fits the member that stores it.
  [[nodiscard]] bool fits_storage(std::int64_t x) const { return x >= int_min && x <= int_max; }
};

/// The parameters of one table (the whole file, a section, one entry of an array of tables).
struct ParamTable {
  std::string path;  ///< dotted path in docs, e.g. "trust.initial_list.<specialty>"
  std::string description;
  std::vector<Param> fields;

  Param& add(std::string key, ParamType type);
  [[nodiscard]] const Param* find(std::string_view key) const;
  [[nodiscard]] std::string key_list() const;  ///< "a, b, c" for "unknown key" messages
};

/// A value type stored as a fixed-size array of numbers in files (e.g. a position [x, y]):
/// it declares kArraySize, to_array() and from_array().
template <class T>
concept ArrayParam = requires(const T& t, const std::array<double, T::kArraySize>& a) {
  { t.to_array() } -> std::same_as<std::array<double, T::kArraySize>>;
  { T::from_array(a) } -> std::same_as<T>;
};

/// Text of a default value, as a reader would write it in a file.
std::string param_text(double x);
std::string param_text(std::int64_t x);
std::string param_text(bool x);
std::string param_text(const std::string& x);
std::string param_text(const Date& x);

/// Builds the schema of a struct from its fields(): ParamSchema s(table); x.fields(s);
class ParamSchema {
 public:
  explicit ParamSchema(ParamTable& table) : table_(table) {}

  Param& param(bool& x, const std::string& key) { return scalar(key, ParamType::boolean, param_text(x)); }
  Param& param(double& x, const std::string& key) { return scalar(key, ParamType::real, param_text(x)); }
  Param& param(std::string& x, const std::string& key) { return scalar(key, ParamType::string, param_text(x)); }
  Param& param(Date& x, const std::string& key) { return scalar(key, ParamType::date, param_text(x)); }
  template <class I>
    requires(std::is_integral_v<I> && !std::is_same_v<I, bool>)
  Param& param(I& x, const std::string& key) {
    Param& p = scalar(key, ParamType::integer, param_text(static_cast<std::int64_t>(x)));
    p.int_min = static_cast<std::int64_t>(std::numeric_limits<I>::min());
    if constexpr (std::is_unsigned_v<I> && sizeof(I) >= sizeof(std::int64_t)) {
      p.int_max = std::numeric_limits<std::int64_t>::max();
    } else {
      p.int_max = static_cast<std::int64_t>(std::numeric_limits<I>::max());
    }
    return p;
  }
  template <std::size_t N>
  Param& param(std::array<double, N>& x, const std::string& key) {
    return array(key, ParamType::real_array, numbers(x.begin(), x.end())).sized(N);
  }
  template <ArrayParam T>
  Param& param(T& x, const std::string& key) {
    const auto a = x.to_array();
    return array(key, ParamType::real_array, numbers(a.begin(), a.end())).sized(T::kArraySize);
  }
  Param& param(std::vector<double>& x, const std::string& key) {
    return array(key, ParamType::real_array, numbers(x.begin(), x.end()));
  }
  Param& param(std::vector<int>& x, const std::string& key);
  Param& param(std::vector<std::string>& x, const std::string& key);
  Param& param(std::vector<Date>& x, const std::string& key);
  /// An optional value: absent means what absent_means() says.
  template <class T>
  Param& param(std::optional<T>& x, const std::string& key) {
    T probe = x.value_or(T{});
    Param& p = param(probe, key);
    p.has_default = false;
    p.default_text.clear();
    return p;
  }
  /// An enum read by name: names[i] is the name of value i.
  template <class E, std::size_t N>
  Param& choice(E& x, const std::string& key, const std::array<const char*, N>& names) {
    Param& p = scalar(key, ParamType::string, param_text(std::string(names[static_cast<std::size_t>(x)])));
    p.choices.assign(names.begin(), names.end());
    return p;
  }
  /// The id of an entry of `collection`, stored as its index (-1: absent).
  Param& ref(int& x, const std::string& key, const std::string& collection);
  /// Ids of entries of `collection`, stored as indices.
  Param& refs(std::vector<int>& x, const std::string& key, const std::string& collection);
  /// Numbers keyed by the ids of `collection`, stored by index (absent ids: 0).
  Param& map(std::vector<double>& x, const std::string& key, const std::string& collection);
  /// Tables keyed by the ids of `collection`, stored by index (absent ids: T{}).
  template <class T>
  Param& map(std::vector<T>& /*x*/, const std::string& key, const std::string& collection,
             const std::string& description) {
    Param& p = add(key, ParamType::map);
    p.key_ref = collection;
    p.value_type = ParamType::table;
    p.table = sub_table<T>(child_path(key) + ".<" + collection + ">", description);
    p.has_default = true;
    p.default_text = "{}";
    return p;
  }
  /// A sub-table [key] holding a struct.
  template <class T>
  Param& table(T& /*x*/, const std::string& key, const std::string& description) {
    Param& p = add(key, ParamType::table);
    p.table = sub_table<T>(child_path(key), description);
    p.has_default = true;
    p.default_text = "{}";
    return p;
  }
  /// An array of tables [[key]], each a T.
  template <class T>
  Param& tables(std::vector<T>& /*x*/, const std::string& key, const std::string& description) {
    Param& p = add(key, ParamType::table_array);
    p.table = sub_table<T>(child_path(key), description);
    p.has_default = true;
    p.default_text = "[]";
    return p;
  }
  /// A sub-table whose parameters are members of the struct being declared: declare(schema).
  template <class F>
  Param& group(const std::string& key, const std::string& description, F&& declare) {
    Param& p = add(key, ParamType::table);
    p.table = std::make_shared<ParamTable>();
    p.table->path = child_path(key);
    p.table->description = description;
    ParamSchema sub(*p.table);
    declare(sub);
    p.has_default = true;
    p.default_text = "{}";
    return p;
  }
  /// A key of the file that is read elsewhere (e.g. before validation).
  Param& accept(const std::string& key, ParamType type) { return add(key, type); }

 private:
  Param& add(const std::string& key, ParamType type) { return table_.add(key, type); }
  Param& scalar(const std::string& key, ParamType type, std::string def) {
    Param& p = add(key, type);
    p.has_default = !def.empty();
    p.default_text = std::move(def);
    return p;
  }
  Param& array(const std::string& key, ParamType type, std::string def) {
    Param& p = add(key, type);
    p.has_default = true;
    p.default_text = std::move(def);
    return p;
  }
  template <class It>
  static std::string numbers(It b, It e) {
    std::string s = "[";
    for (It i = b; i != e; ++i) s += (s.size() > 1 ? ", " : "") + param_text(static_cast<double>(*i));
    return s + "]";
  }
  [[nodiscard]] std::string child_path(const std::string& key) const {
    return table_.path.empty() ? key : table_.path + "." + key;
  }
  template <class T>
  static std::shared_ptr<ParamTable> sub_table(std::string path, const std::string& description) {
    auto t = std::make_shared<ParamTable>();
    t->path = std::move(path);
    t->description = description;
    T probe{};
    ParamSchema sub(*t);
    probe.fields(sub);
    return t;
  }

  ParamTable& table_;
};

/// The schema of a struct T (its fields()) as a table with the given path and description.
template <class T>
std::shared_ptr<ParamTable> schema_of(std::string path = {}, std::string description = {}) {
  auto t = std::make_shared<ParamTable>();
  t->path = std::move(path);
  t->description = std::move(description);
  T probe{};
  ParamSchema s(*t);
  probe.fields(s);
  return t;
}

/// A value outside its declared range, found by ParamChecker.
struct ParamProblem {
  std::string path;      ///< e.g. "trust[2].capacity[0]" (entries by index)
  std::string expected;  ///< "expected a number >= 0 (treatments per working day)"
};

/// Checks the values of a struct built in code against their declarations (ranges, what the
/// storage holds, ids): x.fields(checker); checker.finish(). Files are checked before they are
/// read, with file positions (sim/scenario); this serves configurations built in code.
class ParamChecker {
 public:
  explicit ParamChecker(std::vector<ParamProblem>& out, std::string path = {}) : out_(out), path_(std::move(path)) {}
  ParamChecker(const ParamChecker&) = delete;
  ParamChecker& operator=(const ParamChecker&) = delete;
  ~ParamChecker() = default;

  Param& param(bool& /*x*/, const std::string& key) { return skip(key); }
  Param& param(std::string& x, const std::string& key) { return text(key, x); }
  Param& param(Date& /*x*/, const std::string& key) { return skip(key); }
  Param& param(double& x, const std::string& key) { return numbers(key, {x}, false); }
  template <class I>
    requires(std::is_integral_v<I> && !std::is_same_v<I, bool>)
  Param& param(I& x, const std::string& key) {
    Param& p = numbers(key, {static_cast<double>(x)}, true);
    pending_.back().ints = {static_cast<std::int64_t>(x)};
    if constexpr (std::is_unsigned_v<I> && sizeof(I) >= sizeof(std::int64_t)) {
      if (x > static_cast<I>(std::numeric_limits<std::int64_t>::max())) pending_.back().ints = {-1};
    }
    return p;
  }
  template <std::size_t N>
  Param& param(std::array<double, N>& x, const std::string& key) {
    return numbers(key, std::vector<double>(x.begin(), x.end()), false);
  }
  template <ArrayParam T>
  Param& param(T& x, const std::string& key) {
    const auto a = x.to_array();
    return numbers(key, std::vector<double>(a.begin(), a.end()), false);
  }
  Param& param(std::vector<double>& x, const std::string& key) { return numbers(key, x, false); }
  Param& param(std::vector<int>& x, const std::string& key) {
    Param& p = numbers(key, std::vector<double>(x.begin(), x.end()), true);
    pending_.back().ints.assign(x.begin(), x.end());
    return p;
  }
  Param& param(std::vector<std::string>& /*x*/, const std::string& key) { return skip(key); }
  Param& param(std::vector<Date>& /*x*/, const std::string& key) { return skip(key); }
  template <class T>
  Param& param(std::optional<T>& x, const std::string& key) {
    if (x) return param(*x, key);
    return skip(key);
  }
  template <class E, std::size_t N>
  Param& choice(E& x, const std::string& key, const std::array<const char*, N>& /*names*/) {
    if (static_cast<std::size_t>(x) >= N) out_.push_back({join(key), "expected a valid choice"});
    return skip(key);
  }
  Param& ref(int& /*x*/, const std::string& key, const std::string& /*collection*/) { return skip(key); }
  Param& refs(std::vector<int>& /*x*/, const std::string& key, const std::string& /*collection*/) { return skip(key); }
  Param& map(std::vector<double>& x, const std::string& key, const std::string& /*collection*/) {
    return numbers(key, x, false);
  }
  template <class T>
  Param& map(std::vector<T>& x, const std::string& key, const std::string& /*collection*/, const std::string& /*d*/) {
    return each(x, key);
  }
  template <class T>
  Param& table(T& x, const std::string& key, const std::string& /*description*/) {
    ParamChecker sub(out_, join(key));
    x.fields(sub);
    sub.finish();
    return skip(key);
  }
  template <class T>
  Param& tables(std::vector<T>& x, const std::string& key, const std::string& /*description*/) {
    return each(x, key);
  }
  template <class F>
  Param& group(const std::string& key, const std::string& /*description*/, F&& declare) {
    ParamChecker sub(out_, join(key));
    declare(sub);
    sub.finish();
    return skip(key);
  }
  Param& accept(const std::string& key, ParamType /*type*/) { return skip(key); }

  /// Checks what the declarations said of the values seen.
  void finish();

 private:
  struct Pending {
    std::string path;
    Param param;
    std::vector<double> values;
    std::vector<std::int64_t> ints;
    bool integer = false;
    const std::string* text = nullptr;
  };
  [[nodiscard]] std::string join(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  Param& skip(const std::string& key) {
    pending_.push_back({join(key), {}, {}, {}, false, nullptr});
    return pending_.back().param;
  }
  Param& numbers(const std::string& key, std::vector<double> values, bool integer) {
    pending_.push_back({join(key), {}, std::move(values), {}, integer, nullptr});
    return pending_.back().param;
  }
  Param& text(const std::string& key, const std::string& x) {
    pending_.push_back({join(key), {}, {}, {}, false, &x});
    return pending_.back().param;
  }
  template <class T>
  Param& each(std::vector<T>& x, const std::string& key) {
    for (std::size_t i = 0; i < x.size(); ++i) {
      ParamChecker sub(out_, join(key) + "[" + std::to_string(i) + "]");
      x[i].fields(sub);
      sub.finish();
    }
    return skip(key);
  }

  std::vector<ParamProblem>& out_;
  std::string path_;
  std::deque<Pending> pending_;  // stable references while the declaration chains setters
};

/// True for an id: 1-100 letters, digits, '_' or '-'.
bool valid_id(std::string_view s);

/// One documented parameter, flattened from a schema tree (for listings and docs).
struct ParamRow {
  std::string path, type, unit, default_text, range, description, source, seed;
  bool required = false;
};
std::vector<ParamRow> param_rows(const ParamTable& root);

}  // namespace icsim::core

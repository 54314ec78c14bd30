#pragma once
// Reads a validated scenario document into the model's configuration through the same
// declarations that made the schema (core/params.hpp): x.fields(reader). Values have been
// checked against the schema already (validate.cpp), so reading cannot fail; absent keys keep
// the member's initial value, which is the declared default.
#include <toml.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/params.hpp"

namespace icsim::scenario {

/// The ids of each collection ([[place]], [[trust]], ...) in file order, and the scenario's
/// start date (day numbers may be written as dates: the day of that date counted from it).
struct Ids {
  std::map<std::string, std::vector<std::string>> ordered;
  std::map<std::string, std::map<std::string, int>> index;
  core::Date day0{2024, 4, 1};

  /// The day number of a date: days after day0 (negative before it).
  [[nodiscard]] std::int64_t day_of(const toml::local_date& d) const {
    using namespace std::chrono;
    const sys_days a{year{d.year} / month{static_cast<unsigned>(d.month) + 1u} / day{d.day}};
    const sys_days b{year{day0.year} / month{day0.month} / day{day0.day}};
    return (a - b).count();
  }

  void add(const std::string& collection, const std::string& id) {
    index[collection].emplace(id, static_cast<int>(ordered[collection].size()));
    ordered[collection].push_back(id);
  }
  [[nodiscard]] int of(const std::string& collection, const std::string& id) const {
    return index.at(collection).at(id);
  }
  [[nodiscard]] std::size_t count(const std::string& collection) const {
    const auto it = ordered.find(collection);
    return it == ordered.end() ? 0 : it->second.size();
  }
};

class Reader {
 public:
  /// `table` may be null (an absent table: everything keeps its default).
  Reader(const toml::value* table, const Ids& ids) : table_(table), ids_(ids) {}

  core::Param& param(bool& x, const std::string& key) {
    if (const auto* v = find(key)) x = v->as_boolean();
    return scratch();
  }
  core::Param& param(double& x, const std::string& key) {
    if (const auto* v = find(key)) x = real(*v);
    return scratch();
  }
  core::Param& param(std::string& x, const std::string& key) {
    if (const auto* v = find(key)) x = v->as_string().str;
    return scratch();
  }
  core::Param& param(core::Date& x, const std::string& key) {
    if (const auto* v = find(key)) x = date(*v);
    return scratch();
  }
  template <class I>
    requires(std::is_integral_v<I> && !std::is_same_v<I, bool>)
  core::Param& param(I& x, const std::string& key) {
    if (const auto* v = find(key)) x = static_cast<I>(v->is_local_date() ? ids_.day_of(v->as_local_date()) : v->as_integer());
    return scratch();
  }
  template <std::size_t N>
  core::Param& param(std::array<double, N>& x, const std::string& key) {
    if (const auto* v = find(key)) x = reals<N>(*v);
    return scratch();
  }
  template <core::ArrayParam T>
  core::Param& param(T& x, const std::string& key) {
    if (const auto* v = find(key)) x = T::from_array(reals<T::kArraySize>(*v));
    return scratch();
  }
  core::Param& param(std::vector<double>& x, const std::string& key) {
    if (const auto* v = find(key)) {
      x.clear();
      for (const auto& e : v->as_array()) x.push_back(real(e));
    }
    return scratch();
  }
  core::Param& param(std::vector<int>& x, const std::string& key) {
    if (const auto* v = find(key)) {
      x.clear();
      for (const auto& e : v->as_array()) x.push_back(static_cast<int>(e.as_integer()));
    }
    return scratch();
  }
  core::Param& param(std::vector<std::string>& x, const std::string& key) {
    if (const auto* v = find(key)) {
      x.clear();
      for (const auto& e : v->as_array()) x.push_back(e.as_string().str);
    }
    return scratch();
  }
  core::Param& param(std::vector<core::Date>& x, const std::string& key) {
    if (const auto* v = find(key)) {
      x.clear();
      for (const auto& e : v->as_array()) x.push_back(date(e));
    }
    return scratch();
  }
  template <class T>
  core::Param& param(std::optional<T>& x, const std::string& key) {
    if (find(key)) {
      T value{};
      param(value, key);
      x = value;
    }
    return scratch();
  }
  template <class E, std::size_t N>
  core::Param& choice(E& x, const std::string& key, const std::array<const char*, N>& names) {
    if (const auto* v = find(key)) {
      for (std::size_t i = 0; i < N; ++i) {
        if (v->as_string().str == names[i]) x = static_cast<E>(i);
      }
    }
    return scratch();
  }
  core::Param& ref(int& x, const std::string& key, const std::string& collection) {
    if (const auto* v = find(key)) x = ids_.of(collection, v->as_string().str);
    return scratch();
  }
  core::Param& refs(std::vector<int>& x, const std::string& key, const std::string& collection) {
    if (const auto* v = find(key)) {
      x.clear();
      for (const auto& e : v->as_array()) x.push_back(ids_.of(collection, e.as_string().str));
    }
    return scratch();
  }
  core::Param& map(std::vector<double>& x, const std::string& key, const std::string& collection) {
    x.assign(ids_.count(collection), 0.0);
    if (const auto* v = find(key)) {
      for (const auto& [k, e] : v->as_table()) x[static_cast<std::size_t>(ids_.of(collection, k))] = real(e);
    }
    return scratch();
  }
  template <class T>
  core::Param& map(std::vector<T>& x, const std::string& key, const std::string& collection,
                   const std::string& /*description*/) {
    x.assign(ids_.count(collection), T{});
    if (const auto* v = find(key)) {
      for (const auto& [k, e] : v->as_table()) {
        Reader sub(&e, ids_);
        x[static_cast<std::size_t>(ids_.of(collection, k))].fields(sub);
      }
    }
    return scratch();
  }
  template <class T>
  core::Param& table(T& x, const std::string& key, const std::string& /*description*/) {
    Reader sub(find(key), ids_);
    x.fields(sub);
    return scratch();
  }
  template <class T>
  core::Param& tables(std::vector<T>& x, const std::string& key, const std::string& /*description*/) {
    x.clear();
    if (const auto* v = find(key)) {
      for (const auto& e : v->as_array()) {
        T t{};
        Reader sub(&e, ids_);
        t.fields(sub);
        x.push_back(std::move(t));
      }
    }
    return scratch();
  }
  template <class F>
  core::Param& group(const std::string& key, const std::string& /*description*/, F&& declare) {
    Reader sub(find(key), ids_);
    declare(sub);
    return scratch();
  }
  core::Param& accept(const std::string& /*key*/, core::ParamType /*type*/) { return scratch(); }

  static double real(const toml::value& v) {
    return v.is_integer() ? static_cast<double>(v.as_integer()) : v.as_floating();
  }
  static core::Date date(const toml::value& v) {
    const auto& d = v.as_local_date();
    return core::Date{d.year, static_cast<unsigned>(d.month) + 1u, static_cast<unsigned>(d.day)};
  }

 private:
  [[nodiscard]] const toml::value* find(const std::string& key) const {
    if (!table_ || !table_->is_table()) return nullptr;
    const auto& t = table_->as_table();
    const auto it = t.find(key);
    return it == t.end() ? nullptr : &it->second;
  }
  template <std::size_t N>
  static std::array<double, N> reals(const toml::value& v) {
    std::array<double, N> a{};
    for (std::size_t i = 0; i < N; ++i) a[i] = real(v.as_array()[i]);
    return a;
  }
  core::Param& scratch() {
    scratch_ = core::Param{};
    return scratch_;
  }

  const toml::value* table_;
  const Ids& ids_;
  core::Param scratch_;
};

}  // namespace icsim::scenario

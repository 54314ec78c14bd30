#pragma once
// Events: what happens at monthly meetings, yearly allocations and in mutual aid, as rows of the
// /events tables. Each row type declares its table once — name, description, and its columns in
// columns(): a visitor sees each column's name, value and how it is written (a number with its
// unit, a flag, a label of an enum, or the id of an entity of an axis). Mechanisms append rows to
// their own tables (EventTables, below); the run writes every table from these declarations
// (sim/app/event_log.cpp). Rows are declared in each mechanism's folder (<mechanism>/events.hpp).
#include <tuple>
#include <vector>

namespace icsim::model {

// The visitor's calls (see sim/app/event_log.cpp):
//   v.number(name, x, unit)      an integer or real column
//   v.flag(name, b)              0 or 1
//   v.label(name, e, names)      names[e]
//   v.id(name, i, axis, absent)  the id of entity i of an axis ("trust", "organisation",
//                                "collaborative", "ics", "specialty"); `absent` when i < 0
//   v.text(name, s)
//   v.ids(name, is, axis, none)  the ids of entities, comma-separated; `none` when empty

/// A mechanism's event tables: one vector of rows per row type.
template <class... Rows>
struct EventTables {
  std::tuple<std::vector<Rows>...> rows;

  template <class R>
  std::vector<R>& of() {
    return std::get<std::vector<R>>(rows);
  }
  template <class R>
  [[nodiscard]] const std::vector<R>& of() const {
    return std::get<std::vector<R>>(rows);
  }
  template <class F>
  void for_each(F&& f) const {
    std::apply([&](const auto&... v) { (f(v), ...); }, rows);
  }
  template <class Ar>
  void serialize(Ar& ar) {
    std::apply([&](auto&... v) { (ar(v), ...); }, rows);
  }
};

}  // namespace icsim::model

// The run's events as /events tables, written from each row type's declaration of its columns
// (model/events.hpp).
#include <map>
#include <stdexcept>
#include <type_traits>

#include "app/replication.hpp"

namespace icsim::app::detail {
namespace {

/// The ids of the entities of each axis an event column may name.
std::map<std::string, std::vector<std::string>> axis_ids(const model::Config& c) {
  std::map<std::string, std::vector<std::string>> ids;
  for (const auto& t : c.trusts) ids["trust"].push_back(t.id);
  for (const auto& s : c.specialties) ids["specialty"].push_back(s.id);
  for (const auto& x : c.collaboratives) ids["collaborative"].push_back(x.id);
  for (const auto& x : c.ics) ids["ics"].push_back(x.id);
  for (const auto& x : c.shocks) ids["shock"].push_back(x.id);
  ids["organisation"] = c.organisation_ids();
  return ids;
}

/// Builds a table's columns: first from a default row (so empty tables have their columns),
/// then row by row.
class ColumnWriter {
 public:
  explicit ColumnWriter(const std::map<std::string, std::vector<std::string>>& axes) : axes_(axes) {}

  void start_row(bool declaring) {
    declaring_ = declaring;
    next_ = 0;
  }
  template <class T>
  void number(const char* name, T x, const char* unit) {
    if constexpr (std::is_integral_v<T>) {
      put<std::int64_t>(name, unit, static_cast<std::int64_t>(x));
    } else {
      put<double>(name, unit, static_cast<double>(x));
    }
  }
  void flag(const char* name, bool x) { put<std::int64_t>(name, "", x ? 1 : 0); }
  template <class E, std::size_t N>
  void label(const char* name, E x, const std::array<const char*, N>& names) {
    put<std::string>(name, "", declaring_ ? std::string() : std::string(names.at(static_cast<std::size_t>(x))));
  }
  void id(const char* name, int i, const char* axis, const char* absent) {
    put<std::string>(name, "", declaring_ ? std::string() : id_of(i, axis, absent));
  }
  void ids(const char* name, const std::vector<int>& is, const char* axis, const char* none) {
    std::string s;
    for (int i : is) s += (s.empty() ? "" : ",") + id_of(i, axis, "");
    put<std::string>(name, "", declaring_ ? std::string() : (is.empty() ? std::string(none) : s));
  }
  void text(const char* name, const std::string& s) { put<std::string>(name, "", s); }

  std::vector<io::Column> columns;

 private:
  [[nodiscard]] std::string id_of(int i, const char* axis, const char* absent) const {
    if (i < 0) return absent;
    return axes_.at(axis).at(static_cast<std::size_t>(i));
  }
  template <class T>
  void put(const char* name, const char* unit, T value) {
    if (declaring_) {
      columns.push_back({name, std::vector<T>{}, {}, unit});
      return;
    }
    std::get<std::vector<T>>(columns.at(next_++).data).push_back(std::move(value));
  }

  const std::map<std::string, std::vector<std::string>>& axes_;
  bool declaring_ = true;
  std::size_t next_ = 0;
};

template <class Row>
io::Table table_of(const std::vector<Row>& rows, const std::map<std::string, std::vector<std::string>>& axes) {
  ColumnWriter w(axes);
  w.start_row(true);
  Row{}.columns(w);
  for (const Row& r : rows) {
    w.start_row(false);
    r.columns(w);
  }
  return {std::string("/events/") + Row::kName, Row::kDescription, std::move(w.columns)};
}

}  // namespace

void write_events(io::RunFile& f, const model::Config& c, const model::Model& m) {
  const auto axes = axis_ids(c);
  m.for_each_event_table([&](const auto& rows) { f.table(table_of(rows, axes)); });
}

}  // namespace icsim::app::detail

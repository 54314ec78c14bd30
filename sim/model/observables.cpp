#include "model/observables.hpp"

#include <stdexcept>
#include <string>

#include "model/mechanisms.hpp"

namespace icsim::model {

const std::vector<ObservableInfo>& observables() {
  static const std::vector<ObservableInfo> catalogue = [] {
    std::vector<ObservableInfo> all;
    for_each_mechanism_type([&]<class M>() { all.insert(all.end(), M::kObservables.begin(), M::kObservables.end()); });
    return all;
  }();
  return catalogue;
}

std::optional<std::size_t> find_observable(std::string_view name) {
  const auto& all = observables();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].name == name) return i;
  }
  return std::nullopt;
}

std::size_t observable_index(std::string_view name) {
  if (const auto i = find_observable(name)) return *i;
  throw std::out_of_range("no observable named " + std::string(name));
}

bool needs_equity_scan(std::size_t o) {
  const Axes a = observables()[o].axes;
  return a == Axes::quintile || a == Axes::trust_quintile || a == Axes::place;
}

const std::vector<std::int64_t>& Sample::ints(std::string_view name) const {
  const std::size_t i = observable_index(name);
  if (!observables()[i].integer) throw std::invalid_argument(std::string(name) + " is not an integer observable");
  return counts[i];
}

const std::vector<double>& Sample::reals(std::string_view name) const {
  const std::size_t i = observable_index(name);
  if (observables()[i].integer) throw std::invalid_argument(std::string(name) + " is an integer observable");
  return values[i];
}

std::string_view kind_name(Kind k) {
  switch (k) {
    case Kind::stock: return "stock";
    case Kind::flow: return "flow";
    case Kind::rate: return "rate";
  }
  return "?";
}

std::string_view axes_name(Axes a) {
  switch (a) {
    case Axes::trust_specialty: return "time, organisation, specialty";
    case Axes::trust: return "time, organisation";
    case Axes::system: return "time";
    case Axes::specialty: return "time, specialty";
    case Axes::quintile: return "time, quintile";
    case Axes::trust_quintile: return "time, organisation, quintile";
    case Axes::place: return "time, place";
    case Axes::collaborative_specialty: return "time, collaborative, specialty";
    case Axes::trust_trust: return "time, organisation, organisation";
    case Axes::organisation_all: return "time, organisation (all)";
    case Axes::collaborative: return "time, collaborative";
    case Axes::programme: return "time, programme";
    case Axes::partnership: return "time, place_partnership";
    case Axes::wait_week: return "time, wait_week";
  }
  return "?";
}

}  // namespace icsim::model

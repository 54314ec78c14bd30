#pragma once
// Outsourcing to the independent sector (docs/model.md §25): each month an ICB with a budget
// buys treatment for the coming month for its lists with the longest published median waits
// (at least min_median_weeks); on each working day, before the lists' own day, the bought
// treatments take the list's next patients in its order (clinical priority, then longest wait).
// They are treated, so they leave the list as any treated patient does, outside the trust's own
// capacity.
#include <vector>

#include "model/mechanism.hpp"
#include "model/outsourcing/events.hpp"
#include "model/outsourcing/observables.hpp"
#include "model/world.hpp"

namespace icsim::model {

class Outsourcing : public MechanismBase {
 public:
  static constexpr const auto& kObservables = kOutsourcingObservables;

  void build(World& w);
  /// At each month's end: next month's purchases per list (treatments per working day).
  void plan(const World& w, core::Step d);
  /// On working days: the day's bought treatments.
  void treat(World& w, core::Step d);
  void take_flows(World& w);
  void sample(const World& w, SampleView out) const;
  void state(core::Archive& ar) { ar(per_day_, carry_, treated_, taken_, events_); }
  [[nodiscard]] const auto& events() const { return events_; }

 private:
  std::vector<double> per_day_;        ///< per list: treatments bought per working day this month
  std::vector<double> carry_;          ///< per list: fractional treatments carried to the next day
  std::vector<std::int64_t> treated_;  ///< per list: treated since the last sample
  std::vector<std::int64_t> taken_;    ///< per list: treated in the interval just ended
  EventTables<OutsourcingEvent> events_;
};

}  // namespace icsim::model

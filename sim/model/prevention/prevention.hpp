#pragma once
// Prevention at place (docs/model.md §20): a place partnership's left-shift programmes avoid a
// share of referrals after a lag, ramping up, scaled by the partnership's cohesion, for the
// deprivation quintiles they target (World::prevent, read by referrals).
#include <vector>

#include "model/mechanism.hpp"
#include "model/prevention/observables.hpp"
#include "model/world.hpp"

namespace icsim::model {

class Prevention : public MechanismBase {
 public:
  static constexpr const auto& kObservables = kPreventionObservables;

  /// The share of referrals avoided per (place, specialty, quintile), from today's cohesion.
  static void update(World& w);
  void take_flows(World& w);
  void sample(const World& w, SampleView out) const;
  void state(core::Archive& ar) { ar(taken_); }

 private:
  std::vector<std::int64_t> taken_;  ///< per source: referrals avoided in the interval just ended
};

}  // namespace icsim::model

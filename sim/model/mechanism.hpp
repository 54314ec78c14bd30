#pragma once
// What every mechanism offers besides its phases (the day table, model/day.cpp, calls those):
//
//   static constexpr kObservables   its observables (name, unit, kind, axes), may be empty
//   static constexpr kDraws         its random stream purposes (fixed values, unique overall)
//   build(World&)                   its initial state, from the config
//   take_flows(World&)              moves the flows since the last sample out of its state
//   sample(const World&, SampleView) const
//                                   writes its observables: a read of its state and the
//                                   flows taken, so it can be unit-tested on its own
//   state(core::Archive&)           its checkpoint state, saved and loaded by one list
//   events() const                  its event tables (model/events.hpp)
//
// A mechanism derives from MechanismBase for the defaults of what it does not need.
#include <array>

#include "core/archive.hpp"
#include "core/random.hpp"
#include "model/events.hpp"
#include "model/observables.hpp"

namespace icsim::model {

class World;

struct MechanismBase {
  static constexpr std::array<ObservableInfo, 0> kObservables{};
  static constexpr std::array<core::Purpose, 0> kDraws{};
  void build(World& /*w*/) {}
  void take_flows(World& /*w*/) {}
  void sample(const World& /*w*/, SampleView /*out*/) const {}
  void state(core::Archive& /*ar*/) {}
  /// Its event tables (model/events.hpp).
  [[nodiscard]] const EventTables<>& events() const {
    static const EventTables<> none;
    return none;
  }
};

}  // namespace icsim::model

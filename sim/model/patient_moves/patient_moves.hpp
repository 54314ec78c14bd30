#pragma once
// Patient-initiated moves (the NHS PIDMAS offer, docs/model.md §13): a patient whose wait
// reaches the threshold may ask to move to a provider in their ICS whose published median wait
// is shorter. Decisions are drawn in parallel per list (read only); the moves are applied
// afterwards in list order.
#include "model/mechanism.hpp"
#include "model/world.hpp"

namespace icsim::model {

class PatientMoves : public MechanismBase {
 public:
  enum class Draw : core::Purpose { ask = 6 };  ///< a long waiter asks to move
  static constexpr std::array<core::Purpose, 1> kDraws{6};

  void moves(World& w, core::Step d);
};

}  // namespace icsim::model

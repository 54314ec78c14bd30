#pragma once
// Referrals (docs/model.md §2): each place x specialty draws its day's new pathways,
// Poisson(rate x population x seasonality x growth), each patient with a clinical priority, a
// deprivation quintile and a removal day; prevention at place avoids some of them
// (World::prevent). The referrals wait in World::arrivals until their list admits them.
#include <vector>

#include "model/mechanism.hpp"
#include "model/world.hpp"

namespace icsim::model {

class Referrals : public MechanismBase {
 public:
  enum class Draw : core::Purpose {
    count = 1,       ///< Poisson count per (place, specialty, day)
    patient = 2,     ///< attributes of the k-th referral of (place, specialty, day)
    prevention = 10  ///< a referral avoided by a place's prevention programme
  };
  static constexpr std::array<core::Purpose, 3> kDraws{1, 2, 10};

  void build(World& w);
  /// Draws today's referrals of every source (in parallel: each source its own buffer).
  void draw(World& w, core::Step d);

 private:
  std::vector<double> rate_;        ///< per (place, specialty): referrals per day
  std::vector<double> multiplier_;  ///< per specialty, today: seasonality x growth
};

}  // namespace icsim::model

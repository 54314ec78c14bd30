#pragma once
// Capital (docs/model.md §19): once a year each ICB ranks its trusts' bids (needs: the longest
// median wait first; competitive: size times chance) and funds the top capital_awards, each
// raising the winner's capacity in its longest-waiting specialty. Without an honest broker the
// losers' trust in the winners (and in the ICB) falls.
#include "model/capital/events.hpp"
#include "model/mechanism.hpp"
#include "model/world.hpp"

namespace icsim::model {

class Capital : public MechanismBase {
 public:
  enum class Draw : core::Purpose { bid = 8 };  ///< the chance part of a competitive bid
  static constexpr std::array<core::Purpose, 1> kDraws{8};
  /// Standard deviation of the log of a competitive bid's chance factor (assumption).
  static constexpr double kBidNoise = 0.5;

  /// At the end of every twelfth month.
  void allocate(World& w, core::Step d);
  void state(core::Archive& ar) { ar(events_); }
  [[nodiscard]] const auto& events() const { return events_; }
  [[nodiscard]] static bool due(const World& w) { return (w.month_index + 1) % 12 == 0; }

 private:
  EventTables<CapitalEvent> events_;
};

}  // namespace icsim::model

#pragma once
// Shocks on the scenario's timeline (docs/model.md §22): pandemic waves (urgent demand and staff
// absence), winters (urgent demand), incidents at one trust (a cyber attack: capacity and beds
// lost) and industrial action (elective capacity lost). Each shock's random intensity is drawn
// once per replication from its own stream, so a scenario with and without a policy sees the
// same shocks. Today's effects per trust are read by beds and mutual aid.
#include <vector>

#include "model/mechanism.hpp"
#include "model/shocks/events.hpp"
#include "model/shocks/observables.hpp"
#include "model/world.hpp"

namespace icsim::model {

class Shocks : public MechanismBase {
 public:
  static constexpr const auto& kObservables = kShockObservables;
  enum class Draw : core::Purpose { intensity = 13 };  ///< a shock's random intensity
  static constexpr std::array<core::Purpose, 1> kDraws{13};

  void build(World& w);
  /// Today's demand multipliers and capacity losses per trust (winter seasonality included).
  void apply(const World& w, core::Step d);
  void sample(const World& w, SampleView out) const;
  void state(core::Archive& ar) { ar(urgent_multiplier_, absence_, incident_loss_, strike_loss_, events_); }
  [[nodiscard]] const auto& events() const { return events_; }

  [[nodiscard]] const std::vector<double>& intensity() const noexcept { return intensity_; }  ///< per shock
  [[nodiscard]] double urgent_multiplier(std::size_t t) const { return urgent_multiplier_[t]; }
  [[nodiscard]] double absence(std::size_t t) const { return absence_[t]; }
  [[nodiscard]] double incident_loss(std::size_t t) const { return incident_loss_[t]; }
  [[nodiscard]] double strike_loss(std::size_t t) const { return strike_loss_[t]; }

 private:
  std::vector<double> intensity_;  ///< per shock: factor on its excess (1 when intensity_cv is 0)
  std::vector<double> urgent_multiplier_, absence_, incident_loss_, strike_loss_;  ///< per trust, today
  EventTables<ShockRecord> events_;
};

}  // namespace icsim::model

#pragma once
// Delayed discharges (docs/model.md §28): when an acute stay ends, the patient is medically fit;
// a share of them stay in their bed, waiting for community or social care, for an exponential
// delay. They keep occupying the bed (Beds' census and admissions see them), so occupancy and
// elective cancellations rise. A place partnership's discharge programme shortens the delays of
// its place's acute trusts with the partnership's cohesion.
#include <vector>

#include "model/discharges/observables.hpp"
#include "model/mechanism.hpp"
#include "model/world.hpp"

namespace icsim::model {

class Beds;

class DelayedDischarges : public MechanismBase {
 public:
  static constexpr const auto& kObservables = kDischargeObservables;
  static constexpr std::array<core::Purpose, 1> kDraws{41};
  enum class Draw : core::Purpose { delay = 41 };

  void build(World& w);
  /// After the bed census: today's medically fit patients, some of whom stay delayed in their beds.
  void delay(const World& w, Beds& beds, core::Step d);
  /// Before each sample: the discharges since the last look (Beds' flows are taken next).
  void count(const World& w, const Beds& beds);
  void take_flows(World& w);
  void sample(const World& w, SampleView out) const;
  void state(core::Archive& ar) { ar(waiting_, seen_, pending_, delayed_, taken_); }
  /// The relative reduction of delays at trust t's beds today (programmes of its place).
  [[nodiscard]] static double reduction(const World& w, std::size_t trust, core::Step d);

 private:
  std::vector<std::vector<double>> waiting_;  ///< per bed unit: min-heap of delayed patients' departures
  std::vector<std::int64_t> seen_;     ///< per bed unit: its discharge count at the last look
  std::vector<std::int64_t> pending_;  ///< per bed unit: discharges counted before the last sample, not yet examined
  std::vector<std::int64_t> delayed_;  ///< per bed unit: patients delayed since the last sample
  std::vector<std::int64_t> taken_;    ///< per bed unit: delayed in the interval just ended
};

}  // namespace icsim::model

#pragma once
// Urgent demand and beds (docs/model.md §21): each acute or mental-health trust with beds is a
// bed unit, a loss system in continuous time (mental health: beyond its beds, out-of-area
// placements) or an escalating one (acute: admitted over capacity). Every day the stays that
// ended free their beds, the census gives occupancy of staffed beds and the OPEL level, urgent
// admissions arrive at random times, and occupancy above a threshold cancels elective activity.
#include <utility>
#include <vector>

#include "model/beds/observables.hpp"
#include "model/beds/params.hpp"
#include "model/mechanism.hpp"
#include "model/world.hpp"

namespace icsim::model {

class Shocks;
class MutualAid;

/// The beds of one trust taking urgent admissions.
struct BedUnit {
  int trust = 0;
  bool mental_health = false;
  int beds = 0;
  double admissions_per_day = 0.0;  ///< base rate, before seasonality and shocks
  std::uint64_t entity = 0;         ///< stream entity
  std::vector<double> departures;   ///< min-heap of departure times (days) of occupied beds
  // today
  double staffed = 0.0;       ///< staffed beds (absence, incidents, staff lent or received)
  double occupancy = 0.0;     ///< occupied / staffed at the start of the day
  int opel = 1;
  int lent = 0;               ///< beds lent to partners today (reserved for their patients)
  std::vector<std::pair<int, int>> borrowed;   ///< (donor unit, beds) lent to this unit today
  std::vector<std::pair<int, double>> placed;  ///< (donor unit, departure) of patients placed today
  // flows since the last sample
  struct Flows {
    std::int64_t arrivals = 0, admitted = 0, discharges = 0, escalations = 0, placed_out = 0, hosted = 0;
    std::int64_t out_of_area = 0, requests = 0, refusals = 0, opel4_days = 0;
    double out_of_area_days = 0.0;
    double given_beds = 0.0, received_beds = 0.0, given_staff = 0.0, received_staff = 0.0;  ///< bed days
    Flows take() {
      Flows f = *this;
      *this = Flows{};
      return f;
    }
  } flows;

  template <class Ar>
  void serialize(Ar& ar) {
    ar(trust, mental_health, beds, admissions_per_day, entity, departures, staffed, occupancy, opel, lent);
    ar(borrowed, placed, flows);
  }
};

class Beds : public MechanismBase {
 public:
  static constexpr const auto& kObservables = kBedObservables;
  enum class Draw : core::Purpose {
    count = 11,        ///< Poisson count of urgent admissions per (bed unit, day)
    patient = 12,      ///< arrival time and length of stay of the k-th urgent admission
    initial_bed = 14,  ///< residual stay of the k-th patient in a bed on day 0
  };
  static constexpr std::array<core::Purpose, 3> kDraws{11, 12, 14};

  void build(World& w);
  /// Releases the stays that ended; staffed beds after absence and incidents.
  void census(const World& w, const Shocks& shocks, core::Step d);
  /// OPEL levels, the day's admissions (parallel per unit), patients placed in partners' lent
  /// beds, and the share of elective capacity each trust loses today.
  void admit(World& w, const Shocks& shocks, const MutualAid& aid, core::Step d);
  void take_flows(World& w);
  void sample(const World& w, SampleView out) const;
  void state(core::Archive& ar) { ar(units_, taken_); }

  [[nodiscard]] std::vector<BedUnit>& units() noexcept { return units_; }
  [[nodiscard]] const std::vector<BedUnit>& units() const noexcept { return units_; }
  /// The bed unit of a trust, or -1.
  [[nodiscard]] int unit_of(std::size_t trust) const { return trust_unit_[trust]; }
  /// Elective capacity of a trust, all specialties (treatments per working day).
  [[nodiscard]] double elective_per_day(std::size_t trust) const { return elective_per_day_[trust]; }

 private:
  void admit_unit(const World& w, BedUnit& u, const Shocks& shocks, core::Step d) const;
  [[nodiscard]] static double draw_los(const LosConfig& los, core::Rng& rng);

  std::vector<BedUnit> units_;
  std::vector<int> trust_unit_;            ///< per trust: its bed unit, or -1
  std::vector<double> elective_per_day_;   ///< per trust
  std::vector<BedUnit::Flows> taken_;      ///< per unit: flows of the interval just ended
};

}  // namespace icsim::model

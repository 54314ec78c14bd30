#pragma once
// Waiting lists and treatment (docs/model.md §1-§6): each list's day (its referrals join,
// working-day capacity treats in clinical priority then longest wait, the patients due to leave
// other than by treatment leave), the periodic compaction of the queues, the waiting-time census
// at each sample and every measure of the lists (RTT waits, flows, transfers, equity by
// deprivation and home place, unwarranted variation). Lists pooled by a shared waiting list are
// treated by SharedLists in the same parallel loop.
#include <vector>

#include "model/lists/observables.hpp"
#include "model/mechanism.hpp"
#include "model/world.hpp"

namespace icsim::model {

class SharedLists;

class Treatment : public MechanismBase {
 public:
  static constexpr const auto& kObservables = kListObservables;
  enum class Draw : core::Purpose { initial_patient = 3 };  ///< the k-th initial waiter of (trust, specialty)
  static constexpr std::array<core::Purpose, 1> kDraws{3};

  /// The initial waiting lists (waits exponential with the configured mean).
  void build(World& w);
  /// Each unit's day, in parallel: a single list here, a pool in SharedLists.
  void day(World& w, SharedLists& pools, core::Step d);
  /// Compacts every queue (drops the records of patients removed up to day d) and lists the
  /// removals due on days d+1 .. d+kMaintenanceDays, the next maintenance day.
  void maintenance(World& w, core::Step d);
  [[nodiscard]] static bool maintenance_due(const World& w, core::Step d) { return d == w.window_end; }
  /// The census at the end of day d: wait histograms per list and trust; published medians.
  void census(World& w, core::Step d);
  void take_flows(World& w);
  void sample(const World& w, SampleView out) const;
  void state(core::Archive& ar) { ar(taken_, taken_moves_, census_day_); }

 private:
  void sample_lists(const World& w, SampleView out) const;
  void sample_system(const World& w, SampleView out) const;
  void sample_equity(const World& w, SampleView out) const;
  static void sample_variation(const World& w, SampleView out);

  bool equity_ = false;            ///< an observable by quintile or place is written
  std::vector<ListFlows> taken_;   ///< per list: flows of the interval just ended
  std::vector<std::int64_t> taken_moves_;  ///< trust x trust moves of the interval
  core::Step census_day_ = 0;      ///< day the last census measured waits at
  mutable std::vector<std::uint32_t> trust_quintile_hist_, place_hist_;  ///< equity scan scratch
};

}  // namespace icsim::model

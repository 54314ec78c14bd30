#pragma once
// Shared (pooled) waiting lists (docs/model.md §7-§12): a collaborative's programme per
// specialty. Members pledge part of their capacity (scaled by the programme's scale and their
// trust in the partners); pledged slots serve the pool's common order (highest priority, then
// longest wait, across the members), at the patient's own trust if it has a free slot, else at
// the nearest member with one, if the patient accepts the move (falling with distance) and,
// under transactional commissioning, the sending trust releases its patients. Each month the
// exchange between members is judged fair or one-sided (evidence for the relationships).
#include <vector>

#include "model/mechanism.hpp"
#include "model/shared_lists/observables.hpp"
#include "model/world.hpp"

namespace icsim::model {

/// The pool of a shared_waiting_list programme, over the member lists of its specialty.
struct Pool {
  std::size_t programme = 0;  ///< index into World::programmes
  std::size_t collaborative = 0;
  int specialty = 0;
  std::vector<std::size_t> lists;  ///< member lists (trust * specialties + specialty)
  std::vector<int> trusts;         ///< the members offering the specialty
  std::vector<double> pledge;      ///< per member: share of slots pledged (scale and trust)
  bool active = false;
  // flows since the last sample
  std::int64_t pledged = 0, transfers = 0;
  std::vector<std::int64_t> moves;        ///< members x members: moves from row to column
  std::vector<std::int64_t> month_moves;  ///< the same, this calendar month (exchange fairness)

  template <class Ar>
  void serialize(Ar& ar) {
    ar(programme, collaborative, specialty, lists, trusts, pledge, active, pledged, transfers, moves, month_moves);
  }
};

class SharedLists : public MechanismBase {
 public:
  static constexpr const auto& kObservables = kPoolObservables;
  enum class Draw : core::Purpose {
    accept = 4,   ///< a patient accepts a move offered through a shared list
    release = 5,  ///< a sending trust releases its patients today (transactional)
  };
  static constexpr std::array<core::Purpose, 2> kDraws{4, 5};

  void build(World& w);
  /// Pools' current members and the units of the lists phase (pools, then unpooled lists);
  /// moves so far are folded into World::moves first.
  void rebuild(World& w);
  /// Members' pledges: pledge_share x scale x what the member's strategy gives (the trust rule:
  /// min(1, trust in the partners / pledge_trust_full)).
  void pledges(const World& w);
  /// A pool's day: its lists' referrals join, own then pledged slots treat, the due leave.
  void treat_pool(World& w, std::size_t pool, core::Step d, bool working);
  /// Fairness of the month's exchange in each pool (Ring and Van de Ven 1994), as evidence.
  void exchange_evidence(World& w);
  /// The month's pledges as moves the partners remember (strategies' memory) and as decisions.
  void remember_pledges(World& w);
  /// Folds the pools' moves into World::moves (before the census of a sample).
  void fold_moves(World& w);
  void take_flows(World& w);
  void sample(const World& w, SampleView out) const;
  void state(core::Archive& ar) { ar(pools_, list_pool_, units_, taken_); }

  /// Units of parallel work in the lists phase: a pool (index >= 0) or a single list (~index).
  [[nodiscard]] const std::vector<std::int64_t>& units() const noexcept { return units_; }
  [[nodiscard]] const std::vector<Pool>& pools() const noexcept { return pools_; }

 private:
  /// The member whose next patient comes first in the pool's order at priority p (n: none).
  static std::size_t next_in_order(World& w, const Pool& pool, std::size_t p, core::Step d,
                                   std::vector<std::size_t>& cursor);
  void offer_pledged(World& w, Pool& pool, core::Step d, std::vector<std::int64_t>& free,
                     std::int64_t total_free, const std::vector<char>& releases,
                     const std::vector<char>& transactional);

  std::vector<Pool> pools_;
  std::vector<int> list_pool_;        ///< per list: the active pool holding it, or -1
  std::vector<std::int64_t> units_;
  struct Taken {
    std::int64_t pledged = 0, transfers = 0;
  };
  std::vector<Taken> taken_;          ///< per pool: flows of the interval just ended
};

}  // namespace icsim::model

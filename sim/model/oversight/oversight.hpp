#pragma once
// An active ICB (docs/model.md §32). Every review_months an ICB that earns delegation
// (ics.icb.delegation = "earned") or intervenes (ics.icb.intervenes) reviews each of its
// collaboratives: it reads the members' performance (their mean published median wait against
// the last review) as evidence about them; an earning ICB delegates a larger share of the
// collaborative's budget when it trusts the members and their waits improve, and withdraws
// some when neither holds, which the members read as evidence about the ICB; an intervening ICB
// overrules the collaborative when a member's list misses the 18-week target, starting or
// scaling up the shared waiting list for that specialty, at a cost in the members' trust.
#include <vector>

#include "model/mechanism.hpp"
#include "model/oversight/events.hpp"
#include "model/oversight/observables.hpp"
#include "model/programmes/programmes.hpp"
#include "model/world.hpp"

namespace icsim::model {

class Oversight : public MechanismBase {
 public:
  static constexpr const auto& kObservables = kOversightObservables;

  void build(World& w);
  /// At each month's end: the reviews due (delegated shares in World::delegated_share).
  void review(World& w, Programmes& programmes, core::Step d);
  void sample(const World& w, SampleView out) const;
  void state(core::Archive& ar) { ar(last_median_, events_); }
  [[nodiscard]] const auto& events() const { return events_; }

 private:
  /// The member list furthest below the target share within 18 weeks, or lists.size().
  [[nodiscard]] static std::size_t worst_list(const World& w, std::size_t c);
  /// Starts or scales up c's shared list for the specialty of list l; false if it has none.
  static bool direct(World& w, Programmes& programmes, std::size_t c, std::size_t l, core::Step d);

  std::vector<double> last_median_;  ///< per collaborative: mean median wait at the last review (NaN: none)
  EventTables<ReviewEvent> events_;
};

}  // namespace icsim::model

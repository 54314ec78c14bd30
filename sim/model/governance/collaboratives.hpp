#pragma once
// Collaboratives' governance (docs/model.md §17-§19): leaders' hours shared out over the forums
// that ask for them (less engagement when asked for more than they have), members leaving on
// low trust and candidates joining on high trust, and monthly meetings where members vote on
// the agenda (start, scale up, stop a programme) by a documented utility and the decision rule
// aggregates the votes. Being overruled is negative evidence about the winners.
#include <optional>
#include <vector>

#include "model/governance/events.hpp"
#include "model/governance/observables.hpp"
#include "model/mechanism.hpp"
#include "model/world.hpp"

namespace icsim::model {

/// Aggregates members' votes by a decision rule (weights: members' sizes; lead: position of the
/// lead in the votes, or -1; casting_vote's chair is the lead, else the first member; gated:
/// a majority and `gate_open`, the previous stage's success).
bool decide(DecisionRule rule, const std::vector<bool>& yes, const std::vector<double>& weights, int lead,
            double supermajority, bool gate_open = true);

class Programmes;

class Collaboratives : public MechanismBase {
 public:
  static constexpr const auto& kObservables = kCollaborativeObservables;
  enum class Draw : core::Purpose { vote = 7 };  ///< a member's vote on an agenda item
  static constexpr std::array<core::Purpose, 1> kDraws{7};

  void build(World& w);
  /// Each organisation's hours asked by its forums, hours used and engagement.
  static void allocate_leadership(World& w);
  void membership(World& w, core::Step d);
  void meetings(World& w, Programmes& programmes, core::Step d);
  void sample(const World& w, SampleView out) const;
  void state(core::Archive& ar) { ar(low_trust_months_, events_); }
  [[nodiscard]] const auto& events() const { return events_; }

 private:
  /// The item a governed programme is on the agenda for today, if any.
  [[nodiscard]] static std::optional<Item> agenda_item(const World& w, std::size_t p, double cohesion, core::Step d);
  /// The members' votes on an item; true if the decision rule passes it.
  bool vote(World& w, std::size_t p, Item item, core::Step d);
  /// Evidence of the members on the losing side of a decision about those on the winning side;
  /// a loser whose trust in the winners is below mediation_ask_trust asks a mediating ICB, which
  /// withholds part of it at a cost in the member's leadership hours.
  void overruled(World& w, std::size_t p, const std::vector<bool>& yes, bool passed, core::Step d);
  /// The gated rule's condition for an item: the previous stage's success.
  [[nodiscard]] static bool gate_open(const World& w, std::size_t p, Item item);
  /// U = beta_benefit B + beta_trust (T - 0.5) - beta_cost C - beta_time (1 - e) - beta_comp k.
  [[nodiscard]] static double vote_utility(const World& w, std::size_t p, Item item, int member);

  std::vector<std::vector<int>> low_trust_months_;  ///< per collaborative, per trust
  EventTables<MeetingEvent, VoteEvent, DecisionEvent, MembershipEvent, MediationEvent> events_;
};

}  // namespace icsim::model

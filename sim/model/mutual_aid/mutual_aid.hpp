#pragma once
// Mutual aid between trusts under pressure (docs/model.md §23): a unit whose occupancy reaches
// the asking level asks its collaboratives' members, then (ics_wide) the other trusts of its
// ICS, of the same kind, in a fixed order. A partner with slack gives when its trust in the
// requester, adjusted for the balance of past aid (reciprocity), is enough: staff, reopening
// beds closed by absence, or beds for the requester's patients. Giving costs the donor elective
// slots; granted and refused asks are evidence for the relationships. A mutual-aid pact lowers
// the asking level, raises the giving level and lowers the trust needed. Whether a partner with
// slack gives is its strategy's choice (model/strategies): the trust rule above is the
// trust-threshold strategy.
#include <vector>

#include "model/beds/beds.hpp"
#include "model/mechanism.hpp"
#include "model/mutual_aid/events.hpp"
#include "model/world.hpp"

namespace icsim::model {

/// The largest scale of an active mutual-aid pact holding trusts a and b (b < 0: any).
double pact_scale(const World& w, int a, int b);

class MutualAid : public MechanismBase {
 public:
  /// A donor whose strategy cooperates only with a probability (generous tit for tat) draws.
  enum class Draw : core::Purpose { cooperate = 18 };
  static constexpr std::array<core::Purpose, 1> kDraws{18};
  void build(World& w);
  /// Today's asks and answers (sequential, in unit order: it is small).
  void match(World& w, Beds& beds, const Shocks& shocks, core::Step d);
  /// Monthly decay of the remembered balance of past aid.
  void decay(const World& w);
  void state(core::Archive& ar) { ar(balance_, cost_, events_); }
  [[nodiscard]] const auto& events() const { return events_; }

  /// Elective slots trust t gives up today for the aid it gives.
  [[nodiscard]] double elective_cost(std::size_t t) const { return cost_[t]; }

 private:
  /// The units bed unit r asks, in order.
  [[nodiscard]] static std::vector<std::size_t> partners_of(const World& w, const Beds& beds, std::size_t r);
  /// The probability donor trust di grants aid asked by trust ri; owed: the aid balance the donor
  /// owes, x: the pact scale of the pair.
  [[nodiscard]] static double give_probability(const World& w, std::size_t di, std::size_t ri, double owed, double x);

  std::vector<double> balance_;  ///< units x units: bed days given by row to column (decaying)
  std::vector<double> cost_;     ///< per trust, today
  EventTables<AidEvent> events_;
};

}  // namespace icsim::model

#pragma once
// Money (docs/model.md §31): at each month's end every trust is paid for its elective care by its
// ICB, by block (collaborative commissioning: its planned activity, the slots it had, at the
// tariff) or by activity (transactional: its own treatments at the tariff), and pays for its
// capacity, used or not. An ICB is allocated its trusts' planned activity. Surpluses add up
// over the financial year (April to March); a year-to-date deficit is financial pressure
// (World::financial_pressure), which makes a trust under payment by activity less willing to
// release patients to shared lists and any trust pledge less and grant less aid.
#include <vector>

#include "model/finance/observables.hpp"
#include "model/mechanism.hpp"
#include "model/world.hpp"

namespace icsim::model {

class Finance : public MechanismBase {
 public:
  static constexpr const auto& kObservables = kFinanceObservables;

  void build(World& w);
  /// At each month's end (before the month's slot counts are reset): the month's accounts.
  void month(World& w, core::Step d);
  void take_flows(World& w);
  void sample(const World& w, SampleView out) const;
  void state(core::Archive& ar) { ar(income_, costs_, surplus_, balance_, taken_); }

 private:
  std::vector<double> income_, costs_;  ///< per trust, since the last sample
  std::vector<double> surplus_;         ///< per organisation, since the last sample
  std::vector<double> balance_;         ///< per organisation, financial year to date
  std::vector<double> taken_;           ///< income, costs, surplus of the interval just ended
};

}  // namespace icsim::model

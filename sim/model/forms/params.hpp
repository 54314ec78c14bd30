#pragma once
// Parameters of governance that evolves ([forms], docs/model.md §33).
#include "core/params.hpp"

namespace icsim::model {

/// When an evolving collaborative (collaborative.evolves) deepens, loosens or dissolves.
struct FormsConfig {
  double deepen_cohesion = 0.8;  ///< cohesion at or above which (with programmes succeeding) the form may deepen
  double deepen_success = 0.5;   ///< mean success of its active programmes the form needs to deepen
  int deepen_months = 12;        ///< consecutive such months before it deepens one step
  double loosen_cohesion = 0.4;  ///< cohesion below which the form may loosen
  int loosen_months = 6;         ///< consecutive such months before it loosens one step
  int dissolve_months = 12;      ///< consecutive such months as committees in common before it dissolves

  template <class V>
  void fields(V& v) {
    v.param(deepen_cohesion, "deepen_cohesion").unit_is("1").at_least(0).at_most(1)
        .describe("Cohesion at or above which, with its programmes succeeding (deepen_success), a month "
                  "counts towards deepening the governance form")
        .from("Assumption; S2: 'form follows function'; plausible range 0.7-0.9");
    v.param(deepen_success, "deepen_success").unit_is("1").at_least(0).at_most(1)
        .describe("Mean success of the collaborative's active programmes (a shared list: how far the spread of "
                  "members' median waits has closed; others: 1) a month needs to count towards deepening; "
                  "with no programme running the form does not deepen")
        .from("Assumption; S2: 'form follows function'; plausible range 0.3-0.8");
    v.param(deepen_months, "deepen_months").unit_is("months").at_least(1).at_most(600)
        .describe("Consecutive months that count towards deepening before the form moves one step deeper")
        .from("Assumption: collaboratives spend their first year on relationships; plausible range 6-36");
    v.param(loosen_cohesion, "loosen_cohesion").unit_is("1").at_least(0).at_most(1)
        .describe("Cohesion below which a month counts towards loosening the form (and, at committees in "
                  "common, towards dissolution)")
        .from("Assumption: plausible range 0.2-0.5");
    v.param(loosen_months, "loosen_months").unit_is("months").at_least(1).at_most(600)
        .describe("Consecutive low-cohesion months before the form moves one step looser")
        .from("Assumption: plausible range 3-12");
    v.param(dissolve_months, "dissolve_months").unit_is("months").at_least(1).at_most(600)
        .describe("Consecutive low-cohesion months as committees in common before the collaborative dissolves "
                  "(its programmes stop and its members leave)")
        .from("Assumption: plausible range 6-24");
  }
  friend bool operator==(const FormsConfig&, const FormsConfig&) = default;
};

}  // namespace icsim::model

#pragma once
// Parameters of an active ICB's oversight of its collaboratives ([oversight], docs/model.md §32).
#include "core/params.hpp"

namespace icsim::model {

/// How an ICB that earns delegation (ics.icb.delegation = "earned") or intervenes
/// (ics.icb.intervenes) reviews its collaboratives (docs/model.md §32).
struct OversightConfig {
  int review_months = 3;            ///< months between reviews
  double initial_delegation = 0.5;  ///< share of a collaborative's delegated budget at the start (earned)
  double delegation_step = 0.25;    ///< share delegated or withdrawn at a review
  double delegate_trust = 0.6;      ///< the ICB's mean trust in the members at which it delegates more
  double performance_weight = 1.0;  ///< evidence the ICB takes about each member from a review
  double delegation_weight = 1.0;   ///< evidence members take about the ICB when it delegates or withdraws
  double intervene_share = 0.65;    ///< a member list below this share within 18 weeks misses the target
  double overrule_weight = 2.0;     ///< evidence against the ICB of each member when it overrules them

  template <class V>
  void fields(V& v) {
    v.param(review_months, "review_months").unit_is("months").at_least(1).at_most(24)
        .describe("Months between the ICB's reviews of each collaborative")
        .from("Assumption: quarterly reviews; plausible range 1-12");
    v.param(initial_delegation, "initial_delegation").unit_is("1").at_least(0).at_most(1)
        .describe("Share of collaborative.delegated_budget delegated at the start, where delegation is earned")
        .from("Assumption: plausible range 0-1");
    v.param(delegation_step, "delegation_step").unit_is("1").above(0).at_most(1)
        .describe("Share of the budget delegated (trust and performance) or withdrawn (neither) at a review")
        .from("Assumption: plausible range 0.1-0.5");
    v.param(delegate_trust, "delegate_trust").unit_is("1").at_least(0).at_most(1)
        .describe("The ICB's mean trust in a collaborative's members at or above which, with improving "
                  "waits, it delegates more; below it, with waits not improving, it withdraws")
        .from("Assumption; S4: delegation to those 'best placed'; plausible range 0.4-0.8");
    v.param(performance_weight, "performance_weight").unit_is("observations").at_least(0).at_most(100)
        .describe("Evidence the ICB takes about each member at a review: positive when the members' mean "
                  "median wait fell since the last review, negative when it rose")
        .from("Assumption: plausible range 0.5-2");
    v.param(delegation_weight, "delegation_weight").unit_is("observations").at_least(0).at_most(100)
        .describe("Evidence each member takes about the ICB when it delegates more (positive) or withdraws "
                  "(negative) at a review")
        .from("Assumption: plausible range 0.5-2");
    v.param(intervene_share, "intervene_share").unit_is("1").at_least(0).at_most(1)
        .describe("An intervening ICB overrules a collaborative when a member's list has less than this share "
                  "of its patients within 18 weeks at a review")
        .from("NHS England, Reforming elective care for patients (January 2025): 65% of patients waiting "
              "under 18 weeks by March 2026");
    v.param(overrule_weight, "overrule_weight").unit_is("observations").at_least(0).at_most(100)
        .describe("Negative evidence each member takes about the ICB when it overrules the collaborative")
        .from("Assumption; S4 on parity of power; plausible range 1-4");
  }
  friend bool operator==(const OversightConfig&, const OversightConfig&) = default;
};

}  // namespace icsim::model

#pragma once
// Parameters of relationships ([relationships], [[relationship]], [[turnover]]).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/params.hpp"
#include "model/entities.hpp"

namespace icsim::model {

/// Initial evidence of organisations about others ([[relationship]]): history of competition
/// or partnership. Organisations are named by id or by group; resolve_priors() expands them.
struct RelationshipPriorConfig {
  std::string from, to;  ///< organisation id, '*', 'type:<trust type>', 'ics:<id>', 'collaborative:<id>'
  double positive = 0.0, negative = 0.0;
  bool symmetric = true;

  template <class V>
  void fields(V& v) {
    v.param(from, "from").needed()
        .describe("Organisation id, or a group: '*', 'type:<trust type>', 'ics:<id>', 'collaborative:<id>'");
    v.param(to, "to").needed().describe("Organisation id or group, as for from");
    v.param(positive, "positive").unit_is("evidence").at_least(0).describe("Positive experience r (a long partnership: high)");
    v.param(negative, "negative").unit_is("evidence").at_least(0)
        .describe("Negative experience s (historic competition: high)").from("S2 pitfall: 'Historical competition'");
    v.param(symmetric, "symmetric").describe("Also set the evidence of to about from");
  }
  friend bool operator==(const RelationshipPriorConfig&, const RelationshipPriorConfig&) = default;
};

/// A scheduled change of leadership ([[turnover]]).
struct TurnoverConfig {
  int day = 0;
  std::string organisation;

  template <class V>
  void fields(V& v) {
    v.param(day, "day").unit_is("day").needed().at_least(0).at_most(kMaxDays).describe("When");
    v.param(organisation, "organisation").needed().describe("Organisation id");
  }
  friend bool operator==(const TurnoverConfig&, const TurnoverConfig&) = default;
};

/// Evidence weights and rates of the relationships mechanism (docs/model.md).
struct RelationshipsConfig {
  double forgetting = 0.95;          ///< lambda per month
  double openness_gain = 1.0;        ///< evidence about j counts (1 + gain * openness_j) times
  double time_weight = 0.25;         ///< per month, at saturation, of leaders' time together
  double time_scale_hours = 2.0;     ///< hours a month with a partner for 63% of time_weight
  double benefit_weight = 0.5;       ///< per month of a programme at scale 1 that succeeds
  double fair_weight = 0.1;          ///< per month of exchange within tolerance
  double unfair_weight = 1.5;        ///< per tolerance of burden beyond it (capped at unfair_cap)
  double unfair_cap = 5.0;           ///< most negative exchange evidence in a month
  double fairness_tolerance = 0.05;  ///< burden (share of monthly capacity) seen as fair at T=0
  double tolerance_trust_gain = 0.15;  ///< tolerance = fairness_tolerance + gain * trust
  double help_weight = 0.5;          ///< per help_unit of own capacity received as help
  double help_unit = 0.05;           ///< share of own monthly capacity that counts as one unit of help
  double overruled_weight = 1.0;     ///< per vote lost
  double broker_softening = 0.7;     ///< share of overruled / capital-loss evidence an honest broker removes
  double capital_loss_weight = 2.0;  ///< losing bidder about each winner
  double icb_loss_share = 0.5;       ///< share of capital_loss_weight a losing bidder holds against its ICB
  double capital_process_weight = 0.5;  ///< bidders about a brokering ICB
  double turnover_retention = 0.3;   ///< evidence kept at leadership turnover
  double turnover_hazard_per_year = 0.0;  ///< random turnover of any organisation
  double pledge_trust_full = 0.5;    ///< mean trust at which a member pledges in full
  double mediation_restore = 0.5;    ///< share of overruled evidence a mediating ICB withholds
  double mediation_weight = 0.5;     ///< positive evidence of a member about the ICB that mediated for it
  double pledge_weight = 0.0;        ///< evidence per month about a partner's pledge, seen as cooperative or not
  double observe_base = 1.0;         ///< P(an act is seen) when the actor shares nothing (openness 0)
  double judgement_noise = 0.0;      ///< P(a seen act is misread: fair as unfair, help as none)

  template <class V>
  void fields(V& v);
  friend bool operator==(const RelationshipsConfig&, const RelationshipsConfig&) = default;
};

template <class V>  // declarative table: the parameters of relationships, each declared once
void RelationshipsConfig::fields(V& v) {
  const std::string jo = "Josang and Ismail (2002), The Beta reputation system";
  auto weight = [&](double& x, const char* key, const char* unit, const char* desc, const std::string& src) {
    v.param(x, key).unit_is(unit).at_least(0).describe(desc).from(src);
  };
  v.param(forgetting, "forgetting").unit_is("per month").above(0).at_most(1)
      .describe("lambda: each month all evidence is multiplied by it (0.95: half-life 13.5 months)")
      .from(jo + "; S0: 'the time taken to build them'");
  weight(openness_gain, "openness_gain", "1", "Evidence about an organisation counts (1 + this x its openness) times",
         "S0: open book accounting; assumption");
  weight(time_weight, "time_weight", "evidence per month",
         "Positive evidence per month from leaders' time together, at saturation: "
         "time_weight x (1 - exp(-hours with the partner / time_scale_hours))",
         "S1: 'investing time and energy to develop mutual understanding'; assumption");
  v.param(time_scale_hours, "time_scale_hours").unit_is("hours per month").above(0)
      .describe("Hours a month with a partner (a forum's hours split over its other members, summed "
                "over shared forums) that give 63% of time_weight")
      .from("Assumption: relationships need regular contact; duplicate forums add little");
  weight(benefit_weight, "benefit_weight", "evidence per month",
         "Positive evidence per month of a programme at scale 1 realising its benefit (quick wins)",
         "S2: 'Start small and build momentum ... near-term returns'; assumption");
  weight(fair_weight, "fair_weight", "evidence per month",
         "Positive evidence per month that exchange between two pool members stays within tolerance",
         "Ring and Van de Ven (1994): equity in exchange; S3: 'give and take'");
  weight(unfair_weight, "unfair_weight", "evidence per tolerance",
         "Negative evidence per tolerance of burden beyond it (at most unfair_cap a month)",
         "Ring and Van de Ven (1994); negative experiences weigh more than positive ones "
         "(Baumeister et al. 2001); assumption");
  weight(unfair_cap, "unfair_cap", "evidence per month", "Most negative exchange evidence in one month", "Assumption");
  weight(fairness_tolerance, "fairness_tolerance", "share of monthly capacity",
         "Burden (net patients treated for a partner over own capacity) still seen as fair at trust 0", "Assumption");
  weight(tolerance_trust_gain, "tolerance_trust_gain", "share of monthly capacity",
         "Tolerance grows with trust: tolerance = fairness_tolerance + this x trust",
         "S0: relationships 'crucial, especially when tackling the most challenging issues'");
  weight(help_weight, "help_weight", "evidence per help_unit",
         "Positive evidence about a partner per help_unit of own monthly capacity received as help", "Assumption");
  v.param(help_unit, "help_unit").unit_is("share of monthly capacity").above(0).at_most(1)
      .describe("Help received (net patients a partner treated over own monthly capacity) that counts as one unit")
      .from("Assumption: 5% of a month's capacity is noticeable help; plausible range 0.02-0.2");
  weight(overruled_weight, "overruled_weight", "evidence per vote lost",
         "Negative evidence about each member who voted the other way, per vote lost",
         "S3: 'parity in decision making'; assumption");
  v.param(broker_softening, "broker_softening").unit_is("1").at_least(0).at_most(1)
      .describe("Share of overruled and capital-loss evidence removed when the ICB is an honest broker")
      .from("S4: the honest broker role 'sits comfortably with the ICB'; assumption");
  weight(capital_loss_weight, "capital_loss_weight", "evidence per award",
         "Negative evidence of a losing bidder about each winner", "S4; assumption");
  v.param(icb_loss_share, "icb_loss_share").unit_is("1").at_least(0).at_most(1)
      .describe("A losing bidder's negative evidence about its ICB, as a share of capital_loss_weight")
      .from("Assumption: the allocator is blamed less than the winners; plausible range 0-1");
  weight(capital_process_weight, "capital_process_weight", "evidence per allocation",
         "Positive evidence of each bidder about an ICB that brokers the allocation", "S4; assumption");
  v.param(turnover_retention, "turnover_retention").unit_is("1").at_least(0).at_most(1)
      .describe("Weight of evidence kept, both ways, when an organisation's leadership changes: trust keeps its "
                "value, its certainty (r + s) falls to this share, so new experience moves it faster")
      .from("Zaheer, McEvily and Perrone (1998), Organization Science 9(2):141-159: inter-organisational trust "
            "is institutionalised and outlasts the people who span the boundary; the share kept is an "
            "assumption, plausible range 0.1-0.9");
  v.param(turnover_hazard_per_year, "turnover_hazard_per_year").unit_is("per year").at_least(0).at_most(1)
      .describe("Chance per year that any organisation's leadership changes (besides [[turnover]] events)")
      .from("Assumption (NHS trust chief executive tenure is about 3 years)");
  v.param(mediation_restore, "mediation_restore").unit_is("1").at_least(0).at_most(1)
      .describe("Share of the evidence of being overruled that an ICB's mediation withholds (ics.icb.mediates)")
      .from("Assumption: mediation restores part of the trust a contested decision costs; plausible range 0.2-0.8");
  weight(mediation_weight, "mediation_weight", "evidence per mediation",
         "Positive evidence of a member about the ICB that mediated a dispute for it", "Assumption");
  weight(pledge_weight, "pledge_weight", "evidence per month",
         "Evidence about a pool partner from its month's pledge: positive if it pledged at least half of the "
         "full pledge, negative if not (as seen: observe_base, judgement_noise)",
         "S3: 'give and take'; assumption (0: pledges are remembered by strategies but are not evidence), "
         "plausible range 0-0.5");
  v.param(observe_base, "observe_base").unit_is("1").at_least(0).at_most(1)
      .describe("Probability that a partner's act (aid given or refused, give and take in a pool, help, a quick "
                "win) is seen when the actor shares nothing; openness o raises it to base + (1 - base) x o")
      .from("S0: open book accounting; assumption (1: every act is seen, the deterministic model), "
            "plausible range 0.3-1");
  v.param(judgement_noise, "judgement_noise").unit_is("1").at_least(0).at_most(0.5)
      .describe("Probability that a seen act is read the wrong way (fair as unfair, help as a slight)")
      .from("Assumption: attribution error in judging partners (Nowak and Sigmund 1993 call the like "
            "'misperception'); plausible range 0-0.2");
  v.param(pledge_trust_full, "pledge_trust_full").unit_is("1").above(0).at_most(1)
      .describe("A member pledges pledge_share x scale x min(1, mean trust in the others / this)")
      .from("Assumption: trust feeds back on commitment; at 0.5 a member pledges in full unless "
            "it trusts its partners less than it would a stranger");
}

/// Initial evidence of one organisation about another, expanded from [[relationship]] groups
/// (resolve_priors in model/config.hpp).
struct RelationshipPrior {
  int from = 0, to = 0;  ///< organisation indices (see Config::organisation_ids)
  double positive = 0.0, negative = 0.0;
};

/// A scheduled turnover with its organisation's index.
struct TurnoverEvent {
  int day = 0;
  int organisation = 0;
};
}  // namespace icsim::model

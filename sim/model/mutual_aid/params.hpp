#pragma once
// Parameters of mutual aid ([mutual_aid]).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/params.hpp"
#include "model/entities.hpp"

namespace icsim::model {

/// Mutual aid between trusts under pressure (docs/model.md §23).
struct MutualAidConfig {
  bool enabled = true;
  double ask_occupancy = 0.95;     ///< a trust asks for aid at this occupancy of staffed beds
  double give_occupancy = 0.85;    ///< a partner has slack below this occupancy
  double give_trust = 0.5;         ///< a partner gives if its trust in the requester (adjusted) is at least this
  double reciprocity_weight = 0.2; ///< trust adjustment per unit of tanh(balance owed / scale)
  double reciprocity_scale = 20.0; ///< bed days
  double reciprocity_decay = 0.95; ///< monthly decay of the balance of past aid
  double elective_cost = 0.25;     ///< elective slots a donor loses per bed (or staffed bed) lent per working day
  double granted_weight = 0.5;     ///< positive evidence of the requester about a donor that gives
  double refused_weight = 0.5;     ///< negative evidence about a partner that refuses with visible slack, times its openness
  double pact_occupancy_shift = 0.05;  ///< a pact lowers ask_occupancy and raises give_occupancy by this x scale
  double pact_trust_shift = 0.2;   ///< a pact lowers give_trust by this x scale
  bool ics_wide = true;            ///< after collaborative partners, ask the other trusts of the ICS

  template <class V>
  void fields(V& v);
  friend bool operator==(const MutualAidConfig&, const MutualAidConfig&) = default;
};

template <class V>
void MutualAidConfig::fields(V& v) {
  v.param(enabled, "enabled").describe("Whether trusts ask partners for aid");
  v.param(ask_occupancy, "ask_occupancy").unit_is("1").above(0).at_most(10)
      .describe("A trust asks for aid when the occupancy of its staffed beds reaches this")
      .from("S0: mutual aid 'took on a whole new meaning' in the pandemic; threshold an assumption");
  v.param(give_occupancy, "give_occupancy").unit_is("1").above(0).at_most(10)
      .describe("A partner has slack below this occupancy and lends beds down to it");
  v.param(give_trust, "give_trust").unit_is("1").at_least(0).at_most(1)
      .describe("A partner gives when its trust in the requester, adjusted for reciprocity, is at least this")
      .from("S0: relationships 'crucial, especially when tackling the most challenging issues'");
  v.param(reciprocity_weight, "reciprocity_weight").unit_is("1").at_least(0)
      .describe("Adjustment of trust by tanh(balance owed / reciprocity_scale): favours owed make giving likelier")
      .from("Reciprocity in inter-organisational relationships (Ring and Van de Ven 1994); assumption");
  v.param(reciprocity_scale, "reciprocity_scale").unit_is("bed days").above(0)
      .describe("Balance of past aid at which reciprocity has three quarters of its effect");
  v.param(reciprocity_decay, "reciprocity_decay").unit_is("per month").above(0).at_most(1)
      .describe("Monthly decay of the remembered balance of past aid");
  v.param(elective_cost, "elective_cost").unit_is("slots per bed per working day").at_least(0)
      .describe("Elective slots a donor loses per bed (or staffed bed) it lends, each working day")
      .from("Assumption: staff redeployed from elective work");
  v.param(granted_weight, "granted_weight").unit_is("evidence per request").at_least(0)
      .describe("Positive evidence of the requester about a partner that gives");
  v.param(refused_weight, "refused_weight").unit_is("evidence per request").at_least(0)
      .describe("Negative evidence about a partner that refuses with slack, times the partner's openness (visibility)");
  v.param(pact_occupancy_shift, "pact_occupancy_shift").unit_is("1").at_least(0)
      .describe("A mutual-aid pact at scale x lowers ask_occupancy and raises give_occupancy by this x x")
      .from("S3: 'opportunities to deliver benefits of scale and mutual aid'; assumption");
  v.param(pact_trust_shift, "pact_trust_shift").unit_is("1").at_least(0)
      .describe("A mutual-aid pact at scale x lowers give_trust by this x x");
  v.param(ics_wide, "ics_wide").describe("After its collaboratives' members, a trust asks the other trusts of its ICS");
}

}  // namespace icsim::model

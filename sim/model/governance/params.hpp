#pragma once
// Parameters of collaboratives' governance ([governance]).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/params.hpp"
#include "model/entities.hpp"

namespace icsim::model {

/// Governance counts months as 30 days (the minimum run before a stop, the restart delay).
inline constexpr int kDaysPerMonth = 30;

/// Monthly meetings: leadership hours and the voting utility.
struct GovernanceConfig {
  double hours_committees_in_common = 8.0;  ///< per member per month
  double hours_joint_committee = 16.0;
  double hours_lead_provider = 6.0;  ///< each non-lead member
  double hours_lead = 20.0;          ///< the lead provider's hours (lead_provider governance)
  double hours_merged = 4.0;         ///< per member of a merged collaborative (one organisation)
  double hours_per_programme = 4.0;  ///< per member per month at scale 1
  double hours_partnership = 6.0;    ///< per member of a place partnership per month
  double beta_benefit = 2.0;
  double beta_trust = 4.0;
  double beta_cost = 1.0;
  double beta_time = 1.0;
  double beta_competitiveness = 1.5;
  double vote_noise = 1.0;           ///< scale of the logistic noise in a vote
  double gate_success = 0.5;         ///< gated rule: success a stage needs before the next
  double mediation_ask_trust = 0.5;  ///< an overruled member asks for mediation below this trust in the winners
  double mediation_hours = 4.0;      ///< leadership hours a mediation costs the member who asked
  double reference_benefit = 0.5;    ///< benefit of a programme at the reference gain or saving
  double reference_capacity_gain = 0.03;  ///< capacity gain whose benefit is reference_benefit
  double reference_saving = 20000.0;      ///< saving (GBP per member per month) whose benefit is reference_benefit
  double wait_floor_weeks = 4.0;     ///< smallest mean wait a shared list's relative gain is measured against
  double cost_cap = 2.0;             ///< largest cost term of a vote
  double scale_up_cohesion = 0.6;    ///< cohesion needed to put a scale-up to the vote
  double stall_cohesion = 0.45;      ///< below this a programme does not grow
  double stop_cohesion = 0.35;       ///< below this a stop is put to the vote
  int min_months_before_stop = 3;    ///< a programme is judged on its record, not only history
  int restart_delay_months = 12;     ///< a stopped programme returns to the agenda after this

  [[nodiscard]] double hours_for(Governance g) const {
    switch (g) {
      case Governance::committees_in_common: return hours_committees_in_common;
      case Governance::joint_committee: return hours_joint_committee;
      case Governance::lead_provider: return hours_lead_provider;
      case Governance::merged: return hours_merged;
    }
    return hours_committees_in_common;
  }

  template <class V>
  void fields(V& v);
  friend bool operator==(const GovernanceConfig&, const GovernanceConfig&) = default;
};

template <class V>
void GovernanceConfig::fields(V& v) {
  auto hours = [&](double& x, const char* key, const char* desc) {
    v.param(x, key).unit_is("hours per month").at_least(0).at_most(1000).describe(desc)
        .from("Assumption; S2: 'Simplicity ... govern what needs to be governed'");
  };
  hours(hours_committees_in_common, "hours_committees_in_common", "Each member's hours for a committees-in-common collaborative");
  hours(hours_joint_committee, "hours_joint_committee", "Each member's hours for a joint committee (heavier governance)");
  hours(hours_lead_provider, "hours_lead_provider", "Each non-lead member's hours for a lead-provider collaborative");
  hours(hours_lead, "hours_lead", "The lead provider's hours");
  hours(hours_merged, "hours_merged", "Each member's hours for a merged collaborative (one organisation: little joint governance)");
  hours(hours_per_programme, "hours_per_programme", "Each member's hours per active programme at scale 1");
  hours(hours_partnership, "hours_partnership", "Each member's hours for a place partnership");
  auto beta = [&](double& x, const char* key, const char* desc) {
    v.param(x, key).at_least(0).describe(desc).from("Assumption");
  };
  beta(beta_benefit, "beta_benefit", "Utility weight of the expected benefit to the member and its patients");
  beta(beta_trust, "beta_trust", "Utility weight of (mean trust in the other members - 0.5)");
  beta(beta_cost, "beta_cost", "Utility weight of the programme's cost (leadership hours, money)");
  beta(beta_time, "beta_time", "Utility weight of the member's lack of leadership time (1 - engagement)");
  beta(beta_competitiveness, "beta_competitiveness", "Utility weight of competitiveness against joint programmes");
  beta(vote_noise, "vote_noise", "Scale of the logistic noise: P(yes) = 1 / (1 + exp(-U / noise))");
  v.param(reference_benefit, "reference_benefit").unit_is("1").at_least(0)
      .describe("Benefit B of a programme delivering the reference capacity gain or saving (and of a mutual-aid pact)")
      .from("Assumption: half the utility scale; plausible range 0.2-1");
  v.param(reference_capacity_gain, "reference_capacity_gain").unit_is("1").above(0)
      .describe("Capacity gain whose benefit is reference_benefit (B scales with a programme's capacity_gain)")
      .from("Assumption: the default capacity_gain of shared diagnostics and workforce pools");
  v.param(reference_saving, "reference_saving").unit_is("GBP per member per month").above(0)
      .describe("Saving whose benefit is reference_benefit (B scales with a programme's saving_per_month)")
      .from("Assumption: the default saving_per_month of joint procurement");
  v.param(gate_success, "gate_success").unit_is("1").at_least(0).at_most(1)
      .describe("Under the gated decision rule, a scale-up needs the programme's success (closing of the members' "
                "wait spread for a shared list, 1 for the others) to be at least this, and a collaborative's next "
                "programme can start only once the one before it runs with this success")
      .from("S2: 'Start small and build momentum'; assumption, plausible range 0.2-0.8");
  v.param(mediation_ask_trust, "mediation_ask_trust").unit_is("1").at_least(0).at_most(1)
      .describe("A member overruled in a vote asks a mediating ICB (ics.icb.mediates) when its mean trust in "
                "the winners is below this")
      .from("Assumption: disputes are taken to the ICB when relationships are strained; plausible range 0.3-0.7");
  v.param(mediation_hours, "mediation_hours").unit_is("hours").at_least(0).at_most(1000)
      .describe("Leadership hours a mediation costs the member who asked (counted in the month's hours used)")
      .from("Assumption: a half-day meeting; plausible range 1-16");
  v.param(wait_floor_weeks, "wait_floor_weeks").unit_is("weeks").above(0)
      .describe("A shared list's benefit to a member is (own median - members' mean) / max(members' mean, this)")
      .from("Assumption: waits under a month are not compared relatively; plausible range 1-8");
  v.param(cost_cap, "cost_cap").unit_is("1").above(0)
      .describe("Largest cost term of a vote (hours asked over hours free)")
      .from("Assumption: plausible range 1-5");
  auto level = [&](double& x, const char* key, const char* desc) {
    v.param(x, key).unit_is("1").at_least(0).at_most(1).describe(desc)
        .from("Assumption; S2: programmes 'scale with cohesion'");
  };
  level(scale_up_cohesion, "scale_up_cohesion", "Cohesion (mean trust among members) needed to vote on scaling up");
  level(stall_cohesion, "stall_cohesion", "Below this cohesion a programme does not grow");
  level(stop_cohesion, "stop_cohesion",
        "When, since a programme started, a member's trust in a partner has fallen below this, it puts "
        "stopping the programme to the vote");
  v.param(restart_delay_months, "restart_delay_months").unit_is("months").at_least(0).at_most(1200)
      .describe("A stopped programme returns to the agenda after this (months of 30 days)").from("Assumption");
  v.param(min_months_before_stop, "min_months_before_stop").unit_is("months").at_least(0).at_most(1200)
      .describe("A programme is put to a stop vote only after running this long (months of 30 days; judged on its record)")
      .from("Assumption");
}

}  // namespace icsim::model

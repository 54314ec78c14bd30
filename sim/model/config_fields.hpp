#pragma once
// The longer parameter declarations of model/config.hpp (included at its end).
#include "model/config.hpp"

namespace icsim::model {

template <class V>
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
      .describe("Share of evidence kept, both ways, when an organisation's leadership changes")
      .from("Assumption: relationships are personal");
  v.param(turnover_hazard_per_year, "turnover_hazard_per_year").unit_is("per year").at_least(0).at_most(1)
      .describe("Chance per year that any organisation's leadership changes (besides [[turnover]] events)")
      .from("Assumption (NHS trust chief executive tenure is about 3 years)");
  v.param(pledge_trust_full, "pledge_trust_full").unit_is("1").above(0).at_most(1)
      .describe("A member pledges pledge_share x scale x min(1, mean trust in the others / this)")
      .from("Assumption: trust feeds back on commitment; at 0.5 a member pledges in full unless "
            "it trusts its partners less than it would a stranger");
}

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

template <class V>
void UrgentConfig::fields(V& v) {
  v.param(emergency_rate, "emergency_rate").unit_is("per 1000 population per year").at_least(0).at_most(10000)
      .describe("Emergency admissions of each place's residents, to the nearest acute trust with beds")
      .from("NHS England Hospital Episode Statistics 2022/23: about 6.3 million emergency admissions for 57 million people, some short-stay");
  v.param(mh_admission_rate, "mh_admission_rate").unit_is("per 1000 population per year").at_least(0).at_most(10000)
      .describe("Mental-health admissions of each place's residents, to the nearest mental-health trust with beds")
      .from("NHS Mental Health Services Data Set: about 100,000 admissions a year in England");
  v.param(winter_amplitude, "winter_amplitude").unit_is("1").at_least(0).below(1)
      .describe("Relative seasonal swing of urgent demand: 1 + amplitude x cos(2 pi (day of year - peak) / 365.25)")
      .from("Assumption: emergency admissions run about 8% above the mean in January");
  v.param(winter_peak_day, "winter_peak_day").unit_is("day of year").at_least(1).at_most(366)
      .describe("Day of the year urgent demand peaks");
  auto los = [&](LosConfig& l, const std::string& prefix, const std::string& what, const char* src) {
    v.choice(l.distribution, prefix + "_los_distribution", kLosDistributionNames)
        .describe("Distribution of the length of stay of " + what);
    v.param(l.mean_days, prefix + "_los_mean_days").unit_is("days").above(0).at_most(3650)
        .describe("Mean length of stay of " + what).from(src);
    v.param(l.cv, prefix + "_los_cv").unit_is("1").at_least(0).at_most(100)
        .describe("Coefficient of variation (sd / mean) of the stay; above 0 for lognormal and gamma, ignored by "
                  "exponential and fixed");
  };
  los(acute_los, "acute", "emergency admissions", "NHS England: mean emergency stay about 5 days, strongly skewed");
  los(mh_los, "mh", "mental-health admissions", "NHS Mental Health Services Data Set: median adult acute stay about 35 days");
  v.param(out_of_area_los_factor, "out_of_area_los_factor").unit_is("1").at_least(1).at_most(100)
      .describe("Out-of-area placements stay this much longer")
      .from("S1: the North West London CAMHS collaborative cut out-of-area stays by about a third");
  v.param(out_of_area_cost_per_day, "out_of_area_cost_per_day").unit_is("GBP per bed day").at_least(0)
      .describe("Cost of an out-of-area bed day").from("Order of magnitude of independent-sector MH bed prices");
  v.param(cancel_threshold, "cancel_threshold").unit_is("1").above(0).at_most(10)
      .describe("Occupancy of staffed beds above which elective activity is cancelled")
      .from("NHS England: 92% G&A occupancy is the planning ceiling; electives are cancelled above it");
  v.param(cancel_full, "cancel_full").unit_is("1").above(0).at_most(10)
      .describe("Occupancy at which the full cancel_share applies (linear from cancel_threshold)");
  v.param(cancel_share, "cancel_share").unit_is("1").at_least(0).at_most(1)
      .describe("Share of elective capacity cancelled at or above cancel_full")
      .from("Assumption: inpatient electives (about a third of activity) stop at full occupancy; day cases continue");
  v.param(opel_thresholds, "opel_thresholds").unit_is("1").above(0).at_most(10)
      .describe("Occupancy of staffed beds at which OPEL 2, 3 and 4 begin (increasing)")
      .from("NHS England OPEL framework 2023/24 uses bed occupancy among its indicators; thresholds an assumption");
  v.param(absence_cap, "absence_cap").unit_is("1").at_least(0).below(1)
      .describe("Most staff absence a shock can cause once its random intensity is applied")
      .from("Assumption: some staff always work; plausible range 0.5-0.95");
}

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

template <class V>
void ShockConfig::fields(V& v) {
  v.param(id, "id").needed().id().describe("Unique id (keys its random intensity)");
  v.choice(type, "type", kShockTypeNames).needed()
      .describe("pandemic: urgent demand and staff absence; winter: urgent demand; incident: capacity "
                "lost at one trust (a cyber attack); industrial_action: elective capacity lost");
  v.param(start_day, "start_day").unit_is("day").needed().at_least(0).at_most(kMaxDays).describe("First day");
  v.param(end_day, "end_day").unit_is("day").needed().at_least(0).at_most(kMaxDays).describe("Last day (inclusive)");
  v.refs(trusts, "trusts", "trust").describe("Trusts affected (default: all); an incident names exactly one");
  v.param(urgent_multiplier, "urgent_multiplier").unit_is("1").at_least(0).at_most(100)
      .describe("pandemic, winter: peak multiplier of urgent demand (the wave rises and falls as sin^2)")
      .from("COVID-19 wave of January 2021: about 1.3 times usual G&A occupancy pressure; assumption");
  v.param(absence, "absence").unit_is("1").at_least(0).below(1)
      .describe("pandemic: peak share of staff absent (beds and elective capacity close)")
      .from("NHS England sickness absence peaked near 10% in January 2022");
  v.param(capacity_loss, "capacity_loss").unit_is("1").at_least(0).at_most(1)
      .describe("incident: share of elective capacity and beds lost");
  v.param(elective_loss, "elective_loss").unit_is("1").at_least(0).at_most(1)
      .describe("industrial_action: share of elective capacity lost on each day")
      .from("NHS England: about 1.5 million appointments rescheduled over 2023's strikes");
  v.param(intensity_cv, "intensity_cv").unit_is("1").at_least(0).at_most(10)
      .describe("Random intensity: the excess (multiplier - 1, absence, losses) times a lognormal "
                "factor of mean 1 and this cv, drawn once per replication from the shock's own stream");
}

template <class V>
void Config::fields(V& v) {
  v.group("scenario", "What is simulated and for how long", [&](auto& s) {
    s.param(run.name, "name").needed().id()
        .describe("Short name; names the scenario's output folder (letters, digits, '-', '_')");
    s.accept("extends", core::ParamType::string)
        .describe("Another scenario file (path relative to this one) that this file modifies: its "
                  "tables are merged key by key, [[...]] entries by id; anything given here wins");
    s.param(run.description, "description").describe("What the scenario represents and why; shown in reports");
    s.param(run.start_date, "start_date").describe("Calendar date of day 0").from("Start of the NHS financial year 2024/25");
    s.param(run.days, "days").unit_is("days").at_least(1).at_most(kMaxDays).describe("Number of simulated days");
    s.param(run.seed, "seed").at_least(0)
        .describe("Seed of all random streams; with the replication index it fixes every draw");
    s.param(run.replications, "replications").at_least(1).at_most(100000)
        .describe("Independent replications (each its own output file)")
        .from("20 replications give 95% intervals about a half-width of 0.47 sd");
    s.param(run.working_days_per_week, "working_days_per_week").unit_is("days").at_least(1).at_most(7)
        .describe("Days with elective capacity, counted from Monday")
        .from("Elective lists run Monday to Friday in most NHS trusts");
    s.param(run.non_working_dates, "non_working_dates").describe("Dates without elective capacity (e.g. bank holidays)");
  }).needed();
  v.table(output, "output", "What is written and how often");
  v.tables(places, "place", "A population served: referrals originate here").needed();
  v.tables(specialties, "specialty", "An elective specialty (RTT treatment function)").needed();
  v.tables(trusts, "trust", "An NHS provider organisation");
  v.tables(ics, "ics", "An integrated care system; none declared: one ICS holds everything");
  v.tables(collaboratives, "collaborative", "A provider collaborative");
  v.tables(partnerships, "place_partnership", "A place-based partnership");
  v.table(pooling, "pooling", "Frictions of shared waiting lists");
  v.table(pidmas, "pidmas", "Patient-initiated moves to a provider with a shorter wait");
  v.table(relationships, "relationships", "Trust between organisations: the Beta reputation model");
  v.tables(priors, "relationship", "Initial evidence from history");
  v.tables(turnover, "turnover", "A change of leadership at an organisation");
  v.table(urgent, "urgent", "Urgent demand and beds (docs/model.md §21)");
  v.table(mutual_aid, "mutual_aid", "Mutual aid between trusts under pressure (docs/model.md §23)");
  v.tables(shocks, "shock", "An event on the scenario's timeline (docs/model.md §22)");
  v.table(governance, "governance", "Monthly meetings: leadership hours and the voting utility");
}

}  // namespace icsim::model

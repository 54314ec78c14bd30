#include "scenario/registry.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "model/config.hpp"

namespace icsim::scenario {
namespace {

std::string number_text(double v) {
  std::ostringstream os;
  os << std::setprecision(15) << v;
  return os.str();
}

/// A default value as a reader would write it in a scenario file.
std::string value_text(const toml::value& v) {
  if (v.is_floating()) {
    std::string s = number_text(v.as_floating());
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
  }
  if (v.is_integer()) return std::to_string(v.as_integer());
  if (v.is_string()) return "\"" + v.as_string().str + "\"";
  if (v.is_boolean()) return v.as_boolean() ? "true" : "false";
  if (v.is_array()) {
    std::string s = "[";
    for (const auto& e : v.as_array()) s += (s.size() > 1 ? ", " : "") + value_text(e);
    return s + "]";
  }
  if (v.is_table()) return v.as_table().empty() ? "{}" : "{...}";
  std::string s = toml::format(v);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

toml::value reals(std::initializer_list<double> xs) {
  toml::array a;
  for (double x : xs) a.emplace_back(x);
  return toml::value(std::move(a));
}

std::shared_ptr<TableSpec> make_table(std::string path, std::string description) {
  auto t = std::make_shared<TableSpec>();
  t->path = std::move(path);
  t->description = std::move(description);
  return t;
}

std::vector<std::string> trust_types() {
  return {model::kTrustTypeNames.begin(), model::kTrustTypeNames.end()};
}

const std::string kRtt2023 =
    "NHS England RTT waiting times statistics, August 2023: 7.7m waiting, median 14.5 weeks, "
    "58.0% within 18 weeks";

std::shared_ptr<TableSpec> build_registry() {
  auto root = make_table("", "A scenario file");

  // [scenario] ------------------------------------------------------------------------------
  auto sc = make_table("scenario", "What is simulated and for how long");
  sc->add("name", Type::string).needed()
      .describe("Short name; names the scenario's output folder (letters, digits, '-', '_')");
  sc->add("extends", Type::string)
      .describe("Another scenario file (path relative to this one) that this file modifies: its "
                "tables are merged key by key, [[...]] entries by id; anything given here wins");
  sc->add("description", Type::string).def(toml::value(""))
      .describe("What the scenario represents and why; shown in reports");
  sc->add("start_date", Type::date).def(toml::value(toml::local_date(2024, toml::month_t::Apr, 1)))
      .describe("Calendar date of day 0").from("Start of the NHS financial year 2024/25");
  sc->add("days", Type::integer).unit_is("days").def(toml::value(365)).at_least(1).at_most(32000)
      .describe("Number of simulated days");
  sc->add("seed", Type::integer).def(toml::value(1)).at_least(0)
      .describe("Seed of all random streams; with the replication index it fixes every draw");
  sc->add("replications", Type::integer).def(toml::value(20)).at_least(1).at_most(100000)
      .describe("Independent replications (each its own output file)")
      .from("20 replications give 95% intervals about a half-width of 0.47 sd");
  sc->add("working_days_per_week", Type::integer).unit_is("days").def(toml::value(5))
      .at_least(1).at_most(7)
      .describe("Days with elective capacity, counted from Monday")
      .from("Elective lists run Monday to Friday in most NHS trusts");
  sc->add("non_working_dates", Type::date_array).def(toml::value(toml::array{}))
      .describe("Dates without elective capacity (e.g. bank holidays)");
  root->add("scenario", Type::table).needed().table = sc;

  // [output] ---------------------------------------------------------------------------------
  auto out = make_table("output", "What is written and how often");
  out->add("interval_days", Type::integer).unit_is("days").def(toml::value(7)).at_least(1)
      .at_most(3650)
      .describe("Output interval: stocks sampled at its end, flows summed over it")
      .from("Weekly, as the NHS waiting list minimum data set");
  out->add("observables", Type::string_array).def(toml::value(toml::array{}))
      .describe("Observables to write (see docs/outputs.md); empty = all");
  out->add("compression", Type::integer).def(toml::value(4)).at_least(0).at_most(9)
      .describe("Deflate level of the HDF5 datasets (0 = none)");
  root->add("output", Type::table).def(toml::value(toml::table{})).table = out;

  // [[place]] --------------------------------------------------------------------------------
  auto place = make_table("place", "A population served: referrals originate here");
  place->add("id", Type::string).needed().describe("Unique id");
  place->add("name", Type::string).describe("Display name (default: the id)");
  place->add("population", Type::integer).unit_is("persons").needed().at_least(0)
      .describe("Resident population");
  place->add("location_km", Type::real_array).unit_is("km").needed().sized(2)
      .describe("Position [x, y] on a km grid (distances are Euclidean)");
  place->add("deprivation", Type::real_array).unit_is("1").sized(5).at_least(0).at_most(1)
      .def(reals({0.2, 0.2, 0.2, 0.2, 0.2}))
      .describe("Population share by IMD quintile, most deprived first; sums to 1")
      .from("IMD quintiles hold a fifth of England's population each by construction");
  root->add("place", Type::table_array).needed().table = place;

  // [[specialty]] ----------------------------------------------------------------------------
  auto sp = make_table("specialty", "An elective specialty (RTT treatment function)");
  sp->add("id", Type::string).needed().describe("Unique id");
  sp->add("name", Type::string).describe("Display name (default: the id)");
  sp->add("referral_rate", Type::real).unit_is("referrals per 1000 population per year").needed()
      .at_least(0)
      .describe("Mean rate of new RTT pathways (clock starts) per resident")
      .from("England 2019: about 1.73m clock starts a month for 56m people (BRIEF 3.1)");
  sp->add("priority_mix", Type::real_array).unit_is("1").sized(3).at_least(0).at_most(1)
      .def(reals({0.1, 0.3, 0.6}))
      .describe("Shares of referrals in clinical priorities P2, P3, P4; sums to 1")
      .from("FSSA clinical prioritisation (P1-P4), 2020; shares are an assumption");
  sp->add("removal_hazard_per_week", Type::real).unit_is("1/week").def(toml::value(0.015))
      .at_least(0).at_most(1)
      .describe("Probability per week that a waiting patient leaves other than by treatment")
      .from("England 2019: 1.73m starts vs 1.43m treated a month on a 4.2m list: about 0.3m/4.2m "
            "a month, 1.5-1.6% a week (BRIEF 3.1)");
  sp->add("seasonal_amplitude", Type::real).unit_is("1").def(toml::value(0.0)).at_least(0)
      .below(1)
      .describe("Relative amplitude of the yearly cosine in referrals (0.1 = +-10%)");
  sp->add("seasonal_peak_day", Type::integer).unit_is("day of year").def(toml::value(15))
      .at_least(1).at_most(366)
      .describe("Day of the year when referrals peak").from("Assumption: winter peak, mid-January");
  sp->add("annual_growth", Type::real).unit_is("1/year").def(toml::value(0.0)).above(-1)
      .at_most(1)
      .describe("Relative growth of the referral rate per year, compounded daily");
  root->add("specialty", Type::table_array).needed().table = sp;

  // [[trust]] --------------------------------------------------------------------------------
  auto trust = make_table("trust", "An NHS provider organisation");
  trust->add("id", Type::string).needed().describe("Unique id (e.g. ODS code)");
  trust->add("name", Type::string).describe("Display name (default: the id)");
  trust->add("type", Type::string).needed().one_of(trust_types()).describe("Kind of provider");
  trust->add("place", Type::string).needed().refers_to("place")
      .describe("The place the trust is based in");
  trust->add("location_km", Type::real_array).unit_is("km").sized(2)
      .describe("Position [x, y] (default: its place's location)");
  trust->add("leadership_hours", Type::real).unit_is("hours per month").def(toml::value(40.0))
      .at_least(0)
      .describe("Leaders' time available for collaboration; spread over its collaboratives and "
                "partnerships, so belonging to many dilutes each")
      .from("S1: 'leadership capacity is under strain'; assumption: about five leader-days a month");
  trust->add("competitiveness", Type::real).unit_is("1").def(toml::value(0.3)).at_least(0).at_most(1)
      .describe("Weight on its own organisation's interest when voting")
      .from("S2 pitfall: 'historical competition'; assumption");
  trust->add("openness", Type::real).unit_is("1").def(toml::value(0.5)).at_least(0).at_most(1)
      .describe("Open-book transparency: evidence about its behaviour counts (1 + openness_gain x "
                "openness) times")
      .from("S0: 'moving to open book accounting'; S2: 'Transparency'");
  trust->add("beds", Type::integer).unit_is("beds").def(toml::value(0)).at_least(0)
      .describe("Acute trusts: general and acute beds taking emergency admissions; mental-health "
                "trusts: adult acute mental-health beds (0: no urgent model for this trust)")
      .from("NHS England KH03 bed availability (about 100,000 G&A and 17,000 MH beds in England)");
  trust->add("initial_occupancy", Type::real).unit_is("1").def(toml::value(0.85)).at_least(0).at_most(1)
      .describe("Share of beds occupied on day 0 (residual stays drawn from the stay distribution)");
  {
    Field& cap = trust->add("capacity", Type::map);
    cap.key_ref = "specialty";
    cap.value_type = Type::real;
    cap.unit = "treatments per working day";
    cap.min = 0.0;
    cap.default_value = toml::value(toml::table{});
    cap.description = "Elective treatment capacity by specialty id (absent: not offered)";
  }
  {
    auto init = make_table("trust.initial_list.<specialty>", "Waiting list at day 0");
    init->add("size", Type::integer).unit_is("patients").def(toml::value(0)).at_least(0)
        .describe("Patients waiting at the start");
    init->add("mean_wait_weeks", Type::real).unit_is("weeks").def(toml::value(20.0)).above(0)
        .describe("Mean of the exponential distribution of their waits so far")
        .from(kRtt2023 + "; an exponential with mean 20 weeks has median 13.9 and 59% within 18");
    Field& il = trust->add("initial_list", Type::map);
    il.key_ref = "specialty";
    il.value_type = Type::table;
    il.table = init;
    il.default_value = toml::value(toml::table{});
    il.description = "Initial waiting list by specialty id";
  }
  root->add("trust", Type::table_array).def(toml::value(toml::array{})).table = trust;

  // [[ics]] ----------------------------------------------------------------------------------
  auto ics = make_table("ics", "An integrated care system; none declared: one ICS holds everything");
  ics->add("id", Type::string).needed().describe("Unique id");
  ics->add("name", Type::string).describe("Display name (default: the id)");
  ics->add("places", Type::string_array).needed().refers_to("place")
      .describe("Its places; every place belongs to exactly one ICS");
  ics->add("trusts", Type::string_array).refers_to("trust").def(toml::value(toml::array{}))
      .describe("Its trusts (default: the trusts based in its places); a trust belongs to exactly "
                "one ICS");
  {
    auto icb = make_table("ics.icb", "The integrated care board");
    icb->add("commissioning", Type::string).def(toml::value("collaborative"))
        .one_of({model::kCommissioningNames.begin(), model::kCommissioningNames.end()})
        .describe("transactional: providers are paid by activity and lose income when a patient "
                  "moves; collaborative: aligned (block) payments")
        .from("S0: systems taking a collaborative rather than transactional approach 'have been "
              "able to move further, faster'");
    icb->add("honest_broker", Type::boolean).def(toml::value(false))
        .describe("The ICB brokers contested decisions: being overruled and losing a capital "
                  "bid cost less trust (relationships.broker_softening)")
        .from("S4: 'where provider collaborative members could be in direct competition, for "
              "example, in capital funding allocations, there is the need for an honest broker'");
    icb->add("capital_rule", Type::string).def(toml::value("needs")).one_of({"needs", "competitive"})
        .describe("Yearly capital: needs (to the trusts with the longest median waits) or "
                  "competitive (a contest favouring larger trusts, with chance)");
    icb->add("capital_awards", Type::integer).def(toml::value(0)).at_least(0)
        .describe("Capital awards each year (0: none)");
    icb->add("capital_capacity_gain", Type::real).unit_is("1").def(toml::value(0.05)).at_least(0)
        .describe("Relative capacity an award adds to the winner's longest-waiting specialty")
        .from("Assumption: a new theatre or ward adds about 5% to a specialty's capacity");
    ics->add("icb", Type::table).def(toml::value(toml::table{})).table = icb;
  }
  root->add("ics", Type::table_array).def(toml::value(toml::array{})).table = ics;

  // [[collaborative]] ------------------------------------------------------------------------
  auto col = make_table("collaborative", "A provider collaborative");
  col->add("id", Type::string).needed().describe("Unique id");
  col->add("name", Type::string).describe("Display name (default: the id)");
  col->add("ics", Type::string).needed().refers_to("ics").describe("The ICS it belongs to");
  col->add("kind", Type::string).def(toml::value("horizontal"))
      .one_of({model::kCollaborativeKindNames.begin(), model::kCollaborativeKindNames.end()})
      .describe("horizontal: same-type trusts at scale; vertical: partners at place; hybrid")
      .from("S0, S4: horizontal and vertical collaboration");
  col->add("governance", Type::string).def(toml::value("committees_in_common"))
      .one_of({model::kGovernanceNames.begin(), model::kGovernanceNames.end()})
      .describe("Governance form").from("S2, S3: committees in common, joint committees, lead providers");
  col->add("decision_rule", Type::string).def(toml::value("majority"))
      .one_of({model::kDecisionRuleNames.begin(), model::kDecisionRuleNames.end()})
      .describe("How members' votes are aggregated")
      .from("S2: unanimous vs different levels of majority voting, weighted votes");
  col->add("members", Type::string_array).needed().refers_to("trust").describe("Member trusts");
  col->add("lead", Type::string).refers_to("trust")
      .describe("Lead provider (required for lead_provider governance or lead_decides)");
  col->add("supermajority", Type::real).unit_is("1").def(toml::value(2.0 / 3.0)).above(0.5)
      .at_most(1).describe("Share of members' votes the supermajority rule needs");
  col->add("exit_trust", Type::real).unit_is("1").def(toml::value(0.0)).at_least(0).at_most(1)
      .describe("A member leaves after exit_months with mean trust in the others below this "
                "(0: never)").from("S2: 'Entry/ exit criteria'");
  col->add("exit_months", Type::integer).unit_is("months").def(toml::value(3)).at_least(1)
      .describe("Consecutive months below exit_trust before a member leaves");
  col->add("candidates", Type::string_array).refers_to("trust").def(toml::value(toml::array{}))
      .describe("Trusts that join when their mean trust in the members reaches entry_trust");
  col->add("entry_trust", Type::real).unit_is("1").def(toml::value(1.0)).at_least(0).at_most(1)
      .describe("Mean trust in the members at which a candidate joins (1: never)");
  col->add("delegated_budget", Type::real).unit_is("GBP per year").def(toml::value(0.0)).at_least(0)
      .describe("Budget the ICB delegates to the collaborative, spent monthly on extra activity "
                "(at the tariff) where members' waits are longest")
      .from("S3: ICBs may delegate budgets to provider collaboratives");
  {
    auto prog = make_table("collaborative.programme", "A programme of the collaborative");
    prog->add("type", Type::string).needed()
        .one_of({model::kProgrammeTypeNames.begin(), model::kProgrammeTypeNames.end()})
        .describe("What the programme does");
    prog->add("specialty", Type::string).refers_to("specialty")
        .describe("The specialty it applies to (required for shared_waiting_list; default for "
                  "the others: all)");
    prog->add("start_day", Type::integer).unit_is("day").def(toml::value(0)).at_least(0)
        .describe("First day it runs. A governed programme with a start_day starts then and is "
                  "scaled and stopped by votes; without one its start is voted on too");
    prog->add("stop_day", Type::integer).unit_is("day").at_least(1)
        .describe("First day it no longer runs (default: never stops)");
    prog->add("pledge_share", Type::real).unit_is("1").def(toml::value(1.0)).at_least(0).at_most(1)
        .describe("Share of each member's capacity for the specialty offered to the shared list at "
                  "scale 1 and full trust (see relationships.pledge_trust_full)")
        .from("Assumption");
    prog->add("governed", Type::boolean).def(toml::value(false))
        .describe("Decided by the collaborative's monthly votes (start, scale up, stop) instead of "
                  "start_day")
        .from("S2: 'unanimous vs different levels of majority voting, casting votes, weighted votes'");
    prog->add("proposed_day", Type::integer).unit_is("day").def(toml::value(0)).at_least(0)
        .describe("First day a governed programme is on the agenda");
    prog->add("initial_scale", Type::real).unit_is("1").def(toml::value(1.0)).above(0).at_most(1)
        .describe("Scale when it starts: below 1 starts small, 1 is big bang")
        .from("S2: 'Start small and build momentum'");
    prog->add("scale_step", Type::real).unit_is("1").def(toml::value(0.25)).at_least(0).at_most(1)
        .describe("Scale added by each approved scale-up (governed)");
    prog->add("capacity_gain", Type::real).unit_is("1").def(toml::value(0.03)).at_least(0)
        .at_most(1)
        .describe("shared_diagnostics, workforce_pool: relative capacity gain of members at scale 1")
        .from("Assumption: diagnostics and staff flexibility release a few per cent of elective "
              "capacity");
    prog->add("saving_per_month", Type::real).unit_is("GBP per member per month")
        .def(toml::value(20000.0)).at_least(0)
        .describe("joint_procurement: saving at scale 1").from("Assumption");
    col->add("programme", Type::table_array).def(toml::value(toml::array{})).table = prog;
  }
  root->add("collaborative", Type::table_array).def(toml::value(toml::array{})).table = col;

  // [[place_partnership]] --------------------------------------------------------------------
  auto pp = make_table("place_partnership", "A place-based partnership");
  pp->add("id", Type::string).needed().describe("Unique id");
  pp->add("name", Type::string).describe("Display name (default: the id)");
  pp->add("place", Type::string).needed().refers_to("place").describe("The place it serves");
  pp->add("members", Type::string_array).refers_to("trust").def(toml::value(toml::array{}))
      .describe("Member trusts");
  pp->add("partners", Type::string_array).def(toml::value(toml::array{}))
      .describe("Aggregate partners that are not trusts, e.g. [\"primary_care\", "
                "\"local_authority\"]: each is an organisation with id <partnership>.<partner>");
  {
    auto prev = make_table("place_partnership.programme", "A prevention (left shift) programme");
    prev->add("type", Type::string).needed().one_of({"prevention"}).describe("What it does");
    prev->add("specialty", Type::string).refers_to("specialty")
        .describe("Specialty whose referrals it reduces (default: all)");
    prev->add("start_day", Type::integer).unit_is("day").def(toml::value(0)).at_least(0)
        .describe("First day");
    prev->add("lag_days", Type::integer).unit_is("days").def(toml::value(365)).at_least(0)
        .describe("Days before any effect").from("Assumption: prevention works with a lag");
    prev->add("ramp_days", Type::integer).unit_is("days").def(toml::value(180)).at_least(0)
        .describe("Days from the first effect to the full effect");
    prev->add("effect", Type::real).unit_is("1").def(toml::value(0.05)).at_least(0).at_most(1)
        .describe("Maximum relative reduction in referrals, reached at full cohesion")
        .from("Assumption; S4: 'greater potential for leftward shift of services ... at place'");
    prev->add("target_quintiles", Type::integer_array).at_least(1).at_most(5)
        .def(toml::value(toml::array{1, 2, 3, 4, 5}))
        .describe("IMD quintiles whose residents it reaches (1 = most deprived)");
    pp->add("programme", Type::table_array).def(toml::value(toml::array{})).table = prev;
  }
  root->add("place_partnership", Type::table_array).def(toml::value(toml::array{})).table = pp;

  // [pooling] --------------------------------------------------------------------------------
  auto pool = make_table("pooling", "Frictions of shared waiting lists");
  pool->add("acceptance_distance_km", Type::real).unit_is("km").def(toml::value(25.0)).above(0)
      .describe("Distance scale d0 of patients' acceptance of a move: P(accept) = exp(-d / d0)")
      .from("Assumption: willingness to travel for earlier treatment falls with distance; "
            "calibrate locally");
  pool->add("reoffer_weeks", Type::integer).unit_is("weeks").def(toml::value(4)).at_least(0)
      .at_most(52).describe("A patient who declines a move is not offered another for this long");
  pool->add("transfer_admin_cost", Type::real).unit_is("GBP").def(toml::value(150.0)).at_least(0)
      .describe("Administrative cost of one transfer, borne by the receiving trust")
      .from("Assumption: about half a day of booking and records work");
  pool->add("tariff", Type::real).unit_is("GBP").def(toml::value(4000.0)).at_least(0)
      .describe("Income per elective treatment under activity-based payment")
      .from("Order of magnitude of NHS Payment Scheme 2023/25 elective prices");
  pool->add("transactional_release", Type::real).unit_is("1").def(toml::value(0.6)).at_least(0)
      .at_most(1)
      .describe("Probability a sending trust releases a patient when its ICB commissions "
                "transactionally (it loses the tariff); 1 under collaborative commissioning")
      .from("Assumption (S0: transactional relationships hold collaboration back)");
  root->add("pooling", Type::table).def(toml::value(toml::table{})).table = pool;

  // [pidmas] ---------------------------------------------------------------------------------
  auto pid = make_table("pidmas", "Patient-initiated moves to a provider with a shorter wait");
  pid->add("enabled", Type::boolean).def(toml::value(false)).describe("Whether the offer runs");
  pid->add("start_day", Type::integer).unit_is("day").def(toml::value(0)).at_least(0)
      .describe("First day of the offer");
  pid->add("wait_weeks", Type::real).unit_is("weeks").def(toml::value(40.0)).above(0)
      .describe("Patients become eligible when their wait reaches this")
      .from("NHS England PIDMAS, first cohort (October 2023): patients waiting over 40 weeks");
  pid->add("uptake", Type::real).unit_is("1").def(toml::value(0.05)).at_least(0).at_most(1)
      .describe("Share of eligible patients who ask to move").from("Assumption");
  pid->add("min_gain_weeks", Type::real).unit_is("weeks").def(toml::value(4.0)).at_least(0)
      .describe("A provider is chosen only if its median wait is at least this much shorter");
  pid->add("max_distance_km", Type::real).unit_is("km").def(toml::value(60.0)).at_least(0)
      .describe("Farthest provider a patient considers (from their home place)");
  root->add("pidmas", Type::table).def(toml::value(toml::table{})).table = pid;

  // [relationships] --------------------------------------------------------------------------
  auto rel = make_table("relationships", "Trust between organisations: the Beta reputation model");
  const std::string jo = "Josang and Ismail (2002), The Beta reputation system";
  auto weight = [&](const char* key, double def, const char* unit, const char* desc, const std::string& src) {
    rel->add(key, Type::real).unit_is(unit).def(toml::value(def)).at_least(0).describe(desc).from(src);
  };
  rel->add("forgetting", Type::real).unit_is("per month").def(toml::value(0.95)).above(0).at_most(1)
      .describe("lambda: each month all evidence is multiplied by it (0.95: half-life 13.5 months)")
      .from(jo + "; S0: 'the time taken to build them'");
  weight("openness_gain", 1.0, "1", "Evidence about an organisation counts (1 + this x its openness) times",
         "S0: open book accounting; assumption");
  weight("time_weight", 0.25, "evidence per month",
         "Positive evidence per month from leaders' time together, at saturation: "
         "time_weight x (1 - exp(-hours with the partner / time_scale_hours))",
         "S1: 'investing time and energy to develop mutual understanding'; assumption");
  rel->add("time_scale_hours", Type::real).unit_is("hours per month").def(toml::value(2.0)).above(0)
      .describe("Hours a month with a partner (a forum's hours split over its other members, summed "
                "over shared forums) that give 63% of time_weight")
      .from("Assumption: relationships need regular contact; duplicate forums add little");
  weight("benefit_weight", 0.5, "evidence per month",
         "Positive evidence per month of a programme at scale 1 realising its benefit (quick wins)",
         "S2: 'Start small and build momentum ... near-term returns'; assumption");
  weight("fair_weight", 0.1, "evidence per month",
         "Positive evidence per month that exchange between two pool members stays within tolerance",
         "Ring and Van de Ven (1994): equity in exchange; S3: 'give and take'");
  weight("unfair_weight", 1.5, "evidence per tolerance",
         "Negative evidence per tolerance of burden beyond it (at most unfair_cap a month)",
         "Ring and Van de Ven (1994); negative experiences weigh more than positive ones "
         "(Baumeister et al. 2001); assumption");
  weight("unfair_cap", 5.0, "evidence per month", "Most negative exchange evidence in one month",
         "Assumption");
  weight("fairness_tolerance", 0.05, "share of monthly capacity",
         "Burden (net patients treated for a partner over own capacity) still seen as fair at trust 0",
         "Assumption");
  weight("tolerance_trust_gain", 0.15, "share of monthly capacity",
         "Tolerance grows with trust: tolerance = fairness_tolerance + this x trust",
         "S0: relationships 'crucial, especially when tackling the most challenging issues'");
  weight("help_weight", 0.5, "evidence per 5% of capacity",
         "Positive evidence about a partner per 5% of own monthly capacity received as help", "Assumption");
  weight("overruled_weight", 1.0, "evidence per vote lost",
         "Negative evidence about each member who voted the other way, per vote lost",
         "S3: 'parity in decision making'; assumption");
  rel->add("broker_softening", Type::real).unit_is("1").def(toml::value(0.7)).at_least(0).at_most(1)
      .describe("Share of overruled and capital-loss evidence removed when the ICB is an honest broker")
      .from("S4: the honest broker role 'sits comfortably with the ICB'; assumption");
  weight("capital_loss_weight", 2.0, "evidence per award",
         "Negative evidence of a losing bidder about each winner", "S4; assumption");
  weight("capital_process_weight", 0.5, "evidence per allocation",
         "Positive evidence of each bidder about an ICB that brokers the allocation", "S4; assumption");
  rel->add("turnover_retention", Type::real).unit_is("1").def(toml::value(0.3)).at_least(0).at_most(1)
      .describe("Share of evidence kept, both ways, when an organisation's leadership changes")
      .from("Assumption: relationships are personal");
  weight("turnover_hazard_per_year", 0.0, "per year",
         "Chance per year that any organisation's leadership changes (besides [[turnover]] events)",
         "Assumption (NHS trust chief executive tenure is about 3 years)");
  rel->add("pledge_trust_full", Type::real).unit_is("1").def(toml::value(0.5)).above(0).at_most(1)
      .describe("A member pledges pledge_share x scale x min(1, mean trust in the others / this)")
      .from("Assumption: trust feeds back on commitment; at 0.5 a member pledges in full unless "
            "it trusts its partners less than it would a stranger");
  root->add("relationships", Type::table).def(toml::value(toml::table{})).table = rel;

  auto prior = make_table("relationship", "Initial evidence from history");
  prior->add("from", Type::string).needed()
      .describe("Organisation id, or a group: '*', 'type:<trust type>', 'ics:<id>', "
                "'collaborative:<id>'");
  prior->add("to", Type::string).needed().describe("Organisation id or group, as for from");
  prior->add("positive", Type::real).unit_is("evidence").def(toml::value(0.0)).at_least(0)
      .describe("Positive experience r (a long partnership: high)");
  prior->add("negative", Type::real).unit_is("evidence").def(toml::value(0.0)).at_least(0)
      .describe("Negative experience s (historic competition: high)")
      .from("S2 pitfall: 'Historical competition'");
  prior->add("symmetric", Type::boolean).def(toml::value(true))
      .describe("Also set the evidence of to about from");
  root->add("relationship", Type::table_array).def(toml::value(toml::array{})).table = prior;

  auto turn = make_table("turnover", "A change of leadership at an organisation");
  turn->add("day", Type::integer).unit_is("day").needed().at_least(0).describe("When");
  turn->add("organisation", Type::string).needed().describe("Organisation id");
  root->add("turnover", Type::table_array).def(toml::value(toml::array{})).table = turn;

  // [urgent], [mutual_aid], [[shock]] ----------------------------------------------------------
  auto urg = make_table("urgent", "Urgent demand and beds (docs/model.md §21)");
  urg->add("emergency_rate", Type::real).unit_is("per 1000 population per year").def(toml::value(100.0))
      .at_least(0).describe("Emergency admissions of each place's residents, to the nearest acute trust with beds")
      .from("NHS England Hospital Episode Statistics 2022/23: about 6.3 million emergency admissions for 57 million people, some short-stay");
  urg->add("mh_admission_rate", Type::real).unit_is("per 1000 population per year").def(toml::value(1.8))
      .at_least(0).describe("Mental-health admissions of each place's residents, to the nearest mental-health trust with beds")
      .from("NHS Mental Health Services Data Set: about 100,000 admissions a year in England");
  urg->add("winter_amplitude", Type::real).unit_is("1").def(toml::value(0.08)).at_least(0).below(1)
      .describe("Relative seasonal swing of urgent demand: 1 + amplitude x cos(2 pi (day of year - peak) / 365.25)")
      .from("Assumption: emergency admissions run about 8% above the mean in January");
  urg->add("winter_peak_day", Type::integer).unit_is("day of year").def(toml::value(15)).at_least(1).at_most(366)
      .describe("Day of the year urgent demand peaks");
  const auto los = [&](const char* prefix, const char* what, double mean, double cv, const char* src) {
    urg->add(std::string(prefix) + "_los_distribution", Type::string).def(toml::value("lognormal"))
        .one_of({"exponential", "lognormal", "gamma", "fixed"})
        .describe(std::string("Distribution of the length of stay of ") + what);
    urg->add(std::string(prefix) + "_los_mean_days", Type::real).unit_is("days").def(toml::value(mean)).above(0)
        .describe(std::string("Mean length of stay of ") + what).from(src);
    urg->add(std::string(prefix) + "_los_cv", Type::real).unit_is("1").def(toml::value(cv)).above(0)
        .describe("Coefficient of variation (sd / mean) of the stay, for lognormal and gamma");
  };
  los("acute", "emergency admissions", 5.0, 1.3, "NHS England: mean emergency stay about 5 days, strongly skewed");
  los("mh", "mental-health admissions", 35.0, 1.0, "NHS Mental Health Services Data Set: median adult acute stay about 35 days");
  urg->add("out_of_area_los_factor", Type::real).unit_is("1").def(toml::value(1.3)).at_least(1)
      .describe("Out-of-area placements stay this much longer")
      .from("S1: the North West London CAMHS collaborative cut out-of-area stays by about a third");
  urg->add("out_of_area_cost_per_day", Type::real).unit_is("GBP per bed day").def(toml::value(650.0)).at_least(0)
      .describe("Cost of an out-of-area bed day").from("Order of magnitude of independent-sector MH bed prices");
  urg->add("cancel_threshold", Type::real).unit_is("1").def(toml::value(0.92)).above(0)
      .describe("Occupancy of staffed beds above which elective activity is cancelled")
      .from("NHS England: 92% G&A occupancy is the planning ceiling; electives are cancelled above it");
  urg->add("cancel_full", Type::real).unit_is("1").def(toml::value(1.0)).above(0)
      .describe("Occupancy at which the full cancel_share applies (linear from cancel_threshold)");
  urg->add("cancel_share", Type::real).unit_is("1").def(toml::value(0.3)).at_least(0).at_most(1)
      .describe("Share of elective capacity cancelled at or above cancel_full")
      .from("Assumption: inpatient electives (about a third of activity) stop at full occupancy; day cases continue");
  urg->add("opel_thresholds", Type::real_array).unit_is("1").sized(3)
      .def(toml::value(toml::array{0.85, 0.92, 0.97}))
      .describe("Occupancy of staffed beds at which OPEL 2, 3 and 4 begin (increasing)")
      .from("NHS England OPEL framework 2023/24 uses bed occupancy among its indicators; thresholds an assumption");
  root->add("urgent", Type::table).def(toml::value(toml::table{})).table = urg;

  auto aid = make_table("mutual_aid", "Mutual aid between trusts under pressure (docs/model.md §23)");
  aid->add("enabled", Type::boolean).def(toml::value(true)).describe("Whether trusts ask partners for aid");
  aid->add("ask_occupancy", Type::real).unit_is("1").def(toml::value(0.95)).above(0)
      .describe("A trust asks for aid when the occupancy of its staffed beds reaches this")
      .from("S0: mutual aid 'took on a whole new meaning' in the pandemic; threshold an assumption");
  aid->add("give_occupancy", Type::real).unit_is("1").def(toml::value(0.85)).above(0)
      .describe("A partner has slack below this occupancy and lends beds down to it");
  aid->add("give_trust", Type::real).unit_is("1").def(toml::value(0.5)).at_least(0).at_most(1)
      .describe("A partner gives when its trust in the requester, adjusted for reciprocity, is at least this")
      .from("S0: relationships 'crucial, especially when tackling the most challenging issues'");
  aid->add("reciprocity_weight", Type::real).unit_is("1").def(toml::value(0.2)).at_least(0)
      .describe("Adjustment of trust by tanh(balance owed / reciprocity_scale): favours owed make giving likelier")
      .from("Reciprocity in inter-organisational relationships (Ring and Van de Ven 1994); assumption");
  aid->add("reciprocity_scale", Type::real).unit_is("bed days").def(toml::value(20.0)).above(0)
      .describe("Balance of past aid at which reciprocity has three quarters of its effect");
  aid->add("reciprocity_decay", Type::real).unit_is("per month").def(toml::value(0.95)).above(0).at_most(1)
      .describe("Monthly decay of the remembered balance of past aid");
  aid->add("elective_cost", Type::real).unit_is("slots per bed per working day").def(toml::value(0.25)).at_least(0)
      .describe("Elective slots a donor loses per bed (or staffed bed) it lends, each working day")
      .from("Assumption: staff redeployed from elective work");
  aid->add("granted_weight", Type::real).unit_is("evidence per request").def(toml::value(0.5)).at_least(0)
      .describe("Positive evidence of the requester about a partner that gives");
  aid->add("refused_weight", Type::real).unit_is("evidence per request").def(toml::value(0.5)).at_least(0)
      .describe("Negative evidence about a partner that refuses with slack, times the partner's openness (visibility)");
  aid->add("pact_occupancy_shift", Type::real).unit_is("1").def(toml::value(0.05)).at_least(0)
      .describe("A mutual-aid pact at scale x lowers ask_occupancy and raises give_occupancy by this x x")
      .from("S3: 'opportunities to deliver benefits of scale and mutual aid'; assumption");
  aid->add("pact_trust_shift", Type::real).unit_is("1").def(toml::value(0.2)).at_least(0)
      .describe("A mutual-aid pact at scale x lowers give_trust by this x x");
  aid->add("ics_wide", Type::boolean).def(toml::value(true))
      .describe("After its collaboratives' members, a trust asks the other trusts of its ICS");
  root->add("mutual_aid", Type::table).def(toml::value(toml::table{})).table = aid;

  auto shock = make_table("shock", "An event on the scenario's timeline (docs/model.md §22)");
  shock->add("id", Type::string).needed().describe("Unique id (keys its random intensity)");
  shock->add("type", Type::string).needed().one_of({"pandemic", "winter", "incident", "industrial_action"})
      .describe("pandemic: urgent demand and staff absence; winter: urgent demand; incident: capacity "
                "lost at one trust (a cyber attack); industrial_action: elective capacity lost");
  shock->add("start_day", Type::integer).unit_is("day").needed().at_least(0).describe("First day");
  shock->add("end_day", Type::integer).unit_is("day").needed().at_least(0).describe("Last day (inclusive)");
  shock->add("trusts", Type::string_array).def(toml::value(toml::array{}))
      .describe("Trusts affected (default: all); an incident names exactly one");
  shock->add("urgent_multiplier", Type::real).unit_is("1").def(toml::value(1.0)).at_least(0)
      .describe("pandemic, winter: peak multiplier of urgent demand (the wave rises and falls as sin^2)")
      .from("COVID-19 wave of January 2021: about 1.3 times usual G&A occupancy pressure; assumption");
  shock->add("absence", Type::real).unit_is("1").def(toml::value(0.0)).at_least(0).below(1)
      .describe("pandemic: peak share of staff absent (beds and elective capacity close)")
      .from("NHS England sickness absence peaked near 10% in January 2022");
  shock->add("capacity_loss", Type::real).unit_is("1").def(toml::value(0.0)).at_least(0).at_most(1)
      .describe("incident: share of elective capacity and beds lost");
  shock->add("elective_loss", Type::real).unit_is("1").def(toml::value(0.0)).at_least(0).at_most(1)
      .describe("industrial_action: share of elective capacity lost on each day")
      .from("NHS England: about 1.5 million appointments rescheduled over 2023's strikes");
  shock->add("intensity_cv", Type::real).unit_is("1").def(toml::value(0.0)).at_least(0)
      .describe("Random intensity: the excess (multiplier - 1, absence, losses) times a lognormal "
                "factor of mean 1 and this cv, drawn once per replication from the shock's own stream");
  root->add("shock", Type::table_array).def(toml::value(toml::array{})).table = shock;

  // [governance] -----------------------------------------------------------------------------
  auto gov = make_table("governance", "Monthly meetings: leadership hours and the voting utility");
  auto hours = [&](const char* key, double def, const char* desc) {
    gov->add(key, Type::real).unit_is("hours per month").def(toml::value(def)).at_least(0)
        .describe(desc).from("Assumption; S2: 'Simplicity ... govern what needs to be governed'");
  };
  hours("hours_committees_in_common", 8.0, "Each member's hours for a committees-in-common collaborative");
  hours("hours_joint_committee", 16.0, "Each member's hours for a joint committee (heavier governance)");
  hours("hours_lead_provider", 6.0, "Each non-lead member's hours for a lead-provider collaborative");
  hours("hours_lead", 20.0, "The lead provider's hours");
  hours("hours_per_programme", 4.0, "Each member's hours per active programme at scale 1");
  hours("hours_partnership", 6.0, "Each member's hours for a place partnership");
  auto beta = [&](const char* key, double def, const char* desc) {
    gov->add(key, Type::real).def(toml::value(def)).at_least(0).describe(desc).from("Assumption");
  };
  beta("beta_benefit", 2.0, "Utility weight of the expected benefit to the member and its patients");
  beta("beta_trust", 4.0, "Utility weight of (mean trust in the other members - 0.5)");
  beta("beta_cost", 1.0, "Utility weight of the programme's cost (leadership hours, money)");
  beta("beta_time", 1.0, "Utility weight of the member's lack of leadership time (1 - engagement)");
  beta("beta_competitiveness", 1.5, "Utility weight of competitiveness against joint programmes");
  beta("vote_noise", 1.0, "Scale of the logistic noise: P(yes) = 1 / (1 + exp(-U / noise))");
  auto level = [&](const char* key, double def, const char* desc) {
    gov->add(key, Type::real).unit_is("1").def(toml::value(def)).at_least(0).at_most(1).describe(desc)
        .from("Assumption; S2: programmes 'scale with cohesion'");
  };
  level("scale_up_cohesion", 0.6, "Cohesion (mean trust among members) needed to vote on scaling up");
  level("stall_cohesion", 0.45, "Below this cohesion a programme does not grow");
  level("stop_cohesion", 0.35, "When, since a programme started, a member's trust in a partner has "
        "fallen below this, it puts stopping the programme to the vote");
  gov->add("restart_delay_months", Type::integer).unit_is("months").def(toml::value(12)).at_least(0)
      .describe("A stopped programme returns to the agenda after this").from("Assumption");
  gov->add("min_months_before_stop", Type::integer).unit_is("months").def(toml::value(3)).at_least(0)
      .describe("A programme is put to a stop vote only after running this long (judged on its record)")
      .from("Assumption");
  root->add("governance", Type::table).def(toml::value(toml::table{})).table = gov;

  return root;
}

}  // namespace

Field& TableSpec::add(std::string key, Type type) {
  Field f;
  f.key = std::move(key);
  f.type = type;
  fields.push_back(std::move(f));
  return fields.back();
}

const Field* TableSpec::find(std::string_view key) const {
  for (const auto& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

std::string TableSpec::key_list() const {
  std::string s;
  for (const auto& f : fields) {
    if (!s.empty()) s += ", ";
    s += f.key;
  }
  return s;
}

std::string Field::type_name() const {
  switch (type) {
    case Type::integer: return "integer";
    case Type::real: return "number";
    case Type::string: return choices.empty() ? "string" : "enum";
    case Type::boolean: return "boolean";
    case Type::date: return "date";
    case Type::real_array:
      return length ? "array of " + std::to_string(length) + " numbers" : "array of numbers";
    case Type::integer_array: return "array of integers";
    case Type::string_array: return "array of strings";
    case Type::date_array: return "array of dates";
    case Type::table: return "table";
    case Type::table_array: return "array of tables";
    case Type::map:
      return "table: " + key_ref + " id -> " + (value_type == Type::table ? "table" : "number");
  }
  return "?";
}

std::string Field::range_text() const {
  if (!choices.empty()) {
    std::string s;
    for (const auto& c : choices) s += (s.empty() ? "" : " | ") + c;
    return s;
  }
  if (!ref.empty()) return "id of a " + ref;
  if (min && max) {
    return std::string(min_open ? "(" : "[") + number_text(*min) + ", " + number_text(*max) +
           (max_open ? ")" : "]");
  }
  if (min) return std::string(min_open ? "> " : ">= ") + number_text(*min);
  if (max) return std::string(max_open ? "< " : "<= ") + number_text(*max);
  return "";
}

std::string Field::expectation() const {
  std::string what;
  switch (type) {
    case Type::integer: what = "an integer"; break;
    case Type::real: what = "a number"; break;
    case Type::string:
      what = choices.empty() ? (ref.empty() ? "a string" : "the id of a " + ref) : "one of";
      break;
    case Type::boolean: what = "true or false"; break;
    case Type::date: what = "a date (YYYY-MM-DD)"; break;
    case Type::real_array:
      what = length ? "an array of " + std::to_string(length) + " numbers" : "an array of numbers";
      break;
    case Type::integer_array: what = "an array of integers"; break;
    case Type::string_array: what = "an array of strings"; break;
    case Type::date_array: what = "an array of dates"; break;
    case Type::table: what = "a table"; break;
    case Type::table_array: what = "an array of tables ([[" + key + "]])"; break;
    case Type::map: what = "a table keyed by " + key_ref + " id"; break;
  }
  const std::string range = range_text();
  if (!choices.empty()) return what + ": " + range;
  if (!range.empty() && ref.empty()) what += " " + range;
  if (!unit.empty() && unit != "1") what += " (" + unit + ")";
  return what;
}

const TableSpec& registry() {
  static const std::shared_ptr<TableSpec> root = build_registry();
  return *root;
}

namespace {
void flatten(const TableSpec& t, const std::string& prefix, std::vector<ParamRow>& rows) {
  for (const auto& f : t.fields) {
    const std::string path = prefix.empty() ? f.key : prefix + "." + f.key;
    const bool container = f.type == Type::table || f.type == Type::table_array ||
                           (f.type == Type::map && f.value_type == Type::table);
    if (!container) {
      ParamRow r;
      r.path = f.type == Type::map ? path + ".<" + f.key_ref + ">" : path;
      r.type = f.type_name();
      r.unit = f.unit;
      r.default_text = f.default_value ? value_text(*f.default_value) : "";
      if (f.type == Type::string && !f.default_value && !f.required && f.key == "name")
        r.default_text = "the id";
      if (f.key == "location_km" && !f.required) r.default_text = "its place's location";
      r.range = f.range_text();
      r.description = f.description;
      r.source = f.source;
      r.required = f.required;
      rows.push_back(std::move(r));
    }
    if (f.table) {
      const std::string child =
          f.type == Type::map ? path + ".<" + f.key_ref + ">" : path;
      flatten(*f.table, child, rows);
    }
  }
}

std::string escape_md(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '|') o += "\\|";
    else if (c == '\n') o += ' ';
    else o += c;
  }
  return o;
}
}  // namespace

std::vector<ParamRow> parameter_rows() {
  std::vector<ParamRow> rows;
  flatten(registry(), "", rows);
  return rows;
}

namespace {
bool selected(const std::string& path, const std::vector<std::string>& prefixes) {
  if (prefixes.empty()) return true;
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const std::string& p) { return path.rfind(p, 0) == 0; });
}
}  // namespace

std::string parameters_markdown(const std::vector<std::string>& prefixes) {
  std::ostringstream os;
  os << "| key | type | unit | default | range | description | source |\n"
     << "|---|---|---|---|---|---|---|\n";
  for (const auto& r : parameter_rows()) {
    if (!selected(r.path, prefixes)) continue;
    os << "| `" << r.path << "` | " << escape_md(r.type) << " | " << escape_md(r.unit) << " | "
       << (r.required ? "**required**" : "`" + escape_md(r.default_text) + "`") << " | "
       << escape_md(r.range) << " | " << escape_md(r.description) << " | "
       << escape_md(r.source) << " |\n";
  }
  return os.str();
}

std::string parameters_text(const std::vector<std::string>& prefixes) {
  std::ostringstream os;
  for (const auto& r : parameter_rows()) {
    if (!selected(r.path, prefixes)) continue;
    os << r.path << "  (" << r.type;
    if (!r.unit.empty()) os << ", " << r.unit;
    os << ")\n    default: " << (r.required ? "required" : r.default_text);
    if (!r.range.empty()) os << "   range: " << r.range;
    os << "\n    " << r.description << "\n";
    if (!r.source.empty()) os << "    source: " << r.source << "\n";
  }
  return os.str();
}

}  // namespace icsim::scenario

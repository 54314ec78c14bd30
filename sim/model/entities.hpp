#pragma once
// The entities of a scenario (places, specialties, trusts, ICSs, collaboratives, place
// partnerships) and the run, each parameter declared once in its struct's fields()
// (core/params.hpp): unit, default (the member's initial value), range, description, source.
// Mechanisms' own sections are in their folders (model/<mechanism>/params.hpp).
#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/params.hpp"

namespace icsim::model {

inline constexpr int kPriorities = 3;  ///< clinical priorities P2, P3, P4 (P1 is not elective)
inline constexpr int kQuintiles = 5;   ///< IMD quintiles, most deprived first
inline constexpr int kMaxDays = 32000; ///< patient records hold days in 16 bits (model/patient.hpp)

inline const std::string kRtt2023 =
    "NHS England RTT waiting times statistics, August 2023: 7.7m waiting, median 14.5 weeks, "
    "58.0% within 18 weeks";

enum class TrustType : std::uint8_t {
  acute,
  acute_community,
  mental_health,
  mh_community,
  community,
  ambulance,
  specialist
};
inline constexpr std::array<const char*, 7> kTrustTypeNames = {
    "acute", "acute_community", "mental_health", "mh_community", "community", "ambulance",
    "specialist"};

struct Location {
  static constexpr std::size_t kArraySize = 2;
  double x_km = 0.0;
  double y_km = 0.0;
  [[nodiscard]] std::array<double, 2> to_array() const { return {x_km, y_km}; }
  static Location from_array(const std::array<double, 2>& a) { return {a[0], a[1]}; }
  friend bool operator==(const Location&, const Location&) = default;
};
double distance_km(const Location& a, const Location& b);

/// The run: what is simulated and for how long ([scenario]).
struct RunConfig {
  std::string name;
  std::string description;
  core::Date start_date{2024, 4, 1};
  int days = 365;
  std::uint64_t seed = 1;
  int replications = 20;
  int working_days_per_week = 5;
  std::vector<core::Date> non_working_dates;
  friend bool operator==(const RunConfig&, const RunConfig&) = default;
};

/// What is written and how often ([output]).
struct OutputConfig {
  int interval_days = 7;
  std::vector<std::string> observables;  ///< names; empty: all
  int compression = 4;

  template <class V>
  void fields(V& v) {
    v.param(interval_days, "interval_days").unit_is("days").at_least(1).at_most(3650)
        .describe("Output interval: stocks sampled at its end, flows summed over it")
        .from("Weekly, as the NHS waiting list minimum data set");
    v.param(observables, "observables").describe("Observables to write (see docs/outputs.md); empty = all");
    v.param(compression, "compression").at_least(0).at_most(9)
        .describe("Deflate level of the HDF5 datasets (0 = none)");
  }
  friend bool operator==(const OutputConfig&, const OutputConfig&) = default;
};

struct PlaceConfig {
  std::string id;
  std::string name;  ///< empty: the id
  std::int64_t population = 0;
  Location location;
  std::array<double, kQuintiles> deprivation{0.2, 0.2, 0.2, 0.2, 0.2};  ///< shares, sum 1

  template <class V>
  void fields(V& v) {
    v.param(id, "id").needed().id().describe("Unique id");
    v.param(name, "name").absent_means("the id").describe("Display name (default: the id)");
    v.param(population, "population").unit_is("persons").needed().at_least(0).at_most(2e10)
        .describe("Resident population");
    v.param(location, "location_km").unit_is("km").needed()
        .describe("Position [x, y] on a km grid (distances are Euclidean)");
    v.param(deprivation, "deprivation").unit_is("1").at_least(0).at_most(1)
        .describe("Population share by IMD quintile, most deprived first; sums to 1")
        .from("IMD quintiles hold a fifth of England's population each by construction");
  }
  friend bool operator==(const PlaceConfig&, const PlaceConfig&) = default;
};

struct SpecialtyConfig {
  std::string id;
  std::string name;  ///< empty: the id
  double referral_rate = 0.0;  ///< referrals per 1000 population per year
  std::array<double, kPriorities> priority_mix{0.1, 0.3, 0.6};  ///< shares of P2, P3, P4
  double removal_hazard_per_week = 0.015;  ///< probability a waiting patient is removed per week
  double seasonal_amplitude = 0.0;         ///< relative peak-to-mean of referrals
  int seasonal_peak_day = 15;              ///< day of year of the seasonal peak
  double annual_growth = 0.0;              ///< relative growth of referral rates per year
  bool referrals_on_working_days = false;  ///< referrals arrive on working days only

  template <class V>
  void fields(V& v) {
    v.param(id, "id").needed().id().describe("Unique id");
    v.param(name, "name").absent_means("the id").describe("Display name (default: the id)");
    v.param(referral_rate, "referral_rate").unit_is("referrals per 1000 population per year").needed()
        .at_least(0).describe("Mean rate of new RTT pathways (clock starts) per resident")
        .from("England 2019: about 1.73m clock starts a month for 56m people (BRIEF 3.1)");
    v.param(priority_mix, "priority_mix").unit_is("1").at_least(0).at_most(1)
        .describe("Shares of referrals in clinical priorities P2, P3, P4; sums to 1")
        .from("FSSA clinical prioritisation (P1-P4), 2020; shares are an assumption");
    v.param(removal_hazard_per_week, "removal_hazard_per_week").unit_is("1/week").at_least(0).at_most(1)
        .describe("Probability per week that a waiting patient leaves other than by treatment")
        .from("England 2019: 1.73m starts vs 1.43m treated a month on a 4.2m list: about 0.3m/4.2m "
              "a month, 1.5-1.6% a week (BRIEF 3.1)");
    v.param(seasonal_amplitude, "seasonal_amplitude").unit_is("1").at_least(0).below(1)
        .describe("Relative amplitude of the yearly cosine in referrals (0.1 = +-10%)");
    v.param(seasonal_peak_day, "seasonal_peak_day").unit_is("day of year").at_least(1).at_most(366)
        .describe("Day of the year when referrals peak").from("Assumption: winter peak, mid-January");
    v.param(annual_growth, "annual_growth").unit_is("1/year").above(-1).at_most(1)
        .describe("Relative growth of the referral rate per year, compounded daily");
    v.param(referrals_on_working_days, "referrals_on_working_days")
        .describe("Referrals arrive on working days only, at 7 / working_days_per_week times the daily rate "
                  "(none on weekends and non-working dates); false: every day")
        .from("RTT clock starts follow GP and outpatient working days: in the RTT sample (data/rtt) the "
              "monthly flows per working day vary less than per calendar day (docs/calibration.md)");
  }
  friend bool operator==(const SpecialtyConfig&, const SpecialtyConfig&) = default;
};

struct InitialList {
  InitialList() = default;
  InitialList(std::int64_t size_, double mean_wait_weeks_) : size(size_), mean_wait_weeks(mean_wait_weeks_) {}
  std::int64_t size = 0;          ///< patients waiting at the start
  double mean_wait_weeks = 20.0;  ///< mean of the exponential distribution of their waits
  std::vector<double> weeks_waited;  ///< shares by whole weeks waited (0, 1, ...); empty: exponential
  std::vector<double> priority_mix;  ///< shares of P2, P3, P4 among them; empty: the specialty's

  template <class V>
  void fields(V& v) {
    v.param(size, "size").unit_is("patients").at_least(0).at_most(1e9).describe("Patients waiting at the start");
    v.param(mean_wait_weeks, "mean_wait_weeks").unit_is("weeks").above(0).at_most(1000)
        .describe("Mean of the exponential distribution of their waits so far")
        .from(kRtt2023 + "; an exponential with mean 20 weeks has median 13.9 and 59% within 18");
    v.param(weeks_waited, "weeks_waited").unit_is("1").at_least(0).absent_means("the exponential")
        .describe("Relative numbers waiting by whole weeks waited (0, 1, 2, ...; days uniform within a "
                  "week); when given it replaces the exponential of mean_wait_weeks")
        .from("NHS England RTT full extract, incomplete pathways by weekly band (icsim calibrate)");
    v.param(priority_mix, "priority_mix").unit_is("1").at_least(0).at_most(1).absent_means("the specialty's")
        .describe("Shares of P2, P3, P4 among those waiting at the start (three values summing to 1); "
                  "P2 patients are treated first, so a list in balance holds fewer of them than arrive")
        .from("Assumption (icsim calibrate sets P2 to 0: its P2 are those treated within their month)");
  }
  friend bool operator==(const InitialList&, const InitialList&) = default;
};

struct TrustConfig {
  std::string id;
  std::string name;  ///< empty: the id
  TrustType type = TrustType::acute;
  int place = -1;  ///< index into Config::places
  std::optional<Location> location;  ///< absent: its place's location (Config::trust_location)
  std::vector<double> capacity;      ///< per specialty: treatments per working day
  std::vector<InitialList> initial;  ///< per specialty
  double leadership_hours = 40.0;    ///< leaders' hours per month available for collaboration
  double competitiveness = 0.3;      ///< 0..1: weight on its own interest against the system's
  double openness = 0.5;             ///< 0..1: open-book transparency (behaviour observable)
  int beds = 0;                      ///< acute: general and acute beds; mental health: MH beds
  double initial_occupancy = 0.85;   ///< share of beds occupied on day 0

  template <class V>
  void fields(V& v) {
    v.param(id, "id").needed().id().describe("Unique id (e.g. ODS code)");
    v.param(name, "name").absent_means("the id").describe("Display name (default: the id)");
    v.choice(type, "type", kTrustTypeNames).needed().describe("Kind of provider");
    v.ref(place, "place", "place").needed().describe("The place the trust is based in");
    v.param(location, "location_km").unit_is("km").absent_means("its place's location")
        .describe("Position [x, y] (default: its place's location)");
    v.param(leadership_hours, "leadership_hours").unit_is("hours per month").at_least(0).at_most(1000)
        .describe("Leaders' time available for collaboration; spread over its collaboratives and "
                  "partnerships, so belonging to many dilutes each")
        .from("S1: 'leadership capacity is under strain'; assumption: about five leader-days a month");
    v.param(competitiveness, "competitiveness").unit_is("1").at_least(0).at_most(1)
        .describe("Weight on its own organisation's interest when voting")
        .from("S2 pitfall: 'historical competition'; assumption");
    v.param(openness, "openness").unit_is("1").at_least(0).at_most(1)
        .describe("Open-book transparency: evidence about its behaviour counts (1 + openness_gain x "
                  "openness) times")
        .from("S0: 'moving to open book accounting'; S2: 'Transparency'");
    v.param(beds, "beds").unit_is("beds").at_least(0).at_most(100000)
        .describe("Acute trusts: general and acute beds taking emergency admissions; mental-health "
                  "trusts: adult acute mental-health beds (0: no urgent model for this trust)")
        .from("NHS England KH03 bed availability (about 100,000 G&A and 17,000 MH beds in England)");
    v.param(initial_occupancy, "initial_occupancy").unit_is("1").at_least(0).at_most(1)
        .describe("Share of beds occupied on day 0 (residual stays drawn from the stay distribution)");
    v.map(capacity, "capacity", "specialty").unit_is("treatments per working day").at_least(0).at_most(1e6)
        .describe("Elective treatment capacity by specialty id (absent: not offered)");
    v.map(initial, "initial_list", "specialty", "Waiting list at day 0")
        .describe("Initial waiting list by specialty id");
  }
  friend bool operator==(const TrustConfig&, const TrustConfig&) = default;
};

enum class Commissioning : std::uint8_t { collaborative, transactional };
inline constexpr std::array<const char*, 2> kCommissioningNames = {"collaborative", "transactional"};
enum class Delegation : std::uint8_t { fixed, earned };
inline constexpr std::array<const char*, 2> kDelegationNames = {"fixed", "earned"};
enum class CapitalRule : std::uint8_t { needs, competitive };
inline constexpr std::array<const char*, 2> kCapitalRuleNames = {"needs", "competitive"};

/// An integrated care system: its places, its trusts and its ICB.
struct IcsConfig {
  std::string id;
  std::string name;  ///< empty: the id
  std::vector<int> places;  ///< indices into Config::places
  std::vector<int> trusts;  ///< indices into Config::trusts (after normalise(): all its trusts, ascending)
  Commissioning commissioning = Commissioning::collaborative;
  bool honest_broker = false;       ///< the ICB brokers contested decisions (capital, votes)
  bool mediates = false;            ///< the ICB mediates a contested vote when a losing member asks
  CapitalRule capital_rule = CapitalRule::needs;  ///< capital to the longest waits, or a contest
  int capital_awards = 0;           ///< capital awards a year (0: no capital contest)
  double capital_capacity_gain = 0.05;  ///< relative capacity gain of an award
  double icb_openness = 0.5;        ///< how visible the ICB's conduct is to providers
  Delegation delegation = Delegation::fixed;  ///< delegated budgets fixed, or earned at reviews
  bool intervenes = false;          ///< the ICB overrules a collaborative whose member misses the target

  template <class V>
  void fields(V& v) {
    v.param(id, "id").needed().id().describe("Unique id");
    v.param(name, "name").absent_means("the id").describe("Display name (default: the id)");
    v.refs(places, "places", "place").needed().describe("Its places; every place belongs to exactly one ICS");
    v.refs(trusts, "trusts", "trust")
        .describe("Its trusts (default: the trusts based in its places); a trust belongs to exactly one ICS");
    v.group("icb", "The integrated care board", [&](auto& b) {
      b.choice(commissioning, "commissioning", kCommissioningNames)
          .describe("transactional: providers are paid by activity and lose income when a patient "
                    "moves; collaborative: aligned (block) payments")
          .from("S0: systems taking a collaborative rather than transactional approach 'have been "
                "able to move further, faster'");
      b.param(honest_broker, "honest_broker")
          .describe("The ICB brokers contested decisions: being overruled and losing a capital "
                    "bid cost less trust (relationships.broker_softening)")
          .from("S4: 'where provider collaborative members could be in direct competition, for "
                "example, in capital funding allocations, there is the need for an honest broker'");
      b.param(mediates, "mediates")
          .describe("Dispute resolution: a member overruled in a vote, distrusting the winners (trust below "
                    "governance.mediation_ask_trust), asks the ICB to mediate; mediation withholds "
                    "relationships.mediation_restore of the evidence against the winners, gives the member "
                    "mediation_weight of positive evidence about the ICB, and costs it governance.mediation_hours")
          .from("S3: support from the ICS 'providing a dispute resolution channel where needed'; S2: "
                "'Dispute resolution process'; S4: ICBs as 'stewards on the integration journey'");
      b.choice(capital_rule, "capital_rule", kCapitalRuleNames)
          .describe("Yearly capital: needs (to the trusts with the longest median waits) or "
                    "competitive (a contest favouring larger trusts, with chance)");
      b.param(capital_awards, "capital_awards").at_least(0).at_most(1000).describe("Capital awards each year (0: none)");
      b.param(capital_capacity_gain, "capital_capacity_gain").unit_is("1").at_least(0).at_most(10)
          .describe("Relative capacity an award adds to the winner's longest-waiting specialty")
          .from("Assumption: a new theatre or ward adds about 5% to a specialty's capacity");
      b.param(icb_openness, "openness").unit_is("1").at_least(0).at_most(1)
          .describe("Transparency of the ICB's conduct: evidence about it counts (1 + openness_gain x this) times")
          .from("Assumption: as a trust's default openness; plausible range 0.2-0.9");
      b.choice(delegation, "delegation", kDelegationNames)
          .describe("fixed: each collaborative's delegated_budget in full; earned: a share reviewed every "
                    "oversight.review_months, raised when the ICB trusts the members and their waits improve, "
                    "lowered when neither (docs/model.md §32)")
          .from("S4: 'a great deal of delegation of responsibility to ICB leadership, as ICBs are best placed "
                "to understand whether provider collaboratives are delivering'");
      b.param(intervenes, "intervenes")
          .describe("At each review the ICB overrules a collaborative with a member list under "
                    "oversight.intervene_share within 18 weeks: it starts or scales up the collaborative's "
                    "shared list for that specialty, and each member takes overrule_weight of negative "
                    "evidence about the ICB (docs/model.md §32)")
          .from("Issue 13: an ICB that intervenes when targets are missed; an ICB that overrules damages trust");
    });
  }
  friend bool operator==(const IcsConfig&, const IcsConfig&) = default;
};

enum class CollaborativeKind : std::uint8_t { horizontal, vertical, hybrid };
inline constexpr std::array<const char*, 3> kCollaborativeKindNames = {"horizontal", "vertical", "hybrid"};
enum class Governance : std::uint8_t { committees_in_common, joint_committee, lead_provider, merged };
inline constexpr std::array<const char*, 4> kGovernanceNames = {"committees_in_common", "joint_committee",
                                                                "lead_provider", "merged"};
enum class DecisionRule : std::uint8_t { unanimous, majority, supermajority, weighted, lead_decides, casting_vote, gated };
inline constexpr std::array<const char*, 7> kDecisionRuleNames = {
    "unanimous", "majority", "supermajority", "weighted", "lead_decides", "casting_vote", "gated"};
enum class ProgrammeType : std::uint8_t {
  shared_waiting_list,
  mutual_aid_pact,
  shared_diagnostics,
  workforce_pool,
  joint_procurement,
  clinical_standardisation
};
inline constexpr std::array<const char*, 6> kProgrammeTypeNames = {
    "shared_waiting_list", "mutual_aid_pact", "shared_diagnostics", "workforce_pool", "joint_procurement",
    "clinical_standardisation"};

struct ProgrammeConfig {
  ProgrammeType type = ProgrammeType::shared_waiting_list;
  int specialty = -1;                ///< index into Config::specialties; -1: all (not for shared lists)
  std::optional<int> start_day;      ///< absent: day 0, or (governed) the start is voted on too
  std::optional<int> stop_day;       ///< first day it no longer runs (absent: never stops)
  double pledge_share = 1.0;         ///< share of each member's capacity offered to the pool
  bool governed = false;             ///< started, scaled and stopped by the collaborative's votes
  int proposed_day = 0;              ///< first meeting with it on the agenda (governed)
  double initial_scale = 1.0;        ///< scale when it starts (start small < 1; big bang = 1)
  double scale_step = 0.25;          ///< scale added by an approved scale-up
  double capacity_gain = 0.03;       ///< shared_diagnostics, workforce_pool: relative capacity gain
  double saving_per_month = 20000.0; ///< joint_procurement: GBP per member per month at scale 1

  /// The start day the model runs: start_day, else 0 for a scheduled programme and -1 (voted
  /// on) for a governed one.
  [[nodiscard]] int first_day() const { return start_day.value_or(governed ? -1 : 0); }

  template <class V>
  void fields(V& v) {
    v.choice(type, "type", kProgrammeTypeNames).needed().describe("What the programme does");
    v.ref(specialty, "specialty", "specialty")
        .describe("The specialty it applies to (required for shared_waiting_list; default for the others: all)");
    v.param(start_day, "start_day").unit_is("day").at_least(0).absent_means("0 (governed: voted on)")
        .describe("First day it runs. A governed programme with a start_day starts then and is "
                  "scaled and stopped by votes; without one its start is voted on too");
    v.param(stop_day, "stop_day").unit_is("day").at_least(1).absent_means("never")
        .describe("First day it no longer runs (default: never stops)");
    v.param(pledge_share, "pledge_share").unit_is("1").at_least(0).at_most(1)
        .describe("Share of each member's capacity for the specialty offered to the shared list at "
                  "scale 1 and full trust (see relationships.pledge_trust_full)")
        .from("Assumption");
    v.param(governed, "governed")
        .describe("Decided by the collaborative's monthly votes (start, scale up, stop) instead of start_day")
        .from("S2: 'unanimous vs different levels of majority voting, casting votes, weighted votes'");
    v.param(proposed_day, "proposed_day").unit_is("day").at_least(0)
        .describe("First day a governed programme is on the agenda");
    v.param(initial_scale, "initial_scale").unit_is("1").above(0).at_most(1)
        .describe("Scale when it starts: below 1 starts small, 1 is big bang")
        .from("S2: 'Start small and build momentum'");
    v.param(scale_step, "scale_step").unit_is("1").at_least(0).at_most(1)
        .describe("Scale added by each approved scale-up (governed)");
    v.param(capacity_gain, "capacity_gain").unit_is("1").at_least(0).at_most(1)
        .describe("shared_diagnostics, workforce_pool: relative capacity gain of members at scale 1")
        .from("Assumption: diagnostics and staff flexibility release a few per cent of elective capacity");
    v.param(saving_per_month, "saving_per_month").unit_is("GBP per member per month").at_least(0)
        .describe("joint_procurement: saving at scale 1").from("Assumption");
  }
  friend bool operator==(const ProgrammeConfig&, const ProgrammeConfig&) = default;
};

struct CollaborativeConfig {
  std::string id;
  std::string name;  ///< empty: the id
  int ics = -1;      ///< index into Config::ics
  CollaborativeKind kind = CollaborativeKind::horizontal;
  Governance governance = Governance::committees_in_common;
  DecisionRule decision_rule = DecisionRule::majority;
  std::vector<int> members;  ///< trust indices
  int lead = -1;             ///< lead provider (trust index) or -1
  double supermajority = 2.0 / 3.0;  ///< share of votes the supermajority rule needs, (0.5, 1]
  double exit_trust = 0.0;   ///< a member leaves after exit_months below this mean trust
  int exit_months = 3;
  std::vector<int> candidates;  ///< trusts that join when their trust in the members reaches
  double entry_trust = 1.0;     ///< ... this (1: never)
  double delegated_budget = 0.0;  ///< GBP a year to buy extra activity where waits are longest
  bool evolves = false;           ///< its governance form moves with cohesion and performance (model/forms)
  std::vector<ProgrammeConfig> programmes;

  template <class V>
  void fields(V& v) {
    v.param(id, "id").needed().id().describe("Unique id");
    v.param(name, "name").absent_means("the id").describe("Display name (default: the id)");
    v.ref(ics, "ics", "ics").needed().describe("The ICS it belongs to");
    v.choice(kind, "kind", kCollaborativeKindNames)
        .describe("horizontal: same-type trusts at scale, whose programmes move patients and lend beds across "
                  "all members; vertical: partners at place, only between members based in the same place; "
                  "hybrid: both, at scale")
        .from("S0: 'the same types of providers come together at scale'; 'integration at a more "
              "local level'; S4");
    v.choice(governance, "governance", kGovernanceNames)
        .describe("Governance form at the start: committees_in_common, joint_committee, lead_provider or merged "
                  "(the members act as one organisation: shared lists at full scale and full pledges, no "
                  "withholding, aid between members always granted)")
        .from("S2, S3: committees in common, joint committees, lead providers; S2: 'merger'");
    v.choice(decision_rule, "decision_rule", kDecisionRuleNames)
        .describe("How members' votes are aggregated: unanimous; majority; supermajority (a share of the votes); "
                  "weighted (by members' capacity); lead_decides; casting_vote (majority, the chair, lead or else "
                  "first member, breaks a tie); gated (majority, and a stage only once the previous one succeeds: "
                  "governance.gate_success)")
        .from("S2: 'unanimous vs different levels of majority voting, casting votes, weighted votes'");
    v.refs(members, "members", "trust").needed().describe("Member trusts");
    v.ref(lead, "lead", "trust").describe("Lead provider (required for lead_provider governance or lead_decides)");
    v.param(supermajority, "supermajority").unit_is("1").above(0.5).at_most(1)
        .describe("Share of members' votes the supermajority rule needs");
    v.param(exit_trust, "exit_trust").unit_is("1").at_least(0).at_most(1)
        .describe("A member leaves after exit_months with mean trust in the others below this (0: never)")
        .from("S2: 'Entry/ exit criteria'");
    v.param(exit_months, "exit_months").unit_is("months").at_least(1).at_most(1200)
        .describe("Consecutive months below exit_trust before a member leaves");
    v.refs(candidates, "candidates", "trust")
        .describe("Trusts that join when their mean trust in the members reaches entry_trust");
    v.param(entry_trust, "entry_trust").unit_is("1").at_least(0).at_most(1)
        .describe("Mean trust in the members at which a candidate joins (1: never)");
    v.param(delegated_budget, "delegated_budget").unit_is("GBP per year").at_least(0)
        .describe("Budget the ICB delegates to the collaborative, spent monthly on extra activity "
                  "(at the tariff) where members' waits are longest")
        .from("S3: ICBs may delegate budgets to provider collaboratives");
    v.param(evolves, "evolves")
        .describe("The governance form moves with sustained cohesion and performance: one step deeper "
                  "(committees in common, joint committee, lead provider, merged) after forms.deepen_months, one "
                  "step looser after forms.loosen_months of low cohesion, dissolution from committees in common "
                  "(docs/model.md §33)")
        .from("S2: 'form follows function'; S3: looser arrangements 'may be a first step'");
    v.tables(programmes, "programme", "A programme of the collaborative");
  }
  friend bool operator==(const CollaborativeConfig&, const CollaborativeConfig&) = default;
};

enum class PartnershipProgramme : std::uint8_t { prevention };
inline constexpr std::array<const char*, 1> kPartnershipProgrammeNames = {"prevention"};

struct PreventionConfig {
  PartnershipProgramme type = PartnershipProgramme::prevention;
  int specialty = -1;       ///< -1: all specialties
  int start_day = 0;
  int lag_days = 365;       ///< before any effect
  int ramp_days = 180;      ///< from no effect to full effect
  double effect = 0.05;     ///< maximum relative reduction in referrals, at full cohesion
  std::vector<int> target_quintiles{1, 2, 3, 4, 5};  ///< quintiles reached (1 = most deprived)
  double no_effect_cohesion = 0.3;    ///< partnership cohesion at or below which it has no effect
  double full_effect_cohesion = 0.8;  ///< ... and at or above which it has its full effect

  template <class V>
  void fields(V& v) {
    v.choice(type, "type", kPartnershipProgrammeNames).needed().describe("What it does");
    v.ref(specialty, "specialty", "specialty").describe("Specialty whose referrals it reduces (default: all)");
    v.param(start_day, "start_day").unit_is("day").at_least(0).describe("First day");
    v.param(lag_days, "lag_days").unit_is("days").at_least(0).describe("Days before any effect")
        .from("Assumption: prevention works with a lag");
    v.param(ramp_days, "ramp_days").unit_is("days").at_least(0).describe("Days from the first effect to the full effect");
    v.param(effect, "effect").unit_is("1").at_least(0).at_most(1)
        .describe("Maximum relative reduction in referrals, reached at full cohesion")
        .from("Assumption; S4: 'greater potential for leftward shift of services ... at place'");
    v.param(target_quintiles, "target_quintiles").at_least(1).at_most(5)
        .describe("IMD quintiles whose residents it reaches (1 = most deprived)");
    v.param(no_effect_cohesion, "no_effect_cohesion").unit_is("1").at_least(0).at_most(1)
        .describe("Partnership cohesion at or below which the programme has no effect (linear up to full_effect_cohesion)")
        .from("Assumption: plausible range 0.2-0.5");
    v.param(full_effect_cohesion, "full_effect_cohesion").unit_is("1").at_least(0).at_most(1)
        .describe("Partnership cohesion at or above which the programme has its full effect")
        .from("Assumption: plausible range 0.6-1");
  }
  friend bool operator==(const PreventionConfig&, const PreventionConfig&) = default;
};

/// A place-based partnership: the organisations serving one place.
struct PartnershipConfig {
  std::string id;
  std::string name;  ///< empty: the id
  int place = -1;
  std::vector<int> members;            ///< trust indices
  std::vector<std::string> partners;   ///< aggregate partners (primary care, local authority...)
  double partner_hours = 20.0;         ///< each partner's leaders' hours a month for the partnership
  double partner_openness = 0.5;       ///< each partner's openness
  std::vector<PreventionConfig> programmes;

  template <class V>
  void fields(V& v) {
    v.param(id, "id").needed().id().describe("Unique id");
    v.param(name, "name").absent_means("the id").describe("Display name (default: the id)");
    v.ref(place, "place", "place").needed().describe("The place it serves");
    v.refs(members, "members", "trust").describe("Member trusts");
    v.param(partners, "partners")
        .describe("Aggregate partners that are not trusts, e.g. [\"primary_care\", \"local_authority\"]: "
                  "each is an organisation with id <partnership>.<partner>");
    v.param(partner_hours, "partner_hours").unit_is("hours per month").at_least(0).at_most(1000)
        .describe("Leaders' hours each aggregate partner has for the partnership")
        .from("Assumption: about half of a trust's 40 hours; plausible range 5-40");
    v.param(partner_openness, "partner_openness").unit_is("1").at_least(0).at_most(1)
        .describe("Openness of each aggregate partner (as a trust's openness)")
        .from("Assumption: plausible range 0.2-0.9");
    v.tables(programmes, "programme", "A prevention (left shift) programme");
  }
  friend bool operator==(const PartnershipConfig&, const PartnershipConfig&) = default;
};

}  // namespace icsim::model

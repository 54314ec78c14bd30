#pragma once
// The model's configuration: plain, validated data. Produced by sim/scenario from a scenario file;
// the model never reads files itself.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar.hpp"

namespace icsim::model {

inline constexpr int kPriorities = 3;  ///< clinical priorities P2, P3, P4 (P1 is not elective)
inline constexpr int kQuintiles = 5;   ///< IMD quintiles, most deprived first

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
  double x_km = 0.0;
  double y_km = 0.0;
};
double distance_km(const Location& a, const Location& b);

struct PlaceConfig {
  std::string id;
  std::string name;
  std::int64_t population = 0;
  Location location;
  std::array<double, kQuintiles> deprivation{0.2, 0.2, 0.2, 0.2, 0.2};  ///< shares, sum 1
};

struct SpecialtyConfig {
  std::string id;
  std::string name;
  double referral_rate = 0.0;  ///< referrals per 1000 population per year
  std::array<double, kPriorities> priority_mix{0.1, 0.3, 0.6};  ///< shares of P2, P3, P4
  double removal_hazard_per_week = 0.0;  ///< probability a waiting patient is removed per week
  double seasonal_amplitude = 0.0;       ///< relative peak-to-mean of referrals
  int seasonal_peak_day = 15;            ///< day of year of the seasonal peak
  double annual_growth = 0.0;            ///< relative growth of referral rates per year
};

struct InitialList {
  std::int64_t size = 0;         ///< patients waiting at the start
  double mean_wait_weeks = 0.0;  ///< mean of the exponential distribution of their waits
};

struct TrustConfig {
  std::string id;
  std::string name;
  TrustType type = TrustType::acute;
  int place = 0;  ///< index into Config::places
  Location location;
  std::vector<double> capacity;      ///< per specialty: treatments per working day
  std::vector<InitialList> initial;  ///< per specialty
  double leadership_hours = 40.0;    ///< leaders' hours per month available for collaboration
  double competitiveness = 0.3;      ///< 0..1: weight on its own interest against the system's
  double openness = 0.5;             ///< 0..1: open-book transparency (behaviour observable)
  int beds = 0;                      ///< acute: general and acute beds; mental health: MH beds
  double initial_occupancy = 0.85;   ///< share of beds occupied on day 0
};

enum class Commissioning : std::uint8_t { collaborative, transactional };
inline constexpr std::array<const char*, 2> kCommissioningNames = {"collaborative", "transactional"};

/// An integrated care system: its places, its trusts and its ICB.
struct IcsConfig {
  std::string id;
  std::string name;
  std::vector<int> places;  ///< indices into Config::places
  std::vector<int> trusts;  ///< indices into Config::trusts (explicit or via their place)
  Commissioning commissioning = Commissioning::collaborative;
  bool honest_broker = false;      ///< the ICB brokers contested decisions (capital, votes)
  bool needs_based_capital = true; ///< capital to the longest waits; else a competitive contest
  int capital_awards = 0;          ///< capital awards a year (0: no capital contest)
  double capital_capacity_gain = 0.05;  ///< relative capacity gain of an award
};

enum class CollaborativeKind : std::uint8_t { horizontal, vertical, hybrid };
inline constexpr std::array<const char*, 3> kCollaborativeKindNames = {"horizontal", "vertical",
                                                                       "hybrid"};
enum class Governance : std::uint8_t { committees_in_common, joint_committee, lead_provider };
inline constexpr std::array<const char*, 3> kGovernanceNames = {
    "committees_in_common", "joint_committee", "lead_provider"};
enum class DecisionRule : std::uint8_t { unanimous, majority, supermajority, weighted, lead_decides };
inline constexpr std::array<const char*, 5> kDecisionRuleNames = {
    "unanimous", "majority", "supermajority", "weighted", "lead_decides"};
enum class ProgrammeType : std::uint8_t {
  shared_waiting_list,
  mutual_aid_pact,
  shared_diagnostics,
  workforce_pool,
  joint_procurement
};
inline constexpr std::array<const char*, 5> kProgrammeTypeNames = {
    "shared_waiting_list", "mutual_aid_pact", "shared_diagnostics", "workforce_pool",
    "joint_procurement"};

struct ProgrammeConfig {
  ProgrammeType type = ProgrammeType::shared_waiting_list;
  int specialty = 0;       ///< index into Config::specialties; -1: all (not for shared lists)
  int start_day = 0;       ///< first day it runs; governed: -1 = the start is voted on too
  int stop_day = -1;       ///< first day it no longer runs (-1: never stops)
  double pledge_share = 1.0;  ///< share of each member's capacity offered to the pool
  bool governed = false;   ///< started, scaled and stopped by the collaborative's votes
  int proposed_day = 0;    ///< first meeting with it on the agenda (governed)
  double initial_scale = 1.0;  ///< scale when it starts (start small < 1; big bang = 1)
  double scale_step = 0.25;    ///< scale added by an approved scale-up
  double capacity_gain = 0.03;  ///< shared_diagnostics, workforce_pool: relative capacity gain
  double saving_per_month = 20000.0;  ///< joint_procurement: GBP per member per month at scale 1
};

struct CollaborativeConfig {
  std::string id;
  std::string name;
  int ics = 0;  ///< index into Config::ics
  CollaborativeKind kind = CollaborativeKind::horizontal;
  Governance governance = Governance::committees_in_common;
  DecisionRule decision_rule = DecisionRule::majority;
  std::vector<int> members;  ///< trust indices
  int lead = -1;             ///< lead provider (trust index) or -1
  std::vector<ProgrammeConfig> programmes;
  double supermajority = 2.0 / 3.0;  ///< share of votes the supermajority rule needs, (0.5, 1]
  double exit_trust = 0.0;   ///< a member leaves after exit_months below this mean trust
  int exit_months = 3;
  std::vector<int> candidates;  ///< trusts that join when their trust in the members reaches
  double entry_trust = 1.0;     ///< ... this (1: never)
  double delegated_budget = 0.0;  ///< GBP a year to buy extra activity where waits are longest
};

struct PreventionConfig {
  int specialty = -1;       ///< -1: all specialties
  int start_day = 0;
  int lag_days = 365;       ///< before any effect
  int ramp_days = 180;      ///< from no effect to full effect
  double effect = 0.05;     ///< maximum relative reduction in referrals, at full cohesion
  std::array<bool, kQuintiles> quintiles{true, true, true, true, true};  ///< targeted quintiles
};

/// A place-based partnership: the organisations serving one place.
struct PartnershipConfig {
  std::string id;
  std::string name;
  int place = 0;
  std::vector<int> members;  ///< trust indices
  std::vector<std::string> partners;  ///< aggregate partners (primary care, local authority...)
  std::vector<PreventionConfig> programmes;
};

/// Initial evidence of one organisation about another (history: competition, partnership).
struct RelationshipPrior {
  int from = 0, to = 0;  ///< organisation indices (see Config::organisation_ids)
  double positive = 0.0, negative = 0.0;
};

struct TurnoverEvent {
  int day = 0;
  int organisation = 0;
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
  double help_weight = 0.5;          ///< per 5% of own capacity received as help
  double overruled_weight = 1.0;     ///< per vote lost
  double broker_softening = 0.7;     ///< share of overruled / capital-loss evidence an honest broker removes
  double capital_loss_weight = 2.0;  ///< losing bidder about each winner
  double capital_process_weight = 0.5;  ///< bidders about a brokering ICB
  double turnover_retention = 0.3;   ///< evidence kept at leadership turnover
  double turnover_hazard_per_year = 0.0;  ///< random turnover of any organisation
  double pledge_trust_full = 0.5;    ///< mean trust at which a member pledges in full
  std::vector<RelationshipPrior> priors;
  std::vector<TurnoverEvent> turnover;
};

/// Monthly meetings: leadership hours and the voting utility.
struct GovernanceConfig {
  std::array<double, 3> hours_by_form{8.0, 16.0, 6.0};  ///< per member per month, by Governance
  double hours_lead = 20.0;          ///< the lead provider's hours (lead_provider governance)
  double hours_per_programme = 4.0;  ///< per member per month at scale 1
  double hours_partnership = 6.0;    ///< per member of a place partnership per month
  double beta_benefit = 2.0;
  double beta_trust = 4.0;
  double beta_cost = 1.0;
  double beta_time = 1.0;
  double beta_competitiveness = 1.5;
  double vote_noise = 1.0;           ///< scale of the logistic noise in a vote
  double scale_up_cohesion = 0.6;    ///< cohesion needed to put a scale-up to the vote
  double stall_cohesion = 0.45;      ///< below this a programme does not grow
  double stop_cohesion = 0.35;       ///< below this a stop is put to the vote
  int min_months_before_stop = 3;    ///< a programme is judged on its record, not only history
  int restart_delay_months = 12;     ///< a stopped programme returns to the agenda after this
};

/// Frictions of shared waiting lists (docs/model.md, shared waiting lists).
struct PoolingConfig {
  double acceptance_distance_km = 25.0;  ///< P(accept a move) = exp(-distance / this)
  int reoffer_weeks = 4;                 ///< a patient who declines is not asked again for this long
  double transfer_admin_cost = 150.0;    ///< GBP per transfer
  double tariff = 4000.0;                ///< GBP a provider is paid per elective treatment (PbR)
  double transactional_release = 0.6;    ///< P(sending trust releases a patient), transactional
};

/// Patient-initiated digital mutual aid (PIDMAS): long waiters may ask to move.
struct PidmasConfig {
  bool enabled = false;
  int start_day = 0;
  double wait_weeks = 40.0;      ///< patients reaching this wait are eligible
  double uptake = 0.05;          ///< share of eligible patients who ask to move
  double min_gain_weeks = 4.0;   ///< the new provider's median wait must be this much shorter
  double max_distance_km = 60.0; ///< farthest provider a patient will consider
};

/// Length of stay in a bed: a distribution with a mean and a coefficient of variation.
enum class LosDistribution : std::uint8_t { exponential, lognormal, gamma, fixed };
inline constexpr std::array<const char*, 4> kLosDistributionNames = {"exponential", "lognormal", "gamma",
                                                                     "fixed"};
struct LosConfig {
  LosDistribution distribution = LosDistribution::lognormal;
  double mean_days = 5.0;
  double cv = 1.0;  ///< sd / mean (lognormal, gamma); ignored by exponential (1) and fixed (0)
};

/// Urgent demand and beds (docs/model.md §21).
struct UrgentConfig {
  double emergency_rate = 100.0;  ///< emergency admissions per 1000 population per year
  double mh_admission_rate = 1.8; ///< mental-health admissions per 1000 population per year
  double winter_amplitude = 0.08; ///< relative seasonal swing of urgent demand
  int winter_peak_day = 15;       ///< day of the year of the peak (15 January)
  LosConfig acute_los{LosDistribution::lognormal, 5.0, 1.3};
  LosConfig mh_los{LosDistribution::lognormal, 35.0, 1.0};
  double out_of_area_los_factor = 1.3;   ///< out-of-area stays are this much longer
  double out_of_area_cost_per_day = 650; ///< GBP per out-of-area bed day
  double cancel_threshold = 0.92;  ///< occupancy above which electives are cancelled
  double cancel_full = 1.0;        ///< occupancy at which the full cancel_share applies
  double cancel_share = 0.3;       ///< share of elective capacity cancelled at cancel_full
  std::array<double, 3> opel_thresholds{0.85, 0.92, 0.97};  ///< occupancy for OPEL 2, 3, 4
};

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
};

/// A shock on the scenario's timeline (docs/model.md §22).
enum class ShockType : std::uint8_t { pandemic, winter, incident, industrial_action };
inline constexpr std::array<const char*, 4> kShockTypeNames = {"pandemic", "winter", "incident",
                                                               "industrial_action"};
struct ShockConfig {
  std::string id;
  ShockType type = ShockType::pandemic;
  int start_day = 0;
  int end_day = 0;                 ///< last day (inclusive)
  std::vector<int> trusts;         ///< affected trusts (empty: all)
  double urgent_multiplier = 1.0;  ///< peak multiplier of urgent demand
  double absence = 0.0;            ///< peak share of staff absent (beds and elective capacity)
  double capacity_loss = 0.0;      ///< incident: share of elective capacity and beds lost
  double elective_loss = 0.0;      ///< industrial action: share of elective capacity lost
  double intensity_cv = 0.0;       ///< random intensity: excess (multiplier - 1, absence) times a lognormal factor with this cv
};

struct Config {
  std::string name;
  std::string description;
  core::Date start_date{2024, 4, 1};
  int days = 365;
  std::uint64_t seed = 1;
  int replications = 1;
  int working_days_per_week = 5;
  std::vector<core::Date> non_working_dates;
  int output_interval_days = 7;

  std::vector<PlaceConfig> places;
  std::vector<SpecialtyConfig> specialties;
  std::vector<TrustConfig> trusts;

  /// ICSs; when a scenario declares none, one implicit ICS holds every place and trust.
  std::vector<IcsConfig> ics;
  std::vector<CollaborativeConfig> collaboratives;
  std::vector<PartnershipConfig> partnerships;
  PoolingConfig pooling;
  PidmasConfig pidmas;
  RelationshipsConfig relationships;
  GovernanceConfig governance;
  UrgentConfig urgent;
  MutualAidConfig mutual_aid;
  std::vector<ShockConfig> shocks;

  /// Compute waits by deprivation quintile and by place at each sample (a scan of the waiting
  /// patients; switched off when no such observable is written).
  bool equity_outputs = true;

  /// Organisation ids: trusts, then one ICB per ICS ("<ics>_icb"), then place partners
  /// ("<partnership>.<partner>"). Relationships and leadership are indexed this way.
  [[nodiscard]] std::vector<std::string> organisation_ids() const;
  [[nodiscard]] std::size_t icb_index(std::size_t i) const { return trusts.size() + i; }

  /// Members of collaborative c with capacity for specialty s, in member order.
  [[nodiscard]] std::vector<int> collaborative_members_offering(std::size_t c, int s) const;
};

/// Fills in the implicit ICS when none is declared (idempotent). Scenario loading calls it.
void add_implicit_ics(Config& config);

/// Checks the invariants the model relies on (sizes, ranges, routing); throws
/// std::invalid_argument naming the offending entity. Scenario parsing reports errors with file
/// positions first; this is the last line of defence for configs built in code.
void check(const Config& config);

}  // namespace icsim::model

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
enum class ProgrammeType : std::uint8_t { shared_waiting_list };
inline constexpr std::array<const char*, 1> kProgrammeTypeNames = {"shared_waiting_list"};

struct ProgrammeConfig {
  ProgrammeType type = ProgrammeType::shared_waiting_list;
  int specialty = 0;       ///< index into Config::specialties
  int start_day = 0;       ///< first day the programme runs
  int stop_day = -1;       ///< first day it no longer runs (-1: never stops)
  double pledge_share = 1.0;  ///< share of each member's capacity offered to the pool
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
};

/// A place-based partnership: the organisations serving one place.
struct PartnershipConfig {
  std::string id;
  std::string name;
  int place = 0;
  std::vector<int> members;  ///< trust indices
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

  /// Compute waits by deprivation quintile and by place at each sample (a scan of the waiting
  /// patients; switched off when no such observable is written).
  bool equity_outputs = true;

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

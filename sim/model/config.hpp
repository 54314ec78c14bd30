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
};

/// Checks the invariants the model relies on (sizes, ranges, routing); throws
/// std::invalid_argument naming the offending entity. Scenario parsing reports errors with file
/// positions first; this is the last line of defence for configs built in code.
void check(const Config& config);

}  // namespace icsim::model

#pragma once
// The catalogue of observables the model can report. Each has a fixed name, unit, kind and axes;
// sim/io writes them generically from this table (docs/outputs.md is generated from it too).
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace icsim::model {

enum class Axes : std::uint8_t {
  trust_specialty,  ///< (organisation, specialty), organisation rows 0..trusts-1
  trust,            ///< (organisation)
  system,           ///< scalar
};

enum class Kind : std::uint8_t {
  stock,  ///< sampled at the end of each output interval
  flow,   ///< summed over the output interval
  rate,   ///< a ratio of flows over the output interval
};

enum class Obs : std::uint16_t {
  // trust x specialty
  waiting_list,
  referrals,
  treated,
  removed,
  capacity,
  wait_median_weeks,
  wait_p92_weeks,
  within_18_weeks,
  over_52_weeks,
  over_65_weeks,
  over_78_weeks,
  treated_mean_wait_weeks,
  // trust, all specialties
  trust_waiting_list,
  trust_wait_median_weeks,
  trust_within_18_weeks,
  trust_over_52_weeks,
  // whole system
  system_waiting_list,
  system_referrals,
  system_treated,
  system_removed,
  system_wait_median_weeks,
  system_wait_p92_weeks,
  system_within_18_weeks,
  system_over_52_weeks,
  count_
};
inline constexpr std::size_t kObservableCount = static_cast<std::size_t>(Obs::count_);

struct ObservableInfo {
  Obs id;
  std::string_view name;
  std::string_view unit;
  Kind kind;
  Axes axes;
  bool integer;  ///< stored as int64 (counts) rather than double
  std::string_view description;
};

/// All observables, indexed by Obs.
const std::array<ObservableInfo, kObservableCount>& observables();

/// Looks an observable up by name; returns false if there is none.
bool find_observable(std::string_view name, Obs& out);

std::string_view kind_name(Kind k);
std::string_view axes_name(Axes a);  ///< e.g. "time, organisation, specialty"

/// Values of every observable at one sample. Integer observables use `counts`, others `values`;
/// each vector is laid out row-major over the observable's axes.
struct Sample {
  std::int32_t step = 0;  ///< days simulated when the sample was taken (0 = initial state)
  std::array<std::vector<std::int64_t>, kObservableCount> counts;
  std::array<std::vector<double>, kObservableCount> values;
};

}  // namespace icsim::model

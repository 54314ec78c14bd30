#pragma once
// Observables: what the model reports at each sample. Each mechanism declares its own next to
// its code (a static kObservables table: name, unit, kind, axes, storage, description); the
// catalogue is their concatenation in the order of model/mechanisms.hpp. sim/io writes them
// generically from it, and docs/outputs.md is generated from it.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace icsim::model {

enum class Axes : std::uint8_t {
  trust_specialty,          ///< (organisation, specialty), organisation rows 0..trusts-1
  trust,                    ///< (organisation)
  system,                   ///< scalar
  specialty,                ///< (specialty)
  quintile,                 ///< (quintile): IMD quintile 1 (most deprived) .. 5
  trust_quintile,           ///< (organisation, quintile)
  place,                    ///< (place): by the patients' home place
  collaborative_specialty,  ///< (collaborative, specialty)
  trust_trust,              ///< (organisation, organisation): from, to
  wait_week,                ///< (wait_week): 0, 1, ..., 103, and 104 or more
  organisation_all,         ///< (organisation): every organisation (trusts, ICBs, partners)
  collaborative,            ///< (collaborative)
  programme,                ///< (programme): every programme of every collaborative
  partnership,              ///< (place_partnership)
};

/// Bins of the published wait histogram: weeks 0..103 and an overflow bin (104 or more).
inline constexpr std::size_t kWaitHistogramBins = 105;

enum class Kind : std::uint8_t {
  stock,  ///< sampled at the end of each output interval
  flow,   ///< summed over the output interval
  rate,   ///< a ratio of flows over the output interval
};

struct ObservableInfo {
  std::string_view name;
  std::string_view unit;
  Kind kind;
  Axes axes;
  bool integer;  ///< stored as int64 (counts) rather than double
  std::string_view description;
};

/// Every observable of every mechanism, in catalogue order.
const std::vector<ObservableInfo>& observables();

/// The catalogue index of an observable, if there is one of that name.
std::optional<std::size_t> find_observable(std::string_view name);
/// The catalogue index of an observable; throws std::out_of_range for an unknown name.
std::size_t observable_index(std::string_view name);

/// True for the observables that need the equity scan (by quintile and by place).
bool needs_equity_scan(std::size_t observable);

std::string_view kind_name(Kind k);
std::string_view axes_name(Axes a);  ///< e.g. "time, organisation, specialty"

/// Values of every observable at one sample, by catalogue index. Integer observables use
/// `counts`, others `values`; each vector is laid out row-major over the observable's axes.
struct Sample {
  std::int32_t step = 0;  ///< days simulated when the sample was taken (0 = initial state)
  std::vector<std::vector<std::int64_t>> counts;
  std::vector<std::vector<double>> values;

  /// By name (tests and tools; the run looks indices up once).
  [[nodiscard]] const std::vector<std::int64_t>& ints(std::string_view name) const;
  [[nodiscard]] const std::vector<double>& reals(std::string_view name) const;

  template <class Ar>
  void serialize(Ar& ar) {
    ar(step, counts, values);
  }
};

/// A mechanism's part of a sample: its observables by their index in its own table.
class SampleView {
 public:
  SampleView(Sample& s, std::size_t base) : s_(s), base_(base) {}
  template <class E>
  [[nodiscard]] std::vector<std::int64_t>& ints(E local) const {
    return s_.counts[base_ + static_cast<std::size_t>(local)];
  }
  template <class E>
  [[nodiscard]] std::vector<double>& reals(E local) const {
    return s_.values[base_ + static_cast<std::size_t>(local)];
  }

 private:
  Sample& s_;
  std::size_t base_;
};

}  // namespace icsim::model

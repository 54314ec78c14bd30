#pragma once
// Productivity and unwarranted variation (docs/model.md §27): each list's capacity is its
// configured capacity times a productivity drawn once from a mean-one lognormal (between-trust
// variation). A clinical standardisation programme of a collaborative closes, each month, part
// of each member's gap to the best member's productivity in the specialty, at a rate set by the
// programme's scale, the members' cohesion and the member's leadership engagement; while no
// programme covers a list its gain erodes back towards its initial productivity.
#include <vector>

#include "model/mechanism.hpp"
#include "model/productivity/observables.hpp"
#include "model/world.hpp"

namespace icsim::model {

class Productivity : public MechanismBase {
 public:
  static constexpr const auto& kObservables = kProductivityObservables;
  static constexpr std::array<core::Purpose, 1> kDraws{40};
  enum class Draw : core::Purpose { productivity = 40 };

  /// Draws each list's initial productivity and applies it to its capacity.
  void build(World& w);
  /// At each month's end: standardisation closes gaps, gains erode where no programme runs.
  void month(World& w);
  void sample(const World& w, SampleView out) const;
  void state(core::Archive& ar) { ar(initial_, current_); }
  [[nodiscard]] const std::vector<double>& current() const { return current_; }
  [[nodiscard]] const std::vector<double>& initial() const { return initial_; }

 private:
  /// Sets list l's productivity to p, scaling its capacity by p / current.
  void set(World& w, std::size_t l, double p);

  std::vector<double> initial_;  ///< per list: productivity drawn at the start
  std::vector<double> current_;  ///< per list: productivity now (applied to World::capacity)
};

}  // namespace icsim::model

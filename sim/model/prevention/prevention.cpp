#include "model/prevention/prevention.hpp"

#include <algorithm>
#include <cmath>

#include "model/config.hpp"

namespace icsim::model {
namespace {

double finite_or(double x, double fallback) { return std::isfinite(x) ? x : fallback; }
double clamp01(double x) { return std::clamp(x, 0.0, 1.0); }

}  // namespace

void Prevention::update(World& w) {
  const std::size_t S = w.specialties();
  std::fill(w.prevent.begin(), w.prevent.end(), 0.0);
  for (std::size_t k = 0; k < w.config.partnerships.size(); ++k) {
    const auto& pp = w.config.partnerships[k];
    // Effect scales with cohesion: none at no_effect_cohesion or below, full at full_effect_cohesion.
    const double cohesion = finite_or(w.rel.cohesion(w.partnership_orgs[k]), 1.0);
    for (const auto& prog : pp.programmes) {
      const double factor = clamp01((cohesion - prog.no_effect_cohesion) / (prog.full_effect_cohesion - prog.no_effect_cohesion));
      const double t = static_cast<double>(w.day - prog.start_day - prog.lag_days);
      if (t < 0.0) continue;
      const double ramp = prog.ramp_days > 0 ? std::min(1.0, t / prog.ramp_days) : 1.0;
      const double e = prog.effect * ramp * factor;
      for (std::size_t s = 0; s < S; ++s) {
        if (prog.specialty >= 0 && static_cast<std::size_t>(prog.specialty) != s) continue;
        for (std::size_t q = 0; q < kQuintiles; ++q) {
          if (std::find(prog.target_quintiles.begin(), prog.target_quintiles.end(), static_cast<int>(q) + 1) ==
              prog.target_quintiles.end())
            continue;
          double& v = w.prevent[(static_cast<std::size_t>(pp.place) * S + s) * kQuintiles + q];
          v = 1.0 - (1.0 - v) * (1.0 - e);
        }
      }
    }
  }
}

void Prevention::take_flows(World& w) {
  taken_ = w.prevented;
  std::fill(w.prevented.begin(), w.prevented.end(), 0);
}

void Prevention::sample(const World& w, SampleView out) const {
  const std::size_t S = w.specialties();
  auto& prevented = out.ints(PreventionObs::prevented_referrals);
  std::fill(prevented.begin(), prevented.end(), 0);
  for (std::size_t src = 0; src < taken_.size(); ++src) prevented[src / S] += taken_[src];
}

}  // namespace icsim::model

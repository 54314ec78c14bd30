#include "model/shocks/shocks.hpp"

#include <algorithm>
#include <boost/random/lognormal_distribution.hpp>
#include <cmath>
#include <numbers>

#include "core/hash.hpp"
#include "model/config.hpp"

namespace icsim::model {
namespace {

/// sin^2 wave over [start, end]: 0 at the edges, 1 in the middle.
double wave(int start, int end, core::Step d) {
  const double len = static_cast<double>(end - start + 1);
  const double x = (static_cast<double>(d - start) + 0.5) / len;
  const double s = std::sin(std::numbers::pi * x);
  return s * s;
}

}  // namespace

void Shocks::build(World& w) {
  for (const auto& s : w.config.shocks) {
    double f = 1.0;
    if (s.intensity_cv > 0.0) {
      const double s2 = std::log(1.0 + s.intensity_cv * s.intensity_cv);
      core::Rng rng = w.streams.rng(static_cast<core::Purpose>(Draw::intensity), core::fnv1a64(s.id), 0);
      f = boost::random::lognormal_distribution<double>(-s2 / 2.0, std::sqrt(s2))(rng);
    }
    intensity_.push_back(f);
    events_.of<ShockRecord>().push_back({static_cast<std::int32_t>(intensity_.size() - 1), s.type, s.start_day, s.end_day,
                               s.trusts, f});
  }
  const std::size_t T = w.trusts();
  urgent_multiplier_.assign(T, 1.0);
  absence_.assign(T, 0.0);
  incident_loss_.assign(T, 0.0);
  strike_loss_.assign(T, 0.0);
}

void Shocks::apply(const World& w, core::Step d) {
  const auto& u = w.config.urgent;
  const std::size_t T = w.trusts();
  const int doy = w.calendar.day_of_year(d);
  const double season = 1.0 + u.winter_amplitude * std::cos(2.0 * std::numbers::pi * (doy - u.winter_peak_day) / 365.25);
  std::fill(urgent_multiplier_.begin(), urgent_multiplier_.end(), season);
  std::fill(absence_.begin(), absence_.end(), 0.0);
  std::fill(incident_loss_.begin(), incident_loss_.end(), 0.0);
  std::fill(strike_loss_.begin(), strike_loss_.end(), 0.0);
  for (std::size_t k = 0; k < w.config.shocks.size(); ++k) {
    const auto& s = w.config.shocks[k];
    if (d < s.start_day || d > s.end_day) continue;
    const double f = intensity_[k];
    const double wv = wave(s.start_day, s.end_day, d);
    auto hit = [&](std::size_t t) {
      switch (s.type) {
        case ShockType::pandemic:
          urgent_multiplier_[t] *= 1.0 + (s.urgent_multiplier - 1.0) * f * wv;
          absence_[t] = 1.0 - (1.0 - absence_[t]) * (1.0 - std::min(u.absence_cap, s.absence * f * wv));
          break;
        case ShockType::winter: urgent_multiplier_[t] *= 1.0 + (s.urgent_multiplier - 1.0) * f * wv; break;
        case ShockType::incident: incident_loss_[t] = std::min(1.0, s.capacity_loss * f); break;
        case ShockType::industrial_action: strike_loss_[t] = std::min(1.0, s.elective_loss * f); break;
      }
    };
    if (s.trusts.empty()) {
      for (std::size_t t = 0; t < T; ++t) hit(t);
    } else {
      for (int t : s.trusts) hit(static_cast<std::size_t>(t));
    }
  }
}

void Shocks::sample(const World& w, SampleView out) const {
  for (std::size_t t = 0; t < w.trusts(); ++t) {
    out.reals(ShockObs::urgent_demand_multiplier)[t] = urgent_multiplier_[t];
    out.reals(ShockObs::staff_absence)[t] = absence_[t];
  }
}

}  // namespace icsim::model

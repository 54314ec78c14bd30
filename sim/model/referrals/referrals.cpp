#include "model/referrals/referrals.hpp"

#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <numbers>

#include "core/parallel.hpp"
#include "model/config.hpp"

namespace icsim::model {

void Referrals::build(World& w) {
  const auto& c = w.config;
  const std::size_t S = w.specialties(), P = w.places();
  rate_.resize(P * S);
  for (std::size_t p = 0; p < P; ++p) {
    for (std::size_t s = 0; s < S; ++s) {
      rate_[p * S + s] = c.specialties[s].referral_rate / 1000.0 * static_cast<double>(c.places[p].population) / 365.25;
    }
  }
  multiplier_.assign(S, 1.0);
}

void Referrals::draw(World& w, core::Step d) {
  const std::size_t S = w.specialties();
  // Daily multipliers per specialty: seasonality (cosine peaking on the peak day) and growth.
  const int doy = w.calendar.day_of_year(d);
  for (std::size_t s = 0; s < S; ++s) {
    const auto& sp = w.config.specialties[s];
    const double season =
        1.0 + sp.seasonal_amplitude * std::cos(2.0 * std::numbers::pi * (doy - sp.seasonal_peak_day) / 365.25);
    const double growth = std::pow(1.0 + sp.annual_growth, static_cast<double>(d) / 365.25);
    multiplier_[s] = season * growth;
    if (sp.referrals_on_working_days) {
      multiplier_[s] *= w.calendar.is_working_day(d) ? 7.0 / w.config.run.working_days_per_week : 0.0;
    }
  }
  core::for_each_index(w.arrivals.size(), [&](std::size_t src) {
    auto& buf = w.arrivals[src];
    buf.clear();
    const std::size_t p = src / S, s = src % S;
    const double mean = rate_[src] * multiplier_[s];
    if (w.route[src] < 0 || mean <= 0.0) return;
    core::Rng count_rng = w.streams.rng(static_cast<core::Purpose>(Draw::count), w.source_entity[src], d);
    boost::random::poisson_distribution<std::int64_t, double> poisson(mean);
    const std::int64_t n = poisson(count_rng);
    buf.reserve(static_cast<std::size_t>(n));
    const double* avoid = &w.prevent[src * kQuintiles];
    for (std::int64_t k = 0; k < n; ++k) {
      core::Rng rng = w.streams.rng(static_cast<core::Purpose>(Draw::patient), w.source_entity[src], d,
                                    static_cast<std::uint64_t>(k));
      const auto priority = static_cast<int>(w.priority_dist[s](rng));
      const auto quintile = static_cast<int>(w.quintile_dist[p](rng));
      const std::int32_t rday = w.removal_day(s, quintile, d, rng);
      // Prevention at place avoids some referrals: a separate stream, so the referrals that
      // still happen are the same patients as without prevention (common random numbers).
      if (avoid[quintile] > 0.0) {
        core::Rng prng = w.streams.rng(static_cast<core::Purpose>(Draw::prevention), w.source_entity[src], d,
                                       static_cast<std::uint64_t>(k));
        if (boost::random::uniform_01<double>()(prng) < avoid[quintile]) {
          ++w.prevented[src];
          continue;
        }
      }
      buf.push_back(Patient::make(d, rday, static_cast<std::uint16_t>(p), static_cast<std::uint16_t>(k & 0xffff),
                                  priority, quintile));
    }
  });
}

}  // namespace icsim::model

#include "model/productivity/productivity.hpp"

#include <algorithm>
#include <boost/random/lognormal_distribution.hpp>
#include <cmath>

#include "model/config.hpp"

namespace icsim::model {
namespace {

double finite_or(double x, double fallback) { return std::isfinite(x) ? x : fallback; }

/// The share closed (or lost) in a month at a yearly share `per_year`.
double monthly(double per_year) { return 1.0 - std::pow(1.0 - std::min(per_year, 1.0), 1.0 / 12.0); }

}  // namespace

void Productivity::build(World& w) {
  initial_.assign(w.lists.size(), 1.0);
  current_.assign(w.lists.size(), 1.0);
  const double sd = w.config.productivity.variation;
  if (sd <= 0.0) return;
  for (std::size_t l = 0; l < w.lists.size(); ++l) {
    if (w.capacity[l] <= 0.0) continue;
    core::Rng rng = w.streams.rng(static_cast<core::Purpose>(Draw::productivity), w.list_entity[l], 0);
    const double p = boost::random::lognormal_distribution<double>(-sd * sd / 2.0, sd)(rng);
    initial_[l] = p;
    set(w, l, p);
  }
}

void Productivity::set(World& w, std::size_t l, double p) {
  if (p == current_[l]) return;
  w.capacity[l] *= p / current_[l];
  current_[l] = p;
}

void Productivity::month(World& w) {
  const auto& cfg = w.config.productivity;
  const std::size_t S = w.specialties();
  // Per list: this month's share of the gap closed and the productivity it closes towards (the
  // best of the programme's members, before this month's changes); -1 where no programme runs.
  std::vector<double> share(w.lists.size(), -1.0), target(w.lists.size(), 0.0);
  for (const Programme& pr : w.programmes) {
    if (!pr.active) continue;
    const auto& pc = w.config.collaboratives[pr.collaborative].programmes[pr.index];
    if (pc.type != ProgrammeType::clinical_standardisation) continue;
    const auto& members = w.members[pr.collaborative];
    const double cohesion = std::clamp(finite_or(w.rel.cohesion(members), 0.5), 0.0, 1.0);
    for (std::size_t s = 0; s < S; ++s) {
      if (pc.specialty >= 0 && static_cast<std::size_t>(pc.specialty) != s) continue;
      double best = 0.0;
      for (int m : members) {
        const std::size_t l = static_cast<std::size_t>(m) * S + s;
        if (w.capacity[l] > 0.0) best = std::max(best, current_[l]);
      }
      for (int m : members) {
        const std::size_t l = static_cast<std::size_t>(m) * S + s;
        if (w.capacity[l] <= 0.0) continue;
        const double rate = cfg.close_per_year * pr.scale * cohesion * w.engagement[static_cast<std::size_t>(m)];
        const double f = monthly(rate);
        if (f > share[l] || (f == share[l] && best > target[l])) {
          share[l] = f;
          target[l] = best;
        }
      }
    }
  }
  const double erode = monthly(cfg.erosion_per_year);
  for (std::size_t l = 0; l < w.lists.size(); ++l) {
    const double p = current_[l];
    if (share[l] >= 0.0) {
      if (target[l] > p) set(w, l, p + share[l] * (target[l] - p));
    } else if (p > initial_[l] && erode > 0.0) {
      set(w, l, initial_[l] + (1.0 - erode) * (p - initial_[l]));
    }
  }
}

void Productivity::sample(const World& w, SampleView out) const {
  auto& p = out.reals(ProductivityObs::productivity);
  std::fill(p.begin(), p.end(), 0.0);
  for (std::size_t l = 0; l < current_.size() && l < w.lists.size(); ++l) p[l] = current_[l];
}

}  // namespace icsim::model

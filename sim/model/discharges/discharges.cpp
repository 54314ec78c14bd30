#include "model/discharges/discharges.hpp"

#include <algorithm>
#include <boost/random/binomial_distribution.hpp>
#include <boost/random/geometric_distribution.hpp>
#include <cmath>
#include <functional>

#include "model/beds/beds.hpp"
#include "model/config.hpp"

namespace icsim::model {
namespace {

double finite_or(double x, double fallback) { return std::isfinite(x) ? x : fallback; }

}  // namespace

void DelayedDischarges::build(World& w) {
  // Bed units are those of Beds (built before this mechanism): one per trust with beds taking
  // urgent admissions; only acute units delay discharges.
  const std::size_t n = w.trusts();
  waiting_.assign(n, {});
  seen_.assign(n, 0);
  pending_.assign(n, 0);
  delayed_.assign(n, 0);
  taken_.assign(n, 0);
}

double DelayedDischarges::reduction(const World& w, std::size_t trust, core::Step d) {
  double keep = 1.0;
  const int place = w.config.trusts[trust].place;
  for (const auto& p : w.config.discharge_programmes) {
    if (p.place != place || d < p.start_day || (p.stop_day && d >= *p.stop_day)) continue;
    double cohesion = 0.0;
    for (std::size_t k = 0; k < w.config.partnerships.size(); ++k) {
      if (w.config.partnerships[k].place == place) cohesion = std::max(cohesion, finite_or(w.rel.cohesion(w.partnership_orgs[k]), 0.0));
    }
    const double span = p.full_effect_cohesion - p.no_effect_cohesion;
    const double factor = span > 0.0 ? std::clamp((cohesion - p.no_effect_cohesion) / span, 0.0, 1.0)
                                     : (cohesion >= p.full_effect_cohesion ? 1.0 : 0.0);
    const double ramp = p.ramp_days > 0 ? std::min(1.0, static_cast<double>(d - p.start_day) / p.ramp_days) : 1.0;
    keep *= 1.0 - p.reduction * factor * ramp;
  }
  return 1.0 - keep;
}

void DelayedDischarges::delay(const World& w, Beds& beds, core::Step d) {
  const auto& cfg = w.config.discharge;
  if (cfg.delayed_share <= 0.0) return;
  for (auto& b : beds.units()) {
    if (b.mental_health) continue;
    const auto t = static_cast<std::size_t>(b.trust);
    // Delayed patients whose delay ended have left (Beds released every stay ending by today).
    auto& mine = waiting_[t];
    std::int64_t returned = 0;
    while (!mine.empty() && mine.front() <= static_cast<double>(d)) {
      std::pop_heap(mine.begin(), mine.end(), std::greater<>());
      mine.pop_back();
      ++returned;
    }
    const std::int64_t fit = pending_[t] + (b.flows.discharges - seen_[t]) - returned;
    pending_[t] = 0;
    core::Rng rng = w.streams.rng(static_cast<core::Purpose>(Draw::delay), b.entity, d);
    const std::int64_t n = fit > 0 ? boost::random::binomial_distribution<std::int64_t, double>(fit, cfg.delayed_share)(rng) : 0;
    // Whole days, at least one: each day a delayed patient leaves with probability 1 / mean, at
    // the census of that day (so none leaves during a day's admissions).
    const double mean = std::max(1.0, cfg.mean_delay_days * (1.0 - reduction(w, t, d)));
    for (std::int64_t k = 0; k < n; ++k) {
      const std::int64_t days =
          mean <= 1.0 ? 1 : 1 + boost::random::geometric_distribution<std::int64_t, double>(1.0 / mean)(rng);
      const double until = static_cast<double>(d + days);
      mine.push_back(until);
      std::push_heap(mine.begin(), mine.end(), std::greater<>());
      b.departures.push_back(until);
      std::push_heap(b.departures.begin(), b.departures.end(), std::greater<>());
    }
    b.flows.discharges -= n;  // they have not left
    seen_[t] = b.flows.discharges;
    delayed_[t] += n;
    b.occupancy = static_cast<double>(b.departures.size()) / std::max(b.staffed, 1.0);
  }
}

void DelayedDischarges::count(const World& w, const Beds& beds) {
  if (w.config.discharge.delayed_share <= 0.0) return;
  for (const auto& b : beds.units()) {
    if (b.mental_health) continue;  // as delay(): only acute beds delay discharges
    const auto t = static_cast<std::size_t>(b.trust);
    pending_[t] += b.flows.discharges - seen_[t];
    seen_[t] = 0;  // Beds' flows are taken (zeroed) at this sample
  }
}

void DelayedDischarges::take_flows(World& /*w*/) {
  taken_ = delayed_;
  std::fill(delayed_.begin(), delayed_.end(), 0);
}

void DelayedDischarges::sample(const World& w, SampleView out) const {
  auto& stock = out.ints(DischargeObs::delayed_patients);
  auto& flow = out.ints(DischargeObs::delayed_discharges);
  std::fill(stock.begin(), stock.end(), 0);
  std::fill(flow.begin(), flow.end(), 0);
  for (std::size_t t = 0; t < w.trusts(); ++t) {
    stock[t] = static_cast<std::int64_t>(waiting_[t].size());  // each leaves at a later day's census
    flow[t] = taken_[t];
  }
}

}  // namespace icsim::model

#pragma once
// The list operations of World that the daily hot loops call (inline: they run for every
// patient event, from several mechanisms' translation units).
#include <algorithm>
#include <boost/random/geometric_distribution.hpp>
#include <cmath>
#include <stdexcept>

#include "model/world.hpp"

namespace icsim::model {

inline std::int32_t World::removal_day(std::size_t specialty, int quintile, core::Step from, core::Rng& rng) const {
  const double h = daily_hazard[specialty * kQuintiles + static_cast<std::size_t>(quintile)];
  if (h <= 0.0) return Patient::kNever;
  if (h >= 1.0) return from;
  boost::random::geometric_distribution<std::int64_t, double> geo(h);
  const std::int64_t g = geo(rng);
  if (g >= static_cast<std::int64_t>(Patient::kNever) - from) return Patient::kNever;
  return static_cast<std::int32_t>(from + g);
}

inline void World::join(std::size_t l, const Patient& p) {
  WaitingList& wl = lists[l];
  const std::int32_t rday = p.removal_day();
  if (rday >= window_base && rday <= window_end) {
    wl.due[static_cast<std::size_t>(rday - window_base)].push_back(p.referral_day());
  }
  wl.cohort.add(p.referral_day());
  ++wl.live;
}

inline void World::leave(std::size_t l, const Patient& p) {
  WaitingList& wl = lists[l];
  const std::int32_t rday = p.removal_day();
  if (rday >= window_base && rday <= window_end) {
    // Patients due the same day with the same referral day are interchangeable here.
    auto& bucket = wl.due[static_cast<std::size_t>(rday - window_base)];
    const auto it = std::find(bucket.begin(), bucket.end(), p.referral_day());
    if (it == bucket.end()) throw std::logic_error("leave: patient missing from its due bucket");
    *it = bucket.back();
    bucket.pop_back();
  }
  wl.cohort.remove(p.referral_day());
  --wl.live;
}

inline void World::admit_referrals(std::size_t l, core::Step d) {
  // Sources in ascending order; all arrive today, so the cohort and live count change once per
  // source.
  WaitingList& wl = lists[l];
  for (std::uint32_t src : list_sources[l]) {
    const auto& a = arrivals[src];
    if (a.empty()) continue;
    for (const Patient& pt : a) {
      wl.queue[static_cast<std::size_t>(pt.priority())].push_back(pt);
      const std::int32_t rday = pt.removal_day();
      if (rday <= window_end) wl.due[static_cast<std::size_t>(rday - window_base)].push_back(d);
    }
    const auto n = static_cast<std::int64_t>(a.size());
    wl.cohort.add(d, static_cast<std::uint32_t>(n));
    wl.live += n;
    wl.flows.referrals += n;
  }
}

inline std::int64_t World::working_day_slots(std::size_t l) {
  // Base capacity (after capital awards) raised by programmes (shared diagnostics, workforce
  // pools), plus the extra activity a delegated budget buys, counted separately. Urgent
  // pressure, shocks and aid given take a share of it (elective_loss, §21-§23).
  WaitingList& wl = lists[l];
  if (capacity[l] <= 0.0) return 0;
  const double full = capacity[l] * (1.0 + capacity_gain[l]);
  const double loss = elective_loss[l / specialties_];
  wl.capacity_carry += full * (1.0 - loss);
  if (loss > 0.0) {
    wl.lost_carry += full * loss;
    const double lost = std::floor(wl.lost_carry);
    wl.lost_carry -= lost;
    wl.flows.cancelled += static_cast<std::int64_t>(lost);
  }
  double whole = std::floor(wl.capacity_carry);
  wl.capacity_carry -= whole;
  auto slots = static_cast<std::int64_t>(whole);
  if (extra_per_day[l] > 0.0) {
    wl.delegated_carry += extra_per_day[l];
    whole = std::floor(wl.delegated_carry);
    wl.delegated_carry -= whole;
    wl.flows.delegated_slots += static_cast<std::int64_t>(whole);
    slots += static_cast<std::int64_t>(whole);
  }
  wl.flows.capacity_slots += slots;
  wl.month_slots += slots;
  return slots;
}

inline void World::treat_own(std::size_t l, std::int64_t slots, core::Step d) {
  WaitingList& wl = lists[l];
  for (auto& q : wl.queue) {
    while (slots > 0 && !q.empty()) {
      const Patient front = q.front();
      q.pop_front();
      if (front.removal_day() < d) continue;  // removed on an earlier day: already counted
      ++wl.flows.treated;
      ++month_treated[l];
      wl.flows.treated_wait_days += d - front.referral_day();
      --slots;
      leave(l, front);
    }
  }
}

inline void World::remove_due(std::size_t l, core::Step d) {
  WaitingList& wl = lists[l];
  auto& bucket = wl.due[static_cast<std::size_t>(d - window_base)];
  for (std::int32_t refday : bucket) wl.cohort.remove(refday);
  const auto n = static_cast<std::int64_t>(bucket.size());
  wl.live -= n;
  wl.flows.removed += n;
  bucket.clear();
}

}  // namespace icsim::model

// Each list's day, the initial lists and the compaction of the queues.
#include "model/lists/treatment.hpp"

#include <algorithm>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>

#include "core/parallel.hpp"
#include "model/config.hpp"
#include "model/shared_lists/shared_lists.hpp"

namespace icsim::model {

void Treatment::build(World& w) {
  const auto& c = w.config;
  equity_ = c.output.observables.empty();
  for (const auto& name : c.output.observables) {
    const auto o = find_observable(name);
    equity_ = equity_ || (o && needs_equity_scan(*o));
  }
  if (equity_) {
    trust_quintile_hist_.assign(w.trusts() * kQuintiles * kWaitBins, 0);
    place_hist_.assign(w.places() * kWaitBins, 0);
  }
  taken_.assign(w.lists.size(), ListFlows{});
  taken_moves_.assign(w.trusts() * w.trusts(), 0);
  const std::size_t S = w.specialties();
  core::for_each_index(w.lists.size(), [&](std::size_t l) {
    const std::size_t t = l / S, s = l % S;
    const InitialList& init = c.trusts[t].initial[s];
    if (init.size <= 0) return;
    // Home places: the places this list serves, weighted by population; else the trust's place.
    std::vector<std::uint16_t> homes;
    std::vector<double> weights;
    for (std::uint32_t src : w.list_sources[l]) {
      const std::size_t p = src / S;
      homes.push_back(static_cast<std::uint16_t>(p));
      weights.push_back(static_cast<double>(c.places[p].population));
    }
    if (homes.empty()) {
      homes.push_back(static_cast<std::uint16_t>(c.trusts[t].place));
      weights.push_back(1.0);
    }
    const core::Categorical home_dist(weights);
    boost::random::exponential_distribution<double> wait_dist(1.0 / (7.0 * init.mean_wait_weeks));
    const bool banded = !init.weeks_waited.empty();
    const bool own_mix = init.priority_mix.size() == static_cast<std::size_t>(kPriorities);
    const core::Categorical own_priority(own_mix ? init.priority_mix : std::vector<double>{1.0});
    const core::Categorical band_dist(banded ? init.weeks_waited : std::vector<double>{1.0});
    boost::random::uniform_int_distribution<std::int32_t> day_in_week(0, 6);

    std::array<std::vector<Patient>, kPriorities> by_priority;
    for (std::int64_t k = 0; k < init.size; ++k) {
      core::Rng rng = w.streams.rng(static_cast<core::Purpose>(Draw::initial_patient), w.list_entity[l], 0,
                                    static_cast<std::uint64_t>(k));
      std::int32_t wait_days = 0;
      if (banded) {
        const auto week = static_cast<std::int32_t>(band_dist(rng));
        wait_days = 7 * week + day_in_week(rng);
      } else {
        wait_days = static_cast<std::int32_t>(std::floor(wait_dist(rng)));
      }
      const auto priority = static_cast<int>(own_mix ? own_priority(rng) : w.priority_dist[s](rng));
      const std::uint16_t home = homes[home_dist(rng)];
      const auto quintile = static_cast<int>(w.quintile_dist[home](rng));
      by_priority[static_cast<std::size_t>(priority)].push_back(
          Patient::make(-std::min(wait_days, -kMinDay), w.removal_day(s, quintile, 0, rng), home,
                        static_cast<std::uint16_t>(k & 0xffff), priority, quintile));
    }
    WaitingList& wl = w.lists[l];
    for (std::size_t p = 0; p < kPriorities; ++p) {
      auto& v = by_priority[p];
      std::stable_sort(v.begin(), v.end(),
                       [](const Patient& a, const Patient& b) { return a.referral_code < b.referral_code; });
      for (const Patient& pt : v) wl.cohort.add(pt.referral_day());
      wl.queue[p].assign(std::move(v));
    }
    wl.live = init.size;
  });
}

void Treatment::day(World& w, SharedLists& pools, core::Step d) {
  // Each unit's day, in order: today's referrals join, working-day capacity treats (in a pool:
  // own slots first, then the pledged slots in the pool's common order), and the patients due to
  // leave today are removed. Units share no state, so they run in parallel.
  const bool working = w.calendar.is_working_day(d);
  const auto& units = pools.units();
  core::for_each_index(units.size(), [&](std::size_t u) {
    const std::int64_t unit = units[u];
    if (unit >= 0) {
      pools.treat_pool(w, static_cast<std::size_t>(unit), d, working);
      return;
    }
    const auto l = static_cast<std::size_t>(~unit);
    w.admit_referrals(l, d);
    if (working) w.treat_own(l, w.working_day_slots(l), d);
    w.remove_due(l, d);
  });
}

void Treatment::maintenance(World& w, core::Step d) {
  const core::Step base = d + 1;
  const core::Step end = d + kMaintenanceDays;
  core::for_each_index(w.lists.size(), [&](std::size_t l) {
    WaitingList& wl = w.lists[l];
    for (auto& bucket : wl.due) bucket.clear();
    std::int64_t kept = 0;
    for (auto& q : wl.queue) {
      q.compact([&](const Patient& pt) {
        const std::int32_t rday = pt.removal_day();
        if (rday <= d) return false;
        if (rday <= end) wl.due[static_cast<std::size_t>(rday - base)].push_back(pt.referral_day());
        ++kept;
        return true;
      });
    }
    for (auto& bucket : wl.due) {
      if (bucket.capacity() > 2 * bucket.size() + 16) bucket.shrink_to_fit();
    }
    wl.cohort.trim();
    w.check_count(l, kept);
  });
  w.window_base = base;
  w.window_end = end;
}

void Treatment::take_flows(World& w) {
  std::int64_t events = 0;
  for (std::size_t l = 0; l < w.lists.size(); ++l) {
    taken_[l] = w.lists[l].flows.take();
    events += taken_[l].referrals + taken_[l].treated + taken_[l].removed + taken_[l].transfers_in;
  }
  w.patient_events += events;
  taken_moves_ = w.moves;
  std::fill(w.moves.begin(), w.moves.end(), 0);
}

}  // namespace icsim::model

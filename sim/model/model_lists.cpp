// Each list's day (arrivals, treatment, removals), and shared waiting lists: the member lists of
// a pool are one unit of work, so a pool's cross-list moves never race with other units.
#include <algorithm>
#include <boost/random/bernoulli_distribution.hpp>
#include <cmath>
#include <limits>

#include "core/parallel.hpp"
#include "model/model.hpp"

namespace icsim::model {

void Model::update_programmes(core::Step d) {
  // Programmes not decided by votes run on their days; a governed one stops at its stop_day.
  for (std::size_t p = 0; p < programmes_.size(); ++p) {
    const Programme& pr = programmes_[p];
    const auto& cfg = config_.collaboratives[pr.collaborative].programmes[pr.index];
    const bool past_stop = cfg.stop_day && d >= *cfg.stop_day;
    if (cfg.governed) {
      if (pr.active && past_stop) {
        set_programme(p, false, 0.0, d);
      } else if (!pr.active && d == cfg.first_day() && !past_stop) {
        set_programme(p, true, cfg.initial_scale, d);  // decided beforehand; votes scale it
      }
      continue;
    }
    const bool active = d >= cfg.first_day() && !past_stop;
    if (active != pr.active) set_programme(p, active, active ? cfg.initial_scale : 0.0, d);
  }
  if (units_.empty()) rebuild_units();
}

void Model::rebuild_units() {
  // Pools hold the current members offering the specialty; a list already in another active
  // pool is left out (a trust joining a second pool for the same specialty).
  const std::size_t S = specialties(), T = trusts();
  std::fill(list_pool_.begin(), list_pool_.end(), -1);
  for (std::size_t i = 0; i < pools_.size(); ++i) {
    Pool& pool = pools_[i];
    pool.active = programmes_[pool.programme].active;
    // Moves so far are folded into the trust x trust matrix before the membership changes.
    const std::size_t n = pool.trusts.size();
    for (std::size_t a = 0; a < n; ++a) {
      for (std::size_t b = 0; b < n; ++b) {
        moves_[static_cast<std::size_t>(pool.trusts[a]) * T + static_cast<std::size_t>(pool.trusts[b])] +=
            pool.moves[a * n + b];
      }
    }
    pool.trusts.clear();
    pool.lists.clear();
    for (int m : members_[pool.collaborative]) {
      const std::size_t l = static_cast<std::size_t>(m) * S + static_cast<std::size_t>(pool.specialty);
      if (capacity_[l] <= 0.0 || (pool.active && list_pool_[l] >= 0)) continue;
      pool.trusts.push_back(m);
      pool.lists.push_back(l);
      if (pool.active) list_pool_[l] = static_cast<int>(i);
    }
    pool.pledge.assign(pool.trusts.size(), 0.0);
    pool.moves.assign(pool.trusts.size() * pool.trusts.size(), 0);
    pool.month_moves.assign(pool.moves.size(), 0);
  }
  units_.clear();
  for (std::size_t i = 0; i < pools_.size(); ++i) {
    if (pools_[i].active) units_.push_back(static_cast<std::int64_t>(i));
  }
  for (std::size_t l = 0; l < lists_.size(); ++l) {
    if (list_pool_[l] < 0) units_.push_back(~static_cast<std::int64_t>(l));
  }
  apply_programmes();
}

void Model::phase_lists(core::Step d) {
  // Each unit's day, in order: today's referrals join, working-day capacity treats (in a pool:
  // own slots first, then the pledged slots in the pool's common order), and the patients due to
  // leave today are removed. Units share no state, so they run in parallel.
  const bool working = calendar_.is_working_day(d);
  core::for_each_index(units_.size(), [&](std::size_t u) {
    const std::int64_t unit = units_[u];
    if (unit >= 0) {
      treat_pool(pools_[static_cast<std::size_t>(unit)], d, working);
      return;
    }
    const auto l = static_cast<std::size_t>(~unit);
    admit_referrals(l, d);
    if (working) treat_own(l, working_day_slots(l), d);
    remove_due(l, d);
  });
}

void Model::admit_referrals(std::size_t l, core::Step d) {
  // Sources in ascending order; all arrive today, so the cohort and live count change once per
  // source.
  WaitingList& wl = lists_[l];
  for (std::uint32_t src : list_sources_[l]) {
    const auto& arrivals = arrivals_[src];
    if (arrivals.empty()) continue;
    for (const Patient& pt : arrivals) {
      wl.queue[static_cast<std::size_t>(pt.priority())].push_back(pt);
      const std::int32_t rday = pt.removal_day();
      if (rday <= window_end_) wl.due[static_cast<std::size_t>(rday - window_base_)].push_back(d);
    }
    const auto n = static_cast<std::int64_t>(arrivals.size());
    wl.cohort.add(d, static_cast<std::uint32_t>(n));
    wl.live += n;
    wl.referrals += n;
  }
}

std::int64_t Model::working_day_slots(std::size_t l) {
  // Base capacity (after capital awards) raised by programmes (shared diagnostics, workforce
  // pools), plus the extra activity a delegated budget buys, counted separately.
  // Urgent pressure, shocks and aid given take a share of it (elective_loss_, §21-§23).
  WaitingList& wl = lists_[l];
  if (capacity_[l] <= 0.0) return 0;
  const double full = capacity_[l] * (1.0 + capacity_gain_[l]);
  const double loss = elective_loss_[l / specialties()];
  wl.capacity_carry += full * (1.0 - loss);
  if (loss > 0.0) {
    wl.lost_carry += full * loss;
    const double lost = std::floor(wl.lost_carry);
    wl.lost_carry -= lost;
    wl.cancelled += static_cast<std::int64_t>(lost);
  }
  double whole = std::floor(wl.capacity_carry);
  wl.capacity_carry -= whole;
  auto slots = static_cast<std::int64_t>(whole);
  if (extra_per_day_[l] > 0.0) {
    wl.delegated_carry += extra_per_day_[l];
    whole = std::floor(wl.delegated_carry);
    wl.delegated_carry -= whole;
    wl.delegated_slots += static_cast<std::int64_t>(whole);
    slots += static_cast<std::int64_t>(whole);
  }
  wl.capacity_slots += slots;
  wl.month_slots += slots;
  return slots;
}

void Model::treat_own(std::size_t l, std::int64_t slots, core::Step d) {
  // Clinical priority first, then longest wait (queue order).
  WaitingList& wl = lists_[l];
  for (auto& q : wl.queue) {
    while (slots > 0 && !q.empty()) {
      const Patient front = q.front();
      q.pop_front();
      if (front.removal_day() < d) continue;  // removed on an earlier day: already counted
      ++wl.treated;
      wl.treated_wait_days += d - front.referral_day();
      --slots;
      leave(l, front);
    }
  }
}

void Model::remove_due(std::size_t l, core::Step d) {
  WaitingList& wl = lists_[l];
  auto& bucket = wl.due[static_cast<std::size_t>(d - window_base_)];
  for (std::int32_t refday : bucket) wl.cohort.remove(refday);
  const auto n = static_cast<std::int64_t>(bucket.size());
  wl.live -= n;
  wl.removed += n;
  bucket.clear();
}

void Model::treat_pool(Pool& pool, core::Step d, bool working) {
  for (std::size_t l : pool.lists) admit_referrals(l, d);
  if (working) {
    const auto& pooling = config_.pooling;
    const std::size_t n = pool.lists.size();
    std::vector<std::int64_t> free(n);
    std::vector<char> releases(n, 1), transactional(n, 0);
    std::int64_t total_free = 0;
    for (std::size_t i = 0; i < n; ++i) {
      // Under transactional commissioning a sending trust loses the tariff of each patient it
      // releases; each working day it releases its patients to the pool with probability
      // transactional_release (the hook where trust in the partners will scale it).
      transactional[i] = commissioning_of(static_cast<std::size_t>(pool.trusts[i])) ==
                         Commissioning::transactional;
      if (transactional[i]) {
        core::Rng rng = streams_.rng(static_cast<core::Purpose>(Draw::pool_release),
                                     list_entity_[pool.lists[i]], d);
        releases[i] = boost::random::bernoulli_distribution<double>(pooling.transactional_release)(rng);
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      const std::int64_t slots = working_day_slots(pool.lists[i]);
      // Pledge: pledge_share x scale x min(1, trust in the partners / pledge_trust_full), set
      // monthly by apply_programmes().
      const auto pledged = static_cast<std::int64_t>(std::floor(pool.pledge[i] * static_cast<double>(slots)));
      free[i] = pledged;
      total_free += pledged;
      pool.pledged += pledged;
      treat_own(pool.lists[i], slots - pledged, d);  // unpledged slots serve the own list
    }

    // Pledged slots serve the pool's common order: highest priority, then longest wait, across
    // all members. The next patient in that order is treated at their own trust if it has a free
    // pledged slot, else offered a slot at the nearest member that has one.
    const int reoffer_days = 7 * pooling.reoffer_weeks;
    std::vector<std::size_t> cursor(n);
    for (std::size_t p = 0; p < kPriorities && total_free > 0; ++p) {
      std::fill(cursor.begin(), cursor.end(), 0);
      while (total_free > 0) {
        // The oldest eligible candidate at each member's cursor (dead records are skipped).
        std::size_t best = n;
        std::uint16_t best_code = std::numeric_limits<std::uint16_t>::max();
        for (std::size_t i = 0; i < n; ++i) {
          auto& q = lists_[pool.lists[i]].queue[p];
          while (cursor[i] < q.size() && q[cursor[i]].removal_day() < d) {
            if (cursor[i] == 0) {
              q.pop_front();
            } else {
              ++cursor[i];
            }
          }
          if (cursor[i] < q.size() && (best == n || q[cursor[i]].referral_code < best_code)) {
            best = i;
            best_code = q[cursor[i]].referral_code;
          }
        }
        if (best == n) break;  // no one left at this priority
        const std::size_t src = pool.lists[best];
        auto& q = lists_[src].queue[p];
        Patient pt = q[cursor[best]];
        if (free[best] > 0) {  // treated at their own trust
          q.erase_at(cursor[best]);
          WaitingList& wl = lists_[src];
          ++wl.treated;
          wl.treated_wait_days += d - pt.referral_day();
          leave(src, pt);
          --free[best];
          --total_free;
          continue;
        }
        // A move is needed: not if the trust withholds its patients today, nor within
        // reoffer_weeks of the patient declining one.
        if (!releases[best]) {
          ++lists_[src].withheld;
          ++cursor[best];
          continue;
        }
        if (pt.declined_week > 0 &&
            d < pt.referral_day() + 7 * (pt.declined_week - 1) + reoffer_days) {
          ++cursor[best];
          continue;
        }
        std::size_t dest = n;
        for (std::size_t j = 0; j < n; ++j) {
          if (free[j] > 0 && (dest == n || distance_home_to(pt, static_cast<std::size_t>(pool.trusts[j])) <
                                               distance_home_to(pt, static_cast<std::size_t>(pool.trusts[dest]))))
            dest = j;
        }
        WaitingList& from = lists_[src];
        ++from.offers;
        const std::uint64_t key = patient_key(pt, static_cast<std::size_t>(pool.specialty));
        const double km = distance_home_to(pt, static_cast<std::size_t>(pool.trusts[dest]));
        core::Rng rng = streams_.rng(static_cast<core::Purpose>(Draw::pool_accept), key, d);
        if (!boost::random::bernoulli_distribution<double>(
                std::exp(-km / pooling.acceptance_distance_km))(rng)) {
          ++from.declined;
          q.at(cursor[best]).declined_week =
              static_cast<std::uint8_t>(std::min(255, (d - pt.referral_day()) / 7 + 1));
          ++cursor[best];
          continue;
        }
        // The patient moves and is treated at the destination today.
        q.erase_at(cursor[best]);
        leave(src, pt);
        ++from.transfers_out;
        WaitingList& to = lists_[pool.lists[dest]];
        ++to.transfers_in;
        ++to.treated;
        to.treated_wait_days += d - pt.referral_day();
        to.transfer_km += km;
        to.admin_cost += pooling.transfer_admin_cost;
        if (transactional[best]) {
          from.income -= pooling.tariff;
          to.income += pooling.tariff;
        }
        ++pool.transfers;
        ++pool.moves[best * n + dest];
        ++pool.month_moves[best * n + dest];
        --free[dest];
        --total_free;
      }
    }
  }
  for (std::size_t l : pool.lists) remove_due(l, d);
}

}  // namespace icsim::model

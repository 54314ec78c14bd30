// Shared waiting lists: the member lists of a pool are one unit of work, so a pool's cross-list
// moves never race with other units.
#include "model/shared_lists/shared_lists.hpp"

#include <algorithm>
#include <boost/random/bernoulli_distribution.hpp>
#include <cmath>
#include <limits>

#include "core/histogram.hpp"
#include "model/config.hpp"

namespace icsim::model {
namespace {

double finite_or(double x, double fallback) { return std::isfinite(x) ? x : fallback; }

}  // namespace

void SharedLists::build(World& w) {
  for (std::size_t p = 0; p < w.programmes.size(); ++p) {
    const Programme& pr = w.programmes[p];
    const auto& cfg = w.config.collaboratives[pr.collaborative].programmes[pr.index];
    if (cfg.type != ProgrammeType::shared_waiting_list) continue;
    Pool pool;
    pool.programme = p;
    pool.collaborative = pr.collaborative;
    pool.specialty = cfg.specialty;
    pools_.push_back(std::move(pool));
  }
  list_pool_.assign(w.lists.size(), -1);
  taken_.assign(pools_.size(), Taken{});
}

void SharedLists::rebuild(World& w) {
  // Pools hold the current members offering the specialty; a list already in another active
  // pool is left out (a trust joining a second pool for the same specialty).
  const std::size_t S = w.specialties(), T = w.trusts();
  std::fill(list_pool_.begin(), list_pool_.end(), -1);
  for (std::size_t i = 0; i < pools_.size(); ++i) {
    Pool& pool = pools_[i];
    pool.active = w.programmes[pool.programme].active;
    // Moves so far are folded into the trust x trust matrix before the membership changes.
    const std::size_t n = pool.trusts.size();
    for (std::size_t a = 0; a < n; ++a) {
      for (std::size_t b = 0; b < n; ++b) {
        w.moves[static_cast<std::size_t>(pool.trusts[a]) * T + static_cast<std::size_t>(pool.trusts[b])] +=
            pool.moves[a * n + b];
      }
    }
    pool.trusts.clear();
    pool.lists.clear();
    for (int m : w.members[pool.collaborative]) {
      const std::size_t l = static_cast<std::size_t>(m) * S + static_cast<std::size_t>(pool.specialty);
      if (w.capacity[l] <= 0.0 || (pool.active && list_pool_[l] >= 0)) continue;
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
  for (std::size_t l = 0; l < w.lists.size(); ++l) {
    if (list_pool_[l] < 0) units_.push_back(~static_cast<std::int64_t>(l));
  }
}

void SharedLists::pledges(const World& w) {
  const auto& rel = w.config.relationships;
  for (Pool& pool : pools_) {
    const Programme& pr = w.programmes[pool.programme];
    const double share = w.config.collaboratives[pool.collaborative].programmes[pr.index].pledge_share;
    for (std::size_t i = 0; i < pool.trusts.size(); ++i) {
      const auto ti = static_cast<std::size_t>(pool.trusts[i]);
      const double trust = finite_or(w.rel.trust_in(ti, pool.trusts), 1.0);
      const double afford = 1.0 - w.config.finance.deficit_constraint * w.financial_pressure[ti];  // §31
      // Merged members act as one organisation: they pledge in full (§33).
      const double willing = w.form[pool.collaborative] == Governance::merged
                                 ? 1.0
                                 : w.cooperation(ti, pool.trusts, std::min(1.0, trust / rel.pledge_trust_full));
      pool.pledge[i] = share * pr.scale * afford * willing;
    }
  }
}

void SharedLists::treat_pool(World& w, std::size_t index, core::Step d, bool working) {
  Pool& pool = pools_[index];
  for (std::size_t l : pool.lists) w.admit_referrals(l, d);
  if (working) {
    const auto& pooling = w.config.pooling;
    const std::size_t n = pool.lists.size();
    std::vector<std::int64_t> free(n);
    std::vector<char> releases(n, 1), transactional(n, 0);
    std::int64_t total_free = 0;
    for (std::size_t i = 0; i < n; ++i) {
      // Under transactional commissioning a sending trust loses the tariff of each patient it
      // releases; each working day it releases its patients to the pool with probability
      // transactional_release, less under financial pressure (§31).
      const auto ti = static_cast<std::size_t>(pool.trusts[i]);
      transactional[i] = w.commissioning_of(ti) == Commissioning::transactional &&
                         w.form[pool.collaborative] != Governance::merged;  // one organisation: no withholding
      if (transactional[i]) {
        core::Rng rng = w.streams.rng(static_cast<core::Purpose>(Draw::release), w.list_entity[pool.lists[i]], d);
        const double p = pooling.transactional_release *
                         (1.0 - w.config.finance.release_pressure * w.financial_pressure[ti]);
        releases[i] = boost::random::bernoulli_distribution<double>(p)(rng);
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      const std::int64_t slots = w.working_day_slots(pool.lists[i]);
      const auto pledged = static_cast<std::int64_t>(std::floor(pool.pledge[i] * static_cast<double>(slots)));
      free[i] = pledged;
      total_free += pledged;
      pool.pledged += pledged;
      w.treat_own(pool.lists[i], slots - pledged, d);  // unpledged slots serve the own list
    }
    offer_pledged(w, pool, d, free, total_free, releases, transactional);
  }
  for (std::size_t l : pool.lists) w.remove_due(l, d);
}

std::size_t SharedLists::next_in_order(World& w, const Pool& pool, std::size_t p, core::Step d,
                                       std::vector<std::size_t>& cursor) {
  // The oldest eligible candidate at each member's cursor (dead records are skipped).
  const std::size_t n = pool.lists.size();
  std::size_t best = n;
  std::uint16_t best_code = std::numeric_limits<std::uint16_t>::max();
  for (std::size_t i = 0; i < n; ++i) {
    auto& q = w.lists[pool.lists[i]].queue[p];
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
  return best;
}

void SharedLists::offer_pledged(World& w, Pool& pool, core::Step d, std::vector<std::int64_t>& free,
                                std::int64_t total_free, const std::vector<char>& releases,
                                const std::vector<char>& transactional) {
  // Pledged slots serve the pool's common order: highest priority, then longest wait, across
  // all members. The next patient in that order is treated at their own trust if it has a free
  // pledged slot, else offered a slot at the nearest member that has one.
  const auto& pooling = w.config.pooling;
  const std::size_t n = pool.lists.size();
  const int reoffer_days = 7 * pooling.reoffer_weeks;
  std::vector<std::size_t> cursor(n);
  for (std::size_t p = 0; p < kPriorities && total_free > 0; ++p) {
    std::fill(cursor.begin(), cursor.end(), 0);
    while (total_free > 0) {
      const std::size_t best = next_in_order(w, pool, p, d, cursor);
      if (best == n) break;  // no one left at this priority
      const std::size_t src = pool.lists[best];
      auto& q = w.lists[src].queue[p];
      Patient pt = q[cursor[best]];
      if (free[best] > 0) {  // treated at their own trust
        q.erase_at(cursor[best]);
        ListFlows& f = w.lists[src].flows;
        ++f.treated;
        ++w.month_treated[src];
        f.treated_wait_days += d - pt.referral_day();
        w.leave(src, pt);
        --free[best];
        --total_free;
        continue;
      }
      // A move is needed: not if the trust withholds its patients today, nor within
      // reoffer_weeks of the patient declining one.
      if (!releases[best]) {
        ++w.lists[src].flows.withheld;
        ++cursor[best];
        continue;
      }
      if (pt.declined_week > 0 && d < pt.referral_day() + 7 * (pt.declined_week - 1) + reoffer_days) {
        ++cursor[best];
        continue;
      }
      // The nearest member with a free pledged slot, within the collaborative's reach (a
      // vertical collaborative moves patients only within a place).
      std::size_t dest = n;
      for (std::size_t j = 0; j < n; ++j) {
        if (free[j] > 0 && w.config.within_reach(pool.collaborative, pool.trusts[best], pool.trusts[j]) &&
            (dest == n || w.distance_home_to(pt, static_cast<std::size_t>(pool.trusts[j])) <
                              w.distance_home_to(pt, static_cast<std::size_t>(pool.trusts[dest]))))
          dest = j;
      }
      if (dest == n) {  // free slots only out of reach
        ++cursor[best];
        continue;
      }
      ListFlows& from = w.lists[src].flows;
      ++from.offers;
      const std::uint64_t key = w.patient_key(pt, static_cast<std::size_t>(pool.specialty));
      const double km = w.distance_home_to(pt, static_cast<std::size_t>(pool.trusts[dest]));
      core::Rng rng = w.streams.rng(static_cast<core::Purpose>(Draw::accept), key, d);
      const double reach = pooling.acceptance_distance_km *
                           w.config.equity.acceptance_distance_factor[static_cast<std::size_t>(pt.quintile())];  // §29
      if (!boost::random::bernoulli_distribution<double>(std::exp(-km / reach))(rng)) {
        ++from.declined;
        q.at(cursor[best]).declined_week = static_cast<std::uint8_t>(std::min(255, (d - pt.referral_day()) / 7 + 1));
        ++cursor[best];
        continue;
      }
      // The patient moves and is treated at the destination today.
      q.erase_at(cursor[best]);
      w.leave(src, pt);
      ++from.transfers_out;
      ListFlows& to = w.lists[pool.lists[dest]].flows;
      ++to.transfers_in;
      ++to.treated;
      ++w.month_treated[pool.lists[dest]];
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

void SharedLists::exchange_evidence(World& w) {
  // The member that treated more of the other's patients than the other treated of its own
  // carries a burden (net patients over its own slots this month). Within a tolerance that grows
  // with trust it is fair give and take; beyond it, negative evidence about the partner. The
  // helped partner gains evidence.
  const auto& rel = w.config.relationships;
  for (Pool& pool : pools_) {
    const std::size_t n = pool.trusts.size();
    for (std::size_t a = 0; a < n; ++a) {
      for (std::size_t b = a + 1; b < n; ++b) {
        const std::int64_t ab = pool.month_moves[a * n + b], ba = pool.month_moves[b * n + a];
        if (ab + ba == 0) continue;
        const std::int64_t net = ab - ba;  // > 0: b treated a's patients on balance
        const std::size_t carrier = net > 0 ? b : a, other = net > 0 ? a : b;
        const auto ci = static_cast<std::size_t>(pool.trusts[carrier]);
        const auto oi = static_cast<std::size_t>(pool.trusts[other]);
        const double carrier_slots = static_cast<double>(std::max<std::int64_t>(w.lists[pool.lists[carrier]].month_slots, 1));
        const double other_slots = static_cast<double>(std::max<std::int64_t>(w.lists[pool.lists[other]].month_slots, 1));
        const double burden = static_cast<double>(std::llabs(net)) / carrier_slots;
        const double tolerance = rel.fairness_tolerance + rel.tolerance_trust_gain * w.rel.trust(ci, oi);
        // Each side sees the other's part with its own chance and may misread it (World::perceive).
        const auto when = static_cast<core::Step>(w.month_index);
        const std::uint64_t sub = pool.programme;
        if (burden <= tolerance) {
          w.observe(ci, oi, true, rel.fair_weight, kEvidenceExchange, when, sub);
          w.observe(oi, ci, true, rel.fair_weight, kEvidenceExchange, when, sub);
        } else {
          const double excess = (burden - tolerance) / std::max(rel.fairness_tolerance, 1e-9);
          w.observe(ci, oi, false, std::min(rel.unfair_cap, rel.unfair_weight * excess), kEvidenceExchange, when, sub);
        }
        const double help = static_cast<double>(std::llabs(net)) / other_slots / rel.help_unit;
        w.observe(oi, ci, true, rel.help_weight * help, kEvidenceHelp, when, sub);
      }
    }
    std::fill(pool.month_moves.begin(), pool.month_moves.end(), 0);
  }
  for (auto& wl : w.lists) wl.month_slots = 0;
}

void SharedLists::remember_pledges(World& w) {
  // A member's month in a pool is cooperative if it pledged at least half of the full pledge
  // (pledge_share x scale); each partner sees it with its own chance (World::perceive) and, with
  // a pledge_weight, takes it as evidence.
  const double pledge_weight = w.config.relationships.pledge_weight;
  for (const Pool& pool : pools_) {
    const Programme& pr = w.programmes[pool.programme];
    const double full = w.config.collaboratives[pool.collaborative].programmes[pr.index].pledge_share * pr.scale;
    if (!pool.active || full <= 0.0) continue;
    for (std::size_t a = 0; a < pool.trusts.size(); ++a) {
      const auto i = static_cast<std::size_t>(pool.trusts[a]);
      const bool did = pool.pledge[a] >= 0.5 * full;
      w.decided(i, did);
      for (int b : pool.trusts) {
        const auto j = static_cast<std::size_t>(b);
        if (j == i) continue;
        const auto seen = w.perceive(j, i, did, kEvidencePledge, w.month_index, pool.programme);
        w.remember(i, j, did, seen);
        if (seen && pledge_weight > 0.0) {
          const double e = pledge_weight * w.evidence_factor(i);
          w.rel.add(j, i, *seen ? e : 0.0, *seen ? 0.0 : e);
        }
      }
    }
  }
}

void SharedLists::fold_moves(World& w) {
  const std::size_t T = w.trusts();
  for (Pool& pool : pools_) {
    const std::size_t n = pool.trusts.size();
    for (std::size_t a = 0; a < n; ++a) {
      for (std::size_t b = 0; b < n; ++b) {
        w.moves[static_cast<std::size_t>(pool.trusts[a]) * T + static_cast<std::size_t>(pool.trusts[b])] +=
            pool.moves[a * n + b];
      }
    }
    std::fill(pool.moves.begin(), pool.moves.end(), 0);
  }
}

void SharedLists::take_flows(World& /*w*/) {
  for (std::size_t i = 0; i < pools_.size(); ++i) {
    taken_[i] = {pools_[i].pledged, pools_[i].transfers};
    pools_[i].pledged = pools_[i].transfers = 0;
  }
}

void SharedLists::sample(const World& w, SampleView out) const {
  // Per collaborative x specialty: the members offering the specialty, pooled or not.
  using O = PoolObs;
  const std::size_t S = w.specialties();
  std::array<std::uint32_t, kWaitBins> h{};
  for (std::size_t k = 0; k < w.config.collaboratives.size(); ++k) {
    for (std::size_t s = 0; s < S; ++s) {
      const std::size_t i = k * S + s;
      h.fill(0);
      std::int64_t n = 0;
      for (int m : w.config.collaborative_members_offering(k, static_cast<int>(s))) {
        const std::size_t l = static_cast<std::size_t>(m) * S + s;
        for (std::size_t b = 0; b < kWaitBins; ++b) h[b] += w.census.list_hist[l * kWaitBins + b];
        n += w.lists[l].live;
      }
      out.ints(O::pool_waiting_list)[i] = n;
      out.reals(O::pool_wait_median_weeks)[i] = core::hist_quantile(h, 0.5);
      out.reals(O::pool_within_18_weeks)[i] =
          n > 0 ? static_cast<double>(core::hist_below(h, 18)) / static_cast<double>(n) : std::nan("");
      out.ints(O::pool_active)[i] = 0;
      out.ints(O::pool_pledged_slots)[i] = 0;
      out.ints(O::pool_transfers)[i] = 0;
    }
  }
  for (std::size_t k = 0; k < pools_.size(); ++k) {
    const Pool& pool = pools_[k];
    const std::size_t i = pool.collaborative * S + static_cast<std::size_t>(pool.specialty);
    out.ints(O::pool_active)[i] = std::max<std::int64_t>(out.ints(O::pool_active)[i], pool.active);
    out.ints(O::pool_pledged_slots)[i] += taken_[k].pledged;
    out.ints(O::pool_transfers)[i] += taken_[k].transfers;
  }
}

}  // namespace icsim::model

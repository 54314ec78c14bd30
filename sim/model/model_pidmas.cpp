// Patient-initiated moves (the NHS PIDMAS offer): a patient whose wait reaches the threshold may
// ask to move to a provider in their ICS whose published median wait is shorter. Decisions are
// drawn in parallel per list (read only); the moves are applied afterwards in list order.
#include <boost/random/bernoulli_distribution.hpp>
#include <cmath>

#include "core/parallel.hpp"
#include "model/model.hpp"

namespace icsim::model {

void Model::phase_pidmas(core::Step d) {
  const PidmasConfig& cfg = config_.pidmas;
  if (!cfg.enabled || d < cfg.start_day) return;
  const std::size_t S = specialties(), T = trusts();
  const auto threshold = static_cast<std::int32_t>(std::lround(cfg.wait_weeks * 7.0));
  // Eligible today: waits reaching the threshold at the end of today (census wait = d + 1 -
  // referral day); on the first day of the offer, everyone already over it.
  const std::int32_t newest = d + 1 - threshold;
  const std::int32_t oldest = d == cfg.start_day ? kMinDay : newest;

  struct Move {
    std::size_t priority;
    Patient patient;
    std::size_t to;  // destination list
  };
  std::vector<std::vector<Move>> moves(lists_.size());
  core::for_each_index(lists_.size(), [&](std::size_t l) {
    const std::size_t t = l / S, s = l % S;
    const double here = published_median_[l];
    if (lists_[l].live == 0 || !std::isfinite(here)) return;
    for (std::size_t p = 0; p < kPriorities; ++p) {
      const auto& q = lists_[l].queue[p];
      for (std::size_t i = q.lower_bound(oldest); i < q.size(); ++i) {
        const Patient& pt = q[i];
        if (pt.referral_day() > newest) break;
        if (pt.removal_day() <= d || pt.transfers() > 0) continue;
        core::Rng rng = streams_.rng(static_cast<core::Purpose>(Draw::pidmas_ask), patient_key(pt, s), d);
        if (!boost::random::bernoulli_distribution<double>(cfg.uptake)(rng)) continue;
        // The provider in the ICS with the shortest published median wait, at least
        // min_gain_weeks shorter than here and within reach (ties: nearer, then listed first).
        std::size_t best = T;
        for (int u_ : config_.ics[static_cast<std::size_t>(trust_ics_[t])].trusts) {
          const auto u = static_cast<std::size_t>(u_);
          if (u == t || config_.trusts[u].capacity[s] <= 0.0) continue;
          const double km = distance_home_to(pt, u);
          const double wait = published_median_[u * S + s];
          if (km > cfg.max_distance_km || !(wait <= here - cfg.min_gain_weeks)) continue;
          if (best == T) {
            best = u;
            continue;
          }
          const double best_wait = published_median_[best * S + s];
          if (wait < best_wait || (wait == best_wait && km < distance_home_to(pt, best))) best = u;
        }
        if (best != T) moves[l].push_back(Move{p, pt, best * S + s});
      }
    }
  });

  const auto& pooling = config_.pooling;
  for (std::size_t l = 0; l < lists_.size(); ++l) {
    for (const Move& mv : moves[l]) {
      auto& q = lists_[l].queue[mv.priority];
      std::size_t i = q.lower_bound(mv.patient.referral_day());
      while (!(q[i].ordinal == mv.patient.ordinal && q[i].home_place == mv.patient.home_place &&
               q[i].referral_code == mv.patient.referral_code)) {
        ++i;
      }
      Patient pt = q[i];
      q.erase_at(i);
      leave(l, pt);
      pt.add_transfer();
      lists_[mv.to].queue[mv.priority].insert_sorted(pt);
      join(mv.to, pt);
      WaitingList& from = lists_[l];
      WaitingList& to = lists_[mv.to];
      ++from.transfers_out;
      ++to.transfers_in;
      ++moves_[(l / S) * T + mv.to / S];
      to.transfer_km += distance_home_to(pt, mv.to / S);
      to.admin_cost += pooling.transfer_admin_cost;
      if (commissioning_of(l / S) == Commissioning::transactional) {
        from.income -= pooling.tariff;
        to.income += pooling.tariff;
      }
    }
  }
}

}  // namespace icsim::model

#include "model/patient_moves/patient_moves.hpp"

#include <algorithm>
#include <boost/random/bernoulli_distribution.hpp>
#include <cmath>

#include "core/parallel.hpp"
#include "model/config.hpp"

namespace icsim::model {

void PatientMoves::moves(World& w, core::Step d) {
  const PidmasConfig& cfg = w.config.pidmas;
  if (!cfg.enabled || d < cfg.start_day) return;
  const std::size_t S = w.specialties(), T = w.trusts();
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
  std::vector<std::vector<Move>> asks(w.lists.size());
  core::for_each_index(w.lists.size(), [&](std::size_t l) {
    const std::size_t t = l / S, s = l % S;
    const double here = w.published_median[l];
    const auto& uptake_factor = w.config.equity.pidmas_uptake_factor;  // §29
    if (w.lists[l].live == 0 || !std::isfinite(here)) return;
    for (std::size_t p = 0; p < kPriorities; ++p) {
      const auto& q = w.lists[l].queue[p];
      for (std::size_t i = q.lower_bound(oldest); i < q.size(); ++i) {
        const Patient& pt = q[i];
        if (pt.referral_day() > newest) break;
        if (pt.removal_day() <= d || pt.transfers() > 0) continue;
        core::Rng rng = w.streams.rng(static_cast<core::Purpose>(Draw::ask), w.patient_key(pt, s), d);
        const double uptake = std::min(1.0, cfg.uptake * uptake_factor[static_cast<std::size_t>(pt.quintile())]);
        if (!boost::random::bernoulli_distribution<double>(uptake)(rng)) continue;
        // The provider in the ICS with the shortest published median wait, at least
        // min_gain_weeks shorter than here and within reach (ties: nearer, then listed first).
        std::size_t best = T;
        for (int u_ : w.config.ics[static_cast<std::size_t>(w.trust_ics[t])].trusts) {
          const auto u = static_cast<std::size_t>(u_);
          if (u == t || w.config.trusts[u].capacity[s] <= 0.0) continue;
          const double km = w.distance_home_to(pt, u);
          const double wait = w.published_median[u * S + s];
          if (km > cfg.max_distance_km || !(wait <= here - cfg.min_gain_weeks)) continue;
          if (best == T) {
            best = u;
            continue;
          }
          const double best_wait = w.published_median[best * S + s];
          if (wait < best_wait || (wait == best_wait && km < w.distance_home_to(pt, best))) best = u;
        }
        if (best != T) asks[l].push_back(Move{p, pt, best * S + s});
      }
    }
  });

  const auto& pooling = w.config.pooling;
  for (std::size_t l = 0; l < w.lists.size(); ++l) {
    for (const Move& mv : asks[l]) {
      auto& q = w.lists[l].queue[mv.priority];
      std::size_t i = q.lower_bound(mv.patient.referral_day());
      while (!(q[i].ordinal == mv.patient.ordinal && q[i].home_place == mv.patient.home_place &&
               q[i].referral_code == mv.patient.referral_code)) {
        ++i;
      }
      Patient pt = q[i];
      q.erase_at(i);
      w.leave(l, pt);
      pt.add_transfer();
      w.lists[mv.to].queue[mv.priority].insert_sorted(pt);
      w.join(mv.to, pt);
      ListFlows& from = w.lists[l].flows;
      ListFlows& to = w.lists[mv.to].flows;
      ++from.transfers_out;
      ++to.transfers_in;
      ++w.moves[(l / S) * T + mv.to / S];
      to.transfer_km += w.distance_home_to(pt, mv.to / S);
      to.admin_cost += pooling.transfer_admin_cost;
      if (w.commissioning_of(l / S) == Commissioning::transactional) {
        from.income -= pooling.tariff;
        to.income += pooling.tariff;
      }
    }
  }
}

}  // namespace icsim::model

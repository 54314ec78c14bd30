#include "model/capital/capital.hpp"

#include <algorithm>
#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <span>

#include "core/hash.hpp"
#include "core/histogram.hpp"
#include "model/config.hpp"

namespace icsim::model {
namespace {

double finite_or(double x, double fallback) { return std::isfinite(x) ? x : fallback; }

}  // namespace

void Capital::allocate(World& w, core::Step d) {
  // Yearly capital: each ICB ranks its trusts' bids (needs: longest median wait first;
  // competitive: size times chance) and funds the top capital_awards, which gain capacity in
  // their longest-waiting specialty. Losers lose trust in winners (and the ICB) unless brokered.
  const auto& rel = w.config.relationships;
  const std::size_t S = w.specialties();
  const int year = (w.month_index + 1) / 12;
  for (std::size_t i = 0; i < w.config.ics.size(); ++i) {
    const auto& ics = w.config.ics[i];
    if (ics.capital_awards <= 0) continue;
    struct Bid { int trust; double score; };
    std::vector<Bid> bids;
    for (int t : ics.trusts) {
      double size = 0.0;
      for (std::size_t s = 0; s < S; ++s) size += w.capacity[static_cast<std::size_t>(t) * S + s];
      if (size <= 0.0) continue;
      double score;
      if (ics.capital_rule == CapitalRule::needs) {
        score = finite_or(core::hist_quantile(std::span<const std::uint32_t>(&w.census.trust_hist[static_cast<std::size_t>(t) * kWaitBins], kWaitBins), 0.5), 0.0);
      } else {
        core::Rng rng = w.streams.rng(static_cast<core::Purpose>(Draw::bid),
                                     core::fnv1a64(w.config.trusts[static_cast<std::size_t>(t)].id), year);
        score = size * std::exp(kBidNoise * boost::random::normal_distribution<double>(0.0, 1.0)(rng));
      }
      bids.push_back({t, score});
    }
    if (bids.size() < 2) continue;
    std::stable_sort(bids.begin(), bids.end(), [](const Bid& a, const Bid& b) { return a.score > b.score; });
    const std::size_t awards = std::min<std::size_t>(static_cast<std::size_t>(ics.capital_awards), bids.size());
    const std::size_t icb = w.config.icb_index(i);
    const double soft = ics.honest_broker ? 1.0 - rel.broker_softening : 1.0;
    for (std::size_t k = 0; k < bids.size(); ++k) {
      const auto t = static_cast<std::size_t>(bids[k].trust);
      int specialty = -1;
      if (k < awards) {
        double worst = -1.0;
        for (std::size_t s = 0; s < S; ++s) {
          const std::size_t l = t * S + s;
          if (w.capacity[l] > 0.0 && finite_or(w.published_median[l], 0.0) > worst) {
            worst = finite_or(w.published_median[l], 0.0);
            specialty = static_cast<int>(s);
          }
        }
        if (specialty >= 0) w.capacity[t * S + static_cast<std::size_t>(specialty)] *= 1.0 + ics.capital_capacity_gain;
      } else {
        for (std::size_t k2 = 0; k2 < awards; ++k2) {
          const auto winner = static_cast<std::size_t>(bids[k2].trust);
          w.rel.add(t, winner, 0.0, rel.capital_loss_weight * soft * w.evidence_factor(winner));
          w.rel.mark(winner, t);
        }
        w.rel.add(t, icb, 0.0, rel.icb_loss_share * rel.capital_loss_weight * soft * w.evidence_factor(icb));
      }
      if (ics.honest_broker) w.rel.add(t, icb, rel.capital_process_weight * w.evidence_factor(icb), 0.0);
      events_.of<CapitalEvent>().push_back({d, static_cast<std::int32_t>(i), static_cast<std::int32_t>(t),
                                 static_cast<std::int32_t>(k + 1), specialty, k < awards, bids[k].score, ics.honest_broker});
    }
  }
}

}  // namespace icsim::model

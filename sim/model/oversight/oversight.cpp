#include "model/oversight/oversight.hpp"

#include <algorithm>
#include <cmath>

#include "model/config.hpp"

namespace icsim::model {

void Oversight::build(World& w) {
  const std::size_t C = w.config.collaboratives.size();
  last_median_.assign(C, std::nan(""));
  w.delegated_share.assign(C, 1.0);
  for (std::size_t c = 0; c < C; ++c) {
    const auto& ics = w.config.ics[static_cast<std::size_t>(w.config.collaboratives[c].ics)];
    if (ics.delegation == Delegation::earned) w.delegated_share[c] = w.config.oversight.initial_delegation;
  }
}

std::size_t Oversight::worst_list(const World& w, std::size_t c) {
  const std::size_t S = w.specialties();
  std::size_t worst = w.lists.size();
  double lowest = w.config.oversight.intervene_share;
  for (int m : w.members[c]) {
    for (std::size_t s = 0; s < S; ++s) {
      const std::size_t l = static_cast<std::size_t>(m) * S + s;
      if (w.capacity[l] <= 0.0 || w.lists[l].live == 0) continue;
      const double share = static_cast<double>(w.census.lists[l].within_18) / static_cast<double>(w.lists[l].live);
      if (share < lowest) {
        lowest = share;
        worst = l;
      }
    }
  }
  return worst;
}

bool Oversight::direct(World& w, Programmes& programmes, std::size_t c, std::size_t l, core::Step d) {
  const auto specialty = static_cast<int>(l % w.specialties());
  for (std::size_t p = 0; p < w.programmes.size(); ++p) {
    const Programme& pr = w.programmes[p];
    if (pr.collaborative != c) continue;
    const auto& cfg = w.config.collaboratives[c].programmes[pr.index];
    if (cfg.type != ProgrammeType::shared_waiting_list || cfg.specialty != specialty) continue;
    if (pr.active && pr.scale >= 1.0) return false;  // nothing left to direct
    programmes.set(w, p, true, pr.active ? std::min(1.0, pr.scale + cfg.scale_step) : cfg.initial_scale, d);
    return true;
  }
  return false;
}

void Oversight::review(World& w, Programmes& programmes, core::Step d) {
  const auto& o = w.config.oversight;
  if ((w.month_index + 1) % o.review_months != 0) return;
  const std::size_t S = w.specialties();
  for (std::size_t c = 0; c < w.config.collaboratives.size(); ++c) {
    const auto& col = w.config.collaboratives[c];
    const auto& ics = w.config.ics[static_cast<std::size_t>(col.ics)];
    const bool earns = ics.delegation == Delegation::earned;
    if ((!earns && !ics.intervenes) || w.members[c].empty()) continue;
    const std::size_t icb = w.config.icb_index(static_cast<std::size_t>(col.ics));
    // Performance: the members' mean published median wait, against the last review.
    double sum = 0.0, trust = 0.0;
    int n = 0;
    for (int m : w.members[c]) {
      trust += w.rel.trust(icb, static_cast<std::size_t>(m));
      for (std::size_t s = 0; s < S; ++s) {
        const double x = w.published_median[static_cast<std::size_t>(m) * S + s];
        if (w.capacity[static_cast<std::size_t>(m) * S + s] > 0.0 && std::isfinite(x)) {
          sum += x;
          ++n;
        }
      }
    }
    trust /= static_cast<double>(w.members[c].size());
    const double median = n > 0 ? sum / n : std::nan("");
    const bool compared = std::isfinite(median) && std::isfinite(last_median_[c]);
    const bool improved = !compared || median < last_median_[c];
    if (compared) {
      for (int m : w.members[c]) {
        w.observe(icb, static_cast<std::size_t>(m), improved, o.performance_weight, kEvidenceOversight, d, 2 * c);
      }
    }
    ReviewAction action = ReviewAction::kept;
    double& share = w.delegated_share[c];
    if (earns && col.delegated_budget > 0.0 && compared) {
      const bool up = trust >= o.delegate_trust && improved, down = trust < o.delegate_trust && !improved;
      const double next = std::clamp(share + (up ? o.delegation_step : down ? -o.delegation_step : 0.0), 0.0, 1.0);
      if (next != share) {
        action = next > share ? ReviewAction::delegated : ReviewAction::withdrew;
        share = next;
        for (int m : w.members[c]) {
          w.observe(static_cast<std::size_t>(m), icb, action == ReviewAction::delegated, o.delegation_weight,
                    kEvidenceOversight, d, 2 * c);
        }
      }
    }
    std::size_t target = w.lists.size();
    if (ics.intervenes) {
      target = worst_list(w, c);
      if (target < w.lists.size() && direct(w, programmes, c, target, d)) {
        action = ReviewAction::directed;
        for (int m : w.members[c]) {
          w.observe(static_cast<std::size_t>(m), icb, false, o.overrule_weight, kEvidenceOversight, d, 2 * c + 1);
        }
      } else {
        target = w.lists.size();
      }
    }
    const bool listed = target < w.lists.size();
    events_.of<ReviewEvent>().push_back({d, static_cast<std::int32_t>(c), trust, median, improved, share, action,
                                         listed ? static_cast<std::int32_t>(target / S) : -1,
                                         listed ? static_cast<std::int32_t>(target % S) : -1});
    last_median_[c] = median;
  }
}

void Oversight::sample(const World& w, SampleView out) const {
  auto& v = out.reals(OversightObs::delegated_share);
  std::copy(w.delegated_share.begin(), w.delegated_share.end(), v.begin());
}

}  // namespace icsim::model

#include "model/relationships/trust_evidence.hpp"

#include <boost/random/uniform_01.hpp>
#include <cmath>

#include "core/hash.hpp"
#include "model/config.hpp"

namespace icsim::model {

void TrustEvidence::build(World& w) { scheduled_ = resolve_turnover(w.config); }

void TrustEvidence::forget(World& w) { w.rel.forget(w.config.relationships.forgetting); }

void TrustEvidence::time_evidence(World& w) {
  const auto& rel = w.config.relationships;
  // Leadership time invested: each forum's hours are split over the member's other members and
  // summed over the forums a pair shares; evidence saturates with the hours, so duplicate
  // forums add little while hours spent elsewhere are lost to this relationship.
  const auto& gov = w.config.governance;
  std::vector<double> hours(w.orgs * w.orgs, 0.0);
  auto share = [&](const std::vector<int>& members, auto&& asked) {
    if (members.size() < 2) return;
    const auto others = static_cast<double>(members.size() - 1);
    for (int a : members) {
      const auto i = static_cast<std::size_t>(a);
      const double h = asked(a) * w.engagement[i] / others;
      for (int b : members) {
        if (a != b) hours[i * w.orgs + static_cast<std::size_t>(b)] += h;
      }
    }
  };
  for (std::size_t c = 0; c < w.members.size(); ++c) {
    double programme_hours = 0.0;
    for (const Programme& pr : w.programmes) {
      if (pr.collaborative == c && pr.active) programme_hours += gov.hours_per_programme * pr.scale;
    }
    share(w.members[c], [&](int m) {
      const double form = w.form[c] == Governance::lead_provider && m == w.lead[c] ? gov.hours_lead
                                                                                 : gov.hours_for(w.form[c]);
      return form + programme_hours;
    });
  }
  for (const auto& m : w.partnership_orgs) share(m, [&](int) { return gov.hours_partnership; });
  for (std::size_t i = 0; i < w.orgs; ++i) {
    for (std::size_t j = 0; j < w.orgs; ++j) {
      const double h = hours[i * w.orgs + j];
      if (h > 0.0) {
        w.rel.add(i, j, rel.time_weight * (1.0 - std::exp(-h / rel.time_scale_hours)) * w.evidence_factor(j), 0.0);
      }
    }
  }
}

void TrustEvidence::turnover(World& w, core::Step d) {
  // Scheduled changes of leadership in this month, then random ones at the yearly hazard.
  const auto& rel = w.config.relationships;
  const core::Step month_start = d - w.calendar.date(d).day + 1;
  const auto ids = w.config.organisation_ids();
  auto change = [&](std::size_t k) {
    w.rel.loosen(k, rel.turnover_retention);
    events_.of<TurnoverRecord>().push_back({d, static_cast<std::int32_t>(k)});
  };
  for (const auto& e : scheduled_) {
    if (e.day >= month_start && e.day <= d) change(static_cast<std::size_t>(e.organisation));
  }
  if (rel.turnover_hazard_per_year > 0.0) {
    const double monthly = 1.0 - std::pow(1.0 - std::min(rel.turnover_hazard_per_year, 1.0), 1.0 / 12.0);
    for (std::size_t k = 0; k < w.orgs; ++k) {
      core::Rng rng = w.streams.rng(static_cast<core::Purpose>(Draw::turnover), core::fnv1a64(ids[k]), w.month_index);
      if (boost::random::uniform_01<double>()(rng) < monthly) change(k);
    }
  }
}

void TrustEvidence::sample(const World& w, SampleView out) const {
  double sum = 0.0;
  std::size_t pairs = 0;
  for (std::size_t i = 0; i < w.orgs; ++i) {
    for (std::size_t j = 0; j < w.orgs; ++j) {
      if (i == j || !w.rel.interacts(i, j)) continue;
      sum += w.rel.trust(i, j);
      ++pairs;
    }
  }
  out.reals(TrustObs::mean_trust)[0] = pairs ? sum / static_cast<double>(pairs) : std::nan("");
  for (std::size_t k = 0; k < w.partnership_orgs.size(); ++k) {
    out.reals(TrustObs::partnership_cohesion)[k] = w.rel.cohesion(w.partnership_orgs[k]);
  }
}

}  // namespace icsim::model

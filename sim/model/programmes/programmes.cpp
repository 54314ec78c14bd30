#include "model/programmes/programmes.hpp"

#include <algorithm>
#include <cmath>

#include "model/config.hpp"

namespace icsim::model {
namespace {

double clamp01(double x) { return std::clamp(x, 0.0, 1.0); }

}  // namespace

void Programmes::schedule(World& w, core::Step d) {
  // Programmes not decided by votes run on their days; a governed one stops at its stop_day.
  for (std::size_t p = 0; p < w.programmes.size(); ++p) {
    const Programme& pr = w.programmes[p];
    const auto& cfg = w.config.collaboratives[pr.collaborative].programmes[pr.index];
    const bool past_stop = cfg.stop_day && d >= *cfg.stop_day;
    if (w.members[pr.collaborative].empty()) {  // a dissolved collaborative runs nothing (§33)
      if (pr.active) set(w, p, false, 0.0, d);
      continue;
    }
    if (cfg.governed) {
      if (pr.active && past_stop) {
        set(w, p, false, 0.0, d);
      } else if (!pr.active && d == cfg.first_day() && !past_stop) {
        set(w, p, true, cfg.initial_scale, d);  // decided beforehand; votes scale it
      }
      continue;
    }
    const bool active = d >= cfg.first_day() && !past_stop;
    if (active != pr.active) set(w, p, active, active ? cfg.initial_scale : 0.0, d);
  }
}

void Programmes::set(World& w, std::size_t p, bool active, double scale, core::Step d) {
  Programme& pr = w.programmes[p];
  const auto& cfg = w.config.collaboratives[pr.collaborative].programmes[pr.index];
  const bool was = pr.active;
  const ProgrammeAction action = !active ? ProgrammeAction::stop : was ? ProgrammeAction::scale_up : ProgrammeAction::start;
  pr.active = active;
  pr.scale = active ? scale : 0.0;
  if (active && !was) {
    pr.started_day = d;
    pr.start_trust.assign(w.orgs * w.orgs, 0.5);
    for (std::size_t i = 0; i < w.orgs; ++i) {
      for (std::size_t j = 0; j < w.orgs; ++j) pr.start_trust[i * w.orgs + j] = w.rel.trust(i, j);
    }
  }
  if (active && !was && cfg.type == ProgrammeType::shared_waiting_list) {
    pr.start_spread = w.member_spread(pr.collaborative, cfg.specialty);
    pr.start_median.assign(w.trusts(), std::nan(""));
    for (int m : w.members[pr.collaborative]) {
      pr.start_median[static_cast<std::size_t>(m)] =
          w.published_median[static_cast<std::size_t>(m) * w.specialties() + static_cast<std::size_t>(cfg.specialty)];
    }
  }
  events_.of<ProgrammeEvent>().push_back({d, static_cast<std::int32_t>(pr.collaborative), static_cast<std::int32_t>(pr.index),
                                 cfg.specialty, cfg.type, action, pr.scale});
  if (was != active && cfg.type == ProgrammeType::shared_waiting_list) w.pools_changed = true;
  w.programmes_changed = true;
}

double Programmes::success(const World& w, const Programme& pr) {
  // The benefit a programme realises this month, 0..1: for a shared list, how far the spread
  // of members' median waits has closed since it started; for the others, delivery (1).
  const auto& cfg = w.config.collaboratives[pr.collaborative].programmes[pr.index];
  if (cfg.type != ProgrammeType::shared_waiting_list) return 1.0;
  if (pr.start_spread < 1.0) return 1.0;
  return clamp01(1.0 - w.member_spread(pr.collaborative, cfg.specialty) / pr.start_spread);
}

bool Programmes::gains_from(const World& w, const Programme& pr, int m) {
  const auto& cfg = w.config.collaboratives[pr.collaborative].programmes[pr.index];
  if (cfg.type != ProgrammeType::shared_waiting_list) return true;
  const std::size_t l = static_cast<std::size_t>(m) * w.specialties() + static_cast<std::size_t>(cfg.specialty);
  const double before = pr.start_median.empty() ? std::nan("") : pr.start_median[static_cast<std::size_t>(m)];
  return !(w.published_median[l] > before);  // NaN either way: no evidence of a loss
}

void Programmes::benefit_evidence(World& w) {
  const auto& rel = w.config.relationships;
  // Quick wins: realised benefit of active programmes, counted by the members who gain from it
  // (everyone for diagnostics, workforce and procurement; for a shared list, the members whose
  // waits have not risen since it started).
  for (std::size_t p = 0; p < w.programmes.size(); ++p) {
    const Programme& pr = w.programmes[p];
    if (!pr.active) continue;
    const double realised = success(w, pr);
    if (realised <= 0.0) continue;
    const auto& members = w.members[pr.collaborative];
    for (int a : members) {
      if (!gains_from(w, pr, a)) continue;
      for (int b : members) {
        if (a == b) continue;
        const auto i = static_cast<std::size_t>(a), j = static_cast<std::size_t>(b);
        w.observe(i, j, true, rel.benefit_weight * pr.scale * realised * w.engagement[i], kEvidenceBenefit,
                  static_cast<core::Step>(w.month_index), p);
      }
    }
  }
}

void Programmes::savings(World& w) {
  for (Programme& pr : w.programmes) {
    const auto& cfg = w.config.collaboratives[pr.collaborative].programmes[pr.index];
    if (!pr.active || cfg.type != ProgrammeType::joint_procurement) continue;
    for (int m : w.members[pr.collaborative]) {
      pr.savings += cfg.saving_per_month * pr.scale * w.engagement[static_cast<std::size_t>(m)];
    }
  }
}

void Programmes::capacity_gains(World& w) {
  const std::size_t S = w.specialties();
  std::fill(w.capacity_gain.begin(), w.capacity_gain.end(), 0.0);
  for (const Programme& pr : w.programmes) {
    if (!pr.active) continue;
    const auto& cfg = w.config.collaboratives[pr.collaborative].programmes[pr.index];
    if (cfg.type != ProgrammeType::shared_diagnostics && cfg.type != ProgrammeType::workforce_pool) continue;
    for (int m : w.members[pr.collaborative]) {
      for (std::size_t s = 0; s < S; ++s) {
        if (cfg.specialty >= 0 && static_cast<std::size_t>(cfg.specialty) != s) continue;
        w.capacity_gain[static_cast<std::size_t>(m) * S + s] += cfg.capacity_gain * pr.scale;
      }
    }
  }
}

void Programmes::take_flows(World& w) {
  savings_.resize(w.programmes.size());
  for (std::size_t p = 0; p < w.programmes.size(); ++p) {
    savings_[p] = w.programmes[p].savings;
    w.programmes[p].savings = 0.0;
  }
}

void Programmes::sample(const World& w, SampleView out) const {
  for (std::size_t p = 0; p < w.programmes.size(); ++p) {
    out.reals(ProgrammeObs::programme_scale)[p] = w.programmes[p].scale;
    out.ints(ProgrammeObs::programme_stalled)[p] = w.programmes[p].stalled ? 1 : 0;
    out.reals(ProgrammeObs::programme_savings)[p] = savings_[p];
  }
}

}  // namespace icsim::model

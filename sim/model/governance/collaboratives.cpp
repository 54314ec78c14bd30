#include "model/governance/collaboratives.hpp"

#include <algorithm>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <optional>

#include "core/hash.hpp"
#include "model/config.hpp"
#include "model/programmes/programmes.hpp"

namespace icsim::model {
namespace {

double finite_or(double x, double fallback) { return std::isfinite(x) ? x : fallback; }

}  // namespace

bool decide(DecisionRule rule, const std::vector<bool>& yes, const std::vector<double>& weights,
            int lead, double supermajority, bool gate_open) {
  const auto n = static_cast<double>(yes.size());
  const auto ayes = static_cast<double>(std::count(yes.begin(), yes.end(), true));
  switch (rule) {
    case DecisionRule::unanimous: return !yes.empty() && ayes == n;
    case DecisionRule::majority: return ayes > n / 2.0;
    case DecisionRule::supermajority: return n > 0 && ayes >= supermajority * n;
    case DecisionRule::weighted: {
      double total = 0.0, for_ = 0.0;
      for (std::size_t i = 0; i < yes.size(); ++i) {
        total += weights[i];
        if (yes[i]) for_ += weights[i];
      }
      return for_ > total / 2.0;
    }
    case DecisionRule::lead_decides:
      return lead >= 0 && static_cast<std::size_t>(lead) < yes.size() && yes[static_cast<std::size_t>(lead)];
    case DecisionRule::casting_vote: {
      if (yes.empty()) return false;
      if (ayes != n / 2.0) return ayes > n / 2.0;
      const std::size_t chair = lead >= 0 && static_cast<std::size_t>(lead) < yes.size() ? static_cast<std::size_t>(lead) : 0;
      return yes[chair];
    }
    case DecisionRule::gated: return gate_open && ayes > n / 2.0;
  }
  return false;
}

void Collaboratives::build(World& w) {
  low_trust_months_.assign(w.config.collaboratives.size(), std::vector<int>(w.trusts(), 0));
}

void Collaboratives::allocate_leadership(World& w) {
  // Each organisation's hours are asked for by its forums: a collaborative's governance form,
  // plus its active programmes, and each place partnership. When asked for more than it has,
  // it engages less in all of them (engagement = hours / hours asked): the complexity pitfall.
  const auto& gov = w.config.governance;
  std::vector<double> asked(w.orgs, 0.0);
  for (std::size_t c = 0; c < w.config.collaboratives.size(); ++c) {
    double programme_hours = 0.0;
    for (const Programme& pr : w.programmes) {
      if (pr.collaborative == c && pr.active) programme_hours += gov.hours_per_programme * pr.scale;
    }
    for (int m : w.members[c]) {
      double h = gov.hours_for(w.form[c]);
      if (w.form[c] == Governance::lead_provider && m == w.lead[c]) h = gov.hours_lead;
      asked[static_cast<std::size_t>(m)] += h + programme_hours;
    }
  }
  for (const auto& members : w.partnership_orgs) {
    for (int m : members) asked[static_cast<std::size_t>(m)] += gov.hours_partnership;
  }
  for (std::size_t i = 0; i < w.orgs; ++i) {
    w.engagement[i] = asked[i] > 0.0 ? std::min(1.0, w.org_hours[i] / asked[i]) : 1.0;
    w.hours_used[i] = std::min(w.org_hours[i], asked[i]);
  }
}

void Collaboratives::membership(World& w, core::Step d) {
  bool changed = false;
  for (std::size_t c = 0; c < w.config.collaboratives.size(); ++c) {
    const auto& col = w.config.collaboratives[c];
    auto& members = w.members[c];
    if (col.exit_trust > 0.0) {
      for (std::size_t k = 0; k < members.size();) {
        const auto m = static_cast<std::size_t>(members[k]);
        const double t = finite_or(w.rel.trust_in(m, members), 1.0);
        low_trust_months_[c][m] = t < col.exit_trust ? low_trust_months_[c][m] + 1 : 0;
        if (low_trust_months_[c][m] >= col.exit_months && members.size() > 2) {
          events_.of<MembershipEvent>().push_back({d, static_cast<std::int32_t>(c), static_cast<std::int32_t>(m), false});
          members.erase(members.begin() + static_cast<std::ptrdiff_t>(k));
          low_trust_months_[c][m] = 0;
          changed = true;
        } else {
          ++k;
        }
      }
    }
    for (int k : col.candidates) {
      if (std::find(members.begin(), members.end(), k) != members.end()) continue;
      const double t = finite_or(w.rel.trust_in(static_cast<std::size_t>(k), members), 0.0);
      if (t >= col.entry_trust) {
        members.push_back(k);
        for (int m : members) {
          if (m == k) continue;
          w.rel.mark(static_cast<std::size_t>(m), static_cast<std::size_t>(k));
          w.rel.mark(static_cast<std::size_t>(k), static_cast<std::size_t>(m));
        }
        events_.of<MembershipEvent>().push_back({d, static_cast<std::int32_t>(c), k, true});
        changed = true;
      }
    }
  }
  if (changed) w.pools_changed = w.programmes_changed = true;
}

double Collaboratives::vote_utility(const World& w, std::size_t p, Item item, int member) {
  // U = beta_benefit B + beta_trust (T - 0.5) - beta_cost C - beta_time (1 - e) - beta_comp k
  const auto& gov = w.config.governance;
  const Programme& pr = w.programmes[p];
  const auto& cfg = w.config.collaboratives[pr.collaborative].programmes[pr.index];
  const auto& members = w.members[pr.collaborative];
  const auto m = static_cast<std::size_t>(member);
  const std::size_t S = w.specialties();
  const double trust = finite_or(w.rel.trust_in(m, members), 0.5);
  const double engagement = w.engagement[m];

  double benefit = gov.reference_benefit;
  switch (cfg.type) {
    case ProgrammeType::shared_waiting_list: {
      // Relative gain in waits: positive for a member with longer waits than the members' mean.
      const auto s = static_cast<std::size_t>(cfg.specialty);
      double sum = 0.0;
      int n = 0;
      for (int k : members) {
        const double wait = w.published_median[static_cast<std::size_t>(k) * S + s];
        if (std::isfinite(wait)) {
          sum += wait;
          ++n;
        }
      }
      const double mean = n ? sum / n : 0.0;
      const double own = finite_or(w.published_median[m * S + s], mean);
      benefit = (own - mean) / std::max(mean, gov.wait_floor_weeks);
      break;
    }
    case ProgrammeType::shared_diagnostics:
    case ProgrammeType::workforce_pool:
      benefit = gov.reference_benefit * cfg.capacity_gain / gov.reference_capacity_gain;
      break;
    case ProgrammeType::joint_procurement:
      benefit = gov.reference_benefit * cfg.saving_per_month / gov.reference_saving;
      break;
    case ProgrammeType::mutual_aid_pact:
    case ProgrammeType::clinical_standardisation: benefit = gov.reference_benefit; break;
  }
  if (item == Item::stop) benefit += Programmes::success(w, pr);
  const double step = item == Item::start ? cfg.initial_scale : item == Item::scale_up ? cfg.scale_step : 0.0;
  const double free = std::max(w.org_hours[m] - w.hours_used[m], 1.0);
  const double cost = std::min(gov.cost_cap, gov.hours_per_programme * step / free);
  const double keep = gov.beta_benefit * benefit + gov.beta_trust * (trust - 0.5) - gov.beta_cost * cost -
                      gov.beta_time * (1.0 - engagement) - gov.beta_competitiveness * w.org_competitiveness[m];
  return item == Item::stop ? -keep : keep;
}

std::optional<Item> Collaboratives::agenda_item(const World& w, std::size_t p, double cohesion, core::Step d) {
  // Any board can table a stop when, since a programme started, its trust in a partner has
  // fallen below stop_cohesion (judged on the programme's record, not on history alone).
  const auto& gov = w.config.governance;
  const Programme& pr = w.programmes[p];
  const auto& members = w.members[pr.collaborative];
  const auto& cfg = w.config.collaboratives[pr.collaborative].programmes[pr.index];
  auto soured = [&] {
    for (int a : members) {
      for (int b : members) {
        if (a == b) continue;
        const auto i = static_cast<std::size_t>(a), j = static_cast<std::size_t>(b);
        const double now = w.rel.trust(i, j);
        const double then = pr.start_trust.empty() ? 0.5 : pr.start_trust[i * w.orgs + j];
        if (now < gov.stop_cohesion && now < then) return true;
      }
    }
    return false;
  };
  const bool before_stop = !cfg.stop_day || d < *cfg.stop_day;
  // The start is voted on unless the programme has a start day (then only a restart after a
  // stop is voted on).
  const bool votable_start = cfg.first_day() < 0 ? d >= cfg.proposed_day : pr.reproposable_day > 0;
  if (!pr.active && votable_start && d >= pr.reproposable_day && before_stop) return Item::start;
  if (pr.active && d - pr.started_day >= kDaysPerMonth * gov.min_months_before_stop && soured()) return Item::stop;
  if (pr.active && pr.scale < 1.0 && cohesion >= gov.scale_up_cohesion && cfg.scale_step > 0.0) return Item::scale_up;
  return std::nullopt;
}

void Collaboratives::overruled(World& w, std::size_t p, const std::vector<bool>& yes, bool passed, core::Step d) {
  const auto& rel = w.config.relationships;
  const auto& gov = w.config.governance;
  const Programme& pr = w.programmes[p];
  const auto& col = w.config.collaboratives[pr.collaborative];
  const auto& members = w.members[pr.collaborative];
  const auto& ics = w.config.ics[static_cast<std::size_t>(col.ics)];
  const std::size_t icb = w.config.icb_index(static_cast<std::size_t>(col.ics));
  const double weight = rel.overruled_weight * (ics.honest_broker ? 1.0 - rel.broker_softening : 1.0);
  std::vector<int> winners;
  for (std::size_t b = 0; b < members.size(); ++b) {
    if (yes[b] == passed) winners.push_back(members[b]);
  }
  for (std::size_t a = 0; a < members.size(); ++a) {
    if (yes[a] == passed) continue;
    const auto i = static_cast<std::size_t>(members[a]);
    // Dispute resolution: asked when the loser distrusts the winners, at a cost in its hours.
    const bool mediated = ics.mediates && finite_or(w.rel.trust_in(i, winners), 0.5) < gov.mediation_ask_trust;
    const double kept = mediated ? 1.0 - rel.mediation_restore : 1.0;
    double restored = 0.0;
    for (int b : winners) {
      const auto j = static_cast<std::size_t>(b);
      w.rel.add(i, j, 0.0, kept * weight * w.evidence_factor(j));
      restored += (1.0 - kept) * weight * w.evidence_factor(j);
    }
    if (mediated) {
      w.hours_used[i] += gov.mediation_hours;
      w.rel.add(i, icb, rel.mediation_weight * w.evidence_factor(icb), 0.0);
      events_.of<MediationEvent>().push_back({d, static_cast<std::int32_t>(pr.collaborative),
                                              static_cast<std::int32_t>(pr.index), members[a], restored});
    }
  }
}

bool Collaboratives::gate_open(const World& w, std::size_t p, Item item) {
  // A stage only once the previous one succeeds: a scale-up when the programme's own success is
  // at least gate_success, the start of a collaborative's later programme when the one before
  // it runs with that success.
  const double gate = w.config.governance.gate_success;
  const Programme& pr = w.programmes[p];
  if (item == Item::scale_up) return Programmes::success(w, pr) >= gate;
  if (item == Item::start && pr.index > 0) {
    const Programme& before = w.programmes[p - 1];
    return before.collaborative == pr.collaborative && before.active && Programmes::success(w, before) >= gate;
  }
  return true;
}

bool Collaboratives::vote(World& w, std::size_t p, Item item, core::Step d) {
  // Votes: P(yes) = 1 / (1 + exp(-U / noise)), each from the member's own stream; the rule
  // aggregates them. Being overruled is negative evidence about each member on the winning
  // side, softened when the ICB is an honest broker.
  const auto& gov = w.config.governance;
  const std::size_t S = w.specialties();
  const Programme& pr = w.programmes[p];
  const std::size_t c = pr.collaborative;
  const auto& col = w.config.collaboratives[c];
  const auto& members = w.members[c];
  const std::uint64_t entity = core::combine(core::fnv1a64(col.id), pr.index * 8 + static_cast<std::uint64_t>(item));
  std::vector<bool> yes;
  std::vector<double> weights;
  int lead = -1;
  for (std::size_t k = 0; k < members.size(); ++k) {
    const int m = members[k];
    const double u = vote_utility(w, p, item, m);
    core::Rng rng = w.streams.rng(static_cast<core::Purpose>(Draw::vote), entity, d, static_cast<std::uint64_t>(m));
    // Supporting the programme (yes to start or scale up, no to stop) is cooperating: the member's
    // strategy decides how likely; the trust-threshold strategy votes by the utility.
    const double p_logit = 1.0 / (1.0 + std::exp(-u / std::max(gov.vote_noise, 1e-9)));
    const double support = w.cooperation(static_cast<std::size_t>(m), members, item == Item::stop ? 1.0 - p_logit : p_logit);
    const bool v = boost::random::uniform_01<double>()(rng) < (item == Item::stop ? 1.0 - support : support);
    yes.push_back(v);
    double size = 0.0;
    for (std::size_t s = 0; s < S; ++s) size += w.capacity[static_cast<std::size_t>(m) * S + s];
    weights.push_back(std::max(size, 1.0));
    if (m == col.lead) lead = static_cast<int>(k);
    events_.of<VoteEvent>().push_back({d, static_cast<std::int32_t>(c), static_cast<std::int32_t>(pr.index),
                                       static_cast<std::int32_t>(item), m, v, u});
  }
  const bool passed = decide(col.decision_rule, yes, weights, lead, col.supermajority, gate_open(w, p, item));
  // Votes are public: each member remembers the others' support (strategies' memory).
  for (std::size_t a = 0; a < members.size(); ++a) {
    const bool supported = yes[a] != (item == Item::stop);
    w.decided(static_cast<std::size_t>(members[a]), supported);
    for (std::size_t b = 0; b < members.size(); ++b) {
      if (a != b) w.remember(static_cast<std::size_t>(members[a]), static_cast<std::size_t>(members[b]), supported, supported);
    }
  }
  const auto ayes = static_cast<std::int32_t>(std::count(yes.begin(), yes.end(), true));
  events_.of<DecisionEvent>().push_back({d, static_cast<std::int32_t>(c), static_cast<std::int32_t>(pr.index),
                                         static_cast<std::int32_t>(item), ayes,
                                         static_cast<std::int32_t>(yes.size()) - ayes, passed, col.decision_rule});
  overruled(w, p, yes, passed, d);
  return passed;
}

void Collaboratives::meetings(World& w, Programmes& programmes, core::Step d) {
  const auto& gov = w.config.governance;
  for (std::size_t c = 0; c < w.config.collaboratives.size(); ++c) {
    const auto& col = w.config.collaboratives[c];
    if (w.members[c].empty()) continue;  // dissolved (§33)
    const double cohesion = finite_or(w.rel.cohesion(w.members[c]), 0.5);
    std::int32_t items = 0;
    for (std::size_t p = 0; p < w.programmes.size(); ++p) {
      Programme& pr = w.programmes[p];
      if (pr.collaborative != c) continue;
      const auto& cfg = col.programmes[pr.index];
      pr.stalled = pr.active && cohesion < gov.stall_cohesion;
      if (!cfg.governed) continue;
      const auto item = agenda_item(w, p, cohesion, d);
      if (!item) continue;
      ++items;
      if (!vote(w, p, *item, d)) continue;
      if (*item == Item::start) {
        programmes.set(w, p, true, cfg.initial_scale, d);
      } else if (*item == Item::scale_up) {
        programmes.set(w, p, true, std::min(1.0, pr.scale + cfg.scale_step), d);
      } else {
        programmes.set(w, p, false, 0.0, d);
        w.programmes[p].reproposable_day = d + kDaysPerMonth * gov.restart_delay_months + 1;
      }
    }
    events_.of<MeetingEvent>().push_back({d, static_cast<std::int32_t>(c), items, cohesion});
  }
}

void Collaboratives::sample(const World& w, SampleView out) const {
  using O = CollaborativeObs;
  for (std::size_t k = 0; k < w.members.size(); ++k) {
    out.reals(O::collaborative_cohesion)[k] = w.rel.cohesion(w.members[k]);
    out.ints(O::collaborative_members)[k] = static_cast<std::int64_t>(w.members[k].size());
  }
  for (std::size_t i = 0; i < w.orgs; ++i) {
    out.reals(O::leadership_hours_used)[i] = w.hours_used[i];
    out.reals(O::leadership_engagement)[i] = w.engagement[i];
  }
}

}  // namespace icsim::model

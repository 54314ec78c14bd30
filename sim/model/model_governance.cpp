// The monthly cycle of collaboration (docs/model.md §15-§19): relationships forget, leaders'
// hours are shared out, evidence accrues (time invested, fairness of exchange, quick wins),
// leaderships turn over, members join and leave, collaboratives meet and vote, and once a year
// ICBs allocate capital. Everything here runs sequentially in a fixed order: it is small.
#include <algorithm>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <numeric>

#include "core/hash.hpp"
#include "model/model.hpp"

namespace icsim::model {
namespace {

double finite_or(double x, double fallback) { return std::isfinite(x) ? x : fallback; }

double clamp01(double x) { return std::clamp(x, 0.0, 1.0); }

}  // namespace

void Events::append(const Events& e) {
  auto add = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
  add(programmes, e.programmes);
  add(meetings, e.meetings);
  add(votes, e.votes);
  add(decisions, e.decisions);
  add(capital, e.capital);
  add(turnover, e.turnover);
  add(membership, e.membership);
  add(delegated, e.delegated);
  add(aid, e.aid);
}

void Events::clear() {
  programmes.clear();
  meetings.clear();
  votes.clear();
  decisions.clear();
  capital.clear();
  turnover.clear();
  membership.clear();
  delegated.clear();
  aid.clear();
}

bool decide(DecisionRule rule, const std::vector<bool>& yes, const std::vector<double>& weights,
            int lead, double supermajority) {
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
  }
  return false;
}

void Model::build_organisations() {
  const std::size_t T = trusts();
  const auto ids = config_.organisation_ids();
  orgs_ = ids.size();
  // ICBs sit in no forum (their hours are never asked for); partners' hours are their
  // partnership's. Only trusts vote, so only they have a competitiveness.
  org_hours_.assign(orgs_, 0.0);
  org_openness_.assign(orgs_, 0.0);
  org_competitiveness_.assign(orgs_, 0.0);
  for (std::size_t t = 0; t < T; ++t) {
    org_hours_[t] = config_.trusts[t].leadership_hours;
    org_openness_[t] = config_.trusts[t].openness;
    org_competitiveness_[t] = config_.trusts[t].competitiveness;
  }
  for (std::size_t i = 0; i < config_.ics.size(); ++i) org_openness_[config_.icb_index(i)] = config_.ics[i].icb_openness;
  std::size_t next = T + config_.ics.size();
  for (const auto& pp : config_.partnerships) {
    std::vector<int> members = pp.members;
    for (std::size_t k = 0; k < pp.partners.size(); ++k) {
      org_hours_[next] = pp.partner_hours;
      org_openness_[next] = pp.partner_openness;
      members.push_back(static_cast<int>(next++));
    }
    partnership_orgs_.push_back(std::move(members));
  }
  rel_ = Relationships(orgs_);
  for (const auto& p : resolve_priors(config_)) {
    rel_.set(static_cast<std::size_t>(p.from), static_cast<std::size_t>(p.to), p.positive, p.negative);
  }
  auto mark_all = [&](const std::vector<int>& members) {
    for (int a : members) {
      for (int b : members) {
        if (a != b) rel_.mark(static_cast<std::size_t>(a), static_cast<std::size_t>(b));
      }
    }
  };
  for (const auto& col : config_.collaboratives) mark_all(col.members);
  for (const auto& members : partnership_orgs_) mark_all(members);
  for (std::size_t t = 0; t < T && !config_.ics.empty(); ++t) {  // configs built in code may have no ICS
    const std::size_t icb = config_.icb_index(static_cast<std::size_t>(trust_ics_[t]));
    rel_.mark(t, icb);
    rel_.mark(icb, t);
  }
  hours_used_.assign(orgs_, 0.0);
  engagement_.assign(orgs_, 1.0);
}

double Model::evidence_factor(std::size_t about) const {
  return 1.0 + config_.relationships.openness_gain * org_openness_[about];
}

void Model::record_aid(std::size_t requester, std::size_t donor, bool granted, double weight) {
  const double w = weight * evidence_factor(donor);
  rel_.add(requester, donor, granted ? w : 0.0, granted ? 0.0 : w);
}

void Model::month_end(core::Step d) {
  rel_.forget(config_.relationships.forgetting);
  for (double& x : aid_balance_) x *= config_.mutual_aid.reciprocity_decay;
  allocate_leadership();
  relationship_evidence(d);
  turnover(d);
  membership(d);
  meetings(d);
  if ((month_index_ + 1) % 12 == 0) capital(d);
  delegated_budgets(d);
  for (Programme& pr : programmes_) {
    const auto& cfg = config_.collaboratives[pr.collaborative].programmes[pr.index];
    if (!pr.active || cfg.type != ProgrammeType::joint_procurement) continue;
    for (int m : members_[pr.collaborative]) {
      pr.savings += cfg.saving_per_month * pr.scale * engagement_[static_cast<std::size_t>(m)];
    }
  }
  apply_programmes();
  ++month_index_;
}

void Model::allocate_leadership() {
  // Each organisation's hours are asked for by its forums: a collaborative's governance form,
  // plus its active programmes, and each place partnership. When asked for more than it has,
  // it engages less in all of them (engagement = hours / hours asked): the complexity pitfall.
  const auto& gov = config_.governance;
  std::vector<double> asked(orgs_, 0.0);
  for (std::size_t c = 0; c < config_.collaboratives.size(); ++c) {
    const auto& col = config_.collaboratives[c];
    double programme_hours = 0.0;
    for (const Programme& pr : programmes_) {
      if (pr.collaborative == c && pr.active) programme_hours += gov.hours_per_programme * pr.scale;
    }
    for (int m : members_[c]) {
      double h = gov.hours_for(col.governance);
      if (col.governance == Governance::lead_provider && m == col.lead) h = gov.hours_lead;
      asked[static_cast<std::size_t>(m)] += h + programme_hours;
    }
  }
  for (const auto& members : partnership_orgs_) {
    for (int m : members) asked[static_cast<std::size_t>(m)] += gov.hours_partnership;
  }
  for (std::size_t i = 0; i < orgs_; ++i) {
    engagement_[i] = asked[i] > 0.0 ? std::min(1.0, org_hours_[i] / asked[i]) : 1.0;
    hours_used_[i] = std::min(org_hours_[i], asked[i]);
  }
}

double Model::member_spread(std::size_t c, int specialty) const {
  const std::size_t S = specialties();
  double lo = 1e300, hi = -1e300;
  for (int m : members_[c]) {
    const std::size_t l = static_cast<std::size_t>(m) * S + static_cast<std::size_t>(specialty);
    if (capacity_[l] <= 0.0 || !std::isfinite(published_median_[l])) continue;
    lo = std::min(lo, published_median_[l]);
    hi = std::max(hi, published_median_[l]);
  }
  return hi >= lo ? hi - lo : 0.0;
}

double Model::programme_success(const Programme& pr) const {
  // The benefit a programme realises this month, 0..1: for a shared list, how far the spread
  // of members' median waits has closed since it started; for the others, delivery (1).
  const auto& cfg = config_.collaboratives[pr.collaborative].programmes[pr.index];
  if (cfg.type != ProgrammeType::shared_waiting_list) return 1.0;
  if (pr.start_spread < 1.0) return 1.0;
  return clamp01(1.0 - member_spread(pr.collaborative, cfg.specialty) / pr.start_spread);
}

bool Model::gains_from(const Programme& pr, int m) const {
  const auto& cfg = config_.collaboratives[pr.collaborative].programmes[pr.index];
  if (cfg.type != ProgrammeType::shared_waiting_list) return true;
  const std::size_t l = static_cast<std::size_t>(m) * specialties() + static_cast<std::size_t>(cfg.specialty);
  const double before = pr.start_median.empty() ? std::nan("") : pr.start_median[static_cast<std::size_t>(m)];
  return !(published_median_[l] > before);  // NaN either way: no evidence of a loss
}

void Model::relationship_evidence(core::Step /*d*/) {
  const auto& rel = config_.relationships;
  // Leadership time invested: each forum's hours are split over the member's other members and
  // summed over the forums a pair shares; evidence saturates with the hours, so duplicate
  // forums add little while hours spent elsewhere are lost to this relationship.
  const auto& gov = config_.governance;
  std::vector<double> hours(orgs_ * orgs_, 0.0);
  auto share = [&](const std::vector<int>& members, auto&& asked) {
    if (members.size() < 2) return;
    const auto others = static_cast<double>(members.size() - 1);
    for (int a : members) {
      const auto i = static_cast<std::size_t>(a);
      const double h = asked(a) * engagement_[i] / others;
      for (int b : members) {
        if (a != b) hours[i * orgs_ + static_cast<std::size_t>(b)] += h;
      }
    }
  };
  for (std::size_t c = 0; c < members_.size(); ++c) {
    const auto& col = config_.collaboratives[c];
    double programme_hours = 0.0;
    for (const Programme& pr : programmes_) {
      if (pr.collaborative == c && pr.active) programme_hours += gov.hours_per_programme * pr.scale;
    }
    share(members_[c], [&](int m) {
      const double form = col.governance == Governance::lead_provider && m == col.lead
                              ? gov.hours_lead
                              : gov.hours_for(col.governance);
      return form + programme_hours;
    });
  }
  for (const auto& members : partnership_orgs_) share(members, [&](int) { return gov.hours_partnership; });
  for (std::size_t i = 0; i < orgs_; ++i) {
    for (std::size_t j = 0; j < orgs_; ++j) {
      const double h = hours[i * orgs_ + j];
      if (h > 0.0) {
        rel_.add(i, j, rel.time_weight * (1.0 - std::exp(-h / rel.time_scale_hours)) * evidence_factor(j), 0.0);
      }
    }
  }

  // Fairness of exchange in shared lists (Ring and Van de Ven): the member that treated more of
  // the other's patients than the other treated of its own carries a burden (net patients over
  // its own slots this month). Within a tolerance that grows with trust it is fair give and
  // take; beyond it, negative evidence about the partner. The helped partner gains evidence.
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
        const double carrier_slots = static_cast<double>(std::max<std::int64_t>(lists_[pool.lists[carrier]].month_slots, 1));
        const double other_slots = static_cast<double>(std::max<std::int64_t>(lists_[pool.lists[other]].month_slots, 1));
        const double burden = static_cast<double>(std::llabs(net)) / carrier_slots;
        const double tolerance = rel.fairness_tolerance + rel.tolerance_trust_gain * rel_.trust(ci, oi);
        if (burden <= tolerance) {
          rel_.add(ci, oi, rel.fair_weight * evidence_factor(oi), 0.0);
          rel_.add(oi, ci, rel.fair_weight * evidence_factor(ci), 0.0);
        } else {
          const double excess = (burden - tolerance) / std::max(rel.fairness_tolerance, 1e-9);
          rel_.add(ci, oi, 0.0, std::min(rel.unfair_cap, rel.unfair_weight * excess) * evidence_factor(oi));
        }
        const double help = static_cast<double>(std::llabs(net)) / other_slots / rel.help_unit;
        rel_.add(oi, ci, rel.help_weight * help * evidence_factor(ci), 0.0);
      }
    }
    std::fill(pool.month_moves.begin(), pool.month_moves.end(), 0);
  }
  for (auto& wl : lists_) wl.month_slots = 0;

  // Quick wins: realised benefit of active programmes, counted by the members who gain from it
  // (everyone for diagnostics, workforce and procurement; for a shared list, the members whose
  // waits have not risen since it started).
  for (const Programme& pr : programmes_) {
    if (!pr.active) continue;
    const double success = programme_success(pr);
    if (success <= 0.0) continue;
    const auto& members = members_[pr.collaborative];
    for (int a : members) {
      if (!gains_from(pr, a)) continue;
      for (int b : members) {
        if (a == b) continue;
        const auto i = static_cast<std::size_t>(a), j = static_cast<std::size_t>(b);
        rel_.add(i, j, rel.benefit_weight * pr.scale * success * engagement_[i] * evidence_factor(j), 0.0);
      }
    }
  }
}

void Model::turnover(core::Step d) {
  // Scheduled changes of leadership in this month, then random ones at the yearly hazard.
  const auto& rel = config_.relationships;
  const core::Step month_start = d - calendar_.date(d).day + 1;
  const auto ids = config_.organisation_ids();
  auto change = [&](std::size_t k) {
    rel_.discount(k, rel.turnover_retention);
    events_.turnover.push_back({d, static_cast<std::int32_t>(k)});
  };
  for (const auto& e : turnover_events_) {
    if (e.day >= month_start && e.day <= d) change(static_cast<std::size_t>(e.organisation));
  }
  if (rel.turnover_hazard_per_year > 0.0) {
    const double monthly = 1.0 - std::pow(1.0 - std::min(rel.turnover_hazard_per_year, 1.0), 1.0 / 12.0);
    for (std::size_t k = 0; k < orgs_; ++k) {
      core::Rng rng = streams_.rng(static_cast<core::Purpose>(Draw::turnover), core::fnv1a64(ids[k]), month_index_);
      if (boost::random::uniform_01<double>()(rng) < monthly) change(k);
    }
  }
}

void Model::membership(core::Step d) {
  bool changed = false;
  for (std::size_t c = 0; c < config_.collaboratives.size(); ++c) {
    const auto& col = config_.collaboratives[c];
    auto& members = members_[c];
    if (col.exit_trust > 0.0) {
      for (std::size_t k = 0; k < members.size();) {
        const auto m = static_cast<std::size_t>(members[k]);
        const double t = finite_or(rel_.trust_in(m, members), 1.0);
        low_trust_months_[c][m] = t < col.exit_trust ? low_trust_months_[c][m] + 1 : 0;
        if (low_trust_months_[c][m] >= col.exit_months && members.size() > 2) {
          events_.membership.push_back({d, static_cast<std::int32_t>(c), static_cast<std::int32_t>(m), false});
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
      const double t = finite_or(rel_.trust_in(static_cast<std::size_t>(k), members), 0.0);
      if (t >= col.entry_trust) {
        members.push_back(k);
        for (int m : members) {
          if (m == k) continue;
          rel_.mark(static_cast<std::size_t>(m), static_cast<std::size_t>(k));
          rel_.mark(static_cast<std::size_t>(k), static_cast<std::size_t>(m));
        }
        events_.membership.push_back({d, static_cast<std::int32_t>(c), k, true});
        changed = true;
      }
    }
  }
  if (changed) rebuild_units();
}

double Model::vote_utility(std::size_t p, Item item, int member) const {
  // U = beta_benefit B + beta_trust (T - 0.5) - beta_cost C - beta_time (1 - e) - beta_comp k
  const auto& gov = config_.governance;
  const Programme& pr = programmes_[p];
  const auto& cfg = config_.collaboratives[pr.collaborative].programmes[pr.index];
  const auto& members = members_[pr.collaborative];
  const auto m = static_cast<std::size_t>(member);
  const std::size_t S = specialties();
  const double trust = finite_or(rel_.trust_in(m, members), 0.5);
  const double engagement = engagement_[m];

  double benefit = gov.reference_benefit;
  switch (cfg.type) {
    case ProgrammeType::shared_waiting_list: {
      // Relative gain in waits: positive for a member with longer waits than the members' mean.
      const auto s = static_cast<std::size_t>(cfg.specialty);
      double sum = 0.0;
      int n = 0;
      for (int k : members) {
        const double w = published_median_[static_cast<std::size_t>(k) * S + s];
        if (std::isfinite(w)) {
          sum += w;
          ++n;
        }
      }
      const double mean = n ? sum / n : 0.0;
      const double own = finite_or(published_median_[m * S + s], mean);
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
    case ProgrammeType::mutual_aid_pact: benefit = gov.reference_benefit; break;
  }
  if (item == Item::stop) benefit += programme_success(pr);
  const double step = item == Item::start ? cfg.initial_scale : item == Item::scale_up ? cfg.scale_step : 0.0;
  const double free = std::max(org_hours_[m] - hours_used_[m], 1.0);
  const double cost = std::min(gov.cost_cap, gov.hours_per_programme * step / free);
  const double keep = gov.beta_benefit * benefit + gov.beta_trust * (trust - 0.5) - gov.beta_cost * cost -
                      gov.beta_time * (1.0 - engagement) - gov.beta_competitiveness * org_competitiveness_[m];
  return item == Item::stop ? -keep : keep;
}

void Model::meetings(core::Step d) {
  const auto& gov = config_.governance;
  const auto& rel = config_.relationships;
  const std::size_t S = specialties();
  for (std::size_t c = 0; c < config_.collaboratives.size(); ++c) {
    const auto& col = config_.collaboratives[c];
    const auto& members = members_[c];
    const double cohesion = finite_or(rel_.cohesion(members), 0.5);
    // Any board can table a stop when, since a programme started, its trust in a partner has
    // fallen below stop_cohesion (judged on the programme's record, not on history alone).
    auto soured = [&](const Programme& pr) {
      for (int a : members) {
        for (int b : members) {
          if (a == b) continue;
          const auto i = static_cast<std::size_t>(a), j = static_cast<std::size_t>(b);
          const double now = rel_.trust(i, j);
          const double then = pr.start_trust.empty() ? 0.5 : pr.start_trust[i * orgs_ + j];
          if (now < gov.stop_cohesion && now < then) return true;
        }
      }
      return false;
    };
    const bool broker = config_.ics[static_cast<std::size_t>(col.ics)].honest_broker;
    std::int32_t items = 0;
    for (std::size_t p = 0; p < programmes_.size(); ++p) {
      Programme& pr = programmes_[p];
      if (pr.collaborative != c) continue;
      const auto& cfg = col.programmes[pr.index];
      pr.stalled = pr.active && cohesion < gov.stall_cohesion;
      if (!cfg.governed) continue;
      const bool before_stop = !cfg.stop_day || d < *cfg.stop_day;
      Item item;
      // The start is voted on unless the programme has a start day (then only a restart after a
      // stop is voted on).
      const bool votable_start = cfg.first_day() < 0 ? d >= cfg.proposed_day : pr.reproposable_day > 0;
      if (!pr.active && votable_start && d >= pr.reproposable_day && before_stop) {
        item = Item::start;
      } else if (pr.active && d - pr.started_day >= kDaysPerMonth * gov.min_months_before_stop && soured(pr)) {
        item = Item::stop;
      } else if (pr.active && pr.scale < 1.0 && cohesion >= gov.scale_up_cohesion && cfg.scale_step > 0.0) {
        item = Item::scale_up;
      } else {
        continue;
      }
      ++items;
      // Votes: P(yes) = 1 / (1 + exp(-U / noise)), each from the member's own stream.
      const std::uint64_t entity = core::combine(core::fnv1a64(col.id), pr.index * 8 + static_cast<std::uint64_t>(item));
      std::vector<bool> yes;
      std::vector<double> weights;
      int lead = -1;
      for (std::size_t k = 0; k < members.size(); ++k) {
        const int m = members[k];
        const double u = vote_utility(p, item, m);
        core::Rng rng = streams_.rng(static_cast<core::Purpose>(Draw::governance_vote), entity, d, static_cast<std::uint64_t>(m));
        const bool v = boost::random::uniform_01<double>()(rng) < 1.0 / (1.0 + std::exp(-u / std::max(gov.vote_noise, 1e-9)));
        yes.push_back(v);
        double size = 0.0;
        for (std::size_t s = 0; s < S; ++s) size += capacity_[static_cast<std::size_t>(m) * S + s];
        weights.push_back(std::max(size, 1.0));
        if (m == col.lead) lead = static_cast<int>(k);
        events_.votes.push_back({d, static_cast<std::int32_t>(c), static_cast<std::int32_t>(pr.index),
                                 static_cast<std::int32_t>(item), m, v, u});
      }
      const bool passed = decide(col.decision_rule, yes, weights, lead, col.supermajority);
      const auto ayes = static_cast<std::int32_t>(std::count(yes.begin(), yes.end(), true));
      events_.decisions.push_back({d, static_cast<std::int32_t>(c), static_cast<std::int32_t>(pr.index),
                                   static_cast<std::int32_t>(item), ayes,
                                   static_cast<std::int32_t>(yes.size()) - ayes, passed});
      // Being overruled: negative evidence about each member on the winning side, softened
      // when the ICB is an honest broker.
      const double w = rel.overruled_weight * (broker ? 1.0 - rel.broker_softening : 1.0);
      for (std::size_t a = 0; a < members.size(); ++a) {
        if (yes[a] == passed) continue;
        for (std::size_t b = 0; b < members.size(); ++b) {
          if (yes[b] != passed) continue;
          const auto i = static_cast<std::size_t>(members[a]), j = static_cast<std::size_t>(members[b]);
          rel_.add(i, j, 0.0, w * evidence_factor(j));
        }
      }
      if (!passed) continue;
      if (item == Item::start) {
        set_programme(p, true, cfg.initial_scale, d);
      } else if (item == Item::scale_up) {
        set_programme(p, true, std::min(1.0, pr.scale + cfg.scale_step), d);
      } else {
        set_programme(p, false, 0.0, d);
        programmes_[p].reproposable_day = d + kDaysPerMonth * gov.restart_delay_months + 1;
      }
    }
    events_.meetings.push_back({d, static_cast<std::int32_t>(c), items, cohesion});
  }
}

void Model::capital(core::Step d) {
  // Yearly capital: each ICB ranks its trusts' bids (needs: longest median wait first;
  // competitive: size times chance) and funds the top capital_awards, which gain capacity in
  // their longest-waiting specialty. Losers lose trust in winners (and the ICB) unless brokered.
  const auto& rel = config_.relationships;
  const std::size_t S = specialties();
  const auto& median = sample_.values[static_cast<std::size_t>(Obs::trust_wait_median_weeks)];
  const int year = (month_index_ + 1) / 12;
  for (std::size_t i = 0; i < config_.ics.size(); ++i) {
    const auto& ics = config_.ics[i];
    if (ics.capital_awards <= 0) continue;
    struct Bid { int trust; double score; };
    std::vector<Bid> bids;
    for (int t : ics.trusts) {
      double size = 0.0;
      for (std::size_t s = 0; s < S; ++s) size += capacity_[static_cast<std::size_t>(t) * S + s];
      if (size <= 0.0) continue;
      double score;
      if (ics.capital_rule == CapitalRule::needs) {
        score = finite_or(median[static_cast<std::size_t>(t)], 0.0);
      } else {
        core::Rng rng = streams_.rng(static_cast<core::Purpose>(Draw::capital_bid),
                                     core::fnv1a64(config_.trusts[static_cast<std::size_t>(t)].id), year);
        score = size * std::exp(0.5 * boost::random::normal_distribution<double>(0.0, 1.0)(rng));
      }
      bids.push_back({t, score});
    }
    if (bids.size() < 2) continue;
    std::stable_sort(bids.begin(), bids.end(), [](const Bid& a, const Bid& b) { return a.score > b.score; });
    const std::size_t awards = std::min<std::size_t>(static_cast<std::size_t>(ics.capital_awards), bids.size());
    const std::size_t icb = config_.icb_index(i);
    const double soft = ics.honest_broker ? 1.0 - rel.broker_softening : 1.0;
    for (std::size_t k = 0; k < bids.size(); ++k) {
      const auto t = static_cast<std::size_t>(bids[k].trust);
      int specialty = -1;
      if (k < awards) {
        double worst = -1.0;
        for (std::size_t s = 0; s < S; ++s) {
          const std::size_t l = t * S + s;
          if (capacity_[l] > 0.0 && finite_or(published_median_[l], 0.0) > worst) {
            worst = finite_or(published_median_[l], 0.0);
            specialty = static_cast<int>(s);
          }
        }
        if (specialty >= 0) capacity_[t * S + static_cast<std::size_t>(specialty)] *= 1.0 + ics.capital_capacity_gain;
      } else {
        for (std::size_t w = 0; w < awards; ++w) {
          const auto winner = static_cast<std::size_t>(bids[w].trust);
          rel_.add(t, winner, 0.0, rel.capital_loss_weight * soft * evidence_factor(winner));
          rel_.mark(winner, t);
        }
        rel_.add(t, icb, 0.0, rel.icb_loss_share * rel.capital_loss_weight * soft * evidence_factor(icb));
      }
      if (ics.honest_broker) rel_.add(t, icb, rel.capital_process_weight * evidence_factor(icb), 0.0);
      events_.capital.push_back({d, static_cast<std::int32_t>(i), static_cast<std::int32_t>(t),
                                 static_cast<std::int32_t>(k + 1), specialty, k < awards, bids[k].score});
    }
  }
}

void Model::delegated_budgets(core::Step d) {
  // A delegated budget buys extra activity (at the tariff) for the coming month at the member
  // list with the longest median wait.
  const std::size_t S = specialties();
  std::fill(extra_per_day_.begin(), extra_per_day_.end(), 0.0);
  int working = 0;
  for (core::Step x = d + 1; x <= d + 31 && !(x > d + 1 && calendar_.is_first_of_month(x)); ++x) {
    working += calendar_.is_working_day(x) ? 1 : 0;
  }
  for (std::size_t c = 0; c < config_.collaboratives.size(); ++c) {
    const auto& col = config_.collaboratives[c];
    if (col.delegated_budget <= 0.0 || config_.pooling.tariff <= 0.0) continue;
    std::size_t target = lists_.size();
    double worst = -1.0;
    for (int m : members_[c]) {
      for (std::size_t s = 0; s < S; ++s) {
        const std::size_t l = static_cast<std::size_t>(m) * S + s;
        if (capacity_[l] <= 0.0 || !std::isfinite(published_median_[l])) continue;
        if (published_median_[l] > worst) {
          worst = published_median_[l];
          target = l;
        }
      }
    }
    if (target == lists_.size()) continue;
    const double treatments = col.delegated_budget / 12.0 / config_.pooling.tariff;
    extra_per_day_[target] += treatments / std::max(working, 1);
    events_.delegated.push_back({d, static_cast<std::int32_t>(c), static_cast<std::int32_t>(target / S),
                                 static_cast<std::int32_t>(target % S), extra_per_day_[target]});
  }
}

void Model::set_programme(std::size_t p, bool active, double scale, core::Step d) {
  Programme& pr = programmes_[p];
  const auto& cfg = config_.collaboratives[pr.collaborative].programmes[pr.index];
  const bool was = pr.active;
  const ProgrammeAction action = !active ? ProgrammeAction::stop : was ? ProgrammeAction::scale_up : ProgrammeAction::start;
  pr.active = active;
  pr.scale = active ? scale : 0.0;
  if (active && !was) {
    pr.started_day = d;
    pr.start_trust.assign(orgs_ * orgs_, 0.5);
    for (std::size_t i = 0; i < orgs_; ++i) {
      for (std::size_t j = 0; j < orgs_; ++j) pr.start_trust[i * orgs_ + j] = rel_.trust(i, j);
    }
  }
  if (active && !was && cfg.type == ProgrammeType::shared_waiting_list) {
    pr.start_spread = member_spread(pr.collaborative, cfg.specialty);
    pr.start_median.assign(trusts(), std::nan(""));
    for (int m : members_[pr.collaborative]) {
      pr.start_median[static_cast<std::size_t>(m)] =
          published_median_[static_cast<std::size_t>(m) * specialties() + static_cast<std::size_t>(cfg.specialty)];
    }
  }
  events_.programmes.push_back({d, static_cast<std::int32_t>(pr.collaborative),
                                static_cast<std::int32_t>(pr.index), cfg.specialty, action, pr.scale});
  if (was != active && cfg.type == ProgrammeType::shared_waiting_list) {
    rebuild_units();
  } else {
    apply_programmes();
  }
}

void Model::apply_programmes() {
  // Effects of programmes at their current scale: capacity gains, pledges to shared lists
  // (scaled by each member's trust in the others), and prevention at place.
  const std::size_t S = specialties();
  const auto& rel = config_.relationships;
  std::fill(capacity_gain_.begin(), capacity_gain_.end(), 0.0);
  for (const Programme& pr : programmes_) {
    if (!pr.active) continue;
    const auto& cfg = config_.collaboratives[pr.collaborative].programmes[pr.index];
    if (cfg.type != ProgrammeType::shared_diagnostics && cfg.type != ProgrammeType::workforce_pool) continue;
    for (int m : members_[pr.collaborative]) {
      for (std::size_t s = 0; s < S; ++s) {
        if (cfg.specialty >= 0 && static_cast<std::size_t>(cfg.specialty) != s) continue;
        capacity_gain_[static_cast<std::size_t>(m) * S + s] += cfg.capacity_gain * pr.scale;
      }
    }
  }
  for (Pool& pool : pools_) {
    const Programme& pr = programmes_[pool.programme];
    const double share = config_.collaboratives[pool.collaborative].programmes[programmes_[pool.programme].index].pledge_share;
    for (std::size_t i = 0; i < pool.trusts.size(); ++i) {
      const double trust = finite_or(rel_.trust_in(static_cast<std::size_t>(pool.trusts[i]), pool.trusts), 1.0);
      pool.pledge[i] = share * pr.scale * std::min(1.0, trust / rel.pledge_trust_full);
    }
  }
  std::fill(prevent_.begin(), prevent_.end(), 0.0);
  for (std::size_t k = 0; k < config_.partnerships.size(); ++k) {
    const auto& pp = config_.partnerships[k];
    // Effect scales with cohesion: none at no_effect_cohesion or below, full at full_effect_cohesion.
    const double cohesion = finite_or(rel_.cohesion(partnership_orgs_[k]), 1.0);
    for (const auto& prog : pp.programmes) {
      const double factor = clamp01((cohesion - prog.no_effect_cohesion) / (prog.full_effect_cohesion - prog.no_effect_cohesion));
      const double t = static_cast<double>(day_ - prog.start_day - prog.lag_days);
      if (t < 0.0) continue;
      const double ramp = prog.ramp_days > 0 ? std::min(1.0, t / prog.ramp_days) : 1.0;
      const double e = prog.effect * ramp * factor;
      for (std::size_t s = 0; s < S; ++s) {
        if (prog.specialty >= 0 && static_cast<std::size_t>(prog.specialty) != s) continue;
        for (std::size_t q = 0; q < kQuintiles; ++q) {
          if (std::find(prog.target_quintiles.begin(), prog.target_quintiles.end(), static_cast<int>(q) + 1) ==
              prog.target_quintiles.end())
            continue;
          double& v = prevent_[(static_cast<std::size_t>(pp.place) * S + s) * kQuintiles + q];
          v = 1.0 - (1.0 - v) * (1.0 - e);
        }
      }
    }
  }
}

}  // namespace icsim::model

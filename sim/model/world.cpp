#include "model/world.hpp"

#include <algorithm>
#include <boost/random/geometric_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/hash.hpp"
#include "model/config.hpp"

namespace icsim::model {
namespace {

std::uint64_t entity_of(const std::string& a, const std::string& b) {
  return core::combine(core::fnv1a64(a), core::fnv1a64(b));
}

}  // namespace

World::World(const Config& c, std::uint64_t replication)
    : config(c),
      calendar(c.run.start_date, c.run.working_days_per_week, c.run.non_working_dates),
      streams(c.run.seed, replication),
      places_(c.places.size()),
      specialties_(c.specialties.size()),
      trusts_(c.trusts.size()) {
  const std::size_t S = specialties_, P = places_, T = trusts_;
  for (const auto& s : c.specialties) {
    for (double f : c.equity.removal_factor) {  // §29: removals differ by quintile
      daily_hazard.push_back(1.0 - std::pow(1.0 - std::min(1.0, s.removal_hazard_per_week * f), 1.0 / 7.0));
    }
    priority_dist.emplace_back(s.priority_mix);
  }
  for (const auto& p : c.places) quintile_dist.emplace_back(p.deprivation);
  source_entity.resize(P * S);
  for (std::size_t p = 0; p < P; ++p) {
    for (std::size_t s = 0; s < S; ++s) source_entity[p * S + s] = entity_of(c.places[p].id, c.specialties[s].id);
  }
  list_entity.resize(T * S);
  for (std::size_t t = 0; t < T; ++t) {
    for (std::size_t s = 0; s < S; ++s) list_entity[t * S + s] = entity_of(c.trusts[t].id, c.specialties[s].id);
  }
  trust_ics.assign(T, 0);
  for (std::size_t i = 0; i < c.ics.size(); ++i) {
    for (int t : c.ics[i].trusts) trust_ics[static_cast<std::size_t>(t)] = static_cast<int>(i);
  }
  place_trust_km.resize(P * T);
  for (std::size_t p = 0; p < P; ++p) {
    for (std::size_t t = 0; t < T; ++t) place_trust_km[p * T + t] = distance_km(c.places[p].location, c.trust_location(t));
  }
  build_routes();
  build_organisations();
  members.resize(c.collaboratives.size());
  for (std::size_t k = 0; k < c.collaboratives.size(); ++k) members[k] = c.collaboratives[k].members;
  for (const auto& col : c.collaboratives) {
    form.push_back(col.governance);
    lead.push_back(col.lead);
  }
  for (std::size_t k = 0; k < c.collaboratives.size(); ++k) {
    for (std::size_t q = 0; q < c.collaboratives[k].programmes.size(); ++q) {
      Programme pr;
      pr.collaborative = k;
      pr.index = q;
      programmes.push_back(pr);
    }
  }
  lists.resize(T * S);
  arrivals.resize(P * S);
  prevented.assign(P * S, 0);
  capacity.resize(T * S);
  for (std::size_t l = 0; l < T * S; ++l) capacity[l] = c.trusts[l / S].capacity[l % S];
  capacity_gain.assign(T * S, 0.0);
  extra_per_day.assign(T * S, 0.0);
  elective_loss.assign(T, 0.0);
  prevent.assign(P * S * kQuintiles, 0.0);
  published_median.assign(T * S, std::nan(""));
  moves.assign(T * T, 0);
  census.lists.assign(T * S, ListCensus{});
  if (!c.collaboratives.empty()) census.list_hist.assign(T * S * kWaitBins, 0);
  census.trust_hist.assign(T * kWaitBins, 0);
}

void World::build_routes() {
  // Each place's referrals for a specialty go to the nearest trust offering it.
  const std::size_t S = specialties_, P = places_, T = trusts_;
  route.assign(P * S, -1);
  list_sources.assign(T * S, {});
  for (std::size_t p = 0; p < P; ++p) {
    for (std::size_t s = 0; s < S; ++s) {
      double best = 0.0;
      for (std::size_t t = 0; t < T; ++t) {
        if (config.trusts[t].capacity[s] <= 0.0) continue;
        const double dist = place_trust_km[p * T + t];
        if (route[p * S + s] < 0 || dist < best) {
          best = dist;
          route[p * S + s] = static_cast<int>(t);
        }
      }
      if (route[p * S + s] >= 0) {
        list_sources[static_cast<std::size_t>(route[p * S + s]) * S + s].push_back(static_cast<std::uint32_t>(p * S + s));
      }
    }
  }
}

void World::build_organisations() {
  // ICBs sit in no forum (their hours are never asked for); partners' hours are their
  // partnership's. Only trusts vote, so only they have a competitiveness.
  const std::size_t T = trusts_;
  orgs = config.organisation_ids().size();
  org_hours.assign(orgs, 0.0);
  org_openness.assign(orgs, 0.0);
  org_competitiveness.assign(orgs, 0.0);
  for (std::size_t t = 0; t < T; ++t) {
    org_hours[t] = config.trusts[t].leadership_hours;
    org_openness[t] = config.trusts[t].openness;
    org_competitiveness[t] = config.trusts[t].competitiveness;
  }
  for (std::size_t i = 0; i < config.ics.size(); ++i) org_openness[config.icb_index(i)] = config.ics[i].icb_openness;
  std::size_t next = T + config.ics.size();
  for (const auto& pp : config.partnerships) {
    std::vector<int> m = pp.members;
    for (std::size_t k = 0; k < pp.partners.size(); ++k) {
      org_hours[next] = pp.partner_hours;
      org_openness[next] = pp.partner_openness;
      m.push_back(static_cast<int>(next++));
    }
    partnership_orgs.push_back(std::move(m));
  }
  rel = Relationships(orgs);
  for (const auto& p : resolve_priors(config)) {
    rel.set(static_cast<std::size_t>(p.from), static_cast<std::size_t>(p.to), p.positive, p.negative);
  }
  auto mark_all = [&](const std::vector<int>& m) {
    for (int a : m) {
      for (int b : m) {
        if (a != b) rel.mark(static_cast<std::size_t>(a), static_cast<std::size_t>(b));
      }
    }
  };
  for (const auto& col : config.collaboratives) mark_all(col.members);
  for (const auto& m : partnership_orgs) mark_all(m);
  for (std::size_t t = 0; t < T; ++t) {
    const std::size_t icb = config.icb_index(static_cast<std::size_t>(trust_ics[t]));
    rel.mark(t, icb);
    rel.mark(icb, t);
  }
  hours_used.assign(orgs, 0.0);
  engagement.assign(orgs, 1.0);
  for (const auto& id : config.organisation_ids()) org_key.push_back(core::fnv1a64(id));
  strategy.assign(orgs, config.strategies.initial);
  memory.assign(orgs * orgs, PairMemory{});
  cooperated.assign(orgs, 0);
  defected.assign(orgs, 0);
}





void World::check_count(std::size_t l, std::int64_t records) const {
  if (records != lists[l].live || lists[l].cohort.total() != lists[l].live) {
    const std::size_t S = specialties_;
    throw std::logic_error("conservation violated in list " + config.trusts[l / S].id + "/" +
                           config.specialties[l % S].id + ": " + std::to_string(records) + " waiting records, " +
                           std::to_string(lists[l].cohort.total()) + " in the cohort, " +
                           std::to_string(lists[l].live) + " counted");
  }
}

std::uint64_t World::patient_key(const Patient& p, std::size_t specialty) const {
  const std::uint64_t source = source_entity[p.home_place * specialties_ + specialty];
  return core::combine(core::combine(source, static_cast<std::uint64_t>(p.referral_code)), p.ordinal);
}

Commissioning World::commissioning_of(std::size_t trust) const {
  return config.ics[static_cast<std::size_t>(trust_ics[trust])].commissioning;
}

double World::evidence_factor(std::size_t about) const {
  return 1.0 + config.relationships.openness_gain * org_openness[about];
}

std::optional<bool> World::perceive(std::size_t i, std::size_t j, bool act, std::uint64_t kind, core::Step when,
                                    std::uint64_t sub) const {
  const auto& r = config.relationships;
  if (r.observe_base >= 1.0 && r.judgement_noise <= 0.0) return act;
  core::Rng rng = streams.rng(kObservePurpose, core::combine(core::combine(org_key[i], org_key[j]), kind), when, sub);
  boost::random::uniform_01<double> u;
  const double seen = u(rng), misread = u(rng);
  if (seen >= r.observe_base + (1.0 - r.observe_base) * org_openness[j]) return std::nullopt;
  return misread < r.judgement_noise ? !act : act;
}

std::optional<bool> World::observe(std::size_t i, std::size_t j, bool act, double weight, std::uint64_t kind,
                                   core::Step when, std::uint64_t sub) {
  const auto read = perceive(i, j, act, kind, when, sub);
  if (read) {
    const double w = weight * evidence_factor(j);
    rel.add(i, j, *read ? w : 0.0, *read ? 0.0 : w);
  }
  return read;
}

double World::cooperation(std::size_t i, std::size_t j, double rule) const {
  return model::cooperation(strategy[i], memory[i * orgs + j], rule, config.strategies.generosity);
}

double World::cooperation(std::size_t i, const std::vector<int>& partners, double rule) const {
  if (strategy[i] == Strategy::threshold) return rule;
  double sum = 0.0;
  std::size_t n = 0;
  for (int b : partners) {
    if (static_cast<std::size_t>(b) == i) continue;
    sum += cooperation(i, static_cast<std::size_t>(b), rule);
    ++n;
  }
  return n ? sum / static_cast<double>(n) : rule;
}

void World::remember(std::size_t i, std::size_t j, bool did, std::optional<bool> seen) {
  memory[i * orgs + j].mine = did ? 1 : 0;
  if (seen) memory[j * orgs + i].theirs = *seen ? 1 : 0;
}

std::optional<bool> World::record_aid(std::size_t requester, std::size_t donor, bool granted, double weight,
                                      core::Step d) {
  return observe(requester, donor, granted, weight, kEvidenceAid, d);
}

double World::member_spread(std::size_t c, int specialty) const {
  const std::size_t S = specialties_;
  double lo = 1e300, hi = -1e300;
  for (int m : members[c]) {
    const std::size_t l = static_cast<std::size_t>(m) * S + static_cast<std::size_t>(specialty);
    if (capacity[l] <= 0.0 || !std::isfinite(published_median[l])) continue;
    lo = std::min(lo, published_median[l]);
    hi = std::max(hi, published_median[l]);
  }
  return hi >= lo ? hi - lo : 0.0;
}

std::int64_t World::waiting() const noexcept {
  std::int64_t n = 0;
  for (const auto& wl : lists) n += wl.live;
  return n;
}

std::size_t World::patient_bytes() const noexcept {
  std::size_t b = 0;
  for (const auto& wl : lists) {
    for (const auto& q : wl.queue) b += q.allocated_bytes();
    b += wl.cohort.allocated_bytes();
    for (const auto& bucket : wl.due) b += bucket.capacity() * sizeof(std::int32_t);
    b += sizeof(WaitingList);
  }
  return b;
}

bool World::merged_pair(int a, int b) const {
  for (std::size_t c = 0; c < members.size(); ++c) {
    if (form[c] != Governance::merged) continue;
    const auto& m = members[c];
    if (std::find(m.begin(), m.end(), a) != m.end() && std::find(m.begin(), m.end(), b) != m.end()) return true;
  }
  return false;
}

}  // namespace icsim::model

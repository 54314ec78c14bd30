#include "model/config.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>

namespace icsim::model {
namespace {
[[noreturn]] void fail(const std::string& what) { throw std::invalid_argument(what); }

template <std::size_t N>
void check_shares(const std::array<double, N>& a, const std::string& what) {
  double sum = 0.0;
  for (double x : a) {
    if (!(x >= 0.0)) fail(what + " has a negative or NaN share");
    sum += x;
  }
  if (std::abs(sum - 1.0) > 1e-6) fail(what + " shares sum to " + std::to_string(sum) + ", not 1");
}
}  // namespace

std::vector<std::string> Config::organisation_ids() const {
  std::vector<std::string> ids;
  for (const auto& t : trusts) ids.push_back(t.id);
  for (const auto& i : ics) ids.push_back(i.id + "_icb");
  for (const auto& pp : partnerships) {
    for (const auto& p : pp.partners) ids.push_back(pp.id + "." + p);
  }
  return ids;
}

std::vector<int> Config::collaborative_members_offering(std::size_t c, int s) const {
  std::vector<int> out;
  for (int m : collaboratives[c].members) {
    if (trusts[static_cast<std::size_t>(m)].capacity[static_cast<std::size_t>(s)] > 0.0) out.push_back(m);
  }
  return out;
}

void add_implicit_ics(Config& c) {
  if (!c.ics.empty()) return;
  IcsConfig ics;
  ics.id = "ics";
  ics.name = "Integrated care system";
  for (std::size_t p = 0; p < c.places.size(); ++p) ics.places.push_back(static_cast<int>(p));
  for (std::size_t t = 0; t < c.trusts.size(); ++t) ics.trusts.push_back(static_cast<int>(t));
  c.ics.push_back(std::move(ics));
}

void check(const Config& c) {
  if (c.days < 1 || c.days > 32000) fail("days must be in 1..32000");
  if (c.replications < 1) fail("replications must be at least 1");
  if (c.output_interval_days < 1) fail("output interval must be at least 1 day");
  if (c.working_days_per_week < 1 || c.working_days_per_week > 7)
    fail("working_days_per_week must be in 1..7");
  if (c.places.empty()) fail("a scenario needs at least one place");
  if (c.specialties.empty()) fail("a scenario needs at least one specialty");
  if (c.places.size() > 65535) fail("at most 65535 places");
  const std::size_t S = c.specialties.size();
  std::set<std::string> ids;
  for (const auto& p : c.places) {
    if (!ids.insert("place:" + p.id).second) fail("duplicate place id " + p.id);
    if (p.population < 0) fail("place " + p.id + " has a negative population");
    check_shares(p.deprivation, "place " + p.id + " deprivation");
  }
  for (const auto& s : c.specialties) {
    if (!ids.insert("specialty:" + s.id).second) fail("duplicate specialty id " + s.id);
    if (!(s.referral_rate >= 0.0)) fail("specialty " + s.id + " has a negative referral rate");
    check_shares(s.priority_mix, "specialty " + s.id + " priority_mix");
    if (!(s.removal_hazard_per_week >= 0.0 && s.removal_hazard_per_week <= 1.0))
      fail("specialty " + s.id + " removal hazard must be in [0, 1]");
    if (!(s.seasonal_amplitude >= 0.0 && s.seasonal_amplitude < 1.0))
      fail("specialty " + s.id + " seasonal amplitude must be in [0, 1)");
    if (!(s.annual_growth > -1.0)) fail("specialty " + s.id + " annual growth must be > -1");
  }
  for (const auto& t : c.trusts) {
    if (!ids.insert("trust:" + t.id).second) fail("duplicate trust id " + t.id);
    if (t.place < 0 || static_cast<std::size_t>(t.place) >= c.places.size())
      fail("trust " + t.id + " has no valid place");
    if (t.capacity.size() != S || t.initial.size() != S)
      fail("trust " + t.id + " capacity/initial lists are not sized by specialty");
    for (std::size_t s = 0; s < S; ++s) {
      if (!(t.capacity[s] >= 0.0)) fail("trust " + t.id + " has negative capacity");
      const auto& init = t.initial[s];
      if (init.size < 0) fail("trust " + t.id + " has a negative initial list");
      if (init.size > 0 && !(init.mean_wait_weeks > 0.0))
        fail("trust " + t.id + " initial list for " + c.specialties[s].id +
             " needs a positive mean wait");
      if (init.size > 0 && t.capacity[s] <= 0.0)
        fail("trust " + t.id + " has an initial list for " + c.specialties[s].id +
             " but no capacity for it");
    }
  }
  // ICSs: every place and trust in exactly one.
  if (!c.ics.empty()) {
    std::vector<int> place_ics(c.places.size(), -1), trust_ics(c.trusts.size(), -1);
    for (std::size_t i = 0; i < c.ics.size(); ++i) {
      if (!ids.insert("ics:" + c.ics[i].id).second) fail("duplicate ICS id " + c.ics[i].id);
      for (int p : c.ics[i].places) {
        if (p < 0 || static_cast<std::size_t>(p) >= c.places.size()) fail("ICS " + c.ics[i].id + " has an invalid place");
        if (place_ics[static_cast<std::size_t>(p)] >= 0) fail("place " + c.places[static_cast<std::size_t>(p)].id + " is in two ICSs");
        place_ics[static_cast<std::size_t>(p)] = static_cast<int>(i);
      }
      for (int t : c.ics[i].trusts) {
        if (t < 0 || static_cast<std::size_t>(t) >= c.trusts.size()) fail("ICS " + c.ics[i].id + " has an invalid trust");
        if (trust_ics[static_cast<std::size_t>(t)] >= 0) fail("trust " + c.trusts[static_cast<std::size_t>(t)].id + " is in two ICSs");
        trust_ics[static_cast<std::size_t>(t)] = static_cast<int>(i);
      }
    }
    for (std::size_t p = 0; p < c.places.size(); ++p) {
      if (place_ics[p] < 0) fail("place " + c.places[p].id + " is in no ICS");
    }
    for (std::size_t t = 0; t < c.trusts.size(); ++t) {
      if (trust_ics[t] < 0) fail("trust " + c.trusts[t].id + " is in no ICS");
    }
  }
  // Collaboratives: members are trusts; a list is in at most one pool at a time.
  std::vector<std::vector<std::pair<int, int>>> pooled(c.trusts.size() * S);  // [start, stop)
  for (const auto& col : c.collaboratives) {
    if (!ids.insert("collaborative:" + col.id).second) fail("duplicate collaborative id " + col.id);
    if (col.ics < 0 || static_cast<std::size_t>(col.ics) >= std::max<std::size_t>(c.ics.size(), 1))
      fail("collaborative " + col.id + " has no valid ICS");
    if (col.members.empty()) fail("collaborative " + col.id + " has no members");
    std::set<int> seen;
    for (int m : col.members) {
      if (m < 0 || static_cast<std::size_t>(m) >= c.trusts.size()) fail("collaborative " + col.id + " has an invalid member");
      if (!seen.insert(m).second) fail("collaborative " + col.id + " lists a member twice");
    }
    if (col.lead >= 0 && !seen.count(col.lead)) fail("collaborative " + col.id + ": the lead is not a member");
    if ((col.governance == Governance::lead_provider || col.decision_rule == DecisionRule::lead_decides) &&
        col.lead < 0)
      fail("collaborative " + col.id + " needs a lead");
    if (!(col.supermajority > 0.5 && col.supermajority <= 1.0))
      fail("collaborative " + col.id + ": supermajority must be in (0.5, 1]");
    for (int m : col.candidates) {
      if (m < 0 || static_cast<std::size_t>(m) >= c.trusts.size()) fail("collaborative " + col.id + " has an invalid candidate");
    }
    for (const auto& pr : col.programmes) {
      if (pr.specialty < -1 || pr.specialty >= static_cast<int>(S) ||
          (pr.specialty < 0 && pr.type == ProgrammeType::shared_waiting_list))
        fail("collaborative " + col.id + ": invalid programme specialty");
      if (pr.type != ProgrammeType::shared_waiting_list) continue;
      if (!(pr.pledge_share >= 0.0 && pr.pledge_share <= 1.0)) fail("collaborative " + col.id + ": pledge share must be in [0, 1]");
      if (pr.stop_day >= 0 && pr.stop_day <= pr.start_day) fail("collaborative " + col.id + ": a programme stops before it starts");
      if (pr.start_day < 0 && !pr.governed) fail("collaborative " + col.id + ": a scheduled programme needs a start day");
      bool offered = false;
      for (int m : col.members) {
        const auto l = static_cast<std::size_t>(m) * S + static_cast<std::size_t>(pr.specialty);
        if (c.trusts[static_cast<std::size_t>(m)].capacity[static_cast<std::size_t>(pr.specialty)] <= 0.0) continue;
        offered = true;
        // A governed programme may start at any meeting from its proposal on.
        const int start = pr.governed ? std::min(pr.proposed_day, std::max(pr.start_day, 0)) : pr.start_day;
        const int stop = pr.stop_day < 0 ? std::numeric_limits<int>::max() : pr.stop_day;
        for (const auto& [a, b] : pooled[l]) {
          if (start < b && a < stop)
            fail("trust " + c.trusts[static_cast<std::size_t>(m)].id + " is in two shared waiting lists for " +
                 c.specialties[static_cast<std::size_t>(pr.specialty)].id + " at the same time");
        }
        pooled[l].emplace_back(start, stop);
      }
      if (!offered)
        fail("collaborative " + col.id + ": no member offers " + c.specialties[static_cast<std::size_t>(pr.specialty)].id);
    }
  }
  for (const auto& pp : c.partnerships) {
    if (!ids.insert("partnership:" + pp.id).second) fail("duplicate place partnership id " + pp.id);
    if (pp.place < 0 || static_cast<std::size_t>(pp.place) >= c.places.size()) fail("partnership " + pp.id + " has no valid place");
    for (int m : pp.members) {
      if (m < 0 || static_cast<std::size_t>(m) >= c.trusts.size()) fail("partnership " + pp.id + " has an invalid member");
    }
  }
  const std::size_t orgs = c.organisation_ids().size();
  for (const auto& t : c.trusts) {
    if (!(t.leadership_hours >= 0.0)) fail("trust " + t.id + ": leadership hours must be >= 0");
    if (!(t.competitiveness >= 0.0 && t.competitiveness <= 1.0) || !(t.openness >= 0.0 && t.openness <= 1.0))
      fail("trust " + t.id + ": competitiveness and openness must be in [0, 1]");
  }
  for (const auto& i : c.ics) {
    if (i.capital_awards < 0 || !(i.capital_capacity_gain >= 0.0))
      fail("ICS " + i.id + ": invalid capital allocation parameters");
  }
  for (const auto& pp : c.partnerships) {
    for (const auto& pr : pp.programmes) {
      if (pr.specialty < -1 || pr.specialty >= static_cast<int>(S) || pr.lag_days < 0 || pr.ramp_days < 0 ||
          !(pr.effect >= 0.0 && pr.effect <= 1.0))
        fail("partnership " + pp.id + ": invalid prevention programme");
    }
  }
  const auto& rel = c.relationships;
  if (!(rel.forgetting > 0.0 && rel.forgetting <= 1.0)) fail("forgetting must be in (0, 1]");
  if (!(rel.time_scale_hours > 0.0)) fail("time_scale_hours must be > 0");
  if (!(rel.broker_softening >= 0.0 && rel.broker_softening <= 1.0) ||
      !(rel.turnover_retention >= 0.0 && rel.turnover_retention <= 1.0) || !(rel.pledge_trust_full > 0.0))
    fail("invalid relationships parameters");
  for (const auto& p : rel.priors) {
    if (p.from < 0 || p.to < 0 || static_cast<std::size_t>(p.from) >= orgs ||
        static_cast<std::size_t>(p.to) >= orgs || !(p.positive >= 0.0) || !(p.negative >= 0.0))
      fail("invalid relationship prior");
  }
  for (const auto& e : rel.turnover) {
    if (e.organisation < 0 || static_cast<std::size_t>(e.organisation) >= orgs || e.day < 0)
      fail("invalid turnover event");
  }
  const auto& pl = c.pooling;
  if (!(pl.acceptance_distance_km > 0.0)) fail("pooling acceptance distance must be > 0");
  if (pl.reoffer_weeks < 0) fail("pooling re-offer weeks must be >= 0");
  if (!(pl.transfer_admin_cost >= 0.0) || !(pl.tariff >= 0.0)) fail("pooling costs must be >= 0");
  if (!(pl.transactional_release >= 0.0 && pl.transactional_release <= 1.0)) fail("transactional release must be in [0, 1]");
  const auto& pd = c.pidmas;
  if (!(pd.wait_weeks > 0.0) || !(pd.uptake >= 0.0 && pd.uptake <= 1.0) || !(pd.min_gain_weeks >= 0.0) ||
      !(pd.max_distance_km >= 0.0))
    fail("invalid PIDMAS parameters");

  for (std::size_t s = 0; s < S; ++s) {
    if (c.specialties[s].referral_rate <= 0.0) continue;
    bool offered = false;
    for (const auto& t : c.trusts) offered = offered || t.capacity[s] > 0.0;
    if (!offered)
      fail("specialty " + c.specialties[s].id + " has referrals but no trust has capacity for it");
  }
}

}  // namespace icsim::model

#include "model/mutual_aid/mutual_aid.hpp"

#include <algorithm>
#include <boost/random/uniform_01.hpp>
#include <cmath>

#include "core/hash.hpp"
#include "model/config.hpp"
#include "model/shocks/shocks.hpp"

namespace icsim::model {

double pact_scale(const World& w, int a, int b) {
  double best = 0.0;
  for (const Programme& pr : w.programmes) {
    if (!pr.active) continue;
    const auto& cfg = w.config.collaboratives[pr.collaborative].programmes[pr.index];
    if (cfg.type != ProgrammeType::mutual_aid_pact) continue;
    const auto& m = w.members[pr.collaborative];
    const bool has_a = std::find(m.begin(), m.end(), a) != m.end();
    const bool has_b = b < 0 || (std::find(m.begin(), m.end(), b) != m.end() &&
                                 w.config.within_reach(pr.collaborative, a, b));
    if (has_a && has_b) best = std::max(best, pr.scale);
  }
  return best;
}

double MutualAid::give_probability(const World& w, std::size_t di, std::size_t ri, double owed, double x) {
  // Members of a merged collaborative act as one organisation (§33); otherwise the donor's
  // strategy on the trust rule, less under financial pressure (§31).
  if (w.merged_pair(static_cast<int>(di), static_cast<int>(ri))) return 1.0;
  const auto& a = w.config.mutual_aid;
  const double willing = w.rel.trust(di, ri) + a.reciprocity_weight * std::tanh(owed / a.reciprocity_scale);
  const double rule = willing >= a.give_trust - a.pact_trust_shift * x ? 1.0 : 0.0;
  return w.cooperation(di, ri, rule) * (1.0 - w.config.finance.deficit_constraint * w.financial_pressure[di]);
}

void MutualAid::build(World& w) { cost_.assign(w.trusts(), 0.0); }

void MutualAid::decay(const World& w) {
  for (double& x : balance_) x *= w.config.mutual_aid.reciprocity_decay;
}

std::vector<std::size_t> MutualAid::partners_of(const World& w, const Beds& beds, std::size_t r) {
  // Partners in order: collaboratives' members within each one's reach (a vertical one: the same
  // place), then (ics_wide) the ICS's trusts; units of the same kind only.
  const auto& units = beds.units();
  const BedUnit& req = units[r];
  std::vector<std::size_t> partners;
  auto consider = [&](int t) {
    const int k = beds.unit_of(static_cast<std::size_t>(t));
    if (k < 0 || static_cast<std::size_t>(k) == r) return;
    if (units[static_cast<std::size_t>(k)].mental_health != req.mental_health) return;
    if (std::find(partners.begin(), partners.end(), static_cast<std::size_t>(k)) == partners.end()) {
      partners.push_back(static_cast<std::size_t>(k));
    }
  };
  for (std::size_t c = 0; c < w.members.size(); ++c) {
    const auto& m = w.members[c];
    if (std::find(m.begin(), m.end(), req.trust) == m.end()) continue;
    for (int t : m) {
      if (w.config.within_reach(c, req.trust, t)) consider(t);
    }
  }
  if (w.config.mutual_aid.ics_wide && !w.config.ics.empty()) {
    for (int t : w.config.ics[static_cast<std::size_t>(w.trust_ics[static_cast<std::size_t>(req.trust)])].trusts) consider(t);
  }
  return partners;
}

void MutualAid::match(World& w, Beds& beds, const Shocks& shocks, core::Step d) {
  std::fill(cost_.begin(), cost_.end(), 0.0);
  auto& units = beds.units();
  const auto& a = w.config.mutual_aid;
  if (!a.enabled || units.size() <= 1) return;
  // Units under pressure, in unit order, ask their collaboratives' members and then (ics_wide)
  // the other units of their ICS, of the same kind, in a fixed order. A partner with slack
  // gives when its trust in the requester, adjusted for the balance of past aid, is enough.
  const std::size_t U = units.size();
  if (balance_.size() != U * U) balance_.assign(U * U, 0.0);
  const bool working = w.calendar.is_working_day(d);
  for (std::size_t r = 0; r < U; ++r) {
    BedUnit& req = units[r];
    const auto occupied = static_cast<double>(req.departures.size());
    const double ask = a.ask_occupancy - a.pact_occupancy_shift * pact_scale(w, req.trust, -1);
    if (occupied < ask * std::max(req.staffed, 1.0)) continue;
    // Enough beds to bring it back below its asking level.
    auto need = static_cast<std::int32_t>(std::floor(occupied - ask * req.staffed)) + 1;
    const std::int32_t asked = need;
    ++req.flows.requests;
    // Beds closed for want of staff (absence) are reopened by staff lent; otherwise partners take
    // patients into beds they lend.
    const auto rt = static_cast<std::size_t>(req.trust);
    const double reopenable = req.beds * (1.0 - shocks.incident_loss(rt)) - req.staffed;
    const bool staff = reopenable >= 1.0;
    const auto partners = partners_of(w, beds, r);
    bool any = false;
    for (std::size_t p : partners) {
      if (need <= 0) break;
      BedUnit& don = units[p];
      const double x = pact_scale(w, don.trust, req.trust);
      const double give = a.give_occupancy + a.pact_occupancy_shift * x;
      const auto don_occupied = static_cast<double>(don.departures.size());
      const auto slack = static_cast<std::int32_t>(std::floor(give * don.staffed - don_occupied - don.lent));
      if (slack < 1) continue;  // no slack: not a refusal
      const auto di = static_cast<std::size_t>(don.trust), ri = static_cast<std::size_t>(req.trust);
      const double owed = balance_[r * U + p] - balance_[p * U + r];  // what the donor owes
      const double p_give = give_probability(w, di, ri, owed, x);
      bool yes = p_give >= 1.0;
      if (p_give > 0.0 && p_give < 1.0) {
        core::Rng rng = w.streams.rng(static_cast<core::Purpose>(Draw::cooperate),
                                      core::combine(w.org_key[di], w.org_key[ri]), d);
        yes = boost::random::uniform_01<double>()(rng) < p_give;
      }
      std::int32_t g = yes ? std::min(need, slack) : 0;
      if (staff) g = std::min(g, static_cast<std::int32_t>(std::floor(req.beds * (1.0 - shocks.incident_loss(rt)) - req.staffed)));
      if (yes && g < 1) continue;  // nothing left to reopen
      events_.of<AidEvent>().push_back({d, req.trust, don.trust, staff ? 1 : 0, asked, g, static_cast<std::int8_t>(yes ? 0 : 1)});
      if (!yes) {
        ++req.flows.refusals;
        // A refusal with slack is seen in proportion to the partner's openness.
        w.remember(di, ri, false, w.record_aid(ri, di, false, a.refused_weight * w.config.trusts[di].openness, d));
        w.decided(di, false);
        continue;
      }
      any = true;
      need -= g;
      if (staff) {
        don.staffed -= g;
        req.staffed += g;
        don.flows.given_staff += g;
        req.flows.received_staff += g;
      } else {
        don.lent += g;
        req.borrowed.emplace_back(static_cast<int>(p), g);
        don.flows.given_beds += g;
        req.flows.received_beds += g;
      }
      balance_[p * U + r] += g;
      if (working) cost_[di] += a.elective_cost * g;
      w.remember(di, ri, true, w.record_aid(ri, di, true, a.granted_weight, d));
      w.decided(di, true);
    }
    if (!any) events_.of<AidEvent>().push_back({d, req.trust, -1, staff ? 1 : 0, asked, 0, 2});
  }
}

}  // namespace icsim::model

// Urgent demand, beds, shocks and mutual aid (docs/model.md §21-§23).
//
// Each trust with beds is a bed unit. Every day: shocks set demand multipliers and capacity
// losses; each unit releases the beds whose stays ended and takes its census (occupancy of
// staffed beds, OPEL level); units under pressure ask partners for aid (sequential, in a fixed
// order: it is small); then each unit admits its day's urgent arrivals in continuous time
// (parallel: a unit touches only its own state and its own streams); patients placed in beds
// lent by partners are handed over afterwards, in unit order. The elective capacity lost to
// pressure, shocks and aid given is applied by working_day_slots().
#include <algorithm>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <functional>
#include <numbers>

#include "core/hash.hpp"
#include "core/parallel.hpp"
#include "model/model.hpp"

namespace icsim::model {
namespace {

bool takes_emergencies(TrustType t) { return t == TrustType::acute || t == TrustType::acute_community; }
bool takes_mental_health(TrustType t) { return t == TrustType::mental_health || t == TrustType::mh_community; }

/// sin^2 wave over [start, end]: 0 at the edges, 1 in the middle.
double wave(int start, int end, core::Step d) {
  const double len = static_cast<double>(end - start + 1);
  const double x = (static_cast<double>(d - start) + 0.5) / len;
  const double s = std::sin(std::numbers::pi * x);
  return s * s;
}

int opel_of(double occupancy, const std::array<double, 3>& thresholds) {
  int level = 1;
  for (double t : thresholds) level += occupancy >= t ? 1 : 0;
  return level;
}

}  // namespace

double Model::draw_los(const LosConfig& los, core::Rng& rng) const {
  switch (los.distribution) {
    case LosDistribution::exponential:
      return boost::random::exponential_distribution<double>(1.0 / los.mean_days)(rng);
    case LosDistribution::lognormal: {
      const double s2 = std::log(1.0 + los.cv * los.cv);
      return boost::random::lognormal_distribution<double>(std::log(los.mean_days) - s2 / 2.0, std::sqrt(s2))(rng);
    }
    case LosDistribution::gamma: {
      const double shape = 1.0 / (los.cv * los.cv);
      return boost::random::gamma_distribution<double>(shape, los.mean_days / shape)(rng);
    }
    case LosDistribution::fixed: return los.mean_days;
  }
  return los.mean_days;
}

void Model::build_urgent() {
  const std::size_t T = trusts(), S = specialties();
  const auto& u = config_.urgent;
  trust_unit_.assign(T, -1);
  for (std::size_t t = 0; t < T; ++t) {
    const auto& tc = config_.trusts[t];
    if (tc.beds <= 0 || !(takes_emergencies(tc.type) || takes_mental_health(tc.type))) continue;
    BedUnit b;
    b.trust = static_cast<int>(t);
    b.mental_health = takes_mental_health(tc.type);
    b.beds = tc.beds;
    b.staffed = tc.beds;
    b.entity = core::combine(core::fnv1a64(tc.id), 0x75726765ull);
    trust_unit_[t] = static_cast<int>(units_urgent_.size());
    units_urgent_.push_back(std::move(b));
  }
  // Each place's urgent demand goes to the nearest unit of the right kind (its own ICS first).
  for (std::size_t p = 0; p < config_.places.size(); ++p) {
    const double pop = static_cast<double>(config_.places[p].population);
    for (int mh = 0; mh < 2; ++mh) {
      int best = -1;
      bool best_same = false;
      double best_km = 0.0;
      for (std::size_t k = 0; k < units_urgent_.size(); ++k) {
        const auto& b = units_urgent_[k];
        if (b.mental_health != (mh == 1)) continue;
        const auto t = static_cast<std::size_t>(b.trust);
        bool same = false;
        for (const auto& ics : config_.ics) {
          const bool has_place = std::find(ics.places.begin(), ics.places.end(), static_cast<int>(p)) != ics.places.end();
          const bool has_trust = std::find(ics.trusts.begin(), ics.trusts.end(), b.trust) != ics.trusts.end();
          same = same || (has_place && has_trust);
        }
        const double km = place_trust_km_[p * T + t];
        if (best < 0 || (same && !best_same) || (same == best_same && km < best_km)) {
          best = static_cast<int>(k);
          best_same = same;
          best_km = km;
        }
      }
      if (best < 0) continue;
      const double rate = mh ? u.mh_admission_rate : u.emergency_rate;
      units_urgent_[static_cast<std::size_t>(best)].admissions_per_day += pop * rate / 1000.0 / 365.25;
    }
  }
  // Day 0: a share of the beds occupied, each patient with a residual stay (the stay times a
  // uniform: the elapsed part is uniform over a stay).
  for (auto& b : units_urgent_) {
    const auto& tc = config_.trusts[static_cast<std::size_t>(b.trust)];
    const auto n = static_cast<std::int64_t>(std::llround(tc.initial_occupancy * b.beds));
    const LosConfig& los = b.mental_health ? u.mh_los : u.acute_los;
    for (std::int64_t k = 0; k < n; ++k) {
      core::Rng rng = streams_.rng(static_cast<core::Purpose>(Draw::initial_bed), b.entity, 0, static_cast<std::uint64_t>(k));
      const double residual = draw_los(los, rng) * boost::random::uniform_01<double>()(rng);
      b.departures.push_back(residual);
    }
    std::make_heap(b.departures.begin(), b.departures.end(), std::greater<>());
  }
  // Shocks: one intensity per shock and replication, from the shock's own stream (so a
  // scenario with and without a policy sees the same shocks).
  for (const auto& s : config_.shocks) {
    double f = 1.0;
    if (s.intensity_cv > 0.0) {
      const double s2 = std::log(1.0 + s.intensity_cv * s.intensity_cv);
      core::Rng rng = streams_.rng(static_cast<core::Purpose>(Draw::shock_intensity), core::fnv1a64(s.id), 0);
      f = boost::random::lognormal_distribution<double>(-s2 / 2.0, std::sqrt(s2))(rng);
    }
    shock_intensity_.push_back(f);
  }
  urgent_multiplier_.assign(T, 1.0);
  absence_.assign(T, 0.0);
  incident_loss_.assign(T, 0.0);
  strike_loss_.assign(T, 0.0);
  aid_cost_.assign(T, 0.0);
  elective_loss_.assign(T, 0.0);
  elective_per_day_.assign(T, 0.0);
  for (std::size_t t = 0; t < T; ++t) {
    for (std::size_t s = 0; s < S; ++s) elective_per_day_[t] += config_.trusts[t].capacity[s];
  }
  aid_balance_.assign(units_urgent_.size() * units_urgent_.size(), 0.0);
}

void Model::shock_effects(core::Step d) {
  const auto& u = config_.urgent;
  const std::size_t T = trusts();
  const int doy = calendar_.day_of_year(d);
  const double season = 1.0 + u.winter_amplitude * std::cos(2.0 * std::numbers::pi * (doy - u.winter_peak_day) / 365.25);
  std::fill(urgent_multiplier_.begin(), urgent_multiplier_.end(), season);
  std::fill(absence_.begin(), absence_.end(), 0.0);
  std::fill(incident_loss_.begin(), incident_loss_.end(), 0.0);
  std::fill(strike_loss_.begin(), strike_loss_.end(), 0.0);
  for (std::size_t k = 0; k < config_.shocks.size(); ++k) {
    const auto& s = config_.shocks[k];
    if (d < s.start_day || d > s.end_day) continue;
    const double f = shock_intensity_[k];
    const double w = wave(s.start_day, s.end_day, d);
    auto apply = [&](std::size_t t) {
      switch (s.type) {
        case ShockType::pandemic:
          urgent_multiplier_[t] *= 1.0 + (s.urgent_multiplier - 1.0) * f * w;
          absence_[t] = 1.0 - (1.0 - absence_[t]) * (1.0 - std::min(config_.urgent.absence_cap, s.absence * f * w));
          break;
        case ShockType::winter: urgent_multiplier_[t] *= 1.0 + (s.urgent_multiplier - 1.0) * f * w; break;
        case ShockType::incident: incident_loss_[t] = std::min(1.0, s.capacity_loss * f); break;
        case ShockType::industrial_action: strike_loss_[t] = std::min(1.0, s.elective_loss * f); break;
      }
    };
    if (s.trusts.empty()) {
      for (std::size_t t = 0; t < T; ++t) apply(t);
    } else {
      for (int t : s.trusts) apply(static_cast<std::size_t>(t));
    }
  }
}

double Model::pact_scale(int a, int b) const {
  double best = 0.0;
  for (const Programme& pr : programmes_) {
    if (!pr.active) continue;
    const auto& cfg = config_.collaboratives[pr.collaborative].programmes[pr.index];
    if (cfg.type != ProgrammeType::mutual_aid_pact) continue;
    const auto& m = members_[pr.collaborative];
    const bool has_a = std::find(m.begin(), m.end(), a) != m.end();
    const bool has_b = b < 0 || std::find(m.begin(), m.end(), b) != m.end();
    if (has_a && has_b) best = std::max(best, pr.scale);
  }
  return best;
}

void Model::phase_urgent(core::Step d) {
  shock_effects(d);
  std::fill(aid_cost_.begin(), aid_cost_.end(), 0.0);
  const auto& u = config_.urgent;
  // Census: release the stays that ended, staffed beds after absence and incidents.
  core::for_each_index(units_urgent_.size(), [&](std::size_t k) {
    BedUnit& b = units_urgent_[k];
    const auto t = static_cast<std::size_t>(b.trust);
    while (!b.departures.empty() && b.departures.front() <= static_cast<double>(d)) {
      std::pop_heap(b.departures.begin(), b.departures.end(), std::greater<>());
      b.departures.pop_back();
      ++b.discharges;
    }
    b.staffed = b.beds * (1.0 - absence_[t]) * (1.0 - incident_loss_[t]);
    b.occupancy = static_cast<double>(b.departures.size()) / std::max(b.staffed, 1.0);
    b.lent = 0;
    b.borrowed.clear();
    b.placed.clear();
  });
  if (config_.mutual_aid.enabled && units_urgent_.size() > 1) match_aid(d);
  for (auto& b : units_urgent_) {
    b.occupancy = static_cast<double>(b.departures.size()) / std::max(b.staffed, 1.0);
    b.opel = opel_of(b.occupancy, u.opel_thresholds);
    b.opel4_days += b.opel == 4 ? 1 : 0;
  }
  // Admissions, each unit on its own.
  core::for_each_index(units_urgent_.size(), [&](std::size_t k) { admit_urgent(units_urgent_[k], d); });
  // Patients placed in partners' lent beds join the partners' beds, in unit order.
  for (auto& b : units_urgent_) {
    for (const auto& [donor, departure] : b.placed) {
      BedUnit& host = units_urgent_[static_cast<std::size_t>(donor)];
      host.departures.push_back(departure);
      std::push_heap(host.departures.begin(), host.departures.end(), std::greater<>());
      ++host.hosted;
      ++host.admitted;
    }
  }
  // Elective capacity lost today, per trust.
  for (std::size_t t = 0; t < trusts(); ++t) {
    double cancel = 0.0;
    if (trust_unit_[t] >= 0) {
      const BedUnit& b = units_urgent_[static_cast<std::size_t>(trust_unit_[t])];
      if (!b.mental_health) {
        cancel = u.cancel_share * std::clamp((b.occupancy - u.cancel_threshold) / (u.cancel_full - u.cancel_threshold), 0.0, 1.0);
      }
    }
    const double aid = elective_per_day_[t] > 0.0 ? std::min(1.0, aid_cost_[t] / elective_per_day_[t]) : 0.0;
    elective_loss_[t] = 1.0 - (1.0 - cancel) * (1.0 - absence_[t]) * (1.0 - incident_loss_[t]) *
                                  (1.0 - strike_loss_[t]) * (1.0 - aid);
  }
}

void Model::match_aid(core::Step d) {
  // Units under pressure, in unit order, ask their collaboratives' members and then (ics_wide)
  // the other units of their ICS, of the same kind, in a fixed order. A partner with slack
  // gives when its trust in the requester, adjusted for the balance of past aid, is enough.
  const auto& a = config_.mutual_aid;
  const std::size_t U = units_urgent_.size();
  const bool working = calendar_.is_working_day(d);
  for (std::size_t r = 0; r < U; ++r) {
    BedUnit& req = units_urgent_[r];
    const auto occupied = static_cast<double>(req.departures.size());
    const double ask = a.ask_occupancy - a.pact_occupancy_shift * pact_scale(req.trust, -1);
    if (occupied < ask * std::max(req.staffed, 1.0)) continue;
    // Enough beds to bring it back below its asking level.
    auto need = static_cast<std::int32_t>(std::floor(occupied - ask * req.staffed)) + 1;
    const std::int32_t asked = need;
    ++req.requests;
    // Beds closed for want of staff (absence) are reopened by staff lent; otherwise partners take
    // patients into beds they lend.
    const auto rt = static_cast<std::size_t>(req.trust);
    const double reopenable = req.beds * (1.0 - incident_loss_[rt]) - req.staffed;
    const bool staff = reopenable >= 1.0;
    // Partners in order: collaboratives' members, then the ICS's trusts.
    std::vector<std::size_t> partners;
    auto consider = [&](int t) {
      const int k = trust_unit_[static_cast<std::size_t>(t)];
      if (k < 0 || static_cast<std::size_t>(k) == r) return;
      if (units_urgent_[static_cast<std::size_t>(k)].mental_health != req.mental_health) return;
      if (std::find(partners.begin(), partners.end(), static_cast<std::size_t>(k)) == partners.end()) {
        partners.push_back(static_cast<std::size_t>(k));
      }
    };
    for (const auto& m : members_) {
      if (std::find(m.begin(), m.end(), req.trust) == m.end()) continue;
      for (int t : m) consider(t);
    }
    if (a.ics_wide && !config_.ics.empty()) {
      for (int t : config_.ics[static_cast<std::size_t>(trust_ics_[static_cast<std::size_t>(req.trust)])].trusts) consider(t);
    }
    bool any = false;
    for (std::size_t p : partners) {
      if (need <= 0) break;
      BedUnit& don = units_urgent_[p];
      const double x = pact_scale(don.trust, req.trust);
      const double give = a.give_occupancy + a.pact_occupancy_shift * x;
      const auto don_occupied = static_cast<double>(don.departures.size());
      const auto slack = static_cast<std::int32_t>(std::floor(give * don.staffed - don_occupied - don.lent));
      if (slack < 1) continue;  // no slack: not a refusal
      const auto di = static_cast<std::size_t>(don.trust), ri = static_cast<std::size_t>(req.trust);
      const double owed = aid_balance_[r * U + p] - aid_balance_[p * U + r];  // what the donor owes
      const double willing = rel_.trust(di, ri) + a.reciprocity_weight * std::tanh(owed / a.reciprocity_scale);
      const bool yes = willing >= a.give_trust - a.pact_trust_shift * x;
      std::int32_t g = yes ? std::min(need, slack) : 0;
      if (staff) g = std::min(g, static_cast<std::int32_t>(std::floor(req.beds * (1.0 - incident_loss_[rt]) - req.staffed)));
      if (yes && g < 1) continue;  // nothing left to reopen
      events_.aid.push_back({d, req.trust, don.trust, staff ? 1 : 0, asked, g, static_cast<std::int8_t>(yes ? 0 : 1)});
      if (!yes) {
        ++req.refusals;
        // A refusal with slack is seen in proportion to the partner's openness.
        record_aid(ri, di, false, a.refused_weight * config_.trusts[di].openness);
        continue;
      }
      any = true;
      need -= g;
      if (staff) {
        don.staffed -= g;
        req.staffed += g;
        don.given_staff += g;
        req.received_staff += g;
      } else {
        don.lent += g;
        req.borrowed.emplace_back(static_cast<int>(p), g);
        don.given_beds += g;
        req.received_beds += g;
      }
      aid_balance_[p * U + r] += g;
      if (working) aid_cost_[di] += a.elective_cost * g;
      record_aid(ri, di, true, a.granted_weight);
    }
    if (!any) events_.aid.push_back({d, req.trust, -1, staff ? 1 : 0, asked, 0, 2});
  }
}

void Model::admit_urgent(BedUnit& b, core::Step d) {
  // Arrivals at uniform times of the day, in time order; before each, the stays that ended
  // free their beds. A free bed (own staffed beds, less those lent) admits; otherwise a bed lent
  // by a partner; otherwise a mental-health patient goes out of area and an acute patient is
  // admitted over capacity (escalation).
  const auto& u = config_.urgent;
  const auto t = static_cast<std::size_t>(b.trust);
  const double mean = b.admissions_per_day * urgent_multiplier_[t];
  if (mean <= 0.0) return;
  core::Rng count_rng = streams_.rng(static_cast<core::Purpose>(Draw::urgent_count), b.entity, d);
  const std::int64_t n = boost::random::poisson_distribution<std::int64_t, double>(mean)(count_rng);
  struct Arrival { double time, los; };
  std::vector<Arrival> arrivals(static_cast<std::size_t>(n));
  const LosConfig& los = b.mental_health ? u.mh_los : u.acute_los;
  for (std::int64_t k = 0; k < n; ++k) {
    core::Rng rng = streams_.rng(static_cast<core::Purpose>(Draw::urgent_patient), b.entity, d, static_cast<std::uint64_t>(k));
    const double at = static_cast<double>(d) + boost::random::uniform_01<double>()(rng);
    arrivals[static_cast<std::size_t>(k)] = {at, draw_los(los, rng)};
  }
  std::sort(arrivals.begin(), arrivals.end(), [](const Arrival& x, const Arrival& y) { return x.time < y.time; });
  const double capacity = std::floor(b.staffed + 1e-9) - b.lent;
  // Acute: diverted to a lent bed from the asking level on; mental health: when full.
  const auto& a = config_.mutual_aid;
  const double ask = a.ask_occupancy - a.pact_occupancy_shift * pact_scale(b.trust, -1);
  const double divert_at = b.mental_health ? capacity : std::floor(ask * b.staffed);
  std::size_t lender = 0;
  int lent_left = b.borrowed.empty() ? 0 : b.borrowed[0].second;
  for (const auto& arr : arrivals) {
    while (!b.departures.empty() && b.departures.front() <= arr.time) {
      std::pop_heap(b.departures.begin(), b.departures.end(), std::greater<>());
      b.departures.pop_back();
      ++b.discharges;
    }
    ++b.arrivals;
    const auto occupied = static_cast<double>(b.departures.size());
    while (lent_left == 0 && lender + 1 < b.borrowed.size()) lent_left = b.borrowed[++lender].second;
    if (occupied >= divert_at && lent_left > 0) {
      b.placed.emplace_back(b.borrowed[lender].first, arr.time + arr.los);
      --lent_left;
      ++b.placed_out;
      continue;
    }
    if (occupied < capacity || !b.mental_health) {
      if (occupied >= capacity) ++b.escalations;
      b.departures.push_back(arr.time + arr.los);
      std::push_heap(b.departures.begin(), b.departures.end(), std::greater<>());
      ++b.admitted;
      continue;
    }
    ++b.out_of_area;
    b.out_of_area_days += arr.los * u.out_of_area_los_factor;
  }
}

}  // namespace icsim::model

namespace icsim::model {

void Model::fill_urgent() {
  auto& c = sample_.counts;
  auto& v = sample_.values;
  const auto o = [](Obs x) { return static_cast<std::size_t>(x); };
  const double cost = config_.urgent.out_of_area_cost_per_day;
  for (std::size_t t = 0; t < trusts(); ++t) {
    v[o(Obs::urgent_demand_multiplier)][t] = urgent_multiplier_[t];
    v[o(Obs::staff_absence)][t] = absence_[t];
    const int k = trust_unit_[t];
    if (k < 0) {
      v[o(Obs::bed_occupancy)][t] = std::nan("");
      for (Obs x : {Obs::staffed_beds, Obs::out_of_area_bed_days, Obs::out_of_area_cost, Obs::aid_given_beds,
                    Obs::aid_received_beds, Obs::aid_given_staff, Obs::aid_received_staff}) {
        v[o(x)][t] = 0.0;
      }
      continue;  // counts stay 0
    }
    BedUnit& b = units_urgent_[static_cast<std::size_t>(k)];
    const auto occupied = static_cast<std::int64_t>(b.departures.size());
    v[o(Obs::bed_occupancy)][t] = static_cast<double>(occupied) / std::max(b.staffed, 1.0);
    c[o(Obs::beds_occupied)][t] = occupied;
    v[o(Obs::staffed_beds)][t] = b.staffed;
    c[o(Obs::opel_level)][t] = b.opel;
    c[o(Obs::opel4_days)][t] = b.opel4_days;
    c[o(Obs::urgent_arrivals)][t] = b.arrivals;
    c[o(Obs::bed_admissions)][t] = b.admitted;
    c[o(Obs::discharges)][t] = b.discharges;
    c[o(Obs::escalations)][t] = b.escalations;
    c[o(Obs::placed_at_partners)][t] = b.placed_out;
    c[o(Obs::hosted_patients)][t] = b.hosted;
    c[o(Obs::out_of_area_placements)][t] = b.out_of_area;
    v[o(Obs::out_of_area_bed_days)][t] = b.out_of_area_days;
    v[o(Obs::out_of_area_cost)][t] = b.out_of_area_days * cost;
    c[o(Obs::aid_requests)][t] = b.requests;
    c[o(Obs::aid_refusals)][t] = b.refusals;
    v[o(Obs::aid_given_beds)][t] = b.given_beds;
    v[o(Obs::aid_received_beds)][t] = b.received_beds;
    v[o(Obs::aid_given_staff)][t] = b.given_staff;
    v[o(Obs::aid_received_staff)][t] = b.received_staff;
    b.opel4_days = b.arrivals = b.admitted = b.discharges = b.escalations = b.placed_out = b.hosted = 0;
    b.out_of_area = b.requests = b.refusals = 0;
    b.out_of_area_days = b.given_beds = b.received_beds = b.given_staff = b.received_staff = 0.0;
  }
}

}  // namespace icsim::model

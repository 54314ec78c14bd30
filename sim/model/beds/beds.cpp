#include "model/beds/beds.hpp"

#include <algorithm>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <functional>

#include "core/hash.hpp"
#include "core/parallel.hpp"
#include "model/config.hpp"
#include "model/mutual_aid/mutual_aid.hpp"
#include "model/shocks/shocks.hpp"

namespace icsim::model {
namespace {

bool takes_emergencies(TrustType t) { return t == TrustType::acute || t == TrustType::acute_community; }
bool takes_mental_health(TrustType t) { return t == TrustType::mental_health || t == TrustType::mh_community; }

int opel_of(double occupancy, const std::array<double, 3>& thresholds) {
  int level = 1;
  for (double t : thresholds) level += occupancy >= t ? 1 : 0;
  return level;
}

}  // namespace

double Beds::draw_los(const LosConfig& los, core::Rng& rng) {
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

void Beds::build(World& w) {
  const std::size_t T = w.trusts(), S = w.specialties();
  const auto& u = w.config.urgent;
  trust_unit_.assign(T, -1);
  for (std::size_t t = 0; t < T; ++t) {
    const auto& tc = w.config.trusts[t];
    if (tc.beds <= 0 || !(takes_emergencies(tc.type) || takes_mental_health(tc.type))) continue;
    BedUnit b;
    b.trust = static_cast<int>(t);
    b.mental_health = takes_mental_health(tc.type);
    b.beds = tc.beds;
    b.staffed = tc.beds;
    b.entity = core::combine(core::fnv1a64(tc.id), 0x75726765ull);
    trust_unit_[t] = static_cast<int>(units_.size());
    units_.push_back(std::move(b));
  }
  // Each place's urgent demand goes to the nearest unit of the right kind (its own ICS first).
  for (std::size_t p = 0; p < w.config.places.size(); ++p) {
    const double pop = static_cast<double>(w.config.places[p].population);
    for (int mh = 0; mh < 2; ++mh) {
      int best = -1;
      bool best_same = false;
      double best_km = 0.0;
      for (std::size_t k = 0; k < units_.size(); ++k) {
        const auto& b = units_[k];
        if (b.mental_health != (mh == 1)) continue;
        const auto t = static_cast<std::size_t>(b.trust);
        bool same = false;
        for (const auto& ics : w.config.ics) {
          const bool has_place = std::find(ics.places.begin(), ics.places.end(), static_cast<int>(p)) != ics.places.end();
          const bool has_trust = std::find(ics.trusts.begin(), ics.trusts.end(), b.trust) != ics.trusts.end();
          same = same || (has_place && has_trust);
        }
        const double km = w.place_trust_km[p * T + t];
        if (best < 0 || (same && !best_same) || (same == best_same && km < best_km)) {
          best = static_cast<int>(k);
          best_same = same;
          best_km = km;
        }
      }
      if (best < 0) continue;
      const double rate = mh ? u.mh_admission_rate : u.emergency_rate;
      units_[static_cast<std::size_t>(best)].admissions_per_day += pop * rate / 1000.0 / 365.25;
    }
  }
  // Day 0: a share of the beds occupied, each patient with a residual stay (the stay times a
  // uniform: the elapsed part is uniform over a stay).
  for (auto& b : units_) {
    const auto& tc = w.config.trusts[static_cast<std::size_t>(b.trust)];
    const auto n = static_cast<std::int64_t>(std::llround(tc.initial_occupancy * b.beds));
    const LosConfig& los = b.mental_health ? u.mh_los : u.acute_los;
    for (std::int64_t k = 0; k < n; ++k) {
      core::Rng rng = w.streams.rng(static_cast<core::Purpose>(Draw::initial_bed), b.entity, 0, static_cast<std::uint64_t>(k));
      const double residual = draw_los(los, rng) * boost::random::uniform_01<double>()(rng);
      b.departures.push_back(residual);
    }
    std::make_heap(b.departures.begin(), b.departures.end(), std::greater<>());
  }
  elective_per_day_.assign(T, 0.0);
  for (std::size_t t = 0; t < T; ++t) {
    for (std::size_t s = 0; s < S; ++s) elective_per_day_[t] += w.config.trusts[t].capacity[s];
  }
  taken_.assign(units_.size(), BedUnit::Flows{});
}

void Beds::census(const World& /*w*/, const Shocks& shocks, core::Step d) {
  core::for_each_index(units_.size(), [&](std::size_t k) {
    BedUnit& b = units_[k];
    const auto t = static_cast<std::size_t>(b.trust);
    while (!b.departures.empty() && b.departures.front() <= static_cast<double>(d)) {
      std::pop_heap(b.departures.begin(), b.departures.end(), std::greater<>());
      b.departures.pop_back();
      ++b.flows.discharges;
    }
    b.staffed = b.beds * (1.0 - shocks.absence(t)) * (1.0 - shocks.incident_loss(t));
    b.occupancy = static_cast<double>(b.departures.size()) / std::max(b.staffed, 1.0);
    b.lent = 0;
    b.borrowed.clear();
    b.placed.clear();
  });
}

void Beds::admit(World& w, const Shocks& shocks, const MutualAid& aid, core::Step d) {
  const auto& u = w.config.urgent;
  for (auto& b : units_) {
    b.occupancy = static_cast<double>(b.departures.size()) / std::max(b.staffed, 1.0);
    b.opel = opel_of(b.occupancy, u.opel_thresholds);
    b.flows.opel4_days += b.opel == 4 ? 1 : 0;
  }
  // Admissions, each unit on its own.
  core::for_each_index(units_.size(), [&](std::size_t k) { admit_unit(w, units_[k], shocks, d); });
  // Patients placed in partners' lent beds join the partners' beds, in unit order.
  for (auto& b : units_) {
    for (const auto& [donor, departure] : b.placed) {
      BedUnit& host = units_[static_cast<std::size_t>(donor)];
      host.departures.push_back(departure);
      std::push_heap(host.departures.begin(), host.departures.end(), std::greater<>());
      ++host.flows.hosted;
      ++host.flows.admitted;
    }
  }
  // Elective capacity lost today, per trust.
  for (std::size_t t = 0; t < w.trusts(); ++t) {
    double cancel = 0.0;
    if (trust_unit_[t] >= 0) {
      const BedUnit& b = units_[static_cast<std::size_t>(trust_unit_[t])];
      if (!b.mental_health) {
        cancel = u.cancel_share * std::clamp((b.occupancy - u.cancel_threshold) / (u.cancel_full - u.cancel_threshold), 0.0, 1.0);
      }
    }
    const double given = elective_per_day_[t] > 0.0 ? std::min(1.0, aid.elective_cost(t) / elective_per_day_[t]) : 0.0;
    w.elective_loss[t] = 1.0 - (1.0 - cancel) * (1.0 - shocks.absence(t)) * (1.0 - shocks.incident_loss(t)) *
                                   (1.0 - shocks.strike_loss(t)) * (1.0 - given);
  }
}

void Beds::take_flows(World& /*w*/) {
  for (std::size_t k = 0; k < units_.size(); ++k) taken_[k] = units_[k].flows.take();
}

void Beds::admit_unit(const World& w, BedUnit& b, const Shocks& shocks, core::Step d) const {
  // Arrivals at uniform times of the day, in time order; before each, the stays that ended
  // free their beds. A free bed (own staffed beds, less those lent) admits; otherwise a bed lent
  // by a partner; otherwise a mental-health patient goes out of area and an acute patient is
  // admitted over capacity (escalation).
  const auto& u = w.config.urgent;
  const auto t = static_cast<std::size_t>(b.trust);
  const double mean = b.admissions_per_day * shocks.urgent_multiplier(t);
  if (mean <= 0.0) return;
  core::Rng count_rng = w.streams.rng(static_cast<core::Purpose>(Draw::count), b.entity, d);
  const std::int64_t n = boost::random::poisson_distribution<std::int64_t, double>(mean)(count_rng);
  struct Arrival { double time, los; };
  std::vector<Arrival> arrivals(static_cast<std::size_t>(n));
  const LosConfig& los = b.mental_health ? u.mh_los : u.acute_los;
  for (std::int64_t k = 0; k < n; ++k) {
    core::Rng rng = w.streams.rng(static_cast<core::Purpose>(Draw::patient), b.entity, d, static_cast<std::uint64_t>(k));
    const double at = static_cast<double>(d) + boost::random::uniform_01<double>()(rng);
    arrivals[static_cast<std::size_t>(k)] = {at, draw_los(los, rng)};
  }
  std::sort(arrivals.begin(), arrivals.end(), [](const Arrival& x, const Arrival& y) { return x.time < y.time; });
  const double capacity = std::floor(b.staffed + 1e-9) - b.lent;
  // Acute: diverted to a lent bed from the asking level on; mental health: when full.
  const auto& a = w.config.mutual_aid;
  const double ask = a.ask_occupancy - a.pact_occupancy_shift * pact_scale(w, b.trust, -1);
  const double divert_at = b.mental_health ? capacity : std::floor(ask * b.staffed);
  std::size_t lender = 0;
  int lent_left = b.borrowed.empty() ? 0 : b.borrowed[0].second;
  for (const auto& arr : arrivals) {
    while (!b.departures.empty() && b.departures.front() <= arr.time) {
      std::pop_heap(b.departures.begin(), b.departures.end(), std::greater<>());
      b.departures.pop_back();
      ++b.flows.discharges;
    }
    ++b.flows.arrivals;
    const auto occupied = static_cast<double>(b.departures.size());
    while (lent_left == 0 && lender + 1 < b.borrowed.size()) lent_left = b.borrowed[++lender].second;
    if (occupied >= divert_at && lent_left > 0) {
      b.placed.emplace_back(b.borrowed[lender].first, arr.time + arr.los);
      --lent_left;
      ++b.flows.placed_out;
      continue;
    }
    if (occupied < capacity || !b.mental_health) {
      if (occupied >= capacity) ++b.flows.escalations;
      b.departures.push_back(arr.time + arr.los);
      std::push_heap(b.departures.begin(), b.departures.end(), std::greater<>());
      ++b.flows.admitted;
      continue;
    }
    ++b.flows.out_of_area;
    b.flows.out_of_area_days += arr.los * u.out_of_area_los_factor;
  }
}

void Beds::sample(const World& w, SampleView out) const {
  using O = BedObs;
  const double cost = w.config.urgent.out_of_area_cost_per_day;
  for (std::size_t t = 0; t < w.trusts(); ++t) {
    const int k = trust_unit_[t];
    if (k < 0) {
      out.reals(O::bed_occupancy)[t] = std::nan("");
      for (O x : {O::staffed_beds, O::out_of_area_bed_days, O::out_of_area_cost, O::aid_given_beds,
                  O::aid_received_beds, O::aid_given_staff, O::aid_received_staff}) {
        out.reals(x)[t] = 0.0;
      }
      continue;  // counts stay 0
    }
    const BedUnit& b = units_[static_cast<std::size_t>(k)];
    const BedUnit::Flows& f = taken_[static_cast<std::size_t>(k)];
    const auto occupied = static_cast<std::int64_t>(b.departures.size());
    out.reals(O::bed_occupancy)[t] = static_cast<double>(occupied) / std::max(b.staffed, 1.0);
    out.ints(O::beds_occupied)[t] = occupied;
    out.reals(O::staffed_beds)[t] = b.staffed;
    out.ints(O::opel_level)[t] = b.opel;
    out.ints(O::opel4_days)[t] = f.opel4_days;
    out.ints(O::urgent_arrivals)[t] = f.arrivals;
    out.ints(O::bed_admissions)[t] = f.admitted;
    out.ints(O::discharges)[t] = f.discharges;
    out.ints(O::escalations)[t] = f.escalations;
    out.ints(O::placed_at_partners)[t] = f.placed_out;
    out.ints(O::hosted_patients)[t] = f.hosted;
    out.ints(O::out_of_area_placements)[t] = f.out_of_area;
    out.reals(O::out_of_area_bed_days)[t] = f.out_of_area_days;
    out.reals(O::out_of_area_cost)[t] = f.out_of_area_days * cost;
    out.ints(O::aid_requests)[t] = f.requests;
    out.ints(O::aid_refusals)[t] = f.refusals;
    out.reals(O::aid_given_beds)[t] = f.given_beds;
    out.reals(O::aid_received_beds)[t] = f.received_beds;
    out.reals(O::aid_given_staff)[t] = f.given_staff;
    out.reals(O::aid_received_staff)[t] = f.received_staff;
  }
}

}  // namespace icsim::model

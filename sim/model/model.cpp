// Model construction, the daily step, referrals and maintenance. The per-list phase, shared
// waiting lists, patient-initiated moves and sampling live in model_*.cpp.
#include "model/model.hpp"

#include <algorithm>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/geometric_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

#include "core/hash.hpp"
#include "core/parallel.hpp"

namespace icsim::model {
namespace {

std::uint64_t entity_of(const std::string& a, const std::string& b) {
  return core::combine(core::fnv1a64(a), core::fnv1a64(b));
}

}  // namespace

namespace {
Config normalised(Config c) {
  normalise(c);
  return c;
}
}  // namespace

Model::Model(const Config& config, std::uint64_t replication)
    : config_(normalised(config)),
      calendar_(config.run.start_date, config.run.working_days_per_week, config.run.non_working_dates),
      streams_(config.run.seed, replication) {
  check(config_);
  turnover_events_ = resolve_turnover(config_);
  const std::size_t S = specialties(), P = config_.places.size(), T = trusts();

  for (const auto& s : config_.specialties) {
    daily_hazard_.push_back(1.0 - std::pow(1.0 - s.removal_hazard_per_week, 1.0 / 7.0));
    priority_dist_.emplace_back(s.priority_mix);
  }
  for (const auto& p : config_.places) quintile_dist_.emplace_back(p.deprivation);
  source_entity_.resize(P * S);
  source_rate_.resize(P * S);
  for (std::size_t p = 0; p < P; ++p) {
    for (std::size_t s = 0; s < S; ++s) {
      source_entity_[p * S + s] = entity_of(config_.places[p].id, config_.specialties[s].id);
      source_rate_[p * S + s] = config_.specialties[s].referral_rate / 1000.0 *
                                static_cast<double>(config_.places[p].population) / 365.25;
    }
  }
  list_entity_.resize(T * S);
  for (std::size_t t = 0; t < T; ++t) {
    for (std::size_t s = 0; s < S; ++s) {
      list_entity_[t * S + s] = entity_of(config_.trusts[t].id, config_.specialties[s].id);
    }
  }
  trust_ics_.assign(T, 0);
  for (std::size_t i = 0; i < config_.ics.size(); ++i) {
    for (int t : config_.ics[i].trusts) trust_ics_[static_cast<std::size_t>(t)] = static_cast<int>(i);
  }
  place_trust_km_.resize(P * T);
  for (std::size_t p = 0; p < P; ++p) {
    for (std::size_t t = 0; t < T; ++t) {
      place_trust_km_[p * T + t] = distance_km(config_.places[p].location, config_.trust_location(t));
    }
  }
  build_routes();
  build_organisations();
  members_.resize(config_.collaboratives.size());
  low_trust_months_.resize(config_.collaboratives.size());
  for (std::size_t c = 0; c < config_.collaboratives.size(); ++c) {
    members_[c] = config_.collaboratives[c].members;
    low_trust_months_[c].assign(T, 0);
  }
  build_pools();
  build_urgent();

  lists_.resize(T * S);
  arrivals_.resize(P * S);
  prevented_src_.assign(P * S, 0);
  list_pool_.assign(T * S, -1);
  capacity_.resize(T * S);
  for (std::size_t l = 0; l < T * S; ++l) capacity_[l] = config_.trusts[l / S].capacity[l % S];
  capacity_gain_.assign(T * S, 0.0);
  extra_per_day_.assign(T * S, 0.0);
  prevent_.assign(P * S * kQuintiles, 0.0);
  published_median_.assign(T * S, std::nan(""));
  moves_.assign(T * T, 0);
  trust_hist_.assign(T * kWaitBins, 0);
  if (!config_.collaboratives.empty()) list_hist_.assign(T * S * kWaitBins, 0);
  equity_ = config_.output.observables.empty();
  for (const auto& name : config_.output.observables) {
    Obs o{};
    equity_ = equity_ || (find_observable(name, o) && needs_equity_scan(o));
  }
  if (equity_) {
    trust_quintile_hist_.assign(T * kQuintiles * kWaitBins, 0);
    place_hist_.assign(P * kWaitBins, 0);
  }
  for (std::size_t i = 0; i < kObservableCount; ++i) {
    const auto& info = observables()[i];
    std::size_t n = 1;
    switch (info.axes) {
      case Axes::trust_specialty: n = T * S; break;
      case Axes::trust: n = T; break;
      case Axes::system: n = 1; break;
      case Axes::specialty: n = S; break;
      case Axes::quintile: n = kQuintiles; break;
      case Axes::trust_quintile: n = T * kQuintiles; break;
      case Axes::place: n = P; break;
      case Axes::collaborative_specialty: n = config_.collaboratives.size() * S; break;
      case Axes::trust_trust: n = T * T; break;
      case Axes::wait_week: n = kWaitHistogramBins; break;
      case Axes::organisation_all: n = orgs_; break;
      case Axes::collaborative: n = config_.collaboratives.size(); break;
      case Axes::programme: n = programmes_.size(); break;
      case Axes::partnership: n = config_.partnerships.size(); break;
    }
    if (info.integer) {
      sample_.counts[i].assign(n, 0);
    } else {
      sample_.values[i].assign(n, std::nan(""));
    }
  }

  build_initial_lists();
  // The initial state is the end of day -1 (time 0).
  maintenance(-1);
  publish_medians(0);
  update_programmes(0);
  allocate_leadership();
  apply_programmes();
  take_sample(-1);
}

void Model::build_routes() {
  const std::size_t S = specialties(), P = config_.places.size(), T = trusts();
  route_.assign(P * S, -1);
  list_sources_.assign(T * S, {});
  for (std::size_t p = 0; p < P; ++p) {
    for (std::size_t s = 0; s < S; ++s) {
      double best = 0.0;
      for (std::size_t t = 0; t < T; ++t) {
        if (config_.trusts[t].capacity[s] <= 0.0) continue;
        const double dist = place_trust_km_[p * T + t];
        if (route_[p * S + s] < 0 || dist < best) {
          best = dist;
          route_[p * S + s] = static_cast<int>(t);
        }
      }
      if (route_[p * S + s] >= 0) {
        list_sources_[static_cast<std::size_t>(route_[p * S + s]) * S + s].push_back(
            static_cast<std::uint32_t>(p * S + s));
      }
    }
  }
}

void Model::build_pools() {
  for (std::size_t c = 0; c < config_.collaboratives.size(); ++c) {
    const auto& col = config_.collaboratives[c];
    for (std::size_t k = 0; k < col.programmes.size(); ++k) {
      Programme pr;
      pr.collaborative = c;
      pr.index = k;
      programmes_.push_back(pr);
      if (col.programmes[k].type != ProgrammeType::shared_waiting_list) continue;
      Pool pool;
      pool.programme = programmes_.size() - 1;
      pool.collaborative = c;
      pool.specialty = col.programmes[k].specialty;
      pools_.push_back(std::move(pool));
    }
  }
}

std::int32_t Model::removal_day(std::size_t specialty, core::Step from, core::Rng& rng) const {
  const double h = daily_hazard_[specialty];
  if (h <= 0.0) return Patient::kNever;
  if (h >= 1.0) return from;
  boost::random::geometric_distribution<std::int64_t, double> geo(h);
  const std::int64_t g = geo(rng);
  if (g >= static_cast<std::int64_t>(Patient::kNever) - from) return Patient::kNever;
  return static_cast<std::int32_t>(from + g);
}

void Model::build_initial_lists() {
  const std::size_t S = specialties();
  core::for_each_index(lists_.size(), [&](std::size_t l) {
    const std::size_t t = l / S, s = l % S;
    const InitialList& init = config_.trusts[t].initial[s];
    if (init.size <= 0) return;
    // Home places: the places this list serves, weighted by population; else the trust's place.
    std::vector<std::uint16_t> homes;
    std::vector<double> weights;
    for (std::uint32_t src : list_sources_[l]) {
      const std::size_t p = src / S;
      homes.push_back(static_cast<std::uint16_t>(p));
      weights.push_back(static_cast<double>(config_.places[p].population));
    }
    if (homes.empty()) {
      homes.push_back(static_cast<std::uint16_t>(config_.trusts[t].place));
      weights.push_back(1.0);
    }
    const core::Categorical home_dist(weights);
    boost::random::exponential_distribution<double> wait_dist(1.0 / (7.0 * init.mean_wait_weeks));

    std::array<std::vector<Patient>, kPriorities> by_priority;
    for (std::int64_t k = 0; k < init.size; ++k) {
      core::Rng rng = streams_.rng(static_cast<core::Purpose>(Draw::initial_patient),
                                   list_entity_[l], 0, static_cast<std::uint64_t>(k));
      const auto wait_days = static_cast<std::int32_t>(std::floor(wait_dist(rng)));
      const auto priority = static_cast<int>(priority_dist_[s](rng));
      const std::uint16_t home = homes[home_dist(rng)];
      const auto quintile = static_cast<int>(quintile_dist_[home](rng));
      by_priority[static_cast<std::size_t>(priority)].push_back(
          Patient::make(-std::min(wait_days, -kMinDay), removal_day(s, 0, rng), home,
                        static_cast<std::uint16_t>(k & 0xffff), priority, quintile));
    }
    WaitingList& wl = lists_[l];
    for (std::size_t p = 0; p < kPriorities; ++p) {
      auto& v = by_priority[p];
      std::stable_sort(v.begin(), v.end(), [](const Patient& a, const Patient& b) {
        return a.referral_code < b.referral_code;
      });
      for (const Patient& pt : v) wl.cohort.add(pt.referral_day());
      wl.queue[p].assign(std::move(v));
    }
    wl.live = init.size;
  });
}

void Model::step() {
  if (finished()) throw std::logic_error("Model::step called after the last day");
  const core::Step d = day_;
  new_sample_ = false;
  timer_.start();
  phase_referrals(d);
  timer_.stamp(static_cast<std::size_t>(Phase::referrals));
  phase_urgent(d);
  timer_.stamp(static_cast<std::size_t>(Phase::urgent));
  update_programmes(d);
  phase_lists(d);
  timer_.stamp(static_cast<std::size_t>(Phase::lists));
  phase_pidmas(d);
  timer_.stamp(static_cast<std::size_t>(Phase::pidmas));
  month_ended_ = calendar_.is_first_of_month(d + 1);
  if (month_ended_) month_end(d);
  timer_.stamp(static_cast<std::size_t>(Phase::governance));
  if (d == window_end_) maintenance(d);
  timer_.stamp(static_cast<std::size_t>(Phase::maintenance));
  if (is_sample_day(d)) take_sample(d);
  timer_.stamp(static_cast<std::size_t>(Phase::sampling));
  ++day_;
}

void Model::phase_referrals(core::Step d) {
  const std::size_t S = specialties();
  // Daily multipliers per specialty: seasonality (cosine peaking on the peak day) and growth.
  std::vector<double> multiplier(S);
  const int doy = calendar_.day_of_year(d);
  for (std::size_t s = 0; s < S; ++s) {
    const auto& sp = config_.specialties[s];
    const double season =
        1.0 + sp.seasonal_amplitude *
                  std::cos(2.0 * std::numbers::pi * (doy - sp.seasonal_peak_day) / 365.25);
    const double growth = std::pow(1.0 + sp.annual_growth, static_cast<double>(d) / 365.25);
    multiplier[s] = season * growth;
  }
  // Each source draws its own referrals into its own buffer.
  core::for_each_index(arrivals_.size(), [&](std::size_t src) {
    auto& buf = arrivals_[src];
    buf.clear();
    const std::size_t p = src / S, s = src % S;
    const double mean = source_rate_[src] * multiplier[s];
    if (route_[src] < 0 || mean <= 0.0) return;
    core::Rng count_rng =
        streams_.rng(static_cast<core::Purpose>(Draw::referral_count), source_entity_[src], d);
    boost::random::poisson_distribution<std::int64_t, double> poisson(mean);
    const std::int64_t n = poisson(count_rng);
    buf.reserve(static_cast<std::size_t>(n));
    const double* avoid = &prevent_[src * kQuintiles];
    for (std::int64_t k = 0; k < n; ++k) {
      core::Rng rng = streams_.rng(static_cast<core::Purpose>(Draw::referral_patient),
                                   source_entity_[src], d, static_cast<std::uint64_t>(k));
      const auto priority = static_cast<int>(priority_dist_[s](rng));
      const auto quintile = static_cast<int>(quintile_dist_[p](rng));
      const std::int32_t rday = removal_day(s, d, rng);
      // Prevention at place avoids some referrals: a separate stream, so the referrals that
      // still happen are the same patients as without prevention (common random numbers).
      if (avoid[quintile] > 0.0) {
        core::Rng prng = streams_.rng(static_cast<core::Purpose>(Draw::prevention),
                                      source_entity_[src], d, static_cast<std::uint64_t>(k));
        if (boost::random::uniform_01<double>()(prng) < avoid[quintile]) {
          ++prevented_src_[src];
          continue;
        }
      }
      buf.push_back(Patient::make(d, rday, static_cast<std::uint16_t>(p),
                                  static_cast<std::uint16_t>(k & 0xffff), priority, quintile));
    }
  });
}

void Model::join(std::size_t l, const Patient& p) {
  WaitingList& wl = lists_[l];
  const std::int32_t rday = p.removal_day();
  if (rday >= window_base_ && rday <= window_end_) {
    wl.due[static_cast<std::size_t>(rday - window_base_)].push_back(p.referral_day());
  }
  wl.cohort.add(p.referral_day());
  ++wl.live;
}

void Model::leave(std::size_t l, const Patient& p) {
  WaitingList& wl = lists_[l];
  const std::int32_t rday = p.removal_day();
  if (rday >= window_base_ && rday <= window_end_) {
    // Patients due the same day with the same referral day are interchangeable here.
    auto& bucket = wl.due[static_cast<std::size_t>(rday - window_base_)];
    const auto it = std::find(bucket.begin(), bucket.end(), p.referral_day());
    if (it == bucket.end()) throw std::logic_error("leave: patient missing from its due bucket");
    *it = bucket.back();
    bucket.pop_back();
  }
  wl.cohort.remove(p.referral_day());
  --wl.live;
}

std::uint64_t Model::patient_key(const Patient& p, std::size_t specialty) const {
  const std::uint64_t source = source_entity_[p.home_place * specialties() + specialty];
  return core::combine(core::combine(source, static_cast<std::uint64_t>(p.referral_code)),
                       p.ordinal);
}

double Model::distance_home_to(const Patient& p, std::size_t trust) const {
  return place_trust_km_[p.home_place * trusts() + trust];
}

Commissioning Model::commissioning_of(std::size_t trust) const {
  return config_.ics[static_cast<std::size_t>(trust_ics_[trust])].commissioning;
}

void Model::maintenance(core::Step d) {
  // Compacts every queue (drops the records of patients removed up to day d) and lists the
  // removals due on days d+1 .. d+kMaintenanceDays, the next maintenance day.
  const core::Step base = d + 1;
  const core::Step end = d + kMaintenanceDays;
  core::for_each_index(lists_.size(), [&](std::size_t l) {
    WaitingList& wl = lists_[l];
    for (auto& bucket : wl.due) bucket.clear();
    std::int64_t kept = 0;
    for (auto& q : wl.queue) {
      q.compact([&](const Patient& pt) {
        const std::int32_t rday = pt.removal_day();
        if (rday <= d) return false;
        if (rday <= end) wl.due[static_cast<std::size_t>(rday - base)].push_back(pt.referral_day());
        ++kept;
        return true;
      });
    }
    for (auto& bucket : wl.due) {
      if (bucket.capacity() > 2 * bucket.size() + 16) bucket.shrink_to_fit();
    }
    wl.cohort.trim();
    check_count(l, kept);
  });
  window_base_ = base;
  window_end_ = end;
}

void Model::check_count(std::size_t l, std::int64_t records) const {
  if (records != lists_[l].live || lists_[l].cohort.total() != lists_[l].live) {
    const std::size_t S = specialties();
    throw std::logic_error("conservation violated in list " + config_.trusts[l / S].id + "/" +
                           config_.specialties[l % S].id + ": " + std::to_string(records) +
                           " waiting records, " + std::to_string(lists_[l].cohort.total()) +
                           " in the cohort, " + std::to_string(lists_[l].live) + " counted");
  }
}

std::int64_t Model::waiting() const noexcept {
  std::int64_t n = 0;
  for (const auto& wl : lists_) n += wl.live;
  return n;
}

std::size_t Model::patient_bytes() const noexcept {
  std::size_t b = 0;
  for (const auto& wl : lists_) {
    for (const auto& q : wl.queue) b += q.allocated_bytes();
    b += wl.cohort.allocated_bytes();
    for (const auto& bucket : wl.due) b += bucket.capacity() * sizeof(std::int32_t);
    b += sizeof(WaitingList);
  }
  return b;
}

}  // namespace icsim::model

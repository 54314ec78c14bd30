#include "model/model.hpp"

#include <algorithm>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/geometric_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

#include "core/hash.hpp"
#include "core/histogram.hpp"
#include "core/parallel.hpp"

namespace icsim::model {
namespace {

constexpr std::int32_t kWeeks18 = 18 * 7, kWeeks52 = 52 * 7, kWeeks65 = 65 * 7, kWeeks78 = 78 * 7;

std::uint64_t entity_of(const std::string& a, const std::string& b) {
  return core::combine(core::fnv1a64(a), core::fnv1a64(b));
}

std::size_t obs(Obs o) { return static_cast<std::size_t>(o); }

}  // namespace

double distance_km(const Location& a, const Location& b) {
  return std::hypot(a.x_km - b.x_km, a.y_km - b.y_km);
}

Model::Model(const Config& config, std::uint64_t replication)
    : config_(config),
      calendar_(config.start_date, config.working_days_per_week, config.non_working_dates),
      streams_(config.seed, replication) {
  check(config_);
  const std::size_t S = specialties(), P = config_.places.size(), T = trusts();

  for (const auto& s : config_.specialties) {
    daily_hazard_.push_back(1.0 - std::pow(1.0 - s.removal_hazard_per_week, 1.0 / 7.0));
    priority_dist_.emplace_back(s.priority_mix);
  }
  for (const auto& p : config_.places) {
    quintile_dist_.emplace_back(p.deprivation);
  }
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
  build_routes();

  lists_.resize(T * S);
  arrivals_.resize(P * S);
  trust_hist_.assign(T * kWaitBins, 0);
  for (std::size_t i = 0; i < kObservableCount; ++i) {
    const auto& info = observables()[i];
    const std::size_t n = info.axes == Axes::trust_specialty ? T * S
                          : info.axes == Axes::trust         ? T
                                                             : 1;
    if (info.integer) {
      sample_.counts[i].assign(n, 0);
    } else {
      sample_.values[i].assign(n, 0.0);
    }
  }

  build_initial_lists();
  // The initial state is the end of day -1 (time 0).
  maintenance(-1);
  take_sample(-1);
}

void Model::build_routes() {
  const std::size_t S = specialties(), P = config_.places.size();
  route_.assign(P * S, -1);
  list_sources_.assign(trusts() * S, {});
  for (std::size_t p = 0; p < P; ++p) {
    for (std::size_t s = 0; s < S; ++s) {
      double best = 0.0;
      for (std::size_t t = 0; t < trusts(); ++t) {
        if (config_.trusts[t].capacity[s] <= 0.0) continue;
        const double dist = distance_km(config_.places[p].location, config_.trusts[t].location);
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
  phase_lists(d);
  timer_.stamp(static_cast<std::size_t>(Phase::lists));
  if (d == window_end_) maintenance(d);
  timer_.stamp(static_cast<std::size_t>(Phase::maintenance));
  if (is_sample_day(d)) take_sample(d);
  timer_.stamp(static_cast<std::size_t>(Phase::sampling));
  ++day_;
}

void Model::join(WaitingList& wl, const Patient& p) const {
  const std::int32_t rday = p.removal_day();
  if (rday >= window_base_ && rday <= window_end_) {
    wl.due[static_cast<std::size_t>(rday - window_base_)].push_back(p.referral_day());
  }
  wl.cohort.add(p.referral_day());
  ++wl.live;
}

void Model::leave(WaitingList& wl, const Patient& p) const {
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

  // Compute: each source draws its own referrals into its own buffer.
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
    for (std::int64_t k = 0; k < n; ++k) {
      core::Rng rng = streams_.rng(static_cast<core::Purpose>(Draw::referral_patient),
                                   source_entity_[src], d, static_cast<std::uint64_t>(k));
      const auto priority = static_cast<int>(priority_dist_[s](rng));
      const auto quintile = static_cast<int>(quintile_dist_[p](rng));
      const std::int32_t rday = removal_day(s, d, rng);
      buf.push_back(Patient::make(d, rday, static_cast<std::uint16_t>(p),
                                  static_cast<std::uint16_t>(k & 0xffff), priority, quintile));
    }
  });

}

void Model::phase_lists(core::Step d) {
  // Each list's day, in order: today's referrals join, working-day capacity treats, and the
  // patients due to leave today are removed. Lists are independent here, so one pass per list
  // keeps its data in cache for the whole day.
  const bool working = calendar_.is_working_day(d);
  core::for_each_index(lists_.size(), [&](std::size_t l) {
    WaitingList& wl = lists_[l];
    admit_referrals(l, wl, d);
    if (working) treat(l, wl, d);
    remove_due(wl, d);
  });
}

void Model::admit_referrals(std::size_t l, WaitingList& wl, core::Step d) const {
  // Sources in ascending order; all arrive today, so the cohort and live count change once per
  // source.
  for (std::uint32_t src : list_sources_[l]) {
    const auto& arrivals = arrivals_[src];
    if (arrivals.empty()) continue;
    for (const Patient& pt : arrivals) {
      wl.queue[static_cast<std::size_t>(pt.priority())].push_back(pt);
      const std::int32_t rday = pt.removal_day();
      if (rday <= window_end_) wl.due[static_cast<std::size_t>(rday - window_base_)].push_back(d);
    }
    const auto n = static_cast<std::int64_t>(arrivals.size());
    wl.cohort.add(d, static_cast<std::uint32_t>(n));
    wl.live += n;
    wl.referrals += n;
  }
}

void Model::treat(std::size_t l, WaitingList& wl, core::Step d) const {
  const std::size_t S = specialties();
  const double cap = config_.trusts[l / S].capacity[l % S];
  if (cap <= 0.0) return;
  wl.capacity_carry += cap;
  const double whole = std::floor(wl.capacity_carry);
  wl.capacity_carry -= whole;
  auto slots = static_cast<std::int64_t>(whole);
  wl.capacity_slots += slots;
  // Clinical priority first, then longest wait (queue order).
  for (auto& q : wl.queue) {
    while (slots > 0 && !q.empty()) {
      const Patient& front = q.front();
      if (front.removal_day() < d) {  // removed on an earlier day: already counted
        q.pop_front();
        continue;
      }
      ++wl.treated;
      wl.treated_wait_days += d - front.referral_day();
      --slots;
      leave(wl, front);
      q.pop_front();
    }
  }
}

void Model::remove_due(WaitingList& wl, core::Step d) const {
  auto& bucket = wl.due[static_cast<std::size_t>(d - window_base_)];
  for (std::int32_t refday : bucket) wl.cohort.remove(refday);
  const auto n = static_cast<std::int64_t>(bucket.size());
  wl.live -= n;
  wl.removed += n;
  bucket.clear();
}

bool Model::is_sample_day(core::Step d) const {
  return (d + 1) % config_.output_interval_days == 0 || d == config_.days - 1;
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

void Model::take_sample(core::Step d) {
  const std::size_t S = specialties();
  const core::Step census = d + 1;  // waits are measured at the end of day d
  std::fill(trust_hist_.begin(), trust_hist_.end(), 0u);

  core::for_each_index(trusts(), [&](std::size_t t) {
    std::array<std::uint32_t, kWaitBins> hist{};
    std::uint32_t* thist = &trust_hist_[t * kWaitBins];
    for (std::size_t s = 0; s < S; ++s) {
      const std::size_t l = t * S + s;
      WaitingList& wl = lists_[l];
      hist.fill(0);
      wl.cohort.for_each([&](std::int32_t refday, std::uint32_t n) {
        hist[std::min(static_cast<std::size_t>(census - refday) / 7, kWaitWeeks)] += n;
      });
      std::int64_t live = 0;
      for (auto c : hist) live += c;
      check_count(l, live);
      for (std::size_t b = 0; b < kWaitBins; ++b) thist[b] += hist[b];
      const std::span<const std::uint32_t> h(hist);
      sample_.counts[obs(Obs::waiting_list)][l] = wl.live;
      sample_.counts[obs(Obs::referrals)][l] = wl.referrals;
      sample_.counts[obs(Obs::treated)][l] = wl.treated;
      sample_.counts[obs(Obs::removed)][l] = wl.removed;
      sample_.counts[obs(Obs::capacity)][l] = wl.capacity_slots;
      sample_.values[obs(Obs::wait_median_weeks)][l] = core::hist_quantile(h, 0.5);
      sample_.values[obs(Obs::wait_p92_weeks)][l] = core::hist_quantile(h, 0.92);
      sample_.values[obs(Obs::within_18_weeks)][l] =
          wl.live > 0 ? static_cast<double>(core::hist_below(h, kWeeks18 / 7)) /
                            static_cast<double>(wl.live)
                      : std::nan("");
      sample_.counts[obs(Obs::over_52_weeks)][l] = core::hist_at_or_above(h, kWeeks52 / 7);
      sample_.counts[obs(Obs::over_65_weeks)][l] = core::hist_at_or_above(h, kWeeks65 / 7);
      sample_.counts[obs(Obs::over_78_weeks)][l] = core::hist_at_or_above(h, kWeeks78 / 7);
      sample_.values[obs(Obs::treated_mean_wait_weeks)][l] =
          wl.treated > 0 ? static_cast<double>(wl.treated_wait_days) /
                               static_cast<double>(wl.treated) / 7.0
                         : std::nan("");
      wl.referrals = wl.treated = wl.removed = wl.capacity_slots = wl.treated_wait_days = 0;
    }
  });
  fill_aggregates(d);
}

void Model::fill_aggregates(core::Step d) {
  const std::size_t S = specialties(), T = trusts();
  auto& c = sample_.counts;
  auto& v = sample_.values;
  std::array<std::uint32_t, kWaitBins> system_hist{};
  for (std::size_t t = 0; t < T; ++t) {
    const std::span<const std::uint32_t> h(&trust_hist_[t * kWaitBins], kWaitBins);
    std::int64_t list = 0;
    for (std::size_t s = 0; s < S; ++s) list += c[obs(Obs::waiting_list)][t * S + s];
    c[obs(Obs::trust_waiting_list)][t] = list;
    v[obs(Obs::trust_wait_median_weeks)][t] = core::hist_quantile(h, 0.5);
    v[obs(Obs::trust_within_18_weeks)][t] =
        list > 0 ? static_cast<double>(core::hist_below(h, kWeeks18 / 7)) / static_cast<double>(list)
                 : std::nan("");
    c[obs(Obs::trust_over_52_weeks)][t] = core::hist_at_or_above(h, kWeeks52 / 7);
    for (std::size_t b = 0; b < kWaitBins; ++b) system_hist[b] += h[b];
  }
  auto total = [&](Obs o) {
    std::int64_t sum = 0;
    for (auto x : c[obs(o)]) sum += x;
    return sum;
  };
  const std::span<const std::uint32_t> h(system_hist);
  const std::int64_t list = total(Obs::waiting_list);
  c[obs(Obs::system_waiting_list)][0] = list;
  c[obs(Obs::system_referrals)][0] = total(Obs::referrals);
  c[obs(Obs::system_treated)][0] = total(Obs::treated);
  c[obs(Obs::system_removed)][0] = total(Obs::removed);
  v[obs(Obs::system_wait_median_weeks)][0] = core::hist_quantile(h, 0.5);
  v[obs(Obs::system_wait_p92_weeks)][0] = core::hist_quantile(h, 0.92);
  v[obs(Obs::system_within_18_weeks)][0] =
      list > 0 ? static_cast<double>(core::hist_below(h, kWeeks18 / 7)) / static_cast<double>(list)
               : std::nan("");
  c[obs(Obs::system_over_52_weeks)][0] = core::hist_at_or_above(h, kWeeks52 / 7);

  events_ += c[obs(Obs::system_referrals)][0] + c[obs(Obs::system_treated)][0] +
             c[obs(Obs::system_removed)][0];
  sample_.step = d + 1;
  new_sample_ = true;
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

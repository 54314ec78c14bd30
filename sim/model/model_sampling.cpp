// Sampling: the measures of every observable at the end of an output interval. List measures come
// from the per-referral-day cohorts; equity measures (by deprivation quintile and home place)
// need the patient records and come from a read-only scan.
#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <cmath>

#include "core/histogram.hpp"
#include "core/parallel.hpp"
#include "model/model.hpp"

namespace icsim::model {
namespace {

constexpr std::size_t kWeeks18 = 18, kWeeks52 = 52, kWeeks65 = 65, kWeeks78 = 78;

std::size_t obs(Obs o) { return static_cast<std::size_t>(o); }

double share_below(std::span<const std::uint32_t> h, std::size_t weeks, std::int64_t total) {
  return total > 0 ? static_cast<double>(core::hist_below(h, weeks)) / static_cast<double>(total)
                   : std::nan("");
}

/// Population coefficient of variation and range of the finite values (NaN if fewer than 2).
std::pair<double, double> cv_and_range(const std::vector<double>& xs) {
  std::vector<double> v;
  for (double x : xs) {
    if (std::isfinite(x)) v.push_back(x);
  }
  if (v.size() < 2) return {std::nan(""), std::nan("")};
  double mean = 0.0;
  for (double x : v) mean += x;
  mean /= static_cast<double>(v.size());
  double ss = 0.0;
  for (double x : v) ss += (x - mean) * (x - mean);
  const double sd = std::sqrt(ss / static_cast<double>(v.size()));
  const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  return {mean > 0.0 ? sd / mean : std::nan(""), *hi - *lo};
}

}  // namespace

void Model::publish_medians(core::Step census) {
  std::vector<std::uint32_t> hist(kWaitBins);
  for (std::size_t l = 0; l < lists_.size(); ++l) {
    std::fill(hist.begin(), hist.end(), 0u);
    lists_[l].cohort.for_each([&](std::int32_t refday, std::uint32_t n) {
      hist[std::min(static_cast<std::size_t>(census - refday) / 7, kWaitWeeks)] += n;
    });
    published_median_[l] = core::hist_quantile(hist, 0.5);
  }
}

bool Model::is_sample_day(core::Step d) const {
  return (d + 1) % config_.output.interval_days == 0 || d == config_.run.days - 1;
}

void Model::take_sample(core::Step d) {
  const std::size_t S = specialties();
  const core::Step census = d + 1;  // waits are measured at the end of day d
  std::fill(trust_hist_.begin(), trust_hist_.end(), 0u);
  auto& c = sample_.counts;
  auto& v = sample_.values;

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
      for (auto n : hist) live += n;
      check_count(l, live);
      for (std::size_t b = 0; b < kWaitBins; ++b) thist[b] += hist[b];
      if (!list_hist_.empty()) std::copy(hist.begin(), hist.end(), &list_hist_[l * kWaitBins]);
      const std::span<const std::uint32_t> h(hist);
      published_median_[l] = core::hist_quantile(h, 0.5);
      c[obs(Obs::waiting_list)][l] = wl.live;
      c[obs(Obs::referrals)][l] = wl.referrals;
      c[obs(Obs::treated)][l] = wl.treated;
      c[obs(Obs::removed)][l] = wl.removed;
      c[obs(Obs::capacity)][l] = wl.capacity_slots;
      v[obs(Obs::wait_median_weeks)][l] = published_median_[l];
      v[obs(Obs::wait_p92_weeks)][l] = core::hist_quantile(h, 0.92);
      v[obs(Obs::within_18_weeks)][l] = share_below(h, kWeeks18, wl.live);
      c[obs(Obs::over_52_weeks)][l] = core::hist_at_or_above(h, kWeeks52);
      c[obs(Obs::over_65_weeks)][l] = core::hist_at_or_above(h, kWeeks65);
      c[obs(Obs::over_78_weeks)][l] = core::hist_at_or_above(h, kWeeks78);
      v[obs(Obs::treated_mean_wait_weeks)][l] =
          wl.treated > 0 ? static_cast<double>(wl.treated_wait_days) /
                               static_cast<double>(wl.treated) / 7.0
                         : std::nan("");
      c[obs(Obs::transfers_in)][l] = wl.transfers_in;
      c[obs(Obs::transfers_out)][l] = wl.transfers_out;
      v[obs(Obs::transfer_km)][l] = wl.transfer_km;
      c[obs(Obs::transfer_offers)][l] = wl.offers;
      c[obs(Obs::transfers_declined)][l] = wl.declined;
      c[obs(Obs::transfers_withheld)][l] = wl.withheld;
      c[obs(Obs::delegated_slots)][l] = wl.delegated_slots;
      wl.delegated_slots = 0;
      c[obs(Obs::cancelled_electives)][l] = wl.cancelled;
      wl.cancelled = 0;
      v[obs(Obs::income_transferred)][l] = wl.income;
      v[obs(Obs::transfer_admin_cost)][l] = wl.admin_cost;
      wl.referrals = wl.treated = wl.removed = wl.capacity_slots = wl.treated_wait_days = 0;
      wl.transfers_in = wl.transfers_out = wl.offers = wl.declined = wl.withheld = 0;
      wl.transfer_km = wl.income = wl.admin_cost = 0.0;
    }
  });
  fill_aggregates(d);
  if (equity_) fill_equity(d);
  fill_pools();
  fill_variation();
  fill_collaboration();
  fill_urgent();
  sample_.step = d + 1;
  new_sample_ = true;
}

void Model::fill_aggregates(core::Step /*d*/) {
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
    v[obs(Obs::trust_within_18_weeks)][t] = share_below(h, kWeeks18, list);
    c[obs(Obs::trust_over_52_weeks)][t] = core::hist_at_or_above(h, kWeeks52);
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
  v[obs(Obs::system_within_18_weeks)][0] = share_below(h, kWeeks18, list);
  c[obs(Obs::system_over_52_weeks)][0] = core::hist_at_or_above(h, kWeeks52);
  auto& wh = c[obs(Obs::wait_histogram)];
  std::fill(wh.begin(), wh.end(), 0);
  for (std::size_t b = 0; b < kWaitBins; ++b) wh[std::min(b, kWaitHistogramBins - 1)] += h[b];
  events_count_ += c[obs(Obs::system_referrals)][0] + c[obs(Obs::system_treated)][0] +
                   c[obs(Obs::system_removed)][0] + total(Obs::transfers_in);
}

void Model::fill_equity(core::Step d) {
  // Scans the waiting patients: per (trust, quintile) histograms are owned by the trust's task;
  // per place histograms are summed from per-thread copies (integer sums: order-independent).
  const std::size_t S = specialties(), T = trusts(), P = config_.places.size();
  const core::Step census = d + 1;
  std::fill(trust_quintile_hist_.begin(), trust_quintile_hist_.end(), 0u);
  tbb::enumerable_thread_specific<std::vector<std::uint32_t>> place_local(
      [&] { return std::vector<std::uint32_t>(P * kWaitBins, 0u); });
  core::for_each_index(T, [&](std::size_t t) {
    std::uint32_t* tq = &trust_quintile_hist_[t * kQuintiles * kWaitBins];
    auto& ph = place_local.local();
    for (std::size_t s = 0; s < S; ++s) {
      for (const auto& q : lists_[t * S + s].queue) {
        for (const auto seg : q.segments()) {
          for (const Patient& pt : seg) {
            if (pt.removal_day() <= d) continue;
            const auto week =
                std::min(static_cast<std::size_t>(census - pt.referral_day()) / 7, kWaitWeeks);
            ++tq[static_cast<std::size_t>(pt.quintile()) * kWaitBins + week];
            ++ph[pt.home_place * kWaitBins + week];
          }
        }
      }
    }
  });
  std::fill(place_hist_.begin(), place_hist_.end(), 0u);
  place_local.combine_each([&](const std::vector<std::uint32_t>& h) {
    for (std::size_t i = 0; i < h.size(); ++i) place_hist_[i] += h[i];
  });

  auto& c = sample_.counts;
  auto& v = sample_.values;
  std::array<std::uint32_t, kQuintiles * kWaitBins> system{};
  for (std::size_t t = 0; t < T; ++t) {
    for (std::size_t q = 0; q < kQuintiles; ++q) {
      const std::span<const std::uint32_t> h(&trust_quintile_hist_[(t * kQuintiles + q) * kWaitBins], kWaitBins);
      const std::int64_t n = core::hist_total(h);
      c[obs(Obs::trust_quintile_waiting_list)][t * kQuintiles + q] = n;
      v[obs(Obs::trust_quintile_wait_median_weeks)][t * kQuintiles + q] = core::hist_quantile(h, 0.5);
      v[obs(Obs::trust_quintile_within_18_weeks)][t * kQuintiles + q] = share_below(h, kWeeks18, n);
      for (std::size_t b = 0; b < kWaitBins; ++b) system[q * kWaitBins + b] += h[b];
    }
  }
  for (std::size_t q = 0; q < kQuintiles; ++q) {
    const std::span<const std::uint32_t> h(&system[q * kWaitBins], kWaitBins);
    const std::int64_t n = core::hist_total(h);
    c[obs(Obs::quintile_waiting_list)][q] = n;
    v[obs(Obs::quintile_wait_median_weeks)][q] = core::hist_quantile(h, 0.5);
    v[obs(Obs::quintile_within_18_weeks)][q] = share_below(h, kWeeks18, n);
    c[obs(Obs::quintile_over_52_weeks)][q] = core::hist_at_or_above(h, kWeeks52);
  }
  for (std::size_t p = 0; p < P; ++p) {
    const std::span<const std::uint32_t> h(&place_hist_[p * kWaitBins], kWaitBins);
    const std::int64_t n = core::hist_total(h);
    c[obs(Obs::place_waiting_list)][p] = n;
    v[obs(Obs::place_wait_median_weeks)][p] = core::hist_quantile(h, 0.5);
    v[obs(Obs::place_within_18_weeks)][p] = share_below(h, kWeeks18, n);
  }
}

void Model::fill_pools() {
  // Per collaborative x specialty: the members offering the specialty, pooled or not.
  const std::size_t S = specialties();
  auto& c = sample_.counts;
  auto& v = sample_.values;
  std::array<std::uint32_t, kWaitBins> h{};
  for (std::size_t k = 0; k < config_.collaboratives.size(); ++k) {
    for (std::size_t s = 0; s < S; ++s) {
      const std::size_t i = k * S + s;
      h.fill(0);
      std::int64_t n = 0;
      for (int m : config_.collaborative_members_offering(k, static_cast<int>(s))) {
        const std::size_t l = static_cast<std::size_t>(m) * S + s;
        for (std::size_t b = 0; b < kWaitBins; ++b) h[b] += list_hist_[l * kWaitBins + b];
        n += lists_[l].live;
      }
      c[obs(Obs::pool_waiting_list)][i] = n;
      v[obs(Obs::pool_wait_median_weeks)][i] = core::hist_quantile(h, 0.5);
      v[obs(Obs::pool_within_18_weeks)][i] = share_below(h, kWeeks18, n);
      c[obs(Obs::pool_active)][i] = 0;
      c[obs(Obs::pool_pledged_slots)][i] = 0;
      c[obs(Obs::pool_transfers)][i] = 0;
    }
  }
  // Moves between trusts: PIDMAS (already in moves_) and each pool's own matrix.
  const std::size_t T = trusts();
  for (Pool& pool : pools_) {
    const std::size_t n = pool.trusts.size();
    for (std::size_t a = 0; a < n; ++a) {
      for (std::size_t b = 0; b < n; ++b) {
        moves_[static_cast<std::size_t>(pool.trusts[a]) * T + static_cast<std::size_t>(pool.trusts[b])] +=
            pool.moves[a * n + b];
      }
    }
    std::fill(pool.moves.begin(), pool.moves.end(), 0);
  }
  c[obs(Obs::transfer_flows)] = moves_;
  std::fill(moves_.begin(), moves_.end(), 0);
  for (Pool& pool : pools_) {
    const std::size_t i = pool.collaborative * S + static_cast<std::size_t>(pool.specialty);
    c[obs(Obs::pool_active)][i] = std::max<std::int64_t>(c[obs(Obs::pool_active)][i], pool.active);
    c[obs(Obs::pool_pledged_slots)][i] += pool.pledged;
    c[obs(Obs::pool_transfers)][i] += pool.transfers;
    pool.pledged = pool.transfers = 0;
  }
}

void Model::fill_variation() {
  // Unwarranted variation: spread across the trusts with patients waiting.
  const std::size_t S = specialties(), T = trusts();
  auto& c = sample_.counts;
  auto& v = sample_.values;
  for (std::size_t s = 0; s < S; ++s) {
    std::vector<double> median, within;
    for (std::size_t t = 0; t < T; ++t) {
      const std::size_t l = t * S + s;
      if (c[obs(Obs::waiting_list)][l] == 0) continue;
      median.push_back(v[obs(Obs::wait_median_weeks)][l]);
      within.push_back(v[obs(Obs::within_18_weeks)][l]);
    }
    std::tie(v[obs(Obs::variation_median_cv)][s], v[obs(Obs::variation_median_range)][s]) = cv_and_range(median);
    std::tie(v[obs(Obs::variation_within_18_cv)][s], v[obs(Obs::variation_within_18_range)][s]) = cv_and_range(within);
  }
  std::vector<double> median, within;
  for (std::size_t t = 0; t < T; ++t) {
    if (c[obs(Obs::trust_waiting_list)][t] == 0) continue;
    median.push_back(v[obs(Obs::trust_wait_median_weeks)][t]);
    within.push_back(v[obs(Obs::trust_within_18_weeks)][t]);
  }
  std::tie(v[obs(Obs::variation_trust_median_cv)][0], v[obs(Obs::variation_trust_median_range)][0]) = cv_and_range(median);
  std::tie(v[obs(Obs::variation_trust_within_18_cv)][0], v[obs(Obs::variation_trust_within_18_range)][0]) = cv_and_range(within);
}

}  // namespace icsim::model

namespace icsim::model {

void Model::fill_collaboration() {
  auto& c = sample_.counts;
  auto& v = sample_.values;
  double sum = 0.0;
  std::size_t pairs = 0;
  for (std::size_t i = 0; i < orgs_; ++i) {
    for (std::size_t j = 0; j < orgs_; ++j) {
      if (i == j || !rel_.interacts(i, j)) continue;
      sum += rel_.trust(i, j);
      ++pairs;
    }
  }
  v[obs(Obs::mean_trust)][0] = pairs ? sum / static_cast<double>(pairs) : std::nan("");
  for (std::size_t k = 0; k < members_.size(); ++k) {
    v[obs(Obs::collaborative_cohesion)][k] = rel_.cohesion(members_[k]);
    c[obs(Obs::collaborative_members)][k] = static_cast<std::int64_t>(members_[k].size());
  }
  for (std::size_t k = 0; k < partnership_orgs_.size(); ++k) {
    v[obs(Obs::partnership_cohesion)][k] = rel_.cohesion(partnership_orgs_[k]);
  }
  for (std::size_t p = 0; p < programmes_.size(); ++p) {
    v[obs(Obs::programme_scale)][p] = programmes_[p].scale;
    c[obs(Obs::programme_stalled)][p] = programmes_[p].stalled ? 1 : 0;
    v[obs(Obs::programme_savings)][p] = programmes_[p].savings;
    programmes_[p].savings = 0.0;
  }
  for (std::size_t i = 0; i < orgs_; ++i) {
    v[obs(Obs::leadership_hours_used)][i] = hours_used_[i];
    v[obs(Obs::leadership_engagement)][i] = engagement_[i];
  }
  const std::size_t S = specialties();
  auto& prevented = c[obs(Obs::prevented_referrals)];
  std::fill(prevented.begin(), prevented.end(), 0);
  for (std::size_t src = 0; src < prevented_src_.size(); ++src) {
    prevented[src / S] += prevented_src_[src];
    prevented_src_[src] = 0;
  }
}

}  // namespace icsim::model

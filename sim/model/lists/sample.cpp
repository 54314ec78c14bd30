// The census and the measures of the lists. List measures come from the per-referral-day
// cohorts; equity measures (by deprivation quintile and home place) need the patient records and
// come from a read-only scan.
#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <cmath>

#include "core/histogram.hpp"
#include "core/parallel.hpp"
#include "model/config.hpp"
#include "model/lists/treatment.hpp"

namespace icsim::model {
namespace {

constexpr std::size_t kWeeks18 = 18, kWeeks52 = 52, kWeeks65 = 65, kWeeks78 = 78;
using O = ListObs;

double share_below(std::span<const std::uint32_t> h, std::size_t weeks, std::int64_t total) {
  return total > 0 ? static_cast<double>(core::hist_below(h, weeks)) / static_cast<double>(total) : std::nan("");
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

std::span<const std::uint32_t> bins(const std::vector<std::uint32_t>& h, std::size_t i) {
  return {h.data() + i * kWaitBins, kWaitBins};
}

}  // namespace

void Treatment::census(World& w, core::Step d) {
  const std::size_t S = w.specialties();
  const core::Step census = d + 1;  // waits are measured at the end of day d
  census_day_ = census;
  auto& th = w.census.trust_hist;
  const bool keep = !w.census.list_hist.empty();
  core::for_each_index(w.trusts(), [&](std::size_t t) {
    std::uint32_t* thist = &th[t * kWaitBins];
    std::fill(thist, thist + kWaitBins, 0u);
    std::array<std::uint32_t, kWaitBins> hist;
    for (std::size_t s = 0; s < S; ++s) {
      const std::size_t l = t * S + s;
      hist.fill(0u);
      w.lists[l].cohort.for_each([&](std::int32_t refday, std::uint32_t n) {
        hist[std::min(static_cast<std::size_t>(census - refday) / 7, kWaitWeeks)] += n;
      });
      std::int64_t live = 0;
      for (std::size_t b = 0; b < kWaitBins; ++b) live += hist[b];
      w.check_count(l, live);
      for (std::size_t b = 0; b < kWaitBins; ++b) thist[b] += hist[b];
      if (keep) std::copy(hist.begin(), hist.end(), &w.census.list_hist[l * kWaitBins]);
      const std::span<const std::uint32_t> h(hist);
      w.published_median[l] = core::hist_quantile(h, 0.5);
      ListCensus& lc = w.census.lists[l];
      lc.p92 = core::hist_quantile(h, 0.92);
      lc.within_18 = static_cast<std::int64_t>(core::hist_below(h, kWeeks18));
      lc.over_52 = core::hist_at_or_above(h, kWeeks52);
      lc.over_65 = core::hist_at_or_above(h, kWeeks65);
      lc.over_78 = core::hist_at_or_above(h, kWeeks78);
    }
  });
}

void Treatment::sample(const World& w, SampleView out) const {
  sample_lists(w, out);
  sample_system(w, out);
  if (equity_) sample_equity(w, out);
  sample_variation(w, out);
}

void Treatment::sample_lists(const World& w, SampleView out) const {
  core::for_each_index(w.lists.size(), [&](std::size_t l) {
    const ListFlows& f = taken_[l];
    const ListCensus& lc = w.census.lists[l];
    const std::int64_t live = w.lists[l].live;
    out.ints(O::waiting_list)[l] = live;
    out.ints(O::referrals)[l] = f.referrals;
    out.ints(O::treated)[l] = f.treated;
    out.ints(O::removed)[l] = f.removed;
    out.ints(O::capacity)[l] = f.capacity_slots;
    out.reals(O::wait_median_weeks)[l] = w.published_median[l];
    out.reals(O::wait_p92_weeks)[l] = lc.p92;
    out.reals(O::within_18_weeks)[l] =
        live > 0 ? static_cast<double>(lc.within_18) / static_cast<double>(live) : std::nan("");
    out.ints(O::over_52_weeks)[l] = lc.over_52;
    out.ints(O::over_65_weeks)[l] = lc.over_65;
    out.ints(O::over_78_weeks)[l] = lc.over_78;
    out.reals(O::treated_mean_wait_weeks)[l] =
        f.treated > 0 ? static_cast<double>(f.treated_wait_days) / static_cast<double>(f.treated) / 7.0 : std::nan("");
    out.ints(O::transfers_in)[l] = f.transfers_in;
    out.ints(O::transfers_out)[l] = f.transfers_out;
    out.reals(O::transfer_km)[l] = f.transfer_km;
    out.ints(O::transfer_offers)[l] = f.offers;
    out.ints(O::transfers_declined)[l] = f.declined;
    out.ints(O::transfers_withheld)[l] = f.withheld;
    out.ints(O::delegated_slots)[l] = f.delegated_slots;
    out.ints(O::cancelled_electives)[l] = f.cancelled;
    out.reals(O::income_transferred)[l] = f.income;
    out.reals(O::transfer_admin_cost)[l] = f.admin_cost;
  }, 256);
  out.ints(O::transfer_flows) = taken_moves_;
}

void Treatment::sample_system(const World& w, SampleView out) const {
  const std::size_t S = w.specialties(), T = w.trusts();
  std::array<std::uint32_t, kWaitBins> system_hist{};
  for (std::size_t t = 0; t < T; ++t) {
    const auto h = bins(w.census.trust_hist, t);
    std::int64_t list = 0;
    for (std::size_t s = 0; s < S; ++s) list += out.ints(O::waiting_list)[t * S + s];
    out.ints(O::trust_waiting_list)[t] = list;
    out.reals(O::trust_wait_median_weeks)[t] = core::hist_quantile(h, 0.5);
    out.reals(O::trust_within_18_weeks)[t] = share_below(h, kWeeks18, list);
    out.ints(O::trust_over_52_weeks)[t] = core::hist_at_or_above(h, kWeeks52);
    for (std::size_t b = 0; b < kWaitBins; ++b) system_hist[b] += h[b];
  }
  auto total = [&](O o) {
    std::int64_t sum = 0;
    for (auto x : out.ints(o)) sum += x;
    return sum;
  };
  const std::span<const std::uint32_t> h(system_hist);
  const std::int64_t list = total(O::waiting_list);
  out.ints(O::system_waiting_list)[0] = list;
  out.ints(O::system_referrals)[0] = total(O::referrals);
  out.ints(O::system_treated)[0] = total(O::treated);
  out.ints(O::system_removed)[0] = total(O::removed);
  out.reals(O::system_wait_median_weeks)[0] = core::hist_quantile(h, 0.5);
  out.reals(O::system_wait_p92_weeks)[0] = core::hist_quantile(h, 0.92);
  out.reals(O::system_within_18_weeks)[0] = share_below(h, kWeeks18, list);
  out.ints(O::system_over_52_weeks)[0] = core::hist_at_or_above(h, kWeeks52);
  auto& wh = out.ints(O::wait_histogram);
  std::fill(wh.begin(), wh.end(), 0);
  for (std::size_t b = 0; b < kWaitBins; ++b) wh[std::min(b, kWaitHistogramBins - 1)] += h[b];
}

void Treatment::sample_equity(const World& w, SampleView out) const {
  // Scans the waiting patients: per (trust, quintile) histograms are owned by the trust's task;
  // per place histograms are summed from per-thread copies (integer sums: order-independent).
  const std::size_t S = w.specialties(), T = w.trusts(), P = w.places();
  const core::Step census = census_day_;
  const core::Step d = census - 1;
  std::fill(trust_quintile_hist_.begin(), trust_quintile_hist_.end(), 0u);
  tbb::enumerable_thread_specific<std::vector<std::uint32_t>> place_local(
      [&] { return std::vector<std::uint32_t>(P * kWaitBins, 0u); });
  core::for_each_index(T, [&](std::size_t t) {
    std::uint32_t* tq = &trust_quintile_hist_[t * kQuintiles * kWaitBins];
    auto& ph = place_local.local();
    for (std::size_t s = 0; s < S; ++s) {
      for (const auto& q : w.lists[t * S + s].queue) {
        for (const auto seg : q.segments()) {
          for (const Patient& pt : seg) {
            if (pt.removal_day() <= d) continue;
            const auto week = std::min(static_cast<std::size_t>(census - pt.referral_day()) / 7, kWaitWeeks);
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
  std::array<std::uint32_t, kQuintiles * kWaitBins> system{};
  for (std::size_t t = 0; t < T; ++t) {
    for (std::size_t q = 0; q < kQuintiles; ++q) {
      const auto h = bins(trust_quintile_hist_, t * kQuintiles + q);
      const std::int64_t n = core::hist_total(h);
      out.ints(O::trust_quintile_waiting_list)[t * kQuintiles + q] = n;
      out.reals(O::trust_quintile_wait_median_weeks)[t * kQuintiles + q] = core::hist_quantile(h, 0.5);
      out.reals(O::trust_quintile_within_18_weeks)[t * kQuintiles + q] = share_below(h, kWeeks18, n);
      for (std::size_t b = 0; b < kWaitBins; ++b) system[q * kWaitBins + b] += h[b];
    }
  }
  for (std::size_t q = 0; q < kQuintiles; ++q) {
    const std::span<const std::uint32_t> h(&system[q * kWaitBins], kWaitBins);
    const std::int64_t n = core::hist_total(h);
    out.ints(O::quintile_waiting_list)[q] = n;
    out.reals(O::quintile_wait_median_weeks)[q] = core::hist_quantile(h, 0.5);
    out.reals(O::quintile_within_18_weeks)[q] = share_below(h, kWeeks18, n);
    out.ints(O::quintile_over_52_weeks)[q] = core::hist_at_or_above(h, kWeeks52);
  }
  for (std::size_t p = 0; p < P; ++p) {
    const auto h = bins(place_hist_, p);
    const std::int64_t n = core::hist_total(h);
    out.ints(O::place_waiting_list)[p] = n;
    out.reals(O::place_wait_median_weeks)[p] = core::hist_quantile(h, 0.5);
    out.reals(O::place_within_18_weeks)[p] = share_below(h, kWeeks18, n);
  }
}

void Treatment::sample_variation(const World& w, SampleView out) {
  // Unwarranted variation: spread across the trusts with patients waiting.
  const std::size_t S = w.specialties(), T = w.trusts();
  for (std::size_t s = 0; s < S; ++s) {
    std::vector<double> median, within;
    for (std::size_t t = 0; t < T; ++t) {
      const std::size_t l = t * S + s;
      if (out.ints(O::waiting_list)[l] == 0) continue;
      median.push_back(out.reals(O::wait_median_weeks)[l]);
      within.push_back(out.reals(O::within_18_weeks)[l]);
    }
    std::tie(out.reals(O::variation_median_cv)[s], out.reals(O::variation_median_range)[s]) = cv_and_range(median);
    std::tie(out.reals(O::variation_within_18_cv)[s], out.reals(O::variation_within_18_range)[s]) = cv_and_range(within);
  }
  std::vector<double> median, within;
  for (std::size_t t = 0; t < T; ++t) {
    if (out.ints(O::trust_waiting_list)[t] == 0) continue;
    median.push_back(out.reals(O::trust_wait_median_weeks)[t]);
    within.push_back(out.reals(O::trust_within_18_weeks)[t]);
  }
  std::tie(out.reals(O::variation_trust_median_cv)[0], out.reals(O::variation_trust_median_range)[0]) = cv_and_range(median);
  std::tie(out.reals(O::variation_trust_within_18_cv)[0], out.reals(O::variation_trust_within_18_range)[0]) =
      cv_and_range(within);
}

}  // namespace icsim::model

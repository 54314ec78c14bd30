#include "calibration/stock_flow.hpp"

#include <algorithm>
#include <cmath>

namespace icsim::calibration {

using io::rtt::kBands;
namespace {
constexpr std::size_t kLast = kRenegeBins - 1;
}

Bins to_months(const std::array<std::int64_t, kBands>& weeks) {
  Bins b{};
  for (int k = 0; k < kBands; ++k) {
    const double n = static_cast<double>(weeks[static_cast<std::size_t>(k)]);
    if (n == 0.0) continue;
    if (k == kBands - 1) {
      b[kRenegeBins - 1] += n;
      continue;
    }
    const double lo = k / kWeeksPerMonth, hi = (k + 1) / kWeeksPerMonth;
    for (int m = static_cast<int>(lo); m <= static_cast<int>(hi) && m < kRenegeBins; ++m) {
      const double top = m == kRenegeBins - 1 ? 1e9 : m + 1.0;
      const double overlap = std::min(hi, top) - std::max(lo, static_cast<double>(m));
      if (overlap > 0.0) b[static_cast<std::size_t>(m)] += n * overlap / (hi - lo);
    }
    if (static_cast<int>(lo) >= kRenegeBins) b[kRenegeBins - 1] += n;
  }
  return b;
}

Counts counts_of(const std::array<std::int64_t, kBands>& weeks) {
  Counts c;
  for (int k = 0; k < kBands; ++k) {
    const double n = static_cast<double>(weeks[static_cast<std::size_t>(k)]);
    c.waiting += n;
    if (k < 18) c.within_18 += n;
    if (k >= 52) c.over_52 += n;
  }
  return c;
}

Counts counts_of(const Bins& months) {
  Counts c;
  const double m18 = 18.0 / kWeeksPerMonth, m52 = 52.0 / kWeeksPerMonth;
  for (int m = 0; m < kRenegeBins; ++m) {
    const double n = months[static_cast<std::size_t>(m)];
    c.waiting += n;
    const double lo = m, hi = m + 1.0;
    c.within_18 += n * std::clamp(m18 - lo, 0.0, 1.0);
    c.over_52 += m == kRenegeBins - 1 ? n : n * std::clamp(hi - m52, 0.0, 1.0);
  }
  return c;
}

Bins removal_by_months_waited(const std::vector<io::rtt::ListMonth>& months) {
  Bins from{}, left{};
  for (std::size_t t = 1; t < months.size(); ++t) {
    const Bins before = to_months(months[t - 1].waiting), after = to_months(months[t].waiting);
    const Bins treated = to_months(months[t].treated);
    // Bins 0..L-2 move up one; the last two (11 months and 12+) pool into the open bin.
    for (std::size_t i = 0; i + 1 < kLast; ++i) {
      from[i] += before[i];
      left[i] += before[i] - after[i + 1] - treated[i + 1];
    }
    from[kLast] += before[kLast - 1] + before[kLast];
    left[kLast] += before[kLast - 1] + before[kLast] - after[kLast] - treated[kLast];
  }
  Bins r{};
  for (std::size_t i = 0; i < r.size(); ++i) r[i] = from[i] > 0.0 ? std::clamp(left[i] / from[i], 0.0, 1.0) : 0.0;
  r[kLast - 1] = r[kLast];
  return r;
}

std::vector<Counts> project_stock_flow(const std::vector<io::rtt::ListMonth>& months, int months_ahead) {
  Bins from{}, stay{};
  double new_sum = 0.0;
  for (std::size_t t = 1; t < months.size(); ++t) {
    const Bins before = to_months(months[t - 1].waiting), after = to_months(months[t].waiting);
    new_sum += after[0];
    for (std::size_t i = 0; i + 1 < kLast; ++i) {
      from[i] += before[i];
      stay[i] += after[i + 1];
    }
    from[kLast] += before[kLast - 1] + before[kLast];
    stay[kLast] += after[kLast];
  }
  Bins keep{};
  for (std::size_t i = 0; i < keep.size(); ++i) keep[i] = from[i] > 0.0 ? std::clamp(stay[i] / from[i], 0.0, 2.0) : 0.0;
  const double arrivals = new_sum / static_cast<double>(std::max<std::size_t>(months.size() - 1, 1));
  Bins w = to_months(months.back().waiting);
  std::vector<Counts> out;
  for (int h = 0; h < months_ahead; ++h) {
    Bins next{};
    next[0] = arrivals;
    for (std::size_t m = 1; m < kLast; ++m) next[m] = w[m - 1] * keep[m - 1];
    next[kLast] = (w[kLast - 1] + w[kLast]) * keep[kLast];
    w = next;
    out.push_back(counts_of(w));
  }
  return out;
}

}  // namespace icsim::calibration

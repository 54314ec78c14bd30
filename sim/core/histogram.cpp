#include "core/histogram.hpp"

#include <cmath>

namespace icsim::core {

std::int64_t hist_total(std::span<const std::uint32_t> bins) {
  std::int64_t t = 0;
  for (auto c : bins) t += c;
  return t;
}

double hist_quantile(std::span<const std::uint32_t> bins, double q) {
  const std::int64_t total = hist_total(bins);
  if (total == 0) return std::nan("");
  const double target = q * static_cast<double>(total);
  std::int64_t below = 0;
  for (std::size_t b = 0; b < bins.size(); ++b) {
    const std::int64_t c = bins[b];
    if (c > 0 && static_cast<double>(below + c) >= target) {
      if (b + 1 == bins.size()) return static_cast<double>(b);
      return static_cast<double>(b) + (target - static_cast<double>(below)) / static_cast<double>(c);
    }
    below += c;
  }
  return static_cast<double>(bins.size() - 1);
}

std::int64_t hist_below(std::span<const std::uint32_t> bins, std::size_t edge) {
  std::int64_t t = 0;
  for (std::size_t b = 0; b < edge && b < bins.size(); ++b) t += bins[b];
  return t;
}

std::int64_t hist_at_or_above(std::span<const std::uint32_t> bins, std::size_t edge) {
  std::int64_t t = 0;
  for (std::size_t b = edge; b < bins.size(); ++b) t += bins[b];
  return t;
}

}  // namespace icsim::core

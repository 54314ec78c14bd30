#pragma once
// Integer histogram over unit-width bins [0,1), [1,2), ... with an overflow bin, and percentiles by
// linear interpolation within a bin (the convention used for published waiting-time medians).
#include <cstdint>
#include <span>

namespace icsim::core {

/// Total count of a histogram.
std::int64_t hist_total(std::span<const std::uint32_t> bins);

/// The q-quantile (0 < q < 1) by interpolation within the bin where the cumulative count reaches
/// q * total: b + (q * total - below) / count(b). NaN for an empty histogram. The last bin is an
/// overflow bin; a quantile falling in it is reported as its lower edge.
double hist_quantile(std::span<const std::uint32_t> bins, double q);

/// Count in bins [0, edge) and in [edge, end).
std::int64_t hist_below(std::span<const std::uint32_t> bins, std::size_t edge);
std::int64_t hist_at_or_above(std::span<const std::uint32_t> bins, std::size_t edge);

}  // namespace icsim::core

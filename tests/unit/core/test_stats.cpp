#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/histogram.hpp"
#include "core/stats.hpp"

using namespace icsim::core;

TEST(Stats, StudentTQuantilesMatchTables) {
  EXPECT_NEAR(t_quantile_975(1), 12.706, 1e-3);
  EXPECT_NEAR(t_quantile_975(19), 2.093, 1e-3);
  EXPECT_NEAR(t_quantile_975(1000), 1.962, 1e-3);
}

TEST(Stats, SummaryOfKnownSample) {
  const std::vector<double> x = {2, 4, 4, 4, 5, 5, 7, 9};
  const auto s = summarise(x);
  EXPECT_EQ(s.n, 8u);
  EXPECT_DOUBLE_EQ(s.mean, 5.0);
  EXPECT_NEAR(s.sd, std::sqrt(32.0 / 7.0), 1e-12);
  EXPECT_NEAR(s.se, s.sd / std::sqrt(8.0), 1e-12);
  EXPECT_NEAR(s.ci_high - s.mean, t_quantile_975(7) * s.se, 1e-12);
  EXPECT_NEAR(s.mean - s.ci_low, t_quantile_975(7) * s.se, 1e-12);
}

TEST(Stats, IgnoresNaNAndHandlesTinySamples) {
  const std::vector<double> x = {std::nan(""), 3.0};
  const auto s = summarise(x);
  EXPECT_EQ(s.n, 1u);
  EXPECT_EQ(s.mean, 3.0);
  EXPECT_EQ(s.ci_low, 3.0);
  EXPECT_TRUE(std::isnan(summarise(std::vector<double>{}).mean));
}

TEST(Histogram, QuantilesInterpolateWithinBins) {
  // 10 in [0,1), 10 in [1,2): the median is the edge 1.0, the 0.25 quantile is 0.5.
  const std::vector<std::uint32_t> h = {10, 10, 0};
  EXPECT_DOUBLE_EQ(hist_quantile(h, 0.5), 1.0);
  EXPECT_DOUBLE_EQ(hist_quantile(h, 0.25), 0.5);
  EXPECT_DOUBLE_EQ(hist_quantile(h, 0.92), 1.84);
  EXPECT_EQ(hist_below(h, 1), 10);
  EXPECT_EQ(hist_at_or_above(h, 1), 10);
  EXPECT_EQ(hist_total(h), 20);
}

TEST(Histogram, EmptyAndOverflow) {
  const std::vector<std::uint32_t> empty = {0, 0};
  EXPECT_TRUE(std::isnan(hist_quantile(empty, 0.5)));
  const std::vector<std::uint32_t> overflow = {1, 0, 9};  // last bin is the overflow
  EXPECT_DOUBLE_EQ(hist_quantile(overflow, 0.5), 2.0);
}

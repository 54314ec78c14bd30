// Each design generator against its defining property (docs/sweeps.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "app/designs.hpp"

using namespace icsim::app;

TEST(Designs, GridCoversTheProductOfLevelsOnce) {
  const auto g = grid_design({2, 3, 4});
  ASSERT_EQ(g.size(), 24u);
  std::set<std::vector<double>> seen(g.begin(), g.end());
  EXPECT_EQ(seen.size(), 24u);  // every combination, none twice
  for (const auto& row : g) {
    EXPECT_GE(row[0], 0.0);
    EXPECT_LT(row[0], 2.0);
    EXPECT_LT(row[1], 3.0);
    EXPECT_LT(row[2], 4.0);
  }
  EXPECT_EQ(g.front(), (std::vector<double>{0, 0, 0}));
  EXPECT_EQ(g[1], (std::vector<double>{0, 0, 1}));  // the last factor varies fastest
  EXPECT_EQ(g.back(), (std::vector<double>{1, 2, 3}));
}

TEST(Designs, LatinHypercubeHasOnePointPerStratumInEveryDimension) {
  for (int n : {1, 7, 50}) {
    const auto d = latin_hypercube(n, 4, 9);
    ASSERT_EQ(d.size(), static_cast<std::size_t>(n));
    for (int i = 0; i < 4; ++i) {
      std::vector<int> count(static_cast<std::size_t>(n), 0);
      for (const auto& row : d) {
        ASSERT_GE(row[static_cast<std::size_t>(i)], 0.0);
        ASSERT_LT(row[static_cast<std::size_t>(i)], 1.0);
        ++count[static_cast<std::size_t>(std::floor(row[static_cast<std::size_t>(i)] * n))];
      }
      EXPECT_TRUE(std::all_of(count.begin(), count.end(), [](int c) { return c == 1; })) << "n " << n << " dim " << i;
    }
  }
  EXPECT_EQ(latin_hypercube(10, 3, 5), latin_hypercube(10, 3, 5));  // reproducible
  EXPECT_NE(latin_hypercube(10, 3, 5), latin_hypercube(10, 3, 6));
}

TEST(Designs, MorrisTrajectoriesChangeOneFactorPerStepByDelta) {
  const int r = 6, k = 5, p = 4;
  const double delta = p / (2.0 * (p - 1));
  const auto d = morris_design(r, k, p, 3);
  ASSERT_EQ(d.size(), static_cast<std::size_t>(r * (k + 1)));
  for (int t = 0; t < r; ++t) {
    std::set<int> moved;
    for (int s = 0; s < k; ++s) {
      const auto& a = d[static_cast<std::size_t>(t * (k + 1) + s)];
      const auto& b = d[static_cast<std::size_t>(t * (k + 1) + s + 1)];
      int changed = 0;
      for (int i = 0; i < k; ++i) {
        const double diff = b[static_cast<std::size_t>(i)] - a[static_cast<std::size_t>(i)];
        if (diff != 0.0) {
          ++changed;
          moved.insert(i);
          EXPECT_NEAR(std::abs(diff), delta, 1e-12);
        }
      }
      EXPECT_EQ(changed, 1) << "trajectory " << t << " step " << s;
    }
    EXPECT_EQ(moved.size(), static_cast<std::size_t>(k)) << "each factor moves once per trajectory";
    for (const auto& row : std::vector<std::vector<double>>(d.begin() + t * (k + 1), d.begin() + (t + 1) * (k + 1))) {
      for (double x : row) {
        EXPECT_GE(x, -1e-12);
        EXPECT_LE(x, 1.0 + 1e-12);
        const double level = x * (p - 1);
        EXPECT_NEAR(level, std::round(level), 1e-9) << "on the grid of p levels";
      }
    }
  }
}

TEST(Designs, SaltelliMatricesHaveTheDocumentedStructure) {
  const int n = 8, k = 3;
  const auto d = saltelli_design(n, k, 11);
  ASSERT_EQ(d.size(), static_cast<std::size_t>(n * (k + 2)));
  for (int j = 0; j < n; ++j) {
    const auto& a = d[static_cast<std::size_t>(j)];
    const auto& b = d[static_cast<std::size_t>(n + j)];
    for (int i = 0; i < k; ++i) {
      const auto& ab = d[static_cast<std::size_t>((2 + i) * n + j)];
      for (int c = 0; c < k; ++c) {
        EXPECT_EQ(ab[static_cast<std::size_t>(c)], c == i ? b[static_cast<std::size_t>(c)] : a[static_cast<std::size_t>(c)])
            << "AB_" << i << " row " << j << " column " << c;
      }
    }
    for (int c = 0; c < k; ++c) {
      EXPECT_NE(a[static_cast<std::size_t>(c)], b[static_cast<std::size_t>(c)]);  // independent draws
      EXPECT_GE(a[static_cast<std::size_t>(c)], 0.0);
      EXPECT_LT(b[static_cast<std::size_t>(c)], 1.0);
    }
  }
}

// The Beta reputation model against its published values (Josang and Ismail 2002).
#include <gtest/gtest.h>

#include <algorithm>

#include <cmath>

#include "model/relationships/relationships.hpp"

using icsim::model::Relationships;

TEST(BetaReputation, NoEvidenceGivesOneHalf) {
  Relationships rel(3);
  EXPECT_DOUBLE_EQ(rel.trust(0, 1), 0.5);
  EXPECT_DOUBLE_EQ(rel.reputation(0, 1), 0.0);
  EXPECT_FALSE(rel.interacts(0, 1));
}

TEST(BetaReputation, TwentyPositiveTenNegativeGivesReputation0_3125) {
  Relationships rel(2);
  rel.set(0, 1, 20.0, 10.0);
  EXPECT_DOUBLE_EQ(rel.reputation(0, 1), 0.3125);   // (20 - 10) / (20 + 10 + 2)
  EXPECT_DOUBLE_EQ(rel.trust(0, 1), 21.0 / 32.0);   // (20 + 1) / (20 + 10 + 2)
  EXPECT_DOUBLE_EQ(rel.trust(1, 0), 0.5);           // the other direction is separate
}

TEST(BetaReputation, ConstantPositiveEvidenceWithForgettingConvergesTo11Over12) {
  // r <- 0.9 r + 1 each month converges to r* = 1 / (1 - 0.9) = 10, so T -> 11 / 12.
  Relationships rel(2);
  for (int month = 0; month < 400; ++month) {
    rel.forget(0.9);
    rel.add(0, 1, 1.0, 0.0);
  }
  EXPECT_NEAR(rel.positive(0, 1), 10.0, 1e-9);
  EXPECT_NEAR(rel.trust(0, 1), 11.0 / 12.0, 1e-9);
}

TEST(BetaReputation, TurnoverKeepsTrustButLowersItsWeightBothWays) {
  Relationships rel(3);
  rel.set(0, 1, 10.0, 2.0);  // trust 11/14, weight 14
  rel.set(1, 0, 1.0, 7.0);   // trust 0.2, weight 10: distrust is not wiped
  rel.set(1, 2, 6.0, 0.0);
  rel.loosen(0, 0.5);
  EXPECT_NEAR(rel.trust(0, 1), 11.0 / 14.0, 1e-12);
  EXPECT_NEAR(rel.positive(0, 1) + rel.negative(0, 1) + 2.0, 7.0, 1e-12);
  EXPECT_NEAR(rel.trust(1, 0), 0.2, 1e-12);
  // Weight 5 would need r = 0 and s = 3, the least the Beta form allows at trust 0.2.
  EXPECT_NEAR(rel.positive(1, 0), 0.0, 1e-12);
  EXPECT_NEAR(rel.negative(1, 0), 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(rel.positive(1, 2), 6.0);  // pairs without 0 are untouched
  // A retention below what the trust allows stops at the least weight (here r = 0).
  rel.loosen(0, 0.01);
  EXPECT_NEAR(rel.trust(0, 1), 11.0 / 14.0, 1e-12);
  EXPECT_NEAR(std::min(rel.positive(0, 1), rel.negative(0, 1)), 0.0, 1e-12);
  // New experience now moves trust faster than it would have before turnover.
  Relationships before(2), after(2);
  before.set(0, 1, 10.0, 2.0);
  after.set(0, 1, 10.0, 2.0);
  after.loosen(0, 0.5);
  before.add(0, 1, 0.0, 3.0);
  after.add(0, 1, 0.0, 3.0);
  EXPECT_LT(after.trust(0, 1), before.trust(0, 1));
}

TEST(BetaReputation, CohesionIsTheMeanTrustAmongMembers) {
  Relationships rel(3);
  rel.set(0, 1, 3.0, 0.0);  // 0.8
  rel.set(1, 0, 0.0, 3.0);  // 0.2
  EXPECT_DOUBLE_EQ(rel.cohesion({0, 1}), 0.5);
  EXPECT_DOUBLE_EQ(rel.cohesion({0, 1, 2}), (0.8 + 0.2 + 4 * 0.5) / 6.0);
  EXPECT_DOUBLE_EQ(rel.trust_in(0, {0, 1, 2}), (0.8 + 0.5) / 2.0);
  EXPECT_TRUE(std::isnan(rel.cohesion({2})));
}

// Prevention at place: the referrals it avoids.
#include <gtest/gtest.h>

#include <cmath>
#include <string_view>
#include <utility>
#include <vector>

#include "common/run.hpp"
#include "common/systems.hpp"
#include "core/parallel.hpp"
#include "model/model.hpp"

using namespace icsim;

namespace {
[[maybe_unused]] std::vector<model::Sample> run(const model::Config& c, std::uint64_t rep = 0) {
  return test::run_model(c, rep);
}
[[maybe_unused]] double value(const model::Sample& s, std::string_view o, std::size_t i = 0) { return s.reals(o)[i]; }
[[maybe_unused]] std::int64_t count(const model::Sample& s, std::string_view o, std::size_t i = 0) {
  return s.ints(o)[i];
}
}  // namespace

TEST(Governance, PreventionAvoidsSomeOfTheSameReferralsAndOnlyThere) {
  // Common random numbers: with prevention, referrals + prevented = referrals without it, in
  // every place and interval; only Crane (the partnership's place) avoids any.
  const auto without = test::collaboration_system(700);
  auto with = without;
  model::PreventionConfig prevention;
  prevention.specialty = 0;
  prevention.effect = 0.10;
  prevention.target_quintiles = {1, 2};
  with.partnerships[0].programmes.push_back(prevention);
  const auto a = run(with), b = run(without);
  ASSERT_EQ(a.size(), b.size());
  const std::size_t T = with.trusts.size(), S = with.specialties.size();
  std::int64_t avoided = 0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    std::int64_t ra = 0, rb = 0;
    for (std::size_t l = 0; l < T * S; ++l) {
      ra += count(a[k], "referrals", l);
      rb += count(b[k], "referrals", l);
    }
    std::int64_t prevented = 0;
    for (std::size_t p = 0; p < with.places.size(); ++p) {
      prevented += count(a[k], "prevented_referrals", p);
      if (with.places[p].id != "crane") {
        EXPECT_EQ(count(a[k], "prevented_referrals", p), 0);
      }
    }
    EXPECT_EQ(ra + prevented, rb) << "interval " << k;
    if (a[k].step <= 365) {
      EXPECT_EQ(prevented, 0) << "before the lag";
    }
    avoided += prevented;
  }
  EXPECT_GT(avoided, 0);
}

// Mutual aid between mental-health trusts.
#include <gtest/gtest.h>

#include <cmath>
#include <string_view>
#include <utility>
#include <vector>

#include "common/run.hpp"
#include "common/systems.hpp"
#include "core/parallel.hpp"
#include "model/model.hpp"
#include <numeric>

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

TEST(Urgent, SharingMentalHealthBedsCutsOutOfAreaPlacements) {
  const auto none = test::mental_health_system(365, false);
  const auto shared = test::mental_health_system(365, true);
  std::int64_t a = 0, b = 0, placed = 0;
  for (std::uint64_t r = 0; r < 3; ++r) {
    const auto x = run(none, r), y = run(shared, r);
    for (std::size_t t = 0; t < 3; ++t) {
      for (const auto& smp : x) a += count(smp, "out_of_area_placements", t);
      for (const auto& smp : y) {
        b += count(smp, "out_of_area_placements", t);
        placed += count(smp, "placed_at_partners", t);
      }
    }
  }
  EXPECT_GT(a, 0);
  EXPECT_LT(b, a);
  EXPECT_GT(placed, 0);
}

TEST(Urgent, VerticalCollaborativeLendsBedsOnlyWithinAPlace) {
  // The three mental-health trusts in three places, collaborating vertically (partners at place)
  // and not ICS-wide: nobody is placed at a partner, and the runs are those without the
  // collaborative; with MW based in MN's place, only that pair lends.
  auto vertical = test::mental_health_system(365, true);
  vertical.collaboratives[0].kind = model::CollaborativeKind::vertical;
  const auto none = test::mental_health_system(365, false);
  const auto v = run(vertical), n = run(none);
  ASSERT_EQ(v.size(), n.size());
  for (std::size_t k = 0; k < v.size(); ++k) {
    for (std::size_t t = 0; t < 3; ++t) {
      ASSERT_EQ(count(v[k], "placed_at_partners", t), 0);
      ASSERT_EQ(count(v[k], "out_of_area_placements", t), count(n[k], "out_of_area_placements", t));
    }
  }
  auto shared_place = vertical;
  shared_place.trusts[2].place = 0;
  std::int64_t me = 0, pair = 0;
  for (const auto& smp : run(shared_place)) {
    me += count(smp, "placed_at_partners", 1);
    pair += count(smp, "placed_at_partners", 0) + count(smp, "placed_at_partners", 2);
  }
  EXPECT_EQ(me, 0);
  EXPECT_GT(pair, 0);
}

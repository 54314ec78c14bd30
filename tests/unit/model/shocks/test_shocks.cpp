// Shocks: intensities drawn from their own streams.
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

TEST(Urgent, ShocksDrawTheSameIntensityWhateverThePolicy) {
  auto high = test::urgent_system(30, true), low = test::urgent_system(30, true);
  test::add_pandemic(high);
  test::add_pandemic(low);
  test::acute_history(high, 8.0, 1.0);
  test::acute_history(low, 1.0, 6.0);
  model::Model a(high, 5), b(low, 5), c(high, 6);
  ASSERT_EQ(a.shock_intensity().size(), 1u);
  EXPECT_EQ(a.shock_intensity(), b.shock_intensity());
  EXPECT_NE(a.shock_intensity(), c.shock_intensity());  // another replication, another wave
  EXPECT_GT(a.shock_intensity()[0], 0.0);
}

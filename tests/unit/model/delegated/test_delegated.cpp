// Delegated budgets: the extra activity they buy.
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

TEST(Governance, DelegatedBudgetsBuyExtraActivityAtTheLongestWaits) {
  // GBP 4.8m a year at GBP 4000 a treatment buys 100 treatments a month.
  auto c = test::collaboration_system(366);
  c.collaboratives[0].delegated_budget = 4800000.0;
  const auto s = run(c);
  std::int64_t slots = 0;
  for (const auto& x : s) {
    for (auto v : x.counts[model::observable_index("delegated_slots")]) slots += v;
  }
  EXPECT_NEAR(static_cast<double>(slots), 11 * 100.0, 11 * 2.0);  // 11 full months after the first
}

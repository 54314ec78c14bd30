// Trust evidence: leadership turnover.
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

TEST(Governance, TurnoverResetsRelationshipsAndIsRecorded) {
  const auto c = test::collaboration_system(400);
  const auto s = run(c);
  auto changed = c;
  changed.turnover.push_back({200, "TD"});
  const auto r = test::run_to_end(changed, 0);
  const auto& t = r.samples;
  const auto& events = r.model->events<model::TurnoverRecord>();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].organisation, 3);
  EXPECT_GE(events[0].day, 200);
  EXPECT_LT(value(t[8], "mean_trust"), value(s[8], "mean_trust"));  // day 224: after it
}

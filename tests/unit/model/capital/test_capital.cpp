// Capital: needs-based awards and what losing does to trust.
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

TEST(Governance, NeedsBasedCapitalGoesToTheLongestWaitsAndLosersTrustWinnersLessUnlessBrokered) {
  const auto with_broker = test::run_to_end(test::collaboration_system(370), 0);
  const auto& brokered = with_broker.samples;
  auto no_broker = test::collaboration_system(370);
  no_broker.ics[0].honest_broker = false;
  const auto unbrokered = run(no_broker, 0);
  const auto& brokered_events = with_broker.model->events<model::CapitalEvent>();
  ASSERT_EQ(brokered_events.size(), 5u);  // every acute trust bids once in the year
  // The award goes to the rank-1 bid, the trust with the longest median wait (Dunmore, TD).
  const auto& winner = brokered_events[0];
  EXPECT_TRUE(winner.awarded);
  EXPECT_EQ(winner.rank, 1);
  EXPECT_EQ(winner.trust, 3);
  for (std::size_t k = 1; k < 5; ++k) EXPECT_FALSE(brokered_events[k].awarded);
  // Without the broker, mean trust afterwards is lower (same random numbers otherwise).
  EXPECT_LT(value(unbrokered.back(), "mean_trust"), value(brokered.back(), "mean_trust"));
}

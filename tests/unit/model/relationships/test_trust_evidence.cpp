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

TEST(Governance, TurnoverLoosensRelationshipsWithoutWipingThemAndIsRecorded) {
  // Stepping both runs to the month end of the turnover (day 213, 31 October): at that
  // moment every pair with TD keeps its trust (the other mechanisms of the day act before the
  // turnover phase and are the same in both runs), with a smaller weight of evidence.
  const auto c = test::collaboration_system(240);
  auto changed = c;
  changed.turnover.push_back({200, "TD"});
  model::Model a(c, 0), b(changed, 0);
  while (a.days_done() < 214) a.step(), b.step();
  const auto& ra = a.relationships();
  const auto& rb = b.relationships();
  const std::size_t td = 3;
  int loosened = 0;
  for (std::size_t j = 0; j < a.organisations(); ++j) {
    if (j == td || !ra.interacts(td, j)) continue;
    for (auto [x, y] : {std::pair{td, j}, std::pair{j, td}}) {
      EXPECT_NEAR(rb.trust(x, y), ra.trust(x, y), 1e-12);
      const double wa = ra.positive(x, y) + ra.negative(x, y), wb = rb.positive(x, y) + rb.negative(x, y);
      EXPECT_LE(wb, wa + 1e-12);
      loosened += wb < wa - 1e-9;
    }
  }
  EXPECT_GT(loosened, 0);
  const auto r = test::run_to_end(changed, 0);
  const auto& events = r.model->events<model::TurnoverRecord>();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].organisation, 3);
  EXPECT_GE(events[0].day, 200);
}

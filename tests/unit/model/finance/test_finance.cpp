// Money (docs/model.md §31): payment by block or by activity, costs of capacity, conservation of
// money between trusts and their ICB, the financial year, financial pressure and what it does.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "common/configs.hpp"
#include "common/run.hpp"
#include "common/systems.hpp"
#include "model/model.hpp"

using namespace icsim;

namespace {
double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

/// Two trusts (pooled: sharing a list), T1 with a short list, a sample every day, a year from
/// 1 April; commissioning as asked.
model::Config accounts(model::Commissioning how, double cost_ratio, bool pooled = true) {
  auto c = test::two_trusts(10.0, 12.0, 365, 15.0, pooled);
  c.trusts[0].initial[0] = {3000, 30.0};
  c.trusts[1].initial[0] = {100, 5.0};
  c.output.interval_days = 1;
  c.ics[0].commissioning = how;
  c.finance.cost_ratio = cost_ratio;
  return c;
}

struct Books {
  double income = 0, costs = 0, surplus = 0, treated_value = 0;
  int months = 0;
};

/// Steps a year; at each month's end checks the accounts against the month's treatments and the
/// pressure against the year-to-date balance.
Books run_year(const model::Config& c) {
  model::Model m(c, 0);
  Books b;
  const double tariff = c.pooling.tariff;
  std::vector<std::int64_t> month_treated(2, 0);
  while (!m.finished()) {
    m.step();
    const auto& s = m.sample();
    for (std::size_t t = 0; t < 2; ++t) month_treated[t] += s.ints("treated")[t];
    const double booked = sum(s.reals("elective_costs"));
    if (booked == 0.0) {
      EXPECT_EQ(sum(s.reals("elective_income")), 0.0);  // only month ends book
      continue;
    }
    ++b.months;
    for (std::size_t t = 0; t < 2; ++t) {
      const double income = s.reals("elective_income")[t], costs = s.reals("elective_costs")[t];
      const double planned = costs / c.finance.cost_ratio;
      if (c.ics[0].commissioning == model::Commissioning::transactional) {
        EXPECT_DOUBLE_EQ(income, static_cast<double>(month_treated[t]) * tariff) << "month " << b.months;
      } else {
        EXPECT_DOUBLE_EQ(income, planned);
      }
      EXPECT_DOUBLE_EQ(s.reals("surplus")[t], income - costs);
      const double balance = s.reals("balance")[t];
      const double expected = balance < 0 ? std::min(1.0, -balance / (c.finance.deficit_full * 12 * planned)) : 0.0;
      EXPECT_NEAR(s.reals("financial_pressure")[t], expected, 1e-12);
      b.treated_value += static_cast<double>(month_treated[t]) * tariff;
      month_treated[t] = 0;
    }
    // Money is conserved: what the trusts gain or lose the ICB loses or gains, but for what
    // capacity costs above or below the tariff.
    const double planned = sum(s.reals("elective_costs")) / c.finance.cost_ratio;
    EXPECT_NEAR(sum(s.reals("surplus")), planned * (1.0 - c.finance.cost_ratio), 1e-6 * planned);
    b.income += sum(s.reals("elective_income"));
    b.costs += booked;
    b.surplus += sum(s.reals("surplus"));
  }
  return b;
}
}  // namespace

TEST(Finance, BlockAndActivityPaymentsBalanceAtTheSystem) {
  for (bool pooled : {true, false}) {
    for (auto how : {model::Commissioning::collaborative, model::Commissioning::transactional}) {
      const auto b = run_year(accounts(how, 1.0, pooled));
      EXPECT_EQ(b.months, 12);
      EXPECT_NEAR(b.surplus, 0.0, 1e-6 * b.costs);
      if (how == model::Commissioning::transactional) {
        EXPECT_DOUBLE_EQ(b.income, b.treated_value);
        // Alone, T1 (10 referrals a day for 12 slots) leaves slots idle: paid for, earning nothing.
        if (!pooled) {
          EXPECT_LT(b.income, 0.99 * b.costs);
        }
      } else {
        EXPECT_DOUBLE_EQ(b.income, b.costs);
      }
    }
  }
}

TEST(Finance, CostsAboveTheTariffAreADeficit) {
  const auto b = run_year(accounts(model::Commissioning::collaborative, 1.05));
  EXPECT_NEAR(b.surplus, -0.05 * b.income, 1e-6 * b.income);
}

TEST(Finance, TheFinancialYearStartsAgainInApril) {
  auto c = accounts(model::Commissioning::collaborative, 1.1);
  c.run.start_date = {2024, 2, 1};
  c.run.days = 120;  // February to May
  model::Model m(c, 0);
  std::vector<double> balance, surplus;
  while (!m.finished()) {
    m.step();
    if (sum(m.sample().reals("elective_costs")) == 0.0) continue;
    balance.push_back(m.sample().reals("balance")[0]);
    surplus.push_back(m.sample().reals("surplus")[0]);
  }
  ASSERT_EQ(balance.size(), 3u);  // February, March, April (May is not complete)
  EXPECT_DOUBLE_EQ(balance[1], surplus[0] + surplus[1]);
  EXPECT_DOUBLE_EQ(balance[2], surplus[2]);  // April opens a new year
}

TEST(Finance, PressureLowersPledgesAndReleases) {
  // Costs far above the tariff put both trusts under full pressure within months; with no
  // effect of pressure the pool moves the patients it moves at cost_ratio 1.
  auto moved = [](double cost_ratio, double constraint,
                  model::Commissioning how = model::Commissioning::collaborative, double release = 0.5) {
    auto c = accounts(how, cost_ratio);
    c.finance.deficit_constraint = constraint;
    c.finance.release_pressure = release;
    model::Model m(c, 0);
    std::int64_t n = 0;
    while (!m.finished()) {
      m.step();
      n += m.sample().ints("transfers_in")[1];
    }
    return n;
  };
  const auto free = moved(1.0, 0.5);
  EXPECT_GT(free, 0);
  EXPECT_EQ(moved(2.0, 0.0), free);
  EXPECT_LT(moved(2.0, 1.0), free);  // full pressure, full constraint: nothing pledged
  // Under payment by activity, pressure lowers the chance of releasing patients (same draws).
  constexpr auto pbr = model::Commissioning::transactional;
  const auto released = moved(2.0, 0.0, pbr, 0.0);
  EXPECT_GT(released, 0);
  EXPECT_LT(moved(2.0, 0.0, pbr, 1.0), released);
}

TEST(Finance, TrustsUnderFullPressureAndConstraintGrantNoAid) {
  // Acute trusts with elective lists (whose accounts make the pressure) and beds to lend.
  auto c = test::urgent_system(365, true);
  auto all = [](const model::Sample& s) {
    const auto& v = s.ints("placed_at_partners");
    return std::accumulate(v.begin(), v.end(), std::int64_t{0});
  };
  std::int64_t placed = 0;
  for (const auto& s : test::run_model(c, 0)) placed += all(s);
  ASSERT_GT(placed, 0);
  c.finance.cost_ratio = 3.0;  // full pressure after the first month
  c.finance.deficit_constraint = 1.0;
  std::int64_t late = 0;
  for (const auto& s : test::run_model(c, 0)) {
    if (s.step > 62) late += all(s);
  }
  EXPECT_EQ(late, 0);
}

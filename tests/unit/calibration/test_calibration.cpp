// The calibration's pieces: calendars, arrivals inferred from weekly bands, the stock-and-flow
// baseline and the back-test errors, on hand-made lists.
#include <gtest/gtest.h>

#include "calibration/backtest.hpp"
#include "calibration/fit.hpp"
#include "calibration/stock_flow.hpp"

using namespace icsim;
using io::rtt::ListMonth;
using io::rtt::Month;

TEST(CalibrationCalendar, EnglandBankHolidaysFollowTheStandingRules) {
  using V = std::vector<std::pair<int, int>>;
  // 2015: Christmas on a Friday, Boxing Day's substitute on Monday 28th (gov.uk).
  EXPECT_EQ(calibration::england_bank_holidays(2015), (V{{1, 1}, {4, 3}, {4, 6}, {5, 4}, {5, 25}, {8, 31}, {12, 25}, {12, 28}}));
  // 2016: Christmas on a Sunday: Monday 26th and Tuesday 27th.
  EXPECT_EQ(calibration::england_bank_holidays(2016), (V{{1, 1}, {3, 25}, {3, 28}, {5, 2}, {5, 30}, {8, 29}, {12, 26}, {12, 27}}));
  // 2021: New Year's Day on a Friday, Christmas on a Saturday: 27th and 28th.
  EXPECT_EQ(calibration::england_bank_holidays(2021), (V{{1, 1}, {4, 2}, {4, 5}, {5, 3}, {5, 31}, {8, 30}, {12, 27}, {12, 28}}));
  const auto md = calibration::month_days({{2014, 12}, {2015, 2}});
  EXPECT_EQ(md[0].working, 21);  // 23 weekdays less Christmas and Boxing Day
  EXPECT_EQ(md[1].working, 20);
  EXPECT_EQ(md[1].first_weekday, 6);  // 1 February 2015 was a Sunday
}

TEST(Calibration, InfersArrivalsFromTheBandsOfTheMonth) {
  std::vector<ListMonth> m(2);
  for (int k = 0; k < 4; ++k) m[1].waiting[static_cast<std::size_t>(k)] = 100;
  m[1].waiting[4] = 70;  // waits 28..34 days: 1 of 7 days within a 28-day month
  m[1].waiting[9] = 1000;
  m[1].treated[0] = 70;  // waits 0..6 days, all in a 28-day month: (28 - w) / 28 referred in it
  const auto md = calibration::month_days({{2015, 1}, {2015, 2}});
  const double treated_new = 70.0 / 7.0 * (28 + 27 + 26 + 25 + 24 + 23 + 22) / 28.0;
  EXPECT_NEAR(calibration::arrivals(m, md, 0.0)[0], 400.0 + 10.0 + treated_new, 1e-9);
  m[1].starts = 555;  // Part_3 wins when published
  EXPECT_EQ(calibration::arrivals(m, md, 0.0)[0], 555.0);
}

TEST(StockFlow, ListInBalanceStaysInBalance) {
  ListMonth a;
  for (int k = 0; k < 60; ++k) a.waiting[static_cast<std::size_t>(k)] = 1000 - 15 * k;
  const std::vector<ListMonth> months = {a, a, a};
  const auto p = calibration::project_stock_flow(months, 3);
  const auto now = calibration::counts_of(calibration::to_months(a.waiting));
  ASSERT_EQ(p.size(), 3u);
  for (const auto& c : p) {
    EXPECT_NEAR(c.waiting, now.waiting, 1e-6 * now.waiting);
    EXPECT_NEAR(c.within_18, now.within_18, 1e-6 * now.waiting);
  }
  // The months-waited bins keep every patient, and the band counts agree at whole-week edges.
  EXPECT_NEAR(now.waiting, calibration::counts_of(a.waiting).waiting, 1e-6);
}

TEST(StockFlow, RemovalShareByMonthsWaitedIsWhatLeavesOtherThanByTreatment) {
  ListMonth a, b;
  for (int k = 0; k < 4; ++k) a.waiting[static_cast<std::size_t>(k)] = 1000;
  const auto before = calibration::to_months(a.waiting);
  // A month later: 60% still waiting in bin 1, 30% treated from bin 1, so 10% removed.
  b = ListMonth{};
  for (int k = 5; k < 8; ++k) b.waiting[static_cast<std::size_t>(k)] = static_cast<std::int64_t>(0.6 * before[0] / 3);
  for (int k = 5; k < 8; ++k) b.treated[static_cast<std::size_t>(k)] = static_cast<std::int64_t>(0.3 * before[0] / 3);
  const auto r = calibration::removal_by_months_waited({a, b});
  EXPECT_NEAR(r[0], 0.1, 0.002);
}

TEST(Backtest, ErrorsOfTheAggregateTheMedianListAndTheShare) {
  using calibration::Counts;
  const std::vector<std::vector<Counts>> observed = {{{100, 90, 0}}, {{200, 100, 0}}, {{0, 0, 0}}};
  calibration::Method m{"x", {{{110, 99, 0}}, {{180, 90, 0}}, {{5, 5, 0}}}};
  const auto e = calibration::errors(m, observed, 0);
  EXPECT_EQ(e.lists, 2u);                              // the empty list is not scored
  EXPECT_NEAR(e.aggregate_ape_pct, 100.0 * 5 / 300, 1e-9);  // 295 against 300
  EXPECT_NEAR(e.median_list_ape_pct, 10.0, 1e-9);      // 10% and 10%
  EXPECT_NEAR(e.within_18_points, 100.0 * std::abs(194.0 / 295 - 190.0 / 300), 1e-9);
}

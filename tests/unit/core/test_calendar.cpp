#include <gtest/gtest.h>

#include "core/calendar.hpp"

using icsim::core::Calendar;
using icsim::core::Date;

TEST(Calendar, MapsStepsToDatesAcrossMonthAndLeapYearBoundaries) {
  const Calendar c(Date{2024, 2, 28}, 5);
  EXPECT_EQ(c.date(0), (Date{2024, 2, 28}));
  EXPECT_EQ(c.date(1), (Date{2024, 2, 29}));
  EXPECT_EQ(c.date(2), (Date{2024, 3, 1}));
  EXPECT_EQ(c.date(-59), (Date{2023, 12, 31}));
  EXPECT_EQ(c.step_of(Date{2025, 2, 28}), 366);
  EXPECT_EQ(c.date(366).iso(), "2025-02-28");
}

TEST(Calendar, WorkingDaysCountFromMonday) {
  const Calendar five(Date{2024, 4, 1}, 5);  // 2024-04-01 is a Monday
  EXPECT_EQ(five.weekday(0), 0u);
  for (int d = 0; d < 5; ++d) EXPECT_TRUE(five.is_working_day(d)) << d;
  EXPECT_FALSE(five.is_working_day(5));  // Saturday
  EXPECT_FALSE(five.is_working_day(6));  // Sunday
  const Calendar six(Date{2024, 4, 1}, 6);
  EXPECT_TRUE(six.is_working_day(5));
  EXPECT_FALSE(six.is_working_day(6));
  const Calendar seven(Date{2024, 4, 1}, 7);
  EXPECT_TRUE(seven.is_working_day(6));
}

TEST(Calendar, NonWorkingDatesAreNotWorkingDays) {
  const Calendar c(Date{2024, 4, 1}, 5, {Date{2024, 5, 6}});  // early May bank holiday
  const int d = c.step_of(Date{2024, 5, 6});
  EXPECT_EQ(c.weekday(d), 0u);
  EXPECT_FALSE(c.is_working_day(d));
  EXPECT_TRUE(c.is_working_day(d + 1));
}

TEST(Calendar, DayOfYearAndMonthStarts) {
  const Calendar c(Date{2023, 12, 30}, 5);
  EXPECT_EQ(c.day_of_year(0), 364);
  EXPECT_EQ(c.day_of_year(2), 1);
  EXPECT_TRUE(c.is_first_of_month(2));
  EXPECT_FALSE(c.is_first_of_month(3));
}

TEST(Calendar, RejectsInvalidInput) {
  EXPECT_THROW(Calendar(Date{2023, 2, 29}, 5), std::invalid_argument);
  EXPECT_THROW(Calendar(Date{2024, 1, 1}, 0), std::invalid_argument);
  EXPECT_THROW(Calendar(Date{2024, 1, 1}, 8), std::invalid_argument);
}

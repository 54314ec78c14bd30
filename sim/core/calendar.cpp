#include "core/calendar.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace icsim::core {
namespace {
std::chrono::year_month_day to_ymd(const Date& d) {
  return std::chrono::year_month_day{std::chrono::year{d.year}, std::chrono::month{d.month},
                                     std::chrono::day{d.day}};
}
Date from_ymd(const std::chrono::year_month_day& ymd) {
  return Date{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
              static_cast<unsigned>(ymd.day())};
}
}  // namespace

std::string Date::iso() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, month, day);
  return buf;
}

bool Date::valid() const { return to_ymd(*this).ok(); }

Calendar::Calendar(Date start, int working_days_per_week, const std::vector<Date>& non_working)
    : start_(start), working_days_per_week_(working_days_per_week) {
  if (!start.valid()) throw std::invalid_argument("invalid start date " + start.iso());
  if (working_days_per_week < 1 || working_days_per_week > 7)
    throw std::invalid_argument("working_days_per_week must be in 1..7");
  start_days_ = std::chrono::sys_days{to_ymd(start)};
  for (const Date& d : non_working) {
    if (!d.valid()) throw std::invalid_argument("invalid non-working date " + d.iso());
    non_working_.push_back(step_of(d));
  }
  std::sort(non_working_.begin(), non_working_.end());
}

Date Calendar::date(Step d) const {
  return from_ymd(std::chrono::year_month_day{start_days_ + std::chrono::days{d}});
}

Step Calendar::step_of(Date date) const {
  return static_cast<Step>((std::chrono::sys_days{to_ymd(date)} - start_days_).count());
}

unsigned Calendar::weekday(Step d) const {
  return std::chrono::weekday{start_days_ + std::chrono::days{d}}.iso_encoding() - 1;
}

bool Calendar::is_working_day(Step d) const {
  if (static_cast<int>(weekday(d)) >= working_days_per_week_) return false;
  return !std::binary_search(non_working_.begin(), non_working_.end(), d);
}

int Calendar::day_of_year(Step d) const {
  const auto ymd = std::chrono::year_month_day{start_days_ + std::chrono::days{d}};
  const auto jan1 = std::chrono::sys_days{ymd.year() / std::chrono::January / 1};
  return static_cast<int>((std::chrono::sys_days{ymd} - jan1).count()) + 1;
}

bool Calendar::is_first_of_month(Step d) const { return date(d).day == 1; }

}  // namespace icsim::core

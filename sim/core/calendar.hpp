#pragma once
// Daily clock with a civil calendar: step d is the d-th day after the start date (step 0 = start).
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace icsim::core {

using Step = std::int32_t;  ///< day index since the start date

/// A civil date (proleptic Gregorian).
struct Date {
  int year = 2000;
  unsigned month = 1;  ///< 1..12
  unsigned day = 1;    ///< 1..31
  [[nodiscard]] std::string iso() const;  ///< "YYYY-MM-DD"
  friend bool operator==(const Date&, const Date&) = default;
  [[nodiscard]] bool valid() const;
};

class Calendar {
 public:
  /// working_days_per_week in 1..7: Monday to Monday+n-1 are working days.
  /// non_working: dates inside the run that are not working days (e.g. bank holidays).
  /// Throws std::invalid_argument on an invalid date or working_days_per_week.
  Calendar(Date start, int working_days_per_week, const std::vector<Date>& non_working = {});

  [[nodiscard]] Date start() const noexcept { return start_; }
  [[nodiscard]] Date date(Step d) const;                ///< civil date of step d
  [[nodiscard]] Step step_of(Date date) const;          ///< step of a date (may be negative)
  [[nodiscard]] unsigned weekday(Step d) const;         ///< 0 = Monday .. 6 = Sunday
  [[nodiscard]] bool is_working_day(Step d) const;
  [[nodiscard]] int day_of_year(Step d) const;          ///< 1..366
  [[nodiscard]] bool is_first_of_month(Step d) const;
  [[nodiscard]] int working_days_per_week() const noexcept { return working_days_per_week_; }

 private:
  std::chrono::sys_days start_days_;
  Date start_;
  int working_days_per_week_;
  std::vector<Step> non_working_;  // sorted
};

}  // namespace icsim::core

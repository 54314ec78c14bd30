#include "calibration/fit.hpp"

#include <nlopt.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "calibration/stock_flow.hpp"

namespace icsim::calibration {
namespace {

using io::rtt::kBands;
using io::rtt::ListMonth;

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/// Share of weekly band k (waits 7k..7k+6 days; at a month's end nobody has waited 0 days)
/// that lies in [lo, hi] days.
double band_share(int k, int lo, int hi) {
  const int a = k == 0 ? 1 : 7 * k;
  const int b = 7 * k + 6;
  const int from = std::max(a, lo), to = std::min(b, hi);
  if (to < from) return 0.0;
  return static_cast<double>(to - from + 1) / (b - a + 1);
}

/// Share of the completions of a D-day month in weekly band k (waits 7k..7k+6 days, counted from
/// 0: treated on the day of referral) that were referred in the same month: a completion on a
/// day uniform over the month with wait w was referred in it with probability (D - w) / D.
double treated_within(int k, int D) {
  double share = 0.0;
  for (int w = 7 * k; w <= 7 * k + 6 && w < D; ++w) share += static_cast<double>(D - w) / D / 7.0;
  return share;
}

double daily(double weekly) { return 1.0 - std::pow(1.0 - std::clamp(weekly, 0.0, 1.0), 1.0 / 7.0); }

/// The list at the end of month t+1 from its end of month t, as icsim's lists move on average:
/// each day arrivals join, completions leave on working days, then the daily hazard removes.
double step_list(double list, double arrivals, double treated, const MonthDays& md, double h_week) {
  const double hd = daily(h_week);
  // Arrivals and completions on working days (referrals_on_working_days, as the scenario).
  const double a = md.working > 0 ? arrivals / md.working : 0.0;
  const double c = md.working > 0 ? treated / md.working : 0.0;
  for (int d = 0; d < md.days; ++d) {
    if (md.is_working(d)) list = std::max(0.0, list + a - c);
    list *= 1.0 - hd;
  }
  return list;
}

struct Problem {
  const std::vector<ListMonth>* months;
  const std::vector<MonthDays>* days;
  std::size_t first = 1, last = 0;  ///< transitions into months first..last
  int evaluations = 0;
};

double objective(unsigned n, const double* x, double* grad, void* data) {
  (void)n;
  (void)grad;
  auto& p = *static_cast<Problem*>(data);
  ++p.evaluations;
  const auto& m = *p.months;
  const std::vector<double> a = arrivals(m, *p.days, x[0]);
  double sse = 0.0;
  for (std::size_t t = p.first; t <= p.last; ++t) {
    const double obs = static_cast<double>(m[t].waiting_total());
    const double pred = step_list(static_cast<double>(m[t - 1].waiting_total()), a[t - 1],
                                  static_cast<double>(m[t].treated_total()), (*p.days)[t], x[0]);
    const double r = (pred - obs) / std::max(obs, 1.0);
    sse += r * r;
  }
  return sse;
}

/// The weekly removal hazard that makes the list totals of transitions first..last balance.
double fit_hazard(Problem& p) {
  nlopt_opt opt = nlopt_create(NLOPT_LN_SBPLX, 1);
  const double lo = 0.0, hi = 0.5;
  nlopt_set_lower_bounds(opt, &lo);
  nlopt_set_upper_bounds(opt, &hi);
  nlopt_set_min_objective(opt, objective, &p);
  nlopt_set_xtol_abs1(opt, 1e-7);
  nlopt_set_maxeval(opt, 400);
  double x = 0.01, f = 0.0;
  const nlopt_result r = nlopt_optimize(opt, &x, &f);
  nlopt_destroy(opt);
  if (r < 0) throw std::runtime_error("calibration: NLopt failed to fit the removal hazard (code " + std::to_string(r) + ")");
  return x;
}

Estimate mean_se(const std::vector<double>& v) {
  Estimate e;
  if (v.empty()) return e;
  e.value = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  if (v.size() > 1) {
    double ss = 0.0;
    for (double x : v) ss += (x - e.value) * (x - e.value);
    e.se = std::sqrt(ss / static_cast<double>(v.size() - 1) / static_cast<double>(v.size()));
  }
  return e;
}

}  // namespace

namespace {
int weekday(int y, int m, int d) { return ((days_from_civil(y, m, d) % 7) + 7 + 3) % 7; }  // 1970-01-01: Thursday
}  // namespace

std::vector<std::pair<int, int>> england_bank_holidays(int y) {
  std::vector<std::pair<int, int>> out;
  auto from_z = [](int z) {  // days since 1970 -> (month, day), within the year
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    return std::pair{mp < 10 ? mp + 3 : mp - 9, doy - (153 * mp + 2) / 5 + 1};
  };
  const int jan1 = days_from_civil(y, 1, 1);
  out.push_back(from_z(jan1 + (weekday(y, 1, 1) == 5 ? 2 : weekday(y, 1, 1) == 6 ? 1 : 0)));
  // Easter Sunday (anonymous Gregorian algorithm).
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int easter = days_from_civil(y, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1);
  out.push_back(from_z(easter - 2));
  out.push_back(from_z(easter + 1));
  const int may1 = days_from_civil(y, 5, 1);
  out.push_back(from_z(may1 + (7 - weekday(y, 5, 1)) % 7));
  const int may31 = days_from_civil(y, 5, 31), aug31 = days_from_civil(y, 8, 31);
  out.push_back(from_z(may31 - weekday(y, 5, 31)));
  out.push_back(from_z(aug31 - weekday(y, 8, 31)));
  const int xmas = days_from_civil(y, 12, 25), wd = weekday(y, 12, 25);
  // Christmas on Saturday: Mon 27 and Tue 28; on Sunday: Mon 26 and Tue 27; on Friday: Fri and Mon 28.
  const int first = wd == 5 ? xmas + 2 : wd == 6 ? xmas + 1 : xmas;
  const int second = wd == 5 || wd == 6 ? first + 1 : wd == 4 ? xmas + 3 : xmas + 1;
  out.push_back(from_z(first));
  out.push_back(from_z(second));
  return out;
}

std::vector<MonthDays> month_days(const std::vector<io::rtt::Month>& months) {
  std::vector<MonthDays> out;
  for (const auto& m : months) {
    MonthDays md;
    md.days = m.days();
    md.first_weekday = weekday(m.year, m.month, 1);
    for (const auto& [hm, hd] : england_bank_holidays(m.year)) {
      if (hm == m.month) md.holidays.push_back(hd - 1);
    }
    for (int d = 0; d < md.days; ++d) md.working += md.is_working(d) ? 1 : 0;
    out.push_back(md);
  }
  return out;
}

std::vector<double> arrivals(const std::vector<ListMonth>& months, const std::vector<MonthDays>& days, double h) {
  std::vector<double> out;
  for (std::size_t t = 1; t < months.size(); ++t) {
    const ListMonth& m = months[t];
    if (m.starts >= 0) {
      out.push_back(static_cast<double>(m.starts));
      continue;
    }
    const int D = days[t].days;
    double waiting_new = 0.0, treated_new = 0.0;
    for (int k = 0; 7 * k <= D; ++k) {
      waiting_new += band_share(k, 1, D) * static_cast<double>(m.waiting[static_cast<std::size_t>(k)]);
      treated_new += treated_within(k, D) * static_cast<double>(m.treated[static_cast<std::size_t>(k)]);
    }
    // Of those who arrived in the month, about D/2 days at risk of removal each.
    out.push_back(waiting_new / std::pow(1.0 - daily(h), D / 2.0) + treated_new);
  }
  return out;
}

namespace {

/// Log-linear trend of arrivals per day (per year), kept only when its t-statistic is >= 2.
void fit_trend(const std::vector<double>& per_day, const std::vector<MonthDays>& days, ListFit& f) {
  const std::size_t n = per_day.size();
  std::vector<double> x, y;
  double at = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    at += days[i + 1].days / 365.25;
    if (per_day[i] > 0.0) {
      x.push_back(at);
      y.push_back(std::log(per_day[i]));
    }
  }
  f.referrals_per_day = mean_se(per_day);
  if (x.size() < 3) return;
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size()),
               my = std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(y.size());
  double sxx = 0.0, sxy = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxx += (x[i] - mx) * (x[i] - mx);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  const double b = sxy / sxx;
  double sse = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) sse += std::pow(y[i] - my - b * (x[i] - mx), 2);
  const double se = std::sqrt(sse / static_cast<double>(x.size() - 2) / sxx);
  f.growth_per_year.se = std::expm1(se);
  if (std::abs(b) >= 2.0 * se && se > 0.0) {
    f.growth_per_year.value = std::expm1(b);
    f.referrals_per_day.value = std::exp(my + b * (x.back() - mx));
  }
}

}  // namespace

ListFit fit_list(const std::vector<ListMonth>& months, const std::vector<MonthDays>& days) {
  if (months.size() < 2 || days.size() != months.size()) {
    throw std::invalid_argument("calibration: a list needs at least two months (one transition) to fit");
  }
  ListFit f;
  f.starts_published = months.back().starts >= 0;
  f.initial = months.back().waiting;
  // Capacity: completions per working day, month by month.
  std::vector<double> cap;
  for (std::size_t t = 1; t < months.size(); ++t) {
    cap.push_back(static_cast<double>(months[t].treated_total()) / std::max(days[t].working, 1));
  }
  f.capacity_per_working_day = mean_se(cap);
  // Removal hazard: all transitions together, then each alone for its standard error.
  Problem all{&months, &days, 1, months.size() - 1};
  f.removal_hazard_per_week.value = fit_hazard(all);
  f.evaluations = all.evaluations;
  if (months.size() > 2) {
    std::vector<double> each;
    for (std::size_t t = 1; t < months.size(); ++t) {
      Problem one{&months, &days, t, t};
      each.push_back(fit_hazard(one));
      f.evaluations += one.evaluations;
    }
    f.removal_hazard_per_week.se = mean_se(each).se;
  }
  const std::vector<double> a = arrivals(months, days, f.removal_hazard_per_week.value);
  std::vector<double> per_day;
  double arrived = 0.0, treated_at_once = 0.0;
  for (std::size_t t = 1; t < months.size(); ++t) {
    per_day.push_back(a[t - 1] / std::max(days[t].working, 1));
    arrived += a[t - 1];
    for (int k = 0; 7 * k < days[t].days; ++k) {
      treated_at_once += treated_within(k, days[t].days) * static_cast<double>(months[t].treated[static_cast<std::size_t>(k)]);
    }
  }
  fit_trend(per_day, days, f);
  // Those treated within their month of referral are icsim's P2 (treated first); never more
  // than 90% of capacity, or P3/P4 patients would never be reached.
  double p2 = arrived > 0.0 ? treated_at_once / arrived : 0.0;
  if (f.referrals_per_day.value > 0.0) p2 = std::min(p2, 0.9 * f.capacity_per_working_day.value / f.referrals_per_day.value);
  f.p2_share = std::clamp(p2, 0.0, 0.95);
  f.removal_by_month = removal_by_months_waited(months);
  return f;
}

}  // namespace icsim::calibration

#include "calibration/backtest.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace icsim::calibration {

Errors errors(const Method& m, const std::vector<std::vector<Counts>>& observed, std::size_t t) {
  Errors e;
  Counts f_all, o_all;
  std::vector<double> ape;
  for (std::size_t l = 0; l < observed.size(); ++l) {
    const Counts& o = observed[l][t];
    const Counts& f = m.forecast[l][t];
    f_all.waiting += f.waiting;
    f_all.within_18 += f.within_18;
    o_all.waiting += o.waiting;
    o_all.within_18 += o.within_18;
    if (o.waiting > 0) ape.push_back(100.0 * std::abs(f.waiting - o.waiting) / o.waiting);
  }
  e.lists = ape.size();
  e.aggregate_ape_pct = o_all.waiting > 0 ? 100.0 * std::abs(f_all.waiting - o_all.waiting) / o_all.waiting : 0.0;
  if (!ape.empty()) {
    std::sort(ape.begin(), ape.end());
    const std::size_t n = ape.size();
    e.median_list_ape_pct = n % 2 ? ape[n / 2] : 0.5 * (ape[n / 2 - 1] + ape[n / 2]);
  }
  const double fs = f_all.waiting > 0 ? f_all.within_18 / f_all.waiting : 0.0;
  const double os = o_all.waiting > 0 ? o_all.within_18 / o_all.waiting : 0.0;
  e.within_18_points = 100.0 * std::abs(fs - os);
  return e;
}

std::string backtest_csv(const std::vector<Method>& methods, const std::vector<std::vector<Counts>>& observed,
                         const std::vector<std::string>& periods) {
  std::ostringstream os;
  os << "method,period,lists,aggregate_ape_pct,median_list_ape_pct,within_18_share_error_points\n";
  os << std::fixed << std::setprecision(3);
  for (const Method& m : methods) {
    Errors mean;
    for (std::size_t t = 0; t < periods.size(); ++t) {
      const Errors e = errors(m, observed, t);
      os << m.name << "," << periods[t] << "," << e.lists << "," << e.aggregate_ape_pct << "," << e.median_list_ape_pct
         << "," << e.within_18_points << "\n";
      mean.aggregate_ape_pct += e.aggregate_ape_pct / static_cast<double>(periods.size());
      mean.median_list_ape_pct += e.median_list_ape_pct / static_cast<double>(periods.size());
      mean.within_18_points += e.within_18_points / static_cast<double>(periods.size());
      mean.lists = std::max(mean.lists, e.lists);
    }
    os << m.name << ",all," << mean.lists << "," << mean.aggregate_ape_pct << "," << mean.median_list_ape_pct << ","
       << mean.within_18_points << "\n";
  }
  return os.str();
}

}  // namespace icsim::calibration

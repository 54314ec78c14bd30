#include "core/stats.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <stdexcept>

namespace icsim::core {

double t_quantile_975(std::size_t df) {
  if (df < 1) throw std::invalid_argument("t quantile needs df >= 1");
  return boost::math::quantile(boost::math::students_t(static_cast<double>(df)), 0.975);
}

Summary summarise(std::span<const double> xs) {
  Summary s;
  double sum = 0.0;
  for (double x : xs) {
    if (std::isfinite(x)) {
      sum += x;
      ++s.n;
    }
  }
  if (s.n == 0) {
    s.mean = s.ci_low = s.ci_high = std::nan("");
    return s;
  }
  s.mean = sum / static_cast<double>(s.n);
  s.ci_low = s.ci_high = s.mean;
  if (s.n < 2) return s;
  double ss = 0.0;
  for (double x : xs) {
    if (std::isfinite(x)) ss += (x - s.mean) * (x - s.mean);
  }
  s.sd = std::sqrt(ss / static_cast<double>(s.n - 1));
  s.se = s.sd / std::sqrt(static_cast<double>(s.n));
  const double half = t_quantile_975(s.n - 1) * s.se;
  s.ci_low = s.mean - half;
  s.ci_high = s.mean + half;
  return s;
}

}  // namespace icsim::core

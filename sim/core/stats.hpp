#pragma once
// Summary statistics across replications: mean, standard deviation, standard error and the
// Student-t 95% confidence interval of the mean.
#include <cstddef>
#include <span>

namespace icsim::core {

struct Summary {
  std::size_t n = 0;
  double mean = 0.0;
  double sd = 0.0;       ///< sample standard deviation (n-1); 0 when n < 2
  double se = 0.0;       ///< standard error of the mean
  double ci_low = 0.0;   ///< 95% interval, t distribution with n-1 degrees of freedom
  double ci_high = 0.0;  ///< equal to the mean when n < 2
};

/// Summarises the finite values of xs (NaNs are ignored). Sums in index order, so the result
/// does not depend on how the values were produced.
Summary summarise(std::span<const double> xs);

/// Two-sided 95% quantile of Student's t with df degrees of freedom (df >= 1).
double t_quantile_975(std::size_t df);

}  // namespace icsim::core

#pragma once
// A categorical (discrete) distribution drawn by inverse CDF from one Boost.Random uniform_01
// variate, so that each draw consumes exactly one 64-bit value. (Boost's discrete_distribution
// uses the alias method and two values per draw.)
#include <boost/random/uniform_01.hpp>

#include <cstddef>
#include <span>
#include <stdexcept>
#include <vector>

namespace icsim::core {

class Categorical {
 public:
  Categorical() = default;
  /// Weights need not sum to 1; at least one must be positive and none negative.
  explicit Categorical(std::span<const double> weights) {
    double total = 0.0;
    for (double w : weights) {
      if (!(w >= 0.0)) throw std::invalid_argument("categorical weight must be >= 0");
      total += w;
    }
    if (!(total > 0.0)) throw std::invalid_argument("categorical weights sum to zero");
    double acc = 0.0;
    for (double w : weights) {
      acc += w;
      cdf_.push_back(acc / total);
    }
    cdf_.back() = 1.0;
  }

  /// The index i with cdf[i-1] <= u < cdf[i] for u ~ U[0,1); zero-weight categories never occur.
  template <class Engine>
  std::size_t operator()(Engine& eng) const {
    const double u = boost::random::uniform_01<double>()(eng);
    std::size_t i = 0;
    while (i + 1 < cdf_.size() && u >= cdf_[i]) ++i;
    return i;
  }

  [[nodiscard]] std::size_t size() const noexcept { return cdf_.size(); }

 private:
  std::vector<double> cdf_;
};

}  // namespace icsim::core

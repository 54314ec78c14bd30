#include "model/relationships/relationships.hpp"

#include <cmath>

namespace icsim::model {

double Relationships::cohesion(const std::vector<int>& members) const {
  double sum = 0.0;
  std::size_t n = 0;
  for (int a : members) {
    for (int b : members) {
      if (a == b) continue;
      sum += trust(static_cast<std::size_t>(a), static_cast<std::size_t>(b));
      ++n;
    }
  }
  return n ? sum / static_cast<double>(n) : std::nan("");
}

double Relationships::trust_in(std::size_t i, const std::vector<int>& members) const {
  double sum = 0.0;
  std::size_t n = 0;
  for (int b : members) {
    if (static_cast<std::size_t>(b) == i) continue;
    sum += trust(i, static_cast<std::size_t>(b));
    ++n;
  }
  return n ? sum / static_cast<double>(n) : std::nan("");
}

}  // namespace icsim::model

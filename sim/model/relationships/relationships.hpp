#pragma once
// Trust between organisations: the Beta reputation model (Josang and Ismail 2002). For each
// ordered pair (i, j), i's evidence about j is r (positive) and s (negative) experience;
//   trust       T = (r + 1) / (r + s + 2)        (the expected value of Beta(r + 1, s + 1))
//   reputation  R = (r - s) / (r + s + 2)        (in (-1, 1))
// and each month old evidence is discounted: r <- lambda r, s <- lambda s.
#include <algorithm>
#include <cstddef>
#include <vector>

namespace icsim::model {

class Relationships {
 public:
  Relationships() = default;
  explicit Relationships(std::size_t organisations)
      : n_(organisations), r_(n_ * n_, 0.0), s_(n_ * n_, 0.0), interacts_(n_ * n_, 0) {}

  [[nodiscard]] std::size_t size() const noexcept { return n_; }
  [[nodiscard]] double positive(std::size_t i, std::size_t j) const { return r_[i * n_ + j]; }
  [[nodiscard]] double negative(std::size_t i, std::size_t j) const { return s_[i * n_ + j]; }
  /// i's trust in j: (r + 1) / (r + s + 2); 0.5 without evidence.
  [[nodiscard]] double trust(std::size_t i, std::size_t j) const {
    return (r_[i * n_ + j] + 1.0) / (r_[i * n_ + j] + s_[i * n_ + j] + 2.0);
  }
  [[nodiscard]] double reputation(std::size_t i, std::size_t j) const {
    return (r_[i * n_ + j] - s_[i * n_ + j]) / (r_[i * n_ + j] + s_[i * n_ + j] + 2.0);
  }

  /// Adds evidence of i about j (both >= 0) and marks the pair as interacting.
  void add(std::size_t i, std::size_t j, double positive, double negative) {
    r_[i * n_ + j] += positive;
    s_[i * n_ + j] += negative;
    interacts_[i * n_ + j] = 1;
  }
  /// Sets i's evidence about j (a prior) and marks the pair as interacting.
  void set(std::size_t i, std::size_t j, double positive, double negative) {
    r_[i * n_ + j] = positive;
    s_[i * n_ + j] = negative;
    interacts_[i * n_ + j] = 1;
  }
  void mark(std::size_t i, std::size_t j) { interacts_[i * n_ + j] = 1; }
  [[nodiscard]] bool interacts(std::size_t i, std::size_t j) const { return interacts_[i * n_ + j]; }

  /// Monthly forgetting: every pair's evidence times lambda (0 < lambda <= 1).
  void forget(double lambda) {
    for (auto& x : r_) x *= lambda;
    for (auto& x : s_) x *= lambda;
  }
  /// Leadership turnover at organisation k, both ways: each pair's trust keeps its value while
  /// its weight of evidence r + s + 2 falls to `retention` of what it was (never below what the
  /// Beta(r + 1, s + 1) form allows: r, s >= 0). Negative experience is not wiped: a distrusted
  /// organisation stays distrusted, but new leaders' acts now move trust faster.
  void loosen(std::size_t k, double retention) {
    for (std::size_t j = 0; j < n_; ++j) {
      if (j == k) continue;
      loosen_pair(k * n_ + j, retention);
      loosen_pair(j * n_ + k, retention);
    }
  }

  /// Mean trust over the ordered pairs among `members` (i != j); NaN with fewer than two.
  [[nodiscard]] double cohesion(const std::vector<int>& members) const;
  /// Mean trust of i in the others of `members`; NaN if there are none.
  [[nodiscard]] double trust_in(std::size_t i, const std::vector<int>& members) const;

  template <class Ar>
  void serialize(Ar& ar) {
    ar(n_, r_, s_, interacts_);
  }

  [[nodiscard]] const std::vector<double>& positive_evidence() const noexcept { return r_; }
  [[nodiscard]] const std::vector<double>& negative_evidence() const noexcept { return s_; }

 private:
  void loosen_pair(std::size_t x, double retention) {
    const double n = r_[x] + s_[x] + 2.0, t = (r_[x] + 1.0) / n;
    const double kept = std::max(retention * n, 1.0 / std::min(t, 1.0 - t));
    if (kept >= n) return;
    r_[x] = std::max(0.0, t * kept - 1.0);
    s_[x] = std::max(0.0, (1.0 - t) * kept - 1.0);
  }

  std::size_t n_ = 0;
  std::vector<double> r_, s_;
  std::vector<char> interacts_;
};

}  // namespace icsim::model

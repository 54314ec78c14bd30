#pragma once
// Trust between organisations: the Beta reputation model (Josang and Ismail 2002). For each
// ordered pair (i, j), i's evidence about j is r (positive) and s (negative) experience;
//   trust       T = (r + 1) / (r + s + 2)        (the expected value of Beta(r + 1, s + 1))
//   reputation  R = (r - s) / (r + s + 2)        (in (-1, 1))
// and each month old evidence is discounted: r <- lambda r, s <- lambda s.
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
  /// Leadership turnover at organisation k: its evidence about others, and others' evidence
  /// about it, times `retention`.
  void discount(std::size_t k, double retention) {
    for (std::size_t j = 0; j < n_; ++j) {
      r_[k * n_ + j] *= retention;
      s_[k * n_ + j] *= retention;
      r_[j * n_ + k] *= retention;
      s_[j * n_ + k] *= retention;
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
  std::size_t n_ = 0;
  std::vector<double> r_, s_;
  std::vector<char> interacts_;
};

}  // namespace icsim::model

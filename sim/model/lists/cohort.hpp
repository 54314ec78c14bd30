#pragma once
// Exact counts of waiting patients by referral day, kept up to date at every event, so that wait
// distributions can be read at any time without visiting patient records. Memory grows with the
// span of referral days waiting (typically a few hundred days), not with the number of patients.
#include <algorithm>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

namespace icsim::model {

class Cohort {
 public:
  void add(std::int32_t day, std::uint32_t n = 1) {
    if (counts_.empty()) {
      base_ = day;
    } else if (day < base_) {
      counts_.insert(counts_.begin(), static_cast<std::size_t>(base_ - day), 0u);
      base_ = day;
    }
    const auto i = static_cast<std::size_t>(day - base_);
    if (i >= counts_.size()) counts_.resize(i + 1, 0u);
    counts_[i] += n;
    total_ += n;
  }

  /// Removes one patient referred on `day`; throws std::logic_error if there is none.
  void remove(std::int32_t day) {
    const auto i = static_cast<std::size_t>(day - base_);
    if (day < base_ || i >= counts_.size() || counts_[i] == 0)
      throw std::logic_error("cohort: no waiting patient referred on that day");
    --counts_[i];
    --total_;
  }

  /// Drops leading empty days (call now and then to keep the span short).
  void trim() {
    std::size_t k = 0;
    while (k < counts_.size() && counts_[k] == 0) ++k;
    if (k == counts_.size()) {
      counts_.clear();
    } else if (k > 0) {
      counts_.erase(counts_.begin(), counts_.begin() + static_cast<std::ptrdiff_t>(k));
      base_ += static_cast<std::int32_t>(k);
    }
    if (counts_.capacity() > 2 * counts_.size() + 64) counts_.shrink_to_fit();
  }

  /// Calls f(referral_day, count) for each day with waiting patients, oldest first.
  template <class F>
  void for_each(F&& f) const {
    for (std::size_t i = 0; i < counts_.size(); ++i) {
      if (counts_[i]) f(base_ + static_cast<std::int32_t>(i), counts_[i]);
    }
  }

  [[nodiscard]] std::int64_t total() const noexcept { return total_; }
  template <class Ar>
  void serialize(Ar& ar) {
    ar(counts_, base_, total_);
  }
  [[nodiscard]] std::size_t allocated_bytes() const noexcept {
    return counts_.capacity() * sizeof(std::uint32_t);
  }

 private:
  std::vector<std::uint32_t> counts_;
  std::int32_t base_ = 0;  ///< referral day of counts_[0]
  std::int64_t total_ = 0;
};

}  // namespace icsim::model

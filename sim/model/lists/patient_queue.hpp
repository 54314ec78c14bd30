#pragma once
// A FIFO of patients ordered by referral day (oldest at the front): a ring buffer, so popping the
// front frees its slot at once, growing by a quarter when full (not doubling) to keep memory per
// waiting patient close to the record size. Records of removed patients stay until compact().
#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "model/lists/patient.hpp"

namespace icsim::model {

class PatientQueue {
 public:
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] const Patient& front() const noexcept { return buf_[head_]; }
  /// The i-th record from the front (0 <= i < size()).
  [[nodiscard]] const Patient& operator[](std::size_t i) const noexcept { return buf_[wrap(head_ + i)]; }
  [[nodiscard]] Patient& at(std::size_t i) noexcept { return buf_[wrap(head_ + i)]; }

  /// Removes the i-th record, keeping the order of the others: O(i), for records near the front.
  void erase_at(std::size_t i) noexcept {
    for (std::size_t j = i; j > 0; --j) buf_[wrap(head_ + j)] = buf_[wrap(head_ + j - 1)];
    pop_front();
  }

  /// Index of the first record referred on or after `day` (records are in referral-day order).
  [[nodiscard]] std::size_t lower_bound(std::int32_t day) const noexcept {
    std::size_t lo = 0, hi = size_;
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      if ((*this)[mid].referral_day() < day) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /// The records front to back as (at most) two contiguous spans.
  [[nodiscard]] std::array<std::span<const Patient>, 2> segments() const noexcept {
    const std::size_t first = std::min(size_, buf_.size() - head_);
    return {std::span<const Patient>(buf_.data() + head_, first),
            std::span<const Patient>(buf_.data(), size_ - first)};
  }

  void push_back(const Patient& p) {
    if (size_ == buf_.size()) grow(size_ + 1);
    buf_[wrap(head_ + size_)] = p;
    ++size_;
  }

  void pop_front() noexcept {
    head_ = head_ + 1 == buf_.size() ? 0 : head_ + 1;
    if (--size_ == 0) head_ = 0;
  }

  /// Inserts keeping referral-day order; among equal days the new record goes last.
  void insert_sorted(const Patient& p) {
    linearise(size_ + 1);
    auto end = buf_.begin() + static_cast<std::ptrdiff_t>(size_);
    auto it = std::upper_bound(buf_.begin(), end, p.referral_code,
                               [](std::uint16_t d, const Patient& q) { return d < q.referral_code; });
    std::move_backward(it, end, end + 1);
    *it = p;
    ++size_;
  }

  /// Visits every record front to back; removes (stably) those for which keep(record) is false.
  template <class Keep>
  void compact(Keep&& keep) {
    Patient* b = buf_.data();
    const std::size_t cap = buf_.size();
    const std::size_t first = std::min(size_, cap - head_);  // records before the wrap point
    std::size_t w = head_, kept = 0;
    for (std::size_t r = head_; r < head_ + first; ++r) {
      const Patient p = b[r];
      if (keep(p)) {
        b[w++] = p;
        ++kept;
      }
    }
    for (std::size_t r = 0; r < size_ - first; ++r) {
      const Patient p = b[r];
      if (keep(p)) {
        if (w == cap) w = 0;
        b[w++] = p;
        ++kept;
      }
    }
    size_ = kept;
    if (size_ == 0) head_ = 0;
    if (cap > size_ + size_ / 4 + 64) reallocate(size_ + size_ / 8 + 16);
  }

  /// Replaces the content with records already sorted by referral day.
  void assign(std::vector<Patient> sorted) {
    buf_ = std::move(sorted);
    buf_.shrink_to_fit();
    head_ = 0;
    size_ = buf_.size();
  }

  [[nodiscard]] std::size_t allocated_bytes() const noexcept {
    return buf_.capacity() * sizeof(Patient);
  }

  /// Checkpoints: the records in order (the ring's capacity is not state).
  template <class Ar>
  void serialize(Ar& ar) {
    if (ar.loading()) {
      std::vector<Patient> records;
      ar.io(records);
      assign(std::move(records));
    } else {
      std::vector<Patient> records(size_);
      for (std::size_t i = 0; i < size_; ++i) records[i] = buf_[wrap(head_ + i)];
      ar.io(records);
    }
  }

 private:
  [[nodiscard]] std::size_t wrap(std::size_t i) const noexcept {
    return i >= buf_.size() ? i - buf_.size() : i;
  }
  void grow(std::size_t needed) {
    reallocate(std::max(needed, buf_.size() + buf_.size() / 4 + 16));
  }
  /// Moves the records to a new buffer of `capacity` slots, front first at index 0.
  void reallocate(std::size_t capacity) {
    std::vector<Patient> next(capacity);
    for (std::size_t i = 0; i < size_; ++i) next[i] = buf_[wrap(head_ + i)];
    buf_ = std::move(next);
    head_ = 0;
  }
  /// Makes the records contiguous from index 0 with room for `capacity` records.
  void linearise(std::size_t capacity) {
    if (head_ == 0 && buf_.size() >= capacity) return;
    reallocate(std::max(capacity, buf_.size()));
  }

  std::vector<Patient> buf_;  // size() is the ring's capacity
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace icsim::model

#pragma once
// A binary archive for checkpoints: one function lists an object's state and serves both
// directions (ar.io(x) writes when saving, reads when loading). Trivially copyable values and
// vectors of them are copied as bytes; types with `template <class Ar> void serialize(Ar&)`
// list their members. Not a portable format: a checkpoint is read by the same build.
#include <array>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace icsim::core {

template <class T> struct is_vector : std::false_type {};
template <class T, class A> struct is_vector<std::vector<T, A>> : std::true_type {};
template <class T> struct is_array : std::false_type {};
template <class T, std::size_t N> struct is_array<std::array<T, N>> : std::true_type {};
template <class T> struct is_pair : std::false_type {};
template <class A, class B> struct is_pair<std::pair<A, B>> : std::true_type {};

class Archive {
 public:
  /// An archive to save into.
  Archive() = default;
  /// An archive to load from `bytes`.
  explicit Archive(std::vector<std::uint8_t> bytes) : bytes_(std::move(bytes)), loading_(true) {}

  [[nodiscard]] bool loading() const noexcept { return loading_; }
  [[nodiscard]] const std::vector<std::uint8_t>& bytes() const noexcept { return bytes_; }
  /// Throws unless every byte was read (the state layout matched).
  void expect_end() const {
    if (pos_ != bytes_.size()) throw std::runtime_error("checkpoint: state has unread bytes (a different icsim build?)");
  }

  template <class T>
  void io(T& x) {
    if constexpr (requires { x.serialize(*this); }) {
      x.serialize(*this);
    } else if constexpr (std::is_same_v<T, std::string>) {
      std::uint64_t n = x.size();
      raw(&n, sizeof n);
      if (loading_) {
        fits(n, 1);
        x.resize(n);
      }
      raw(x.data(), n);
    } else if constexpr (is_vector<T>::value) {
      std::uint64_t n = x.size();
      raw(&n, sizeof n);
      using V = typename T::value_type;
      constexpr bool as_bytes = std::is_trivially_copyable_v<V> && !std::is_same_v<V, bool> &&
                                !requires(V& v) { v.serialize(*this); };
      if (loading_) {
        // Every element takes at least one byte (copied as bytes: sizeof(V)): a count the
        // remaining bytes cannot hold is refused before anything is allocated.
        fits(n, as_bytes ? sizeof(V) : 1);
        x.resize(n);
      }
      if constexpr (as_bytes) {
        raw(x.data(), n * sizeof(V));
      } else {
        for (auto& e : x) io(e);
      }
    } else if constexpr (is_array<T>::value) {
      for (auto& e : x) io(e);
    } else if constexpr (is_pair<T>::value) {
      io(x.first);
      io(x.second);
    } else {
      static_assert(std::is_trivially_copyable_v<T>, "Archive: give this type a serialize(Ar&) member");
      raw(&x, sizeof x);
    }
  }

  template <class... T>
  void operator()(T&... xs) {
    (io(xs), ...);
  }

 private:
  void fits(std::uint64_t count, std::size_t size) const {
    if (count > (bytes_.size() - pos_) / size) throw std::runtime_error("checkpoint: state is truncated or damaged");
  }

  void raw(void* p, std::size_t n) {
    if (n == 0) return;
    if (loading_) {
      if (pos_ + n > bytes_.size()) throw std::runtime_error("checkpoint: state is truncated");
      std::memcpy(p, bytes_.data() + pos_, n);
      pos_ += n;
    } else {
      const auto* b = static_cast<const std::uint8_t*>(p);
      bytes_.insert(bytes_.end(), b, b + n);
    }
  }

  std::vector<std::uint8_t> bytes_;
  std::size_t pos_ = 0;
  bool loading_ = false;
};

}  // namespace icsim::core

#pragma once
// Stable 64-bit hashes used to key random streams by entity identity (not by container position),
// so that adding, removing or reordering entities in a scenario never shifts another entity's stream.
#include <cstdint>
#include <string_view>

namespace icsim::core {

/// FNV-1a 64-bit hash of a byte string. Stable across platforms and releases.
constexpr std::uint64_t fnv1a64(std::string_view s) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// SplitMix64 finaliser: a bijective mixer of 64-bit values.
constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// Combines two hashes, order-sensitive: combine(a, b) != combine(b, a) in general.
constexpr std::uint64_t combine(std::uint64_t a, std::uint64_t b) noexcept {
  return mix64(a ^ mix64(b + 0x632be59bd9b4e019ULL));
}

}  // namespace icsim::core

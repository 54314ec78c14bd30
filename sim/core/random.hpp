#pragma once
// Counter-based random streams (Random123 Philox4x64-10) that drive Boost.Random distributions.
//
// A stream is addressed by (seed, replication, purpose, entity, step, sub). The same address gives
// the same numbers whatever the thread count or the order in which streams are used, which is what
// makes runs reproducible in parallel and gives common random numbers across scenarios.
//
//   key     = { seed, replication << 16 | purpose }
//   counter = { entity, step, sub, 0 }   (the high 32 bits of the last word belong to MicroURNG)
//
// Purposes are small integers from a fixed enum owned by the model; a new draw site takes a new
// purpose value and so never shifts an existing stream.
// philox.h first: it defines the feature macros MicroURNG.hpp relies on.
#include <Random123/philox.h>
// clang-format off
#include <Random123/MicroURNG.hpp>
// clang-format on

#include <array>
#include <cstdint>

namespace icsim::core {

using Philox = r123::Philox4x64;      ///< Philox4x64 with 10 rounds
using Rng = r123::MicroURNG<Philox>;  ///< a UniformRandomBitGenerator over one counter block
using Purpose = std::uint16_t;

class Streams {
 public:
  static constexpr std::uint64_t kMaxReplication = (std::uint64_t{1} << 48) - 1;

  /// Throws std::out_of_range if replication > kMaxReplication.
  Streams(std::uint64_t seed, std::uint64_t replication);

  /// A generator for one (purpose, entity, step, sub) address. Each generator yields up to
  /// 4 * 2^32 64-bit values, far more than any single draw site uses.
  [[nodiscard]] Rng rng(Purpose purpose, std::uint64_t entity, std::int64_t step,
                        std::uint64_t sub = 0) const {
    return Rng(counter(entity, step, sub), key(purpose));
  }

  /// The raw Philox output block for an address (what the first 4 calls of rng() return, reversed).
  [[nodiscard]] std::array<std::uint64_t, 4> block(Purpose purpose, std::uint64_t entity,
                                                   std::int64_t step, std::uint64_t sub = 0) const;

  [[nodiscard]] std::uint64_t seed() const noexcept { return seed_; }
  [[nodiscard]] std::uint64_t replication() const noexcept { return replication_; }

 private:
  [[nodiscard]] Philox::ukey_type key(Purpose purpose) const noexcept {
    return Philox::ukey_type{{seed_, (replication_ << 16) | purpose}};
  }
  [[nodiscard]] static Philox::ctr_type counter(std::uint64_t entity, std::int64_t step,
                                                std::uint64_t sub) noexcept {
    return Philox::ctr_type{{entity, static_cast<std::uint64_t>(step), sub, 0}};
  }

  std::uint64_t seed_;
  std::uint64_t replication_;
};

}  // namespace icsim::core

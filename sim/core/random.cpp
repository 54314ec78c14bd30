#include "core/random.hpp"

#include <stdexcept>

namespace icsim::core {

Streams::Streams(std::uint64_t seed, std::uint64_t replication)
    : seed_(seed), replication_(replication) {
  if (replication > kMaxReplication) throw std::out_of_range("replication index too large");
}

std::array<std::uint64_t, 4> Streams::block(Purpose purpose, std::uint64_t entity,
                                            std::int64_t step, std::uint64_t sub) const {
  Philox philox;
  const auto out = philox(counter(entity, step, sub), key(purpose));
  return {out[0], out[1], out[2], out[3]};
}

}  // namespace icsim::core

#pragma once
// Runs a model to its end in tests: every sample, and (optionally) every event.
#include <cstdint>
#include <vector>

#include "model/model.hpp"

namespace icsim::test {

inline std::vector<model::Sample> run_model(const model::Config& c, std::uint64_t rep = 0,
                                            model::Events* events = nullptr) {
  model::Model m(c, rep);
  std::vector<model::Sample> out{m.sample()};
  while (!m.finished()) {
    m.step();
    if (events) events->append(m.events());
    m.clear_events();
    if (m.has_new_sample()) out.push_back(m.sample());
  }
  return out;
}

}  // namespace icsim::test

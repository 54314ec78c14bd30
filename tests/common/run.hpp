#pragma once
// Runs a model to its end in tests: every sample, and the model itself (for its event tables).
#include <cstdint>
#include <memory>
#include <vector>

#include "model/model.hpp"

namespace icsim::test {

struct Run {
  std::vector<model::Sample> samples;  ///< the initial sample, then every later one
  std::unique_ptr<model::Model> model;  ///< at the end of the run: events<Row>() holds every event
};

inline Run run_to_end(const model::Config& c, std::uint64_t rep = 0) {
  Run r;
  r.model = std::make_unique<model::Model>(c, rep);
  r.samples.push_back(r.model->sample());
  while (!r.model->finished()) {
    r.model->step();
    if (r.model->has_new_sample()) r.samples.push_back(r.model->sample());
  }
  return r;
}

inline std::vector<model::Sample> run_model(const model::Config& c, std::uint64_t rep = 0) {
  return run_to_end(c, rep).samples;
}

}  // namespace icsim::test

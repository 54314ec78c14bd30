// Uses icsim as a library: load a scenario, run its replications into files, simulate one in
// memory and read the samples back; exits non-zero if the file and the memory disagree.
#include <icsim/icsim.hpp>

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: downstream SCENARIO OUT_DIR\n");
    return 2;
  }
  try {
    const auto s = icsim::Scenario::load(argv[1], {"scenario.days=35", "scenario.replications=2"});
    icsim::RunOptions options;
    options.out_dir = argv[2];
    options.threads = 2;
    const auto result = icsim::run(s, options);
    if (result.files.size() != 2 || !result.errors.empty()) return 1;
    const auto file = icsim::read_series(result.files[0], "waiting_list");
    const auto memory = icsim::simulate(s, 0, {"waiting_list"}).at(0);
    if (file.values != memory.values || file.step != memory.step || file.labels != memory.labels) {
      std::fprintf(stderr, "the file and the in-memory run differ\n");
      return 1;
    }
    std::printf("%s: %zu samples of %s over %s x %s; first trust %s; last list %.0f\n", s.name().c_str(),
                file.step.size(), file.name.c_str(), file.axes.at(0).c_str(), file.axes.at(1).c_str(),
                file.labels.at(0).at(0).c_str(), file.at(file.step.size() - 1, 0));
  } catch (const icsim::Error& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 2;
  }
  return 0;
}

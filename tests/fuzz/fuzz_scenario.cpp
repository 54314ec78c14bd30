// libFuzzer target: scenario parsing and validation (icsim::scenario::load_text) on arbitrary
// text. The documented outcome of bad input is scenario::Error (file, line, key, value,
// expectation); anything else -- a crash, a sanitizer report, another exception, a timeout --
// is a finding. Built with -DICSIM_FUZZ=ON (the fuzz preset); see docs/reliability.md.
#include <cstddef>
#include <cstdint>
#include <string>

#include "scenario/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto sc = icsim::scenario::load_text(std::move(text), "fuzz.toml", {});
    (void)sc;
  } catch (const icsim::scenario::Error&) {
    // the documented error for bad input
  }
  return 0;
}

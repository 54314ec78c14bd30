// The public API (icsim.hpp): errors as icsim::Error naming the line, in-memory samples equal to
// a file's, and an unknown observable refused.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "icsim.hpp"

namespace fs = std::filesystem;

TEST(Api, BadScenarioTextIsAnErrorNamingTheLine) {
  try {
    (void)icsim::Scenario::parse("[scenario]\nname = \"x\"\ndayz = 3\n", "mine.toml");
    FAIL() << "expected icsim::Error";
  } catch (const icsim::Error& e) {
    EXPECT_NE(std::string(e.what()).find("mine.toml:3"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)icsim::Scenario::builtin({"no equals sign"}), icsim::Error);
}

TEST(Api, InMemorySamplesEqualTheFile) {
  const auto s = icsim::Scenario::builtin({"scenario.days=21", "scenario.replications=1"});
  EXPECT_EQ(s.name(), "default");
  EXPECT_EQ(s.days(), 21);
  const fs::path out = fs::temp_directory_path() / ("icsim_api_" + std::to_string(::getpid()));
  icsim::RunOptions o;
  o.out_dir = out.string();
  o.threads = 1;
  const auto r = icsim::run(s, o);
  ASSERT_EQ(r.files.size(), 1u);
  const auto file = icsim::read_series(r.files[0], "trust_waiting_list");
  const auto memory = icsim::simulate(s, 0, {"trust_waiting_list"});
  ASSERT_EQ(memory.size(), 1u);
  EXPECT_EQ(file.values, memory[0].values);
  EXPECT_EQ(file.step, memory[0].step);
  EXPECT_EQ(file.axes, (std::vector<std::string>{"organisation"}));
  EXPECT_EQ(file.labels, memory[0].labels);
  EXPECT_EQ(file.unit, "patients");
  EXPECT_THROW(icsim::run(s, o), icsim::Error);  // results in the way without force
  EXPECT_THROW((void)icsim::simulate(s, 0, {"no_such_observable"}), icsim::Error);
  EXPECT_THROW((void)icsim::read_series(r.files[0], "no_such_observable"), icsim::Error);
  fs::remove_all(out);
}

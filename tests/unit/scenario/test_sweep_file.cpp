// Sweep files: the plan from a valid file, and clear errors (file:line, key, value, expectation).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/sweep.hpp"
#include "scenario/sweep.hpp"

using namespace icsim;
namespace fs = std::filesystem;

namespace {

std::string write(const std::string& name, const std::string& text) {
  const auto dir = fs::temp_directory_path() / "icsim-sweep-tests";
  fs::create_directories(dir);
  const auto p = dir / name;
  std::ofstream(p) << text;
  return p.string();
}

const std::string kHead = std::string("[sweep]\nname = \"s\"\nscenario = \"") + ICSIM_SOURCE_DIR +
                          "/scenarios/orthopaedic_pool.toml\"\n";

scenario::Error error_of(const std::string& text) {
  const auto path = write("bad.toml", text);
  try {
    scenario::load_sweep(path);
  } catch (const scenario::Error& e) {
    EXPECT_EQ(e.file, path);
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return scenario::Error("", 0, "", "", "");
}

}  // namespace

TEST(SweepFile, PlansEveryDesign) {
  const auto lhs = app::plan_sweep(scenario::load_sweep(write("lhs.toml", kHead + R"(design = "lhs"
samples = 5
replications = 3
[[parameter]]
path = "pooling.acceptance_distance_km"
min = 10.0
max = 50.0
[[parameter]]
path = "pooling.reoffer_weeks"
min = 1
max = 8
integer = true
)")));
  ASSERT_EQ(lhs.points(), 5u);
  EXPECT_EQ(lhs.runs(), 15u);
  for (std::size_t p = 0; p < 5; ++p) {
    const double km = std::stod(lhs.values[p][0]);
    EXPECT_NEAR(km, 10.0 + 40.0 * lhs.unit[p][0], 1e-9);
    EXPECT_EQ(lhs.values[p][1].find('.'), std::string::npos) << "integer parameter: " << lhs.values[p][1];
  }
  const auto list = app::plan_sweep(scenario::load_sweep(write("list.toml", kHead + R"(design = "list"
[[parameter]]
path = "ics.shire_ics.icb.commissioning"
values = ["collaborative", "transactional"]
[[parameter]]
path = "pooling.tariff"
values = [3000, 5000]
)")));
  ASSERT_EQ(list.points(), 2u);
  EXPECT_EQ(list.values[1], (std::vector<std::string>{"\"transactional\"", "5000"}));
  const auto morris = app::plan_sweep(scenario::load_sweep(write("morris.toml", kHead + R"(design = "morris"
samples = 3
levels = 4
[[parameter]]
path = "pooling.acceptance_distance_km"
min = 5.0
max = 60.0
[[parameter]]
path = "pooling.transactional_release"
min = 0.0
max = 1.0
)")));
  EXPECT_EQ(morris.points(), 9u);
  const auto sal = app::plan_sweep(scenario::load_sweep(write("sal.toml", kHead + R"(design = "saltelli"
samples = 4
[[parameter]]
path = "pooling.acceptance_distance_km"
min = 5.0
max = 60.0
)")));
  EXPECT_EQ(sal.points(), 12u);  // N (k + 2)
}

TEST(SweepFile, BadFilesNameTheFileLineKeyAndExpectation) {
  const struct {
    std::string text, key, expect;
  } cases[] = {
      {kHead + "design = \"grid\"\n[[parameter]]\npath = \"pooling.no_such_key\"\nvalues = [1.0]\n",
       "parameter[0].values[0]", "unknown parameter path"},
      {kHead + "design = \"grid\"\n[[parameter]]\npath = \"pooling.transactional_release\"\nvalues = [0.5, 1.5]\n",
       "parameter[0].values[1]", "[0, 1]"},
      {kHead + "design = \"lhs\"\nsamples = 4\n[[parameter]]\npath = \"pooling.transactional_release\"\nmin = 0.2\nmax = 2.0\n",
       "parameter[0].max", "[0, 1]"},
      {kHead + "design = \"grid\"\nreplications = 0\n[[parameter]]\npath = \"pooling.tariff\"\nvalues = [1.0]\n",
       "sweep.replications", "integer >= 1"},
      {kHead + "design = \"factorial\"\n", "sweep.design", "one of: list, grid"},
      {kHead + "design = \"lhs\"\n[[parameter]]\npath = \"pooling.tariff\"\nmin = 1.0\nmax = 2.0\n", "sweep.samples",
       "required for this design"},
      {kHead + "design = \"grid\"\ncolour = 3\n", "sweep.colour", "a known key"},
      {kHead + "design = \"list\"\n[[parameter]]\npath = \"pooling.tariff\"\nvalues = [1.0, 2.0]\n"
               "[[parameter]]\npath = \"pooling.reoffer_weeks\"\nvalues = [1]\n",
       "parameter[1].values", "as many values as parameter[0]"},
      {kHead + "design = \"lhs\"\nsamples = 2\n[[parameter]]\npath = \"pooling.tariff\"\nmin = 5.0\nmax = 1.0\n",
       "parameter[0].max", "above min"},
  };
  for (const auto& c : cases) {
    const auto e = error_of(c.text);
    EXPECT_EQ(e.key, c.key) << e.what();
    EXPECT_NE(std::string(e.what()).find(c.expect), std::string::npos) << e.what();
    EXPECT_GT(e.line, 0) << e.what();
  }
}

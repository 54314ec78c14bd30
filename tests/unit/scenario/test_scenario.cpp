// Scenario files: the built-in default, overrides, and one clear error (file, line, key, value,
// expectation) for each kind of bad input.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "cli/commands.hpp"
#include "scenario/registry.hpp"

#include <iostream>
#include "scenario/scenario.hpp"

using icsim::scenario::Error;
using icsim::scenario::load_text;
using icsim::scenario::Override;

namespace {
// A valid scenario; line numbers matter for the tests below.
const std::string kBase = R"([scenario]
name = "t"
days = 30
replications = 2

[[place]]
id = "north"
population = 400000
location_km = [0.0, 0.0]

[[specialty]]
id = "ortho"
referral_rate = 30.0

[[trust]]
id = "RAA"
type = "acute"
place = "north"
[trust.capacity]
ortho = 40.0
[trust.initial_list.ortho]
size = 1000
mean_wait_weeks = 20.0
)";

std::string replace(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

Error error_of(const std::string& text, const std::vector<Override>& o = {}) {
  try {
    load_text(text, "bad.toml", o);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return Error("", 0, "", "", "");
}
}  // namespace

TEST(Scenario, BaseAndDefaultScenariosLoad) {
  const auto s = load_text(kBase, "base.toml");
  EXPECT_EQ(s.config.run.name, "t");
  EXPECT_EQ(s.config.run.days, 30);
  EXPECT_EQ(s.config.trusts[0].capacity[0], 40.0);
  EXPECT_EQ(s.config.trust_location(0).x_km, 0.0);  // defaults to its place
  EXPECT_EQ(s.config.output.interval_days, 7);       // registry default
  EXPECT_EQ(s.output.observables.size(), icsim::model::observables().size());
  const auto d = icsim::scenario::load_default();
  EXPECT_EQ(d.config.run.name, "default");
  EXPECT_EQ(d.source, "built-in default");
  EXPECT_GE(d.config.places.size(), 4u);
  EXPECT_LE(d.config.places.size(), 6u);
  EXPECT_GE(d.config.trusts.size(), 5u);
  EXPECT_LE(d.config.trusts.size(), 8u);
  EXPECT_GE(d.config.specialties.size(), 6u);
}

TEST(Scenario, BuiltInDefaultIsTheShippedFile) {
  std::ifstream in(std::string(ICSIM_SOURCE_DIR) + "/scenarios/default.toml");
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), std::string(icsim::scenario::default_text()));
}

TEST(Scenario, OverridesSetParametersByPath) {
  const auto s = load_text(kBase, "base.toml",
                           {{"scenario.seed", "9"},
                            {"specialty.ortho.referral_rate", "35"},
                            {"trust.RAA.capacity.ortho", "12.5"},
                            {"trust.0.initial_list.ortho.size", "77"},
                            {"scenario.description", "bare words"}});
  EXPECT_EQ(s.config.run.seed, 9u);
  EXPECT_EQ(s.config.specialties[0].referral_rate, 35.0);
  EXPECT_EQ(s.config.trusts[0].capacity[0], 12.5);
  EXPECT_EQ(s.config.trusts[0].initial[0].size, 77);
  EXPECT_EQ(s.config.run.description, "bare words");
  EXPECT_EQ(s.overrides.size(), 5u);
}

TEST(ScenarioErrors, MalformedToml) {
  const auto e = error_of(replace(kBase, "days = 30", "days = "));
  EXPECT_EQ(e.file, "bad.toml");
  EXPECT_EQ(e.line, 3);
  EXPECT_NE(e.expected.find("malformed TOML"), std::string::npos) << e.what();
}

TEST(ScenarioErrors, UnknownKey) {
  const auto e = error_of(replace(kBase, "days = 30", "dayz = 30"));
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.key, "scenario.dayz");
  EXPECT_NE(e.expected.find("unknown key"), std::string::npos);
  EXPECT_NE(e.expected.find("days"), std::string::npos) << "lists the valid keys: " << e.what();
}

TEST(ScenarioErrors, WrongType) {
  const auto e = error_of(replace(kBase, "days = 30", "days = \"thirty\""));
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.key, "scenario.days");
  EXPECT_EQ(e.value, "\"thirty\"");
  EXPECT_NE(e.expected.find("an integer"), std::string::npos) << e.what();
}

TEST(ScenarioErrors, NegativeCapacity) {
  const auto e = error_of(replace(kBase, "ortho = 40.0", "ortho = -5.0"));
  EXPECT_EQ(e.line, 20);
  EXPECT_EQ(e.key, "trust[RAA].capacity.ortho");
  EXPECT_EQ(e.value, "-5.0");
  EXPECT_NE(e.expected.find("[0, 1000000]"), std::string::npos) << e.what();
}

TEST(ScenarioErrors, UnknownPlace) {
  const auto e = error_of(replace(kBase, "place = \"north\"", "place = \"nowhere\""));
  EXPECT_EQ(e.line, 18);
  EXPECT_EQ(e.key, "trust[RAA].place");
  EXPECT_NE(e.expected.find("id of a place"), std::string::npos) << e.what();
  EXPECT_NE(e.expected.find("north"), std::string::npos) << "names the known ids";
}

TEST(ScenarioErrors, MissingRequiredField) {
  const auto e = error_of(replace(kBase, "type = \"acute\"\n", ""));
  EXPECT_EQ(e.line, 15);  // the [[trust]] header
  EXPECT_EQ(e.key, "trust[RAA].type");
  EXPECT_EQ(e.value, "(missing)");
  EXPECT_NE(e.expected.find("required"), std::string::npos) << e.what();
}

TEST(ScenarioErrors, MessageNamesFileLineKeyValueAndExpectation) {
  const auto e = error_of(replace(kBase, "ortho = 40.0", "ortho = -5.0"));
  EXPECT_STREQ(e.what(), "bad.toml:20: trust[RAA].capacity.ortho = -5.0: expected a number [0, 1000000] "
                         "(treatments per working day)");
}

TEST(ScenarioErrors, MoreBadInputs) {
  struct Case {
    std::string from, to, key, expect;
  };
  const Case cases[] = {
      {"ortho = 40.0", "ortho = 40.0\nderm = 3.0", "trust[RAA].capacity.derm", "id of a specialty"},
      {"location_km = [0.0, 0.0]", "location_km = [0.0]", "place[north].location_km", "2 numbers"},
      {"days = 30", "days = 0", "scenario.days", "[1, 32000]"},
      {"[[place]]", "[output]\nobservables = [\"nope\"]\n\n[[place]]", "output.observables",
       "names of observables"},
      {"population = 400000", "population = 400000\ndeprivation = [0.5, 0.5, 0.5, 0.0, 0.0]",
       "place[north].deprivation", "sum to 1"},
      {"id = \"RAA\"", "id = \"north bad\"", "trust[0].id", "letters, digits"},
      {"type = \"acute\"", "type = \"hospital\"", "trust[RAA].type", "acute | acute_community"},
      {"ortho = 40.0\n[trust.initial_list.ortho]\nsize = 1000",
       "ortho = 0.0\n[trust.initial_list.ortho]\nsize = 0", "specialty[ortho].referral_rate",
       "nowhere to go"},
      {"[scenario]", "[scenario]\nstart_date = 2023-02-30", "", "February 2023 has 28 days"},
      {"replications = 2", "replications = 2.5", "scenario.replications", "an integer"},
  };
  for (const auto& c : cases) {
    const auto e = error_of(replace(kBase, c.from, c.to));
    EXPECT_GT(e.line, 0) << e.what();
    if (!c.key.empty()) {
      EXPECT_EQ(e.key, c.key) << e.what();
    }
    EXPECT_NE(std::string(e.what()).find(c.expect), std::string::npos) << e.what();
  }
}

TEST(ScenarioErrors, InitialListWithoutCapacity) {
  auto text = replace(kBase, "ortho = 40.0", "ortho = 40.0");
  text += "\n[[specialty]]\nid = \"derm\"\nreferral_rate = 0.0\n";
  text = replace(text, "[trust.initial_list.ortho]", "[trust.initial_list.derm]\nsize = 5\n[trust.initial_list.ortho]");
  const auto e = error_of(text);
  EXPECT_EQ(e.key, "trust[RAA].initial_list.derm");
  EXPECT_NE(e.expected.find("never"), std::string::npos) << e.what();
}

TEST(ScenarioErrors, DuplicateIds) {
  const auto e = error_of(kBase + "\n[[place]]\nid = \"north\"\npopulation = 1\nlocation_km = [1.0, 1.0]\n");
  EXPECT_EQ(e.line, 26);
  EXPECT_NE(e.expected.find("used twice"), std::string::npos) << e.what();
}

TEST(ScenarioErrors, BadOverridesNameTheCommandLine) {
  const auto unknown = error_of(kBase, {{"scenario.dayz", "3"}});
  EXPECT_EQ(unknown.file, "command line");
  EXPECT_NE(unknown.expected.find("unknown parameter path"), std::string::npos);
  const auto range = error_of(kBase, {{"scenario.days", "-3"}});
  EXPECT_EQ(range.file, "command line");
  EXPECT_EQ(range.key, "scenario.days");
  const auto entry = error_of(kBase, {{"trust.RZZ.capacity.ortho", "3"}});
  EXPECT_NE(entry.expected.find("no trust with id or index 'RZZ'"), std::string::npos) << entry.what();
}

TEST(ScenarioErrors, MissingFile) {
  try {
    icsim::scenario::load_file("/nonexistent/x.toml");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.file, "/nonexistent/x.toml");
    EXPECT_NE(e.expected.find("cannot open"), std::string::npos);
  }
}

TEST(Registry, EveryParameterIsDocumented) {
  for (const auto& r : icsim::scenario::parameter_rows()) {
    EXPECT_FALSE(r.description.empty()) << r.path;
    EXPECT_FALSE(r.type.empty()) << r.path;
  }
}

TEST(Registry, ScenarioReferenceInDocsIsGeneratedFromTheRegistry) {
  std::ifstream in(std::string(ICSIM_SOURCE_DIR) + "/docs/scenarios.md");
  ASSERT_TRUE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string doc = ss.str();
  const std::string begin = "<!-- BEGIN GENERATED: icsim params --markdown -->\n";
  const std::string end = "<!-- END GENERATED -->";
  const auto b = doc.find(begin), e = doc.find(end);
  ASSERT_NE(b, std::string::npos);
  ASSERT_NE(e, std::string::npos);
  EXPECT_EQ(doc.substr(b + begin.size(), e - b - begin.size()),
            icsim::scenario::parameters_markdown())
      << "docs/scenarios.md is stale: run docs/update_generated.py build/ci/icsim";
}

TEST(Registry, ObservableReferenceInDocsIsGeneratedFromTheCatalogue) {
  std::ifstream in(std::string(ICSIM_SOURCE_DIR) + "/docs/outputs.md");
  ASSERT_TRUE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string doc = ss.str();
  const std::string begin = "<!-- BEGIN GENERATED: icsim observables --markdown -->\n";
  const auto b = doc.find(begin), e = doc.find("<!-- END GENERATED -->", b);
  ASSERT_NE(b, std::string::npos);
  ASSERT_NE(e, std::string::npos);
  std::ostringstream expect;
  auto* old = std::cout.rdbuf(expect.rdbuf());
  icsim::cli::observables("markdown");
  std::cout.rdbuf(old);
  EXPECT_EQ(doc.substr(b + begin.size(), e - b - begin.size()), expect.str())
      << "docs/outputs.md is stale: run docs/update_generated.py build/ci/icsim";
}

TEST(Scenario, ConfigBuiltInCodeEqualsAFileWithOnlyTheRequiredKeys) {
  // Every default comes from one declaration, so a config built in code runs the same model
  // as a scenario file that gives only what is required.
  const auto s = load_text(R"([scenario]
name = "t"

[[place]]
id = "north"
population = 400000
location_km = [1.0, 2.0]

[[specialty]]
id = "ortho"
referral_rate = 0.0

[[trust]]
id = "RAA"
type = "acute"
place = "north"
)", "minimal.toml");
  icsim::model::Config c;
  c.run.name = "t";
  icsim::model::PlaceConfig p;
  p.id = "north";
  p.population = 400000;
  p.location = {1.0, 2.0};
  c.places.push_back(p);
  icsim::model::SpecialtyConfig sp;
  sp.id = "ortho";
  sp.referral_rate = 0.0;
  c.specialties.push_back(sp);
  icsim::model::TrustConfig t;
  t.id = "RAA";
  t.type = icsim::model::TrustType::acute;
  t.place = 0;
  t.capacity = {0.0};
  t.initial = {icsim::model::InitialList{}};
  c.trusts.push_back(t);
  icsim::model::normalise(c);
  EXPECT_TRUE(s.config == c);
  // and a default that differs is noticed
  c.specialties[0].removal_hazard_per_week = 0.0;
  EXPECT_FALSE(s.config == c);
}

TEST(ScenarioErrors, NumbersTheReaderClampedOrTheModelCannotStoreAreRefused) {
  struct Case {
    std::string from, to, key, expect;
  };
  const Case cases[] = {
      {"days = 30", "days = 4294967306", "scenario.days", "[1, 32000]"},
      {"population = 400000", "population = 400000\ndeprivation = [1e309, 0.0, 0.0, 0.0, 0.0]",
       "place[north].deprivation[0]", "finite"},
      {"size = 1000", "size = 9223372036854775807", "trust[RAA].initial_list.ortho.size", "too large"},
      {"mean_wait_weeks = 20.0", "mean_wait_weeks = 1e300", "trust[RAA].initial_list.ortho.mean_wait_weeks",
       "(0, 1000]"},
      {"type = \"acute\"", "type = \"acute\"\nbeds = 2147483648", "trust[RAA].beds", "[0, 100000]"},
      {"replications = 2", "replications = 2\nseed = -1", "scenario.seed", ">= 0"},
  };
  for (const auto& c : cases) {
    const auto e = error_of(replace(kBase, c.from, c.to));
    EXPECT_EQ(e.key, c.key) << e.what();
    EXPECT_NE(std::string(e.what()).find(c.expect), std::string::npos) << e.what();
  }
  const auto idx = error_of(kBase, {{"trust.18446744073709551616.capacity.ortho", "3"}});
  EXPECT_NE(idx.expected.find("no trust with id or index"), std::string::npos) << idx.what();
}

TEST(ScenarioErrors, IdsLongerThan100CharactersAreRefused) {
  const auto e = error_of(replace(kBase, "name = \"t\"", "name = \"" + std::string(101, 'a') + "\""));
  EXPECT_EQ(e.key, "scenario.name");
  EXPECT_NE(e.expected.find("1-100"), std::string::npos) << e.what();
}

// Scenario sections for ICSs, collaboratives, place partnerships and pooling; `extends`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "scenario/scenario.hpp"

using icsim::scenario::Error;
using icsim::scenario::load_file;
using icsim::scenario::load_text;

namespace {
const std::string kTwoPlaces = R"([scenario]
name = "t"

[[place]]
id = "north"
population = 400000
location_km = [0.0, 0.0]

[[place]]
id = "south"
population = 300000
location_km = [0.0, 30.0]

[[specialty]]
id = "ortho"
referral_rate = 30.0

[[specialty]]
id = "derm"
referral_rate = 0.0

[[trust]]
id = "RAA"
type = "acute"
place = "north"
[trust.capacity]
ortho = 40.0

[[trust]]
id = "RBB"
type = "acute"
place = "south"
[trust.capacity]
ortho = 30.0
)";

const std::string kIcs = R"(
[[ics]]
id = "one"
places = ["north", "south"]
[ics.icb]
commissioning = "transactional"

[[collaborative]]
id = "acute"
ics = "one"
members = ["RAA", "RBB"]
[[collaborative.programme]]
type = "shared_waiting_list"
specialty = "ortho"
start_day = 10
pledge_share = 0.5
)";

Error error_of(const std::string& text) {
  try {
    load_text(text, "bad.toml");
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return Error("", 0, "", "", "");
}

std::string with(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}
}  // namespace

TEST(Organisations, ParseIcsCollaborativesAndProgrammes) {
  const auto s = load_text(kTwoPlaces + kIcs + R"(
[[place_partnership]]
id = "north_place"
place = "north"
members = ["RAA"]

[pooling]
acceptance_distance_km = 30.0

[pidmas]
enabled = true
wait_weeks = 52.0
)",
                           "ok.toml");
  const auto& c = s.config;
  ASSERT_EQ(c.ics.size(), 1u);
  EXPECT_EQ(c.ics[0].commissioning, icsim::model::Commissioning::transactional);
  EXPECT_EQ(c.ics[0].trusts, (std::vector<int>{0, 1}));  // via their places
  ASSERT_EQ(c.collaboratives.size(), 1u);
  EXPECT_EQ(c.collaboratives[0].members, (std::vector<int>{0, 1}));
  EXPECT_EQ(c.collaboratives[0].programmes[0].start_day, 10);
  EXPECT_FALSE(c.collaboratives[0].programmes[0].stop_day.has_value());
  EXPECT_EQ(c.collaboratives[0].programmes[0].pledge_share, 0.5);
  EXPECT_EQ(c.partnerships[0].members, (std::vector<int>{0}));
  EXPECT_EQ(c.pooling.acceptance_distance_km, 30.0);
  EXPECT_TRUE(c.pidmas.enabled);
  EXPECT_EQ(c.pidmas.wait_weeks, 52.0);
}

TEST(Organisations, WithoutIcsOneImplicitIcsHoldsEverything) {
  const auto s = load_text(kTwoPlaces, "ok.toml");
  ASSERT_EQ(s.config.ics.size(), 1u);
  EXPECT_EQ(s.config.ics[0].places, (std::vector<int>{0, 1}));
  EXPECT_EQ(s.config.ics[0].trusts, (std::vector<int>{0, 1}));
  EXPECT_TRUE(s.config.collaboratives.empty());
}

TEST(OrganisationErrors, AMemberThatIsNotATrust) {
  const auto e = error_of(kTwoPlaces + with(kIcs, R"(members = ["RAA", "RBB"])", R"(members = ["RAA", "north"])"));
  EXPECT_EQ(e.key, "collaborative[acute].members[1]");
  EXPECT_NE(e.expected.find("id of a trust"), std::string::npos) << e.what();
  EXPECT_GT(e.line, 0);
}

TEST(OrganisationErrors, AProgrammeForASpecialtyNoMemberOffers) {
  const auto e = error_of(kTwoPlaces + with(kIcs, R"(specialty = "ortho")", R"(specialty = "derm")"));
  EXPECT_EQ(e.key, "collaborative[acute].programme[0].specialty");
  EXPECT_NE(e.expected.find("some member has capacity for"), std::string::npos) << e.what();
  EXPECT_GT(e.line, 0);
}

TEST(OrganisationErrors, ATrustInTwoIcss) {
  const auto e = error_of(kTwoPlaces + R"(
[[ics]]
id = "a"
places = ["north"]
trusts = ["RAA"]

[[ics]]
id = "b"
places = ["south"]
trusts = ["RBB", "RAA"]
)");
  EXPECT_EQ(e.key, "ics[b].trusts");
  EXPECT_NE(e.expected.find("each trust in one ICS"), std::string::npos) << e.what();
  EXPECT_GT(e.line, 0);
}

TEST(OrganisationErrors, AnUnknownRule) {
  const auto e = error_of(kTwoPlaces + with(kIcs, R"(members = ["RAA", "RBB"])",
                                            "members = [\"RAA\", \"RBB\"]\ndecision_rule = \"plurality\""));
  EXPECT_EQ(e.key, "collaborative[acute].decision_rule");
  EXPECT_EQ(e.value, "\"plurality\"");
  EXPECT_NE(e.expected.find("unanimous | majority | supermajority | weighted | lead_decides"),
            std::string::npos) << e.what();
}

TEST(OrganisationErrors, MoreBadInputs) {
  struct Case {
    std::string text, key, expect;
  };
  const Case cases[] = {
      {kTwoPlaces + with(kIcs, R"(places = ["north", "south"])", R"(places = ["north"])"),
       "place[south]", "places of one [[ics]]"},
      {kTwoPlaces + with(kIcs, R"(type = "shared_waiting_list")", R"(type = "merger")"),
       "collaborative[acute].programme[0].type", "shared_waiting_list"},
      {kTwoPlaces + with(kIcs, R"(members = ["RAA", "RBB"])",
                         "members = [\"RAA\", \"RBB\"]\ngovernance = \"lead_provider\""),
       "collaborative[acute].lead", "lead provider"},
      {kTwoPlaces + with(kIcs, "pledge_share = 0.5", "pledge_share = 1.5"),
       "collaborative[acute].programme[0].pledge_share", "[0, 1]"},
      {kTwoPlaces + with(kIcs, "start_day = 10", "start_day = 10\nstop_day = 5"),
       "collaborative[acute].programme[0].stop_day", "after start_day"},
      {kTwoPlaces + kIcs + R"(
[[collaborative]]
id = "second"
ics = "one"
members = ["RBB"]
[[collaborative.programme]]
type = "shared_waiting_list"
specialty = "ortho"
)",
       "collaborative[second].programme[0]", "one shared waiting list at a time"},
      {kTwoPlaces + kIcs + "\n[pooling]\nacceptance_distance_km = 0.0\n",
       "pooling.acceptance_distance_km", "> 0"},
      {kTwoPlaces + with(kIcs, R"(commissioning = "transactional")", R"(commissioning = "payment")"),
       "ics[one].icb.commissioning", "collaborative | transactional"},
  };
  for (const auto& c : cases) {
    const auto e = error_of(c.text);
    EXPECT_EQ(e.key, c.key) << e.what();
    EXPECT_NE(std::string(e.what()).find(c.expect), std::string::npos) << e.what();
    EXPECT_GT(e.line, 0) << e.what();
  }
}

namespace {
std::filesystem::path write(const std::filesystem::path& dir, const std::string& name,
                            const std::string& text) {
  std::filesystem::create_directories(dir);
  std::ofstream(dir / name) << text;
  return dir / name;
}
}  // namespace

TEST(Extends, MergesTablesByKeyAndEntriesById) {
  const auto dir = std::filesystem::temp_directory_path() / ("icsim_extends_" + std::to_string(::getpid()));
  write(dir, "base.toml", kTwoPlaces);
  const auto child = write(dir, "child.toml", R"([scenario]
extends = "base.toml"
name = "child"
days = 90

[[trust]]
id = "RBB"
[trust.capacity]
ortho = 35.0

[[trust]]
id = "RCC"
type = "community"
place = "south"
)");
  const auto s = load_file(child.string());
  EXPECT_EQ(s.config.run.name, "child");
  EXPECT_EQ(s.config.run.days, 90);
  ASSERT_EQ(s.config.trusts.size(), 3u);
  EXPECT_EQ(s.config.trusts[0].capacity[0], 40.0);  // from the base
  EXPECT_EQ(s.config.trusts[1].capacity[0], 35.0);  // changed by the child
  EXPECT_EQ(s.config.trusts[1].type, icsim::model::TrustType::acute);  // kept from the base
  EXPECT_EQ(s.config.trusts[2].id, "RCC");          // added
  EXPECT_NE(s.resolved_text.find("RCC"), std::string::npos);
  EXPECT_EQ(s.resolved_text.find("extends"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(Extends, ErrorsNameTheFileTheValueCameFrom) {
  const auto dir = std::filesystem::temp_directory_path() / ("icsim_extends_e_" + std::to_string(::getpid()));
  const auto base = write(dir, "base.toml", with(kTwoPlaces, "ortho = 30.0", "ortho = -3.0"));
  const auto child = write(dir, "child.toml", "[scenario]\nextends = \"base.toml\"\nname = \"c\"\n");
  try {
    load_file(child.string());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.file, base.string());
    EXPECT_EQ(e.line, 34);  // the second trust's capacity
  }
  const auto missing = write(dir, "missing.toml", "[scenario]\nextends = \"nope.toml\"\nname = \"m\"\n");
  try {
    load_file(missing.string());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.file, missing.string());
    EXPECT_EQ(e.line, 2);
    EXPECT_NE(e.expected.find("readable scenario file"), std::string::npos);
  }
  const auto loop = write(dir, "loop.toml", "[scenario]\nextends = \"loop.toml\"\nname = \"l\"\n");
  try {
    load_file(loop.string());
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(e.expected.find("cycle"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

TEST(RelationshipErrors, BadPriorsWeightsThresholdsAndTypes) {
  struct Case {
    std::string text, key, expect;
  };
  const Case cases[] = {
      {kTwoPlaces + kIcs + "\n[[relationship]]\nfrom = \"RAA\"\nto = \"RZZ\"\nnegative = 5.0\n",
       "relationship[0].to", "expected an organisation id"},
      {kTwoPlaces + kIcs + "\n[[relationship]]\nfrom = \"type:hospice\"\nto = \"RAA\"\n",
       "relationship[0].from", "non-empty group"},
      {kTwoPlaces + kIcs + "\n[relationships]\nbroker_softening = 1.5\n", "relationships.broker_softening",
       "[0, 1]"},
      {kTwoPlaces + kIcs + "\n[relationships]\nforgetting = 0.0\n", "relationships.forgetting", "(0, 1]"},
      {kTwoPlaces + kIcs + "\n[relationships]\nunfair_weight = -1.0\n", "relationships.unfair_weight", ">= 0"},
      {kTwoPlaces + with(kIcs, R"(members = ["RAA", "RBB"])", "members = [\"RAA\", \"RBB\"]\nsupermajority = 0.5"),
       "collaborative[acute].supermajority", "(0.5, 1]"},
      {kTwoPlaces + with(kIcs, R"(members = ["RAA", "RBB"])", "members = [\"RAA\", \"RBB\"]\nsupermajority = 1.2"),
       "collaborative[acute].supermajority", "(0.5, 1]"},
      {kTwoPlaces + with(kIcs, R"(type = "shared_waiting_list")", R"(type = "merger")"),
       "collaborative[acute].programme[0].type", "joint_procurement"},
      {kTwoPlaces + kIcs + "\n[[turnover]]\nday = 10\norganisation = \"nobody\"\n",
       "turnover[0].organisation", "expected an organisation id"},
      {kTwoPlaces + kIcs + "\n[[place_partnership]]\nid = \"p\"\nplace = \"north\"\n[[place_partnership.programme]]\n"
                           "type = \"prevention\"\ntarget_quintiles = [0, 1]\n",
       "place_partnership[p].programme[0].target_quintiles[0]", "[1, 5]"},
  };
  for (const auto& c : cases) {
    const auto e = error_of(c.text);
    EXPECT_EQ(e.key, c.key) << e.what();
    EXPECT_NE(std::string(e.what()).find(c.expect), std::string::npos) << e.what();
    EXPECT_GT(e.line, 0) << e.what();
  }
}

TEST(Relationships, PriorGroupsExpandToOrderedPairs) {
  const auto s = load_text(kTwoPlaces + kIcs + R"(
[[place_partnership]]
id = "pp"
place = "north"
members = ["RAA"]
partners = ["primary_care"]

[[relationship]]
from = "collaborative:acute"
to = "collaborative:acute"
negative = 6.0

[[relationship]]
from = "pp.primary_care"
to = "RAA"
positive = 3.0
symmetric = false
)", "ok.toml");
  const auto ids = s.config.organisation_ids();
  EXPECT_EQ(ids, (std::vector<std::string>{"RAA", "RBB", "one_icb", "pp.primary_care"}));
  const auto p = icsim::model::resolve_priors(s.config);
  ASSERT_EQ(p.size(), 3u);  // RAA->RBB, RBB->RAA, partner->RAA
  EXPECT_EQ(p[0].from, 0);
  EXPECT_EQ(p[0].to, 1);
  EXPECT_EQ(p[0].negative, 6.0);
  EXPECT_EQ(p[2].from, 3);
  EXPECT_EQ(p[2].positive, 3.0);
}

TEST(UrgentErrors, BadShocksBedsAndAidNameTheKeyAndLine) {
  const std::string shock = "\n[[shock]]\nid = \"s1\"\ntype = \"incident\"\nstart_day = 10\nend_day = 40\n";
  const struct {
    std::string text, key, expect;
  } cases[] = {
      {kTwoPlaces + shock + "trusts = [\"RZZ\"]\n", "shock[s1].trusts[0]", "id of a trust"},
      {kTwoPlaces + shock + "trusts = [\"RAA\", \"RBB\"]\n", "shock[s1].trusts", "exactly one trust"},
      {kTwoPlaces + "\n[[shock]]\nid = \"w\"\ntype = \"pandemic\"\nstart_day = 0\nend_day = 9\n"
                    "urgent_multiplier = -1.0\n",
       "shock[w].urgent_multiplier", "[0, 100]"},
      {kTwoPlaces + "\n[[shock]]\nid = \"w\"\ntype = \"earthquake\"\nstart_day = 0\nend_day = 9\n",
       "shock[w].type", "industrial_action"},
      {kTwoPlaces + "\n[[shock]]\nid = \"w\"\ntype = \"winter\"\nstart_day = 20\nend_day = 9\n",
       "shock[w].end_day", "at or after start_day"},
      {kTwoPlaces + shock + "trusts = [\"RAA\"]\n" +
           "\n[[shock]]\nid = \"s2\"\ntype = \"incident\"\nstart_day = 40\nend_day = 50\ntrusts = [\"RAA\"]\n",
       "shock[s2].start_day", "no overlap with incident 's1'"},
      {kTwoPlaces + "\n[[shock]]\nid = \"a\"\ntype = \"industrial_action\"\nstart_day = 0\nend_day = 3\n"
                    "elective_loss = 0.5\n[[shock]]\nid = \"b\"\ntype = \"industrial_action\"\nstart_day = 3\n"
                    "end_day = 5\nelective_loss = 0.5\n",
       "shock[b].start_day", "no overlap"},
      {kTwoPlaces + "\n[urgent]\ncancel_threshold = 0.95\ncancel_full = 0.9\n", "urgent.cancel_full",
       "above urgent.cancel_threshold"},
      {kTwoPlaces + "\n[urgent]\nopel_thresholds = [0.9, 0.85, 0.97]\n", "urgent.opel_thresholds", "increasing"},
      {kTwoPlaces + "\n[urgent]\nmh_los_distribution = \"weibull\"\n", "urgent.mh_los_distribution", "lognormal"},
      {kTwoPlaces + "\n[mutual_aid]\ngive_occupancy = 0.97\n", "mutual_aid.give_occupancy",
       "below mutual_aid.ask_occupancy"},
      {kTwoPlaces + "\n[mutual_aid]\ngive_trust = 1.5\n", "mutual_aid.give_trust", "[0, 1]"},
  };
  for (const auto& c : cases) {
    const auto e = error_of(c.text);
    EXPECT_EQ(e.key, c.key) << e.what();
    EXPECT_NE(std::string(e.what()).find(c.expect), std::string::npos) << e.what();
    EXPECT_GT(e.line, 0) << e.what();
  }
  const auto ok = load_text(kTwoPlaces + shock + "trusts = [\"RAA\"]\ncapacity_loss = 0.5\n", "ok.toml");
  ASSERT_EQ(ok.config.shocks.size(), 1u);
  EXPECT_EQ(ok.config.shocks[0].trusts, std::vector<int>{0});
}

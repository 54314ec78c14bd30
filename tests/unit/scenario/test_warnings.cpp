// Friendlier validation (issue 17): warnings for what is accepted but probably not meant, every
// error of a file at once, dates where day numbers go, and date messages that say what is wrong.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "scenario/scenario.hpp"

using icsim::scenario::Error;
using icsim::scenario::Errors;
using icsim::scenario::load_text;
using icsim::scenario::Warning;

namespace {
// Demand at RAA: 365,000 x 30 / 1000 / 365 = 30 referrals a day; capacity 40 per working day x
// 5/7 = 28.6 a day: a load of 1.05.
const std::string kBase = R"([scenario]
name = "t"
days = 100
replications = 5
start_date = 2024-04-01

[[place]]
id = "north"
population = 365000
location_km = [0.0, 0.0]

[[specialty]]
id = "ortho"
referral_rate = 30.0

[[ics]]
id = "i"
places = ["north"]

[[trust]]
id = "RAA"
type = "acute"
place = "north"
[trust.capacity]
ortho = 40.0

[[trust]]
id = "RBB"
type = "acute"
place = "north"
location_km = [30.0, 0.0]
[trust.capacity]
ortho = 40.0
)";

std::string replace(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

/// The line of the first occurrence of `needle` after the first of `after` (1-based).
int line_of(const std::string& text, const std::string& needle, const std::string& after = "") {
  const auto from = after.empty() ? 0 : text.find(after);
  const auto at = text.find(needle, from);
  EXPECT_NE(at, std::string::npos) << needle;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

std::vector<Warning> warnings_of(const std::string& text) { return load_text(text, "w.toml").warnings; }

/// The one warning whose key is `key` (fails the test if there is not exactly one).
Warning warning_on(const std::vector<Warning>& ws, const std::string& key) {
  std::vector<Warning> found;
  for (const auto& w : ws) {
    if (w.key == key) found.push_back(w);
  }
  EXPECT_EQ(found.size(), 1u) << "warnings on " << key;
  return found.empty() ? Warning{} : found.front();
}

Error error_of(const std::string& text) {
  try {
    load_text(text, "bad.toml");
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return Error("", 0, "", "", "");
}

// RBB is farther from the only place: no referrals reach it. Its load is 0 (a warning of its
// own); a base without it has no warnings at all.
std::string without_rbb() { return kBase.substr(0, kBase.find("\n[[trust]]\nid = \"RBB\"") + 1); }
}  // namespace

TEST(ScenarioWarnings, PlausibleScenarioHasNone) {
  EXPECT_TRUE(warnings_of(without_rbb()).empty());
}

TEST(ScenarioWarnings, ListNoPlaceSendsReferralsTo) {
  const auto w = warning_on(warnings_of(kBase), "trust[RBB].capacity.ortho");
  EXPECT_EQ(w.line, line_of(kBase, "ortho = 40.0", "\"RBB\""));
  EXPECT_NE(w.message.find("no place sends"), std::string::npos) << w.message;
}

TEST(ScenarioWarnings, CapacityPerWeekIsImplausibleLoad) {
  // 200 a "day" (a week's worth): load 30 / (200 x 5/7) = 0.21.
  const auto text = replace(without_rbb(), "ortho = 40.0", "ortho = 200.0");
  const auto w = warning_on(warnings_of(text), "trust[RAA].capacity.ortho");
  EXPECT_EQ(w.file, "w.toml");
  const int line = line_of(text, "ortho = 200.0");
  EXPECT_EQ(w.line, line);
  EXPECT_NE(w.message.find("0.21"), std::string::npos) << w.message;
  EXPECT_NE(w.text().find("w.toml:" + std::to_string(line) + ": trust[RAA].capacity.ortho = 200.0: demand / capacity"),
            std::string::npos)
      << w.text();
}

TEST(ScenarioWarnings, OverloadedList) {
  // 15 a day: load 30 / (15 x 5/7) = 2.8.
  const auto w = warning_on(warnings_of(replace(without_rbb(), "ortho = 40.0", "ortho = 15.0")), "trust[RAA].capacity.ortho");
  EXPECT_NE(w.message.find("2.80"), std::string::npos) << w.message;
}

TEST(ScenarioWarnings, PercentageInOccupancy) {
  const auto text = without_rbb() + "[mutual_aid]\nask_occupancy = 9.5\n";
  const auto w = warning_on(warnings_of(text), "mutual_aid.ask_occupancy");
  EXPECT_EQ(w.line, line_of(text, "ask_occupancy"));
  EXPECT_NE(w.message.find("percentage"), std::string::npos);
}

TEST(ScenarioWarnings, PercentageInShareIsAnErrorThatSaysSo) {
  const auto e = error_of(without_rbb() + "[urgent]\ncancel_share = 30\n");
  EXPECT_EQ(e.key, "urgent.cancel_share");
  EXPECT_NE(e.expected.find("0.95 means 95%"), std::string::npos) << e.what();
}

TEST(ScenarioWarnings, ShockAfterTheRun) {
  const auto text = without_rbb() +
                    "[[shock]]\nid = \"late\"\ntype = \"incident\"\ntrusts = [\"RAA\"]\nstart_day = 150\n"
                    "end_day = 160\nelective_loss = 0.5\n";
  const auto w = warning_on(warnings_of(text), "shock[late].start_day");
  EXPECT_EQ(w.line, line_of(text, "start_day = 150"));
  EXPECT_NE(w.message.find("after the run ends"), std::string::npos);
}

TEST(ScenarioWarnings, ProgrammeAfterTheRun) {
  const auto ws = warnings_of(kBase +
                              "[[collaborative]]\nid = \"c\"\nics = \"i\"\nmembers = [\"RAA\", \"RBB\"]\n"
                              "[[collaborative.programme]]\ntype = \"shared_waiting_list\"\nspecialty = \"ortho\"\n"
                              "start_day = 2024-12-01\n");
  const auto w = warning_on(ws, "collaborative[c].programme[0].start_day");
  EXPECT_NE(w.message.find("day 244"), std::string::npos) << w.message;
}

TEST(ScenarioWarnings, OneMemberCollaborative) {
  const auto text = without_rbb() + "[[collaborative]]\nid = \"solo\"\nics = \"i\"\nmembers = [\"RAA\"]\n";
  const auto w = warning_on(warnings_of(text), "collaborative[solo].members");
  EXPECT_EQ(w.line, line_of(text, "members"));
}

TEST(ScenarioWarnings, TrustThatDoesNothing) {
  const auto text = without_rbb() + "[[trust]]\nid = \"IDLE\"\ntype = \"community\"\nplace = \"north\"\n";
  const auto w = warning_on(warnings_of(text), "trust[IDLE]");
  EXPECT_EQ(w.line, line_of(text, "[[trust]]", "\"RAA\""));
  // In a partnership it does something (it holds relationships): no warning.
  const auto in_partnership = warnings_of(without_rbb() +
                                          "[[trust]]\nid = \"IDLE\"\ntype = \"community\"\nplace = \"north\"\n"
                                          "[[place_partnership]]\nid = \"pp\"\nplace = \"north\"\nmembers = [\"RAA\", \"IDLE\"]\n");
  for (const auto& x : in_partnership) EXPECT_NE(x.key, "trust[IDLE]") << x.text();
}

TEST(ScenarioWarnings, FewReplications) {
  const auto text = replace(without_rbb(), "replications = 5", "replications = 2");
  const auto w = warning_on(warnings_of(text), "scenario.replications");
  EXPECT_EQ(w.line, line_of(text, "replications"));
}

TEST(ScenarioWarnings, SharesNearlySummingToOneAreScaled) {
  const auto text = replace(without_rbb(), "location_km = [0.0, 0.0]\n",
                            "location_km = [0.0, 0.0]\ndeprivation = [0.2, 0.2, 0.2, 0.2, 0.199]\n");
  const auto s = load_text(text, "w.toml");
  const auto w = warning_on(s.warnings, "place[north].deprivation");
  EXPECT_EQ(w.line, line_of(text, "deprivation"));
  double sum = 0.0;
  for (double x : s.config.places[0].deprivation) sum += x;
  EXPECT_NEAR(sum, 1.0, 1e-12);
  EXPECT_NEAR(s.config.places[0].deprivation[4], 0.199 / 0.999, 1e-12);
  // 0.99 is more than rounding: still refused.
  const auto e = error_of(replace(text, "0.199]", "0.19]"));
  EXPECT_EQ(e.key, "place[north].deprivation");
}

TEST(ScenarioErrors, EveryErrorOfAFileAtOnce) {
  auto text = replace(kBase, "days = 100", "days = -1");
  text = replace(text, "replications = 5", "replications = \"five\"");
  text = replace(text, "referral_rate = 30.0", "referral_rate = -3.0\ncolour = \"blue\"");
  try {
    load_text(text, "bad.toml");
    FAIL() << "accepted";
  } catch (const Errors& e) {
    ASSERT_EQ(e.errors.size(), 4u) << e.what();
    EXPECT_EQ(e.errors[0].line, line_of(text, "days = -1"));
    EXPECT_EQ(e.errors[0].key, "scenario.days");
    EXPECT_EQ(e.errors[1].line, line_of(text, "replications"));
    EXPECT_EQ(e.errors[2].key, "specialty[ortho].referral_rate");
    EXPECT_EQ(e.errors[3].key, "specialty[ortho].colour");
    EXPECT_EQ(e.line, 3);  // it is the first error too
    EXPECT_EQ(std::string(e.what()).find("bad.toml:3: scenario.days = -1"), 0u) << e.what();
  }
}

TEST(ScenarioErrors, AtMostTwentyErrors) {
  std::string text = without_rbb();
  for (int i = 0; i < 30; ++i) text += "[[place]]\nid = \"p" + std::to_string(i) + "\"\npopulation = -1\nlocation_km = [0.0, 0.0]\n";
  try {
    load_text(text, "bad.toml");
    FAIL() << "accepted";
  } catch (const Errors& e) {
    EXPECT_EQ(e.errors.size(), Errors::kMaxErrors);
    EXPECT_NE(std::string(e.what()).find("more errors not shown"), std::string::npos);
  }
}

TEST(ScenarioErrors, EveryRelationErrorAtOnce) {
  // Two collaboratives each naming a lead that is not a member.
  const auto text = kBase + "[[collaborative]]\nid = \"a\"\nics = \"i\"\nmembers = [\"RAA\"]\nlead = \"RBB\"\n"
                            "[[collaborative]]\nid = \"b\"\nics = \"i\"\nmembers = [\"RBB\"]\nlead = \"RAA\"\n";
  try {
    load_text(text, "bad.toml");
    FAIL() << "accepted";
  } catch (const Errors& e) {
    ASSERT_EQ(e.errors.size(), 2u) << e.what();
    EXPECT_EQ(e.errors[0].key, "collaborative[a].lead");
    EXPECT_EQ(e.errors[1].key, "collaborative[b].lead");
  }
}

TEST(ScenarioErrors, ConflictBlamesTheKeyWritten) {
  // cancel_full keeps its default (1.0); the value written is cancel_threshold.
  const auto e = error_of(without_rbb() + "[urgent]\ncancel_threshold = 1.5\n");
  EXPECT_EQ(e.key, "urgent.cancel_threshold");
  EXPECT_EQ(e.line, line_of(without_rbb() + "[urgent]\ncancel_threshold", "cancel_threshold"));
  EXPECT_EQ(e.value, "1.5");
  EXPECT_NE(e.expected.find("urgent.cancel_full"), std::string::npos) << e.what();
  // Out of range, it is named itself, with the hint that occupancies are fractions.
  const auto pct = error_of(without_rbb() + "[urgent]\ncancel_threshold = 92\n");
  EXPECT_EQ(pct.key, "urgent.cancel_threshold");
  EXPECT_EQ(pct.line, e.line);
  // Both written: the one the relation names is blamed, with the other's value in the message.
  const auto both = error_of(without_rbb() + "[urgent]\ncancel_threshold = 0.92\ncancel_full = 0.9\n");
  EXPECT_EQ(both.key, "urgent.cancel_full");
  EXPECT_EQ(both.value, "0.9");  // as written, not 0.90000000000000002
}

TEST(ScenarioDates, QuotedDateSaysSo) {
  const auto e = error_of(replace(kBase, "start_date = 2024-04-01", "start_date = \"2024-04-01\""));
  EXPECT_EQ(e.line, 5);
  EXPECT_NE(e.expected.find("without quotes"), std::string::npos) << e.what();
}

TEST(ScenarioDates, ImpossibleDateAtItsLine) {
  const auto e = error_of(replace(kBase, "start_date = 2024-04-01", "start_date = 2023-02-29"));
  EXPECT_EQ(e.line, 5);
  EXPECT_NE(e.expected.find("February 2023 has 28 days"), std::string::npos) << e.what();
  const auto m = error_of(replace(kBase, "start_date = 2024-04-01", "start_date = 2024-13-01"));
  EXPECT_EQ(m.line, 5);
  EXPECT_NE(m.expected.find("no month 13"), std::string::npos) << m.what();
}

TEST(ScenarioDates, DatesWhereDayNumbersGo) {
  const auto shock = "[[shock]]\nid = \"s\"\ntype = \"incident\"\ntrusts = [\"RAA\"]\nstart_day = 2024-04-11\n"
                     "end_day = 2024-05-01\nelective_loss = 0.5\n";
  const auto s = load_text(without_rbb() + shock, "d.toml");
  ASSERT_EQ(s.config.shocks.size(), 1u);
  EXPECT_EQ(s.config.shocks[0].start_day, 10);
  EXPECT_EQ(s.config.shocks[0].end_day, 30);
  // The same with day numbers gives the same configuration.
  const auto n = load_text(replace(replace(without_rbb() + shock, "2024-04-11", "10"), "2024-05-01", "30"), "d.toml");
  EXPECT_EQ(n.config, s.config);
  // A date before the start is day -1: out of range, said with the day it is.
  const auto e = error_of(replace(without_rbb() + shock, "2024-04-11", "2024-03-31"));
  EXPECT_EQ(e.key, "shock[s].start_day");
  EXPECT_EQ(e.line, line_of(without_rbb() + shock, "start_day"));
  EXPECT_NE(e.expected.find("day -1"), std::string::npos) << e.what();
  // A date is not accepted where the number is not a day.
  const auto d = error_of(replace(kBase, "days = 100", "days = 2024-07-01"));
  EXPECT_EQ(d.key, "scenario.days");
}

TEST(ScenarioWarnings, VerticalCollaborativeWithNoTwoMembersInAPlace) {
  const std::string col =
      "[[collaborative]]\nid = \"c\"\nics = \"i\"\nkind = \"vertical\"\nmembers = [\"RAA\", \"RBB\"]\n"
      "[[collaborative.programme]]\ntype = \"shared_waiting_list\"\nspecialty = \"ortho\"\n";
  // Both in north: the shared list can move patients, no warning on the kind.
  for (const auto& w : warnings_of(kBase + col)) EXPECT_NE(w.key, "collaborative[c].kind") << w.text();
  // RBB in a place of its own: nobody can move.
  auto text = replace(kBase, "place = \"north\"\nlocation_km = [30.0, 0.0]", "place = \"south\"");
  text = replace(text, "places = [\"north\"]", "places = [\"north\", \"south\"]");
  text = replace(text, "[[specialty]]", "[[place]]\nid = \"south\"\npopulation = 10000\nlocation_km = [30.0, 0.0]\n\n[[specialty]]");
  text += col;
  const auto w = warning_on(warnings_of(text), "collaborative[c].kind");
  EXPECT_EQ(w.line, line_of(text, "kind = \"vertical\""));
  EXPECT_NE(w.message.find("programme[0] can move no one"), std::string::npos) << w.message;
}

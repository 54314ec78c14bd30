// The run's events as /events tables.
#include <array>

#include "app/replication.hpp"

namespace icsim::app::detail {

void EventLog::write(io::RunFile& f, const model::Config& c, const std::vector<double>& shock_intensity) const {
  const auto orgs = c.organisation_ids();
  auto trust = [&](std::int32_t t) { return c.trusts[static_cast<std::size_t>(t)].id; };
  auto col = [&](std::int32_t k) { return c.collaboratives[static_cast<std::size_t>(k)].id; };
  auto spec = [&](std::int32_t s) { return s >= 0 ? c.specialties[static_cast<std::size_t>(s)].id : std::string("all"); };
  auto item = [](std::int32_t i) { return std::string(model::kItemNames[static_cast<std::size_t>(i)]); };
  std::vector<std::int64_t> day, prog, n1, n2;
  std::vector<std::string> s1, s2, s3, s4;
  std::vector<double> x;
  auto reset = [&] {
    day.clear(); prog.clear(); n1.clear(); n2.clear(); s1.clear(); s2.clear(); s3.clear(); s4.clear(); x.clear();
  };
  for (const auto& e : all.programmes) {
    day.push_back(e.day); s1.push_back(col(e.collaborative)); prog.push_back(e.programme);
    s2.push_back(model::kProgrammeTypeNames[static_cast<std::size_t>(
        c.collaboratives[static_cast<std::size_t>(e.collaborative)].programmes[static_cast<std::size_t>(e.programme)].type)]);
    s3.push_back(spec(e.specialty)); s4.push_back(model::kProgrammeActionNames[static_cast<std::size_t>(e.action)]);
    x.push_back(e.scale);
  }
  f.table({"/events/programmes", "Programmes starting, growing and stopping, in order",
           {{"day", day, {}, "day"}, {"collaborative", s1, {}, ""}, {"programme", prog, {}, ""},
            {"type", s2, {}, ""}, {"specialty", s3, {}, ""}, {"event", s4, {}, ""},
            {"scale", x, {}, "1"}}});
  reset();
  for (const auto& e : all.meetings) {
    day.push_back(e.day); s1.push_back(col(e.collaborative)); n1.push_back(e.items); x.push_back(e.cohesion);
  }
  f.table({"/events/meetings", "Monthly meetings of collaboratives",
           {{"day", day, {}, "day"}, {"collaborative", s1, {}, ""}, {"items", n1, {}, ""},
            {"cohesion", x, {}, "1"}}});
  reset();
  for (const auto& e : all.votes) {
    day.push_back(e.day); s1.push_back(col(e.collaborative)); prog.push_back(e.programme);
    s2.push_back(item(e.item)); s3.push_back(trust(e.member)); n1.push_back(e.yes ? 1 : 0); x.push_back(e.utility);
  }
  f.table({"/events/votes", "Each member's vote on each agenda item",
           {{"day", day, {}, "day"}, {"collaborative", s1, {}, ""}, {"programme", prog, {}, ""},
            {"item", s2, {}, ""}, {"member", s3, {}, ""}, {"yes", n1, {}, ""},
            {"utility", x, {}, "1"}}});
  reset();
  for (const auto& e : all.decisions) {
    day.push_back(e.day); s1.push_back(col(e.collaborative)); prog.push_back(e.programme);
    s2.push_back(item(e.item)); n1.push_back(e.yes); n2.push_back(e.no);
    s3.push_back(e.passed ? "passed" : "rejected");
    s4.push_back(model::kDecisionRuleNames[static_cast<std::size_t>(
        c.collaboratives[static_cast<std::size_t>(e.collaborative)].decision_rule)]);
  }
  f.table({"/events/decisions", "Decisions on agenda items",
           {{"day", day, {}, "day"}, {"collaborative", s1, {}, ""}, {"programme", prog, {}, ""},
            {"item", s2, {}, ""}, {"yes", n1, {}, ""}, {"no", n2, {}, ""},
            {"outcome", s3, {}, ""}, {"rule", s4, {}, ""}}});
  reset();
  for (const auto& e : all.capital) {
    day.push_back(e.day); s1.push_back(c.ics[static_cast<std::size_t>(e.ics)].id); s2.push_back(trust(e.trust));
    n1.push_back(e.rank); n2.push_back(e.awarded ? 1 : 0); s3.push_back(e.specialty >= 0 ? spec(e.specialty) : "");
    x.push_back(e.score);
    s4.push_back(c.ics[static_cast<std::size_t>(e.ics)].honest_broker ? "brokered" : "unbrokered");
  }
  f.table({"/events/capital", "Yearly capital allocations: every bid, ranked",
           {{"day", day, {}, "day"}, {"ics", s1, {}, ""}, {"trust", s2, {}, ""}, {"rank", n1, {}, ""},
            {"awarded", n2, {}, ""}, {"specialty", s3, {}, ""}, {"score", x, {}, ""},
            {"process", s4, {}, ""}}});
  reset();
  for (const auto& e : all.turnover) {
    day.push_back(e.day); s1.push_back(orgs[static_cast<std::size_t>(e.organisation)]);
  }
  f.table({"/events/turnover", "Changes of leadership",
           {{"day", day, {}, "day"}, {"organisation", s1, {}, ""}}});
  reset();
  for (const auto& e : all.membership) {
    day.push_back(e.day); s1.push_back(col(e.collaborative)); s2.push_back(trust(e.trust));
    s3.push_back(e.joined ? "joined" : "left");
  }
  f.table({"/events/membership", "Members joining and leaving collaboratives",
           {{"day", day, {}, "day"}, {"collaborative", s1, {}, ""}, {"trust", s2, {}, ""},
            {"event", s3, {}, ""}}});
  reset();
  for (const auto& e : all.delegated) {
    day.push_back(e.day); s1.push_back(col(e.collaborative)); s2.push_back(trust(e.trust));
    s3.push_back(spec(e.specialty)); x.push_back(e.slots_per_day);
  }
  f.table({"/events/delegated", "Extra activity bought with delegated budgets, monthly",
           {{"day", day, {}, "day"}, {"collaborative", s1, {}, ""}, {"trust", s2, {}, ""},
            {"specialty", s3, {}, ""}, {"slots_per_working_day", x, {}, "treatments per working day"}}});
  reset();
  static constexpr std::array<const char*, 3> kOutcome = {"granted", "refused", "unmet"};
  for (const auto& e : all.aid) {
    day.push_back(e.day); s1.push_back(trust(e.requester)); s2.push_back(e.donor >= 0 ? trust(e.donor) : "");
    s3.push_back(e.kind == 1 ? "staff" : "beds"); n1.push_back(e.need); n2.push_back(e.granted);
    s4.push_back(kOutcome[static_cast<std::size_t>(e.outcome)]);
  }
  f.table({"/events/aid", "Requests for mutual aid: one row per partner with slack asked, or one unmet row",
           {{"day", day, {}, "day"}, {"requester", s1, {}, ""}, {"donor", s2, {}, ""}, {"kind", s3, {}, ""},
            {"need", n1, {}, "beds"}, {"granted", n2, {}, "beds"}, {"outcome", s4, {}, ""}}});
  reset();
  std::vector<std::int64_t> end;
  for (std::size_t k = 0; k < c.shocks.size(); ++k) {
    const auto& s = c.shocks[k];
    s1.push_back(s.id); s2.push_back(model::kShockTypeNames[static_cast<std::size_t>(s.type)]);
    day.push_back(s.start_day); end.push_back(s.end_day);
    std::string who;
    for (int t : s.trusts) who += (who.empty() ? "" : ",") + trust(t);
    s3.push_back(who.empty() ? "all" : who);
    x.push_back(shock_intensity[k]);
  }
  f.table({"/events/shocks", "The shocks of the scenario's timeline, with their drawn intensity",
           {{"id", s1, {}, ""}, {"type", s2, {}, ""}, {"start_day", day, {}, "day"}, {"end_day", end, {}, "day"},
            {"trusts", s3, {}, ""}, {"intensity", x, {}, "1"}}});
}

}  // namespace icsim::app::detail

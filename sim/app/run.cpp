#include "app/run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <filesystem>
#include <mutex>

#include "core/archive.hpp"
#include "core/isolate.hpp"
#include "core/parallel.hpp"
#include "core/version.hpp"
#include "io/h5.hpp"
#include "io/manifest.hpp"
#include "io/run_file.hpp"
#include "io/sha256.hpp"
#include "model/model.hpp"

namespace icsim::app {
namespace fs = std::filesystem;

namespace {

std::vector<io::Attr> parameter_attributes(const scenario::Scenario& sc, int replication) {
  const auto& c = sc.config;
  std::string overrides;
  for (const auto& o : sc.overrides) overrides += (overrides.empty() ? "" : "\n") + o;
  return {
      {"scenario_name", c.name},
      {"scenario_description", c.description},
      {"scenario_source", sc.source},
      {"scenario_text", sc.text},
      {"scenario_resolved", sc.resolved_text},
      {"overrides", overrides},
      {"seed", static_cast<std::int64_t>(c.seed)},
      {"replication", static_cast<std::int64_t>(replication)},
      {"replications", static_cast<std::int64_t>(c.replications)},
      {"start_date", c.start_date.iso()},
      {"days", static_cast<std::int64_t>(c.days)},
      {"output_interval_days", static_cast<std::int64_t>(c.output_interval_days)},
      {"icsim_version", std::string(version())},
      {"git_revision", std::string(git_revision())},
      {"build_type", std::string(build_type())},
      {"compiler", std::string(compiler())},
      {"library_versions",
       std::string(dependency_versions()) + "; hdf5 runtime " + io::h5::library_version()},
      {"random_generator", std::string("Philox4x64-10 (Random123) driving Boost.Random")},
  };
}

std::vector<std::string> ids_of(const model::Config& c, const std::vector<int>& trusts) {
  std::vector<std::string> out;
  for (int t : trusts) out.push_back(c.trusts[static_cast<std::size_t>(t)].id);
  return out;
}

std::string joined(const std::vector<std::string>& xs) {
  std::string s;
  for (const auto& x : xs) s += (s.empty() ? "" : ",") + x;
  return s;
}

void write_axes(io::RunFile& f, const model::Config& c) {
  // Organisations: the trusts (rows 0..T-1, the organisation axis of trust observables), then
  // one ICB per ICS.
  io::Table orgs{"/organisations",
                 "Organisations: trusts (rows 0..trusts-1), then ICBs, then place partners", {}};
  std::vector<std::string> id, name, type, place, kind, ics;
  std::vector<double> loc;
  for (std::size_t t = 0; t < c.trusts.size(); ++t) {
    const auto& tr = c.trusts[t];
    id.push_back(tr.id);
    name.push_back(tr.name);
    type.push_back(model::kTrustTypeNames[static_cast<std::size_t>(tr.type)]);
    place.push_back(c.places[static_cast<std::size_t>(tr.place)].id);
    kind.push_back("trust");
    for (const auto& i : c.ics) {
      if (std::find(i.trusts.begin(), i.trusts.end(), static_cast<int>(t)) != i.trusts.end()) ics.push_back(i.id);
    }
    loc.push_back(tr.location.x_km);
    loc.push_back(tr.location.y_km);
  }
  for (const auto& i : c.ics) {
    id.push_back(i.id + "_icb");
    name.push_back(i.name + " ICB");
    type.push_back("icb");
    place.push_back("");
    kind.push_back("icb");
    ics.push_back(i.id);
    loc.push_back(std::nan(""));
    loc.push_back(std::nan(""));
  }
  for (const auto& pp : c.partnerships) {
    for (const auto& partner : pp.partners) {
      id.push_back(pp.id + "." + partner);
      name.push_back(partner + " (" + pp.name + ")");
      type.push_back(partner);
      place.push_back(c.places[static_cast<std::size_t>(pp.place)].id);
      kind.push_back("partner");
      std::string in;
      for (const auto& i : c.ics) {
        if (std::find(i.places.begin(), i.places.end(), pp.place) != i.places.end()) in = i.id;
      }
      ics.push_back(in);
      loc.push_back(c.places[static_cast<std::size_t>(pp.place)].location.x_km);
      loc.push_back(c.places[static_cast<std::size_t>(pp.place)].location.y_km);
    }
  }
  const std::size_t n_orgs = id.size();
  orgs.columns = {{"id", id, {}, ""},     {"name", name, {}, ""},   {"kind", kind, {}, ""},
                  {"type", type, {}, ""}, {"place", place, {}, ""}, {"ics", ics, {}, ""},
                  {"location_km", loc, {n_orgs, 2}, "km"}};
  f.table(orgs);

  io::Table places{"/places", "Places (populations)", {}};
  std::vector<std::string> pid, pname;
  std::vector<std::int64_t> pop;
  std::vector<double> ploc, dep;
  for (const auto& p : c.places) {
    pid.push_back(p.id);
    pname.push_back(p.name);
    pop.push_back(p.population);
    ploc.push_back(p.location.x_km);
    ploc.push_back(p.location.y_km);
    dep.insert(dep.end(), p.deprivation.begin(), p.deprivation.end());
  }
  places.columns = {{"id", pid, {}, ""},
                    {"name", pname, {}, ""},
                    {"population", pop, {}, "persons"},
                    {"location_km", ploc, {c.places.size(), 2}, "km"},
                    {"deprivation", dep, {c.places.size(), 5}, "1"}};
  f.table(places);

  io::Table specs{"/specialties", "Elective specialties", {}};
  std::vector<std::string> sid, sname;
  std::vector<double> rate;
  for (const auto& s : c.specialties) {
    sid.push_back(s.id);
    sname.push_back(s.name);
    rate.push_back(s.referral_rate);
  }
  specs.columns = {{"id", sid, {}, ""},
                   {"name", sname, {}, ""},
                   {"referral_rate", rate, {}, "referrals per 1000 population per year"}};
  f.table(specs);

  {
    std::vector<std::int64_t> weeks;
    std::vector<std::string> labels;
    for (std::size_t w = 0; w < model::kWaitHistogramBins; ++w) {
      weeks.push_back(static_cast<std::int64_t>(w));
      labels.push_back(w + 1 == model::kWaitHistogramBins ? std::to_string(w) + "+" : std::to_string(w));
    }
    f.table({"/wait_weeks", "The wait_week axis: whole weeks waited (the last bin is open)",
             {{"weeks", weeks, {}, "weeks"}, {"label", labels, {}, ""}}});
  }
  f.table({"/quintiles", "IMD quintiles of the patients' homes, most deprived first",
           {{"id", std::vector<std::string>{"Q1", "Q2", "Q3", "Q4", "Q5"}, {}, ""},
            {"name", std::vector<std::string>{"1 (most deprived)", "2", "3", "4", "5 (least deprived)"}, {}, ""}}});

  io::Table icss{"/ics", "Integrated care systems", {}};
  std::vector<std::string> iid, iname, icom, iplaces, itrusts;
  for (const auto& i : c.ics) {
    iid.push_back(i.id);
    iname.push_back(i.name);
    icom.push_back(model::kCommissioningNames[static_cast<std::size_t>(i.commissioning)]);
    std::vector<std::string> ps;
    for (int p : i.places) ps.push_back(c.places[static_cast<std::size_t>(p)].id);
    iplaces.push_back(joined(ps));
    itrusts.push_back(joined(ids_of(c, i.trusts)));
  }
  icss.columns = {{"id", iid, {}, ""},          {"name", iname, {}, ""},
                  {"commissioning", icom, {}, ""}, {"places", iplaces, {}, ""},
                  {"trusts", itrusts, {}, ""}};
  f.table(icss);

  io::Table cols{"/collaboratives", "Provider collaboratives (the collaborative axis)", {}};
  std::vector<std::string> cid, cname, cics, ckind, cgov, crule, cmembers, clead;
  std::vector<std::int64_t> membership(c.collaboratives.size() * c.trusts.size(), 0);
  for (std::size_t k = 0; k < c.collaboratives.size(); ++k) {
    const auto& col = c.collaboratives[k];
    cid.push_back(col.id);
    cname.push_back(col.name);
    cics.push_back(c.ics[static_cast<std::size_t>(col.ics)].id);
    ckind.push_back(model::kCollaborativeKindNames[static_cast<std::size_t>(col.kind)]);
    cgov.push_back(model::kGovernanceNames[static_cast<std::size_t>(col.governance)]);
    crule.push_back(model::kDecisionRuleNames[static_cast<std::size_t>(col.decision_rule)]);
    cmembers.push_back(joined(ids_of(c, col.members)));
    clead.push_back(col.lead >= 0 ? c.trusts[static_cast<std::size_t>(col.lead)].id : "");
    for (int m : col.members) membership[k * c.trusts.size() + static_cast<std::size_t>(m)] = 1;
  }
  cols.columns = {{"id", cid, {}, ""},          {"name", cname, {}, ""},
                  {"ics", cics, {}, ""},        {"kind", ckind, {}, ""},
                  {"governance", cgov, {}, ""}, {"decision_rule", crule, {}, ""},
                  {"members", cmembers, {}, ""}, {"lead", clead, {}, ""},
                  {"membership", membership, {c.collaboratives.size(), c.trusts.size()}, "1"}};
  f.table(cols);

  io::Table progs{"/programmes", "Programmes of collaboratives (the programme axis)", {}};
  std::vector<std::string> pid_, pcol, ptype, pspec, pgoverned;
  for (const auto& col : c.collaboratives) {
    for (std::size_t k = 0; k < col.programmes.size(); ++k) {
      const auto& pr = col.programmes[k];
      pid_.push_back(col.id + "#" + std::to_string(k));
      pcol.push_back(col.id);
      ptype.push_back(model::kProgrammeTypeNames[static_cast<std::size_t>(pr.type)]);
      pspec.push_back(pr.specialty >= 0 ? c.specialties[static_cast<std::size_t>(pr.specialty)].id : "all");
      pgoverned.push_back(pr.governed ? "governed" : "scheduled");
    }
  }
  progs.columns = {{"id", pid_, {}, ""},         {"collaborative", pcol, {}, ""},
                   {"type", ptype, {}, ""},      {"specialty", pspec, {}, ""},
                   {"decided_by", pgoverned, {}, ""}};
  f.table(progs);

  io::Table pps{"/place_partnerships", "Place-based partnerships", {}};
  std::vector<std::string> ppid, ppname, ppplace, ppmembers, pppartners;
  for (const auto& pp : c.partnerships) {
    ppid.push_back(pp.id);
    ppname.push_back(pp.name);
    ppplace.push_back(c.places[static_cast<std::size_t>(pp.place)].id);
    ppmembers.push_back(joined(ids_of(c, pp.members)));
    pppartners.push_back(joined(pp.partners));
  }
  pps.columns = {{"id", ppid, {}, ""}, {"name", ppname, {}, ""}, {"place", ppplace, {}, ""},
                 {"members", ppmembers, {}, ""}, {"partners", pppartners, {}, ""}};
  f.table(pps);
}

/// Shape and axis names of an observable in this scenario.
std::pair<std::vector<std::string>, std::vector<hsize_t>> axes_of(model::Axes a, const model::Config& c) {
  const auto T = static_cast<hsize_t>(c.trusts.size());
  const auto S = static_cast<hsize_t>(c.specialties.size());
  const auto Q = static_cast<hsize_t>(model::kQuintiles);
  switch (a) {
    case model::Axes::trust_specialty: return {{"organisation", "specialty"}, {T, S}};
    case model::Axes::trust: return {{"organisation"}, {T}};
    case model::Axes::system: return {{}, {}};
    case model::Axes::specialty: return {{"specialty"}, {S}};
    case model::Axes::quintile: return {{"quintile"}, {Q}};
    case model::Axes::trust_quintile: return {{"organisation", "quintile"}, {T, Q}};
    case model::Axes::place: return {{"place"}, {static_cast<hsize_t>(c.places.size())}};
    case model::Axes::collaborative_specialty:
      return {{"collaborative", "specialty"}, {static_cast<hsize_t>(c.collaboratives.size()), S}};
    case model::Axes::trust_trust: return {{"organisation", "organisation"}, {T, T}};
    case model::Axes::wait_week: return {{"wait_week"}, {model::kWaitHistogramBins}};
    case model::Axes::organisation_all:
      return {{"organisation"}, {static_cast<hsize_t>(c.organisation_ids().size())}};
    case model::Axes::collaborative:
      return {{"collaborative"}, {static_cast<hsize_t>(c.collaboratives.size())}};
    case model::Axes::programme: {
      hsize_t n = 0;
      for (const auto& col : c.collaboratives) n += col.programmes.size();
      return {{"programme"}, {n}};
    }
    case model::Axes::partnership:
      return {{"place_partnership"}, {static_cast<hsize_t>(c.partnerships.size())}};
  }
  return {{}, {}};
}

struct Writer {
  std::vector<std::pair<model::Obs, std::size_t>> series;  // observable -> series index

  Writer(io::RunFile& f, const scenario::Scenario& sc) {
    for (model::Obs o : sc.output.observables) {
      const auto& info = model::observables()[static_cast<std::size_t>(o)];
      auto [axes, shape] = axes_of(info.axes, sc.config);
      // An axis of length zero (no collaboratives) has nothing to record.
      if (std::find(shape.begin(), shape.end(), hsize_t{0}) != shape.end()) continue;
      io::SeriesSpec spec;
      spec.name = std::string(info.name);
      spec.unit = std::string(info.unit);
      spec.kind = std::string(model::kind_name(info.kind));
      spec.description = std::string(info.description);
      spec.integer = info.integer;
      spec.axes = std::move(axes);
      spec.shape = std::move(shape);
      series.emplace_back(o, f.add_series(spec));
    }
  }

  void write(io::RunFile& f, const model::Sample& s) const {
    for (const auto& [o, idx] : series) {
      const auto i = static_cast<std::size_t>(o);
      if (model::observables()[i].integer) {
        f.append(idx, s.step, s.step, std::span<const std::int64_t>(s.counts[i]));
      } else {
        f.append(idx, s.step, s.step, std::span<const double>(s.values[i]));
      }
    }
  }
};

/// Every event of the run, accumulated from the model and written as /events tables at the end.
struct EventLog {
  model::Events all;

  void take(model::Model& m) {
    all.append(m.events());
    m.clear_events();
  }

  void write(io::RunFile& f, const model::Config& c, const std::vector<double>& shock_intensity) const {
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
};

/// The organisation x organisation trust matrix, monthly, under /relationships/trust.
struct RelationshipWriter {
  std::size_t series = 0;
  std::size_t n = 0;

  RelationshipWriter(io::RunFile& f, std::size_t organisations) : n(organisations) {
    io::SeriesSpec spec;
    spec.group = "/relationships";
    spec.name = "trust";
    spec.unit = "1";
    spec.kind = "stock";
    spec.description = "Trust of the row organisation in the column organisation, (r + 1) / "
                       "(r + s + 2), at the end of each calendar month; NaN for pairs that do not "
                       "interact";
    spec.axes = {"organisation", "organisation"};
    spec.shape = {static_cast<hsize_t>(n), static_cast<hsize_t>(n)};
    series = f.add_series(spec);
  }

  void write(io::RunFile& f, const model::Model& m, std::int64_t step) const {
    const auto& rel = m.relationships();
    std::vector<double> row(n * n, std::nan(""));
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) {
        if (i != j && rel.interacts(i, j)) row[i * n + j] = rel.trust(i, j);
      }
    }
    f.append(series, step, static_cast<double>(step), std::span<const double>(row));
  }
};

Headline headline_of(const model::Sample& s) {
  using model::Obs;
  auto c = [&](Obs o) -> const std::vector<std::int64_t>& { return s.counts[static_cast<std::size_t>(o)]; };
  auto v = [&](Obs o) -> const std::vector<double>& { return s.values[static_cast<std::size_t>(o)]; };
  Headline h;
  for (auto x : c(Obs::trust_waiting_list)) h.trust_list.push_back(static_cast<double>(x));
  h.trust_median = v(Obs::trust_wait_median_weeks);
  h.trust_within_18 = v(Obs::trust_within_18_weeks);
  for (auto x : c(Obs::trust_over_52_weeks)) h.trust_over_52.push_back(static_cast<double>(x));
  h.list = static_cast<double>(c(Obs::system_waiting_list)[0]);
  h.median = v(Obs::system_wait_median_weeks)[0];
  h.within_18 = v(Obs::system_within_18_weeks)[0];
  h.over_52 = static_cast<double>(c(Obs::system_over_52_weeks)[0]);
  h.trust_median_range = v(Obs::variation_trust_median_range)[0];
  auto mean_of = [](const std::vector<double>& xs) {
    double sum = 0.0;
    int n = 0;
    for (double x : xs) {
      if (std::isfinite(x)) {
        sum += x;
        ++n;
      }
    }
    return n ? sum / n : std::nan("");
  };
  h.mean_trust = v(Obs::mean_trust)[0];
  h.cohesion = mean_of(v(Obs::collaborative_cohesion));
  h.programme_scale = mean_of(v(Obs::programme_scale));
  h.longest_trust_median = std::nan("");
  for (double m : h.trust_median) {
    if (std::isfinite(m) && !(m <= h.longest_trust_median)) h.longest_trust_median = m;
  }
  return h;
}

}  // namespace

std::string replication_file_name(int replication) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "rep-%04d.h5", replication);
  return buf;
}

namespace {

/// Running totals of a replication for its headline (kept in checkpoints).
struct Totals {
  std::int64_t treated = 0, transfers = 0, cancelled = 0, opel4 = 0;
  double out_of_area = 0.0;
  template <class Ar>
  void serialize(Ar& ar) {
    ar(treated, transfers, cancelled, opel4, out_of_area);
  }
};

std::vector<std::int64_t> pack(const std::vector<std::uint8_t>& bytes) {
  std::vector<std::int64_t> out((bytes.size() + 7) / 8, 0);
  if (!bytes.empty()) std::memcpy(out.data(), bytes.data(), bytes.size());
  return out;
}

std::vector<std::uint8_t> unpack(const std::vector<std::int64_t>& words, std::int64_t size) {
  std::vector<std::uint8_t> out(static_cast<std::size_t>(size));
  if (size > 0) std::memcpy(out.data(), words.data(), out.size());
  return out;
}

/// The checkpoint of a replication next to its output file: rep-0003.h5 -> rep-0003.checkpoint.h5.
std::string checkpoint_path(const std::string& path) {
  const fs::path p(path);
  return (p.parent_path() / (p.stem().string() + ".checkpoint.h5")).string();
}

/// The rows of every series stored in a checkpoint file.
std::vector<io::RunFile::Rows> checkpoint_rows(hid_t id, const std::vector<char>& integer) {
  std::vector<io::RunFile::Rows> rows(integer.size());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const std::string g = "series/" + std::to_string(k);
    rows[k].integer = integer[k] != 0;
    rows[k].step = io::h5::read_ints(id, g + "/step");
    rows[k].time = io::h5::read_doubles(id, g + "/time");
    if (rows[k].integer) {
      rows[k].ints = io::h5::read_ints(id, g + "/value");
    } else {
      rows[k].reals = io::h5::read_doubles(id, g + "/value");
    }
  }
  return rows;
}

/// Writes everything needed to continue the run: the scenario (as read), the replication, the
/// model's state, the rows written to the output file so far, the event log and the totals.
/// The rows are this process's previous checkpoint's (when `has_previous`) plus those the
/// file recorded since.
void write_checkpoint(const std::string& path, const scenario::Scenario& sc, int replication, int checkpoint_every,
                      const model::Model& m, io::RunFile& f, const model::Events& events, Totals totals,
                      bool& has_previous) {
  const std::string ck = checkpoint_path(path), tmp = ck + ".tmp";
  auto fresh = f.take_recorded();
  std::vector<io::RunFile::Rows> all;
  if (has_previous) {
    std::vector<char> integer;
    for (const auto& r : fresh) integer.push_back(r.integer ? 1 : 0);
    auto old = io::h5::open_file_read(ck);
    all = checkpoint_rows(old.id(), integer);
  } else {
    all.resize(fresh.size());
    for (std::size_t k = 0; k < fresh.size(); ++k) all[k].integer = fresh[k].integer;
  }
  for (std::size_t k = 0; k < fresh.size(); ++k) {
    auto append = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
    append(all[k].step, fresh[k].step);
    append(all[k].time, fresh[k].time);
    append(all[k].ints, fresh[k].ints);
    append(all[k].reals, fresh[k].reals);
  }
  {
    auto file = io::h5::create_file(tmp);
    const hid_t id = file.id();
    io::h5::set_attr(id, "format", std::string("icsim-checkpoint-1"));
    io::h5::set_attr(id, "icsim_version", std::string(version()));
    io::h5::set_attr(id, "git_revision", std::string(git_revision()));
    io::h5::set_attr(id, "scenario_source", sc.source);
    io::h5::set_attr(id, "scenario_text", sc.text);
    io::h5::set_attr(id, "scenario_resolved", sc.resolved_text);
    std::string overrides;
    for (const auto& o : sc.overrides) overrides += (overrides.empty() ? "" : "\n") + o;
    io::h5::set_attr(id, "overrides", overrides);
    io::h5::set_attr(id, "replication", static_cast<std::int64_t>(replication));
    io::h5::set_attr(id, "day", static_cast<std::int64_t>(m.days_done()));
    io::h5::set_attr(id, "output_file", fs::path(path).filename().string());
    io::h5::set_attr(id, "checkpoint_every", static_cast<std::int64_t>(checkpoint_every));
    auto blob = [&](const std::string& name, const std::vector<std::uint8_t>& bytes) {
      const auto words = pack(bytes);
      io::h5::write_ints(id, name, words, {words.size()});
      io::h5::set_attr(id, name + "_bytes", static_cast<std::int64_t>(bytes.size()));
    };
    blob("model_state", m.save_state());
    core::Archive ev;
    ev.io(const_cast<model::Events&>(events));
    ev.io(totals);
    blob("run_state", ev.bytes());
    auto series = io::h5::create_group(id, "series");
    for (std::size_t k = 0; k < all.size(); ++k) {
      const auto& rows = all[k];
      auto g = io::h5::create_group(series.id(), std::to_string(k));
      io::h5::write_ints(g.id(), "step", rows.step, {rows.step.size()});
      io::h5::write_doubles(g.id(), "time", rows.time, {rows.time.size()});
      if (rows.integer) {
        io::h5::write_ints(g.id(), "value", rows.ints, {rows.ints.size()});
      } else {
        io::h5::write_doubles(g.id(), "value", rows.reals, {rows.reals.size()});
      }
    }
  }
  fs::rename(tmp, ck);
  has_previous = true;
}

/// The steps of a replication from the model's current day to the end, writing as it goes.
ReplicationResult finish_replication(const scenario::Scenario& sc, int replication, const std::string& path,
                                     model::Model& m, io::RunFile& f, const Writer& w, const RelationshipWriter& rw,
                                     EventLog& events, Totals t, const RunControl& control,
                                     bool has_previous) {
  ReplicationResult r;
  r.replication = replication;
  r.file = path;
  while (!m.finished()) {
    m.step();
    events.take(m);
    if (m.month_ended()) rw.write(f, m, m.days_done());
    if (m.has_new_sample()) {
      w.write(f, m.sample());
      t.treated += m.sample().counts[static_cast<std::size_t>(model::Obs::system_treated)][0];
      for (auto x : m.sample().counts[static_cast<std::size_t>(model::Obs::transfers_in)]) t.transfers += x;
      for (auto x : m.sample().counts[static_cast<std::size_t>(model::Obs::cancelled_electives)]) t.cancelled += x;
      for (auto x : m.sample().counts[static_cast<std::size_t>(model::Obs::opel4_days)]) t.opel4 += x;
      for (auto x : m.sample().values[static_cast<std::size_t>(model::Obs::out_of_area_bed_days)]) t.out_of_area += x;
    }
    if (control.checkpoint_every > 0 && m.days_done() % control.checkpoint_every == 0 && !m.finished()) {
      write_checkpoint(path, sc, replication, control.checkpoint_every, m, f, events.all, t, has_previous);
    }
    if (control.progress) {
      control.progress->add_units(1);
      if (control.on_progress && control.progress->should_report(std::chrono::milliseconds(250))) {
        control.on_progress(*control.progress);
      }
    }
  }
  events.write(f, sc.config, m.shock_intensity());
  f.commit();
  if (control.checkpoint_every > 0 && !control.keep_checkpoints) fs::remove(checkpoint_path(path));
  r.headline = headline_of(m.sample());
  r.headline.treated = static_cast<double>(t.treated);
  r.headline.transfers = static_cast<double>(t.transfers);
  const bool urgent = !m.bed_units().empty() || !sc.config.shocks.empty();
  r.headline.cancelled = urgent ? static_cast<double>(t.cancelled) : std::nan("");
  r.headline.opel4_days = !m.bed_units().empty() ? static_cast<double>(t.opel4) : std::nan("");
  r.headline.out_of_area_days = !m.bed_units().empty() ? t.out_of_area : std::nan("");
  r.patient_events = m.patient_events();
  return r;
}

}  // namespace

ReplicationResult run_replication(const scenario::Scenario& sc, int replication,
                                  const std::string& path, core::Progress* progress,
                                  const ProgressCallback& on_progress) {
  RunControl control;
  control.progress = progress;
  control.on_progress = on_progress;
  return run_replication(sc, replication, path, control);
}

ReplicationResult run_replication(const scenario::Scenario& sc, int replication, const std::string& path,
                                  const RunControl& control) {
  const auto start = std::chrono::steady_clock::now();
  ReplicationResult r;
  core::isolated([&] {
    model::Model m(sc.config, static_cast<std::uint64_t>(replication));
    io::RunFile f(path, sc.output.compression);
    if (control.checkpoint_every > 0) f.start_recording();
    f.parameters(parameter_attributes(sc, replication));
    write_axes(f, sc.config);
    const Writer w(f, sc);
    w.write(f, m.sample());
    const RelationshipWriter rw(f, m.organisations());
    rw.write(f, m, 0);
    EventLog events;
    events.take(m);
    r = finish_replication(sc, replication, path, m, f, w, rw, events, Totals{}, control, false);
  });
  r.ok = true;
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

ResumedRun resume_replication(const std::string& checkpoint, const RunControl& control, bool force) {
  const auto start = std::chrono::steady_clock::now();
  auto file = io::h5::open_file_read(checkpoint);
  const hid_t id = file.id();
  if (!io::h5::has_attr(id, "format") || io::h5::attr_string(id, "format") != "icsim-checkpoint-1") {
    throw std::runtime_error(checkpoint + " is not an icsim checkpoint");
  }
  if (io::h5::attr_string(id, "git_revision") != git_revision() || io::h5::attr_string(id, "icsim_version") != version()) {
    throw std::runtime_error(checkpoint + " was written by icsim " + io::h5::attr_string(id, "icsim_version") + " (" +
                             io::h5::attr_string(id, "git_revision") + "); this is " + std::string(version()) + " (" +
                             std::string(git_revision()) + "): a checkpoint is resumed by the build that wrote it");
  }
  std::vector<scenario::Override> overrides;
  std::istringstream ov(io::h5::attr_string(id, "overrides"));
  for (std::string line; std::getline(ov, line);) {
    if (!line.empty()) overrides.push_back(scenario::parse_override(line));
  }
  scenario::Scenario sc = scenario::load_text(io::h5::attr_string(id, "scenario_resolved"),
                                              io::h5::attr_string(id, "scenario_source"), overrides);
  sc.text = io::h5::attr_string(id, "scenario_text");  // provenance exactly as the original run wrote it
  sc.resolved_text = io::h5::attr_string(id, "scenario_resolved");
  const int replication = static_cast<int>(io::h5::attr_int(id, "replication"));
  const std::string path = (fs::path(checkpoint).parent_path() / io::h5::attr_string(id, "output_file")).string();
  if (fs::exists(path) && !force) {
    throw OutputExists(path + " already exists (use --force to replace it)");
  }
  auto blob = [&](const std::string& name) {
    return unpack(io::h5::read_ints(id, name), io::h5::attr_int(id, name + "_bytes"));
  };
  ResumedRun out;
  out.scenario = sc.config.name;
  out.day = static_cast<int>(io::h5::attr_int(id, "day"));
  out.days = sc.config.days;
  core::isolated([&] {
    model::Model m(sc.config, static_cast<std::uint64_t>(replication));
    m.load_state(blob("model_state"));
    EventLog events;
    Totals totals;
    core::Archive ar(blob("run_state"));
    ar.io(events.all);
    ar.io(totals);
    ar.expect_end();
    io::RunFile f(path, sc.output.compression);
    // Later checkpoints go next to the output file: when this checkpoint is that file they
    // extend it (recording starts after the replay); otherwise they record everything.
    const bool same_place = fs::exists(checkpoint_path(path)) && fs::equivalent(checkpoint, checkpoint_path(path));
    if (!same_place) f.start_recording();
    f.parameters(parameter_attributes(sc, replication));
    write_axes(f, sc.config);
    // Replay the rows written before the checkpoint with the same sequence of HDF5 calls as the
    // run made (so the bytes are the same): the observables' series are created and their
    // step-0 rows written before the trust matrix's series exists; later, at a step with both,
    // the matrix row comes first.
    std::vector<io::RunFile::Rows> rows;
    auto load_rows = [&](std::size_t k, bool is_integer) {
      const std::string g = "series/" + std::to_string(k);
      io::RunFile::Rows r;
      r.integer = is_integer;
      r.step = io::h5::read_ints(id, g + "/step");
      r.time = io::h5::read_doubles(id, g + "/time");
      if (is_integer) {
        r.ints = io::h5::read_ints(id, g + "/value");
      } else {
        r.reals = io::h5::read_doubles(id, g + "/value");
      }
      if (rows.size() <= k) rows.resize(k + 1);
      rows[k] = std::move(r);
    };
    auto put = [&](std::size_t k, std::size_t i) {
      const auto& r = rows[k];
      const std::size_t n = r.step.size();
      if (r.integer) {
        const std::size_t width = r.ints.size() / n;
        f.append(k, r.step[i], r.time[i], std::span<const std::int64_t>(r.ints.data() + i * width, width));
      } else {
        const std::size_t width = r.reals.size() / n;
        f.append(k, r.step[i], r.time[i], std::span<const double>(r.reals.data() + i * width, width));
      }
    };
    const Writer w(f, sc);
    std::vector<std::size_t> sample_series;
    for (const auto& [o, idx] : w.series) {
      sample_series.push_back(idx);
      load_rows(idx, model::observables()[static_cast<std::size_t>(o)].integer);
    }
    const std::size_t samples = sample_series.empty() ? 0 : rows[sample_series[0]].step.size();
    if (samples > 0) {
      for (std::size_t k : sample_series) put(k, 0);
    }
    const RelationshipWriter rw(f, m.organisations());
    load_rows(rw.series, false);
    const std::size_t months = rows[rw.series].step.size();
    if (months > 0) put(rw.series, 0);
    std::size_t is = samples > 0 ? 1 : 0, ir = months > 0 ? 1 : 0;
    while (is < samples || ir < months) {
      const bool rel_next = ir < months && (is >= samples || rows[rw.series].step[ir] <= rows[sample_series[0]].step[is]);
      if (rel_next) {
        put(rw.series, ir++);
      } else {
        for (std::size_t k : sample_series) put(k, is);
        ++is;
      }
    }
    if (control.progress) control.progress->add_units(out.day);
    // Later checkpoints extend this one (it sits where they go, next to the output file).
    RunControl more = control;
    if (more.checkpoint_every <= 0) more.checkpoint_every = static_cast<int>(io::h5::attr_int(id, "checkpoint_every"));
    if (same_place) f.start_recording();
    file.close();
    out.result = finish_replication(sc, replication, path, m, f, w, rw, events, totals, more, same_place);
  });
  out.result.ok = true;
  out.result.replication = replication;
  out.result.file = path;
  out.result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

std::vector<ScenarioResult> run_batch(const std::vector<scenario::Scenario>& scenarios,
                                      const BatchOptions& options) {
  const fs::path out(options.out_dir);
  // Refuse to overwrite: a scenario folder or manifest in the way needs --force.
  std::vector<fs::path> dirs;
  for (const auto& sc : scenarios) {
    const fs::path dir = out / sc.config.name;
    for (const auto& d : dirs) {
      if (d == dir) throw OutputExists("two scenarios are both named '" + sc.config.name + "'");
    }
    dirs.push_back(dir);
  }
  const fs::path manifest_path = out / "manifest.json";
  for (const auto& dir : dirs) {
    if (fs::exists(dir) && !fs::is_empty(dir) && !options.force) {
      throw OutputExists("results already exist in " + dir.string() +
                         " (use --force to replace them, or --out to write elsewhere)");
    }
  }
  if (fs::exists(manifest_path) && !options.force) {
    throw OutputExists(manifest_path.string() +
                       " already exists (use --force to replace it, or --out to write elsewhere)");
  }
  for (const auto& dir : dirs) {
    if (options.force) fs::remove_all(dir);
    fs::create_directories(dir);
  }

  struct Job {
    std::size_t scenario;
    int replication;
  };
  std::vector<Job> jobs;
  std::int64_t total_days = 0;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    for (int r = 0; r < scenarios[i].config.replications; ++r) {
      jobs.push_back({i, r});
      total_days += scenarios[i].config.days;
    }
  }
  core::Progress progress(total_days, static_cast<std::int64_t>(jobs.size()));

  std::vector<ScenarioResult> results(scenarios.size());
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    results[i].name = scenarios[i].config.name;
    for (const auto& t : scenarios[i].config.trusts) results[i].trust_ids.push_back(t.id);
    results[i].replications.resize(static_cast<std::size_t>(scenarios[i].config.replications));
  }
  const std::size_t threads = core::active_threads();
  std::vector<io::ManifestRun> runs(jobs.size());

  core::for_each_index(jobs.size(), [&](std::size_t j) {
    const Job& job = jobs[j];
    const auto& sc = scenarios[job.scenario];
    const std::string rel = sc.config.name + "/" + replication_file_name(job.replication);
    const std::string path = (out / rel).string();
    ReplicationResult r;
    io::ManifestRun m;
    try {
      RunControl control;
      control.progress = &progress;
      control.on_progress = options.on_progress;
      control.checkpoint_every = options.checkpoint_every;
      control.keep_checkpoints = options.keep_checkpoints;
      r = run_replication(sc, job.replication, path, control);
      m.sha256 = io::sha256_file(path);
      m.bytes = static_cast<std::int64_t>(fs::file_size(path));
      m.status = "complete";
    } catch (const std::exception& e) {
      r.replication = job.replication;
      r.file = path;
      r.ok = false;
      r.error = e.what();
      m.status = "failed";
      m.error = e.what();
    }
    progress.run_finished(r.ok);
    if (options.on_progress) options.on_progress(progress);
    m.scenario = sc.config.name;
    m.replication = job.replication;
    m.seed = sc.config.seed;
    m.file = rel;
    m.threads = static_cast<std::int64_t>(threads);
    m.wall_seconds = r.wall_seconds;
    runs[j] = m;
    results[job.scenario].replications[static_cast<std::size_t>(job.replication)] = std::move(r);
  }, 1);

  io::Manifest manifest;
  manifest.icsim_version = std::string(version());
  manifest.git_revision = std::string(git_revision());
  manifest.command = options.command_line;
  manifest.runs = std::move(runs);
  io::write_manifest(manifest_path.string(), manifest);
  return results;
}

}  // namespace icsim::app

// The axes of a replication's file: the tables observables are indexed by.
#include <algorithm>
#include <cmath>

#include "app/dimensions.hpp"
#include "app/replication.hpp"

namespace icsim::app::detail {
namespace {

std::vector<std::string> ids_of(const model::Config& c, const std::vector<int>& trusts) {
  std::vector<std::string> out;
  for (int t : trusts) out.push_back(c.trusts[static_cast<std::size_t>(t)].id);
  return out;
}

std::vector<int> all_trusts(const model::Config& c) {
  std::vector<int> out;
  for (std::size_t t = 0; t < c.trusts.size(); ++t) out.push_back(static_cast<int>(t));
  return out;
}

std::string joined(const std::vector<std::string>& xs) {
  std::string s;
  for (const auto& x : xs) s += (s.empty() ? "" : ",") + x;
  return s;
}

}  // namespace

std::vector<std::string> organisation_names(const model::Config& c) {
  std::vector<std::string> names;
  for (const auto& tr : c.trusts) names.push_back(tr.name);
  for (const auto& i : c.ics) names.push_back(i.name + " ICB");
  for (const auto& pp : c.partnerships) {
    for (const auto& partner : pp.partners) names.push_back(partner + " (" + pp.name + ")");
  }
  return names;
}

namespace {

void write_organisations(io::RunFile& f, const model::Config& c) {
  // Organisations: the trusts (rows 0..T-1, the organisation axis of trust observables), then
  // one ICB per ICS.
  io::Table orgs{"/organisations",
                 "Organisations: trusts (rows 0..trusts-1), then ICBs, then place partners", {}};
  std::vector<std::string> id, type, place, kind, ics;
  const std::vector<std::string> name = organisation_names(c);
  std::vector<double> loc;
  for (std::size_t t = 0; t < c.trusts.size(); ++t) {
    const auto& tr = c.trusts[t];
    id.push_back(tr.id);
    type.push_back(model::kTrustTypeNames[static_cast<std::size_t>(tr.type)]);
    place.push_back(c.places[static_cast<std::size_t>(tr.place)].id);
    kind.push_back("trust");
    for (const auto& i : c.ics) {
      if (std::find(i.trusts.begin(), i.trusts.end(), static_cast<int>(t)) != i.trusts.end()) ics.push_back(i.id);
    }
    loc.push_back(c.trust_location(t).x_km);
    loc.push_back(c.trust_location(t).y_km);
  }
  for (const auto& i : c.ics) {
    id.push_back(i.id + "_icb");
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
                  {"location_km", loc, {n_orgs, 2}, "km", {"coordinate"}}};
  orgs.dimension = "organisation";
  orgs.index = "id";
  orgs.scales = {{"coordinate", {"x", "y"}}};
  f.table(orgs);
}

void write_places(io::RunFile& f, const model::Config& c) {
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
                    {"location_km", ploc, {c.places.size(), 2}, "km", {"coordinate"}},
                    {"deprivation", dep, {c.places.size(), 5}, "1", {"quintile"}}};
  places.dimension = "place";
  places.index = "id";
  places.scales = {{"coordinate", {"x", "y"}}, {"quintile", {"Q1", "Q2", "Q3", "Q4", "Q5"}}};
  f.table(places);
}

void write_specialties(io::RunFile& f, const model::Config& c) {
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
  specs.dimension = "specialty";
  specs.index = "id";
  f.table(specs);
}

void write_wait_axes(io::RunFile& f, const model::Config& /*c*/) {
  {
    std::vector<std::int64_t> weeks;
    std::vector<std::string> labels;
    for (std::size_t w = 0; w < model::kWaitHistogramBins; ++w) {
      weeks.push_back(static_cast<std::int64_t>(w));
      labels.push_back(w + 1 == model::kWaitHistogramBins ? std::to_string(w) + "+" : std::to_string(w));
    }
    f.table({"/wait_weeks", "The wait_week axis: whole weeks waited (the last bin is open)",
             {{"weeks", weeks, {}, "weeks"}, {"label", labels, {}, ""}}, "wait_week", "label"});
  }
  f.table({"/quintiles", "IMD quintiles of the patients' homes, most deprived first",
           {{"id", std::vector<std::string>{"Q1", "Q2", "Q3", "Q4", "Q5"}, {}, ""},
            {"name", std::vector<std::string>{"1 (most deprived)", "2", "3", "4", "5 (least deprived)"}, {}, ""}},
           "quintile", "id"});
}

void write_ics(io::RunFile& f, const model::Config& c) {
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
  icss.dimension = "ics";
  icss.index = "id";
  f.table(icss);
}

void write_collaboratives(io::RunFile& f, const model::Config& c) {
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
                  {"membership", membership, {c.collaboratives.size(), c.trusts.size()}, "1", {"trust"}}};
  cols.dimension = "collaborative";
  cols.index = "id";
  cols.scales = {{"trust", ids_of(c, all_trusts(c))}};
  f.table(cols);
}

void write_programmes(io::RunFile& f, const model::Config& c) {
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
  progs.dimension = "programme";
  progs.index = "id";
  f.table(progs);
}

void write_partnerships(io::RunFile& f, const model::Config& c) {
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
  pps.dimension = "place_partnership";
  pps.index = "id";
  f.table(pps);
}

}  // namespace

void write_axes(io::RunFile& f, const model::Config& c) {
  f.time_units("days since " + c.run.start_date.iso());
  write_organisations(f, c);
  write_places(f, c);
  write_specialties(f, c);
  write_wait_axes(f, c);
  write_ics(f, c);
  write_collaboratives(f, c);
  write_programmes(f, c);
  write_partnerships(f, c);
}

io::Scale axis_scale(const std::string& axis, std::size_t length, const model::Config& c) {
  io::Scale s{axis, {}};
  auto add = [&](const std::string& id, const std::string& name) {
    s.labels.push_back(id);
    s.names.push_back(name);
  };
  if (axis == "organisation") {
    // Trust observables cover the trusts, the first rows of the organisations.
    const auto ids = c.organisation_ids();
    const auto names = organisation_names(c);
    for (std::size_t k = 0; k < length && k < ids.size(); ++k) add(ids[k], names[k]);
  } else if (axis == "specialty") {
    for (const auto& x : c.specialties) add(x.id, x.name);
  } else if (axis == "place") {
    for (const auto& x : c.places) add(x.id, x.name);
  } else if (axis == "collaborative") {
    for (const auto& x : c.collaboratives) add(x.id, x.name);
  } else if (axis == "place_partnership") {
    for (const auto& x : c.partnerships) add(x.id, x.name);
  } else if (axis == "quintile") {
    s.labels = {"Q1", "Q2", "Q3", "Q4", "Q5"};
    s.names = {"1 (most deprived)", "2", "3", "4", "5 (least deprived)"};
  } else if (axis == "wait_week") {
    for (std::size_t w = 0; w < length; ++w) s.labels.push_back(w + 1 == length ? std::to_string(w) + "+" : std::to_string(w));
  } else if (axis == "programme") {
    for (const auto& col : c.collaboratives) {
      for (std::size_t k = 0; k < col.programmes.size(); ++k) s.labels.push_back(col.id + "#" + std::to_string(k));
    }
  }
  if (s.labels.size() != length) s = io::Scale{axis, {}};  // unlabelled rather than wrong
  return s;
}

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

}  // namespace icsim::app::detail

namespace icsim::app {

// clang-format off
const std::vector<Dimension>& dimensions() {  // declarative table
  static const std::vector<Dimension> d = {
      {"time", "every series (`/observables/<name>`, `/relationships/trust`)",
       "`time`: days since `start_date` (attribute `units` = `days since <start_date>`, `calendar` = `proleptic_gregorian`: xarray reads dates); `step` beside it is the days simulated", ""},
      {"organisation", "series over trusts or all organisations; `/organisations`",
       "organisation ids: the first T rows of `/organisations` (trusts) or all of them", "`organisation_name` (series)"},
      {"destination", "`transfer_flows`", "trust ids (the destination of an origin-destination matrix)", "`destination_name`"},
      {"partner", "`/relationships/trust`", "organisation ids (the organisation trusted)", "`partner_name`"},
      {"specialty", "series over specialties; `/specialties`", "specialty ids", "`specialty_name` (series)"},
      {"quintile", "series over quintiles; `/quintiles`, `/places/deprivation`", "`Q1` (most deprived) ... `Q5`", "`quintile_name` (series)"},
      {"place", "series over places; `/places`", "place ids", "`place_name` (series)"},
      {"collaborative", "series over collaboratives; `/collaboratives`", "collaborative ids", "`collaborative_name` (series)"},
      {"programme", "`programme_scale`; `/programmes`", "`<collaborative>#<index>`", ""},
      {"place_partnership", "series over partnerships; `/place_partnerships`", "partnership ids", "`place_partnership_name` (series)"},
      {"wait_week", "`wait_histogram`; `/wait_weeks`", "whole weeks waited, `0` ... `104+`", ""},
      {"ics", "`/ics`", "ICS ids", ""},
      {"trust", "`/collaboratives/membership`", "trust ids", ""},
      {"coordinate", "`location_km` of `/organisations` and `/places`", "`x`, `y`", ""},
      {"row", "every `/events/<table>`", "", ""},
      {"parameter", "a sweep's `sweep.h5`: `/design/parameters`, `/design/points`", "the parameters' scenario paths", ""},
      {"point", "`sweep.h5`: `/design/points`", "", ""},
      {"run", "`sweep.h5`: `/runs`", "", ""},
  };
  return d;
}
// clang-format on

}  // namespace icsim::app

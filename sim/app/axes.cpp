// The axes of a replication's file: the tables observables are indexed by.
#include <algorithm>
#include <cmath>

#include "app/replication.hpp"

namespace icsim::app::detail {
namespace {

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

void write_organisations(io::RunFile& f, const model::Config& c) {
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
    loc.push_back(c.trust_location(t).x_km);
    loc.push_back(c.trust_location(t).y_km);
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
                    {"location_km", ploc, {c.places.size(), 2}, "km"},
                    {"deprivation", dep, {c.places.size(), 5}, "1"}};
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
             {{"weeks", weeks, {}, "weeks"}, {"label", labels, {}, ""}}});
  }
  f.table({"/quintiles", "IMD quintiles of the patients' homes, most deprived first",
           {{"id", std::vector<std::string>{"Q1", "Q2", "Q3", "Q4", "Q5"}, {}, ""},
            {"name", std::vector<std::string>{"1 (most deprived)", "2", "3", "4", "5 (least deprived)"}, {}, ""}}});
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
                  {"membership", membership, {c.collaboratives.size(), c.trusts.size()}, "1"}};
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
  f.table(pps);
}

}  // namespace

void write_axes(io::RunFile& f, const model::Config& c) {
  write_organisations(f, c);
  write_places(f, c);
  write_specialties(f, c);
  write_wait_axes(f, c);
  write_ics(f, c);
  write_collaboratives(f, c);
  write_programmes(f, c);
  write_partnerships(f, c);
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

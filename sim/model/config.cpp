#include "model/config.hpp"

#include "model/strategies/strategies.hpp"

#include <algorithm>
#include <numeric>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <sstream>

namespace icsim::model {

double distance_km(const Location& a, const Location& b) { return std::hypot(a.x_km - b.x_km, a.y_km - b.y_km); }

std::vector<std::string> Config::organisation_ids() const {
  std::vector<std::string> ids;
  for (const auto& t : trusts) ids.push_back(t.id);
  for (const auto& i : ics) ids.push_back(i.id + "_icb");
  for (const auto& pp : partnerships) {
    for (const auto& p : pp.partners) ids.push_back(pp.id + "." + p);
  }
  return ids;
}

Location Config::trust_location(std::size_t t) const {
  const auto& tr = trusts[t];
  return tr.location ? *tr.location : places[static_cast<std::size_t>(tr.place)].location;
}

std::vector<int> Config::collaborative_members_offering(std::size_t c, int s) const {
  std::vector<int> out;
  for (int m : collaboratives[c].members) {
    if (trusts[static_cast<std::size_t>(m)].capacity[static_cast<std::size_t>(s)] > 0.0) out.push_back(m);
  }
  return out;
}

bool Config::within_reach(std::size_t c, int a, int b) const {
  if (collaboratives[c].kind != CollaborativeKind::vertical) return true;
  return trusts[static_cast<std::size_t>(a)].place == trusts[static_cast<std::size_t>(b)].place;
}

const core::ParamTable& config_schema() {
  static const auto root = core::schema_of<Config>("", "A scenario file");
  return *root;
}

void normalise(Config& c) {
  auto name = [](auto& xs) {
    for (auto& x : xs) {
      if (x.name.empty()) x.name = x.id;
    }
  };
  name(c.places);
  name(c.specialties);
  name(c.trusts);
  name(c.collaboratives);
  name(c.partnerships);
  if (c.ics.empty()) {
    IcsConfig ics;
    ics.id = "ics";
    ics.name = "Integrated care system";
    for (std::size_t p = 0; p < c.places.size(); ++p) ics.places.push_back(static_cast<int>(p));
    for (std::size_t t = 0; t < c.trusts.size(); ++t) ics.trusts.push_back(static_cast<int>(t));
    c.ics.push_back(std::move(ics));
  }
  name(c.ics);
  // Trusts not listed by any ICS belong to the ICS of their place.
  std::vector<char> listed(c.trusts.size(), 0);
  for (const auto& i : c.ics) {
    for (int t : i.trusts) {
      if (t >= 0 && static_cast<std::size_t>(t) < listed.size()) listed[static_cast<std::size_t>(t)] = 1;
    }
  }
  for (std::size_t t = 0; t < c.trusts.size(); ++t) {
    if (listed[t]) continue;
    for (auto& i : c.ics) {
      if (std::find(i.places.begin(), i.places.end(), c.trusts[t].place) != i.places.end()) {
        i.trusts.push_back(static_cast<int>(t));
        break;
      }
    }
  }
  for (auto& i : c.ics) std::sort(i.trusts.begin(), i.trusts.end());
}

namespace {

using Issues = std::vector<ConfigIssue>;

/// "trust[RAA]" (or "trust[3]" for an entry without an id).
std::string entry(const char* collection, const std::string& id, std::size_t k) {
  return std::string(collection) + "[" + (id.empty() ? std::to_string(k) : id) + "]";
}

std::string number(double x) {
  std::ostringstream os;
  os << x;
  return os.str();
}

template <std::size_t N>
void check_shares(Issues& out, const std::array<double, N>& a, const std::string& path) {
  double s = 0.0;
  for (double x : a) s += x;
  if (std::abs(s - 1.0) > 1e-6) out.push_back({path, "expected shares that sum to 1 (they sum to " + number(s) + ")"});
}

bool valid_index(int i, std::size_t n) { return i >= 0 && static_cast<std::size_t>(i) < n; }

/// Indices that must point into their collections (a config built in code may get them wrong).
void check_indices(const Config& c, Issues& out) {
  const std::size_t P = c.places.size(), S = c.specialties.size(), T = c.trusts.size();
  for (std::size_t t = 0; t < T; ++t) {
    const auto& tr = c.trusts[t];
    const std::string key = entry("trust", tr.id, t);
    if (!valid_index(tr.place, P)) out.push_back({key + ".place", "expected the id of a place"});
    if (tr.capacity.size() != S) out.push_back({key + ".capacity", "expected one capacity per specialty", false});
    if (tr.initial.size() != S) out.push_back({key + ".initial_list", "expected one initial list per specialty", false});
  }
  auto trusts_ok = [&](const std::vector<int>& xs, const std::string& key) {
    for (int m : xs) {
      if (!valid_index(m, T)) out.push_back({key, "expected ids of trusts", false});
    }
  };
  for (std::size_t i = 0; i < c.ics.size(); ++i) {
    const std::string key = entry("ics", c.ics[i].id, i);
    for (int p : c.ics[i].places) {
      if (!valid_index(p, P)) out.push_back({key + ".places", "expected ids of places", false});
    }
    trusts_ok(c.ics[i].trusts, key + ".trusts");
  }
  for (std::size_t k = 0; k < c.collaboratives.size(); ++k) {
    const auto& col = c.collaboratives[k];
    const std::string key = entry("collaborative", col.id, k);
    if (!valid_index(col.ics, std::max<std::size_t>(c.ics.size(), 1))) out.push_back({key + ".ics", "expected the id of an ics"});
    trusts_ok(col.members, key + ".members");
    trusts_ok(col.candidates, key + ".candidates");
    if (col.lead >= 0 && !valid_index(col.lead, T)) out.push_back({key + ".lead", "expected the id of a trust"});
    for (std::size_t q = 0; q < col.programmes.size(); ++q) {
      if (col.programmes[q].specialty >= static_cast<int>(S) || col.programmes[q].specialty < -1)
        out.push_back({key + ".programme[" + std::to_string(q) + "].specialty", "expected the id of a specialty"});
    }
  }
  for (std::size_t k = 0; k < c.partnerships.size(); ++k) {
    const auto& pp = c.partnerships[k];
    const std::string key = entry("place_partnership", pp.id, k);
    if (!valid_index(pp.place, P)) out.push_back({key + ".place", "expected the id of a place"});
    trusts_ok(pp.members, key + ".members");
    for (std::size_t q = 0; q < pp.programmes.size(); ++q) {
      if (pp.programmes[q].specialty >= static_cast<int>(S) || pp.programmes[q].specialty < -1)
        out.push_back({key + ".programme[" + std::to_string(q) + "].specialty", "expected the id of a specialty"});
    }
  }
  for (std::size_t k = 0; k < c.shocks.size(); ++k) trusts_ok(c.shocks[k].trusts, entry("shock", c.shocks[k].id, k) + ".trusts");
}

void check_unique_ids(const Config& c, Issues& out) {
  auto unique = [&](const auto& xs, const char* collection) {
    std::set<std::string> seen;
    for (std::size_t k = 0; k < xs.size(); ++k) {
      if (!seen.insert(xs[k].id).second)
        out.push_back({std::string(collection) + "[" + std::to_string(k) + "].id",
                       "expected a unique id: '" + xs[k].id + "' is used twice"});
    }
  };
  unique(c.places, "place");
  unique(c.specialties, "specialty");
  unique(c.trusts, "trust");
  unique(c.ics, "ics");
  unique(c.collaboratives, "collaborative");
  unique(c.partnerships, "place_partnership");
  unique(c.shocks, "shock");
}

void check_entities(const Config& c, Issues& out) {
  if (c.places.empty()) out.push_back({"place", "required, at least one [[place]]", false, true});
  if (c.specialties.empty()) out.push_back({"specialty", "required, at least one [[specialty]]", false, true});
  if (c.places.size() > 65535) out.push_back({"place", "expected at most 65535 places", false});
  for (std::size_t p = 0; p < c.places.size(); ++p)
    check_shares(out, c.places[p].deprivation, entry("place", c.places[p].id, p) + ".deprivation");
  for (std::size_t s = 0; s < c.specialties.size(); ++s)
    check_shares(out, c.specialties[s].priority_mix, entry("specialty", c.specialties[s].id, s) + ".priority_mix");
  for (std::size_t t = 0; t < c.trusts.size(); ++t) {
    const auto& tr = c.trusts[t];
    for (std::size_t s = 0; s < std::min(tr.initial.size(), tr.capacity.size()); ++s) {
      if (tr.initial[s].size > 0 && tr.capacity[s] <= 0.0) {
        const std::string& sid = c.specialties[s].id;
        out.push_back({entry("trust", tr.id, t) + ".initial_list." + sid,
                       "expected a capacity for '" + sid + "' at this trust: its waiting patients could never be treated",
                       false});
      }
      const auto& ww = tr.initial[s].weeks_waited;
      if (!ww.empty() && !(std::accumulate(ww.begin(), ww.end(), 0.0) > 0.0)) {
        out.push_back({entry("trust", tr.id, t) + ".initial_list." + c.specialties[s].id + ".weeks_waited",
                       "expected at least one positive share (or no weeks_waited: the exponential)", false});
      }
      const auto& pm = tr.initial[s].priority_mix;
      if (!pm.empty()) {
        const std::string at = entry("trust", tr.id, t) + ".initial_list." + c.specialties[s].id + ".priority_mix";
        if (pm.size() != static_cast<std::size_t>(kPriorities)) {
          out.push_back({at, "expected three shares (P2, P3, P4)", false});
        } else {
          check_shares(out, std::array<double, kPriorities>{pm[0], pm[1], pm[2]}, at);
        }
      }
    }
  }
}

void check_ics(const Config& c, Issues& out) {
  if (c.ics.empty()) return;
  std::vector<int> place_ics(c.places.size(), -1), trust_ics(c.trusts.size(), -1);
  for (std::size_t i = 0; i < c.ics.size(); ++i) {
    const auto& ics = c.ics[i];
    const std::string key = entry("ics", ics.id, i);
    for (std::size_t k = 0; k < ics.places.size(); ++k) {
      const auto p = static_cast<std::size_t>(ics.places[k]);
      if (p >= place_ics.size()) continue;
      if (place_ics[p] >= 0) {
        out.push_back({key + ".places[" + std::to_string(k) + "]",
                       "expected each place in one ICS: '" + c.places[p].id + "' is already in " +
                           c.ics[static_cast<std::size_t>(place_ics[p])].id});
      }
      place_ics[p] = static_cast<int>(i);
    }
    for (std::size_t k = 0; k < ics.trusts.size(); ++k) {
      const auto t = static_cast<std::size_t>(ics.trusts[k]);
      if (t >= trust_ics.size()) continue;
      if (trust_ics[t] >= 0) {
        out.push_back({key + ".trusts[" + std::to_string(k) + "]",
                       "expected each trust in one ICS: '" + c.trusts[t].id + "' is already in " +
                           c.ics[static_cast<std::size_t>(trust_ics[t])].id});
      }
      trust_ics[t] = static_cast<int>(i);
    }
  }
  for (std::size_t p = 0; p < c.places.size(); ++p) {
    if (place_ics[p] < 0) out.push_back({entry("place", c.places[p].id, p), "expected to be in the places of one [[ics]]", false});
  }
}

void check_programmes(const Config& c, const CollaborativeConfig& col, const std::string& key, Issues& out) {
  for (std::size_t k = 0; k < col.programmes.size(); ++k) {
    const auto& pr = col.programmes[k];
    const std::string pkey = key + ".programme[" + std::to_string(k) + "]";
    if (pr.specialty < 0 && pr.type == ProgrammeType::shared_waiting_list) {
      out.push_back({pkey + ".specialty", "the specialty a shared waiting list pools", false, true});
      continue;
    }
    if (pr.stop_day && *pr.stop_day <= pr.first_day()) out.push_back({pkey + ".stop_day", "expected a day after start_day"});
    if (pr.specialty < 0 || pr.specialty >= static_cast<int>(c.specialties.size())) continue;
    bool offered = false;
    for (int m : col.members) {
      if (valid_index(m, c.trusts.size()))
        offered = offered || c.trusts[static_cast<std::size_t>(m)].capacity[static_cast<std::size_t>(pr.specialty)] > 0.0;
    }
    if (!offered) out.push_back({pkey + ".specialty", "expected a specialty some member has capacity for"});
  }
}

void check_collaboratives(const Config& c, Issues& out) {
  for (std::size_t k = 0; k < c.collaboratives.size(); ++k) {
    const auto& col = c.collaboratives[k];
    const std::string key = entry("collaborative", col.id, k);
    if (col.members.empty()) out.push_back({key + ".members", "expected at least one member trust"});
    for (std::size_t i = 0; i < col.members.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (col.members[i] == col.members[j])
          out.push_back({key + ".members[" + std::to_string(i) + "]", "expected each member once"});
      }
    }
    const bool needs_lead = col.governance == Governance::lead_provider || col.decision_rule == DecisionRule::lead_decides;
    if (col.lead >= 0 && std::find(col.members.begin(), col.members.end(), col.lead) == col.members.end()) {
      out.push_back({key + ".lead", "expected one of the collaborative's members"});
    } else if (needs_lead && col.lead < 0) {
      out.push_back({key + ".lead", "the id of the lead provider (lead_provider governance or lead_decides)", false, true});
    }
    for (std::size_t i = 0; i < col.candidates.size(); ++i) {
      if (std::find(col.members.begin(), col.members.end(), col.candidates[i]) != col.members.end())
        out.push_back({key + ".candidates[" + std::to_string(i) + "]", "expected a trust that is not already a member"});
    }
    check_programmes(c, col, key, out);
  }
}

/// A trust's list may be in only one shared waiting list at a time.
void check_shared_lists(const Config& c, Issues& out) {
  const auto& cols = c.collaboratives;
  auto span = [](const ProgrammeConfig& p) {
    // A governed programme may start at any meeting from its proposal on.
    const int start = p.governed ? std::min(p.proposed_day, std::max(p.first_day(), 0)) : p.first_day();
    return std::pair<int, int>{start, p.stop_day.value_or(std::numeric_limits<int>::max())};
  };
  for (std::size_t a = 0; a < cols.size(); ++a) {
    for (std::size_t pa = 0; pa < cols[a].programmes.size(); ++pa) {
      const auto& A = cols[a].programmes[pa];
      if (A.type != ProgrammeType::shared_waiting_list || !valid_index(A.specialty, c.specialties.size())) continue;
      for (std::size_t b = 0; b <= a; ++b) {
        for (std::size_t pb = 0; pb < cols[b].programmes.size() && !(b == a && pb >= pa); ++pb) {
          const auto& B = cols[b].programmes[pb];
          if (A.specialty != B.specialty || B.type != ProgrammeType::shared_waiting_list) continue;
          const auto [a0, a1] = span(A);
          const auto [b0, b1] = span(B);
          if (!(a0 < b1 && b0 < a1)) continue;
          const auto other = c.collaborative_members_offering(b, B.specialty);
          for (int m : c.collaborative_members_offering(a, A.specialty)) {
            if (std::find(other.begin(), other.end(), m) == other.end()) continue;
            const std::string pkey = entry("collaborative", cols[a].id, a) + ".programme[" + std::to_string(pa) + "]";
            out.push_back({pkey + ".specialty",
                           "expected each trust's list in one shared waiting list at a time: " +
                               c.trusts[static_cast<std::size_t>(m)].id + " is also pooled by " + cols[b].id,
                           true, false, pkey});
            break;
          }
        }
      }
    }
  }
}

void check_partnerships(const Config& c, Issues& out) {
  for (std::size_t k = 0; k < c.partnerships.size(); ++k) {
    const auto& pp = c.partnerships[k];
    const std::string key = entry("place_partnership", pp.id, k) + ".partners";
    for (std::size_t i = 0; i < pp.partners.size(); ++i) {
      const std::string ek = key + "[" + std::to_string(i) + "]";
      if (!core::valid_id(pp.partners[i])) {
        out.push_back({ek, "expected ids of letters, digits, '_' or '-'"});
      } else if (std::find(pp.partners.begin(), pp.partners.begin() + static_cast<std::ptrdiff_t>(i), pp.partners[i]) !=
                 pp.partners.begin() + static_cast<std::ptrdiff_t>(i)) {
        out.push_back({ek, "expected each partner once"});
      }
    }
  }
}

void check_relationships(const Config& c, Issues& out) {
  const auto ids = c.organisation_ids();
  for (std::size_t k = 0; k < c.priors.size(); ++k) {
    const std::string key = "relationship[" + std::to_string(k) + "]";
    if (group_members(c, ids, c.priors[k].from).empty()) out.push_back(unknown_group(ids, key + ".from"));
    if (group_members(c, ids, c.priors[k].to).empty()) out.push_back(unknown_group(ids, key + ".to"));
  }
  for (std::size_t k = 0; k < c.turnover.size(); ++k) {
    const std::string key = "turnover[" + std::to_string(k) + "].organisation";
    const auto who = group_members(c, ids, c.turnover[k].organisation);
    if (who.empty()) {
      out.push_back(unknown_group(ids, key));
    } else if (who.size() != 1) {
      out.push_back({key, "expected one organisation id"});
    }
  }
}

void check_urgent(const Config& c, Issues& out) {
  const auto& u = c.urgent;
  if (u.cancel_full <= u.cancel_threshold)
    out.push_back({"urgent.cancel_full", "expected an occupancy above urgent.cancel_threshold (" + number(u.cancel_threshold) + ")"});
  if (!(u.opel_thresholds[0] < u.opel_thresholds[1] && u.opel_thresholds[1] < u.opel_thresholds[2]))
    out.push_back({"urgent.opel_thresholds", "expected three increasing occupancies"});
  for (const auto& [los, key] : {std::pair{&u.acute_los, "urgent.acute_los_cv"}, std::pair{&u.mh_los, "urgent.mh_los_cv"}}) {
    const bool spread = los->distribution == LosDistribution::lognormal || los->distribution == LosDistribution::gamma;
    if (spread && !(los->cv > 0.0)) out.push_back({key, "expected a cv above 0 for a lognormal or gamma stay"});
  }
  const auto& a = c.mutual_aid;
  if (a.give_occupancy >= a.ask_occupancy) {
    out.push_back({"mutual_aid.give_occupancy", "expected an occupancy below mutual_aid.ask_occupancy (" +
                                                    number(a.ask_occupancy) +
                                                    "): a partner with slack must be less full than one asking"});
  }
  for (std::size_t k = 0; k < c.shocks.size(); ++k) {
    const auto& s = c.shocks[k];
    const std::string key = entry("shock", s.id, k);
    if (s.end_day < s.start_day)
      out.push_back({key + ".end_day", "expected a day at or after start_day (" + std::to_string(s.start_day) + ")"});
    if (s.type == ShockType::incident && s.trusts.size() != 1)
      out.push_back({key + ".trusts", "expected exactly one trust for an incident", !s.trusts.empty()});
    // Incidents at one trust, and industrial actions, must not overlap in time: their losses
    // are not defined to combine.
    for (std::size_t j = 0; j < k; ++j) {
      const auto& o = c.shocks[j];
      const bool same_kind = o.type == s.type && (s.type == ShockType::industrial_action ||
                                                  (s.type == ShockType::incident && o.trusts == s.trusts));
      if (same_kind && s.start_day <= o.end_day && o.start_day <= s.end_day) {
        out.push_back({key + ".start_day", "expected no overlap with " +
                                               std::string(kShockTypeNames[static_cast<std::size_t>(s.type)]) + " '" +
                                               o.id + "' (days " + std::to_string(o.start_day) + "-" +
                                               std::to_string(o.end_day) + ")"});
      }
    }
  }
}

void check_discharge_programmes(const Config& c, Issues& out) {
  for (std::size_t k = 0; k < c.discharge_programmes.size(); ++k) {
    const auto& p = c.discharge_programmes[k];
    const std::string key = "discharge_programme[" + std::to_string(k) + "]";
    bool partnership = false;
    for (const auto& pp : c.partnerships) partnership = partnership || pp.place == p.place;
    if (!partnership) out.push_back({key + ".place", "expected a place with a [[place_partnership]] (which runs the programme)"});
    if (p.full_effect_cohesion <= p.no_effect_cohesion)
      out.push_back({key + ".full_effect_cohesion", "expected a cohesion above no_effect_cohesion (" + number(p.no_effect_cohesion) + ")"});
    if (p.stop_day && *p.stop_day <= p.start_day)
      out.push_back({key + ".stop_day", "expected a day after start_day (" + std::to_string(p.start_day) + ")"});
  }
}

void check_referrals_served(const Config& c, Issues& out) {
  for (std::size_t s = 0; s < c.specialties.size(); ++s) {
    if (c.specialties[s].referral_rate <= 0.0) continue;
    bool offered = false;
    for (const auto& t : c.trusts) offered = offered || (s < t.capacity.size() && t.capacity[s] > 0.0);
    if (!offered) {
      out.push_back({entry("specialty", c.specialties[s].id, s) + ".referral_rate",
                     "expected some trust with capacity for '" + c.specialties[s].id +
                         "': referrals would have nowhere to go"});
    }
  }
}

}  // namespace

/// The organisations a group names (empty: none).
std::vector<int> group_members(const Config& c, const std::vector<std::string>& org_ids, const std::string& g) {
  std::vector<int> out;
  if (g == "*") {
    for (std::size_t i = 0; i < org_ids.size(); ++i) out.push_back(static_cast<int>(i));
  } else if (g.rfind("type:", 0) == 0) {
    for (std::size_t t = 0; t < c.trusts.size(); ++t) {
      if (kTrustTypeNames[static_cast<std::size_t>(c.trusts[t].type)] == g.substr(5)) out.push_back(static_cast<int>(t));
    }
  } else if (g.rfind("ics:", 0) == 0) {
    for (const auto& i : c.ics) {
      if (i.id == g.substr(4)) out = i.trusts;
    }
  } else if (g.rfind("collaborative:", 0) == 0) {
    for (const auto& col : c.collaboratives) {
      if (col.id == g.substr(14)) out = col.members;
    }
  } else {
    for (std::size_t i = 0; i < org_ids.size(); ++i) {
      if (org_ids[i] == g) out.push_back(static_cast<int>(i));
    }
  }
  return out;
}

ConfigIssue unknown_group(const std::vector<std::string>& org_ids, std::string path) {
  std::string known;
  for (const auto& id : org_ids) known += (known.empty() ? "" : ", ") + id;
  return {std::move(path), "expected an organisation id (" + known +
                               ") or a non-empty group ('*', 'type:<trust type>', 'ics:<id>', 'collaborative:<id>')"};
}

std::vector<ConfigIssue> find_issues(const Config& config) {
  Issues out;
  std::vector<core::ParamProblem> values;
  {
    core::ParamChecker checker(values);
    const_cast<Config&>(config).fields(checker);  // the checker only reads
    checker.finish();
  }
  for (auto& v : values) out.push_back({std::move(v.path), std::move(v.expected)});
  check_unique_ids(config, out);
  check_indices(config, out);
  if (!out.empty()) return out;  // the relations below assume valid values and indices
  check_entities(config, out);
  check_ics(config, out);
  check_collaboratives(config, out);
  check_shared_lists(config, out);
  check_partnerships(config, out);
  check_relationships(config, out);
  check_strategies(config, out);
  check_urgent(config, out);
  check_discharge_programmes(config, out);
  check_referrals_served(config, out);
  return out;
}

void check(const Config& config) {
  auto issues = find_issues(config);
  if (!issues.empty()) throw ConfigError(std::move(issues.front()));
}

std::vector<RelationshipPrior> resolve_priors(const Config& c) {
  const auto ids = c.organisation_ids();
  std::vector<RelationshipPrior> out;
  for (std::size_t k = 0; k < c.priors.size(); ++k) {
    const auto& pv = c.priors[k];
    const std::string key = "relationship[" + std::to_string(k) + "]";
    const auto from = group_members(c, ids, pv.from), to = group_members(c, ids, pv.to);
    if (from.empty()) throw ConfigError(unknown_group(ids, key + ".from"));
    if (to.empty()) throw ConfigError(unknown_group(ids, key + ".to"));
    // Ordered pairs of this entry, each once (a symmetric group-to-itself entry names every pair twice).
    std::set<std::pair<int, int>> seen;
    const auto add = [&](int a, int b) {
      if (a != b && seen.emplace(a, b).second) out.push_back({a, b, pv.positive, pv.negative});
    };
    for (int a : from) {
      for (int b : to) {
        add(a, b);
        if (pv.symmetric) add(b, a);
      }
    }
  }
  return out;
}

std::vector<TurnoverEvent> resolve_turnover(const Config& c) {
  const auto ids = c.organisation_ids();
  std::vector<TurnoverEvent> out;
  for (std::size_t k = 0; k < c.turnover.size(); ++k) {
    const auto who = group_members(c, ids, c.turnover[k].organisation);
    if (who.size() != 1) throw ConfigError({"turnover[" + std::to_string(k) + "].organisation", "expected one organisation id"});
    out.push_back({c.turnover[k].day, who[0]});
  }
  return out;
}

}  // namespace icsim::model

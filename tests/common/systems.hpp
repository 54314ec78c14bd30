#pragma once
// Systems built in code for the mechanisms' unit tests: an ICS with five acute trusts in a
// provider collaborative, its place partnership, beds for urgent pressure, and a mental-health
// collaborative. (Shipped scenarios are for validation and example runs; unit tests do not
// depend on them.)
#include <string>
#include <vector>

#include "model/config.hpp"

namespace icsim::test {

namespace detail {

inline model::TrustConfig acute(const std::string& id, int place, const std::vector<double>& capacity,
                                const std::vector<std::pair<std::int64_t, double>>& lists) {
  model::TrustConfig t;
  t.id = id;
  t.type = model::TrustType::acute;
  t.place = place;
  t.leadership_hours = 20.0;
  t.capacity = capacity;
  for (const auto& [size, mean] : lists) t.initial.push_back({size, mean});
  return t;
}

inline model::ProgrammeConfig programme(model::ProgrammeType type) {
  model::ProgrammeConfig p;
  p.type = type;
  p.governed = true;
  return p;
}

}  // namespace detail

/// Five places and five acute trusts (TA..TE, Dunmore's TD with the longest orthopaedic waits),
/// a mental-health and a community trust; one ICS whose ICB brokers a yearly needs-based capital
/// award; an acute collaborative (committees in common, majority) with a shared orthopaedic
/// list started small on day 0, shared diagnostics and joint procurement put to the vote; a
/// place partnership at Crane with primary care and the local authority.
inline model::Config collaboration_system(int days) {
  using model::ProgrammeType;
  model::Config c;
  c.run.name = "collaboration";
  c.run.days = days;
  c.run.seed = 31;
  c.run.replications = 1;
  c.output.interval_days = 28;
  const char* places[] = {"ashby", "brook", "crane", "dunmore", "elm"};
  const double pop[] = {320000, 300000, 310000, 290000, 280000};
  const double xy[][2] = {{0, 0}, {22, 5}, {10, 24}, {-14, 18}, {-8, -20}};
  const std::array<double, 5> dep[] = {{0.25, 0.22, 0.20, 0.18, 0.15}, {0.15, 0.18, 0.20, 0.22, 0.25},
                                       {0.35, 0.25, 0.18, 0.12, 0.10}, {0.10, 0.15, 0.20, 0.25, 0.30},
                                       {0.20, 0.22, 0.22, 0.20, 0.16}};
  for (int i = 0; i < 5; ++i) {
    model::PlaceConfig p;
    p.id = places[i];
    p.population = static_cast<std::int64_t>(pop[i]);
    p.location = {xy[i][0], xy[i][1]};
    p.deprivation = dep[i];
    c.places.push_back(p);
  }
  for (const auto& [id, rate] : {std::pair{"trauma_orthopaedics", 32.8}, std::pair{"general_surgery", 22.7},
                                 std::pair{"ophthalmology", 31.9}}) {
    model::SpecialtyConfig s;
    s.id = id;
    s.referral_rate = rate;
    s.removal_hazard_per_week = 0.01;
    s.annual_growth = 0.02;
    c.specialties.push_back(s);
  }
  using detail::acute;
  c.trusts.push_back(acute("TA", 0, {27.5, 19.5, 27.0}, {{2000, 9.0}, {2400, 14.0}, {2200, 10.0}}));
  c.trusts.push_back(acute("TB", 1, {26.0, 18.5, 26.0}, {{4000, 18.0}, {2400, 14.0}, {2200, 10.0}}));
  c.trusts.push_back(acute("TC", 2, {26.5, 19.0, 26.5}, {{7000, 28.0}, {2400, 14.0}, {2200, 10.0}}));
  c.trusts.push_back(acute("TD", 3, {24.5, 17.5, 25.0}, {{10000, 38.0}, {2400, 14.0}, {2200, 10.0}}));
  c.trusts.push_back(acute("TE", 4, {24.0, 17.0, 24.5}, {{3000, 14.0}, {2400, 14.0}, {2200, 10.0}}));
  for (const auto& [id, type, place] : {std::tuple{"TM", model::TrustType::mental_health, 2},
                                        std::tuple{"TN", model::TrustType::community, 4}}) {
    model::TrustConfig t;
    t.id = id;
    t.type = type;
    t.place = place;
    t.capacity.assign(3, 0.0);
    t.initial.assign(3, {});
    c.trusts.push_back(t);
  }
  model::IcsConfig ics;
  ics.id = "shire";
  ics.places = {0, 1, 2, 3, 4};
  ics.honest_broker = true;
  ics.capital_awards = 1;
  c.ics.push_back(ics);
  model::CollaborativeConfig col;
  col.id = "acute";
  col.ics = 0;
  col.members = {0, 1, 2, 3, 4};
  auto list = detail::programme(ProgrammeType::shared_waiting_list);
  list.specialty = 0;
  list.start_day = 0;
  list.initial_scale = 0.25;
  list.scale_step = 0.25;
  auto diagnostics = detail::programme(ProgrammeType::shared_diagnostics);
  diagnostics.proposed_day = 30;
  diagnostics.initial_scale = 0.5;
  auto procurement = detail::programme(ProgrammeType::joint_procurement);
  procurement.proposed_day = 60;
  procurement.initial_scale = 0.5;
  col.programmes = {list, diagnostics, procurement};
  c.collaboratives.push_back(col);
  model::PartnershipConfig pp;
  pp.id = "crane_place";
  pp.place = 2;
  pp.members = {2, 5, 6};
  pp.partners = {"primary_care", "local_authority"};
  c.partnerships.push_back(pp);
  model::normalise(c);
  return c;
}

/// Every ordered pair of the acute collaborative's members starts with this evidence.
inline void acute_history(model::Config& c, double positive, double negative) {
  c.priors.push_back({"collaborative:acute", "collaborative:acute", positive, negative, true});
}

/// The collaboration system with beds from October (weekly output) and, with `pact`, a
/// mutual-aid pact in the acute collaborative from day 0.
inline model::Config urgent_system(int days, bool pact) {
  auto c = collaboration_system(days);
  c.run.name = "urgent";
  c.run.start_date = {2024, 10, 1};
  c.output.interval_days = 7;
  const int beds[] = {490, 455, 475, 430, 425, 280};
  for (int t = 0; t < 6; ++t) c.trusts[static_cast<std::size_t>(t)].beds = beds[t];
  if (pact) {
    model::ProgrammeConfig p;
    p.type = model::ProgrammeType::mutual_aid_pact;
    p.start_day = 0;
    c.collaboratives[0].programmes.push_back(p);
  }
  return c;
}

inline void add_pandemic(model::Config& c) {
  model::ShockConfig s;
  s.id = "wave";
  s.type = model::ShockType::pandemic;
  s.start_day = 45;
  s.end_day = 195;
  s.urgent_multiplier = 1.25;
  s.absence = 0.08;
  s.intensity_cv = 0.2;
  c.shocks.push_back(s);
}

/// A cyber attack halving Crane's (TC's) capacity and beds on days 30-71.
inline void add_incident(model::Config& c) {
  model::ShockConfig s;
  s.id = "cyber_tc";
  s.type = model::ShockType::incident;
  s.start_day = 30;
  s.end_day = 71;
  s.trusts = {2};
  s.capacity_loss = 0.5;
  c.shocks.push_back(s);
}

/// Three mental-health trusts in one ICS (80, 60 and 58 beds), asking only collaborative
/// partners for aid; with `collaborative`, a lead-provider collaborative with a mutual-aid pact.
inline model::Config mental_health_system(int days, bool collaborative) {
  model::Config c;
  c.run.name = "mental_health";
  c.run.days = days;
  c.run.seed = 41;
  c.run.replications = 1;
  c.output.interval_days = 28;
  const char* places[] = {"northgate", "eastbrook", "westley"};
  const std::int64_t pop[] = {520000, 300000, 290000};
  const double xy[][2] = {{0, 0}, {25, -10}, {-22, -12}};
  const char* trusts[] = {"MN", "ME", "MW"};
  const int beds[] = {80, 60, 58};
  model::SpecialtyConfig s;
  s.id = "psychological_therapies";
  c.specialties.push_back(s);
  for (int i = 0; i < 3; ++i) {
    model::PlaceConfig p;
    p.id = places[i];
    p.population = pop[i];
    p.location = {xy[i][0], xy[i][1]};
    c.places.push_back(p);
    model::TrustConfig t;
    t.id = trusts[i];
    t.type = model::TrustType::mental_health;
    t.place = i;
    t.beds = beds[i];
    t.capacity = {0.0};
    t.initial = {model::InitialList{}};
    c.trusts.push_back(t);
  }
  model::IcsConfig ics;
  ics.id = "vale";
  ics.places = {0, 1, 2};
  c.ics.push_back(ics);
  c.mutual_aid.ics_wide = false;
  if (collaborative) {
    model::CollaborativeConfig col;
    col.id = "vale_mh";
    col.ics = 0;
    col.governance = model::Governance::lead_provider;
    col.decision_rule = model::DecisionRule::lead_decides;
    col.lead = 0;
    col.members = {0, 1, 2};
    model::ProgrammeConfig p;
    p.type = model::ProgrammeType::mutual_aid_pact;
    p.start_day = 0;
    col.programmes.push_back(p);
    c.collaboratives.push_back(col);
  }
  model::normalise(c);
  return c;
}

}  // namespace icsim::test

#pragma once
// Small model configurations built in code for tests.
#include <string>

#include "model/config.hpp"

namespace icsim::test {

/// One place, one specialty, `trusts` identical co-located trusts (ids T0, T1, ...).
/// Referral rate is set so that the place generates `per_day` referrals a day on average.
inline model::Config single_list(double per_day, double capacity_per_working_day, int days,
                                 int working_days_per_week = 7, int trusts = 1) {
  model::Config c;
  c.run.name = "test";
  c.run.days = days;
  c.run.seed = 42;
  c.run.replications = 1;
  c.run.working_days_per_week = working_days_per_week;
  c.output.interval_days = 1;
  model::PlaceConfig p;
  p.id = "p";
  p.name = "p";
  p.population = 1000000;
  c.places.push_back(p);
  model::SpecialtyConfig s;
  s.id = "s";
  s.name = "s";
  s.referral_rate = per_day * 365.25 / 1000.0;  // per 1000 of a million people per year
  s.priority_mix = {0.0, 0.0, 1.0};
  s.removal_hazard_per_week = 0.0;
  c.specialties.push_back(s);
  for (int t = 0; t < trusts; ++t) {
    model::TrustConfig tr;
    tr.id = "T" + std::to_string(t);
    tr.name = tr.id;
    tr.place = 0;
    tr.capacity = {capacity_per_working_day};
    tr.initial = {model::InitialList{}};
    c.trusts.push_back(tr);
  }
  return c;
}

/// Three places, two specialties, three trusts at different places, removals on, weekly output.
inline model::Config small_system(int days = 120) {
  model::Config c;
  c.run.name = "small";
  c.run.days = days;
  c.run.seed = 7;
  c.run.replications = 1;
  c.output.interval_days = 7;
  const char* places[] = {"a", "b", "c"};
  for (int i = 0; i < 3; ++i) {
    model::PlaceConfig p;
    p.id = places[i];
    p.name = places[i];
    p.population = 200000 + 50000 * i;
    p.location = {20.0 * i, 0.0};
    p.deprivation = {0.3, 0.25, 0.2, 0.15, 0.1};
    c.places.push_back(p);
  }
  const char* specs[] = {"ortho", "derm"};
  for (int i = 0; i < 2; ++i) {
    model::SpecialtyConfig s;
    s.id = specs[i];
    s.name = specs[i];
    s.referral_rate = 30.0 - 5.0 * i;
    s.removal_hazard_per_week = 0.02;
    s.seasonal_amplitude = 0.1;
    s.annual_growth = 0.03;
    c.specialties.push_back(s);
  }
  for (int i = 0; i < 3; ++i) {
    model::TrustConfig t;
    t.id = std::string("T") + places[i];
    t.name = t.id;
    t.place = i;
    t.location = c.places[static_cast<std::size_t>(i)].location;
    t.capacity = {20.0 + 2.0 * i, i == 2 ? 0.0 : 15.0};
    t.initial = {model::InitialList{3000 + 500 * i, 18.0},
                 model::InitialList{i == 2 ? 0 : 1000, 10.0}};
    c.trusts.push_back(t);
  }
  return c;
}

}  // namespace icsim::test

namespace icsim::test {

/// Two places `km` apart, each with a co-located trust (P0/T0, P1/T1), one specialty, no
/// removals, every day a working day. Each place refers `per_day` a day; each trust treats
/// `capacity` a day. With `pooled`, one collaborative of both trusts runs a shared waiting list
/// from day 0 with full pledge.
inline model::Config two_trusts(double per_day, double capacity, int days, double km, bool pooled) {
  model::Config c = single_list(per_day, capacity, days, 7, 2);
  c.places[0].id = c.places[0].name = "P0";
  model::PlaceConfig p1 = c.places[0];
  p1.id = p1.name = "P1";
  p1.location = {km, 0.0};
  c.places.push_back(p1);
  c.trusts[1].place = 1;
  c.trusts[1].location = {km, 0.0};
  c.ics.clear();
  model::normalise(c);
  // Pledges do not depend on trust here (the trust friction is tested on its own).
  c.relationships.pledge_trust_full = 1e-9;
  if (pooled) {
    model::CollaborativeConfig col;
    col.id = col.name = "pool";
    col.ics = 0;
    col.members = {0, 1};
    model::ProgrammeConfig pr;
    pr.specialty = 0;
    col.programmes.push_back(pr);
    c.collaboratives.push_back(col);
  }
  return c;
}

}  // namespace icsim::test

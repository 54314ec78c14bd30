// The one table of the day. Each phase computes in parallel over entities that own their
// state and applies shared effects in a fixed order, so results are identical at any thread
// count (docs/design.md).
#include "model/day.hpp"

#include <algorithm>
#include <array>

#include "model/config.hpp"

namespace icsim::model {
namespace {

template <class M>
M& get(Day& day) {
  return std::get<M>(day.m);
}

/// Programmes' effects after programmes or members changed: pools and their units, capacity
/// gains, pledges, prevention (`always`: at each month's end, as trust and cohesion moved).
void refresh_effects(Day& day, bool always) {
  World& w = day.w;
  if (w.pools_changed) get<SharedLists>(day).rebuild(w);
  if (always || w.pools_changed || w.programmes_changed) {
    Programmes::capacity_gains(w);
    get<SharedLists>(day).pledges(w);
    Prevention::update(w);
  }
  w.pools_changed = w.programmes_changed = false;
}

/// Every mechanism's observables: the flows since the last sample are taken, then each writes
/// its part of the sample (a read of its state).
void record_sample(Day& day) {
  std::size_t base = 0;
  for_each_mechanism(day.m, [&](auto& mech) { mech.take_flows(day.w); });
  for_each_mechanism(day.m, [&](auto& mech) {
    mech.sample(day.w, SampleView(day.sample, base));
    base += std::remove_reference_t<decltype(mech)>::kObservables.size();
  });
  day.sample.step = day.d + 1;
}

constexpr std::array kPhases = {
    // group        name                 when                run
    Phase{"referrals", "referrals", When::daily, [](Day& x) { get<Referrals>(x).draw(x.w, x.d); }},
    Phase{"urgent", "shocks", When::daily, [](Day& x) { get<Shocks>(x).apply(x.w, x.d); }},
    Phase{"urgent", "bed_census", When::daily, [](Day& x) { get<Beds>(x).census(x.w, get<Shocks>(x), x.d); }},
    Phase{"urgent", "delayed_discharges", When::daily,
          [](Day& x) { get<DelayedDischarges>(x).delay(x.w, get<Beds>(x), x.d); }},
    Phase{"urgent", "mutual_aid", When::daily,
          [](Day& x) { get<MutualAid>(x).match(x.w, get<Beds>(x), get<Shocks>(x), x.d); }},
    Phase{"urgent", "admissions", When::daily,
          [](Day& x) { get<Beds>(x).admit(x.w, get<Shocks>(x), get<MutualAid>(x), x.d); }},
    Phase{"programmes", "scheduled_programmes", When::daily, [](Day& x) { get<Programmes>(x).schedule(x.w, x.d); }},
    Phase{"programmes", "programme_effects", When::daily, [](Day& x) { refresh_effects(x, false); }},
    Phase{"lists", "outsourcing", When::daily, [](Day& x) { get<Outsourcing>(x).treat(x.w, x.d); }},
    Phase{"lists", "lists", When::daily, [](Day& x) { get<Treatment>(x).day(x.w, get<SharedLists>(x), x.d); }},
    Phase{"pidmas", "patient_moves", When::daily, [](Day& x) { get<PatientMoves>(x).moves(x.w, x.d); }},
    Phase{"governance", "finance", When::month_end, [](Day& x) { get<Finance>(x).month(x.w, x.d); }},
    Phase{"governance", "forgetting", When::month_end, [](Day& x) { TrustEvidence::forget(x.w); }},
    Phase{"governance", "aid_memory", When::month_end, [](Day& x) { get<MutualAid>(x).decay(x.w); }},
    Phase{"governance", "leadership", When::month_end, [](Day& x) { Collaboratives::allocate_leadership(x.w); }},
    Phase{"governance", "time_evidence", When::month_end, [](Day& x) { get<TrustEvidence>(x).time_evidence(x.w); }},
    Phase{"governance", "exchange_evidence", When::month_end,
          [](Day& x) { get<SharedLists>(x).exchange_evidence(x.w); }},
    Phase{"governance", "pledge_memory", When::month_end, [](Day& x) { get<SharedLists>(x).remember_pledges(x.w); }},
    Phase{"governance", "quick_wins", When::month_end, [](Day& x) { Programmes::benefit_evidence(x.w); }},
    Phase{"governance", "turnover", When::month_end, [](Day& x) { get<TrustEvidence>(x).turnover(x.w, x.d); }},
    Phase{"governance", "membership", When::month_end, [](Day& x) { get<Collaboratives>(x).membership(x.w, x.d); }},
    Phase{"governance", "meetings", When::month_end, [](Day& x) { get<Collaboratives>(x).meetings(x.w, get<Programmes>(x), x.d); }},
    Phase{"governance", "governance_forms", When::month_end,
          [](Day& x) { get<Forms>(x).month(x.w, get<Programmes>(x), x.d); }},
    Phase{"governance", "capital", When::month_end,
          [](Day& x) {
            if (Capital::due(x.w)) get<Capital>(x).allocate(x.w, x.d);
          }},
    Phase{"governance", "icb_reviews", When::month_end,
          [](Day& x) { get<Oversight>(x).review(x.w, get<Programmes>(x), x.d); }},
    Phase{"governance", "delegated_budgets", When::month_end, [](Day& x) { get<DelegatedBudgets>(x).plan(x.w, x.d); }},
    Phase{"governance", "outsourcing_plan", When::month_end, [](Day& x) { get<Outsourcing>(x).plan(x.w, x.d); }},
    Phase{"governance", "standardisation", When::month_end, [](Day& x) { get<Productivity>(x).month(x.w); }},
    Phase{"governance", "procurement", When::month_end, [](Day& x) { Programmes::savings(x.w); }},
    Phase{"governance", "strategy_revision", When::month_end, [](Day& x) { get<Strategies>(x).revise(x.w, x.d); }},
    Phase{"governance", "month_effects", When::month_end, [](Day& x) { refresh_effects(x, true); }},
    Phase{"governance", "month_count", When::month_end, [](Day& x) { ++x.w.month_index; }},
    Phase{"maintenance", "maintenance", When::maintenance, [](Day& x) { get<Treatment>(x).maintenance(x.w, x.d); }},
    Phase{"sampling", "fold_moves", When::sample, [](Day& x) { get<SharedLists>(x).fold_moves(x.w); }},
    Phase{"sampling", "census", When::sample, [](Day& x) { get<Treatment>(x).census(x.w, x.d); }},
    Phase{"sampling", "discharge_count", When::sample, [](Day& x) { get<DelayedDischarges>(x).count(x.w, get<Beds>(x)); }},
    Phase{"sampling", "observables", When::sample, [](Day& x) { record_sample(x); }},
};

}  // namespace

std::span<const Phase> day_phases() { return kPhases; }

const std::vector<std::string_view>& phase_groups() {
  static const std::vector<std::string_view> groups = [] {
    std::vector<std::string_view> g;
    for (const auto& p : kPhases) {
      if (std::find(g.begin(), g.end(), p.group) == g.end()) g.push_back(p.group);
    }
    return g;
  }();
  return groups;
}

std::size_t group_of(const Phase& p) {
  const auto& g = phase_groups();
  return static_cast<std::size_t>(std::find(g.begin(), g.end(), p.group) - g.begin());
}

void build_initial_state(Day& day) {
  // The initial state is the end of day -1 (time 0).
  World& w = day.w;
  for_each_mechanism(day.m, [&](auto& mech) { mech.build(w); });
  get<Treatment>(day).maintenance(w, -1);
  get<Treatment>(day).census(w, -1);  // published waits for programmes starting on day 0
  get<Programmes>(day).schedule(w, 0);
  get<SharedLists>(day).rebuild(w);
  Collaboratives::allocate_leadership(w);
  w.pools_changed = false;
  refresh_effects(day, true);
  day.d = -1;
  get<SharedLists>(day).fold_moves(w);
  record_sample(day);
}

}  // namespace icsim::model

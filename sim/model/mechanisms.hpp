#pragma once
// The one list of mechanisms. Each mechanism lives in its own folder (model/<mechanism>/) with
// its parameters (a section of the scenario file), its code, its observables, events and
// checkpoint state. Adding a mechanism: its folder, a line in each list below, and its rows in
// the day (model/day.cpp). docs/design.md walks through it.
#include <tuple>

#include "model/beds/beds.hpp"
#include "model/beds/params.hpp"
#include "model/capital/capital.hpp"
#include "model/delegated/delegated.hpp"
#include "model/discharges/discharges.hpp"
#include "model/discharges/params.hpp"
#include "model/equity/params.hpp"
#include "model/finance/finance.hpp"
#include "model/finance/params.hpp"
#include "model/forms/forms.hpp"
#include "model/forms/params.hpp"
#include "model/governance/collaboratives.hpp"
#include "model/governance/params.hpp"
#include "model/lists/treatment.hpp"
#include "model/mutual_aid/mutual_aid.hpp"
#include "model/mutual_aid/params.hpp"
#include "model/outsourcing/outsourcing.hpp"
#include "model/outsourcing/params.hpp"
#include "model/oversight/oversight.hpp"
#include "model/oversight/params.hpp"
#include "model/patient_moves/params.hpp"
#include "model/patient_moves/patient_moves.hpp"
#include "model/prevention/prevention.hpp"
#include "model/productivity/params.hpp"
#include "model/productivity/productivity.hpp"
#include "model/programmes/programmes.hpp"
#include "model/referrals/referrals.hpp"
#include "model/relationships/params.hpp"
#include "model/relationships/trust_evidence.hpp"
#include "model/shared_lists/params.hpp"
#include "model/shared_lists/shared_lists.hpp"
#include "model/shocks/params.hpp"
#include "model/shocks/shocks.hpp"
#include "model/strategies/params.hpp"
#include "model/strategies/strategies.hpp"

namespace icsim::model {

/// Each mechanism's section of the scenario file (in the order of docs/scenarios.md).
struct MechanismParams {
  PoolingConfig pooling;
  PidmasConfig pidmas;
  RelationshipsConfig relationships;
  std::vector<RelationshipPriorConfig> priors;
  std::vector<TurnoverConfig> turnover;
  UrgentConfig urgent;
  MutualAidConfig mutual_aid;
  std::vector<ShockConfig> shocks;
  GovernanceConfig governance;
  StrategiesConfig strategies;
  std::vector<StrategyMixConfig> strategy_mixes;
  OutsourcingConfig outsourcing;
  ProductivityConfig productivity;
  DischargeConfig discharge;
  std::vector<DischargeProgrammeConfig> discharge_programmes;
  EquityConfig equity;
  FinanceConfig finance;
  OversightConfig oversight;
  FormsConfig forms;

  template <class V>
  void fields(V& v) {
    v.table(pooling, "pooling", "Frictions of shared waiting lists");
    v.table(pidmas, "pidmas", "Patient-initiated moves to a provider with a shorter wait");
    v.table(relationships, "relationships", "Trust between organisations: the Beta reputation model");
    v.tables(priors, "relationship", "Initial evidence from history");
    v.tables(turnover, "turnover", "A change of leadership at an organisation");
    v.table(urgent, "urgent", "Urgent demand and beds (docs/model.md §21)");
    v.table(mutual_aid, "mutual_aid", "Mutual aid between trusts under pressure (docs/model.md §23)");
    v.tables(shocks, "shock", "An event on the scenario's timeline (docs/model.md §22)");
    v.table(governance, "governance", "Monthly meetings: leadership hours and the voting utility");
    v.table(strategies, "strategies", "How organisations choose and learn strategies (docs/model.md §26)");
    v.tables(strategy_mixes, "strategy", "A mixture of strategies for a group of organisations");
    v.table(outsourcing, "outsourcing", "Elective treatment bought from the independent sector (docs/model.md §25)");
    v.table(productivity, "productivity", "Productivity variation and clinical standardisation (docs/model.md §27)");
    v.table(discharge, "discharge", "Delayed discharges from acute beds (docs/model.md §28)");
    v.tables(discharge_programmes, "discharge_programme", "A place partnership's discharge programme (docs/model.md §28)");
    v.table(equity, "equity", "How patients differ by deprivation quintile (docs/model.md §29)");
    v.table(finance, "finance", "Trusts' and ICBs' money and financial pressure (docs/model.md §31)");
    v.table(oversight, "oversight", "An active ICB's reviews of its collaboratives (docs/model.md §32)");
    v.table(forms, "forms", "Governance forms that deepen, loosen or dissolve (docs/model.md §33)");
  }
  friend bool operator==(const MechanismParams&, const MechanismParams&) = default;
};

/// The mechanisms, in the order they are built, sampled (their observables' order in the
/// catalogue) and saved. The order of the day is model/day.cpp.
using Mechanisms = std::tuple<Referrals, Treatment, SharedLists, PatientMoves, Shocks, Beds, MutualAid, TrustEvidence,
                              Collaboratives, Programmes, Capital, DelegatedBudgets, Prevention, Outsourcing,
                              Strategies, Productivity, DelayedDischarges, Finance, Oversight, Forms>;

/// Calls f(mechanism) for each mechanism, in list order.
template <class F>
void for_each_mechanism(Mechanisms& m, F&& f) {
  std::apply([&](auto&... x) { (f(x), ...); }, m);
}

/// Calls f.template operator()<M>() for each mechanism type M, in list order.
template <class F>
void for_each_mechanism_type(F&& f) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (f.template operator()<std::tuple_element_t<I, Mechanisms>>(), ...);
  }(std::make_index_sequence<std::tuple_size_v<Mechanisms>>{});
}

}  // namespace icsim::model

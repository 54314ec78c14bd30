#pragma once
// The one list of mechanisms. Each mechanism lives in its own folder (model/<mechanism>/) with
// its parameters (a section of the scenario file), its code, its observables, events and
// checkpoint state. Adding a mechanism: its folder, a line in each list below, and its rows in
// the day (model/day.cpp). docs/design.md walks through it.
#include <tuple>

#include "model/beds/params.hpp"
#include "model/governance/params.hpp"
#include "model/mutual_aid/params.hpp"
#include "model/patient_moves/params.hpp"
#include "model/relationships/params.hpp"
#include "model/shared_lists/params.hpp"
#include "model/shocks/params.hpp"

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
  }
  friend bool operator==(const MechanismParams&, const MechanismParams&) = default;
};

}  // namespace icsim::model

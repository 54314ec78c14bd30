#pragma once
// Parameters of shared waiting lists ([pooling]).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/params.hpp"
#include "model/entities.hpp"

namespace icsim::model {

/// Frictions of shared waiting lists (docs/model.md, shared waiting lists).
struct PoolingConfig {
  double acceptance_distance_km = 25.0;  ///< P(accept a move) = exp(-distance / this)
  int reoffer_weeks = 4;                 ///< a patient who declines is not asked again for this long
  double transfer_admin_cost = 150.0;    ///< GBP per transfer
  double tariff = 4000.0;                ///< GBP a provider is paid per elective treatment (PbR)
  double transactional_release = 0.6;    ///< P(sending trust releases a patient), transactional

  template <class V>
  void fields(V& v) {
    v.param(acceptance_distance_km, "acceptance_distance_km").unit_is("km").above(0)
        .describe("Distance scale d0 of patients' acceptance of a move: P(accept) = exp(-d / d0)")
        .from("Assumption: willingness to travel for earlier treatment falls with distance; calibrate locally");
    v.param(reoffer_weeks, "reoffer_weeks").unit_is("weeks").at_least(0).at_most(52)
        .describe("A patient who declines a move is not offered another for this long");
    v.param(transfer_admin_cost, "transfer_admin_cost").unit_is("GBP").at_least(0)
        .describe("Administrative cost of one transfer, borne by the receiving trust")
        .from("Assumption: about half a day of booking and records work");
    v.param(tariff, "tariff").unit_is("GBP").at_least(0)
        .describe("Income per elective treatment under activity-based payment")
        .from("Order of magnitude of NHS Payment Scheme 2023/25 elective prices");
    v.param(transactional_release, "transactional_release").unit_is("1").at_least(0).at_most(1)
        .describe("Probability a sending trust releases a patient when its ICB commissions "
                  "transactionally (it loses the tariff); 1 under collaborative commissioning")
        .from("Assumption (S0: transactional relationships hold collaboration back)");
  }
  friend bool operator==(const PoolingConfig&, const PoolingConfig&) = default;
};

}  // namespace icsim::model

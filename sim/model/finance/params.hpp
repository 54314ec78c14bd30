#pragma once
// Parameters of trusts' and ICBs' money ([finance], docs/model.md §31).
#include "core/params.hpp"

namespace icsim::model {

/// Elective income, costs and the financial pressure a year-to-date deficit puts on a trust's
/// discretionary choices (docs/model.md §31). The price of a treatment is pooling.tariff.
struct FinanceConfig {
  double cost_ratio = 1.0;          ///< cost of a treatment slot / tariff
  double deficit_full = 0.02;       ///< year-to-date deficit, as a share of a year's planned income, of full pressure
  double release_pressure = 0.5;    ///< full pressure lowers the chance of releasing patients by this share
  double deficit_constraint = 0.5;  ///< full pressure lowers pledges and aid by this share

  template <class V>
  void fields(V& v) {
    v.param(cost_ratio, "cost_ratio").unit_is("1").above(0).at_most(10)
        .describe("What a trust's elective capacity costs per treatment slot, as a share of the tariff; "
                  "slots cost whether or not they are used")
        .from("Assumption: national prices are set from providers' reported average costs (NHS Payment "
              "Scheme), so about 1; plausible range 0.95-1.10");
    v.param(deficit_full, "deficit_full").unit_is("1").above(0).at_most(1)
        .describe("A year-to-date deficit of this share of a year's planned income is full financial pressure "
                  "(pressure = min(1, deficit / (deficit_full x planned income a year)))")
        .from("Assumption: plausible range 0.01-0.05");
    v.param(release_pressure, "release_pressure").unit_is("1").at_least(0).at_most(1)
        .describe("Under payment by activity, full financial pressure lowers a trust's daily chance of "
                  "releasing its patients to a shared list (pooling.transactional_release) by this share")
        .from("Assumption (issue 13: releasing patients loses income); plausible range 0-1");
    v.param(deficit_constraint, "deficit_constraint").unit_is("1").at_least(0).at_most(1)
        .describe("Full financial pressure lowers a trust's shared-list pledges and its chance of granting "
                  "mutual aid by this share")
        .from("Assumption: deficits constrain what a trust can offer others; plausible range 0-1");
  }
  friend bool operator==(const FinanceConfig&, const FinanceConfig&) = default;
};

}  // namespace icsim::model

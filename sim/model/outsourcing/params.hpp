#pragma once
// Parameters of outsourcing to the independent sector ([outsourcing]).
#include "core/params.hpp"

namespace icsim::model {

/// Elective treatment the ICB buys from independent-sector providers (docs/model.md §25).
struct OutsourcingConfig {
  double budget_per_year = 0.0;    ///< GBP per ICS per year (0: none bought)
  double price = 4000.0;           ///< GBP per treatment
  double min_median_weeks = 18.0;  ///< only lists whose median wait is at least this are outsourced
  int lists_per_ics = 1;           ///< lists with the longest median waits that share the budget

  template <class V>
  void fields(V& v) {
    v.param(budget_per_year, "budget_per_year").unit_is("GBP per ICS per year").at_least(0).at_most(1e11)
        .describe("What each ICB spends on elective treatment from independent-sector providers (0: none)")
        .from("Assumption; independent-sector providers deliver about 9-10% of NHS elective care "
              "(IHPN quarterly data, 2024-25; Health Foundation 2023: 7.7% pre-pandemic, 8.7% after)");
    v.param(price, "price").unit_is("GBP per treatment").above(0).at_most(1e6)
        .describe("Price of one treatment bought from the independent sector")
        .from("NHS-funded independent-sector activity is paid at NHS prices (IHPN 2024); order of magnitude of "
              "NHS Payment Scheme 2023/25 elective prices, as pooling.tariff");
    v.param(min_median_weeks, "min_median_weeks").unit_is("weeks").at_least(0).at_most(520)
        .describe("A list is outsourced only if its published median wait is at least this")
        .from("Assumption: the 18-week RTT standard; plausible range 0-40");
    v.param(lists_per_ics, "lists_per_ics").at_least(1).at_most(10000)
        .describe("Each month the ICB buys for this many of its lists with the longest median waits, "
                  "sharing the month's budget equally")
        .from("Assumption: purchases concentrate where waits are longest; plausible range 1-20");
  }
  friend bool operator==(const OutsourcingConfig&, const OutsourcingConfig&) = default;
};

}  // namespace icsim::model

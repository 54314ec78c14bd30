#pragma once
// Parameters of productivity and clinical standardisation ([productivity]).
#include "core/params.hpp"

namespace icsim::model {

/// Between-trust variation in elective productivity and how clinical standardisation
/// programmes close it (docs/model.md §27).
struct ProductivityConfig {
  double variation = 0.0;         ///< standard deviation of log productivity (0: every list as configured)
  double close_per_year = 0.3;    ///< share of the gap to the best member closed in a year (scale, cohesion, engagement 1)
  double erosion_per_year = 0.25; ///< share of the gain lost in a year without a programme

  template <class V>
  void fields(V& v) {
    v.param(variation, "variation").unit_is("1").at_least(0).at_most(1)
        .describe("Standard deviation of log productivity between trusts within a specialty: each list's "
                  "capacity is its configured capacity times a mean-one lognormal factor (0: none)")
        .from("NHS Improvement (2019), Operating theatres: opportunities to reduce waiting lists (Deloitte "
              "analysis of 92 trusts, 2017): theatre time lost to late starts, early finishes and gaps "
              "between cases could have given 16.8% more operations, varying between trusts and "
              "specialties; a log-sd of 0.10-0.15 puts the best of five trusts 12-17% above the mean. "
              "Plausible range 0.05-0.25");
    v.param(close_per_year, "close_per_year").unit_is("per year").at_least(0).at_most(1)
        .describe("Share of a member's productivity gap to the collaborative's best member that a clinical "
                  "standardisation programme closes in a year at scale 1, cohesion 1 and full leadership "
                  "engagement (scaled by all three)")
        .from("Assumption: GIRFT-style programmes report gains over one to three years; plausible range 0.1-0.6");
    v.param(erosion_per_year, "erosion_per_year").unit_is("per year").at_least(0).at_most(1)
        .describe("Share of a list's gain above its own initial productivity lost in a year while no "
                  "standardisation programme covers it")
        .from("Assumption: improvements fade without the programme that sustained them; plausible range 0.05-0.5");
  }
  friend bool operator==(const ProductivityConfig&, const ProductivityConfig&) = default;
};

}  // namespace icsim::model

#pragma once
// The observables this mechanism reports (docs/outputs.md is generated from the catalogue).
#include <array>

#include "model/observables.hpp"

namespace icsim::model {

enum class StrategyObs : std::size_t {
  organisation_strategy,
  cooperative_decisions,
  defecting_decisions,
};

struct StrategyObservablesTable {
  using enum Kind;
  using enum Axes;
  static constexpr std::array<ObservableInfo, 3> rows = {{
      // clang-format off
      {"organisation_strategy", "code", stock, organisation_all, true,
         "The organisation's strategy: 0 threshold, 1 cooperator, 2 tit_for_tat, 3 generous_tit_for_tat, "
         "4 win_stay_lose_shift, 5 free_rider"},
      {"cooperative_decisions", "decisions", flow, organisation_all, true,
         "Discretionary choices to cooperate (aid granted with slack; a month's pledge at least half of full)"},
      {"defecting_decisions", "decisions", flow, organisation_all, true,
         "Discretionary choices not to cooperate (aid refused with slack; a month's pledge under half of full)"},
      // clang-format on
  }};
};
inline constexpr const auto& kStrategyObservables = StrategyObservablesTable::rows;

}  // namespace icsim::model

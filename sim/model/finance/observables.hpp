#pragma once
// The observables this mechanism reports (docs/outputs.md is generated from the catalogue).
#include <array>

#include "model/observables.hpp"

namespace icsim::model {

enum class FinanceObs : std::size_t {
  elective_income,
  elective_costs,
  surplus,
  balance,
  financial_pressure,
};

struct FinanceObservablesTable {
  using enum Kind;
  using enum Axes;
  static constexpr std::array<ObservableInfo, 5> rows = {{
      {"elective_income", "GBP", flow, trust, false,
       "What the ICB paid the trust for elective care, booked at each month's end: its planned activity at "
       "the tariff (collaborative commissioning, a block) or its own treatments at the tariff (transactional)"},
      {"elective_costs", "GBP", flow, trust, false,
       "What the trust's elective capacity cost, booked at each month's end: its treatment slots x tariff x "
       "finance.cost_ratio, used or not"},
      {"surplus", "GBP", flow, organisation_all, false,
       "Surplus (+) or deficit (-), booked at each month's end: a trust's income less its costs; an ICB's "
       "allocation (its trusts' planned activity at the tariff) less what it paid them; 0 for place partners"},
      {"balance", "GBP", stock, organisation_all, false,
       "Surplus or deficit of the financial year to date (April to March), as surplus"},
      {"financial_pressure", "1", stock, trust, false,
       "min(1, year-to-date deficit / (finance.deficit_full x a year's planned income)): 0 in surplus"},
  }};
};
inline constexpr const auto& kFinanceObservables = FinanceObservablesTable::rows;

}  // namespace icsim::model

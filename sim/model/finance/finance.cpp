#include "model/finance/finance.hpp"

#include <algorithm>

#include "model/config.hpp"

namespace icsim::model {

void Finance::build(World& w) {
  income_.assign(w.trusts(), 0.0);
  costs_.assign(w.trusts(), 0.0);
  surplus_.assign(w.orgs, 0.0);
  balance_.assign(w.orgs, 0.0);
  taken_.assign(2 * w.trusts() + w.orgs, 0.0);
  w.financial_pressure.assign(w.trusts(), 0.0);
  w.month_treated.assign(w.lists.size(), 0);
}

void Finance::month(World& w, core::Step d) {
  const auto& f = w.config.finance;
  const double tariff = w.config.pooling.tariff;
  const std::size_t S = w.specialties(), T = w.trusts();
  // The financial year runs April to March: April's accounts open a new one.
  if (w.calendar.date(d).month == 4) std::fill(balance_.begin(), balance_.end(), 0.0);
  for (std::size_t t = 0; t < T; ++t) {
    std::int64_t slots = 0, treated = 0;
    for (std::size_t s = 0; s < S; ++s) {
      slots += w.lists[t * S + s].month_slots;
      treated += w.month_treated[t * S + s];
    }
    const double planned = static_cast<double>(slots) * tariff;
    const double income = w.commissioning_of(t) == Commissioning::transactional ? static_cast<double>(treated) * tariff
                                                                                 : planned;
    const double costs = planned * f.cost_ratio;
    const std::size_t icb = w.config.icb_index(static_cast<std::size_t>(w.trust_ics[t]));
    income_[t] += income;
    costs_[t] += costs;
    surplus_[t] += income - costs;
    balance_[t] += income - costs;
    surplus_[icb] += planned - income;  // allocated for the trust's plan, paid for its activity
    balance_[icb] += planned - income;
    // Pressure: the year-to-date deficit against a year of this month's planned income.
    const double year = 12.0 * planned;
    w.financial_pressure[t] = year > 0.0 && balance_[t] < 0.0 ? std::min(1.0, -balance_[t] / (f.deficit_full * year)) : 0.0;
  }
  std::fill(w.month_treated.begin(), w.month_treated.end(), 0);
}

void Finance::take_flows(World& w) {
  const std::size_t T = w.trusts();
  std::copy(income_.begin(), income_.end(), taken_.begin());
  std::copy(costs_.begin(), costs_.end(), taken_.begin() + static_cast<std::ptrdiff_t>(T));
  std::copy(surplus_.begin(), surplus_.end(), taken_.begin() + static_cast<std::ptrdiff_t>(2 * T));
  std::fill(income_.begin(), income_.end(), 0.0);
  std::fill(costs_.begin(), costs_.end(), 0.0);
  std::fill(surplus_.begin(), surplus_.end(), 0.0);
}

void Finance::sample(const World& w, SampleView out) const {
  const std::size_t T = w.trusts();
  for (std::size_t t = 0; t < T; ++t) {
    out.reals(FinanceObs::elective_income)[t] = taken_[t];
    out.reals(FinanceObs::elective_costs)[t] = taken_[T + t];
    out.reals(FinanceObs::financial_pressure)[t] = w.financial_pressure[t];
  }
  for (std::size_t k = 0; k < w.orgs; ++k) {
    out.reals(FinanceObs::surplus)[k] = taken_[2 * T + k];
    out.reals(FinanceObs::balance)[k] = balance_[k];
  }
}

}  // namespace icsim::model

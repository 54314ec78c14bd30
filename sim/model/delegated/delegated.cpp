#include "model/delegated/delegated.hpp"

#include <algorithm>
#include <cmath>

#include "model/config.hpp"

namespace icsim::model {

void DelegatedBudgets::plan(World& w, core::Step d) {
  // A delegated budget buys extra activity (at the tariff) for the coming month at the member
  // list with the longest median wait.
  const std::size_t S = w.specialties();
  std::fill(w.extra_per_day.begin(), w.extra_per_day.end(), 0.0);
  int working = 0;
  for (core::Step x = d + 1; x <= d + 31 && !(x > d + 1 && w.calendar.is_first_of_month(x)); ++x) {
    working += w.calendar.is_working_day(x) ? 1 : 0;
  }
  for (std::size_t c = 0; c < w.config.collaboratives.size(); ++c) {
    const auto& col = w.config.collaboratives[c];
    if (col.delegated_budget <= 0.0 || w.delegated_share[c] <= 0.0 || w.config.pooling.tariff <= 0.0) continue;
    std::size_t target = w.lists.size();
    double worst = -1.0;
    for (int m : w.members[c]) {
      for (std::size_t s = 0; s < S; ++s) {
        const std::size_t l = static_cast<std::size_t>(m) * S + s;
        if (w.capacity[l] <= 0.0 || !std::isfinite(w.published_median[l])) continue;
        if (w.published_median[l] > worst) {
          worst = w.published_median[l];
          target = l;
        }
      }
    }
    if (target == w.lists.size()) continue;
    // The share an ICB that earns delegation has delegated so far (model/oversight; 1 if fixed).
    const double treatments = col.delegated_budget * w.delegated_share[c] / 12.0 / w.config.pooling.tariff;
    w.extra_per_day[target] += treatments / std::max(working, 1);
    events_.of<DelegatedEvent>().push_back({d, static_cast<std::int32_t>(c), static_cast<std::int32_t>(target / S),
                                 static_cast<std::int32_t>(target % S), w.extra_per_day[target]});
  }
}

}  // namespace icsim::model

#include "model/outsourcing/outsourcing.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "model/config.hpp"

namespace icsim::model {

void Outsourcing::build(World& w) {
  per_day_.assign(w.lists.size(), 0.0);
  carry_.assign(w.lists.size(), 0.0);
  treated_.assign(w.lists.size(), 0);
  taken_.assign(w.lists.size(), 0);
}

void Outsourcing::plan(const World& w, core::Step d) {
  const auto& o = w.config.outsourcing;
  std::fill(per_day_.begin(), per_day_.end(), 0.0);
  if (o.budget_per_year <= 0.0) return;
  int working = 0;  // working days of the coming month
  for (core::Step x = d + 1; x <= d + 31 && !(x > d + 1 && w.calendar.is_first_of_month(x)); ++x) {
    working += w.calendar.is_working_day(x) ? 1 : 0;
  }
  if (working == 0) return;
  const std::size_t S = w.specialties();
  for (std::size_t i = 0; i < w.config.ics.size(); ++i) {
    // The ICS's lists with patients, longest published median wait first (ties: list order).
    std::vector<std::size_t> lists;
    for (int t : w.config.ics[i].trusts) {
      for (std::size_t s = 0; s < S; ++s) {
        const std::size_t l = static_cast<std::size_t>(t) * S + s;
        const double median = w.published_median[l];
        if (w.capacity[l] > 0.0 && std::isfinite(median) && median >= o.min_median_weeks) lists.push_back(l);
      }
    }
    std::stable_sort(lists.begin(), lists.end(),
                     [&](std::size_t a, std::size_t b) { return w.published_median[a] > w.published_median[b]; });
    lists.resize(std::min(lists.size(), static_cast<std::size_t>(o.lists_per_ics)));
    if (lists.empty()) continue;
    const double each = o.budget_per_year / 12.0 / o.price / static_cast<double>(lists.size()) / working;
    for (std::size_t l : lists) {
      per_day_[l] = each;
      events_.of<OutsourcingEvent>().push_back({d, static_cast<std::int32_t>(i), static_cast<std::int32_t>(l / S),
                                                 static_cast<std::int32_t>(l % S), each});
    }
  }
}

void Outsourcing::treat(World& w, core::Step d) {
  if (!w.calendar.is_working_day(d)) return;
  for (std::size_t l = 0; l < per_day_.size(); ++l) {
    if (per_day_[l] <= 0.0) continue;
    carry_[l] += per_day_[l];
    const double whole = std::floor(carry_[l]);
    carry_[l] -= whole;
    const std::int64_t before = w.lists[l].flows.treated;
    w.treat_own(l, static_cast<std::int64_t>(whole), d);
    treated_[l] += w.lists[l].flows.treated - before;
    w.month_treated[l] -= w.lists[l].flows.treated - before;  // the ICB pays the independent sector
  }
}

void Outsourcing::take_flows(World& /*w*/) {
  taken_ = treated_;
  std::fill(treated_.begin(), treated_.end(), 0);
}

void Outsourcing::sample(const World& w, SampleView out) const {
  const std::size_t S = w.specialties();
  auto& treated = out.ints(OutsourcingObs::outsourced_treatments);
  auto& spend = out.reals(OutsourcingObs::outsourcing_spend);
  std::copy(taken_.begin(), taken_.end(), treated.begin());
  std::fill(spend.begin(), spend.end(), 0.0);
  for (std::size_t l = 0; l < taken_.size(); ++l) {
    spend[l / S] += static_cast<double>(taken_[l]) * w.config.outsourcing.price;
  }
}

}  // namespace icsim::model

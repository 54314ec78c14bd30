#include "model/strategies/strategies.hpp"

#include <boost/random/uniform_01.hpp>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "model/config.hpp"

namespace icsim::model {
namespace {

std::optional<Strategy> strategy_named(const std::string& name) {
  for (std::size_t k = 0; k < kStrategies; ++k) {
    if (name == kStrategyNames[k]) return static_cast<Strategy>(k);
  }
  return std::nullopt;
}

std::string known_strategies() {
  std::string s;
  for (const char* n : kStrategyNames) s += (s.empty() ? "" : ", ") + std::string(n);
  return s;
}

/// Index drawn from weights (not all zero) with one uniform.
std::size_t draw_index(const std::vector<double>& weights, double u) {
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  double acc = 0.0;
  for (std::size_t k = 0; k < weights.size(); ++k) {
    acc += weights[k];
    if (u * total < acc) return k;
  }
  return weights.size() - 1;
}

}  // namespace

void check_strategies(const Config& c, std::vector<ConfigIssue>& out) {
  const auto ids = c.organisation_ids();
  for (std::size_t k = 0; k < c.strategy_mixes.size(); ++k) {
    const auto& m = c.strategy_mixes[k];
    const std::string key = "strategy[" + std::to_string(k) + "]";
    if (group_members(c, ids, m.organisations).empty()) out.push_back(unknown_group(ids, key + ".organisations"));
    for (std::size_t i = 0; i < m.strategies.size(); ++i) {
      if (!strategy_named(m.strategies[i])) {
        out.push_back({key + ".strategies[" + std::to_string(i) + "]", "expected one of " + known_strategies()});
      }
    }
    if (m.shares.size() != m.strategies.size()) {
      out.push_back({key + ".shares", "expected one share per strategy (" + std::to_string(m.strategies.size()) + ")"});
      continue;
    }
    double sum = 0.0;
    for (double x : m.shares) sum += x;
    const bool negative = std::any_of(m.shares.begin(), m.shares.end(), [](double x) { return !(x >= 0.0); });
    if (negative || std::abs(sum - 1.0) > 1e-9) out.push_back({key + ".shares", "expected shares >= 0 summing to 1"});
  }
  const auto& r = c.strategies.repertoire;
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (!strategy_named(r[i])) {
      out.push_back({"strategies.repertoire[" + std::to_string(i) + "]", "expected one of " + known_strategies()});
    }
  }
}

void Strategies::build(World& w) {
  const Config& c = w.config;
  const auto ids = c.organisation_ids();
  boost::random::uniform_01<double> u;
  for (std::size_t k = 0; k < c.strategy_mixes.size(); ++k) {
    const auto& m = c.strategy_mixes[k];
    for (int o : group_members(c, ids, m.organisations)) {
      const auto i = static_cast<std::size_t>(o);
      core::Rng rng = w.streams.rng(static_cast<core::Purpose>(Draw::assign), w.org_key[i], 0, k);
      w.strategy[i] = *strategy_named(m.strategies[draw_index(m.shares, u(rng))]);
    }
  }
  repertoire_.clear();
  for (const auto& name : c.strategies.repertoire) repertoire_.push_back(*strategy_named(name));
  if (repertoire_.empty()) {
    for (std::size_t s = 0; s < kStrategies; ++s) repertoire_.push_back(static_cast<Strategy>(s));
  }
  // Whose waits each organisation answers for: a trust its own lists, an ICB its system's, a
  // place partner its partnership's trusts.
  answers_for_.assign(w.orgs, {});
  for (std::size_t t = 0; t < w.trusts(); ++t) answers_for_[t] = {static_cast<int>(t)};
  for (std::size_t i = 0; i < c.ics.size(); ++i) answers_for_[c.icb_index(i)] = c.ics[i].trusts;
  for (std::size_t p = 0; p < w.partnership_orgs.size(); ++p) {
    for (int o : w.partnership_orgs[p]) {
      if (static_cast<std::size_t>(o) >= w.trusts()) answers_for_[static_cast<std::size_t>(o)] = c.partnerships[p].members;
    }
  }
  attraction_.assign(w.orgs * kStrategies, 0.0);
  payoff_.assign(w.orgs, 0.0);
  last_wait_.assign(w.orgs, std::nan(""));
  months_ = 0;
  taken_.assign(2 * w.orgs, 0);
}

double Strategies::mean_wait(const World& w, std::size_t k) const {
  const std::size_t S = w.specialties();
  double sum = 0.0;
  std::size_t n = 0;
  for (int t : answers_for_[k]) {
    for (std::size_t s = 0; s < S; ++s) {
      const std::size_t l = static_cast<std::size_t>(t) * S + s;
      if (w.capacity[l] <= 0.0 || !std::isfinite(w.published_median[l])) continue;
      sum += w.published_median[l];
      ++n;
    }
  }
  return n ? sum / static_cast<double>(n) : std::nan("");
}

void Strategies::revise(World& w, core::Step d) {
  const auto& sc = w.config.strategies;
  if (sc.learning_rate <= 0.0) return;  // fixed strategies: nothing to learn, nothing drawn
  for (std::size_t k = 0; k < w.orgs; ++k) {
    const double now = mean_wait(w, k);
    if (std::isfinite(now) && std::isfinite(last_wait_[k])) payoff_[k] += last_wait_[k] - now;
    last_wait_[k] = now;
  }
  if (++months_ < sc.revision_months) return;
  const double phi = sc.learning_rate;
  boost::random::uniform_01<double> u;
  for (std::size_t k = 0; k < w.orgs; ++k) {
    const double mean = payoff_[k] / months_;
    double* a = &attraction_[k * kStrategies];
    const auto used = static_cast<std::size_t>(w.strategy[k]);
    for (std::size_t s = 0; s < kStrategies; ++s) a[s] = (1.0 - phi) * a[s] + (s == used ? phi * mean : 0.0);
    // Logit choice over the repertoire (shifted by the largest attraction, for range).
    double top = -1e300;
    for (Strategy s : repertoire_) top = std::max(top, a[static_cast<std::size_t>(s)]);
    std::vector<double> weight;
    for (Strategy s : repertoire_) weight.push_back(std::exp(sc.choice_sensitivity * (a[static_cast<std::size_t>(s)] - top)));
    core::Rng rng = w.streams.rng(static_cast<core::Purpose>(Draw::revise), w.org_key[k], w.month_index);
    const Strategy next = repertoire_[draw_index(weight, u(rng))];
    if (next != w.strategy[k]) {
      events_.of<StrategyRevision>().push_back({d, static_cast<std::int32_t>(k), static_cast<std::int32_t>(used),
                                                static_cast<std::int32_t>(next), mean});
      w.strategy[k] = next;
    }
    payoff_[k] = 0.0;
  }
  months_ = 0;
}

void Strategies::take_flows(World& w) {
  for (std::size_t k = 0; k < w.orgs; ++k) {
    taken_[k] = w.cooperated[k];
    taken_[w.orgs + k] = w.defected[k];
    w.cooperated[k] = w.defected[k] = 0;
  }
}

void Strategies::sample(const World& w, SampleView out) const {
  for (std::size_t k = 0; k < w.orgs; ++k) {
    out.ints(StrategyObs::organisation_strategy)[k] = static_cast<std::int64_t>(w.strategy[k]);
    out.ints(StrategyObs::cooperative_decisions)[k] = taken_[k];
    out.ints(StrategyObs::defecting_decisions)[k] = taken_[w.orgs + k];
  }
}

}  // namespace icsim::model

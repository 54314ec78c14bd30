#include "model/strategies/game.hpp"

#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <stdexcept>

namespace icsim::model {
namespace {

double payoff(bool me, bool other, const Payoffs& p) {
  if (me && other) return p.reward;
  if (me) return p.sucker;
  if (other) return p.temptation;
  return p.punishment;
}

struct Player {
  Strategy s;
  PairMemory m;
  double r = 0.0, q = 0.0;  ///< Beta evidence about the partner (threshold player)

  [[nodiscard]] double intends(const GameOptions& o) const {
    const double trust = (r + 1.0) / (r + q + 2.0);
    return cooperation(s, m, trust >= o.trust_threshold ? 1.0 : 0.0, o.generosity);
  }
  void saw(bool mine, bool theirs) {
    m = {static_cast<std::int8_t>(mine), static_cast<std::int8_t>(theirs)};
    (theirs ? r : q) += 1.0;
  }
};

/// Probability of cooperating after the last round's (own, partner's) moves: memory-one form.
double next_cooperation(Strategy s, bool mine, bool theirs, double g) {
  return cooperation(s, {static_cast<std::int8_t>(mine), static_cast<std::int8_t>(theirs)}, 0.0, g);
}

}  // namespace

GameResult play(Strategy a, Strategy b, const GameOptions& o, core::Rng& rng) {
  boost::random::uniform_01<double> u;
  Player pa{a, {}}, pb{b, {}};
  GameResult res;
  auto act = [&](double p) {
    bool c = p >= 1.0 || (p > 0.0 && u(rng) < p);
    if (o.error > 0.0 && u(rng) < o.error) c = !c;
    return c;
  };
  for (int k = 0; k < o.rounds; ++k) {
    const bool ca = act(pa.intends(o)), cb = act(pb.intends(o));
    res.score_a += payoff(ca, cb, o.payoffs);
    res.score_b += payoff(cb, ca, o.payoffs);
    res.cooperations_a += ca;
    res.cooperations_b += cb;
    pa.saw(ca, cb);
    pb.saw(cb, ca);
  }
  return res;
}

std::array<double, 2> stationary_payoffs(Strategy a, Strategy b, const GameOptions& o) {
  if (a == Strategy::threshold || b == Strategy::threshold) {
    throw std::invalid_argument("stationary_payoffs: the trust-threshold strategy is not memory-one");
  }
  // States (a's move, b's move): 0 CC, 1 CD, 2 DC, 3 DD. With error e a player cooperates with
  // probability p (1 - e) + (1 - p) e.
  const double e = o.error;
  auto with_error = [e](double p) { return p * (1.0 - e) + (1.0 - p) * e; };
  double M[4][4];
  for (int s = 0; s < 4; ++s) {
    const bool am = s < 2, bm = s % 2 == 0;
    const double pa = with_error(next_cooperation(a, am, bm, o.generosity));
    const double pb = with_error(next_cooperation(b, bm, am, o.generosity));
    M[s][0] = pa * pb;
    M[s][1] = pa * (1.0 - pb);
    M[s][2] = (1.0 - pa) * pb;
    M[s][3] = (1.0 - pa) * (1.0 - pb);
  }
  // Power iteration from the first round's moves (both cooperate first, before error).
  double v[4] = {0, 0, 0, 0};
  const double fa = with_error(next_cooperation(a, true, true, o.generosity));
  const double fb = with_error(next_cooperation(b, true, true, o.generosity));
  v[0] = fa * fb, v[1] = fa * (1 - fb), v[2] = (1 - fa) * fb, v[3] = (1 - fa) * (1 - fb);
  for (int it = 0; it < 200000; ++it) {
    double n[4] = {0, 0, 0, 0};
    for (int s = 0; s < 4; ++s) {
      for (int t = 0; t < 4; ++t) n[t] += v[s] * M[s][t];
    }
    double diff = 0.0;
    for (int t = 0; t < 4; ++t) diff += std::abs(n[t] - v[t]), v[t] = n[t];
    if (diff < 1e-15) break;
  }
  const auto& p = o.payoffs;
  return {v[0] * p.reward + v[1] * p.sucker + v[2] * p.temptation + v[3] * p.punishment,
          v[0] * p.reward + v[1] * p.temptation + v[2] * p.sucker + v[3] * p.punishment};
}

}  // namespace icsim::model

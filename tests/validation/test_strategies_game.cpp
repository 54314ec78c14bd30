// The strategy engine against published game-theory results (docs/model.md §26).
//  - Axelrod (1984), The Evolution of Cooperation: payoffs T=5, R=3, P=1, S=0 over 200 rounds,
//    tit for tat against always-defect scores 199 against 204; tit for tat against itself 600.
//  - Nowak and Sigmund (1993), Nature 364:56-58: with implementation errors, win-stay
//    lose-shift keeps mutual cooperation where tit for tat falls into retaliation: in a
//    population of its own kind WSLS earns more than TFT. Checked against the exact long-run
//    payoffs of the Markov chain over the last round's moves, with tolerances from the
//    standard error of the simulated mean.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/random.hpp"
#include "core/stats.hpp"
#include "model/strategies/game.hpp"

namespace icsim::model {
namespace {

GameResult once(Strategy a, Strategy b, const GameOptions& o, std::uint64_t k = 0) {
  core::Streams streams(2024, 0);
  core::Rng rng = streams.rng(1, k, 0);
  return play(a, b, o, rng);
}

TEST(AxelrodTournament, TitForTatAgainstAlwaysDefectIs199To204) {
  const auto r = once(Strategy::tit_for_tat, Strategy::free_rider, GameOptions{});
  EXPECT_EQ(r.score_a, 199.0);
  EXPECT_EQ(r.score_b, 204.0);
}

TEST(AxelrodTournament, TitForTatAgainstItselfIs600) {
  const auto r = once(Strategy::tit_for_tat, Strategy::tit_for_tat, GameOptions{});
  EXPECT_EQ(r.score_a, 600.0);
  EXPECT_EQ(r.score_b, 600.0);
}

TEST(AxelrodTournament, NiceStrategiesAgainstEachOtherAndAlwaysDefect) {
  // Without errors every nice strategy (never the first to defect) earns R each round with
  // another nice one; win-stay lose-shift against always-defect alternates C, D: it is
  // exploited every other round (Nowak and Sigmund 1993: its weakness against defectors).
  for (Strategy a : {Strategy::cooperator, Strategy::tit_for_tat, Strategy::generous, Strategy::win_stay_lose_shift,
                     Strategy::threshold}) {
    for (Strategy b : {Strategy::cooperator, Strategy::tit_for_tat, Strategy::generous, Strategy::win_stay_lose_shift,
                       Strategy::threshold}) {
      const auto r = once(a, b, GameOptions{});
      EXPECT_EQ(r.score_a, 600.0) << static_cast<int>(a) << " v " << static_cast<int>(b);
    }
  }
  const auto w = once(Strategy::win_stay_lose_shift, Strategy::free_rider, GameOptions{});
  EXPECT_EQ(w.score_a, 100 * 0.0 + 100 * 1.0);
  EXPECT_EQ(w.score_b, 100 * 5.0 + 100 * 1.0);
  const auto c = once(Strategy::cooperator, Strategy::free_rider, GameOptions{});
  EXPECT_EQ(c.score_a, 0.0);
  EXPECT_EQ(c.score_b, 1000.0);
}

TEST(AxelrodTournament, ThresholdPlayerStopsCooperatingWhenTheBetaTrustFallsBelowItsThreshold) {
  // Trust (r + 1) / (r + s + 2) of a partner who always defects falls below 0.5 after its first
  // defection: cooperation in the first round only, as tit for tat.
  const auto r = once(Strategy::threshold, Strategy::free_rider, GameOptions{});
  EXPECT_EQ(r.score_a, 199.0);
  GameOptions lenient;
  lenient.trust_threshold = 0.2;  // cooperates while (0 + 1) / (s + 2) >= 0.2: s <= 3
  const auto l = once(Strategy::threshold, Strategy::free_rider, lenient);
  EXPECT_EQ(l.cooperations_a, 4);
}

TEST(NowakSigmund, GenerosityOfAxelrodsPayoffsIsOneThird) {
  EXPECT_NEAR(nowak_sigmund_generosity(5, 3, 1, 0), 1.0 / 3.0, 1e-15);
}

struct SelfPlay {
  double mean, se;
};

SelfPlay simulate(Strategy s, double error, int games, int rounds) {
  GameOptions o;
  o.error = error;
  o.rounds = rounds;
  std::vector<double> per_round;
  for (int k = 0; k < games; ++k) {
    const auto r = once(s, s, o, static_cast<std::uint64_t>(k + 1));
    per_round.push_back((r.score_a + r.score_b) / (2.0 * rounds));
  }
  double m = 0, v = 0;
  for (double x : per_round) m += x;
  m /= games;
  for (double x : per_round) v += (x - m) * (x - m);
  return {m, std::sqrt(v / (games - 1) / games)};
}

TEST(NowakSigmund, WithErrorsSimulatedPayoffsMatchTheMarkovChain) {
  // Each simulated mean within 4 standard errors of the exact long-run payoff (the first
  // rounds' transient is small against 2000 rounds).
  for (Strategy s : {Strategy::tit_for_tat, Strategy::win_stay_lose_shift, Strategy::generous}) {
    GameOptions o;
    o.error = 0.05;
    const auto exact = stationary_payoffs(s, s, o);
    const auto sim = simulate(s, o.error, 60, 2000);
    EXPECT_NEAR(sim.mean, exact[0], 4.0 * sim.se + 0.01) << kStrategyNames[static_cast<std::size_t>(s)];
  }
}

TEST(NowakSigmund, WithErrorsWinStayLoseShiftOutperformsTitForTat) {
  // Exact: TFT against itself with error e earns (R + S + T + P) / 4 = 2.25 in the long run
  // whatever the (small) error; WSLS recovers mutual cooperation after one round of mutual
  // defection and earns close to R. The simulated difference is measured with its standard error.
  GameOptions o;
  o.error = 0.01;
  const auto tft = stationary_payoffs(Strategy::tit_for_tat, Strategy::tit_for_tat, o);
  const auto wsls = stationary_payoffs(Strategy::win_stay_lose_shift, Strategy::win_stay_lose_shift, o);
  EXPECT_NEAR(tft[0], 2.25, 1e-9);
  EXPECT_GT(wsls[0], 2.9);
  const auto st = simulate(Strategy::tit_for_tat, o.error, 60, 5000);
  const auto sw = simulate(Strategy::win_stay_lose_shift, o.error, 60, 5000);
  EXPECT_GT(sw.mean - st.mean, 4.0 * std::hypot(sw.se, st.se));
}

}  // namespace
}  // namespace icsim::model

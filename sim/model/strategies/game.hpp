#pragma once
// The iterated prisoner's dilemma between two strategies of model/strategies/strategy.hpp: the
// validation of the strategy engine against published results (Axelrod 1984; Nowak and
// Sigmund 1993). A trust-threshold player trusts its partner by the Beta reputation of the
// partner's moves (cooperations as positive, defections as negative evidence, as in the model).
#include <array>
#include <cstdint>

#include "core/random.hpp"
#include "model/strategies/strategy.hpp"

namespace icsim::model {

/// Payoffs to the row player: temptation, reward, punishment, sucker (T > R > P > S).
struct Payoffs {
  double temptation = 5.0, reward = 3.0, punishment = 1.0, sucker = 0.0;
};

struct GameOptions {
  int rounds = 200;
  double error = 0.0;       ///< chance that an intended move is flipped (implementation error)
  double generosity = 1.0 / 3.0;
  double trust_threshold = 0.5;  ///< the threshold player's cooperation threshold
  Payoffs payoffs;
};

struct GameResult {
  double score_a = 0.0, score_b = 0.0;  ///< totals over the rounds
  int cooperations_a = 0, cooperations_b = 0;
};

/// Plays a against b; draws (errors, generosity) come from `rng`.
GameResult play(Strategy a, Strategy b, const GameOptions& o, core::Rng& rng);

/// Long-run payoff per round to a against b, both memory-one (not threshold), with error
/// `error`: the stationary distribution of the Markov chain over (CC, CD, DC, DD).
/// Returns {payoff to a, payoff to b}.
std::array<double, 2> stationary_payoffs(Strategy a, Strategy b, const GameOptions& o);

}  // namespace icsim::model

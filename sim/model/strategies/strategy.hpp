#pragma once
// Strategies for discretionary choices (docs/model.md §26). An organisation decides whether to
// cooperate with a partner (grant aid, pledge capacity) by its strategy, from what it remembers
// of the last interaction with that partner and, for the trust-threshold strategy, from the
// decision's own trust rule. Pure functions: no state, no draws (a stochastic strategy returns a
// probability, drawn by the caller from its own stream).
//
//   unconditional cooperator  always cooperates
//   free rider                never cooperates (takes what others give)
//   tit for tat               cooperates first, then does what the partner did last
//                             (Axelrod and Hamilton 1981)
//   generous tit for tat      as tit for tat, but after a defection still cooperates with
//                             probability g (Nowak and Sigmund 1992)
//   win-stay, lose-shift      cooperates first, then again if both did the same last time
//                             (mutual cooperation kept, mutual defection abandoned; Nowak and
//                             Sigmund 1993)
//   trust threshold           cooperates as far as the decision's trust rule allows (the
//                             mechanisms' rules of earlier versions)
#include <array>
#include <cstdint>
#include <string_view>

namespace icsim::model {

enum class Strategy : std::uint8_t {
  threshold,
  cooperator,
  tit_for_tat,
  generous,
  win_stay_lose_shift,
  free_rider,
};
inline constexpr std::size_t kStrategies = 6;
inline constexpr std::array<const char*, kStrategies> kStrategyNames = {
    "threshold", "cooperator", "tit_for_tat", "generous_tit_for_tat", "win_stay_lose_shift", "free_rider"};

/// What an organisation remembers of its last interaction with one partner: its own move and
/// the partner's move as it saw it (-1: none yet, 0: defected, 1: cooperated).
struct PairMemory {
  std::int8_t mine = -1;
  std::int8_t theirs = -1;
  template <class Ar>
  void serialize(Ar& ar) {
    ar(mine, theirs);
  }
  friend bool operator==(const PairMemory&, const PairMemory&) = default;
};

/// Probability of cooperating with one partner. `trust_rule` is what the decision's trust rule
/// gives (in [0, 1]: 0 or 1 for a yes/no rule, a share for a pledge); `generosity` is g.
[[nodiscard]] constexpr double cooperation(Strategy s, PairMemory m, double trust_rule, double generosity) noexcept {
  switch (s) {
    case Strategy::threshold: return trust_rule;
    case Strategy::cooperator: return 1.0;
    case Strategy::free_rider: return 0.0;
    case Strategy::tit_for_tat: return m.theirs != 0 ? 1.0 : 0.0;
    case Strategy::generous: return m.theirs != 0 ? 1.0 : generosity;
    case Strategy::win_stay_lose_shift: return m.mine < 0 || m.theirs < 0 || m.mine == m.theirs ? 1.0 : 0.0;
  }
  return trust_rule;
}

/// Nowak and Sigmund's (1992) generosity for payoffs T > R > P > S:
/// g = min(1 - (T - R) / (R - S), (R - P) / (T - P)); 1/3 for Axelrod's 5, 3, 1, 0.
[[nodiscard]] constexpr double nowak_sigmund_generosity(double T, double R, double P, double S) noexcept {
  const double a = 1.0 - (T - R) / (R - S), b = (R - P) / (T - P);
  return a < b ? a : b;
}

}  // namespace icsim::model

#pragma once
// Designs of experiments for sweeps (docs/sweeps.md). Each returns points in the unit cube
// [0, 1]^k (list and grid: indices into each factor's values instead), one row per point;
// the sweep maps them onto each factor's range. Randomised designs draw from Philox streams
// keyed by the sweep's seed, so a design is reproducible.
#include <cstdint>
#include <vector>

namespace icsim::app {

using Matrix = std::vector<std::vector<double>>;  ///< rows = points, columns = factors

/// Full factorial: every combination of levels[i] values of each factor (as indices
/// 0..levels[i]-1), the first factor varying slowest.
Matrix grid_design(const std::vector<int>& levels);

/// Latin hypercube: n points; in every dimension each of the n strata [j/n, (j+1)/n) holds
/// exactly one point (at a uniform position inside it).
Matrix latin_hypercube(int n, int k, std::uint64_t seed);

/// Morris (1991) trajectories: r trajectories of k + 1 points on a grid of p levels
/// {0, 1/(p-1), ..., 1}; each step moves one factor (in a random order) by
/// delta = p / (2 (p - 1)), up if that stays in [0, 1], else down.
Matrix morris_design(int r, int k, int p, std::uint64_t seed);

/// Saltelli (2010) sampling for Sobol indices: uniform matrices A and B (n x k), then for each
/// factor i, AB_i = A with column i from B. Rows: A (n), B (n), AB_1 (n), ..., AB_k (n):
/// n (k + 2) points.
Matrix saltelli_design(int n, int k, std::uint64_t seed);

}  // namespace icsim::app

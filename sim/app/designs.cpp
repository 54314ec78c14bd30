#include "app/designs.hpp"

#include <algorithm>
#include <boost/random/uniform_01.hpp>
#include <numeric>

#include "core/random.hpp"

namespace icsim::app {
namespace {

// Stream purposes of the design generators (outside the model's Draw enum, which uses small
// numbers).
constexpr core::Purpose kLhs = 1001, kMorris = 1002, kSaltelli = 1003;

double uniform(core::Rng& rng) { return boost::random::uniform_01<double>()(rng); }

/// A uniformly random permutation of 0..n-1 (Fisher-Yates).
std::vector<int> permutation(int n, core::Rng& rng) {
  std::vector<int> p(static_cast<std::size_t>(n));
  std::iota(p.begin(), p.end(), 0);
  for (int i = n - 1; i > 0; --i) {
    const int j = std::min(i, static_cast<int>(uniform(rng) * (i + 1)));
    std::swap(p[static_cast<std::size_t>(i)], p[static_cast<std::size_t>(j)]);
  }
  return p;
}

}  // namespace

Matrix grid_design(const std::vector<int>& levels) {
  std::size_t total = 1;
  for (int l : levels) total *= static_cast<std::size_t>(std::max(l, 0));
  Matrix out(total, std::vector<double>(levels.size()));
  for (std::size_t row = 0; row < total; ++row) {
    std::size_t rest = row;
    for (std::size_t i = levels.size(); i-- > 0;) {
      const auto l = static_cast<std::size_t>(levels[i]);
      out[row][i] = static_cast<double>(rest % l);
      rest /= l;
    }
  }
  return out;
}

Matrix latin_hypercube(int n, int k, std::uint64_t seed) {
  core::Streams streams(seed, 0);
  Matrix out(static_cast<std::size_t>(n), std::vector<double>(static_cast<std::size_t>(k)));
  for (int i = 0; i < k; ++i) {
    core::Rng rng = streams.rng(kLhs, static_cast<std::uint64_t>(i), 0);
    const auto perm = permutation(n, rng);
    for (int j = 0; j < n; ++j) {
      out[static_cast<std::size_t>(j)][static_cast<std::size_t>(i)] = (perm[static_cast<std::size_t>(j)] + uniform(rng)) / n;
    }
  }
  return out;
}

Matrix morris_design(int r, int k, int p, std::uint64_t seed) {
  core::Streams streams(seed, 0);
  const double delta = p / (2.0 * (p - 1));
  Matrix out;
  for (int t = 0; t < r; ++t) {
    core::Rng rng = streams.rng(kMorris, static_cast<std::uint64_t>(t), 0);
    std::vector<double> x(static_cast<std::size_t>(k));
    for (auto& v : x) v = std::min(p - 1, static_cast<int>(uniform(rng) * p)) / static_cast<double>(p - 1);
    out.push_back(x);
    for (int i : permutation(k, rng)) {
      auto& v = x[static_cast<std::size_t>(i)];
      v = v + delta <= 1.0 + 1e-12 ? v + delta : v - delta;
      out.push_back(x);
    }
  }
  return out;
}

Matrix saltelli_design(int n, int k, std::uint64_t seed) {
  core::Streams streams(seed, 0);
  Matrix a(static_cast<std::size_t>(n), std::vector<double>(static_cast<std::size_t>(k)));
  Matrix b = a;
  for (int j = 0; j < n; ++j) {
    core::Rng rng = streams.rng(kSaltelli, static_cast<std::uint64_t>(j), 0);
    for (int i = 0; i < k; ++i) a[static_cast<std::size_t>(j)][static_cast<std::size_t>(i)] = uniform(rng);
    for (int i = 0; i < k; ++i) b[static_cast<std::size_t>(j)][static_cast<std::size_t>(i)] = uniform(rng);
  }
  Matrix out = a;
  out.insert(out.end(), b.begin(), b.end());
  for (int i = 0; i < k; ++i) {
    for (int j = 0; j < n; ++j) {
      auto row = a[static_cast<std::size_t>(j)];
      row[static_cast<std::size_t>(i)] = b[static_cast<std::size_t>(j)][static_cast<std::size_t>(i)];
      out.push_back(row);
    }
  }
  return out;
}

}  // namespace icsim::app

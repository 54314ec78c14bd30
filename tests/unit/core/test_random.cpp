// Counter-based streams: Random123 known answers, stream addressing, golden values of every
// distribution the model draws from, and their statistical properties.
#include <gtest/gtest.h>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/geometric_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>

#include "core/categorical.hpp"
#include "core/random.hpp"

using icsim::core::Categorical;
using icsim::core::Philox;
using icsim::core::Rng;
using icsim::core::Streams;

namespace {
Philox::ctr_type ctr(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d) {
  return Philox::ctr_type{{a, b, c, d}};
}
Philox::key_type key(std::uint64_t a, std::uint64_t b) { return Philox::key_type{{a, b}}; }
}  // namespace

// Known-answer vectors from Random123's kat_vectors (philox4x64, 10 rounds).
TEST(Philox, MatchesRandom123KnownAnswers) {
  Philox p;
  auto z = p(ctr(0, 0, 0, 0), key(0, 0));
  EXPECT_EQ(z[0], 0x16554d9eca36314cULL);
  EXPECT_EQ(z[1], 0xdb20fe9d672d0fdcULL);
  EXPECT_EQ(z[2], 0xd7e772cee186176bULL);
  EXPECT_EQ(z[3], 0x7e68b68aec7ba23bULL);
  const std::uint64_t f = ~0ULL;
  auto o = p(ctr(f, f, f, f), key(f, f));
  EXPECT_EQ(o[0], 0x87b092c3013fe90bULL);
  EXPECT_EQ(o[1], 0x438c3c67be8d0224ULL);
  EXPECT_EQ(o[2], 0x9cc7d7c69cd777b6ULL);
  EXPECT_EQ(o[3], 0xa09caebf594f0ba0ULL);
  auto pi = p(ctr(0x243f6a8885a308d3ULL, 0x13198a2e03707344ULL, 0xa4093822299f31d0ULL,
                  0x082efa98ec4e6c89ULL),
              key(0x452821e638d01377ULL, 0xbe5466cf34e90c6cULL));
  EXPECT_EQ(pi[0], 0xa528f45403e61d95ULL);
  EXPECT_EQ(pi[1], 0x38c72dbd566e9788ULL);
  EXPECT_EQ(pi[2], 0xa5a1610e72fd18b5ULL);
  EXPECT_EQ(pi[3], 0x57bd43b5e52b7fe6ULL);
}

TEST(Streams, AddressMapsToDocumentedKeyAndCounter) {
  const Streams s(11, 3);
  Philox p;
  const auto expect = p(ctr(123, 45, 6, 0), key(11, (3ULL << 16) | 7));
  const auto got = s.block(7, 123, 45, 6);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(got[i], expect[i]);
}

TEST(Streams, GeneratorServesTheBlockThenTheNext) {
  const Streams s(5, 0);
  Rng rng = s.rng(2, 99, 10, 4);
  const auto b = s.block(2, 99, 10, 4);
  EXPECT_EQ(rng(), b[3]);
  EXPECT_EQ(rng(), b[2]);
  EXPECT_EQ(rng(), b[1]);
  EXPECT_EQ(rng(), b[0]);
  // The fifth value comes from the counter with MicroURNG's internal count 1 in the high bits.
  Philox p;
  const auto next = p(ctr(99, 10, 4, 1ULL << 32), key(5, 2));
  EXPECT_EQ(rng(), next[3]);
}

TEST(Streams, EveryAddressComponentChangesTheNumbers) {
  const auto base = Streams(1, 0).block(1, 2, 3, 4);
  EXPECT_NE(Streams(2, 0).block(1, 2, 3, 4), base);  // seed
  EXPECT_NE(Streams(1, 1).block(1, 2, 3, 4), base);  // replication
  EXPECT_NE(Streams(1, 0).block(9, 2, 3, 4), base);  // purpose
  EXPECT_NE(Streams(1, 0).block(1, 9, 3, 4), base);  // entity
  EXPECT_NE(Streams(1, 0).block(1, 2, 9, 4), base);  // step
  EXPECT_NE(Streams(1, 0).block(1, 2, 3, 9), base);  // sub
  EXPECT_EQ(Streams(1, 0).block(1, 2, 3, 4), base);  // and the same address repeats
}

TEST(Streams, RejectsReplicationsBeyondTheKeySpace) {
  EXPECT_THROW(Streams(1, Streams::kMaxReplication + 1), std::out_of_range);
  EXPECT_NO_THROW(Streams(1, Streams::kMaxReplication));
}

// --- golden values -------------------------------------------------------------------------
// tests/unit/golden/distributions.txt holds the first values of each distribution at fixed
// addresses, as hexadecimal floats. It changes only deliberately: regenerate with
//   ICSIM_REGENERATE_GOLDEN=1 build/ci/tests/icsim_unit_tests --gtest_filter='Distributions.*Golden*'
// and review the diff (a change means every scenario's results change).
namespace {
std::map<std::string, std::function<double(Rng&)>> golden_draws() {
  return {
      {"uniform_01", [](Rng& r) { return boost::random::uniform_01<double>()(r); }},
      {"poisson_3.5",
       [](Rng& r) { return double(boost::random::poisson_distribution<std::int64_t, double>(3.5)(r)); }},
      {"poisson_40",
       [](Rng& r) { return double(boost::random::poisson_distribution<std::int64_t, double>(40.0)(r)); }},
      {"geometric_0.002",
       [](Rng& r) { return double(boost::random::geometric_distribution<std::int64_t, double>(0.002)(r)); }},
      {"exponential_1/140",
       [](Rng& r) { return boost::random::exponential_distribution<double>(1.0 / 140.0)(r); }},
      {"categorical_0.1_0.3_0.6",
       [](Rng& r) {
         const double w[] = {0.1, 0.3, 0.6};
         return double(Categorical(w)(r));
       }},
  };
}
std::string hex(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%a", x);
  return buf;
}
}  // namespace

TEST(Distributions, MatchGoldenValues) {
  const std::string path = std::string(ICSIM_GOLDEN_DIR) + "/distributions.txt";
  const Streams streams(20240401, 0);
  std::map<std::string, std::vector<std::string>> now;
  for (auto& [name, draw] : golden_draws()) {
    for (std::uint64_t k = 0; k < 8; ++k) {
      Rng rng = streams.rng(1, 0xabcdef, 100, k);
      now[name].push_back(hex(draw(rng)));
    }
  }
  if (std::getenv("ICSIM_REGENERATE_GOLDEN")) {
    std::ofstream out(path);
    out << "# Golden values: Streams(seed=20240401, replication=0).rng(purpose=1, entity=0xabcdef,\n"
        << "# step=100, sub=k) for k = 0..7, one draw each. Written by test_random.cpp with\n"
        << "# ICSIM_REGENERATE_GOLDEN=1; review any change: every result depends on these.\n";
    for (auto& [name, values] : now) {
      out << name;
      for (auto& v : values) out << " " << v;
      out << "\n";
    }
  }
  std::ifstream in(path);
  ASSERT_TRUE(in) << "missing " << path;
  std::map<std::string, std::vector<std::string>> golden;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream is(line);
    std::string name, v;
    is >> name;
    while (is >> v) golden[name].push_back(v);
  }
  ASSERT_EQ(golden.size(), now.size());
  for (auto& [name, values] : now) EXPECT_EQ(golden[name], values) << name;
}

// --- statistical properties -----------------------------------------------------------------
// Tolerances are 4 standard errors of the sample mean (a false failure about 1 in 16,000).

TEST(Distributions, PoissonMeanMatchesWithinStandardError) {
  const Streams s(3, 0);
  for (double mean : {0.7, 3.5, 12.0, 40.0}) {
    const int n = 20000;
    double sum = 0.0;
    for (int k = 0; k < n; ++k) {
      Rng r = s.rng(1, 1, k);
      sum += double(boost::random::poisson_distribution<std::int64_t, double>(mean)(r));
    }
    const double se = std::sqrt(mean / n);
    EXPECT_NEAR(sum / n, mean, 4 * se) << "mean " << mean;
  }
}

TEST(Distributions, GeometricMeanMatchesWithinStandardError) {
  const Streams s(4, 0);
  const double p = 0.01;
  const int n = 20000;
  double sum = 0.0;
  for (int k = 0; k < n; ++k) {
    Rng r = s.rng(1, 2, k);
    sum += double(boost::random::geometric_distribution<std::int64_t, double>(p)(r));
  }
  const double mean = (1 - p) / p, sd = std::sqrt(1 - p) / p;
  EXPECT_NEAR(sum / n, mean, 4 * sd / std::sqrt(n));
}

TEST(Categorical, FrequenciesMatchWeightsAndZeroWeightsNeverOccur) {
  const double w[] = {0.2, 0.0, 0.5, 0.3};
  const Categorical c(w);
  const Streams s(5, 0);
  const int n = 40000;
  std::array<int, 4> counts{};
  for (int k = 0; k < n; ++k) {
    Rng r = s.rng(1, 3, k);
    ++counts[c(r)];
  }
  EXPECT_EQ(counts[1], 0);
  for (int i : {0, 2, 3}) {
    const double se = std::sqrt(w[i] * (1 - w[i]) / n);
    EXPECT_NEAR(double(counts[i]) / n, w[i], 4 * se) << i;
  }
}

TEST(Categorical, RejectsNegativeOrAllZeroWeights) {
  const double neg[] = {0.5, -0.1};
  const double zero[] = {0.0, 0.0};
  EXPECT_THROW(Categorical{neg}, std::invalid_argument);
  EXPECT_THROW(Categorical{zero}, std::invalid_argument);
}

// Validity measured against queueing theory, the NHSRwaitinglist relations and England's
// published RTT figures. Tolerances come from the standard error across replications.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "common/configs.hpp"
#include "core/parallel.hpp"
#include "core/stats.hpp"
#include "model/model.hpp"
#include "scenario/scenario.hpp"

using namespace icsim;

namespace {
std::int64_t count(const model::Model& m, std::string_view o, std::size_t i = 0) {
  return m.sample().ints(o)[i];
}
double value(const model::Model& m, std::string_view o, std::size_t i = 0) {
  return m.sample().reals(o)[i];
}
/// |mean| <= k * standard error, reported with the numbers.
::testing::AssertionResult within_se(const std::vector<double>& x, double target, double k = 4.0) {
  const auto s = core::summarise(x);
  if (std::abs(s.mean - target) <= k * s.se) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "mean " << s.mean << " vs " << target << ", se " << s.se
                                       << " (" << x.size() << " replications)";
}
}  // namespace

// Little's law L = lambda * W for one list with Poisson arrivals, fixed daily capacity and no
// removals. L: mean of end-of-day list sizes; W: mean wait (days) of the patients treated;
// lambda: referrals per day. Measured after a burn-in, per replication; the mean over 24
// replications of L - lambda W is zero within its standard error.
TEST(QueueingTheory, LittlesLawHoldsForOneList) {
  const double lambda = 20.0, mu = 21.0;
  const int burn_in = 300, measure = 1500;
  const int reps = 24;
  std::vector<double> gap(reps), L(reps);
  core::for_each_index(reps, [&](std::size_t r) {
    auto c = test::single_list(lambda, mu, burn_in + measure);
    model::Model m(c, r);
    double sum_list = 0, treated = 0, wait_days = 0, referred = 0;
    while (!m.finished()) {
      m.step();
      if (m.days_done() <= burn_in) continue;
      sum_list += static_cast<double>(count(m, "waiting_list"));
      referred += static_cast<double>(count(m, "referrals"));
      const auto n = static_cast<double>(count(m, "treated"));
      if (n > 0) {
        treated += n;
        wait_days += n * value(m, "treated_mean_wait_weeks") * 7.0;
      }
    }
    L[r] = sum_list / measure;
    gap[r] = L[r] - (referred / measure) * (wait_days / treated);
  }, 1);
  EXPECT_TRUE(within_se(gap, 0.0));
  // And the queue is non-trivial (rho = 20/21): a mean list of many patients.
  EXPECT_GT(core::summarise(L).mean, 5.0);
}

// NHSRwaitinglist relief capacity: relief_capacity(demand, queue_size, target, weeks) =
// demand + (queue_size - target) / weeks. With demand 30/week, a list of 1200 and capacity
// relief_capacity(30, 1200, 390, 26) = 61.15/week, the list falls to 390 after 26 weeks.
TEST(NhsrWaitingList, ReliefCapacityClearsTheBacklogOnSchedule) {
  const double demand = 30.0, start = 1200.0, target = 390.0, weeks = 26.0;
  const double capacity = demand + (start - target) / weeks;  // 61.15 per week
  const int reps = 30;
  std::vector<double> end(reps);
  core::for_each_index(reps, [&](std::size_t r) {
    auto c = test::single_list(demand / 7.0, capacity / 7.0, static_cast<int>(weeks * 7));
    c.trusts[0].initial[0] = {static_cast<std::int64_t>(start), 20.0};
    model::Model m(c, r);
    while (!m.finished()) m.step();
    end[r] = static_cast<double>(count(m, "waiting_list"));
  }, 1);
  // The fluid expectation: start + weeks * (demand - capacity) = target (the list never empties).
  EXPECT_TRUE(within_se(end, start + weeks * (demand - capacity)));
  EXPECT_NEAR(core::summarise(end).mean, target, 15.0) << "about 390 after 26 weeks";
}

namespace {
/// One row of data/england_rtt_headlines.csv as column -> text.
std::map<std::string, std::string> england(const std::string& period) {
  std::ifstream in(std::string(ICSIM_SOURCE_DIR) + "/data/england_rtt_headlines.csv");
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  for (std::stringstream h(line); std::getline(h, line, ',');) header.push_back(line);
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    for (std::stringstream c(line); std::getline(c, line, ',');) cells.push_back(line);
    if (!cells.empty() && cells[0] == period) {
      std::map<std::string, std::string> row;
      for (std::size_t i = 0; i < cells.size() && i < header.size(); ++i) row[header[i]] = cells[i];
      return row;
    }
  }
  ADD_FAILURE() << "no row " << period << " in data/england_rtt_headlines.csv";
  return {};
}
}  // namespace

// England's RTT statistics, August 2023 (data/england_rtt_headlines.csv): 58.0% within 18
// weeks and a median of 14.5 weeks. The default scenario is calibrated to these; from week 26 to
// the end of the year its system-wide 18-week share and median must stay within bands of
// +-6 points and +-3 weeks of England's (the calibration tolerance stated in
// scenarios/default.toml).
TEST(PublishedData, DefaultScenarioEvolvesLikeEngland2023) {
  const auto ref = england("2023-08");
  const double within_ref = std::stod(ref.at("within_18_weeks"));
  const double median_ref = std::stod(ref.at("median_wait_weeks"));
  const auto sc = scenario::load_default();
  const int reps = sc.config.run.replications;
  std::vector<double> within(reps), median(reps);
  core::for_each_index(reps, [&](std::size_t r) {
    model::Model m(sc.config, r);
    double w = 0, md = 0;
    int n = 0;
    while (!m.finished()) {
      m.step();
      if (m.has_new_sample() && m.days_done() >= 26 * 7) {
        w += value(m, "system_within_18_weeks");
        md += value(m, "system_wait_median_weeks");
        ++n;
      }
    }
    within[r] = w / n;
    median[r] = md / n;
  }, 1);
  const auto w = core::summarise(within), md = core::summarise(median);
  EXPECT_NEAR(w.mean, within_ref, 0.06);
  EXPECT_NEAR(md.mean, median_ref, 3.0);
}

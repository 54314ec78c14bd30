// Parameter recovery: RTT-format extracts written from an icsim run with known parameters,
// read back through the extract reader and calibrated, give back the capacity and the removal
// hazard within 5% (issue 15 acceptance).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>

#include "calibration/fit.hpp"
#include "calibration/stock_flow.hpp"
#include "common/rtt.hpp"
#include "model/model.hpp"

namespace fs = std::filesystem;
using namespace icsim;
using io::rtt::Month;

namespace {

struct Truth {
  double referrals_per_working_day, capacity, hazard;
  std::int64_t initial;
};
const std::vector<Truth> kTruth = {{400.0, 500.0, 0.02, 30000}, {200.0, 240.0, 0.01, 20000}, {150.0, 200.0, 0.03, 12000}};
const std::vector<Month> kMonths = {{2023, 6}, {2023, 7}, {2023, 8}, {2023, 9}};

model::Config generator() {
  model::Config c;
  c.run.name = "recovery";
  c.run.start_date = {2023, 6, 1};
  c.run.days = 30 + 31 + 31 + 30 + 1;  // one day more: the run's last sample takes the flows
  c.run.replications = 1;
  for (const auto& [m, d] : calibration::england_bank_holidays(2023)) c.run.non_working_dates.push_back({2023, static_cast<unsigned>(m), static_cast<unsigned>(d)});
  c.output.interval_days = 3650;
  model::PlaceConfig p;
  p.id = "population";
  p.population = 1000;
  c.places = {p};
  model::TrustConfig t;
  t.id = "lists";
  t.place = 0;
  for (std::size_t s = 0; s < kTruth.size(); ++s) {
    model::SpecialtyConfig sp;
    sp.id = "L" + std::to_string(s);
    sp.referral_rate = kTruth[s].referrals_per_working_day * 365.25 * 5.0 / 7.0;  // per working day
    sp.referrals_on_working_days = true;
    sp.removal_hazard_per_week = kTruth[s].hazard;
    c.specialties.push_back(sp);
    t.capacity.push_back(kTruth[s].capacity);
    t.initial.emplace_back(kTruth[s].initial, 12.0);
  }
  c.trusts = {t};
  return c;
}

/// Runs the generator and writes one extract a month: Part_2 by weeks waited, Part_1A (the
/// month's completions, all in the band of their mean wait: icsim keeps no finer record) and
/// Part_3 (the month's referrals).
std::vector<fs::path> write_extracts(const fs::path& dir) {
  model::Model m(generator(), 0);
  std::vector<fs::path> files;
  std::vector<std::int64_t> treated0(kTruth.size(), 0), waits0(kTruth.size(), 0), refs0(kTruth.size(), 0);
  int end = 0;
  for (const Month& month : kMonths) {
    end += month.days();
    while (m.days_done() < end) m.step();
    std::vector<test::RttRow> rows;
    for (std::size_t s = 0; s < kTruth.size(); ++s) {
      const auto& wl = m.list(0, s);
      test::RttRow w;
      w.provider = w.commissioner = "00X";
      w.function = "L" + std::to_string(s);
      wl.cohort.for_each([&](std::int32_t rday, std::uint32_t n) {
        w.bands[static_cast<std::size_t>(std::min((end - rday) / 7, io::rtt::kBands - 1))] += n;
      });
      test::RttRow done = w, starts = w;
      done.part = "Part_1A";
      done.bands = {};
      const std::int64_t treated = wl.flows.treated - treated0[s], waits = wl.flows.treated_wait_days - waits0[s];
      if (treated > 0) done.bands[static_cast<std::size_t>(waits / treated / 7)] = treated;
      starts.part = "Part_3";
      starts.unknown = wl.flows.referrals - refs0[s];
      treated0[s] = wl.flows.treated;
      waits0[s] = wl.flows.treated_wait_days;
      refs0[s] = wl.flows.referrals;
      rows.insert(rows.end(), {w, done, starts});
    }
    files.push_back(dir / (month.text() + ".csv"));
    test::write_rtt(files.back(), test::rtt_period(month), rows);
  }
  return files;
}

}  // namespace

TEST(Calibration, RecoversCapacityAndRemovalHazardFromIcsimGeneratedExtracts) {
  const fs::path dir = fs::temp_directory_path() / ("icsim_recovery_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::vector<io::rtt::Extract> ex;
  for (const auto& f : write_extracts(dir)) ex.push_back(io::rtt::read_extract(f));
  const auto series = io::rtt::aggregate(ex, io::rtt::By::provider, kMonths.front(), kMonths.back());
  const auto days = calibration::month_days(series.months);
  EXPECT_EQ(days[2].working, 22);  // August 2023: 23 weekdays less the summer bank holiday
  ASSERT_EQ(series.lists.size(), kTruth.size());
  for (std::size_t s = 0; s < kTruth.size(); ++s) {
    const auto f = calibration::fit_list(series.data[s], days);
    EXPECT_TRUE(f.starts_published);
    const double cap_err = f.capacity_per_working_day.value / kTruth[s].capacity - 1.0;
    const double h_err = f.removal_hazard_per_week.value / kTruth[s].hazard - 1.0;
    const double ref_err = f.referrals_per_day.value / kTruth[s].referrals_per_working_day - 1.0;
    EXPECT_LT(std::abs(cap_err), 0.05) << "list " << s << ": capacity " << f.capacity_per_working_day.value;
    EXPECT_LT(std::abs(h_err), 0.05) << "list " << s << ": hazard " << f.removal_hazard_per_week.value << " se "
                                     << f.removal_hazard_per_week.se;
    EXPECT_LT(std::abs(ref_err), 0.05) << "list " << s << ": referrals " << f.referrals_per_day.value;
    std::cout << "list " << s << ": capacity " << f.capacity_per_working_day.value << " (" << kTruth[s].capacity
              << "), hazard " << f.removal_hazard_per_week.value << " se " << f.removal_hazard_per_week.se << " ("
              << kTruth[s].hazard << "), referrals " << f.referrals_per_day.value << " (" << kTruth[s].referrals_per_working_day
              << ")\n";
  }
  fs::remove_all(dir);
}

// Urgent demand and beds: conservation, an incident, thread-count identity, checkpoints.
#include <gtest/gtest.h>

#include <cmath>
#include <string_view>
#include <utility>
#include <vector>

#include "common/run.hpp"
#include "common/systems.hpp"
#include "core/parallel.hpp"
#include "model/model.hpp"
#include <numeric>

using namespace icsim;

namespace {
[[maybe_unused]] std::vector<model::Sample> run(const model::Config& c, std::uint64_t rep = 0) {
  return test::run_model(c, rep);
}
[[maybe_unused]] double value(const model::Sample& s, std::string_view o, std::size_t i = 0) { return s.reals(o)[i]; }
[[maybe_unused]] std::int64_t count(const model::Sample& s, std::string_view o, std::size_t i = 0) {
  return s.ints(o)[i];
}
}  // namespace

TEST(Urgent, PatientsAndBedsAreConservedAndAidGivenEqualsAidReceived) {
  auto pandemic = test::urgent_system(200, true);
  test::add_pandemic(pandemic);
  test::acute_history(pandemic, 1.0, 6.0);
  auto delays = test::urgent_system(200, true);  // delayed patients stay in their beds (§28)
  delays.discharge.delayed_share = 0.25;
  const std::pair<const char*, model::Config> systems[] = {
      {"winter with a pact", test::urgent_system(200, true)},
      {"mental health collaborative", test::mental_health_system(200, true)},
      {"pandemic, low trust", pandemic},
      {"winter, delayed discharges", delays}};
  for (const auto& [file, config] : systems) {
    const auto r = test::run_to_end(config, 1);
    const auto& samples = r.samples;
    const std::size_t T = config.trusts.size();
    double granted_beds = 0.0, granted_staff = 0.0, given_beds = 0.0, given_staff = 0.0, received_beds = 0.0,
           received_staff = 0.0;
    std::int64_t placed = 0, hosted = 0, requests = 0;
    for (std::size_t k = 1; k < samples.size(); ++k) {
      const auto& a = samples[k - 1];
      const auto& b = samples[k];
      for (std::size_t t = 0; t < T; ++t) {
        EXPECT_EQ(count(b, "beds_occupied", t),
                  count(a, "beds_occupied", t) + count(b, "bed_admissions", t) - count(b, "discharges", t))
            << file << " trust " << t << " interval " << k;
        EXPECT_EQ(count(b, "urgent_arrivals", t), count(b, "bed_admissions", t) - count(b, "hosted_patients", t) +
                                                         count(b, "placed_at_partners", t) +
                                                         count(b, "out_of_area_placements", t))
            << file << " trust " << t << " interval " << k;
        placed += count(b, "placed_at_partners", t);
        hosted += count(b, "hosted_patients", t);
        requests += count(b, "aid_requests", t);
        given_beds += value(b, "aid_given_beds", t);
        given_staff += value(b, "aid_given_staff", t);
        received_beds += value(b, "aid_received_beds", t);
        received_staff += value(b, "aid_received_staff", t);
      }
    }
    for (const auto& e : r.model->events<model::AidEvent>()) (e.kind == 1 ? granted_staff : granted_beds) += e.granted;
    EXPECT_EQ(placed, hosted) << file;
    EXPECT_EQ(given_beds, received_beds) << file;
    EXPECT_EQ(given_staff, received_staff) << file;
    EXPECT_EQ(given_beds, granted_beds) << file << ": the aid events account for every bed lent";
    EXPECT_EQ(given_staff, granted_staff) << file;
    EXPECT_LE(static_cast<double>(placed), given_beds) << file << ": a lent bed takes at most one patient a day";
    EXPECT_GT(requests, 0) << file << " should put some trust under pressure";
    EXPECT_GT(given_beds + given_staff, 0.0) << file << " should see some aid";
  }
}

TEST(Urgent, ResultsDoNotDependOnTheThreadCount) {
  auto c = test::urgent_system(150, true);
  test::add_pandemic(c);
  test::acute_history(c, 1.0, 6.0);
  std::vector<model::Sample> one, two;
  {
    core::ThreadLimit limit(1);
    one = run(c, 3);
  }
  {
    core::ThreadLimit limit(2);
    two = run(c, 3);
  }
  ASSERT_EQ(one.size(), two.size());
  for (std::size_t k = 0; k < one.size(); ++k) {
    EXPECT_EQ(one[k].counts, two[k].counts);
    for (std::size_t o = 0; o < one[k].values.size(); ++o) {
      for (std::size_t i = 0; i < one[k].values[o].size(); ++i) {
        const double x = one[k].values[o][i], y = two[k].values[o][i];
        EXPECT_TRUE((std::isnan(x) && std::isnan(y)) || x == y) << "observable " << o << " sample " << k;
      }
    }
  }
}

TEST(Urgent, AnIncidentHalvesOneTrustsBedsAndCancelsItsElectives) {
  const auto base = test::urgent_system(120, true);
  auto incident = base;
  test::add_incident(incident);
  const auto s = run(incident, 2), b = run(base, 2);
  const std::size_t tc = 2, S = incident.specialties.size();
  ASSERT_EQ(incident.trusts[tc].id, "TC");
  bool seen = false;
  for (std::size_t k = 0; k < s.size(); ++k) {
    const auto day = s[k].step - 1;  // the sample is taken at the end of this day
    const bool during = day >= 30 && day <= 71;
    if (!during) continue;
    seen = true;
    EXPECT_DOUBLE_EQ(value(s[k], "staffed_beds", tc), incident.trusts[tc].beds * 0.5);
    std::int64_t cancelled = 0, base_cancelled = 0;
    for (std::size_t sp = 0; sp < S; ++sp) {
      cancelled += count(s[k], "cancelled_electives", tc * S + sp);
      base_cancelled += count(b[k], "cancelled_electives", tc * S + sp);
    }
    EXPECT_GT(cancelled, base_cancelled + 50) << "interval ending day " << day;
  }
  EXPECT_TRUE(seen);
  // The same emergency patients arrive at every trust with and without the incident.
  for (std::size_t k = 1; k < s.size(); ++k) {
    for (std::size_t t = 0; t < incident.trusts.size(); ++t) {
      EXPECT_EQ(count(s[k], "urgent_arrivals", t), count(b[k], "urgent_arrivals", t));
    }
  }
}

TEST(Checkpoint, AModelRestoredFromItsStateContinuesIdentically) {
  auto pandemic = test::urgent_system(160, true);
  test::add_pandemic(pandemic);
  test::acute_history(pandemic, 1.0, 6.0);
  const std::pair<const char*, model::Config> systems[] = {{"pandemic, low trust", pandemic},
                                                           {"mental health collaborative", test::mental_health_system(160, true)}};
  for (const auto& [file, config] : systems) {
    model::Model a(config, 4);
    while (a.days_done() < 75) a.step();
    const auto bytes = a.save_state();
    model::Model b(config, 4);  // a fresh model at day 0, then the saved state
    b.load_state(bytes);
    ASSERT_EQ(b.days_done(), 75);
    EXPECT_EQ(b.save_state(), bytes) << "the state round-trips exactly";
    while (!a.finished()) {
      a.step();
      b.step();
      ASSERT_EQ(a.has_new_sample(), b.has_new_sample());
      EXPECT_EQ(a.sample().counts, b.sample().counts) << file << " day " << a.days_done();
      for (std::size_t o = 0; o < a.sample().values.size(); ++o) {
        for (std::size_t i = 0; i < a.sample().values[o].size(); ++i) {
          const double x = a.sample().values[o][i], y = b.sample().values[o][i];
          ASSERT_TRUE((std::isnan(x) && std::isnan(y)) || x == y)
              << file << " day " << a.days_done() << " observable " << model::observables()[o].name << "[" << i << "]";
        }
      }
      EXPECT_EQ(a.events<model::AidEvent>().size(), b.events<model::AidEvent>().size());
    }
    {
      const auto& ma = a.events<model::MeetingEvent>();
      const auto& mb = b.events<model::MeetingEvent>();
      const auto& pa = a.events<model::ProgrammeEvent>();
      const auto& pb = b.events<model::ProgrammeEvent>();
      EXPECT_EQ(pa.size(), pb.size());
      EXPECT_EQ(ma.size(), mb.size());
      for (std::size_t i = 0; i < std::min(ma.size(), mb.size()); ++i) {
        EXPECT_EQ(ma[i].day, mb[i].day) << i;
        EXPECT_EQ(ma[i].cohesion, mb[i].cohesion) << i;
      }
      for (std::size_t i = 0; i < std::min(pa.size(), pb.size()); ++i) {
        EXPECT_EQ(pa[i].day, pb[i].day) << i;
        EXPECT_EQ(pa[i].scale, pb[i].scale) << i;
      }
    }
    const auto sa = a.save_state(), sb = b.save_state();
    ASSERT_EQ(sa.size(), sb.size());
    std::size_t first = 0;
    while (first < sa.size() && sa[first] == sb[first]) ++first;
    EXPECT_EQ(first, sa.size()) << file << ": states differ from byte " << first << " of " << sa.size();
    EXPECT_THROW(b.load_state(std::vector<std::uint8_t>(bytes.begin(), bytes.end() - 3)), std::runtime_error);
  }
}

#include <gtest/gtest.h>

#include <vector>

#include "model/lists/cohort.hpp"
#include "model/lists/patient_queue.hpp"

using namespace icsim::model;

namespace {
Patient at(int day, int removal = Patient::kNever) {
  return Patient::make(day, removal == Patient::kNever ? Patient::kNever : removal, 0, 0, 2, 0);
}
std::vector<int> days(const PatientQueue& q) {
  std::vector<int> d;
  for (std::size_t i = 0; i < q.size(); ++i) d.push_back(q[i].referral_day());
  return d;
}
}  // namespace

TEST(Patient, PacksFieldsAndEncodesDays) {
  Patient p = Patient::make(-300, 1000, 7, 65535, 2, 4);
  EXPECT_EQ(sizeof(Patient), 10u);
  EXPECT_EQ(p.referral_day(), -300);
  EXPECT_EQ(p.removal_day(), 1000);
  EXPECT_EQ(p.home_place, 7);
  EXPECT_EQ(p.priority(), 2);
  EXPECT_EQ(p.quintile(), 4);
  EXPECT_EQ(p.transfers(), 0);
  for (int i = 0; i < 9; ++i) p.add_transfer();
  EXPECT_EQ(p.transfers(), 7);  // saturates
  EXPECT_EQ(p.priority(), 2);
  EXPECT_EQ(p.quintile(), 4);
  EXPECT_EQ(Patient::make(0, Patient::kNever, 0, 0, 0, 0).removal_day(), Patient::kNever);
  EXPECT_EQ(Patient::make(kMinDay, kMaxDay, 0, 0, 0, 0).removal_day(), Patient::kNever);  // >65534
}

TEST(PatientQueue, IsFifoAcrossWrapAndGrowth) {
  PatientQueue q;
  int next_in = 0, next_out = 0;
  for (int round = 0; round < 50; ++round) {
    for (int i = 0; i < 37; ++i) q.push_back(at(next_in++));
    for (int i = 0; i < 29; ++i) {
      ASSERT_EQ(q.front().referral_day(), next_out++);
      q.pop_front();
    }
  }
  EXPECT_EQ(q.size(), static_cast<std::size_t>(next_in - next_out));
  std::size_t n = 0;
  for (auto seg : q.segments()) {
    for (const auto& p : seg) EXPECT_EQ(p.referral_day(), next_out + static_cast<int>(n++));
  }
  EXPECT_EQ(n, q.size());
}

TEST(PatientQueue, CompactKeepsOrderAndDropsRejected) {
  PatientQueue q;
  for (int i = 0; i < 10; ++i) q.push_back(at(i));
  for (int i = 0; i < 4; ++i) q.pop_front();
  for (int i = 10; i < 20; ++i) q.push_back(at(i));  // wraps
  q.compact([](const Patient& p) { return p.referral_day() % 3 != 0; });
  EXPECT_EQ(days(q), (std::vector<int>{4, 5, 7, 8, 10, 11, 13, 14, 16, 17, 19}));
}

TEST(PatientQueue, InsertSortedPlacesAfterEqualDays) {
  PatientQueue q;
  for (int d : {1, 3, 3, 7}) q.push_back(at(d));
  q.pop_front();
  Patient p = at(3);
  p.home_place = 99;
  q.insert_sorted(p);
  q.insert_sorted(at(0));
  q.insert_sorted(at(9));
  EXPECT_EQ(days(q), (std::vector<int>{0, 3, 3, 3, 7, 9}));
  EXPECT_EQ(q[3].home_place, 99);
}

TEST(Cohort, CountsByReferralDay) {
  Cohort c;
  c.add(10, 3);
  c.add(5);
  c.add(12, 2);
  EXPECT_EQ(c.total(), 6);
  c.remove(10);
  c.remove(5);
  c.trim();
  std::vector<std::pair<int, unsigned>> seen;
  c.for_each([&](std::int32_t d, std::uint32_t n) { seen.emplace_back(d, n); });
  EXPECT_EQ(seen, (std::vector<std::pair<int, unsigned>>{{10, 2}, {12, 2}}));
  EXPECT_THROW(c.remove(11), std::logic_error);
  EXPECT_THROW(c.remove(4), std::logic_error);
}

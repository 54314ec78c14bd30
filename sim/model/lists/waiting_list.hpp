#pragma once
// One waiting list: a trust x specialty, queued by clinical priority, with exact counts by
// referral day and the flows since the last sample.
#include <array>
#include <cstdint>
#include <vector>

#include "model/entities.hpp"
#include "model/lists/cohort.hpp"
#include "model/lists/patient_queue.hpp"

namespace icsim::model {

/// Days between compactions of the queues; also the length of the removal due window.
inline constexpr int kMaintenanceDays = 28;
inline constexpr std::size_t kWindow = kMaintenanceDays;

/// Bins of the wait histogram: weeks 0..kWaitWeeks-1 plus one overflow bin.
inline constexpr std::size_t kWaitWeeks = 520;
inline constexpr std::size_t kWaitBins = kWaitWeeks + 1;

/// A list's flows since the last sample; take() returns them and starts anew.
struct ListFlows {
  std::int64_t referrals = 0, treated = 0, removed = 0, capacity_slots = 0, treated_wait_days = 0;
  std::int64_t transfers_in = 0, transfers_out = 0, offers = 0, declined = 0, withheld = 0;
  double transfer_km = 0.0, income = 0.0, admin_cost = 0.0;
  std::int64_t delegated_slots = 0;  ///< slots bought with delegated budgets (part of capacity_slots)
  std::int64_t cancelled = 0;        ///< slots lost to urgent pressure, shocks and aid given

  ListFlows take() {
    ListFlows f = *this;
    *this = ListFlows{};
    return f;
  }
  template <class Ar>
  void serialize(Ar& ar) {
    ar(referrals, treated, removed, capacity_slots, treated_wait_days, transfers_in, transfers_out, offers);
    ar(declined, withheld, transfer_km, income, admin_cost, delegated_slots, cancelled);
  }
};

/// Removal is lazy: a patient's removal day is drawn when they join, and the record stays in its
/// queue (skipped by treatment) until the next maintenance compacts the queue. `due` holds, for
/// each day of the current window, the referral days of the waiting patients due to leave that
/// day, so that `live` and `cohort` are exact every day.
struct WaitingList {
  std::array<PatientQueue, kPriorities> queue;
  Cohort cohort;                 ///< live patients by referral day
  std::array<std::vector<std::int32_t>, kWindow> due;  ///< referral days by removal day
  std::int64_t live = 0;         ///< patients waiting now
  double capacity_carry = 0.0;   ///< fractional treatment slots carried to the next working day
  double lost_carry = 0.0;       ///< fractional lost slots carried to the next working day
  double delegated_carry = 0.0;  ///< fractional delegated slots carried to the next working day
  std::int64_t month_slots = 0;  ///< treatment slots this calendar month (for exchange burden)
  ListFlows flows;

  template <class Ar>
  void serialize(Ar& ar) {
    ar(queue, cohort, due, live, capacity_carry, lost_carry, delegated_carry, month_slots, flows);
  }
};

}  // namespace icsim::model

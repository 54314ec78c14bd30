#pragma once
// The simulation of one replication of one scenario. A day is a fixed sequence of named phases
// (see step()); each phase computes in parallel over entities that own their state and applies
// shared effects in a fixed order, so results are identical at any thread count.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/calendar.hpp"
#include "core/categorical.hpp"
#include "core/phase_timer.hpp"
#include "core/random.hpp"
#include "model/config.hpp"
#include "model/cohort.hpp"
#include "model/observables.hpp"
#include "model/patient_queue.hpp"

namespace icsim::model {

/// Stream purposes. Fixed values: never renumber; a new draw site takes a new value.
enum class Draw : core::Purpose {
  referral_count = 1,    ///< Poisson count per (place, specialty, day)
  referral_patient = 2,  ///< attributes of the k-th referral of (place, specialty, day)
  initial_patient = 3,   ///< attributes of the k-th initial waiter of (trust, specialty)
};

/// Named phases of a day, in order (timed separately). "lists" is each list's day: arrivals,
/// treatment, removals.
enum class Phase : std::size_t { referrals, lists, maintenance, sampling, count_ };
inline constexpr std::array<const char*, 4> kPhaseNames = {"referrals", "lists", "maintenance",
                                                           "sampling"};

/// Days between compactions of the queues; also the length of the removal due window.
inline constexpr int kMaintenanceDays = 28;
inline constexpr std::size_t kWindow = kMaintenanceDays;

/// Bins of the wait histogram: weeks 0..kWaitWeeks-1 plus one overflow bin.
inline constexpr std::size_t kWaitWeeks = 520;
inline constexpr std::size_t kWaitBins = kWaitWeeks + 1;

/// One waiting list: a trust x specialty, queued by clinical priority.
///
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
  // flows since the last sample
  std::int64_t referrals = 0, treated = 0, removed = 0, capacity_slots = 0;
  std::int64_t treated_wait_days = 0;
};

class Model {
 public:
  /// Builds the initial state (initial waiting lists) and the initial sample (step 0).
  /// `config` must outlive the model. Throws std::invalid_argument if the config is invalid.
  Model(const Config& config, std::uint64_t replication);

  /// Advances one day: referrals are drawn; each list admits them, treats on working days and
  /// removes the patients due; then maintenance and sampling when due.
  void step();

  [[nodiscard]] core::Step days_done() const noexcept { return day_; }
  [[nodiscard]] bool finished() const noexcept { return day_ >= config_.days; }
  /// True if the last step() (or the constructor) produced a new sample.
  [[nodiscard]] bool has_new_sample() const noexcept { return new_sample_; }
  [[nodiscard]] const Sample& sample() const noexcept { return sample_; }

  [[nodiscard]] const Config& config() const noexcept { return config_; }
  [[nodiscard]] const core::Calendar& calendar() const noexcept { return calendar_; }
  [[nodiscard]] std::size_t trusts() const noexcept { return config_.trusts.size(); }
  [[nodiscard]] std::size_t specialties() const noexcept { return config_.specialties.size(); }
  [[nodiscard]] const WaitingList& list(std::size_t trust, std::size_t specialty) const {
    return lists_[trust * specialties() + specialty];
  }

  // diagnostics (never written to outputs that must be reproducible)
  [[nodiscard]] std::int64_t patient_events() const noexcept { return events_; }
  [[nodiscard]] std::int64_t waiting() const noexcept;
  [[nodiscard]] std::size_t patient_bytes() const noexcept;  ///< bytes held by patient queues
  [[nodiscard]] const core::PhaseTimer<static_cast<std::size_t>(Phase::count_)>& timer() const {
    return timer_;
  }
  /// Referral source (place x specialty) -> trust index, or -1 when unrouted.
  [[nodiscard]] int route(std::size_t place, std::size_t specialty) const {
    return route_[place * specialties() + specialty];
  }

 private:
  using Timer = core::PhaseTimer<static_cast<std::size_t>(Phase::count_)>;

  void build_routes();
  void build_initial_lists();
  void phase_referrals(core::Step d);  ///< draws today's referrals of every source
  void phase_lists(core::Step d);      ///< each list's day (the three below, in order)
  void admit_referrals(std::size_t list, WaitingList& wl, core::Step d) const;
  void treat(std::size_t list, WaitingList& wl, core::Step d) const;
  void remove_due(WaitingList& wl, core::Step d) const;
  void maintenance(core::Step d);
  void take_sample(core::Step d);
  void fill_aggregates(core::Step d);

  [[nodiscard]] bool is_sample_day(core::Step d) const;
  [[nodiscard]] std::int32_t removal_day(std::size_t specialty, core::Step from,
                                         core::Rng& rng) const;
  /// A patient joins / leaves (treatment, transfer) list wl: cohort, live count, due window.
  void join(WaitingList& wl, const Patient& p) const;
  void leave(WaitingList& wl, const Patient& p) const;
  /// Throws std::logic_error if a list's records do not match its live count.
  void check_count(std::size_t list, std::int64_t records) const;

  const Config& config_;
  core::Calendar calendar_;
  core::Streams streams_;

  // derived, read-only after construction
  std::vector<double> daily_hazard_;  ///< per specialty
  std::vector<core::Categorical> priority_dist_;  ///< per specialty
  std::vector<core::Categorical> quintile_dist_;  ///< per place
  std::vector<std::uint64_t> source_entity_;  ///< per (place, specialty): stream entity
  std::vector<double> source_rate_;           ///< per (place, specialty): referrals per day
  std::vector<int> route_;                    ///< per (place, specialty): trust or -1
  std::vector<std::vector<std::uint32_t>> list_sources_;  ///< per list: sources, ascending
  std::vector<std::uint64_t> list_entity_;    ///< per list: stream entity

  // state
  core::Step day_ = 0;
  std::vector<WaitingList> lists_;              ///< trust-major: trust * specialties + specialty
  std::vector<std::vector<Patient>> arrivals_;  ///< per source: today's referrals
  core::Step window_base_ = 0;     ///< first day of the due window
  core::Step window_end_ = -1;     ///< last day of the due window (= next maintenance day)
  std::int64_t events_ = 0;

  // sampling
  Sample sample_;
  bool new_sample_ = false;
  std::vector<std::uint32_t> trust_hist_;  ///< per trust: kWaitBins
  Timer timer_;
};

}  // namespace icsim::model

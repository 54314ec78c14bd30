#pragma once
// The simulation of one replication of one scenario. A day is a fixed sequence of named phases
// (see step()); each phase computes in parallel over entities that own their state and applies
// shared effects in a fixed order, so results are identical at any thread count.
#include <array>
#include <cstdint>
#include <vector>

#include "core/calendar.hpp"
#include "core/categorical.hpp"
#include "core/phase_timer.hpp"
#include "core/random.hpp"
#include "model/cohort.hpp"
#include "model/config.hpp"
#include "model/observables.hpp"
#include "model/patient_queue.hpp"

namespace icsim::model {

/// Stream purposes. Fixed values: never renumber; a new draw site takes a new value.
enum class Draw : core::Purpose {
  referral_count = 1,    ///< Poisson count per (place, specialty, day)
  referral_patient = 2,  ///< attributes of the k-th referral of (place, specialty, day)
  initial_patient = 3,   ///< attributes of the k-th initial waiter of (trust, specialty)
  pool_accept = 4,       ///< a patient accepts a move offered through a shared list
  pool_release = 5,      ///< a sending trust releases its patients today (transactional)
  pidmas_ask = 6,        ///< a long waiter asks to move (patient-initiated)
};

/// Named phases of a day, in order (timed separately). "lists" is each list's (or shared list's)
/// day: arrivals, treatment, removals.
enum class Phase : std::size_t { referrals, lists, pidmas, maintenance, sampling, count_ };
inline constexpr std::array<const char*, 5> kPhaseNames = {"referrals", "lists", "pidmas",
                                                           "maintenance", "sampling"};

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
  std::int64_t transfers_in = 0, transfers_out = 0, offers = 0, declined = 0, withheld = 0;
  double transfer_km = 0.0, income = 0.0, admin_cost = 0.0;
};

/// A shared waiting list: one programme of one collaborative, over the member lists of a
/// specialty (members offering it, in member order).
struct Pool {
  std::size_t collaborative = 0;
  std::size_t programme = 0;
  int specialty = 0;
  std::vector<std::size_t> lists;  ///< member lists (trust * specialties + specialty)
  std::vector<int> trusts;         ///< the members offering the specialty
  bool active = false;
  // flows since the last sample
  std::int64_t pledged = 0, transfers = 0;
  std::vector<std::int64_t> moves;  ///< members x members: moves from row to column
};

/// A programme starting or stopping (written to /events/programmes).
struct ProgrammeEvent {
  std::int32_t day;
  std::int32_t collaborative;
  std::int32_t programme;
  std::int32_t specialty;
  bool start;
};

class Model {
 public:
  /// Builds the initial state (initial waiting lists) and the initial sample (step 0).
  /// `config` must outlive the model. Throws std::invalid_argument if the config is invalid.
  Model(const Config& config, std::uint64_t replication);

  /// Advances one day: referrals are drawn; shared lists start or stop; each list (or shared
  /// list) admits its referrals, treats on working days and removes the patients due; long
  /// waiters may ask to move; then maintenance and sampling when due.
  void step();

  [[nodiscard]] core::Step days_done() const noexcept { return day_; }
  [[nodiscard]] bool finished() const noexcept { return day_ >= config_.days; }
  /// True if the last step() (or the constructor) produced a new sample.
  [[nodiscard]] bool has_new_sample() const noexcept { return new_sample_; }
  [[nodiscard]] const Sample& sample() const noexcept { return sample_; }
  /// Programme events since the last call of clear_events().
  [[nodiscard]] const std::vector<ProgrammeEvent>& programme_events() const { return events_; }
  void clear_events() { events_.clear(); }

  [[nodiscard]] const Config& config() const noexcept { return config_; }
  [[nodiscard]] const core::Calendar& calendar() const noexcept { return calendar_; }
  [[nodiscard]] std::size_t trusts() const noexcept { return config_.trusts.size(); }
  [[nodiscard]] std::size_t specialties() const noexcept { return config_.specialties.size(); }
  [[nodiscard]] const WaitingList& list(std::size_t trust, std::size_t specialty) const {
    return lists_[trust * specialties() + specialty];
  }
  [[nodiscard]] const std::vector<Pool>& pools() const noexcept { return pools_; }

  // diagnostics (never written to outputs that must be reproducible)
  [[nodiscard]] std::int64_t patient_events() const noexcept { return events_count_; }
  [[nodiscard]] std::int64_t waiting() const noexcept;
  [[nodiscard]] std::size_t patient_bytes() const noexcept;  ///< bytes held by patient state
  [[nodiscard]] const core::PhaseTimer<static_cast<std::size_t>(Phase::count_)>& timer() const {
    return timer_;
  }
  /// Referral source (place x specialty) -> trust index, or -1 when unrouted.
  [[nodiscard]] int route(std::size_t place, std::size_t specialty) const {
    return route_[place * specialties() + specialty];
  }

 private:
  using Timer = core::PhaseTimer<static_cast<std::size_t>(Phase::count_)>;

  // construction (model.cpp)
  void build_routes();
  void build_pools();
  void build_initial_lists();

  // the day (model.cpp, model_lists.cpp, model_pidmas.cpp)
  void phase_referrals(core::Step d);  ///< draws today's referrals of every source
  void update_pools(core::Step d);     ///< starts and stops shared lists; rebuilds work units
  void phase_lists(core::Step d);      ///< each unit's day: a list, or a shared list
  void admit_referrals(std::size_t list, core::Step d);
  void treat_own(std::size_t list, std::int64_t slots, core::Step d);
  void treat_pool(Pool& pool, core::Step d, bool working);
  void remove_due(std::size_t list, core::Step d);
  std::int64_t working_day_slots(std::size_t list);
  void phase_pidmas(core::Step d);
  void maintenance(core::Step d);

  // sampling (model_sampling.cpp)
  void take_sample(core::Step d);
  void fill_aggregates(core::Step d);
  void fill_equity(core::Step d);
  void fill_pools();
  void fill_variation();
  [[nodiscard]] bool is_sample_day(core::Step d) const;

  // helpers
  [[nodiscard]] std::int32_t removal_day(std::size_t specialty, core::Step from,
                                         core::Rng& rng) const;
  /// A patient joins / leaves list l (treatment, transfer): cohort, live count, due window.
  void join(std::size_t l, const Patient& p);
  void leave(std::size_t l, const Patient& p);
  /// Throws std::logic_error if a list's records do not match its live count.
  void check_count(std::size_t list, std::int64_t records) const;
  /// Stream entity identifying a patient of specialty s (stable across scenarios).
  [[nodiscard]] std::uint64_t patient_key(const Patient& p, std::size_t specialty) const;
  [[nodiscard]] double distance_home_to(const Patient& p, std::size_t trust) const;
  [[nodiscard]] Commissioning commissioning_of(std::size_t trust) const;

  const Config& config_;
  core::Calendar calendar_;
  core::Streams streams_;

  // derived, read-only after construction
  std::vector<double> daily_hazard_;              ///< per specialty
  std::vector<core::Categorical> priority_dist_;  ///< per specialty
  std::vector<core::Categorical> quintile_dist_;  ///< per place
  std::vector<std::uint64_t> source_entity_;  ///< per (place, specialty): stream entity
  std::vector<double> source_rate_;           ///< per (place, specialty): referrals per day
  std::vector<int> route_;                    ///< per (place, specialty): trust or -1
  std::vector<std::vector<std::uint32_t>> list_sources_;  ///< per list: sources, ascending
  std::vector<std::uint64_t> list_entity_;    ///< per list: stream entity
  std::vector<int> trust_ics_;                ///< per trust
  std::vector<double> place_trust_km_;        ///< per (place, trust): distance

  // state
  core::Step day_ = 0;
  std::vector<WaitingList> lists_;              ///< trust-major: trust * specialties + specialty
  std::vector<std::vector<Patient>> arrivals_;  ///< per source: today's referrals
  core::Step window_base_ = 0;     ///< first day of the due window
  core::Step window_end_ = -1;     ///< last day of the due window (= next maintenance day)
  std::vector<Pool> pools_;
  std::vector<int> list_pool_;     ///< per list: the active pool holding it, or -1
  /// Units of parallel work in phase_lists: a pool (index >= 0) or a single list (~index).
  std::vector<std::int64_t> units_;
  std::vector<double> published_median_;  ///< per list: median wait (weeks) at the last sample
  std::vector<std::int64_t> moves_;       ///< trust x trust moves since the last sample
  std::vector<ProgrammeEvent> events_;
  std::int64_t events_count_ = 0;

  // sampling
  Sample sample_;
  bool new_sample_ = false;
  std::vector<std::uint32_t> trust_hist_;  ///< per trust: kWaitBins
  std::vector<std::uint32_t> list_hist_;   ///< per list (when there are collaboratives)
  std::vector<std::uint32_t> trust_quintile_hist_;  ///< per (trust, quintile)
  std::vector<std::uint32_t> place_hist_;           ///< per place
  Timer timer_;
};

}  // namespace icsim::model

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
#include "model/lists/cohort.hpp"
#include "model/config.hpp"
#include "model/observables.hpp"
#include "model/lists/patient_queue.hpp"
#include "model/relationships/relationships.hpp"

namespace icsim::model {

/// Stream purposes. Fixed values: never renumber; a new draw site takes a new value.
enum class Draw : core::Purpose {
  referral_count = 1,    ///< Poisson count per (place, specialty, day)
  referral_patient = 2,  ///< attributes of the k-th referral of (place, specialty, day)
  initial_patient = 3,   ///< attributes of the k-th initial waiter of (trust, specialty)
  pool_accept = 4,       ///< a patient accepts a move offered through a shared list
  pool_release = 5,      ///< a sending trust releases its patients today (transactional)
  pidmas_ask = 6,        ///< a long waiter asks to move (patient-initiated)
  governance_vote = 7,   ///< a member's vote on an agenda item
  capital_bid = 8,       ///< the chance part of a competitive capital bid
  turnover = 9,          ///< a random change of leadership
  prevention = 10,       ///< a referral avoided by a place's prevention programme
  urgent_count = 11,     ///< Poisson count of urgent admissions per (bed unit, day)
  urgent_patient = 12,   ///< arrival time and length of stay of the k-th urgent admission
  shock_intensity = 13,  ///< a shock's random intensity (per shock and replication)
  initial_bed = 14,      ///< residual stay of the k-th patient in a bed on day 0
};

/// Named phases of a day, in order (timed separately). "lists" is each list's (or shared list's)
/// day: arrivals, treatment, removals.
enum class Phase : std::size_t { referrals, urgent, lists, pidmas, governance, maintenance, sampling, count_ };
inline constexpr std::array<const char*, 7> kPhaseNames = {"referrals", "urgent", "lists", "pidmas",
                                                           "governance", "maintenance", "sampling"};

/// Days between compactions of the queues; also the length of the removal due window.
inline constexpr int kMaintenanceDays = 28;

/// Governance counts months as 30 days (the minimum run before a stop, the restart delay).
inline constexpr int kDaysPerMonth = 30;
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
  std::int64_t delegated_slots = 0;
  std::int64_t cancelled = 0;     ///< slots lost to urgent pressure, shocks and aid given (since the last sample)
  double lost_carry = 0.0;       ///< fractional lost slots carried to the next working day
  double delegated_carry = 0.0;  ///< fractional delegated slots carried to the next working day
  std::int64_t month_slots = 0;  ///< treatment slots this calendar month (for exchange burden)

  template <class Ar>
  void serialize(Ar& ar) {
    ar(queue, cohort, due, live, capacity_carry, referrals, treated, removed, capacity_slots, treated_wait_days);
    ar(transfers_in, transfers_out, offers, declined, withheld, transfer_km, income, admin_cost, delegated_slots);
    ar(cancelled, lost_carry, delegated_carry, month_slots);
  }
};

/// The state of one programme of one collaborative.
struct Programme {
  std::size_t collaborative = 0;
  std::size_t index = 0;  ///< within the collaborative's programmes
  bool active = false;
  double scale = 0.0;     ///< 0 when inactive
  bool stalled = false;   ///< cohesion below stall_cohesion: no growth
  int reproposable_day = 0;  ///< a stopped governed programme returns to the agenda from then
  int started_day = 0;       ///< when it last started
  double start_spread = 0.0;  ///< shared lists: spread of member median waits when it started
  std::vector<double> start_median;  ///< shared lists: per trust, its median wait when it started
  std::vector<double> start_trust;   ///< organisations x organisations: trust when it started
  double savings = 0.0;   ///< joint procurement: GBP since the last sample

  template <class Ar>
  void serialize(Ar& ar) {
    ar(collaborative, index, active, scale, stalled, reproposable_day, started_day, start_spread, start_median);
    ar(start_trust, savings);
  }
};

/// A shared waiting list: the pool of a shared_waiting_list programme, over the member lists of
/// its specialty (members offering it, in member order).
struct Pool {
  std::size_t programme = 0;  ///< index into Model::programmes()
  std::size_t collaborative = 0;
  int specialty = 0;
  std::vector<std::size_t> lists;  ///< member lists (trust * specialties + specialty)
  std::vector<int> trusts;         ///< the members offering the specialty
  std::vector<double> pledge;      ///< per member: share of slots pledged (scale and trust)
  bool active = false;
  // flows since the last sample
  std::int64_t pledged = 0, transfers = 0;
  std::vector<std::int64_t> moves;  ///< members x members: moves from row to column
  std::vector<std::int64_t> month_moves;  ///< the same, this calendar month (exchange fairness)

  template <class Ar>
  void serialize(Ar& ar) {
    ar(programme, collaborative, specialty, lists, trusts, pledge, active, pledged, transfers, moves, month_moves);
  }
};

enum class ProgrammeAction : std::uint8_t { start, stop, scale_up };
inline constexpr std::array<const char*, 3> kProgrammeActionNames = {"start", "stop", "scale_up"};

/// The beds of one trust taking urgent admissions (docs/model.md §21): a loss system in
/// continuous time for mental health, an escalating one for acute trusts.
struct BedUnit {
  int trust = 0;
  bool mental_health = false;
  int beds = 0;
  double admissions_per_day = 0.0;  ///< base rate, before seasonality and shocks
  std::uint64_t entity = 0;         ///< stream entity
  std::vector<double> departures;   ///< min-heap of departure times (days) of occupied beds
  // today
  double staffed = 0.0;       ///< staffed beds (absence, incidents, staff lent or received)
  double occupancy = 0.0;     ///< occupied / staffed at the start of the day
  int opel = 1;
  int lent = 0;               ///< beds lent to partners today (reserved for their patients)
  std::vector<std::pair<int, int>> borrowed;  ///< (donor unit, beds) lent to this unit today
  std::vector<std::pair<int, double>> placed;  ///< (donor unit, departure) of patients placed today
  // flows since the last sample
  std::int64_t arrivals = 0, admitted = 0, discharges = 0, escalations = 0, placed_out = 0, hosted = 0;
  std::int64_t out_of_area = 0, requests = 0, refusals = 0, opel4_days = 0;
  double out_of_area_days = 0.0;
  double given_beds = 0.0, received_beds = 0.0, given_staff = 0.0, received_staff = 0.0;  ///< bed days

  template <class Ar>
  void serialize(Ar& ar) {
    ar(trust, mental_health, beds, admissions_per_day, entity, departures, staffed, occupancy, opel, lent);
    ar(borrowed, placed, arrivals, admitted, discharges, escalations, placed_out, hosted, out_of_area, requests);
    ar(refusals, opel4_days, out_of_area_days, given_beds, received_beds, given_staff, received_staff);
  }
};

/// A programme starting, stopping or growing (written to /events/programmes).
struct ProgrammeEvent {
  std::int32_t day;
  std::int32_t collaborative;
  std::int32_t programme;  ///< within the collaborative
  std::int32_t specialty;  ///< -1: all
  ProgrammeAction action;
  double scale;            ///< after the event

  template <class Ar>
  void serialize(Ar& ar) {
    ar(day, collaborative, programme, specialty, action, scale);
  }
};

/// Everything that happens at monthly meetings, yearly allocations and in relationships, as
/// rows of the /events tables. Drained by the caller (Model::events() / clear_events()).
struct Events {
  std::vector<ProgrammeEvent> programmes;
  struct Meeting { std::int32_t day, collaborative, items; double cohesion; template <class Ar> void serialize(Ar& ar) { ar(day, collaborative, items, cohesion); } };
  struct Vote { std::int32_t day, collaborative, programme, item, member; bool yes; double utility; template <class Ar> void serialize(Ar& ar) { ar(day, collaborative, programme, item, member, yes, utility); } };
  struct Decision { std::int32_t day, collaborative, programme, item, yes, no; bool passed; template <class Ar> void serialize(Ar& ar) { ar(day, collaborative, programme, item, yes, no, passed); } };
  struct Capital { std::int32_t day, ics, trust, rank, specialty; bool awarded; double score; template <class Ar> void serialize(Ar& ar) { ar(day, ics, trust, rank, specialty, awarded, score); } };
  struct Turnover { std::int32_t day, organisation; template <class Ar> void serialize(Ar& ar) { ar(day, organisation); } };
  struct Membership { std::int32_t day, collaborative, trust; bool joined; template <class Ar> void serialize(Ar& ar) { ar(day, collaborative, trust, joined); } };
  struct Delegated { std::int32_t day, collaborative, trust, specialty; double slots_per_day; template <class Ar> void serialize(Ar& ar) { ar(day, collaborative, trust, specialty, slots_per_day); } };
  /// One ask for aid to one partner, or an ask nobody met (donor -1). kind: 0 beds, 1 staff.
  struct Aid { std::int32_t day, requester, donor, kind, need, granted; std::int8_t outcome; template <class Ar> void serialize(Ar& ar) { ar(day, requester, donor, kind, need, granted, outcome); } };
  std::vector<Meeting> meetings;
  std::vector<Vote> votes;
  std::vector<Decision> decisions;
  std::vector<Capital> capital;
  std::vector<Turnover> turnover;
  std::vector<Membership> membership;
  std::vector<Delegated> delegated;
  std::vector<Aid> aid;

  template <class Ar>
  void serialize(Ar& ar) {
    ar(programmes, meetings, votes, decisions, capital, turnover, membership, delegated, aid);
  }
  void append(const Events& e);  ///< adds e's rows after these
  void clear();
};

/// Agenda items of a meeting.
enum class Item : std::uint8_t { start, scale_up, stop };
inline constexpr std::array<const char*, 3> kItemNames = {"start", "scale_up", "stop"};

/// Aggregates members' votes by a decision rule (weights: members' sizes; lead: position of the
/// lead in the votes, or -1).
bool decide(DecisionRule rule, const std::vector<bool>& yes, const std::vector<double>& weights,
            int lead, double supermajority);

class Model {
 public:
  /// Builds the initial state (initial waiting lists) and the initial sample (step 0) from a
  /// normalised copy of `config`. Throws ConfigError if the config is invalid.
  Model(const Config& config, std::uint64_t replication);

  /// Advances one day: referrals are drawn; shared lists start or stop; each list (or shared
  /// list) admits its referrals, treats on working days and removes the patients due; long
  /// waiters may ask to move; then maintenance and sampling when due.
  void step();

  [[nodiscard]] core::Step days_done() const noexcept { return day_; }
  [[nodiscard]] bool finished() const noexcept { return day_ >= config_.run.days; }
  /// True if the last step() (or the constructor) produced a new sample.
  [[nodiscard]] bool has_new_sample() const noexcept { return new_sample_; }
  [[nodiscard]] const Sample& sample() const noexcept { return sample_; }
  /// Events since the last call of clear_events().
  [[nodiscard]] const Events& events() const noexcept { return events_; }
  void clear_events() { events_.clear(); }
  /// True if the last step() ended a calendar month (relationships were updated).
  [[nodiscard]] bool month_ended() const noexcept { return month_ended_; }
  [[nodiscard]] const Relationships& relationships() const noexcept { return rel_; }
  [[nodiscard]] const std::vector<Programme>& programmes() const noexcept { return programmes_; }
  [[nodiscard]] std::size_t organisations() const noexcept { return orgs_; }
  /// Mutual aid evidence (the hook for urgent pressure): `donor` granted or refused aid asked by
  /// `requester`; a refusal counts only if the donor visibly had slack.
  void record_aid(std::size_t requester, std::size_t donor, bool granted, double weight);

  [[nodiscard]] const Config& config() const noexcept { return config_; }
  [[nodiscard]] const core::Calendar& calendar() const noexcept { return calendar_; }
  [[nodiscard]] std::size_t trusts() const noexcept { return config_.trusts.size(); }
  [[nodiscard]] std::size_t specialties() const noexcept { return config_.specialties.size(); }
  [[nodiscard]] const WaitingList& list(std::size_t trust, std::size_t specialty) const {
    return lists_[trust * specialties() + specialty];
  }
  [[nodiscard]] const std::vector<Pool>& pools() const noexcept { return pools_; }
  [[nodiscard]] const std::vector<BedUnit>& bed_units() const noexcept { return units_urgent_; }

  /// The model's whole state (checkpoints; model_checkpoint.cpp). load() takes a state saved
  /// by a model built from the same config and replication, and continues from its day.
  [[nodiscard]] std::vector<std::uint8_t> save_state() const;
  void load_state(std::vector<std::uint8_t> bytes);
  /// Per shock: its random intensity factor (1 when intensity_cv is 0).
  [[nodiscard]] const std::vector<double>& shock_intensity() const noexcept { return shock_intensity_; }

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
  void build_pools();  ///< programmes, and a pool for each shared waiting list
  void build_initial_lists();

  // the day (model.cpp, model_lists.cpp, model_pidmas.cpp)
  void phase_referrals(core::Step d);  ///< draws today's referrals of every source
  void update_programmes(core::Step d);  ///< programmes starting or stopping on fixed days
  void rebuild_units();                ///< pools' member lists and the work units
  void phase_lists(core::Step d);      ///< each unit's day: a list, or a shared list
  void admit_referrals(std::size_t list, core::Step d);
  void treat_own(std::size_t list, std::int64_t slots, core::Step d);
  void treat_pool(Pool& pool, core::Step d, bool working);
  void remove_due(std::size_t list, core::Step d);
  std::int64_t working_day_slots(std::size_t list);
  void phase_pidmas(core::Step d);
  void maintenance(core::Step d);

  template <class Ar>
  void state(Ar& ar);

  // urgent demand, beds, shocks and mutual aid (model_urgent.cpp)
  void build_urgent();
  void phase_urgent(core::Step d);
  void shock_effects(core::Step d);  ///< today's demand multipliers and capacity losses per trust
  void match_aid(core::Step d);
  void admit_urgent(BedUnit& u, core::Step d);
  [[nodiscard]] double draw_los(const LosConfig& los, core::Rng& rng) const;
  [[nodiscard]] double pact_scale(int a, int b) const;  ///< shared mutual-aid pact scale (b < 0: any)

  // monthly governance and relationships (model_governance.cpp)
  void build_organisations();
  void month_end(core::Step d);
  void allocate_leadership();
  void relationship_evidence(core::Step d);
  void turnover(core::Step d);
  void membership(core::Step d);
  void meetings(core::Step d);
  void capital(core::Step d);
  void delegated_budgets(core::Step d);
  void apply_programmes();  ///< capacity gains, pledges, prevention, savings
  void set_programme(std::size_t p, bool active, double scale, core::Step d);
  [[nodiscard]] double programme_success(const Programme& pr) const;
  /// Whether member m counts programme pr's success as its own win (shared lists: only members
  /// whose median wait has not risen since it started).
  [[nodiscard]] bool gains_from(const Programme& pr, int m) const;
  [[nodiscard]] double member_spread(std::size_t collaborative, int specialty) const;
  [[nodiscard]] double evidence_factor(std::size_t about) const;  ///< 1 + gain * openness
  [[nodiscard]] double vote_utility(std::size_t p, Item item, int trust) const;

  // sampling (model_sampling.cpp)
  void take_sample(core::Step d);
  void publish_medians(core::Step census);  ///< each list's median wait (weeks) at `census`
  void fill_aggregates(core::Step d);
  void fill_equity(core::Step d);
  void fill_pools();
  void fill_variation();
  void fill_collaboration();  ///< trust, cohesion, programmes, leadership, prevention
  void fill_urgent();         ///< beds, pressure, cancellations, aid (model_urgent.cpp)
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

  const Config config_;
  bool equity_ = false;  ///< the equity scan is needed (an observable by quintile or place is written)
  std::vector<TurnoverEvent> turnover_events_;
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
  std::size_t orgs_ = 0;                      ///< trusts, ICBs, place partners
  std::vector<double> org_hours_, org_openness_, org_competitiveness_;  ///< per organisation
  std::vector<std::vector<int>> partnership_orgs_;  ///< per partnership: trusts and partners

  // state
  core::Step day_ = 0;
  std::vector<WaitingList> lists_;              ///< trust-major: trust * specialties + specialty
  std::vector<std::vector<Patient>> arrivals_;  ///< per source: today's referrals
  core::Step window_base_ = 0;     ///< first day of the due window
  core::Step window_end_ = -1;     ///< last day of the due window (= next maintenance day)
  std::vector<Programme> programmes_;     ///< every programme of every collaborative
  std::vector<std::vector<int>> members_;  ///< per collaborative: current member trusts
  std::vector<std::vector<int>> low_trust_months_;  ///< per collaborative, per member
  std::vector<Pool> pools_;
  std::vector<int> list_pool_;     ///< per list: the active pool holding it, or -1
  Relationships rel_;
  std::vector<double> hours_used_;      ///< per organisation, last month
  std::vector<double> engagement_;      ///< per organisation: min(1, hours / hours asked)
  std::vector<double> capacity_;        ///< per list: base capacity (after capital awards)
  std::vector<double> capacity_gain_;   ///< per list: programmes' relative capacity gain
  std::vector<double> extra_per_day_;   ///< per list: delegated extra slots per working day
  std::vector<double> prevent_;         ///< per (place, specialty, quintile): P(referral avoided)
  std::vector<std::int64_t> prevented_src_;  ///< per source: referrals avoided since the last sample
  int month_index_ = 0;                 ///< calendar months completed
  bool month_ended_ = false;
  /// Units of parallel work in phase_lists: a pool (index >= 0) or a single list (~index).
  std::vector<std::int64_t> units_;
  std::vector<double> published_median_;  ///< per list: median wait (weeks) at the last sample
  std::vector<std::int64_t> moves_;       ///< trust x trust moves since the last sample
  Events events_;
  std::int64_t events_count_ = 0;

  // urgent demand and mutual aid
  std::vector<BedUnit> units_urgent_;
  std::vector<int> trust_unit_;            ///< per trust: its bed unit, or -1
  std::vector<double> shock_intensity_;    ///< per shock
  std::vector<double> urgent_multiplier_;  ///< per trust, today
  std::vector<double> absence_;            ///< per trust, today: share of staff absent
  std::vector<double> incident_loss_;      ///< per trust, today
  std::vector<double> strike_loss_;        ///< per trust, today
  std::vector<double> aid_cost_;           ///< per trust, today: elective slots given up for aid
  std::vector<double> elective_loss_;      ///< per trust, today: share of elective capacity lost
  std::vector<double> aid_balance_;        ///< units x units: bed days given by row to column (decaying)
  std::vector<double> elective_per_day_;   ///< per trust: elective capacity (all specialties)

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

#pragma once
// The state shared between mechanisms: the calendar and random streams, the waiting lists and
// how referrals reach them, the organisations and their relationships, collaboratives'
// membership and programmes, and the channels through which one mechanism's effect reaches
// another (capacity, elective losses, avoided referrals, published waits). A mechanism's own
// state lives in the mechanism (model/<mechanism>/). Nothing here reads files.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/calendar.hpp"
#include "core/categorical.hpp"
#include "core/random.hpp"
#include "model/entities.hpp"
#include "model/lists/waiting_list.hpp"
#include "model/relationships/relationships.hpp"
#include "model/strategies/strategy.hpp"

namespace icsim::model {

struct Config;

/// The stream of perceptions (World::perceive): its purpose is owned by relationships
/// (TrustEvidence::kDraws); the kinds of act it addresses.
inline constexpr core::Purpose kObservePurpose = 17;
inline constexpr std::uint64_t kEvidenceAid = 1, kEvidenceExchange = 2, kEvidenceHelp = 3, kEvidenceBenefit = 4,
                               kEvidencePledge = 5, kEvidenceOversight = 6;

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

/// A list's waits at the census.
struct ListCensus {
  double p92 = 0.0;  ///< 92nd percentile wait (weeks), NaN if none wait
  std::int64_t within_18 = 0, over_52 = 0, over_65 = 0, over_78 = 0;  ///< patients
  template <class Ar>
  void serialize(Ar& ar) {
    ar(p92, within_18, over_52, over_65, over_78);
  }
};

/// The waiting-time census at a sample: per list its waits (the median is published in
/// World::published_median), per trust patients by weeks waited, and per list patients by weeks
/// waited when collaboratives need them (pools' measures).
struct Census {
  std::vector<ListCensus> lists;
  std::vector<std::uint32_t> trust_hist;  ///< per trust: kWaitBins
  std::vector<std::uint32_t> list_hist;   ///< per list: kWaitBins (empty without collaboratives)
};

class World {
 public:
  /// Derives the geography, organisations and empty lists from a normalised config (which
  /// must outlive the world).
  World(const Config& config, std::uint64_t replication);

  const Config& config;
  core::Calendar calendar;
  core::Streams streams;
  core::Step day = 0;     ///< the day being simulated (days completed between steps)
  int month_index = 0;    ///< calendar months completed

  // sizes
  [[nodiscard]] std::size_t places() const noexcept { return places_; }
  [[nodiscard]] std::size_t specialties() const noexcept { return specialties_; }
  [[nodiscard]] std::size_t trusts() const noexcept { return trusts_; }
  [[nodiscard]] std::size_t organisations() const noexcept { return orgs; }

  // geography, read-only after construction
  std::vector<std::uint64_t> source_entity;  ///< per (place, specialty): stream entity
  std::vector<int> route;                    ///< per (place, specialty): trust or -1
  std::vector<std::vector<std::uint32_t>> list_sources;  ///< per list: sources, ascending
  std::vector<std::uint64_t> list_entity;    ///< per list: stream entity
  std::vector<int> trust_ics;                ///< per trust
  std::vector<double> place_trust_km;        ///< per (place, trust): distance
  std::vector<double> daily_hazard;              ///< per (specialty, quintile): removal hazard per day
  std::vector<core::Categorical> priority_dist;  ///< per specialty
  std::vector<core::Categorical> quintile_dist;  ///< per place

  // waiting lists
  std::vector<WaitingList> lists;               ///< trust-major: trust * specialties + specialty
  std::vector<std::vector<Patient>> arrivals;   ///< per source: today's referrals
  core::Step window_base = 0;   ///< first day of the due window
  core::Step window_end = -1;   ///< last day of the due window (= next maintenance day)
  std::vector<double> published_median;  ///< per list: median wait (weeks) at the last sample
  Census census;
  std::vector<std::int64_t> moves;       ///< trust x trust moves since the last sample

  // channels between mechanisms
  std::vector<double> capacity;       ///< per list: base capacity (capital awards raise it)
  std::vector<double> capacity_gain;  ///< per list: programmes' relative capacity gain
  std::vector<double> extra_per_day;  ///< per list: delegated extra slots per working day
  std::vector<double> elective_loss;  ///< per trust, today: share of elective capacity lost
  std::vector<double> prevent;        ///< per (place, specialty, quintile): P(referral avoided)
  std::vector<std::int64_t> prevented;  ///< per source: referrals avoided since the last sample
  std::vector<std::int64_t> month_treated;  ///< per list: treated by the trust itself this month (model/finance)
  std::vector<double> financial_pressure;   ///< per trust, 0..1: weight of its year-to-date deficit (model/finance)
  std::vector<double> delegated_share;      ///< per collaborative: share of its budget delegated (model/oversight)

  // organisations: trusts, ICBs, place partners (Config::organisation_ids)
  std::size_t orgs = 0;
  std::vector<double> org_hours, org_openness, org_competitiveness;  ///< per organisation
  std::vector<std::vector<int>> partnership_orgs;  ///< per partnership: trusts and partners
  Relationships rel;
  std::vector<double> hours_used;   ///< per organisation, last month
  std::vector<double> engagement;   ///< per organisation: min(1, hours / hours asked)
  std::vector<std::uint64_t> org_key;  ///< per organisation: stream entity (hash of its id)
  std::vector<Strategy> strategy;      ///< per organisation: its current strategy (model/strategies)
  std::vector<PairMemory> memory;      ///< organisations x organisations: i's last interaction with j
  std::vector<std::int64_t> cooperated, defected;  ///< per organisation: discretionary decisions since the last sample
  std::vector<std::vector<int>> members;  ///< per collaborative: current member trusts
  std::vector<Governance> form;           ///< per collaborative: current governance form (model/forms)
  std::vector<int> lead;                  ///< per collaborative: current lead provider or -1
  std::vector<Programme> programmes;      ///< every programme of every collaborative
  bool pools_changed = false;       ///< shared lists or their members changed: rebuild the pools
  bool programmes_changed = false;  ///< programmes changed: refresh their effects

  std::int64_t patient_events = 0;  ///< diagnostics: referrals, treatments, removals, transfers

  // operations on the lists shared by mechanisms
  /// Day a patient of a quintile (0 = most deprived) referred on `from` leaves other than by
  /// treatment (Patient::kNever if not).
  [[nodiscard]] std::int32_t removal_day(std::size_t specialty, int quintile, core::Step from, core::Rng& rng) const;
  /// A patient joins / leaves list l (treatment, transfer): cohort, live count, due window.
  void join(std::size_t l, const Patient& p);
  void leave(std::size_t l, const Patient& p);
  /// Today's referrals of the sources routed to list l join it.
  void admit_referrals(std::size_t l, core::Step d);
  /// Treatment slots of list l on a working day (base x gain less losses, plus delegated).
  std::int64_t working_day_slots(std::size_t l);
  /// Treats up to `slots` patients of list l: clinical priority first, then longest wait.
  void treat_own(std::size_t l, std::int64_t slots, core::Step d);
  /// The patients of list l due to leave today leave.
  void remove_due(std::size_t l, core::Step d);
  /// Throws std::logic_error if a list's records do not match its live count.
  void check_count(std::size_t l, std::int64_t records) const;
  /// Stream entity identifying a patient of specialty s (stable across scenarios).
  [[nodiscard]] std::uint64_t patient_key(const Patient& p, std::size_t specialty) const;
  [[nodiscard]] double distance_home_to(const Patient& p, std::size_t trust) const {
    return place_trust_km[p.home_place * trusts_ + trust];
  }
  [[nodiscard]] Commissioning commissioning_of(std::size_t trust) const;
  /// Evidence about organisation `about` counts this many times: 1 + gain * openness.
  [[nodiscard]] double evidence_factor(std::size_t about) const;
  /// Whether i notices an act of j, and how it reads it (docs/model.md §26): the act is seen with
  /// probability observe_base + (1 - observe_base) x openness of j and, if seen, misread with
  /// probability judgement_noise. `act` is what j did (true: cooperated, fair); the result is what
  /// i takes it to be, or nothing if unseen. Draws come from the pair's own stream at
  /// (kind, when, sub), so they do not shift when other interactions change.
  [[nodiscard]] std::optional<bool> perceive(std::size_t i, std::size_t j, bool act, std::uint64_t kind, core::Step when,
                                             std::uint64_t sub = 0) const;
  /// Evidence of i about an act of j: `weight` (before openness) as positive evidence if i reads
  /// the act as good, negative if bad; nothing if unseen. Returns what i read.
  std::optional<bool> observe(std::size_t i, std::size_t j, bool act, double weight, std::uint64_t kind, core::Step when,
                              std::uint64_t sub = 0);
  /// i's probability of cooperating with j by its strategy; `rule` is what the decision's trust
  /// rule gives (the trust-threshold strategy follows it).
  [[nodiscard]] double cooperation(std::size_t i, std::size_t j, double rule) const;
  /// The same towards a group: the mean over the others of `partners` (rule if there are none).
  [[nodiscard]] double cooperation(std::size_t i, const std::vector<int>& partners, double rule) const;
  /// i cooperated with j or not; j read it as `seen` (nothing: unseen): both memories.
  void remember(std::size_t i, std::size_t j, bool cooperated, std::optional<bool> seen);
  /// Counts one discretionary decision of i (observables of model/strategies).
  void decided(std::size_t i, bool did) { ++(did ? cooperated : defected)[i]; }
  /// Mutual aid evidence: `donor` granted or refused aid asked by `requester` on day d; returns
  /// what the requester read.
  std::optional<bool> record_aid(std::size_t requester, std::size_t donor, bool granted, double weight, core::Step d);
  /// Median wait (weeks) spread across the members of collaborative c offering `specialty`.
  [[nodiscard]] double member_spread(std::size_t c, int specialty) const;
  /// Whether trusts a and b are members of one merged collaborative (they act as one).
  [[nodiscard]] bool merged_pair(int a, int b) const;
  [[nodiscard]] std::size_t patient_bytes() const noexcept;
  [[nodiscard]] std::int64_t waiting() const noexcept;

  template <class Ar>
  void state(Ar& ar) {
    ar(day, month_index, lists, window_base, window_end, published_median, census.lists, census.trust_hist, census.list_hist, moves);
    ar(capacity, capacity_gain, extra_per_day, elective_loss, prevent, prevented, rel, hours_used, engagement);
    ar(members, form, lead, programmes, pools_changed, programmes_changed, patient_events);
    ar(strategy, memory, cooperated, defected, month_treated, financial_pressure, delegated_share);
  }

 private:
  void build_routes();
  void build_organisations();

  std::size_t places_ = 0, specialties_ = 0, trusts_ = 0;
};

}  // namespace icsim::model

#include "model/world_lists.hpp"

#pragma once
// The model's configuration: plain data, each parameter declared once in its struct's fields()
// (core/params.hpp) with its unit, default (the member's initial value), range, description and
// source. sim/scenario reads scenario files through the same declarations; the model never
// reads files itself.
#include <stdexcept>
#include <string>
#include <vector>

#include "core/params.hpp"
#include "model/entities.hpp"
#include "model/mechanisms.hpp"

namespace icsim::model {

/// A scenario: the run, its entities and each mechanism's section (model/mechanisms.hpp).
struct Config : MechanismParams {
  RunConfig run;
  OutputConfig output;
  std::vector<PlaceConfig> places;
  std::vector<SpecialtyConfig> specialties;
  std::vector<TrustConfig> trusts;
  /// ICSs; when a scenario declares none, normalise() adds one holding every place and trust.
  std::vector<IcsConfig> ics;
  std::vector<CollaborativeConfig> collaboratives;
  std::vector<PartnershipConfig> partnerships;

  /// The whole scenario file, in the order of its reference (docs/scenarios.md).
  template <class V>
  void fields(V& v);
  friend bool operator==(const Config&, const Config&) = default;

  /// Organisation ids: trusts, then one ICB per ICS ("<ics>_icb"), then place partners
  /// ("<partnership>.<partner>"). Relationships and leadership are indexed this way.
  [[nodiscard]] std::vector<std::string> organisation_ids() const;
  [[nodiscard]] std::size_t icb_index(std::size_t i) const { return trusts.size() + i; }
  /// A trust's location: its own, else its place's.
  [[nodiscard]] Location trust_location(std::size_t t) const;
  /// Members of collaborative c with capacity for specialty s, in member order.
  [[nodiscard]] std::vector<int> collaborative_members_offering(std::size_t c, int s) const;
  /// Whether collaborative c's programmes may move patients or lend beds between trusts a and b:
  /// a horizontal or hybrid collaborative works at scale, across all its members; a vertical one
  /// (partners at place) only between members based in the same place (docs/model.md §17).
  [[nodiscard]] bool within_reach(std::size_t c, int a, int b) const;
};

/// The documented schema of a scenario file (from Config::fields).
const core::ParamTable& config_schema();

/// Completes a configuration read from a file or built in code (idempotent): names default to
/// ids; with no ICS declared, one ICS holds every place and trust; each ICS's trusts are those
/// listed plus those based in its places, ascending.
void normalise(Config& config);

/// A problem found in a configuration, located by its path in the scenario file: entries of an
/// array of tables by id or index in brackets, map entries by key, e.g.
/// "collaborative[wv_acute].programme[0].stop_day", "trust[RAA].initial_list.derm".
struct ConfigIssue {
  ConfigIssue(std::string path_, std::string expected_, bool show_value_ = true, bool missing_ = false,
              std::string key_ = {})
      : path(std::move(path_)), expected(std::move(expected_)), show_value(show_value_), missing(missing_),
        key(std::move(key_)) {}
  std::string path;
  std::string expected;     ///< what was expected ("expected a day after start_day")
  bool show_value = true;   ///< show the value found at path
  bool missing = false;     ///< the key is absent but required here
  std::string key;          ///< the key to name, when not the path (e.g. the entry a value belongs to)
};

class ConfigError : public std::invalid_argument {
 public:
  explicit ConfigError(ConfigIssue i) : std::invalid_argument(i.path + ": " + i.expected), issue(std::move(i)) {}
  ConfigIssue issue;
};

/// Checks the relations between values that single parameters' ranges cannot (sums of shares,
/// references that must agree, overlaps); returns every problem found, in file order.
std::vector<ConfigIssue> find_issues(const Config& config);

/// Throws ConfigError for the first issue. Scenario loading reports issues with file positions
/// first; this is the last line of defence for configs built in code.
void check(const Config& config);

/// Initial evidence between organisations, expanded from the [[relationship]] groups; throws
/// ConfigError for a group that names nothing.
std::vector<RelationshipPrior> resolve_priors(const Config& config);

/// The scheduled turnovers with their organisations' indices.
std::vector<TurnoverEvent> resolve_turnover(const Config& config);

/// The organisations a group names ('*', 'type:<trust type>', 'ics:<id>', 'collaborative:<id>'
/// or an organisation id; empty: none), as indices of Config::organisation_ids.
std::vector<int> group_members(const Config& c, const std::vector<std::string>& org_ids, const std::string& g);
/// The issue for a group that names nothing, listing the organisations.
ConfigIssue unknown_group(const std::vector<std::string>& org_ids, std::string path);


template <class V>
void Config::fields(V& v) {
  v.group("scenario", "What is simulated and for how long", [&](auto& s) {
    s.param(run.name, "name").needed().id()
        .describe("Short name; names the scenario's output folder (letters, digits, '-', '_')");
    s.accept("extends", core::ParamType::string)
        .describe("Another scenario file (path relative to this one) that this file modifies: its "
                  "tables are merged key by key, [[...]] entries by id; anything given here wins");
    s.param(run.description, "description").describe("What the scenario represents and why; shown in reports");
    s.param(run.start_date, "start_date").describe("Calendar date of day 0").from("Start of the NHS financial year 2024/25");
    s.param(run.days, "days").unit_is("days").at_least(1).at_most(kMaxDays).describe("Number of simulated days");
    s.param(run.seed, "seed").at_least(0)
        .describe("Seed of all random streams; with the replication index it fixes every draw");
    s.param(run.replications, "replications").at_least(1).at_most(100000)
        .describe("Independent replications (each its own output file)")
        .from("20 replications give 95% intervals about a half-width of 0.47 sd");
    s.param(run.working_days_per_week, "working_days_per_week").unit_is("days").at_least(1).at_most(7)
        .describe("Days with elective capacity, counted from Monday")
        .from("Elective lists run Monday to Friday in most NHS trusts");
    s.param(run.non_working_dates, "non_working_dates").describe("Dates without elective capacity (e.g. bank holidays)");
  }).needed();
  v.table(output, "output", "What is written and how often");
  v.tables(places, "place", "A population served: referrals originate here").needed();
  v.tables(specialties, "specialty", "An elective specialty (RTT treatment function)").needed();
  v.tables(trusts, "trust", "An NHS provider organisation");
  v.tables(ics, "ics", "An integrated care system; none declared: one ICS holds everything");
  v.tables(collaboratives, "collaborative", "A provider collaborative");
  v.tables(partnerships, "place_partnership", "A place-based partnership");
  MechanismParams::fields(v);
}

}  // namespace icsim::model

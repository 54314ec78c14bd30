#pragma once
// The simulation of one replication of one scenario: the shared World, the mechanisms
// (model/mechanisms.hpp) and the day, one ordered table of named phases (model/day.cpp). Each
// phase computes in parallel over entities that own their state and applies shared effects in
// a fixed order, so results are identical at any thread count.
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/phase_timer.hpp"
#include "model/config.hpp"
#include "model/day.hpp"
#include "model/mechanisms.hpp"
#include "model/observables.hpp"
#include "model/world.hpp"

namespace icsim::model {

class Model {
 public:
  /// Builds the initial state (initial waiting lists, beds) and the initial sample (step 0)
  /// from a normalised copy of `config`. Throws ConfigError if the config is invalid.
  Model(const Config& config, std::uint64_t replication);
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  /// Advances one day through the phases of model/day.cpp.
  void step();

  [[nodiscard]] core::Step days_done() const noexcept { return world_.day; }
  [[nodiscard]] bool finished() const noexcept { return world_.day >= config_.run.days; }
  /// True if the last step() (or the constructor) produced a new sample.
  [[nodiscard]] bool has_new_sample() const noexcept { return new_sample_; }
  [[nodiscard]] const Sample& sample() const noexcept { return sample_; }
  /// Calls f(rows) for every event table of every mechanism (rows: a std::vector of a row type
  /// of model/<mechanism>/events.hpp), in mechanism order.
  template <class F>
  void for_each_event_table(F&& f) const {
    std::apply([&](const auto&... mech) { (mech.events().for_each(f), ...); }, mechanisms_);
  }
  /// The rows of one event table so far, e.g. events<CapitalEvent>().
  template <class Row>
  [[nodiscard]] const std::vector<Row>& events() const {
    const std::vector<Row>* out = nullptr;
    for_each_event_table([&](const auto& rows) {
      if constexpr (std::is_same_v<std::decay_t<decltype(rows)>, std::vector<Row>>) out = &rows;
    });
    return *out;
  }
  /// True if the last step() ended a calendar month (relationships were updated).
  [[nodiscard]] bool month_ended() const noexcept { return month_ended_; }

  [[nodiscard]] const Config& config() const noexcept { return config_; }
  [[nodiscard]] const World& world() const noexcept { return world_; }
  template <class M>
  [[nodiscard]] const M& mechanism() const noexcept {
    return std::get<M>(mechanisms_);
  }
  [[nodiscard]] const Relationships& relationships() const noexcept { return world_.rel; }
  [[nodiscard]] const std::vector<Programme>& programmes() const noexcept { return world_.programmes; }
  [[nodiscard]] std::size_t organisations() const noexcept { return world_.orgs; }
  [[nodiscard]] std::size_t trusts() const noexcept { return world_.trusts(); }
  [[nodiscard]] std::size_t specialties() const noexcept { return world_.specialties(); }
  [[nodiscard]] const WaitingList& list(std::size_t trust, std::size_t specialty) const {
    return world_.lists[trust * specialties() + specialty];
  }
  [[nodiscard]] const std::vector<Pool>& pools() const noexcept { return mechanism<SharedLists>().pools(); }
  [[nodiscard]] const std::vector<BedUnit>& bed_units() const noexcept { return mechanism<Beds>().units(); }
  /// Per shock: its random intensity factor (1 when intensity_cv is 0).
  [[nodiscard]] const std::vector<double>& shock_intensity() const noexcept { return mechanism<Shocks>().intensity(); }
  /// Referral source (place x specialty) -> trust index, or -1 when unrouted.
  [[nodiscard]] int route(std::size_t place, std::size_t specialty) const {
    return world_.route[place * specialties() + specialty];
  }

  /// The model's whole state (checkpoints). load_state() takes a state saved by a model built
  /// from the same config and replication, and continues from its day.
  [[nodiscard]] std::vector<std::uint8_t> save_state() const;
  void load_state(std::vector<std::uint8_t> bytes);

  // diagnostics (never written to outputs that must be reproducible)
  [[nodiscard]] std::int64_t patient_events() const noexcept { return world_.patient_events; }
  [[nodiscard]] std::int64_t waiting() const noexcept { return world_.waiting(); }
  [[nodiscard]] std::size_t patient_bytes() const noexcept { return world_.patient_bytes(); }
  /// Seconds spent in each group of phase_groups().
  [[nodiscard]] const core::PhaseTimer& timer() const noexcept { return timer_; }

 private:
  void size_sample();
  template <class Ar>
  void state(Ar& ar);

  const Config config_;
  World world_;
  Mechanisms mechanisms_;
  Sample sample_;
  bool new_sample_ = false;
  bool month_ended_ = false;
  core::PhaseTimer timer_;
};

}  // namespace icsim::model

#pragma once
// The day as one ordered table of named phases (model/day.cpp): what runs, in which order, on
// which days. Model::step walks it; timing and `icsim bench` columns come from its groups.
#include <span>
#include <string_view>
#include <vector>

#include "core/calendar.hpp"
#include "model/mechanisms.hpp"
#include "model/observables.hpp"
#include "model/world.hpp"

namespace icsim::model {

enum class When : std::uint8_t {
  daily,        ///< every day
  month_end,    ///< on the last day of a calendar month
  maintenance,  ///< when the queues' due window ends (every kMaintenanceDays)
  sample,       ///< on the last day of each output interval and of the run
};

/// What a phase works on.
struct Day {
  Mechanisms& m;
  World& w;
  Sample& sample;
  core::Step d;
};

struct Phase {
  std::string_view group;  ///< timing group (a bench column)
  std::string_view name;
  When when;
  void (*run)(Day&);
};

/// The phases of a day, in order.
std::span<const Phase> day_phases();
/// The timing groups, in order of their first phase.
const std::vector<std::string_view>& phase_groups();
/// Index of a phase's group in phase_groups().
std::size_t group_of(const Phase& p);

/// Builds the initial state (the end of day -1) and its sample.
void build_initial_state(Day& day);

}  // namespace icsim::model

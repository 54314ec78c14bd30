// The model: the World, the mechanisms and the day's walk through its phases.
#include "model/model.hpp"

#include <cmath>
#include <stdexcept>

#include "core/archive.hpp"

namespace icsim::model {
namespace {

Config normalised(Config c) {
  normalise(c);
  check(c);
  return c;
}

}  // namespace

Model::Model(const Config& config, std::uint64_t replication)
    : config_(normalised(config)), world_(config_, replication), timer_(phase_groups().size()) {
  size_sample();
  Day day{mechanisms_, world_, sample_, 0};
  build_initial_state(day);
  new_sample_ = true;
}

void Model::size_sample() {
  const std::size_t S = world_.specialties(), P = world_.places(), T = world_.trusts();
  const std::size_t C = config_.collaboratives.size();
  const auto& all = observables();
  sample_.counts.assign(all.size(), {});
  sample_.values.assign(all.size(), {});
  for (std::size_t i = 0; i < all.size(); ++i) {
    std::size_t n = 1;
    switch (all[i].axes) {
      case Axes::trust_specialty: n = T * S; break;
      case Axes::trust: n = T; break;
      case Axes::system: n = 1; break;
      case Axes::specialty: n = S; break;
      case Axes::quintile: n = kQuintiles; break;
      case Axes::trust_quintile: n = T * kQuintiles; break;
      case Axes::place: n = P; break;
      case Axes::collaborative_specialty: n = C * S; break;
      case Axes::trust_trust: n = T * T; break;
      case Axes::wait_week: n = kWaitHistogramBins; break;
      case Axes::organisation_all: n = world_.orgs; break;
      case Axes::collaborative: n = C; break;
      case Axes::programme: n = world_.programmes.size(); break;
      case Axes::partnership: n = config_.partnerships.size(); break;
    }
    if (all[i].integer) {
      sample_.counts[i].assign(n, 0);
    } else {
      sample_.values[i].assign(n, std::nan(""));
    }
  }
}

void Model::step() {
  if (finished()) throw std::logic_error("Model::step called after the last day");
  const core::Step d = world_.day;
  new_sample_ = (d + 1) % config_.output.interval_days == 0 || d == config_.run.days - 1;
  month_ended_ = world_.calendar.is_first_of_month(d + 1);
  Day day{mechanisms_, world_, sample_, d};
  timer_.start();
  for (const Phase& p : day_phases()) {
    const bool due = p.when == When::daily || (p.when == When::month_end && month_ended_) ||
                     (p.when == When::maintenance && Treatment::maintenance_due(world_, d)) ||
                     (p.when == When::sample && new_sample_);
    if (due) p.run(day);
    timer_.stamp(group_of(p));
  }
  ++world_.day;
}

template <class Ar>
void Model::state(Ar& ar) {
  world_.state(ar);
  for_each_mechanism(mechanisms_, [&](auto& mech) { mech.state(ar); });
  ar(sample_, new_sample_, month_ended_);
}

std::vector<std::uint8_t> Model::save_state() const {
  core::Archive ar;
  const_cast<Model*>(this)->state(ar);  // saving reads only
  return ar.bytes();
}

void Model::load_state(std::vector<std::uint8_t> bytes) {
  core::Archive ar(std::move(bytes));
  state(ar);
  ar.expect_end();
}

}  // namespace icsim::model

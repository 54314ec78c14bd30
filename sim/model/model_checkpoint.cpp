// The model's state for checkpoints: everything that changes during a run. What the
// constructor derives from the config and never changes (routes, rates, streams, entities) is
// rebuilt by constructing the model; the listed members then overwrite its initial state.
#include "core/archive.hpp"
#include "model/model.hpp"

namespace icsim::model {

template <class Ar>
void Model::state(Ar& ar) {
  ar(day_, lists_, window_base_, window_end_, programmes_, members_, low_trust_months_, pools_, list_pool_);
  ar(rel_, hours_used_, engagement_, capacity_, capacity_gain_, extra_per_day_, prevent_, prevented_src_);
  ar(month_index_, month_ended_, units_, published_median_, moves_, events_, events_count_);
  ar(sample_, new_sample_, trust_hist_, list_hist_, trust_quintile_hist_, place_hist_);
  ar(units_urgent_, urgent_multiplier_, absence_, incident_loss_, strike_loss_, aid_cost_, elective_loss_);
  ar(aid_balance_);
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

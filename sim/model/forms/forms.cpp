#include "model/forms/forms.hpp"

#include <algorithm>
#include <cmath>

#include "model/config.hpp"

namespace icsim::model {

void Forms::build(World& w) {
  const std::size_t C = w.config.collaboratives.size();
  high_.assign(C, 0);
  low_.assign(C, 0);
  dissolved_.assign(C, 0);
}

double Forms::performance(const World& w, std::size_t c) {
  double sum = 0.0;
  int n = 0;
  for (const Programme& pr : w.programmes) {
    if (pr.collaborative != c || !pr.active) continue;
    sum += Programmes::success(w, pr);
    ++n;
  }
  return n > 0 ? sum / n : std::nan("");
}

void Forms::change(World& w, Programmes& programmes, std::size_t c, std::uint8_t to, double cohesion, core::Step d) {
  const auto from = static_cast<std::uint8_t>(w.form[c]);
  if (to == kDissolved) {
    for (std::size_t p = 0; p < w.programmes.size(); ++p) {
      if (w.programmes[p].collaborative == c && w.programmes[p].active) programmes.set(w, p, false, 0.0, d);
    }
    w.members[c].clear();
    dissolved_[c] = 1;
  } else {
    w.form[c] = static_cast<Governance>(to);
    if (w.form[c] == Governance::lead_provider && w.lead[c] < 0) {
      // The member with the most elective capacity leads.
      double most = -1.0;
      for (int m : w.members[c]) {
        double cap = 0.0;
        for (std::size_t s = 0; s < w.specialties(); ++s) cap += w.capacity[static_cast<std::size_t>(m) * w.specialties() + s];
        if (cap > most) {
          most = cap;
          w.lead[c] = m;
        }
      }
    }
    if (w.form[c] == Governance::merged) {  // one organisation: its shared lists at full scale
      for (std::size_t p = 0; p < w.programmes.size(); ++p) {
        const Programme& pr = w.programmes[p];
        if (pr.collaborative != c) continue;
        if (w.config.collaboratives[c].programmes[pr.index].type != ProgrammeType::shared_waiting_list) continue;
        if (!pr.active || pr.scale < 1.0) programmes.set(w, p, true, 1.0, d);
      }
    }
  }
  events_.of<FormEvent>().push_back({d, static_cast<std::int32_t>(c), from, to, cohesion, w.lead[c]});
  high_[c] = low_[c] = 0;
  w.pools_changed = w.programmes_changed = true;
}

void Forms::month(World& w, Programmes& programmes, core::Step d) {
  const auto& f = w.config.forms;
  for (std::size_t c = 0; c < w.config.collaboratives.size(); ++c) {
    if (!w.config.collaboratives[c].evolves || dissolved_[c] || w.members[c].size() < 2) continue;
    const double cohesion = w.rel.cohesion(w.members[c]);
    if (!std::isfinite(cohesion)) continue;
    // Form follows function: deepening needs programmes that succeed (none running: nothing to deepen for).
    const double success = performance(w, c);
    high_[c] = cohesion >= f.deepen_cohesion && success >= f.deepen_success ? high_[c] + 1 : 0;
    low_[c] = cohesion < f.loosen_cohesion ? low_[c] + 1 : 0;
    const auto form = static_cast<std::uint8_t>(w.form[c]);
    if (high_[c] >= f.deepen_months && w.form[c] != Governance::merged) {
      change(w, programmes, c, static_cast<std::uint8_t>(form + 1), cohesion, d);
    } else if (low_[c] >= f.loosen_months && w.form[c] != Governance::committees_in_common) {
      change(w, programmes, c, static_cast<std::uint8_t>(form - 1), cohesion, d);
    } else if (low_[c] >= f.dissolve_months && w.form[c] == Governance::committees_in_common) {
      change(w, programmes, c, kDissolved, cohesion, d);
    }
  }
}

void Forms::sample(const World& w, SampleView out) const {
  auto& v = out.ints(FormObs::governance_form);
  for (std::size_t c = 0; c < w.form.size(); ++c) v[c] = dissolved_[c] ? kDissolved : static_cast<std::int64_t>(w.form[c]);
}

}  // namespace icsim::model

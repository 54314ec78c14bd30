#include "model/config.hpp"

#include <cmath>
#include <set>
#include <stdexcept>
#include <string>

namespace icsim::model {
namespace {
[[noreturn]] void fail(const std::string& what) { throw std::invalid_argument(what); }

template <std::size_t N>
void check_shares(const std::array<double, N>& a, const std::string& what) {
  double sum = 0.0;
  for (double x : a) {
    if (!(x >= 0.0)) fail(what + " has a negative or NaN share");
    sum += x;
  }
  if (std::abs(sum - 1.0) > 1e-6) fail(what + " shares sum to " + std::to_string(sum) + ", not 1");
}
}  // namespace

void check(const Config& c) {
  if (c.days < 1 || c.days > 32000) fail("days must be in 1..32000");
  if (c.replications < 1) fail("replications must be at least 1");
  if (c.output_interval_days < 1) fail("output interval must be at least 1 day");
  if (c.working_days_per_week < 1 || c.working_days_per_week > 7)
    fail("working_days_per_week must be in 1..7");
  if (c.places.empty()) fail("a scenario needs at least one place");
  if (c.specialties.empty()) fail("a scenario needs at least one specialty");
  if (c.places.size() > 65535) fail("at most 65535 places");
  const std::size_t S = c.specialties.size();
  std::set<std::string> ids;
  for (const auto& p : c.places) {
    if (!ids.insert("place:" + p.id).second) fail("duplicate place id " + p.id);
    if (p.population < 0) fail("place " + p.id + " has a negative population");
    check_shares(p.deprivation, "place " + p.id + " deprivation");
  }
  for (const auto& s : c.specialties) {
    if (!ids.insert("specialty:" + s.id).second) fail("duplicate specialty id " + s.id);
    if (!(s.referral_rate >= 0.0)) fail("specialty " + s.id + " has a negative referral rate");
    check_shares(s.priority_mix, "specialty " + s.id + " priority_mix");
    if (!(s.removal_hazard_per_week >= 0.0 && s.removal_hazard_per_week <= 1.0))
      fail("specialty " + s.id + " removal hazard must be in [0, 1]");
    if (!(s.seasonal_amplitude >= 0.0 && s.seasonal_amplitude < 1.0))
      fail("specialty " + s.id + " seasonal amplitude must be in [0, 1)");
    if (!(s.annual_growth > -1.0)) fail("specialty " + s.id + " annual growth must be > -1");
  }
  for (const auto& t : c.trusts) {
    if (!ids.insert("trust:" + t.id).second) fail("duplicate trust id " + t.id);
    if (t.place < 0 || static_cast<std::size_t>(t.place) >= c.places.size())
      fail("trust " + t.id + " has no valid place");
    if (t.capacity.size() != S || t.initial.size() != S)
      fail("trust " + t.id + " capacity/initial lists are not sized by specialty");
    for (std::size_t s = 0; s < S; ++s) {
      if (!(t.capacity[s] >= 0.0)) fail("trust " + t.id + " has negative capacity");
      const auto& init = t.initial[s];
      if (init.size < 0) fail("trust " + t.id + " has a negative initial list");
      if (init.size > 0 && !(init.mean_wait_weeks > 0.0))
        fail("trust " + t.id + " initial list for " + c.specialties[s].id +
             " needs a positive mean wait");
      if (init.size > 0 && t.capacity[s] <= 0.0)
        fail("trust " + t.id + " has an initial list for " + c.specialties[s].id +
             " but no capacity for it");
    }
  }
  for (std::size_t s = 0; s < S; ++s) {
    if (c.specialties[s].referral_rate <= 0.0) continue;
    bool offered = false;
    for (const auto& t : c.trusts) offered = offered || t.capacity[s] > 0.0;
    if (!offered)
      fail("specialty " + c.specialties[s].id + " has referrals but no trust has capacity for it");
  }
}

}  // namespace icsim::model

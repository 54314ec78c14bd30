#pragma once
// Parameters of shocks ([[shock]]).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/params.hpp"
#include "model/entities.hpp"

namespace icsim::model {

/// A shock on the scenario's timeline (docs/model.md §22).
enum class ShockType : std::uint8_t { pandemic, winter, incident, industrial_action };
inline constexpr std::array<const char*, 4> kShockTypeNames = {"pandemic", "winter", "incident", "industrial_action"};
struct ShockConfig {
  std::string id;
  ShockType type = ShockType::pandemic;
  int start_day = 0;
  int end_day = 0;                 ///< last day (inclusive)
  std::vector<int> trusts;         ///< affected trusts (empty: all)
  double urgent_multiplier = 1.0;  ///< peak multiplier of urgent demand
  double absence = 0.0;            ///< peak share of staff absent (beds and elective capacity)
  double capacity_loss = 0.0;      ///< incident: share of elective capacity and beds lost
  double elective_loss = 0.0;      ///< industrial action: share of elective capacity lost
  double intensity_cv = 0.0;       ///< random intensity: excess (multiplier - 1, absence) times a lognormal factor with this cv

  template <class V>
  void fields(V& v);
  friend bool operator==(const ShockConfig&, const ShockConfig&) = default;
};

template <class V>
void ShockConfig::fields(V& v) {
  v.param(id, "id").needed().id().describe("Unique id (keys its random intensity)");
  v.choice(type, "type", kShockTypeNames).needed()
      .describe("pandemic: urgent demand and staff absence; winter: urgent demand; incident: capacity "
                "lost at one trust (a cyber attack); industrial_action: elective capacity lost");
  v.param(start_day, "start_day").unit_is("day").needed().at_least(0).at_most(kMaxDays).describe("First day");
  v.param(end_day, "end_day").unit_is("day").needed().at_least(0).at_most(kMaxDays).describe("Last day (inclusive)");
  v.refs(trusts, "trusts", "trust").describe("Trusts affected (default: all); an incident names exactly one");
  v.param(urgent_multiplier, "urgent_multiplier").unit_is("1").at_least(0).at_most(100)
      .describe("pandemic, winter: peak multiplier of urgent demand (the wave rises and falls as sin^2)")
      .from("COVID-19 wave of January 2021: about 1.3 times usual G&A occupancy pressure; assumption");
  v.param(absence, "absence").unit_is("1").at_least(0).below(1)
      .describe("pandemic: peak share of staff absent (beds and elective capacity close)")
      .from("NHS England sickness absence peaked near 10% in January 2022");
  v.param(capacity_loss, "capacity_loss").unit_is("1").at_least(0).at_most(1)
      .describe("incident: share of elective capacity and beds lost");
  v.param(elective_loss, "elective_loss").unit_is("1").at_least(0).at_most(1)
      .describe("industrial_action: share of elective capacity lost on each day")
      .from("NHS England: about 1.5 million appointments rescheduled over 2023's strikes");
  v.param(intensity_cv, "intensity_cv").unit_is("1").at_least(0).at_most(10)
      .describe("Random intensity: the excess (multiplier - 1, absence, losses) times a lognormal "
                "factor of mean 1 and this cv, drawn once per replication from the shock's own stream");
}

}  // namespace icsim::model

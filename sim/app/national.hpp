#pragma once
// A synthetic England-scale scenario for benchmarks (42 systems, 210 trusts, 20 specialties,
// about 7.5m waiting and 1.7m referrals a month), generated as scenario text so that it goes
// through the same parser and validation as any user scenario.
#include <string>

namespace icsim::app {

struct NationalOptions {
  int systems = 42;
  int trusts_per_system = 5;
  double waiting_patients = 7.5e6;
  double referrals_per_month = 1.7e6;
  int days = 365;
  bool pools = false;  ///< one ICS per system, and a shared orthopaedic list in each
  /// Beds at every trust (1.6 per 1000 residents), a mental-health trust per system (0.19 beds
  /// per 1000), and with pools a mutual-aid pact in every collaborative.
  bool urgent = false;
};

std::string national_scenario_text(const NationalOptions& options = {});

}  // namespace icsim::app

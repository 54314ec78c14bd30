#pragma once
// Writes RTT full CSV extracts (the 121 columns of NHS England's layout) for tests.
#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "io/rtt.hpp"

namespace icsim::test {

struct RttRow {
  std::string provider = "RAA", commissioner = "00A", part = "Part_2", function = "C_110";
  std::array<std::int64_t, io::rtt::kBands> bands{};
  std::int64_t unknown = 0;
};

inline std::string rtt_header() {
  std::string h = "Period,Provider Parent Org Code,Provider Parent Name,Provider Org Code,Provider Org Name,"
                  "Commissioner Parent Org Code,Commissioner Parent Name,Commissioner Org Code,Commissioner Org Name,"
                  "RTT Part Type,RTT Part Description,Treatment Function Code,Treatment Function Name";
  auto two = [](int x) { return (x < 10 ? "0" : "") + std::to_string(x); };
  for (int k = 0; k < io::rtt::kBands - 1; ++k) h += ",Gt " + two(k) + " To " + two(k + 1) + " Weeks SUM 1";
  return h + ",Gt 104 Weeks SUM 1,Total,Patients with unknown clock start date,Total All";
}

inline std::string rtt_line(const std::string& period, const RttRow& r) {
  std::int64_t sum = 0;
  std::string s = period + ",Q1,,\"" + r.provider + "\",\"Provider " + r.provider + ", a trust\",Q2,," + r.commissioner +
                  ",Commissioner " + r.commissioner + "," + r.part + ",desc," + r.function + ",Function " + r.function;
  if (r.part == "Part_3") {  // new clock starts: blank bands, the count in Total All (held in unknown here)
    return s + std::string(io::rtt::kBands + 2, ',') + "," + std::to_string(r.unknown);
  }
  for (auto b : r.bands) {
    s += "," + std::to_string(b);
    sum += b;
  }
  const bool incomplete = r.part == "Part_2";
  s += incomplete ? ",," : "," + std::to_string(sum) + "," + std::to_string(r.unknown);
  return s + "," + std::to_string(sum + (incomplete ? 0 : r.unknown));
}

inline void write_rtt(const std::filesystem::path& p, const std::string& period, const std::vector<RttRow>& rows) {
  std::ofstream f(p);
  f << rtt_header() << "\n";
  for (const auto& r : rows) f << rtt_line(period, r) << "\n";
}

/// "RTT-JANUARY-2015" for a month.
inline std::string rtt_period(io::rtt::Month m) {
  static const char* names[] = {"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST",
                                "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"};
  return std::string("RTT-") + names[m.month - 1] + "-" + std::to_string(m.year);
}

}  // namespace icsim::test

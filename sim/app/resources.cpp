#include "app/resources.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/lists/waiting_list.hpp"
#include "model/observables.hpp"

namespace icsim::app {
namespace {

namespace fs = std::filesystem;

/// Bytes per waiting patient: the 10-byte record, the queue's growth slack, the cohort and the
/// due window (13.7 measured at national scale, docs/performance.md), rounded up.
constexpr double kBytesPerPatient = 16.0;

/// Outputs below this are not checked against the free space (compression often halves them).
constexpr double kSmallOutput = 64.0 * 1024 * 1024;

/// Patients waiting at most: the initial lists, plus, per specialty, the excess of referrals over
/// capacity accumulated over the run.
double waiting_peak(const model::Config& c) {
  double initial = 0.0, growth = 0.0;
  double population = 0.0;
  for (const auto& p : c.places) population += static_cast<double>(p.population);
  const double working = static_cast<double>(c.run.working_days_per_week) / 7.0;
  for (std::size_t s = 0; s < c.specialties.size(); ++s) {
    double capacity = 0.0;
    for (const auto& t : c.trusts) {
      if (s < t.capacity.size()) capacity += t.capacity[s];
      if (s < t.initial.size()) initial += static_cast<double>(t.initial[s].size);
    }
    const auto& sp = c.specialties[s];
    const double years = c.run.days / 365.25;
    const double referrals = sp.referral_rate / 1000.0 * population / 365.25 * std::pow(1.0 + sp.annual_growth, years);
    growth += std::max(0.0, referrals - capacity * working) * c.run.days;
  }
  return initial + growth;
}

double observable_values(const model::Config& c, model::Axes a, double organisations, double programmes) {
  const double T = static_cast<double>(c.trusts.size()), S = static_cast<double>(c.specialties.size());
  const double P = static_cast<double>(c.places.size()), C = static_cast<double>(c.collaboratives.size());
  switch (a) {
    case model::Axes::trust_specialty: return T * S;
    case model::Axes::trust: return T;
    case model::Axes::system: return 1;
    case model::Axes::specialty: return S;
    case model::Axes::quintile: return model::kQuintiles;
    case model::Axes::trust_quintile: return T * model::kQuintiles;
    case model::Axes::place: return P;
    case model::Axes::collaborative_specialty: return C * S;
    case model::Axes::trust_trust: return T * T;
    case model::Axes::wait_week: return static_cast<double>(model::kWaitHistogramBins);
    case model::Axes::organisation_all: return organisations;
    case model::Axes::collaborative: return C;
    case model::Axes::programme: return programmes;
    case model::Axes::partnership: return static_cast<double>(c.partnerships.size());
  }
  return 1;
}

}  // namespace

ResourceEstimate estimate(const scenario::Scenario& sc) {
  const auto& c = sc.config;
  ResourceEstimate e;
  const double T = static_cast<double>(c.trusts.size()), S = static_cast<double>(c.specialties.size());
  const double P = static_cast<double>(c.places.size());
  double organisations = static_cast<double>(c.organisation_ids().size()), programmes = 0.0, beds = 0.0;
  for (const auto& col : c.collaboratives) programmes += static_cast<double>(col.programmes.size());
  for (const auto& t : c.trusts) beds += t.beds;
  e.waiting_peak = waiting_peak(c);
  double referrals_per_day = 0.0;
  for (const auto& s : c.specialties) {
    for (const auto& p : c.places) referrals_per_day += s.referral_rate / 1000.0 * static_cast<double>(p.population) / 365.25;
  }
  const double lists = T * S;
  double m = e.waiting_peak * kBytesPerPatient;
  m += referrals_per_day * sizeof(model::Patient) * 1.5;                      // today's referrals
  m += lists * (sizeof(model::WaitingList) + 4.0 * 400);                      // lists, cohorts
  m += lists * 80.0 + T * model::kWaitBins * 4.0;                             // census
  if (!c.collaboratives.empty()) m += lists * model::kWaitBins * 4.0;         // pools' histograms
  m += T * model::kQuintiles * model::kWaitBins * 4.0 + P * model::kWaitBins * 4.0;  // equity scan
  m += organisations * organisations * (17.0 + 8.0 * programmes);             // trust evidence, programme snapshots
  m += beds * 8.0 * 1.5;                                                      // departure heaps
  double per_sample = 0.0;
  for (std::size_t o : sc.output.observables) {
    per_sample += observable_values(c, model::observables()[o].axes, organisations, programmes) * 8.0;
  }
  m += 3.0 * observable_values(c, model::Axes::trust_trust, organisations, programmes) * 8.0;  // moves, taken
  double all_values = 0.0;
  for (const auto& info : model::observables()) all_values += observable_values(c, info.axes, organisations, programmes);
  m += all_values * 8.0;  // the sample holds every observable
  e.memory_bytes = m;
  const double samples = std::floor(static_cast<double>(c.run.days) / c.output.interval_days) + 2.0;
  const double months = static_cast<double>(c.run.days) / 28.0 + 2.0;
  e.output_bytes = per_sample * samples + organisations * organisations * 8.0 * months;
  return e;
}

double available_memory_bytes() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  double kb = 0;
  std::string unit;
  while (in >> key >> kb >> unit) {
    if (key == "MemAvailable:") return kb * 1024.0;
  }
  return 0.0;  // unknown: no check
}

double free_disk_bytes(const std::string& folder) {
  fs::path p = fs::absolute(folder);
  while (!p.empty() && !fs::exists(p)) p = p.parent_path();
  struct statvfs st{};
  if (p.empty() || access(p.c_str(), W_OK) != 0 || statvfs(p.c_str(), &st) != 0) return 0.0;
  return static_cast<double>(st.f_bavail) * static_cast<double>(st.f_frsize);
}

std::string bytes_text(double b) {
  std::ostringstream os;
  os.precision(3);
  if (b >= 1024.0 * 1024 * 1024) {
    os << b / (1024.0 * 1024 * 1024) << " GiB";
  } else {
    os << b / (1024.0 * 1024) << " MiB";
  }
  return os.str();
}

std::optional<std::string> resource_problem(const std::vector<scenario::Scenario>& scenarios, std::size_t concurrent,
                                            const std::string& out_dir) {
  double memory = 0.0, output = 0.0, total_reps = 0.0;
  std::string largest;
  double largest_memory = 0.0;
  for (const auto& sc : scenarios) {
    const auto e = estimate(sc);
    total_reps += sc.config.run.replications;
    output += e.output_bytes * sc.config.run.replications;
    if (e.memory_bytes > largest_memory) {
      largest_memory = e.memory_bytes;
      largest = sc.config.run.name;
    }
  }
  const double at_once = std::max(1.0, std::min(static_cast<double>(std::max<std::size_t>(concurrent, 1)), total_reps));
  memory = largest_memory * at_once;
  const double have = available_memory_bytes();
  if (have > 0.0 && memory > 0.9 * have) {
    return "scenario " + largest + " needs about " + bytes_text(largest_memory) + " of memory per replication (" +
           std::to_string(static_cast<long long>(at_once)) + " at once: " + bytes_text(memory) +
           "), but this machine has " + bytes_text(have) +
           " available; lower the populations, initial lists or trusts, run fewer replications at once "
           "(--threads), or pass --no-resource-check to run anyway";
  }
  // Small outputs are left to the writer (a full disk is reported, and cleaned up, as it
  // happens: docs/reliability.md); so is a folder that cannot be written at all.
  const double disk = free_disk_bytes(out_dir);
  if (disk > 0.0 && output > disk && output > kSmallOutput) {
    return "the outputs need up to " + bytes_text(output) + " (before compression) but " + out_dir + " has " +
           bytes_text(disk) + " free; write fewer observables ([output] observables, interval_days), fewer "
           "replications, elsewhere (--out), or pass --no-resource-check to run anyway";
  }
  return std::nullopt;
}

}  // namespace icsim::app

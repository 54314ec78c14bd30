#pragma once
// Machine-readable output of the CLI (--format json): the parameters, the observables and a
// run's summary. One JSON document on stdout; numbers that are undefined (NaN) are null.
#include <string>
#include <vector>

#include "app/run.hpp"

namespace icsim::cli {

/// Every scenario parameter whose key starts with one of `prefixes` (all when empty).
std::string params_json(const std::vector<std::string>& prefixes);
/// The observables' catalogue.
std::string observables_json();
/// A run's summary: per scenario, each trust's and the system's values at the end (mean and 95%
/// interval across replications), and each scenario's paired differences from the baseline.
std::string results_json(const std::vector<app::ScenarioResult>& rs, std::size_t baseline,
                         const std::string& out_dir);

}  // namespace icsim::cli

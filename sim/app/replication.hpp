#pragma once
// Internals of a replication's output file, shared by run.cpp, batch.cpp and checkpoint.cpp:
// provenance attributes, the axes tables, the observables' series, the trust matrix, the event
// log and the running totals of the headline. Not part of app's interface.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "app/run.hpp"
#include "io/run_file.hpp"
#include "model/model.hpp"

namespace icsim::app::detail {

/// The /parameters attributes of a replication's file: scenario text, seed, versions.
std::vector<io::Attr> parameter_attributes(const scenario::Scenario& sc, int replication);

/// The axes tables: /organisations, /places, /specialties, /wait_weeks, /quintiles, /ics,
/// /collaboratives, /programmes, /place_partnerships.
void write_axes(io::RunFile& f, const model::Config& c);

/// Names of the organisations, in the order of model::Config::organisation_ids().
std::vector<std::string> organisation_names(const model::Config& c);

/// The labels (ids) and names of the first `length` entries of an axis, for its dimension
/// scale; no labels for an axis without ids.
io::Scale axis_scale(const std::string& axis, std::size_t length, const model::Config& c);

/// Shape and axis names of an observable in this scenario.
std::pair<std::vector<std::string>, std::vector<hsize_t>> axes_of(model::Axes a, const model::Config& c);

/// The observables chosen by the scenario, each a series of the file.
struct ObservableWriter {
  std::vector<std::pair<std::size_t, std::size_t>> series;  // catalogue index -> series index

  ObservableWriter(io::RunFile& f, const scenario::Scenario& sc);
  void write(io::RunFile& f, const model::Sample& s) const;
};

/// The model's event tables as /events/<table> (each row type declares its columns).
void write_events(io::RunFile& f, const model::Config& c, const model::Model& m);

/// The organisation x organisation trust matrix, monthly, under /relationships/trust.
struct RelationshipWriter {
  std::size_t series = 0;
  std::size_t n = 0;

  RelationshipWriter(io::RunFile& f, const model::Config& c, std::size_t organisations);
  void write(io::RunFile& f, const model::Model& m, std::int64_t step) const;
};

/// Headline values of a replication from its last sample.
Headline headline_of(const model::Sample& s);

/// Running totals of a replication for its headline (kept in checkpoints).
struct Totals {
  std::int64_t treated = 0, transfers = 0, cancelled = 0, opel4 = 0;
  double out_of_area = 0.0;
  template <class Ar>
  void serialize(Ar& ar) {
    ar(treated, transfers, cancelled, opel4, out_of_area);
  }
  /// Adds a new sample's flows.
  void add(const model::Sample& s);
};

}  // namespace icsim::app::detail

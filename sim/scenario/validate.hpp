#pragma once
// Checking a scenario document against the schema before it is read, and turning the model's
// configuration issues into errors with file positions. Internal to sim/scenario.
#include <toml.hpp>

#include <string>

#include "model/config.hpp"
#include "scenario/reader.hpp"
#include "scenario/registry.hpp"
#include "scenario/scenario.hpp"

namespace icsim::scenario::detail {

inline constexpr const char* kUnknownFile = "unknown file";  // toml11's name for values made in code
inline constexpr const char* kCommandLine = "command line";

struct Ctx {
  std::string file;
  Ids ids;  ///< ids of each collection, in file order
  /// Where validate_table collects errors (it goes on after one, up to Errors::kMaxErrors);
  /// null: it throws the first.
  std::vector<Error>* errors = nullptr;
};

/// Runs f; an Error it throws is added to c.errors (when collecting) instead. Throws Errors
/// when the collection is full.
template <class F>
void collect(const Ctx& c, F&& f) {
  if (!c.errors) {
    f();
    return;
  }
  try {
    f();
  } catch (const Errors&) {
    throw;
  } catch (const Error& e) {
    c.errors->push_back(e);
    if (c.errors->size() >= Errors::kMaxErrors) throw Errors(*c.errors, true);
  }
}

/// The value a path names (see model::ConfigIssue), or the nearest table holding it.
struct Located {
  const toml::value* node = nullptr;
  bool found = false;             ///< node is the value itself
  bool element_of_values = false; ///< an element of an array of values ("members[2]")
};
Located locate(const toml::value& root, const std::string& path);
std::string file_of(const Ctx& c, const toml::value& v);
int line_of(const toml::value& v);

/// The value as TOML, shortened for messages.
std::string show(const toml::value& v);
[[noreturn]] void fail(const Ctx& c, const toml::value& at, const std::string& key, const std::string& expected,
                       bool show_value = true);

/// Ids of every [[collection]] of the document, in file order, and its start date.
void collect_ids(const toml::value& root, Ctx& c);

/// Throws Error at a value that does not match the schema (unknown key, type, range,
/// reference, missing required key, malformed or repeated id); collects them (see Ctx::errors).
void validate_table(const toml::value& v, const TableSpec& spec, const std::string& path, const Ctx& c);

/// Throws the Error for an issue of the configuration read from `root`, at the position of
/// the value its path names (or of the nearest table holding it).
[[noreturn]] void report(const Ctx& c, const toml::value& root, const model::ConfigIssue& issue);

/// Shares within 0.005 of summing to 1 (rounded in a spreadsheet) scaled to sum to 1, with a
/// warning each; larger gaps are left for model::find_issues to refuse.
void normalise_shares(model::Config& config, const toml::value& root, const Ctx& c, std::vector<Warning>& out);

/// Values accepted but probably not meant (warnings.cpp): implausible load per list,
/// percentages in shares or occupancies, shocks and programmes outside the run, one-member
/// collaboratives, trusts that do nothing, fewer than 5 replications.
void find_warnings(const model::Config& config, const toml::value& root, const Ctx& c, std::vector<Warning>& out);

}  // namespace icsim::scenario::detail

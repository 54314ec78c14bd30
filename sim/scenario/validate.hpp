#pragma once
// Checking a scenario document against the schema before it is read, and turning the model's
// configuration issues into errors with file positions. Internal to sim/scenario.
#include <toml.hpp>

#include <string>

#include "model/config.hpp"
#include "scenario/reader.hpp"
#include "scenario/registry.hpp"

namespace icsim::scenario::detail {

inline constexpr const char* kUnknownFile = "unknown file";  // toml11's name for values made in code
inline constexpr const char* kCommandLine = "command line";

struct Ctx {
  std::string file;
  Ids ids;  ///< ids of each collection, in file order
};

/// The value as TOML, shortened for messages.
std::string show(const toml::value& v);
[[noreturn]] void fail(const Ctx& c, const toml::value& at, const std::string& key, const std::string& expected,
                       bool show_value = true);

/// Ids of every [[collection]] of the document, in file order.
void collect_ids(const toml::value& root, Ctx& c);

/// Throws Error at the first value that does not match the schema (unknown key, type, range,
/// reference, missing required key, malformed or repeated id).
void validate_table(const toml::value& v, const TableSpec& spec, const std::string& path, const Ctx& c);

/// Throws the Error for an issue of the configuration read from `root`, at the position of
/// the value its path names (or of the nearest table holding it).
[[noreturn]] void report(const Ctx& c, const toml::value& root, const model::ConfigIssue& issue);

}  // namespace icsim::scenario::detail

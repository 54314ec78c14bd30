#pragma once
// Scenario files (TOML) -> validated, typed model configuration.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/config.hpp"
#include "model/observables.hpp"

namespace icsim::scenario {

/// A scenario that cannot be used. what() reads "file:line: key = value: expected ...".
class Error : public std::runtime_error {
 public:
  Error(std::string file, int line, std::string key, std::string value, std::string expected);
  const std::string file;  ///< path, "built-in default" or "command line"
  const int line;          ///< 1-based; 0 when unknown
  const std::string key;   ///< dotted key, e.g. trust[RAA].capacity.orthopaedics
  const std::string value; ///< the value found, as TOML ("(missing)" when absent)
  const std::string expected;
};

/// Several errors of one file, reported together (at most kMaxErrors, in file order). It is the
/// first error (file, line, key...) and what() holds one line per error.
class Errors : public Error {
 public:
  static constexpr std::size_t kMaxErrors = 20;
  explicit Errors(std::vector<Error> all, bool more_not_shown = false);
  [[nodiscard]] const char* what() const noexcept override { return text_.c_str(); }
  const std::vector<Error> errors;

 private:
  std::string text_;
};

/// Something accepted but probably not meant (a capacity per week where a day is expected, a
/// percentage where a share is). what() reads like an Error's: "file:line: key = value: why".
struct Warning {
  std::string file;
  int line = 0;
  std::string key, value, message;
  [[nodiscard]] std::string text() const;
};

/// A parameter set on top of a scenario file, e.g. {"specialty.orthopaedics.referral_rate", "35"}.
/// Array entries are selected by id or by index; the value is TOML (bare words become strings).
struct Override {
  std::string path;
  std::string value;
};
/// Parses "path=value" (as given to --set). Throws Error on a missing '='.
Override parse_override(std::string_view text);

struct OutputOptions {
  std::vector<std::size_t> observables;  ///< what to write: catalogue indices, in catalogue order
  int compression = 4;
};

struct Scenario {
  model::Config config;
  OutputOptions output;
  std::string text;                    ///< the file's text exactly as read
  std::string resolved_text;           ///< the whole scenario as TOML, after `extends`
  std::string source;                  ///< the path, or "built-in default"
  std::vector<std::string> overrides;  ///< "path=value" applied on top of the text
  std::vector<Warning> warnings;       ///< accepted, but probably not meant (file order)
};

/// Loads and validates a scenario. Throws Error for a problem, Errors (an Error) for several:
/// every error of the schema at once, else every error of the relations between values.
Scenario load_file(const std::string& path, const std::vector<Override>& overrides = {});
Scenario load_text(std::string text, std::string source, const std::vector<Override>& overrides = {});
Scenario load_default(const std::vector<Override>& overrides = {});

/// The built-in default scenario (scenarios/default.toml compiled into the binary).
std::string_view default_text();

}  // namespace icsim::scenario

#pragma once
// Limits checked before a TOML text reaches the parser (toml11), and the one way scenario and
// sweep files are read. toml11 parses nested arrays, inline tables and dotted keys recursively
// (thousands of levels overflow the stack) and in time quadratic in the depth, so a small
// pre-scan of the text refuses what no scenario needs, with the file and line.
#include <cstddef>
#include <string>
#include <string_view>

namespace icsim::scenario {

struct TomlLimits {
  std::size_t max_bytes = std::size_t{16} << 20;  ///< the whole text (a national scenario: 0.4 MB)
  int max_depth = 32;          ///< arrays and inline tables nested in each other
  int max_key_parts = 32;      ///< parts of one dotted key or table header (a.b.c: 3)
};

/// Throws Error(source, line, ...) if `text` goes beyond a limit. Strings and comments are
/// skipped as TOML defines them, so brackets and dots inside them do not count.
void guard_toml(std::string_view text, const std::string& source, const TomlLimits& limits = {});

/// Reads a scenario or sweep file. Throws Error(path, 0, ...) naming what was found when it is
/// not a regular file (a directory, FIFO, device: /dev/zero, ...), cannot be read, or is larger
/// than limits.max_bytes. Never blocks on a FIFO.
std::string read_regular_file(const std::string& path, const TomlLimits& limits = {});

}  // namespace icsim::scenario

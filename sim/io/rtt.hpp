#pragma once
// NHS England's monthly RTT "full CSV extract" (121 columns: period, provider and commissioner
// parent/org codes and names, part type, treatment function, 105 weekly bands, Total, unknown
// clock start, Total All), plain or gzipped, read and checked, then aggregated into lists of
// (provider or commissioner) x treatment function, month by month. Every problem throws
// RttError naming the file and line, the column, the value found and what was expected.
#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace icsim::io::rtt {

inline constexpr int kBands = 105;  ///< band k holds waits in [k, k+1) weeks; band 104: 104 weeks and over

/// A calendar month.
struct Month {
  int year = 0;
  int month = 0;  ///< 1..12
  friend auto operator<=>(const Month&, const Month&) = default;
  [[nodiscard]] Month next() const { return month == 12 ? Month{year + 1, 1} : Month{year, month + 1}; }
  [[nodiscard]] int days() const;            ///< days in the month
  [[nodiscard]] std::string text() const;    ///< "YYYY-MM"
};
/// Parses "YYYY-MM"; throws std::invalid_argument saying what was expected.
Month parse_month(const std::string& s);

class RttError : public std::runtime_error {
 public:
  RttError(std::string file, long line, const std::string& what)
      : std::runtime_error(file + ":" + std::to_string(line) + ": " + what), file_(std::move(file)), line_(line) {}
  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  [[nodiscard]] long line() const noexcept { return line_; }

 private:
  std::string file_;
  long line_;
};

enum class Part : std::uint8_t { admitted, non_admitted, incomplete, incomplete_dta, new_starts };

/// One data row of an extract.
struct Row {
  long line = 0;
  Part part = Part::incomplete;
  std::string provider, provider_name, commissioner, commissioner_name, function, function_name;
  std::array<std::int64_t, kBands> bands{};
  std::int64_t unknown_start = 0;  ///< completed pathways without a clock start (not in the bands)
  std::int64_t total_all = 0;
};

/// One file: its month and rows, checked (columns, counts, totals, one period, no duplicate rows).
struct Extract {
  std::string file;
  Month period;
  std::vector<Row> rows;
};

/// Reads and checks one extract (gzipped or plain: zlib reads both).
Extract read_extract(const std::filesystem::path& path);

enum class By : std::uint8_t { provider, commissioner };

/// One list in one month.
struct ListMonth {
  std::array<std::int64_t, kBands> waiting{};  ///< incomplete pathways (Part_2) by weeks waited
  std::array<std::int64_t, kBands> treated{};  ///< completed pathways (Part_1A + 1B) by weeks waited
  std::int64_t treated_unknown = 0;            ///< completed without a clock start
  std::int64_t starts = -1;                    ///< new clock starts (Part_3), -1 when not published
  [[nodiscard]] std::int64_t waiting_total() const;
  [[nodiscard]] std::int64_t treated_total() const;  ///< banded completions
};

struct ListKey {
  std::string provider, commissioner, function;  ///< the side aggregated away is empty
  friend auto operator<=>(const ListKey&, const ListKey&) = default;
};

/// Months (consecutive) x lists, from a set of extracts.
struct Series {
  std::vector<Month> months;
  std::vector<ListKey> lists;
  std::vector<std::string> names;                 ///< per list: "<organisation name>, <function name>"
  std::vector<std::vector<ListMonth>> data;       ///< [list][month]
  std::vector<std::string> files;                 ///< per month
};

/// Aggregates extracts by provider or commissioner x treatment function over `from`..`to`
/// (inclusive; every month needs exactly one file). Throws RttError when a month is missing or
/// duplicated, or when the organisations differ between months (a code present in one month's
/// file and absent from another's, or a code named differently).
Series aggregate(const std::vector<Extract>& extracts, By by, Month from, Month to);

}  // namespace icsim::io::rtt

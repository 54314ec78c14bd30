#pragma once
// Tables for spreadsheet users: CSV files and XLSX workbooks (libxlsxwriter). Knows nothing of
// what the tables hold.
#include <string>
#include <variant>
#include <vector>

namespace icsim::io {

/// A cell: text, a number shown with a fixed number of decimals, or empty.
struct Cell {
  std::variant<std::monostate, std::string, double> value;
  int decimals = 0;  ///< numbers: digits after the point (CSV text and the XLSX number format)
  Cell() = default;
  Cell(std::string s) : value(std::move(s)) {}  // NOLINT: cells are built from strings and numbers
  Cell(const char* s) : value(std::string(s)) {}  // NOLINT
  Cell(double x, int d) : value(x), decimals(d) {}
};

struct Sheet {
  std::string name;  ///< sheet name (at most 31 characters) and CSV file stem
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
};

/// The CSV text of a sheet (RFC 4180: fields with commas, quotes or line breaks are quoted).
std::string csv_text(const Sheet& t);
/// Writes each table to <folder>/<name>.csv (via tmp + rename); returns the paths.
std::vector<std::string> write_csv(const std::string& folder, const std::vector<Sheet>& tables);
/// Writes one workbook with a sheet per table: header row frozen, filters on, numbers as numbers.
/// Throws std::runtime_error naming the file on failure.
void write_xlsx(const std::string& path, const std::vector<Sheet>& tables);

}  // namespace icsim::io

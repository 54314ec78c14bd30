#include "io/tables.hpp"

#include <xlsxwriter.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "io/atomic_file.hpp"

namespace icsim::io {
namespace {

std::string number_text(double x, int decimals) {
  if (!std::isfinite(x)) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  std::string s = buf;
  if (s[0] == '-' && s.find_first_of("123456789") == std::string::npos) s = s.substr(1);  // no "-0.0"
  return s;
}

std::string quoted(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return q + "\"";
}

void check(lxw_error e, const std::string& path, const char* what) {
  if (e != LXW_NO_ERROR) throw std::runtime_error(path + ": cannot write the workbook (" + what + ": " + lxw_strerror(e) + ")");
}

}  // namespace

std::string csv_text(const Sheet& t) {
  std::string out;
  for (std::size_t i = 0; i < t.header.size(); ++i) out += (i ? "," : "") + quoted(t.header[i]);
  out += "\n";
  for (const auto& row : t.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out += ",";
      if (const auto* s = std::get_if<std::string>(&row[i].value)) out += quoted(*s);
      if (const auto* x = std::get_if<double>(&row[i].value)) out += number_text(*x, row[i].decimals);
    }
    out += "\n";
  }
  return out;
}

std::vector<std::string> write_csv(const std::string& folder, const std::vector<Sheet>& tables) {
  std::vector<std::string> paths;
  for (const auto& t : tables) {
    const auto path = (std::filesystem::path(folder) / (t.name + ".csv")).string();
    write_file_atomically(path, csv_text(t));
    paths.push_back(path);
  }
  return paths;
}

void write_xlsx(const std::string& path, const std::vector<Sheet>& tables) {
  const std::string tmp = path + ".tmp";
  lxw_workbook* wb = workbook_new(tmp.c_str());
  if (!wb) throw std::runtime_error(path + ": cannot create the workbook");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  std::map<int, lxw_format*> formats;  // by decimals
  auto number_format = [&](int d) {
    auto& f = formats[d];
    if (!f) {
      f = workbook_add_format(wb);
      format_set_num_format(f, d > 0 ? ("0." + std::string(static_cast<std::size_t>(d), '0')).c_str() : "0");
    }
    return f;
  };
  for (const auto& t : tables) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, t.name.substr(0, 31).c_str());
    for (std::size_t c = 0; c < t.header.size(); ++c) {
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.header[c].c_str(), bold);
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c < 3 ? 24 : 12, nullptr);
    }
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      const auto row = static_cast<lxw_row_t>(r + 1);
      for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
        const auto& cell = t.rows[r][c];
        const auto col = static_cast<lxw_col_t>(c);
        if (const auto* s = std::get_if<std::string>(&cell.value)) worksheet_write_string(ws, row, col, s->c_str(), nullptr);
        if (const auto* x = std::get_if<double>(&cell.value); x && std::isfinite(*x)) {
          // The value rounded as shown: what a reader copies is what they see.
          const double shown = std::stod(number_text(*x, cell.decimals));
          worksheet_write_number(ws, row, col, shown, number_format(cell.decimals));
        }
      }
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (!t.header.empty())
      worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(t.rows.size()), static_cast<lxw_col_t>(t.header.size() - 1));
  }
  check(workbook_close(wb), path, "close");
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw std::runtime_error(path + ": cannot write the workbook (" + ec.message() + ")");
}

}  // namespace icsim::io

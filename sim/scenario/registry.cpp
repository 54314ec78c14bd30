#include "scenario/registry.hpp"

#include <algorithm>
#include <sstream>

#include "model/config.hpp"

namespace icsim::scenario {
namespace {

std::string escape_md(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '|') {
      o += "\\|";
    } else if (c == '\n') {
      o += ' ';
    } else {
      o += c;
    }
  }
  return o;
}

bool selected(const std::string& path, const std::vector<std::string>& prefixes) {
  if (prefixes.empty()) return true;
  return std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& p) { return path.rfind(p, 0) == 0; });
}

}  // namespace

const TableSpec& registry() { return model::config_schema(); }

std::vector<ParamRow> parameter_rows() { return core::param_rows(registry()); }

std::string parameters_markdown(const std::vector<std::string>& prefixes) {
  std::ostringstream os;
  os << "| key | type | unit | default | range | description | source |\n"
     << "|---|---|---|---|---|---|---|\n";
  for (const auto& r : parameter_rows()) {
    if (!selected(r.path, prefixes)) continue;
    std::string source = r.source;
    if (!r.seed.empty()) source += (source.empty() ? "" : "; ") + std::string("seed: ") + r.seed;
    os << "| `" << r.path << "` | " << escape_md(r.type) << " | " << escape_md(r.unit) << " | "
       << (r.required ? "**required**" : "`" + escape_md(r.default_text) + "`") << " | " << escape_md(r.range)
       << " | " << escape_md(r.description) << " | " << escape_md(source) << " |\n";
  }
  return os.str();
}

std::string parameters_text(const std::vector<std::string>& prefixes) {
  std::ostringstream os;
  for (const auto& r : parameter_rows()) {
    if (!selected(r.path, prefixes)) continue;
    os << r.path << "  (" << r.type;
    if (!r.unit.empty()) os << ", " << r.unit;
    os << ")\n    default: " << (r.required ? "required" : r.default_text);
    if (!r.range.empty()) os << "   range: " << r.range;
    os << "\n    " << r.description << "\n";
    if (!r.source.empty()) os << "    source: " << r.source << "\n";
    if (!r.seed.empty()) os << "    seed: " << r.seed << "\n";
  }
  return os.str();
}

}  // namespace icsim::scenario

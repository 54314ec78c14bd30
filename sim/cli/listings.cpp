// icsim params, observables and observables --dimensions: what a scenario may hold and what an
// output holds, as text, Markdown (the docs' generated tables) or JSON.
#include <iostream>

#include "app/dimensions.hpp"
#include "cli/commands.hpp"
#include "cli/json.hpp"
#include "model/observables.hpp"
#include "scenario/registry.hpp"

namespace icsim::cli {

int params(const std::string& format, const std::vector<std::string>& prefixes) {
  if (format == "json") {
    std::cout << params_json(prefixes);
  } else {
    std::cout << (format == "markdown" ? scenario::parameters_markdown(prefixes) : scenario::parameters_text(prefixes));
  }
  return ok;
}

int observables(const std::string& format) {
  if (format == "json") {
    std::cout << observables_json();
    return ok;
  }
  const bool markdown = format == "markdown";
  if (markdown) {
    std::cout << "| name | unit | kind | dimensions | type | description |\n"
              << "|---|---|---|---|---|---|\n";
  }
  for (const auto& o : model::observables()) {
    if (markdown) {
      std::cout << "| `" << o.name << "` | " << o.unit << " | " << model::kind_name(o.kind)
                << " | " << model::axes_name(o.axes) << " | " << (o.integer ? "int64" : "float64")
                << " | " << o.description << " |\n";
    } else {
      std::cout << o.name << " [" << o.unit << ", " << model::kind_name(o.kind) << "; "
                << model::axes_name(o.axes) << "]\n    " << o.description << "\n";
    }
  }
  return ok;
}

int dimensions() {
  std::cout << "| dimension | in | coordinate (labels) | names beside it |\n|---|---|---|---|\n";
  for (const auto& d : app::dimensions()) {
    std::cout << "| `" << d.name << "` | " << d.where << " | "
              << (d.labels.empty() ? "none (a dimension without labels)" : d.labels) << " | "
              << (d.names.empty() ? "" : d.names) << " |\n";
  }
  return ok;
}

}  // namespace icsim::cli

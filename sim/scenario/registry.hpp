#pragma once
// The parameter registry: the schema of scenario files, generated from the model's parameter
// declarations (model/config.hpp, core/params.hpp). It drives validation, `icsim params` and
// docs/scenarios.md.
#include <string>
#include <vector>

#include "core/params.hpp"

namespace icsim::scenario {

using Field = core::Param;
using TableSpec = core::ParamTable;
using Type = core::ParamType;
using ParamRow = core::ParamRow;

/// The root of the registry (the whole scenario file).
const TableSpec& registry();

/// Every documented parameter, flattened from the registry tree.
std::vector<ParamRow> parameter_rows();

/// Every parameter (or those whose key starts with one of `prefixes`) as a Markdown table / text.
std::string parameters_markdown(const std::vector<std::string>& prefixes = {});
std::string parameters_text(const std::vector<std::string>& prefixes = {});

}  // namespace icsim::scenario

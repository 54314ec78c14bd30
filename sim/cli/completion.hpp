#pragma once
// Shell completion generated from the command line's own definition (CLI11), so it never
// drifts from the options: `icsim completion bash`.
#include <CLI/CLI.hpp>

#include <string>

namespace icsim::cli {

/// A bash completion script for `app`: subcommands, each one's options, and the values of
/// options that take one of a fixed set (CLI::IsMember); files otherwise.
std::string bash_completion(CLI::App& app);

}  // namespace icsim::cli

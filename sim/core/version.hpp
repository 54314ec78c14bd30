#pragma once
// Build identity stamped at build time (cmake/write_version.cmake).
#include <string_view>

namespace icsim {
std::string_view version();              ///< semantic version, e.g. "0.1.0"
std::string_view git_revision();         ///< `git describe --always --dirty`, or "unknown"
std::string_view build_type();           ///< CMake build type
std::string_view compiler();             ///< compiler id and version
std::string_view dependency_versions();  ///< versions of HDF5, Boost, oneTBB, toml11, CLI11, Random123
}  // namespace icsim

#include "app/output_folder.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <system_error>

namespace icsim::app {
namespace fs = std::filesystem;
namespace {

bool starts(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }
bool ends(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
bool digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

/// "<prefix>DIGITS<suffix>"
bool numbered(const std::string& name, const std::string& prefix, const std::string& suffix) {
  return starts(name, prefix) && ends(name, suffix) && name.size() > prefix.size() + suffix.size() &&
         digits(name.substr(prefix.size(), name.size() - prefix.size() - suffix.size()));
}

bool is_point_dir(const std::string& name) { return numbered(name, "point-", ""); }

void sync_dir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

void remove_in(const fs::path& dir, std::vector<fs::path>& kept) {
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(dir)) entries.push_back(e.path());
  for (const auto& p : entries) {
    const std::string name = p.filename().string();
    const auto st = fs::symlink_status(p);
    if (fs::is_directory(st) && is_point_dir(name)) {
      remove_in(p, kept);
    } else if (fs::is_regular_file(st) && is_icsim_file(name)) {
      fs::remove(p);
    } else {
      kept.push_back(p);
    }
  }
  std::error_code ec;
  if (fs::is_empty(dir, ec) && !ec) fs::remove(dir, ec);
}

}  // namespace

bool is_icsim_file(const std::string& name) {
  for (const char* suffix : {".h5", ".h5.tmp", ".checkpoint.h5", ".checkpoint.h5.tmp"}) {
    if (numbered(name, "rep-", suffix)) return true;
  }
  if (name == "plan.txt" || name == "sweep.h5" || name == "sweep.h5.tmp" || name == "plan.lock") return true;
  if (starts(name, "plan.txt.") && ends(name, ".tmp")) return true;
  if (starts(name, "journal-") && ends(name, ".txt")) return true;
  if (starts(name, "shard-") && ends(name, ".lock")) return true;
  return false;
}

void remove_icsim_outputs(const fs::path& dir) {
  if (!fs::exists(fs::symlink_status(dir))) return;
  if (!fs::is_directory(fs::symlink_status(dir))) {
    throw std::runtime_error(dir.string() + " is in the way of the results (expected a folder icsim writes; "
                             "it is not removed)");
  }
  std::vector<fs::path> kept;
  remove_in(dir, kept);
  if (!kept.empty()) {
    std::cerr << "icsim: warning: --force kept " << kept.size() << " file(s) icsim did not write in " << dir.string()
              << " (e.g. " << kept.front().string() << ")\n";
  }
}

void retract_manifest(const fs::path& out) {
  const fs::path m = out / "manifest.json";
  std::error_code ec;
  if (fs::remove(m, ec)) sync_dir(out);
  if (ec) throw fs::filesystem_error("cannot remove the old manifest", m, ec);
}

}  // namespace icsim::app

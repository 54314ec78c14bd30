#include "io/manifest.hpp"

#include "io/atomic_file.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace icsim::io {

std::string json_string(const std::string& s) {
  std::string o = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\r': o += "\\r"; break;
      case '\t': o += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          o += buf;
        } else {
          o += static_cast<char>(c);
        }
    }
  }
  return o + "\"";
}

void write_manifest(const std::string& path, const Manifest& m) {
  std::ostringstream os;
  os << "{\n  \"format\": \"icsim-manifest-1\",\n"
     << "  \"icsim_version\": " << json_string(m.icsim_version) << ",\n"
     << "  \"git_revision\": " << json_string(m.git_revision) << ",\n"
     << "  \"command\": " << json_string(m.command) << ",\n"
     << "  \"runs\": [";
  for (std::size_t i = 0; i < m.runs.size(); ++i) {
    const auto& r = m.runs[i];
    os << (i ? ",\n" : "\n") << "    {\"scenario\": " << json_string(r.scenario)
       << (r.point >= 0 ? ", \"point\": " + std::to_string(r.point) : std::string())
       << ", \"replication\": " << r.replication << ", \"seed\": " << r.seed
       << ", \"file\": " << json_string(r.file) << ", \"status\": " << json_string(r.status)
       << ", \"sha256\": " << json_string(r.sha256) << ", \"bytes\": " << r.bytes
       << ", \"threads\": " << r.threads << ", \"wall_seconds\": " << r.wall_seconds;
    if (!r.error.empty()) os << ", \"error\": " << json_string(r.error);
    if (!r.checkpoint.empty()) os << ", \"checkpoint\": " << json_string(r.checkpoint);
    os << "}";
  }
  os << "\n  ]\n}\n";
  write_file_atomically(path, os.str());
}

}  // namespace icsim::io

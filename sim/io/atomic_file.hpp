#pragma once
// Small text files written so that a reader never sees half of one: under a temporary name,
// every write checked, synced, closed (checked) and renamed into place; and append-only logs
// whose every line is synced. Errors name the path and say what the system said, e.g.
// "cannot write out/manifest.json.tmp: no space left on device".
#include <filesystem>
#include <string>

namespace icsim::io {

/// strerror(e) starting in lower case ("no space left on device").
std::string os_error_text(int e);

/// Writes `text` to `path` atomically via `path` + ".tmp" (or `tmp`, for files several
/// processes may write at once). Throws std::runtime_error naming the path on any failure,
/// leaving no temporary file.
void write_file_atomically(const std::filesystem::path& path, const std::string& text,
                           const std::filesystem::path& tmp = {});

/// fsync of a file's bytes (before renaming it into place); throws naming the path.
void sync_file(const std::filesystem::path& path);
/// fsync of a folder (after a rename or removal in it), best effort.
void sync_folder(const std::filesystem::path& dir);

/// A log opened for appending; each line is written whole and synced, or throws.
class AppendLog {
 public:
  explicit AppendLog(std::filesystem::path path);
  ~AppendLog();
  AppendLog(const AppendLog&) = delete;
  AppendLog& operator=(const AppendLog&) = delete;
  void append(const std::string& line);
  void close();  ///< checked

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace icsim::io

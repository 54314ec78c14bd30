#pragma once
// Advisory locks (flock) on an output folder, so that two icsim processes never write one
// folder at once: <out>/icsim.lock is held exclusively for a whole run, sweep or resume, and
// shared by the shards of a sweep running at the same time (each of which holds its own shard
// lock exclusively). The holder writes who it is into the lock file (pid, host, start time,
// command), and a process that cannot take the lock says so. The lock is released by the
// kernel when the holder exits, however it exits; the file stays (it is never deleted, which
// would let two processes lock two different files).
#include <filesystem>
#include <stdexcept>
#include <string>

namespace icsim::io {

/// The folder is being written by another icsim process (what() names it).
class FolderBusy : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class FileLock {
 public:
  enum class Mode { exclusive, shared };
  FileLock() = default;
  /// Takes the lock on `lock_file` (created if needed) without waiting, or throws FolderBusy
  /// naming the holder; `what` is the folder in the message. Throws std::runtime_error if the
  /// lock file cannot be created. On a filesystem without locks it warns and holds nothing.
  /// With `wait`, waits for the lock instead.
  FileLock(const std::filesystem::path& lock_file, const std::string& what, const std::string& command, Mode mode,
           bool wait = false);
  ~FileLock();
  FileLock(FileLock&& o) noexcept : fd_(o.fd_), exclusive_(o.exclusive_) { o.fd_ = -1; }
  FileLock& operator=(FileLock&& o) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

  [[nodiscard]] bool held() const noexcept { return fd_ >= 0; }
  void release() noexcept;

 private:
  int fd_ = -1;
  bool exclusive_ = false;
};

/// The lock file of an output folder.
std::filesystem::path lock_path(const std::filesystem::path& out);

/// Takes <out>/icsim.lock exclusively for a whole run, sweep or resume (creating `out`).
FileLock lock_output_folder(const std::filesystem::path& out, const std::string& command);

/// Shares <out>/icsim.lock with other shards (an exclusive holder is refused), creating `out`.
FileLock share_output_folder(const std::filesystem::path& out, const std::string& command);

/// "pid 123 on host h since 2025-01-02T03:04:05Z: <command>"
std::string holder_text(const std::string& command);

/// Waits for an exclusive lock on `lock_file` (a short critical section shared by processes,
/// e.g. writing a sweep's plan); released by the returned object.
FileLock wait_for_lock(const std::filesystem::path& lock_file, const std::string& command);

}  // namespace icsim::io

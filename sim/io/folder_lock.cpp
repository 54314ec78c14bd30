#include "io/folder_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <iostream>
#include <vector>

namespace icsim::io {
namespace fs = std::filesystem;
namespace {

std::string read_all(int fd) {
  std::string s;
  char buf[4096];
  off_t at = 0;
  while (true) {
    const ssize_t n = ::pread(fd, buf, sizeof buf, at);
    if (n <= 0) break;
    s.append(buf, static_cast<std::size_t>(n));
    at += n;
    if (s.size() > 65536) break;
  }
  while (!s.empty() && (s.back() == '\n' || s.back() == '\0')) s.pop_back();
  return s;
}

int open_lock_file(const fs::path& p) {
  const int fd = ::open(p.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) {
    throw std::runtime_error("cannot create the lock file " + p.string() + ": " + std::strerror(errno));
  }
  return fd;
}

bool locks_unsupported(int e) { return e == ENOLCK || e == EOPNOTSUPP || e == ENOSYS || e == EINVAL; }

/// The shards holding their locks in the sweep folders of `out` (their holder texts).
std::vector<std::string> shard_holders(const fs::path& out) {
  std::vector<std::string> found;
  std::error_code ec;
  for (const auto& d : fs::directory_iterator(out, ec)) {
    if (!d.is_directory()) continue;
    for (const auto& f : fs::directory_iterator(d.path(), ec)) {
      const auto name = f.path().filename().string();
      if (name.rfind("shard-", 0) != 0 || f.path().extension() != ".lock") continue;
      const int fd = ::open(f.path().c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) continue;
      if (::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK) found.push_back(read_all(fd));
      ::close(fd);
    }
  }
  return found;
}

}  // namespace

std::string holder_text(const std::string& command) {
  char host[256] = {0};
  if (::gethostname(host, sizeof host - 1) != 0) std::strcpy(host, "?");
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  char when[32];
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return "pid " + std::to_string(::getpid()) + " on host " + host + " since " + when + ": " + command;
}

FileLock::FileLock(const fs::path& lock_file, const std::string& what, const std::string& command, Mode mode,
                   bool wait)
    : exclusive_(mode == Mode::exclusive) {
  const int fd = open_lock_file(lock_file);
  int status = 0;
  do {
    status = ::flock(fd, (exclusive_ ? LOCK_EX : LOCK_SH) | (wait ? 0 : LOCK_NB));
  } while (status != 0 && errno == EINTR);
  if (status != 0) {
    const int e = errno;
    if (locks_unsupported(e)) {
      ::close(fd);
      std::cerr << "icsim: warning: cannot lock " << lock_file.string() << " (" << std::strerror(e)
                << "): this filesystem has no file locks, so other icsim processes writing " << what
                << " at the same time are not detected\n";
      return;
    }
    std::string holder = read_all(fd);
    ::close(fd);
    if (e != EWOULDBLOCK) {
      throw std::runtime_error("cannot lock " + lock_file.string() + ": " + std::strerror(e));
    }
    std::string who;
    if (!holder.empty()) {
      who = "another icsim process (" + holder + ")";
    } else {
      const auto shards = shard_holders(lock_file.parent_path());
      if (shards.empty()) {
        who = "another icsim process (just starting)";
      } else {
        who = std::to_string(shards.size()) + " icsim sweep shard(s) (" + shards.front() +
              (shards.size() > 1 ? "; ..." : "") + ")";
      }
    }
    throw FolderBusy(what + " is in use by " + who + ": wait for it to finish, or use --out to write elsewhere");
  }
  fd_ = fd;
  // The holder's text: an exclusive holder writes it; shared holders clear what a holder that
  // was killed left (no exclusive holder can exist while they hold the lock).
  if (::ftruncate(fd_, 0) == 0 && exclusive_) {
    const std::string text = holder_text(command) + "\n";
    if (::pwrite(fd_, text.data(), text.size(), 0) < 0) {
      // Only the message of a process refused the lock would lack the holder: not an error.
    }
  }
}

FileLock& FileLock::operator=(FileLock&& o) noexcept {
  if (this != &o) {
    release();
    fd_ = o.fd_;
    exclusive_ = o.exclusive_;
    o.fd_ = -1;
  }
  return *this;
}

FileLock::~FileLock() { release(); }

void FileLock::release() noexcept {
  if (fd_ < 0) return;
  if (exclusive_) {
    if (::ftruncate(fd_, 0) != 0) {
      // the next holder truncates it anyway
    }
  }
  ::close(fd_);  // releases the flock
  fd_ = -1;
}

fs::path lock_path(const fs::path& out) { return out / "icsim.lock"; }

FileLock lock_output_folder(const fs::path& out, const std::string& command) {
  fs::create_directories(out);
  return FileLock(lock_path(out), out.string(), command, FileLock::Mode::exclusive);
}

FileLock share_output_folder(const fs::path& out, const std::string& command) {
  fs::create_directories(out);
  return FileLock(lock_path(out), out.string(), command, FileLock::Mode::shared);
}

FileLock wait_for_lock(const fs::path& lock_file, const std::string& command) {
  return FileLock(lock_file, lock_file.parent_path().string(), command, FileLock::Mode::exclusive, true);
}

}  // namespace icsim::io

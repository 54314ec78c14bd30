#include "io/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace icsim::io {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const std::string& what, const fs::path& p, int e) {
  throw std::runtime_error(what + " " + p.string() + ": " + os_error_text(e));
}

void write_all(int fd, const char* data, std::size_t n, const fs::path& p) {
  while (n > 0) {
    const ssize_t w = ::write(fd, data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      fail("cannot write", p, errno);
    }
    data += w;
    n -= static_cast<std::size_t>(w);
  }
}

}  // namespace

std::string os_error_text(int e) {
  std::string s = std::strerror(e);
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

void write_file_atomically(const fs::path& path, const std::string& text, const fs::path& tmp_given) {
  const fs::path tmp = tmp_given.empty() ? fs::path(path.string() + ".tmp") : tmp_given;
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("cannot write", tmp, errno);
  try {
    write_all(fd, text.data(), text.size(), tmp);
    if (::fsync(fd) != 0) fail("cannot write", tmp, errno);
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  if (::close(fd) != 0) {
    const int e = errno;
    ::unlink(tmp.c_str());
    fail("cannot write", tmp, e);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int e = errno;
    ::unlink(tmp.c_str());
    fail("cannot rename " + tmp.string() + " to", path, e);
  }
  sync_folder(path.has_parent_path() ? path.parent_path() : fs::path("."));
}

void sync_file(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail("cannot open", path, errno);
  if (::fsync(fd) != 0) {
    const int e = errno;
    ::close(fd);
    fail("cannot write", path, e);
  }
  if (::close(fd) != 0) fail("cannot write", path, errno);
}

void sync_folder(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

AppendLog::AppendLog(fs::path path) : path_(std::move(path)) {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) fail("cannot write", path_, errno);
}

AppendLog::~AppendLog() {
  if (fd_ >= 0) ::close(fd_);
}

void AppendLog::append(const std::string& line) {
  // A line cut short (disk full) is taken back, so the next line starts on a line of its own.
  const off_t before = ::lseek(fd_, 0, SEEK_END);
  try {
    write_all(fd_, line.data(), line.size(), path_);
    if (::fsync(fd_) != 0) fail("cannot write", path_, errno);
  } catch (...) {
    if (before >= 0 && ::ftruncate(fd_, before) != 0) {
      // nothing more to do: a reader skips a line it cannot parse
    }
    throw;
  }
}

void AppendLog::close() {
  if (fd_ < 0) return;
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) fail("cannot write", path_, errno);
}

}  // namespace icsim::io

#include "scenario/toml_guard.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "scenario/scenario.hpp"

namespace icsim::scenario {
namespace {

std::string mib(std::size_t bytes) {
  return std::to_string(bytes >> 20) + " MiB";
}

/// The pre-scan: one pass over the text, skipping strings and comments as TOML lexes them.
class Scan {
 public:
  Scan(std::string_view t, const std::string& source, const TomlLimits& l) : t_(t), source_(source), limits_(l) {}

  void run() {
    while (i_ < t_.size()) {
      const char c = t_[i_];
      if (c == '\n') {
        ++line_;
        ++i_;
        if (stack_.empty()) start_line();
        continue;
      }
      if (c == '#') {
        while (i_ < t_.size() && t_[i_] != '\n') ++i_;
        continue;
      }
      if (c == '"' || c == '\'') {
        string(c);
        continue;
      }
      if (key_) {
        if (c == '.') {
          if (++parts_ > limits_.max_key_parts) {
            fail("a dotted key or table header of more than " + std::to_string(limits_.max_key_parts) +
                 " parts: expected at most " + std::to_string(limits_.max_key_parts));
          }
        } else if (c == '=') {
          key_ = false;
        } else if (c == '[' && stack_.empty() && at_line_start_) {
          header_ = true;
          push(c);
        } else if (c == '[' && header_) {
          push(c);
        } else if (c == ']' && header_) {
          pop();
          if (stack_.empty()) header_ = false, key_ = false;
        } else if (c == '}') {
          pop();
          key_ = false;
        }
        if (c != ' ' && c != '\t' && c != '\r') at_line_start_ = false;
        ++i_;
        continue;
      }
      switch (c) {
        case '[': push(c); break;
        case '{':
          push(c);
          begin_key();
          break;
        case ']':
        case '}': pop(); break;
        case ',':
          if (!stack_.empty() && stack_.back() == '{') begin_key();
          break;
        default: break;
      }
      ++i_;
    }
  }

 private:
  void start_line() {
    begin_key();
    at_line_start_ = true;
  }
  void begin_key() {
    key_ = true;
    parts_ = 1;
  }
  void push(char c) {
    stack_.push_back(c);
    if (static_cast<int>(stack_.size()) > limits_.max_depth) {
      fail("arrays or inline tables nested more than " + std::to_string(limits_.max_depth) +
           " deep: expected at most " + std::to_string(limits_.max_depth) + " levels");
    }
  }
  void pop() {
    if (!stack_.empty()) stack_.pop_back();  // unbalanced brackets are the parser's to report
  }
  /// Skips a string starting at i_ (basic or literal, one-line or multi-line).
  void string(char q) {
    at_line_start_ = false;
    const bool multi = i_ + 2 < t_.size() && t_[i_ + 1] == q && t_[i_ + 2] == q;
    i_ += multi ? 3 : 1;
    while (i_ < t_.size()) {
      const char c = t_[i_];
      if (c == '\\' && q == '"') {
        if (i_ + 1 < t_.size() && t_[i_ + 1] == '\n') ++line_;
        i_ += 2;
        continue;
      }
      if (c == '\n') {
        ++line_;
        ++i_;
        if (!multi) {  // a one-line string cannot hold a newline: the parser reports it
          if (stack_.empty()) start_line();
          return;
        }
        continue;
      }
      if (c == q) {
        if (!multi) {
          ++i_;
          return;
        }
        if (i_ + 2 < t_.size() && t_[i_ + 1] == q && t_[i_ + 2] == q) {
          i_ += 3;
          for (int extra = 0; extra < 2 && i_ < t_.size() && t_[i_] == q; ++extra) ++i_;  // """a"""" is legal
          return;
        }
      }
      ++i_;
    }
  }
  [[noreturn]] void fail(const std::string& what) const { throw Error(source_, line_, "", "", what); }

  std::string_view t_;
  const std::string& source_;
  const TomlLimits& limits_;
  std::size_t i_ = 0;
  int line_ = 1;
  std::vector<char> stack_;
  bool key_ = true, header_ = false, at_line_start_ = true;
  int parts_ = 1;
};

/// The offset of the first byte that is not part of valid UTF-8 (RFC 3629: no overlong forms,
/// no surrogates, nothing above U+10FFFF), or npos. TOML files are UTF-8; toml11 3.7 reads out of
/// bounds when reporting invalid UTF-8 inside a literal string (found by tests/fuzz).
std::size_t invalid_utf8(std::string_view t) {
  std::size_t i = 0;
  while (i < t.size()) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = 0;
    unsigned lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + n >= t.size()) return i;  // cut short
    for (std::size_t k = 1; k <= n; ++k) {
      const auto b = static_cast<unsigned char>(t[i + k]);
      if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return i;
    }
    i += n + 1;
  }
  return std::string_view::npos;
}

std::string kind_of(mode_t m) {
  if (S_ISDIR(m)) return "a directory";
  if (S_ISFIFO(m)) return "a FIFO (named pipe)";
  if (S_ISCHR(m)) return "a character device";
  if (S_ISBLK(m)) return "a block device";
  if (S_ISSOCK(m)) return "a socket";
  return "not a regular file";
}

}  // namespace

void guard_toml(std::string_view text, const std::string& source, const TomlLimits& limits) {
  if (text.size() > limits.max_bytes) {
    throw Error(source, 0, "", "", "a text of " + std::to_string(text.size()) + " bytes: expected at most " +
                                       mib(limits.max_bytes));
  }
  if (const auto bad = invalid_utf8(text); bad != std::string_view::npos) {
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[bad]));
    throw Error(source, line, "", "", std::string("a byte ") + byte + " that is not UTF-8: expected a UTF-8 text");
  }
  Scan(text, source, limits).run();
}

std::string read_regular_file(const std::string& path, const TomlLimits& limits) {
  // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    throw Error(path, 0, "", "", std::string("cannot open the file: ") + std::strerror(errno));
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw Error(path, 0, "", "", std::string("cannot read the file: ") + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) throw Error(path, 0, "", "", "expected a regular file, found " + kind_of(st.st_mode));
  if (static_cast<std::size_t>(st.st_size) > limits.max_bytes) {
    throw Error(path, 0, "", "", "a file of " + std::to_string(st.st_size) + " bytes: expected at most " +
                                     mib(limits.max_bytes));
  }
  std::string out;
  char buf[65536];
  while (true) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error(path, 0, "", "", std::string("cannot read the file: ") + std::strerror(errno));
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > limits.max_bytes) {  // grew while being read
      throw Error(path, 0, "", "", "a file of more than " + mib(limits.max_bytes) + ": expected at most " +
                                       mib(limits.max_bytes));
    }
  }
  return out;
}

}  // namespace icsim::scenario

// Crafted input before the TOML parser: deep nesting and long dotted keys are refused with the
// file and line (toml11 overflows its stack on them), and only regular files are read, also
// through scenario.extends and for sweep files.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "scenario/scenario.hpp"
#include "scenario/sweep.hpp"
#include "scenario/toml_guard.hpp"

using namespace icsim;
namespace fs = std::filesystem;

namespace {

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

const std::string kHead = "[scenario]\nname = \"x\"\n";

scenario::Error error_of(const std::string& text, const std::vector<scenario::Override>& o = {}) {
  try {
    scenario::load_text(text, "crafted.toml", o);
  } catch (const scenario::Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error for a text of " << text.size() << " bytes";
  return scenario::Error("", 0, "", "", "");
}

fs::path temp_dir(const std::string& name) {
  const auto d = fs::temp_directory_path() / ("icsim-guard-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

}  // namespace

TEST(TomlGuard, DeepArraysAndInlineTablesAreRefusedWithTheLine) {
  // 100,000 levels overflowed toml11's stack (SIGSEGV) before the guard.
  const auto arrays = error_of(kHead + "\n\nv = " + repeat("[", 100000) + repeat("]", 100000) + "\n");
  EXPECT_EQ(arrays.file, "crafted.toml");
  EXPECT_EQ(arrays.line, 5);
  EXPECT_NE(std::string(arrays.what()).find("nested more than 32 deep"), std::string::npos) << arrays.what();
  const auto tables = error_of(kHead + "v = " + repeat("{a = ", 50000) + "1" + repeat("}", 50000) + "\n");
  EXPECT_EQ(tables.line, 3);
  EXPECT_NE(std::string(tables.what()).find("inline tables"), std::string::npos) << tables.what();
}

TEST(TomlGuard, LongDottedHeadersAndKeysAreRefused) {
  std::string dots = "a";
  for (int i = 0; i < 50000; ++i) dots += ".a";
  const auto header = error_of(kHead + "[" + dots + "]\n");
  EXPECT_EQ(header.line, 3);
  EXPECT_NE(std::string(header.what()).find("dotted key or table header of more than 32 parts"), std::string::npos)
      << header.what();
  const auto key = error_of(kHead + "\n" + dots + " = 1\n");
  EXPECT_EQ(key.line, 4);
  // Command-line values pass the same guard.
  const auto set = error_of(kHead, {{"scenario.days", repeat("[", 100000)}});
  EXPECT_EQ(set.file, "command line");
}

TEST(TomlGuard, BracketsAndDotsInStringsAndCommentsDoNotCount) {
  const std::string deep = repeat("[", 40);
  const std::string text = "a = \"" + deep + "\"\nb = '" + deep + "'\nc = \"\"\"\n" + deep + "\n\"\"\"\n" +
                           "d = '''" + deep + "'''\n# " + deep + "\n\"x.y.z\" = 1\ne = 1.5\n" +
                           "f = [[1, 2], [3, 4]]\ng = {h.i = 1, j = [{k = 2}]}\n" +
                           "[t." + repeat("\"q.q\".", 20) + "u]\n";
  EXPECT_NO_THROW(scenario::guard_toml(text, "ok.toml"));
  EXPECT_NO_THROW(scenario::guard_toml("v = " + repeat("[", 32) + repeat("]", 32), "ok.toml"));
  EXPECT_THROW(scenario::guard_toml("v = " + repeat("[", 33) + repeat("]", 33), "ok.toml"), scenario::Error);
  // Lines are counted through multi-line strings and escaped newlines.
  try {
    scenario::guard_toml("s = \"\"\"\n\n\\\n\"\"\"\nv = " + repeat("[", 33), "lines.toml");
    FAIL();
  } catch (const scenario::Error& e) {
    EXPECT_EQ(e.line, 5);
  }
}

TEST(TomlGuard, TextsThatAreNotUtf8AreRefusedBeforeParsing) {
  // Found by tests/fuzz: toml11 read out of bounds reporting invalid UTF-8 in a literal string.
  const auto e = error_of(kHead + "\na = '''\xff\xfe'''\nb = 'x\xc0\x80'\n");
  EXPECT_EQ(e.line, 4);
  EXPECT_NE(std::string(e.what()).find("a byte 0xFF that is not UTF-8"), std::string::npos) << e.what();
  for (const std::string bad : {"\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82", "\x80"}) {
    EXPECT_THROW(scenario::guard_toml("s = \"" + bad + "\"", "u.toml"), scenario::Error) << bad.size();
  }
  for (const std::string good : {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xef\xbb\xbf"}) {
    EXPECT_NO_THROW(scenario::guard_toml("s = \"" + good + "\"", "u.toml")) << good.size();
  }
}

TEST(TomlGuard, TooLargeTextsAreRefusedBeforeParsing) {
  scenario::TomlLimits small;
  small.max_bytes = 1000;
  EXPECT_THROW(scenario::guard_toml(std::string(1001, ' '), "big.toml", small), scenario::Error);
  const auto d = temp_dir("size");
  { std::ofstream(d / "big.toml") << std::string(2000, '#'); }
  try {
    scenario::read_regular_file((d / "big.toml").string(), small);
    FAIL();
  } catch (const scenario::Error& e) {
    EXPECT_NE(std::string(e.what()).find("a file of 2000 bytes: expected at most"), std::string::npos) << e.what();
  }
  fs::remove_all(d);
}

TEST(TomlGuard, OnlyRegularFilesAreRead) {
  const auto d = temp_dir("files");
  const auto fifo = d / "fifo.toml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const std::pair<std::string, std::string> cases[] = {
      {"/dev/zero", "a character device"}, {fifo.string(), "a FIFO"}, {d.string(), "a directory"}};
  for (const auto& [path, found] : cases) {
    try {
      scenario::load_file(path);  // /dev/zero was read until memory ran out; a FIFO blocked
      ADD_FAILURE() << path;
    } catch (const scenario::Error& e) {
      EXPECT_EQ(e.file, path);
      EXPECT_NE(std::string(e.what()).find("expected a regular file, found " + found), std::string::npos) << e.what();
    }
  }
  // Through extends, "." (the folder) was taken as an empty file.
  for (const std::string& target : {std::string("."), std::string("/dev/zero"), fifo.string()}) {
    { std::ofstream(d / "child.toml") << "[scenario]\nname = \"c\"\nextends = \"" << target << "\"\n"; }
    try {
      scenario::load_file((d / "child.toml").string());
      ADD_FAILURE() << target;
    } catch (const scenario::Error& e) {
      EXPECT_EQ(e.line, 3) << e.what();
      EXPECT_EQ(e.key, "scenario.extends");
      EXPECT_NE(std::string(e.what()).find("expected a regular file"), std::string::npos) << e.what();
    }
  }
  // Sweep files.
  try {
    scenario::load_sweep("/dev/zero");
    ADD_FAILURE();
  } catch (const scenario::Error& e) {
    EXPECT_NE(std::string(e.what()).find("a character device"), std::string::npos) << e.what();
  }
  { std::ofstream(d / "deep_sweep.toml") << "[sweep]\nname = " << repeat("[", 100000) << "\n"; }
  try {
    scenario::load_sweep((d / "deep_sweep.toml").string());
    ADD_FAILURE();
  } catch (const scenario::Error& e) {
    EXPECT_EQ(e.line, 2);
  }
  fs::remove_all(d);
}

TEST(SweepNames, NamesThatAreNotAFolderNameAreRefused) {
  const auto d = temp_dir("names");
  for (const char* name : {"../x", "/tmp/abs", ".", "..", "a/b", "a.b", "", "sp ace"}) {
    { std::ofstream(d / "s.toml") << "[sweep]\nname = \"" << name << "\"\ndesign = \"list\"\n"
                                  << "[[parameter]]\npath = \"scenario.seed\"\nvalues = [1]\n"; }
    try {
      scenario::load_sweep((d / "s.toml").string());
      ADD_FAILURE() << name;
    } catch (const scenario::Error& e) {
      EXPECT_EQ(e.key, "sweep.name") << name;
      EXPECT_EQ(e.line, 2) << name;
    }
  }
  fs::remove_all(d);
}

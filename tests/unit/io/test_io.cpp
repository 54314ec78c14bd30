// The HDF5 layer and run files, read back from real files; SHA-256 against FIPS vectors.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "io/h5.hpp"
#include "io/manifest.hpp"
#include "io/run_file.hpp"
#include "io/sha256.hpp"

namespace fs = std::filesystem;
using namespace icsim::io;

namespace {
fs::path temp_dir(const std::string& name) {
  const fs::path p = fs::temp_directory_path() / ("icsim_test_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}
}  // namespace

TEST(Sha256, MatchesFipsVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(RunFile, WritesUnderTemporaryNameAndRenamesOnCommit) {
  const auto dir = temp_dir("commit");
  const std::string path = (dir / "run.h5").string();
  {
    RunFile f(path, 4);
    EXPECT_TRUE(fs::exists(path + ".tmp"));
    EXPECT_FALSE(fs::exists(path));
    f.parameters({{"seed", std::int64_t{7}}, {"name", std::string("x")}, {"rate", 0.5}});
    f.table({"/places", "places", {{"id", std::vector<std::string>{"a", "b"}, {}, ""},
                                   {"population", std::vector<std::int64_t>{10, 20}, {}, "persons"}}});
    SeriesSpec spec{"list", "patients", "stock", "d", {"organisation", "specialty"}, {2, 3}, true};
    const auto s = f.add_series(spec);
    const std::vector<std::int64_t> row0 = {1, 2, 3, 4, 5, 6}, row1 = {7, 8, 9, 10, 11, 12};
    f.append(s, 0, 0.0, row0);
    f.append(s, 7, 7.0, row1);
    const auto m = f.add_series({"median", "weeks", "stock", "d", {}, {}, false});
    const double v = 12.5;
    f.append(m, 0, 0.0, std::span<const double>(&v, 1));
    f.commit();
  }
  EXPECT_TRUE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path + ".tmp"));

  const auto file = h5::open_file_read(path);
  const auto params = h5::open_group(file.id(), "/parameters");
  EXPECT_EQ(h5::attr_int(params.id(), "seed"), 7);
  EXPECT_EQ(h5::attr_string(params.id(), "name"), "x");
  EXPECT_EQ(h5::attr_double(params.id(), "rate"), 0.5);
  EXPECT_EQ(h5::read_strings(file.id(), "/places/id"), (std::vector<std::string>{"a", "b"}));
  std::vector<hsize_t> dims;
  const auto values = h5::read_ints(file.id(), "/observables/list/value", &dims);
  EXPECT_EQ(dims, (std::vector<hsize_t>{2, 2, 3}));
  EXPECT_EQ(values[6], 7);
  EXPECT_EQ(h5::read_ints(file.id(), "/observables/list/step"), (std::vector<std::int64_t>{0, 7}));
  EXPECT_EQ(h5::read_doubles(file.id(), "/observables/list/time"), (std::vector<double>{0.0, 7.0}));
  const auto value = h5::open_dataset(file.id(), "/observables/list/value");
  EXPECT_EQ(h5::attr_string(value.id(), "unit"), "patients");
  EXPECT_EQ(h5::read_doubles(file.id(), "/observables/median/value"), (std::vector<double>{12.5}));
  fs::remove_all(dir);
}

TEST(RunFile, AbandonedFileLeavesNothingBehind) {
  const auto dir = temp_dir("abandon");
  const std::string path = (dir / "run.h5").string();
  {
    RunFile f(path, 0);
    f.parameters({{"seed", std::int64_t{1}}});
  }  // no commit: e.g. an exception during the run
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path + ".tmp"));
  fs::remove_all(dir);
}

TEST(RunFile, SameWritesGiveIdenticalBytes) {
  const auto dir = temp_dir("identical");
  auto write = [&](const std::string& name) {
    RunFile f((dir / name).string(), 4);
    f.parameters({{"seed", std::int64_t{1}}});
    const auto s = f.add_series({"x", "1", "stock", "", {"a"}, {3}, false});
    for (int i = 0; i < 50; ++i) {
      const std::vector<double> row = {i * 1.0, i * 2.0, i * 3.0};
      f.append(s, i, i, row);
    }
    f.commit();
    return sha256_file((dir / name).string());
  };
  EXPECT_EQ(write("a.h5"), write("b.h5"));
  fs::remove_all(dir);
}

TEST(H5, ErrorsCarryTheLibraryMessage) {
  try {
    h5::open_file_read("/nonexistent/file.h5");
    FAIL();
  } catch (const h5::Error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot open HDF5 file /nonexistent/file.h5"),
              std::string::npos);
  }
}

TEST(Manifest, WritesEscapedJsonAtomically) {
  const auto dir = temp_dir("manifest");
  Manifest m;
  m.icsim_version = "0.1.0";
  m.command = "icsim run \"a b\"";
  m.runs.push_back({"s", 0, 1, "s/rep-0000.h5", "complete", "ab", 10, 2, 0.5, ""});
  write_manifest((dir / "manifest.json").string(), m);
  EXPECT_TRUE(fs::exists(dir / "manifest.json"));
  EXPECT_FALSE(fs::exists(dir / "manifest.json.tmp"));
  EXPECT_EQ(json_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
  fs::remove_all(dir);
}

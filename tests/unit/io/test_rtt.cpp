// RTT full CSV extracts read back from real files (plain and gzipped), and every kind of bad
// input giving an error that names the file and line.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "common/rtt.hpp"
#include "io/rtt.hpp"

namespace fs = std::filesystem;
using namespace icsim::io::rtt;
using icsim::test::RttRow;

namespace {

fs::path temp_dir(const std::string& name) {
  const fs::path p = fs::temp_directory_path() / ("icsim_rtt_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

std::vector<RttRow> sample_rows(const std::string& commissioner = "00A") {
  RttRow w;  // Part_2
  w.commissioner = commissioner;
  w.bands[0] = 10;
  w.bands[20] = 3;
  w.bands[60] = 1;
  RttRow a = w;
  a.part = "Part_1A";
  a.bands = {};
  a.bands[2] = 4;
  a.unknown = 2;
  RttRow b = a;
  b.part = "Part_1B";
  b.provider = "RBB";
  return {w, a, b};
}

std::vector<std::string> read_lines(const fs::path& p) {
  std::ifstream f(p);
  std::vector<std::string> v;
  for (std::string l; std::getline(f, l);) v.push_back(l);
  return v;
}

void write_lines(const fs::path& p, const std::vector<std::string>& v) {
  std::ofstream f(p);
  for (const auto& l : v) f << l << "\n";
}

/// The error of reading `p`, which must name p:line and contain `what`.
void expect_error(const fs::path& p, long line, const std::string& what) {
  try {
    (void)read_extract(p);
    FAIL() << "no error for " << what;
  } catch (const RttError& e) {
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_NE(std::string(e.what()).find(p.string() + ":" + std::to_string(line) + ": "), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
  }
}

}  // namespace

TEST(Rtt, ReadsPlainAndGzippedExtractsAlike) {
  const auto dir = temp_dir("read");
  icsim::test::write_rtt(dir / "jan.csv", "RTT-January-2015", sample_rows());
  {
    std::ifstream in(dir / "jan.csv");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    gzFile gz = gzopen((dir / "jan.csv.gz").c_str(), "wb");
    gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
    gzclose(gz);
  }
  const Extract plain = read_extract(dir / "jan.csv"), gz = read_extract(dir / "jan.csv.gz");
  EXPECT_EQ(plain.period, (Month{2015, 1}));  // mixed case accepted
  ASSERT_EQ(plain.rows.size(), 3u);
  EXPECT_EQ(gz.rows.size(), 3u);
  EXPECT_EQ(plain.rows[1].provider_name, "Provider RAA, a trust");  // quoted comma
  EXPECT_EQ(gz.rows[0].bands, plain.rows[0].bands);
  EXPECT_EQ(plain.rows[1].total_all, 6);
}

TEST(Rtt, AggregatesByCommissionerOrProviderAndTreatmentFunction) {
  const auto dir = temp_dir("agg");
  icsim::test::write_rtt(dir / "jan.csv", "RTT-JANUARY-2015", sample_rows());
  icsim::test::write_rtt(dir / "feb.csv", "RTT-FEBRUARY-2015", sample_rows());
  const std::vector<Extract> ex = {read_extract(dir / "feb.csv"), read_extract(dir / "jan.csv")};
  const Series byc = aggregate(ex, By::commissioner, {2015, 1}, {2015, 2});
  ASSERT_EQ(byc.lists.size(), 1u);
  EXPECT_EQ(byc.lists[0].provider, "");
  EXPECT_EQ(byc.lists[0].commissioner, "00A");
  EXPECT_EQ(byc.data[0][0].waiting_total(), 14);
  EXPECT_EQ(byc.data[0][1].treated_total(), 8);  // Part_1A + Part_1B, banded
  EXPECT_EQ(byc.data[0][1].treated_unknown, 4);
  EXPECT_EQ(byc.data[0][0].starts, -1);  // no Part_3
  const Series byp = aggregate(ex, By::provider, {2015, 1}, {2015, 2});
  ASSERT_EQ(byp.lists.size(), 2u);  // RAA and RBB
  EXPECT_EQ(byp.lists[0].provider, "RAA");
  EXPECT_EQ(byp.data[0][0].treated_total(), 4);
}

TEST(Rtt, BadExtractsNameFileAndLine) {
  const auto dir = temp_dir("bad");
  const fs::path good = dir / "good.csv";
  icsim::test::write_rtt(good, "RTT-JANUARY-2015", sample_rows());
  const auto lines = read_lines(good);
  auto variant = [&](const std::string& name, std::size_t line, const std::string& from, const std::string& to) {
    auto v = lines;
    const auto at = v[line].find(from);
    EXPECT_NE(at, std::string::npos) << from;
    v[line].replace(at, from.size(), to);
    write_lines(dir / name, v);
    return dir / name;
  };
  expect_error(variant("unknown_band.csv", 0, "Gt 10 To 11 Weeks", "Gt 10 To 12 Weeks"), 1, "unknown column");
  expect_error(variant("duplicate_band.csv", 0, "Gt 10 To 11 Weeks", "Gt 11 To 12 Weeks"), 1, "duplicates column");
  expect_error(variant("missing_band.csv", 0, ",Gt 104 Weeks SUM 1", ""), 1, "missing band column 'Gt 104 Weeks SUM 1'");
  expect_error(variant("negative.csv", 1, ",10,", ",-10,"), 2, "column 'Gt 00 To 01 Weeks SUM 1': value '-10': expected a whole number >= 0");
  expect_error(variant("text.csv", 3, ",4,", ",four,"), 4, "value 'four': expected a whole number");
  expect_error(variant("short.csv", 2, ",4,", ","), 3, "malformed row: 120 fields, expected 121");
  expect_error(variant("total.csv", 2, ",4,2,6", ",5,2,7"), 3, "column 'Total': value '5': expected the sum of the weekly bands, 4");
  expect_error(variant("total_all.csv", 2, ",4,2,6", ",4,2,9"), 3, "column 'Total All': value '9'");
  expect_error(variant("period.csv", 3, "RTT-JANUARY-2015", "RTT-FEBRUARY-2015"), 4, "expected the file's month, 2015-01");
  expect_error(variant("part.csv", 1, "Part_2", "Part_9"), 2, "value 'Part_9'");
  auto dup = lines;
  dup.push_back(lines[2]);
  write_lines(dir / "dup.csv", dup);
  expect_error(dir / "dup.csv", 5, "duplicate row");
  auto names = lines;
  names[2].replace(names[2].find("Commissioner 00A"), 16, "Commissioner ZZZ");
  write_lines(dir / "names.csv", names);
  expect_error(dir / "names.csv", 3, "mismatched organisations");
}

TEST(Rtt, MissingBandColumnIsNamed) {
  const auto dir = temp_dir("missing");
  auto lines = read_lines([&] {
    icsim::test::write_rtt(dir / "x.csv", "RTT-JANUARY-2015", sample_rows());
    return dir / "x.csv";
  }());
  // Drop the band "Gt 30 To 31" (column 44) from the header and every row.
  for (auto& l : lines) {
    std::size_t at = 0;
    for (int i = 0; i < 43; ++i) at = l.find(',', at) + 1;
    l.erase(at, l.find(',', at) - at + 1);
  }
  write_lines(dir / "x.csv", lines);
  expect_error(dir / "x.csv", 1, "missing band column 'Gt 30 To 31 Weeks SUM 1'");
}

TEST(Rtt, WindowNeedsEveryMonthOnceAndTheSameOrganisations) {
  const auto dir = temp_dir("window");
  icsim::test::write_rtt(dir / "jan.csv", "RTT-JANUARY-2015", sample_rows());
  icsim::test::write_rtt(dir / "mar.csv", "RTT-MARCH-2015", sample_rows());
  icsim::test::write_rtt(dir / "mar2.csv", "RTT-MARCH-2015", sample_rows());
  icsim::test::write_rtt(dir / "feb.csv", "RTT-FEBRUARY-2015", sample_rows("00B"));
  const std::vector<Extract> gap = {read_extract(dir / "jan.csv"), read_extract(dir / "mar.csv")};
  try {
    (void)aggregate(gap, By::commissioner, {2015, 1}, {2015, 3});
    FAIL();
  } catch (const RttError& e) {
    EXPECT_NE(std::string(e.what()).find("month 2015-02 is missing"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("jan.csv:0: "), std::string::npos) << e.what();
  }
  const std::vector<Extract> twice = {read_extract(dir / "mar.csv"), read_extract(dir / "mar2.csv")};
  EXPECT_THROW((void)aggregate(twice, By::commissioner, {2015, 3}, {2015, 3}), RttError);
  const std::vector<Extract> other = {read_extract(dir / "jan.csv"), read_extract(dir / "feb.csv")};
  try {
    (void)aggregate(other, By::commissioner, {2015, 1}, {2015, 2});
    FAIL();
  } catch (const RttError& e) {
    EXPECT_TRUE(std::regex_search(e.what(), std::regex("jan\\.csv:2: commissioner 00A \\(2015-01\\) is not in .*feb\\.csv")))
        << e.what();
  }
  EXPECT_NO_THROW((void)aggregate(other, By::provider, {2015, 1}, {2015, 2}));  // the providers agree
}

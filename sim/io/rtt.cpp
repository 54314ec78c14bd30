#include "io/rtt.hpp"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <memory>
#include <numeric>
#include <set>

namespace icsim::io::rtt {
namespace {

constexpr std::array<const char*, 12> kMonthNames = {"JANUARY", "FEBRUARY", "MARCH",     "APRIL",   "MAY",      "JUNE",
                                                     "JULY",    "AUGUST",   "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"};

std::string band_name(int k) {
  if (k == kBands - 1) return "Gt 104 Weeks SUM 1";
  auto two = [](int x) { return (x < 10 ? "0" : "") + std::to_string(x); };
  return "Gt " + two(k) + " To " + two(k + 1) + " Weeks SUM 1";
}

/// Lines of a gzipped or plain file (zlib reads plain files as they are).
class LineReader {
 public:
  explicit LineReader(const std::filesystem::path& p) : name_(p.string()), gz_(gzopen(name_.c_str(), "rb")) {
    if (gz_ == nullptr) throw RttError(name_, 0, "cannot open the file");
    gzbuffer(gz_, 1 << 17);
  }
  ~LineReader() { gzclose(gz_); }
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;
  bool next(std::string& line) {
    line.clear();
    char buf[8192];
    while (gzgets(gz_, buf, sizeof buf) != nullptr) {
      line += buf;
      if (!line.empty() && line.back() == '\n') break;
    }
    int err = 0;
    const char* msg = gzerror(gz_, &err);
    if (err != Z_OK && err != Z_STREAM_END) throw RttError(name_, number_ + 1, std::string("cannot read: ") + msg);
    if (line.empty()) return false;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    ++number_;
    return true;
  }
  [[nodiscard]] long number() const { return number_; }

 private:
  std::string name_;
  gzFile gz_;
  long number_ = 0;
};

/// Splits one CSV record (RFC 4180 quotes; no newlines inside fields in these extracts).
bool split_csv(const std::string& line, std::vector<std::string>& out) {
  out.clear();
  std::string cur;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cur += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cur += c;
      }
    } else if (c == '"' && cur.empty()) {
      quoted = true;
    } else if (c == ',') {
      out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(std::move(cur));
  return !quoted;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

struct Columns {
  int period = -1, provider = -1, provider_name = -1, commissioner = -1, commissioner_name = -1, part = -1,
      function = -1, function_name = -1, total = -1, unknown = -1, total_all = -1;
  std::array<int, kBands> bands{};
  std::size_t count = 0;
};

Columns read_header(const std::string& file, const std::vector<std::string>& h) {
  const std::vector<std::pair<std::string, int Columns::*>> named = {
      {"Period", &Columns::period},
      {"Provider Org Code", &Columns::provider},
      {"Provider Org Name", &Columns::provider_name},
      {"Commissioner Org Code", &Columns::commissioner},
      {"Commissioner Org Name", &Columns::commissioner_name},
      {"RTT Part Type", &Columns::part},
      {"Treatment Function Code", &Columns::function},
      {"Treatment Function Name", &Columns::function_name},
      {"Total", &Columns::total},
      {"Patients with unknown clock start date", &Columns::unknown},
      {"Total All", &Columns::total_all}};
  const std::set<std::string> ignored = {"Provider Parent Org Code", "Provider Parent Name",
                                         "Commissioner Parent Org Code", "Commissioner Parent Name",
                                         "RTT Part Description"};
  Columns c;
  c.bands.fill(-1);
  c.count = h.size();
  std::map<std::string, int> seen;
  for (int i = 0; i < static_cast<int>(h.size()); ++i) {
    const std::string& name = h[static_cast<std::size_t>(i)];
    if (auto [it, fresh] = seen.emplace(name, i); !fresh) {
      throw RttError(file, 1, "column " + std::to_string(i + 1) + " '" + name + "' duplicates column " +
                                  std::to_string(it->second + 1));
    }
    bool known = ignored.count(name) > 0;
    for (const auto& [n, member] : named) {
      if (n == name) {
        c.*member = i;
        known = true;
      }
    }
    for (int k = 0; k < kBands && !known; ++k) {
      if (band_name(k) == name) {
        c.bands[static_cast<std::size_t>(k)] = i;
        known = true;
      }
    }
    if (!known) {
      throw RttError(file, 1, "column " + std::to_string(i + 1) + " '" + name +
                                  "': unknown column (expected the RTT full extract's 121 columns: weekly bands '" +
                                  band_name(0) + "' ... '" + band_name(kBands - 1) + "')");
    }
  }
  for (const auto& [n, member] : named) {
    if (c.*member < 0) throw RttError(file, 1, "missing column '" + n + "'");
  }
  for (int k = 0; k < kBands; ++k) {
    if (c.bands[static_cast<std::size_t>(k)] < 0) throw RttError(file, 1, "missing band column '" + band_name(k) + "'");
  }
  return c;
}

Month parse_period(const std::string& file, long line, const std::string& v) {
  // "RTT-JANUARY-2015" in either case.
  const std::string u = upper(v);
  const auto a = u.find('-');
  const auto b = u.rfind('-');
  if (u.rfind("RTT-", 0) == 0 && b != a && b + 5 == u.size()) {
    const std::string name = u.substr(a + 1, b - a - 1);
    int year = 0;
    const auto r = std::from_chars(u.data() + b + 1, u.data() + u.size(), year);
    for (int m = 0; m < 12 && r.ec == std::errc() && r.ptr == u.data() + u.size(); ++m) {
      if (name == kMonthNames[static_cast<std::size_t>(m)]) return {year, m + 1};
    }
  }
  throw RttError(file, line, "column 'Period': value '" + v + "': expected RTT-<MONTH>-<YYYY>, e.g. RTT-JANUARY-2015");
}

Part parse_part(const std::string& file, long line, const std::string& v) {
  if (v == "Part_1A") return Part::admitted;
  if (v == "Part_1B") return Part::non_admitted;
  if (v == "Part_2") return Part::incomplete;
  if (v == "Part_2A") return Part::incomplete_dta;
  if (v == "Part_3") return Part::new_starts;
  throw RttError(file, line, "column 'RTT Part Type': value '" + v + "': expected one of Part_1A, Part_1B, Part_2, Part_2A, Part_3");
}

/// A count: blank is absent (-1), else a whole number >= 0.
std::int64_t parse_count(const std::string& file, long line, const std::string& column, const std::string& v) {
  if (v.empty()) return -1;
  std::int64_t x = 0;
  const auto r = std::from_chars(v.data(), v.data() + v.size(), x);
  if (r.ec != std::errc() || r.ptr != v.data() + v.size() || x < 0) {
    throw RttError(file, line, "column '" + column + "': value '" + v + "': expected a whole number >= 0 (a count of patients)");
  }
  return x;
}

void parse_counts(const std::string& file, long line, const Columns& c, const std::vector<std::string>& f, Row& r) {
  std::int64_t sum = 0;
  bool any_band = false;
  for (int k = 0; k < kBands; ++k) {
    const std::int64_t x = parse_count(file, line, band_name(k), f[static_cast<std::size_t>(c.bands[static_cast<std::size_t>(k)])]);
    any_band = any_band || x >= 0;
    r.bands[static_cast<std::size_t>(k)] = std::max<std::int64_t>(x, 0);
    sum += std::max<std::int64_t>(x, 0);
  }
  const std::int64_t total = parse_count(file, line, "Total", f[static_cast<std::size_t>(c.total)]);
  const std::int64_t unknown = parse_count(file, line, "Patients with unknown clock start date", f[static_cast<std::size_t>(c.unknown)]);
  const std::int64_t all = parse_count(file, line, "Total All", f[static_cast<std::size_t>(c.total_all)]);
  if (total >= 0 && total != sum) {
    throw RttError(file, line, "column 'Total': value '" + std::to_string(total) + "': expected the sum of the weekly bands, " + std::to_string(sum));
  }
  r.unknown_start = std::max<std::int64_t>(unknown, 0);
  if (r.part == Part::new_starts && !any_band && total < 0 && unknown < 0) {  // clock starts: a count, no bands
    if (all < 0) throw RttError(file, line, "column 'Total All': empty: expected the number of new clock starts");
    r.total_all = all;
    return;
  }
  const std::int64_t expect = sum + r.unknown_start;
  if (all < 0 || all != expect) {
    throw RttError(file, line, "column 'Total All': value '" + f[static_cast<std::size_t>(c.total_all)] +
                                   "': expected the bands plus unknown clock starts, " + std::to_string(expect));
  }
  r.total_all = all;
}

}  // namespace

int Month::days() const {
  static constexpr std::array<int, 12> d = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : d[static_cast<std::size_t>(month - 1)];
}

std::string Month::text() const {
  return std::to_string(year) + (month < 10 ? "-0" : "-") + std::to_string(month);
}

Month parse_month(const std::string& s) {
  int y = 0, m = 0;
  if (s.size() == 7 && s[4] == '-' && std::from_chars(s.data(), s.data() + 4, y).ptr == s.data() + 4 &&
      std::from_chars(s.data() + 5, s.data() + 7, m).ptr == s.data() + 7 && m >= 1 && m <= 12) {
    return {y, m};
  }
  throw std::invalid_argument("'" + s + "': expected a month YYYY-MM");
}

Extract read_extract(const std::filesystem::path& path) {
  Extract e;
  e.file = path.string();
  LineReader in(path);
  std::string line;
  std::vector<std::string> f;
  if (!in.next(line)) throw RttError(e.file, 1, "empty file: expected the RTT full extract's header row");
  if (!line.empty() && static_cast<unsigned char>(line[0]) == 0xEF) line.erase(0, std::min<std::size_t>(3, line.size()));
  split_csv(line, f);
  const Columns c = read_header(e.file, f);
  std::map<std::tuple<std::string, std::string, Part, std::string>, long> seen;
  std::map<std::string, std::pair<std::string, long>> names;  // code -> (name, line)
  bool have_period = false;
  while (in.next(line)) {
    const long n = in.number();
    if (line.empty()) continue;
    if (!split_csv(line, f)) throw RttError(e.file, n, "malformed row: a quoted field is not closed");
    if (f.size() != c.count) {
      throw RttError(e.file, n, "malformed row: " + std::to_string(f.size()) + " fields, expected " + std::to_string(c.count) + " as in the header");
    }
    Row r;
    r.line = n;
    const Month m = parse_period(e.file, n, f[static_cast<std::size_t>(c.period)]);
    if (!have_period) {
      e.period = m;
      have_period = true;
    } else if (m != e.period) {
      throw RttError(e.file, n, "column 'Period': value '" + f[static_cast<std::size_t>(c.period)] + "': expected the file's month, " + e.period.text());
    }
    r.part = parse_part(e.file, n, f[static_cast<std::size_t>(c.part)]);
    r.provider = f[static_cast<std::size_t>(c.provider)];
    r.provider_name = f[static_cast<std::size_t>(c.provider_name)];
    r.commissioner = f[static_cast<std::size_t>(c.commissioner)];
    r.commissioner_name = f[static_cast<std::size_t>(c.commissioner_name)];
    r.function = f[static_cast<std::size_t>(c.function)];
    r.function_name = f[static_cast<std::size_t>(c.function_name)];
    for (const auto& [col, v] : {std::pair{"Provider Org Code", &r.provider}, {"Commissioner Org Code", &r.commissioner},
                                 {"Treatment Function Code", &r.function}}) {
      if (v->empty()) throw RttError(e.file, n, std::string("column '") + col + "': empty: expected a code");
    }
    for (const auto& [code, name] : {std::pair{&r.provider, &r.provider_name}, {&r.commissioner, &r.commissioner_name}}) {
      const std::string key = (code == &r.provider ? "P:" : "C:") + *code;
      const auto [it, fresh] = names.emplace(key, std::pair{*name, n});
      if (!fresh && it->second.first != *name) {
        throw RttError(e.file, n, "organisation " + *code + " is named '" + *name + "', but '" + it->second.first +
                                      "' on line " + std::to_string(it->second.second) + ": mismatched organisations");
      }
    }
    if (auto [it, fresh] = seen.emplace(std::tuple{r.provider, r.commissioner, r.part, r.function}, n); !fresh) {
      throw RttError(e.file, n, "duplicate row: provider " + r.provider + ", commissioner " + r.commissioner + ", " +
                                    f[static_cast<std::size_t>(c.part)] + ", " + r.function + " already on line " + std::to_string(it->second));
    }
    parse_counts(e.file, n, c, f, r);
    e.rows.push_back(std::move(r));
  }
  if (!have_period) throw RttError(e.file, in.number() + 1, "no data rows: expected at least one");
  return e;
}

std::int64_t ListMonth::waiting_total() const { return std::accumulate(waiting.begin(), waiting.end(), std::int64_t{0}); }
std::int64_t ListMonth::treated_total() const { return std::accumulate(treated.begin(), treated.end(), std::int64_t{0}); }

namespace {

const std::string& org_of(const Row& r, By by) { return by == By::provider ? r.provider : r.commissioner; }

/// Every organisation of one month's file must be in every other month's (a list that stops
/// reporting keeps its rows, with zeros).
void check_same_organisations(const std::vector<const Extract*>& files, By by) {
  std::vector<std::map<std::string, long>> orgs(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    for (const Row& r : files[i]->rows) orgs[i].emplace(org_of(r, by), r.line);
  }
  for (std::size_t i = 1; i < files.size(); ++i) {
    for (std::size_t a : {std::size_t{0}, i}) {
      const std::size_t b = a == 0 ? i : 0;
      for (const auto& [code, line] : orgs[a]) {
        if (orgs[b].count(code) == 0) {
          throw RttError(files[a]->file, line, std::string(by == By::provider ? "provider " : "commissioner ") + code + " (" +
                                                   files[a]->period.text() + ") is not in " + files[b]->file + " (" +
                                                   files[b]->period.text() + "): mismatched organisations between months");
        }
      }
    }
  }
}

}  // namespace

Series aggregate(const std::vector<Extract>& extracts, By by, Month from, Month to) {
  Series s;
  std::vector<const Extract*> files;
  for (Month m = from; m <= to; m = m.next()) {
    const Extract* found = nullptr;
    for (const Extract& e : extracts) {
      if (e.period != m) continue;
      if (found != nullptr) {
        throw RttError(e.file, e.rows.front().line, "month " + m.text() + " is also in " + found->file + ": expected one file per month");
      }
      found = &e;
    }
    if (found == nullptr) {
      std::string given;
      for (const Extract& e : extracts) given += (given.empty() ? "" : ", ") + e.file + " (" + e.period.text() + ")";
      throw RttError(extracts.empty() ? std::string("--rtt") : extracts.front().file, 0,
                     "month " + m.text() + " is missing: the window " + from.text() + ".." + to.text() +
                         " needs one file per month; given " + given);
    }
    files.push_back(found);
    s.months.push_back(m);
    s.files.push_back(found->file);
  }
  check_same_organisations(files, by);
  std::map<ListKey, std::size_t> index;
  for (std::size_t t = 0; t < files.size(); ++t) {
    for (const Row& r : files[t]->rows) {
      ListKey k{by == By::provider ? r.provider : "", by == By::commissioner ? r.commissioner : "", r.function};
      auto [it, fresh] = index.emplace(k, s.lists.size());
      if (fresh) {
        s.lists.push_back(k);
        s.names.push_back((by == By::provider ? r.provider_name : r.commissioner_name) + ", " + r.function_name);
        s.data.emplace_back(files.size());
      }
      ListMonth& lm = s.data[it->second][t];
      if (r.part == Part::incomplete) {
        for (int b = 0; b < kBands; ++b) lm.waiting[static_cast<std::size_t>(b)] += r.bands[static_cast<std::size_t>(b)];
      } else if (r.part == Part::admitted || r.part == Part::non_admitted) {
        for (int b = 0; b < kBands; ++b) lm.treated[static_cast<std::size_t>(b)] += r.bands[static_cast<std::size_t>(b)];
        lm.treated_unknown += r.unknown_start;
      } else if (r.part == Part::new_starts) {
        lm.starts = std::max<std::int64_t>(lm.starts, 0) + r.total_all;
      }
    }
  }
  // Lists in code order, so outputs do not depend on the files' row order.
  std::vector<std::size_t> order(s.lists.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return s.lists[a] < s.lists[b]; });
  Series sorted{s.months, {}, {}, {}, s.files};
  for (std::size_t i : order) {
    sorted.lists.push_back(s.lists[i]);
    sorted.names.push_back(s.names[i]);
    sorted.data.push_back(std::move(s.data[i]));
  }
  return sorted;
}

}  // namespace icsim::io::rtt

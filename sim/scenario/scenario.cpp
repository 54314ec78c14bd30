#include "scenario/scenario.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <regex>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <tuple>

#include "scenario/reader.hpp"
#include "scenario/registry.hpp"
#include "scenario/toml_guard.hpp"
#include "scenario/validate.hpp"

namespace icsim::scenario {

Error::Error(std::string file_, int line_, std::string key_, std::string value_,
             std::string expected_)
    : std::runtime_error([&] {
        std::string s = file_;
        if (line_ > 0) s += ":" + std::to_string(line_);
        s += ": ";
        if (!key_.empty()) s += key_;
        if (!value_.empty()) s += " = " + value_;
        if (!key_.empty() || !value_.empty()) s += ": ";
        s += expected_;
        return s;
      }()),
      file(std::move(file_)),
      line(line_),
      key(std::move(key_)),
      value(std::move(value_)),
      expected(std::move(expected_)) {}

Errors::Errors(std::vector<Error> all, bool more_not_shown)
    : Error(all.front()), errors(std::move(all)), text_([&] {
        std::string t;
        for (const auto& e : errors) t += (t.empty() ? "" : "\n") + std::string(e.Error::what());
        if (more_not_shown) t += "\n(more errors not shown: fix these first)";
        return t;
      }()) {}

std::string Warning::text() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line);
  s += ": ";
  if (!key.empty()) s += key;
  if (!value.empty()) s += " = " + value;
  if (!key.empty() || !value.empty()) s += ": ";
  return s + message;
}

namespace {

using detail::Ctx;
using detail::fail;
using detail::kCommandLine;
using detail::kUnknownFile;
using detail::report;
using detail::show;

// --- extends: one scenario modifying another ------------------------------------------------

bool all_tables_with_ids(const toml::array& a) {
  return std::all_of(a.begin(), a.end(), [](const toml::value& e) {
    return e.is_table() && e.as_table().count("id") && e.as_table().at("id").is_string();
  });
}

/// Merges `child` into `base`: tables key by key, arrays of [[tables]] entry by id (new ids are
/// appended), anything else replaced by the child's value.
void merge_into(toml::value& base, const toml::value& child) {
  if (base.is_table() && child.is_table()) {
    auto& bt = base.as_table();
    for (const auto& [k, v] : child.as_table()) {
      if (bt.count(k)) {
        merge_into(bt[k], v);
      } else {
        bt[k] = v;
      }
    }
    return;
  }
  if (base.is_array() && child.is_array() && all_tables_with_ids(base.as_array()) &&
      all_tables_with_ids(child.as_array())) {
    auto& ba = base.as_array();
    for (const auto& ce : child.as_array()) {
      const auto& id = ce.as_table().at("id").as_string().str;
      auto it = std::find_if(ba.begin(), ba.end(), [&](const toml::value& be) {
        return be.as_table().at("id").as_string().str == id;
      });
      if (it != ba.end()) {
        merge_into(*it, ce);
      } else {
        ba.push_back(ce);
      }
    }
    return;
  }
  base = child;
}

/// The first line holding a date that does not exist (2024-02-30, 2024-13-01), and why: toml11
/// reports these at line 1 without saying what is wrong.
std::optional<std::pair<int, std::string>> impossible_date(const std::string& text) {
  static const std::regex date(R"((^|[^0-9A-Za-z_.:-])(\d{4})-(\d{2})-(\d{2})(?![0-9]))");
  static const char* const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    std::string bare;  // the line without strings and comments
    char quote = 0;
    for (char ch : line) {
      if (quote) {
        if (ch == quote) quote = 0;
      } else if (ch == '"' || ch == '\'') {
        quote = ch;
      } else if (ch == '#') {
        break;
      } else {
        bare += ch;
      }
    }
    for (std::sregex_iterator it(bare.begin(), bare.end(), date), end; it != end; ++it) {
      const int y = std::stoi((*it)[2]), m = std::stoi((*it)[3]), d = std::stoi((*it)[4]);
      const std::string written = (*it)[2].str() + "-" + (*it)[3].str() + "-" + (*it)[4].str();
      if (m < 1 || m > 12) return std::pair{n, written + " is not a date: there is no month " + std::to_string(m)};
      const auto last = static_cast<int>(unsigned(std::chrono::year_month_day_last(
          std::chrono::year{y}, std::chrono::month_day_last{std::chrono::month{unsigned(m)}}).day()));
      if (d < 1 || d > last) {
        return std::pair{n, written + " is not a date: " + months[m - 1] + " " + std::to_string(y) + " has " +
                                std::to_string(last) + " days"};
      }
    }
  }
  return std::nullopt;
}

toml::value parse_toml(const std::string& text, const std::string& source) {
  guard_toml(text, source);  // depth and size limits before toml11 sees the text
  try {
    std::istringstream in(text);
    return toml::parse(in, source);
  } catch (const toml::syntax_error& e) {
    std::string msg = e.what();
    // toml11 messages start "[error] toml::function: what": keep the "what" of the first line.
    std::string first = msg.substr(0, msg.find('\n'));
    if (const auto colon = first.find(": "); colon != std::string::npos) first = first.substr(colon + 2);
    if (const auto bad = impossible_date(text)) throw Error(source, bad->first, "", "", bad->second);
    throw Error(source, static_cast<int>(e.location().line()), "", "", "malformed TOML: " + first);
  }
}

std::string read_file(const std::string& path) { return read_regular_file(path); }

/// Throws the errors collected, in file order: one Error, or Errors for several.
void throw_collected(std::vector<Error>& errors) {
  if (errors.empty()) return;
  if (errors.size() == 1) throw Error(errors.front());
  std::vector<std::size_t> order(errors.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(errors[a].file, errors[a].line) < std::tie(errors[b].file, errors[b].line);
  });
  std::vector<Error> sorted;
  for (std::size_t i : order) sorted.push_back(errors[i]);
  throw Errors(std::move(sorted));
}

/// Replaces a document that extends another by the merge of the two (recursively).
toml::value resolve_extends(toml::value doc, const std::string& source, const Ctx& c, int depth) {
  if (!doc.is_table() || !doc.as_table().count("scenario") || !doc.at("scenario").is_table())
    return doc;
  auto& sc = doc.at("scenario").as_table();
  if (!sc.count("extends")) return doc;
  const toml::value ext = sc.at("extends");
  if (!ext.is_string()) fail(c, ext, "scenario.extends", "expected a file name");
  if (depth >= 8) fail(c, ext, "scenario.extends", "expected at most 8 levels of extends (is there a cycle?)");
  namespace fs = std::filesystem;
  const fs::path base_path =
      (fs::path(source).has_parent_path() ? fs::path(source).parent_path() : fs::path(".")) /
      ext.as_string().str;
  std::string text;
  try {
    text = read_file(base_path.string());
  } catch (const Error& e) {
    fail(c, ext, "scenario.extends", "expected a readable scenario file (" + base_path.string() + ": " + e.expected + ")");
  }
  toml::value base = resolve_extends(parse_toml(text, base_path.string()), base_path.string(), c, depth + 1);
  sc.erase("extends");
  merge_into(base, doc);
  return base;
}

// --- overrides -------------------------------------------------------------------------------

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : path) {
    if (ch == '.') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  out.push_back(cur);
  return out;
}

toml::value parse_value_text(const std::string& text) {
  guard_toml("v = " + text, kCommandLine);
  try {
    // Parsed under toml11's name for code-made values, so errors point at the command line.
    std::istringstream in("v = " + text);
    return toml::parse(in, kUnknownFile).at("v");
  } catch (const std::exception&) {
    return toml::value(text);  // a bare word: take it as a string
  }
}

void apply_override(toml::value& root, const Override& o) {
  const auto segs = split_path(o.path);
  const TableSpec* spec = &registry();
  toml::value* node = &root;
  std::string shown;
  auto bad = [&](const std::string& why) {
    throw Error(kCommandLine, 0, o.path, o.value, "unknown parameter path: " + why);
  };
  for (std::size_t i = 0; i < segs.size(); ++i) {
    const std::string& key = segs[i];
    const Field* f = spec->find(key);
    if (!f) bad("'" + key + "' is not a key of " + (spec->path.empty() ? "the scenario" : spec->path) +
                " (expected one of: " + spec->key_list() + ")");
    auto& table = node->as_table();
    const bool last = i + 1 == segs.size();
    if (last) {
      if (f->type == Type::table || f->type == Type::table_array || f->type == Type::map)
        bad("'" + key + "' is a table, not a parameter");
      table[key] = parse_value_text(o.value);
      return;
    }
    switch (f->type) {
      case Type::table:
        if (!table.count(key)) table[key] = toml::table{};
        node = &table[key];
        spec = f->table.get();
        break;
      case Type::table_array: {
        if (!table.count(key) || !table[key].is_array()) bad("there are no [[" + key + "]] entries");
        auto& arr = table[key].as_array();
        const std::string& sel = segs[++i];
        toml::value* found = nullptr;
        for (auto& e : arr) {
          if (e.is_table() && e.as_table().count("id") && e.as_table().at("id").is_string() &&
              e.as_table().at("id").as_string().str == sel)
            found = &e;
        }
        if (!found && !sel.empty() && sel.size() < 10 &&
            std::all_of(sel.begin(), sel.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
          const std::size_t idx = std::stoul(sel);
          if (idx < arr.size()) found = &arr[idx];
        }
        if (!found) bad("no " + key + " with id or index '" + sel + "'");
        if (i + 1 == segs.size()) bad("a " + key + " entry is a table, not a parameter");
        node = found;
        spec = f->table.get();
        break;
      }
      case Type::map: {
        if (!table.count(key)) table[key] = toml::table{};
        auto& m = table[key].as_table();
        const std::string& id = segs[++i];
        if (i + 1 == segs.size()) {
          if (f->value_type == Type::table) bad("'" + key + "." + id + "' is a table");
          m[id] = parse_value_text(o.value);
          return;
        }
        if (!m.count(id)) m[id] = toml::table{};
        node = &m[id];
        spec = f->table.get();
        break;
      }
      default:
        bad("'" + key + "' is a value, it has no parameters below it");
    }
  }
}

// --- building the model configuration ------------------------------------------------------

/// The observables chosen in [output] (all when none is named), in catalogue order.
OutputOptions output_options(const toml::value& root, const model::Config& cfg, const Ctx& c) {
  OutputOptions out;
  out.compression = cfg.output.compression;
  if (cfg.output.observables.empty()) {
    for (std::size_t i = 0; i < model::observables().size(); ++i) out.observables.push_back(i);
    return out;
  }
  std::set<std::size_t> chosen;
  const auto& names = root.at("output").at("observables").as_array();
  for (const auto& n : names) {
    const auto o = model::find_observable(n.as_string().str);
    if (!o) {
      std::string all;
      for (const auto& info : model::observables()) all += (all.empty() ? "" : ", ") + std::string(info.name);
      fail(c, n, "output.observables", "expected names of observables: " + all);
    }
    chosen.insert(*o);
  }
  out.observables.assign(chosen.begin(), chosen.end());
  return out;
}

/// Throws every issue (up to Errors::kMaxErrors) with its file position.
void report_all(const Ctx& c, const toml::value& root, const std::vector<model::ConfigIssue>& issues) {
  if (issues.empty()) return;
  std::vector<Error> errors;
  Ctx collecting = c;
  collecting.errors = &errors;
  for (const auto& issue : issues) detail::collect(collecting, [&] { report(c, root, issue); });
  throw_collected(errors);
}

Scenario build(const toml::value& root, const Ctx& c) {
  Scenario out;
  Reader reader(&root, c.ids);
  out.config.fields(reader);
  out.output = output_options(root, out.config, c);
  detail::normalise_shares(out.config, root, c, out.warnings);
  // Issues of the configuration as written (before the implicit ICS and name defaults).
  report_all(c, root, model::find_issues(out.config));
  model::normalise(out.config);
  report_all(c, root, model::find_issues(out.config));
  detail::find_warnings(out.config, root, c, out.warnings);
  return out;
}

}  // namespace

Override parse_override(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw Error(kCommandLine, 0, std::string(text), "", "expected --set path=value");
  return Override{std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

Scenario load_text(std::string text, std::string source, const std::vector<Override>& overrides) {
  Ctx c;
  c.file = source;
  toml::value root = resolve_extends(parse_toml(text, source), source, c, 0);
  // No line wrapping: toml11 wraps long strings with line-ending backslashes in a way that does
  // not read back the same (a space is lost), and the resolved text is re-read by icsim resume.
  const std::string resolved = toml::format(root, std::numeric_limits<std::size_t>::max());
  for (const auto& o : overrides) apply_override(root, o);
  detail::collect_ids(root, c);
  {
    std::vector<Error> errors;
    Ctx collecting = c;
    collecting.errors = &errors;
    detail::validate_table(root, registry(), "", collecting);
    throw_collected(errors);
  }
  Scenario s = build(root, c);
  s.text = std::move(text);
  s.resolved_text = resolved;
  s.source = std::move(source);
  for (const auto& o : overrides) s.overrides.push_back(o.path + "=" + o.value);
  return s;
}

Scenario load_file(const std::string& path, const std::vector<Override>& overrides) {
  return load_text(read_file(path), path, overrides);
}

Scenario load_default(const std::vector<Override>& overrides) {
  return load_text(std::string(default_text()), "built-in default", overrides);
}

}  // namespace icsim::scenario

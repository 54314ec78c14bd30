// Checkpoints: write one, and read one back to resume (docs/sweeps.md, checkpoints). A
// checkpoint carries SHA-256 checksums of its scenario and of everything it holds; a reader
// verifies them, bounds-checks every size, and takes no path from the file: the output file it
// continues is derived from the checkpoint's own name (rep-NNNN.checkpoint.h5 -> rep-NNNN.h5 in
// the same folder).
#include "app/checkpoint.hpp"

#include <cstring>
#include <filesystem>
#include <map>
#include <sstream>
#include <stdexcept>

#include "core/archive.hpp"
#include "core/version.hpp"
#include "io/atomic_file.hpp"
#include "io/h5.hpp"
#include "io/sha256.hpp"

namespace icsim::app::detail {
namespace fs = std::filesystem;
namespace {

constexpr const char* kFormat = "icsim-checkpoint-2";
constexpr const char* kPrefix = "rep-";
constexpr const char* kSuffix = ".checkpoint.h5";

std::vector<std::int64_t> pack(const std::vector<std::uint8_t>& bytes) {
  std::vector<std::int64_t> out((bytes.size() + 7) / 8, 0);
  if (!bytes.empty()) std::memcpy(out.data(), bytes.data(), bytes.size());
  return out;
}

class Hash {
 public:
  void bytes(const void* p, std::size_t n) {
    const std::uint64_t len = n;
    h_.update(&len, sizeof len);
    if (n) h_.update(p, n);
  }
  void text(const std::string& s) { bytes(s.data(), s.size()); }
  template <class T>
  void values(const std::vector<T>& v) {
    bytes(v.data(), v.size() * sizeof(T));
  }
  void number(std::int64_t x) { bytes(&x, sizeof x); }
  std::string hex() { return h_.hex(); }

 private:
  io::Sha256 h_;
};

std::string scenario_hash(const std::string& source, const std::string& text, const std::string& resolved,
                          const std::string& overrides) {
  Hash h;
  h.text(source);
  h.text(text);
  h.text(resolved);
  h.text(overrides);
  return h.hex();
}

std::string bytes_hash(const std::vector<std::uint8_t>& b) {
  Hash h;
  h.values(b);
  return h.hex();
}

std::string rows_hash(const std::vector<io::RunFile::Rows>& rows) {
  Hash h;
  h.number(static_cast<std::int64_t>(rows.size()));
  for (const auto& r : rows) {
    h.number(r.integer ? 1 : 0);
    h.values(r.step);
    h.values(r.time);
    h.values(r.ints);
    h.values(r.reals);
  }
  return h.hex();
}

struct Hashes {
  std::string scenario, model, run, rows;
};

std::string content_hash(std::int64_t replication, std::int64_t day, std::int64_t every, const Hashes& p) {
  Hash h;
  h.text(kFormat);
  h.text(std::string(version()));
  h.text(std::string(git_revision()));
  h.number(replication);
  h.number(day);
  h.number(every);
  h.text(p.scenario);
  h.text(p.model);
  h.text(p.run);
  h.text(p.rows);
  return h.hex();
}

[[noreturn]] void damaged(const std::string& path, const std::string& why) {
  throw std::runtime_error(path + " is damaged or was altered (" + why +
                           "): a checkpoint is resumed only exactly as icsim wrote it");
}

/// The blob `name` (bytes packed into int64 words, with its length in <name>_bytes).
std::vector<std::uint8_t> read_blob(hid_t id, const std::string& path, const std::string& name) {
  const auto words = io::h5::read_ints(id, name);
  const std::int64_t size = io::h5::attr_int(id, name + "_bytes");
  const auto capacity = static_cast<std::int64_t>(words.size()) * 8;
  if (size < 0 || size > capacity || capacity - size >= 8) {
    damaged(path, name + "_bytes = " + std::to_string(size) + " but the data holds " + std::to_string(capacity) +
                      " bytes");
  }
  std::vector<std::uint8_t> out(static_cast<std::size_t>(size));
  if (size > 0) std::memcpy(out.data(), words.data(), out.size());
  return out;
}

/// Every series stored in a checkpoint (series/0, series/1, ...), each checked for shape.
std::vector<io::RunFile::Rows> read_rows(hid_t id, const std::string& path) {
  if (!io::h5::exists(id, "series")) damaged(path, "no series");
  const auto group = io::h5::open_group(id, "series");
  const auto names = io::h5::children(group.id());
  std::vector<io::RunFile::Rows> rows(names.size());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const std::string g = "series/" + std::to_string(k);
    if (!io::h5::exists(id, g + "/value")) damaged(path, "series " + std::to_string(k) + " is missing");
    auto& r = rows[k];
    r.integer = io::h5::attr_int(io::h5::open_dataset(id, g + "/value").id(), "integer") != 0;
    r.step = io::h5::read_ints(id, g + "/step");
    r.time = io::h5::read_doubles(id, g + "/time");
    if (r.integer) {
      r.ints = io::h5::read_ints(id, g + "/value");
    } else {
      r.reals = io::h5::read_doubles(id, g + "/value");
    }
    const std::size_t n = r.step.size(), values = r.integer ? r.ints.size() : r.reals.size();
    if (r.time.size() != n || (n == 0 ? values != 0 : values % n != 0)) {
      damaged(path, "series " + std::to_string(k) + " has " + std::to_string(n) + " steps, " +
                        std::to_string(r.time.size()) + " times and " + std::to_string(values) + " values");
    }
  }
  return rows;
}

/// Appends row i of `r` to series k.
void put(io::RunFile& f, std::size_t k, const io::RunFile::Rows& r, std::size_t i) {
  const std::size_t n = r.step.size();
  if (r.integer) {
    const std::size_t width = r.ints.size() / n;
    f.append(k, r.step[i], r.time[i], std::span<const std::int64_t>(r.ints.data() + i * width, width));
  } else {
    const std::size_t width = r.reals.size() / n;
    f.append(k, r.step[i], r.time[i], std::span<const double>(r.reals.data() + i * width, width));
  }
}

/// The replication number in a checkpoint's name, or -1 if it is not named rep-NNNN.checkpoint.h5.
int replication_of_name(const std::string& name) {
  const std::string pre = kPrefix, suf = kSuffix;
  if (name.size() <= pre.size() + suf.size() || name.rfind(pre, 0) != 0 ||
      name.compare(name.size() - suf.size(), suf.size(), suf) != 0) {
    return -1;
  }
  const std::string digits = name.substr(pre.size(), name.size() - pre.size() - suf.size());
  if (digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) return -1;
  return std::stoi(digits);
}

}  // namespace

std::string checkpoint_path(const std::string& path) {
  const fs::path p(path);
  return (p.parent_path() / (p.stem().string() + kSuffix)).string();
}

void write_checkpoint(const std::string& path, const scenario::Scenario& sc, int replication, int checkpoint_every,
                      const model::Model& m, io::RunFile& f, Totals totals,
                      bool& has_previous) {
  const std::string ck = checkpoint_path(path), tmp = ck + ".tmp";
  auto fresh = f.take_recorded();
  std::vector<io::RunFile::Rows> all;
  if (has_previous) {
    // The previous checkpoint's rows, checked against their checksum before being extended.
    auto old = io::h5::open_file_read(ck);
    all = read_rows(old.id(), ck);
    if (rows_hash(all) != io::h5::attr_string(old.id(), "rows_sha256")) damaged(ck, "its rows do not match their checksum");
    old.close();
    if (all.size() != fresh.size()) damaged(ck, "it holds " + std::to_string(all.size()) + " series");
  } else {
    all.resize(fresh.size());
    for (std::size_t k = 0; k < fresh.size(); ++k) all[k].integer = fresh[k].integer;
  }
  for (std::size_t k = 0; k < fresh.size(); ++k) {
    auto append = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
    append(all[k].step, fresh[k].step);
    append(all[k].time, fresh[k].time);
    append(all[k].ints, fresh[k].ints);
    append(all[k].reals, fresh[k].reals);
  }
  std::string overrides;
  for (const auto& o : sc.overrides) overrides += (overrides.empty() ? "" : "\n") + o;
  const auto model_state = m.save_state();
  core::Archive ev;
  ev.io(totals);
  Hashes h{scenario_hash(sc.source, sc.text, sc.resolved_text, overrides), bytes_hash(model_state), bytes_hash(ev.bytes()),
           rows_hash(all)};
  const auto day = static_cast<std::int64_t>(m.days_done());
  try {
    auto file = io::h5::create_file(tmp);
    const hid_t id = file.id();
    io::h5::set_attr(id, "format", std::string(kFormat));
    io::h5::set_attr(id, "icsim_version", std::string(version()));
    io::h5::set_attr(id, "git_revision", std::string(git_revision()));
    io::h5::set_attr(id, "scenario_source", sc.source);
    io::h5::set_attr(id, "scenario_text", sc.text);
    io::h5::set_attr(id, "scenario_resolved", sc.resolved_text);
    io::h5::set_attr(id, "overrides", overrides);
    io::h5::set_attr(id, "replication", static_cast<std::int64_t>(replication));
    io::h5::set_attr(id, "day", day);
    io::h5::set_attr(id, "checkpoint_every", static_cast<std::int64_t>(checkpoint_every));
    auto blob = [&](const std::string& name, const std::vector<std::uint8_t>& bytes) {
      const auto words = pack(bytes);
      io::h5::write_ints(id, name, words, {words.size()});
      io::h5::set_attr(id, name + "_bytes", static_cast<std::int64_t>(bytes.size()));
    };
    blob("model_state", model_state);
    blob("run_state", ev.bytes());
    {
      auto series = io::h5::create_group(id, "series");
      for (std::size_t k = 0; k < all.size(); ++k) {
        const auto& rows = all[k];
        auto g = io::h5::create_group(series.id(), std::to_string(k));
        io::h5::write_ints(g.id(), "step", rows.step, {rows.step.size()});
        io::h5::write_doubles(g.id(), "time", rows.time, {rows.time.size()});
        if (rows.integer) {
          io::h5::write_ints(g.id(), "value", rows.ints, {rows.ints.size()});
        } else {
          io::h5::write_doubles(g.id(), "value", rows.reals, {rows.reals.size()});
        }
        io::h5::set_attr(io::h5::open_dataset(g.id(), "value").id(), "integer", std::int64_t{rows.integer ? 1 : 0});
        g.close();
      }
      series.close();
    }
    io::h5::set_attr(id, "scenario_sha256", h.scenario);
    io::h5::set_attr(id, "model_state_sha256", h.model);
    io::h5::set_attr(id, "run_state_sha256", h.run);
    io::h5::set_attr(id, "rows_sha256", h.rows);
    io::h5::set_attr(id, "sha256", content_hash(replication, day, checkpoint_every, h));
    file.close();  // checked: a checkpoint that did not reach the disk whole never replaces the last one
    io::sync_file(tmp);
  } catch (const std::exception& e) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw std::runtime_error("cannot write the checkpoint " + ck + (has_previous ? " (the previous one is kept)" : "") +
                             ": " + e.what());
  }
  fs::rename(tmp, ck);
  io::sync_folder(fs::path(ck).parent_path());
  has_previous = true;
}

void interrupt_replication(const std::string& path, const scenario::Scenario& sc, int replication, int checkpoint_every,
                           const model::Model& m, io::RunFile& f, Totals totals,
                           bool& has_previous) {
  const int day = m.days_done();
  if (checkpoint_every > 0 && day % checkpoint_every != 0) {
    write_checkpoint(path, sc, replication, checkpoint_every, m, f, totals, has_previous);
  }
  throw Interrupted(checkpoint_every > 0 ? checkpoint_path(path) : std::string(), day);
}

CheckpointReader::CheckpointReader(const std::string& path) : path_(path) {
  const fs::path p(path);
  const int from_name = replication_of_name(p.filename().string());
  if (from_name < 0) {
    throw std::runtime_error(path + " is not an icsim checkpoint (expected a file named rep-NNNN.checkpoint.h5)");
  }
  const std::string name = p.filename().string();
  output_ = (p.parent_path() / (name.substr(0, name.size() - std::strlen(kSuffix)) + ".h5")).string();
  auto file = io::h5::open_file_read(path);
  const hid_t id = file.id();
  if (!io::h5::has_attr(id, "format") || io::h5::attr_string(id, "format").rfind("icsim-checkpoint-", 0) != 0) {
    throw std::runtime_error(path + " is not an icsim checkpoint");
  }
  if (io::h5::attr_string(id, "format") != kFormat || io::h5::attr_string(id, "git_revision") != git_revision() ||
      io::h5::attr_string(id, "icsim_version") != version()) {
    throw std::runtime_error(path + " was written by icsim " + io::h5::attr_string(id, "icsim_version") + " (" +
                             io::h5::attr_string(id, "git_revision") + "); this is " + std::string(version()) + " (" +
                             std::string(git_revision()) + "): a checkpoint is resumed by the build that wrote it");
  }
  for (const char* a : {"scenario_source", "scenario_text", "scenario_resolved", "overrides", "replication", "day",
                        "checkpoint_every", "model_state_bytes", "run_state_bytes", "scenario_sha256",
                        "model_state_sha256", "run_state_sha256", "rows_sha256", "sha256"}) {
    if (!io::h5::has_attr(id, a)) damaged(path, std::string("no attribute ") + a);
  }
  const std::string source = io::h5::attr_string(id, "scenario_source"), text = io::h5::attr_string(id, "scenario_text"),
                    resolved = io::h5::attr_string(id, "scenario_resolved"),
                    overrides = io::h5::attr_string(id, "overrides");
  std::map<std::string, std::string> stored;
  for (const char* a : {"scenario_sha256", "model_state_sha256", "run_state_sha256", "rows_sha256", "sha256"}) {
    stored[a] = io::h5::attr_string(id, a);
  }
  replication_ = io::h5::attr_int(id, "replication");
  day_ = io::h5::attr_int(id, "day");
  every_ = io::h5::attr_int(id, "checkpoint_every");
  model_state_ = read_blob(id, path, "model_state");
  run_state_ = read_blob(id, path, "run_state");
  rows_ = read_rows(id, path);
  file.close();

  // Every part against its checksum, then the whole.
  const Hashes h{scenario_hash(source, text, resolved, overrides), bytes_hash(model_state_), bytes_hash(run_state_),
                 rows_hash(rows_)};
  auto expect = [&](const std::string& found, const std::string& attr, const std::string& what) {
    if (stored[attr] != found) damaged(path, what + " does not match its SHA-256 checksum");
  };
  expect(h.scenario, "scenario_sha256", "the scenario");
  expect(h.model, "model_state_sha256", "the model's state");
  expect(h.run, "run_state_sha256", "the event log and totals");
  expect(h.rows, "rows_sha256", "the rows written so far");
  expect(content_hash(replication_, day_, every_, h), "sha256", "the day, replication or interval");

  std::vector<scenario::Override> ov;
  std::istringstream in(overrides);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) ov.push_back(scenario::parse_override(line));
  }
  scenario_ = scenario::load_text(resolved, source, ov);
  scenario_.text = text;  // provenance exactly as the original run wrote it
  scenario_.resolved_text = resolved;
  if (replication_ != from_name || replication_ < 0 || replication_ >= scenario_.config.run.replications) {
    damaged(path, "replication " + std::to_string(replication_) + " in a file named for replication " +
                      std::to_string(from_name) + " of a scenario with " +
                      std::to_string(scenario_.config.run.replications));
  }
  if (day_ <= 0 || day_ >= scenario_.config.run.days || every_ < 0) {
    damaged(path, "day " + std::to_string(day_) + " of " + std::to_string(scenario_.config.run.days) + ", interval " +
                      std::to_string(every_));
  }
}

std::vector<std::uint8_t> CheckpointReader::model_state() const { return model_state_; }

void CheckpointReader::run_state(Totals& totals) const {
  core::Archive ar(run_state_);
  ar.io(totals);
  ar.expect_end();
}

std::pair<ObservableWriter, RelationshipWriter> CheckpointReader::replay(io::RunFile& f,
                                                                         std::size_t organisations) const {
  // The observables' series are created and their step-0 rows written before the trust
  // matrix's series exists; later, at a step with both, the matrix row comes first.
  ObservableWriter w(f, scenario_);
  std::vector<std::size_t> sample_series;
  auto rows_of = [&](std::size_t k, bool integer) -> const io::RunFile::Rows& {
    if (k >= rows_.size() || rows_[k].integer != integer) {
      damaged(path_, "series " + std::to_string(k) + " is missing or of the wrong type");
    }
    return rows_[k];
  };
  for (const auto& [o, idx] : w.series) {
    sample_series.push_back(idx);
    rows_of(idx, model::observables()[o].integer);
  }
  const std::size_t samples = sample_series.empty() ? 0 : rows_[sample_series[0]].step.size();
  for (std::size_t k : sample_series) {
    if (rows_[k].step.size() != samples || (k != sample_series[0] && rows_[k].step != rows_[sample_series[0]].step)) {
      damaged(path_, "the series do not have the same samples");
    }
  }
  if (samples > 0) {
    for (std::size_t k : sample_series) put(f, k, rows_[k], 0);
  }
  RelationshipWriter rw(f, scenario_.config, organisations);
  const auto& rel = rows_of(rw.series, false);
  if (rows_.size() != rw.series + 1) damaged(path_, "it holds " + std::to_string(rows_.size()) + " series");
  const std::size_t months = rel.step.size();
  if (months > 0) put(f, rw.series, rel, 0);
  std::size_t is = samples > 0 ? 1 : 0, ir = months > 0 ? 1 : 0;
  while (is < samples || ir < months) {
    const bool rel_next = ir < months && (is >= samples || rel.step[ir] <= rows_[sample_series[0]].step[is]);
    if (rel_next) {
      put(f, rw.series, rel, ir++);
    } else {
      for (std::size_t k : sample_series) put(f, k, rows_[k], is);
      ++is;
    }
  }
  return {std::move(w), std::move(rw)};
}

}  // namespace icsim::app::detail

// Checkpoints: write one, and read one back to resume (docs/sweeps.md, checkpoints).
#include "app/checkpoint.hpp"

#include <cstring>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "core/archive.hpp"
#include "core/version.hpp"
#include "io/h5.hpp"

namespace icsim::app::detail {
namespace fs = std::filesystem;
namespace {

constexpr const char* kFormat = "icsim-checkpoint-1";

std::vector<std::int64_t> pack(const std::vector<std::uint8_t>& bytes) {
  std::vector<std::int64_t> out((bytes.size() + 7) / 8, 0);
  if (!bytes.empty()) std::memcpy(out.data(), bytes.data(), bytes.size());
  return out;
}

std::vector<std::uint8_t> unpack(const std::vector<std::int64_t>& words, std::int64_t size) {
  std::vector<std::uint8_t> out(static_cast<std::size_t>(size));
  if (size > 0) std::memcpy(out.data(), words.data(), out.size());
  return out;
}

/// The rows of every series stored in a checkpoint file.
std::vector<io::RunFile::Rows> checkpoint_rows(hid_t id, const std::vector<char>& integer) {
  std::vector<io::RunFile::Rows> rows(integer.size());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const std::string g = "series/" + std::to_string(k);
    rows[k].integer = integer[k] != 0;
    rows[k].step = io::h5::read_ints(id, g + "/step");
    rows[k].time = io::h5::read_doubles(id, g + "/time");
    if (rows[k].integer) {
      rows[k].ints = io::h5::read_ints(id, g + "/value");
    } else {
      rows[k].reals = io::h5::read_doubles(id, g + "/value");
    }
  }
  return rows;
}

/// The rows of series k stored in a checkpoint file.
io::RunFile::Rows load_rows(hid_t id, std::size_t k, bool integer) {
  const std::string g = "series/" + std::to_string(k);
  io::RunFile::Rows r;
  r.integer = integer;
  r.step = io::h5::read_ints(id, g + "/step");
  r.time = io::h5::read_doubles(id, g + "/time");
  if (integer) {
    r.ints = io::h5::read_ints(id, g + "/value");
  } else {
    r.reals = io::h5::read_doubles(id, g + "/value");
  }
  return r;
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

}  // namespace

std::string checkpoint_path(const std::string& path) {
  const fs::path p(path);
  return (p.parent_path() / (p.stem().string() + ".checkpoint.h5")).string();
}

void write_checkpoint(const std::string& path, const scenario::Scenario& sc, int replication, int checkpoint_every,
                      const model::Model& m, io::RunFile& f, Totals totals,
                      bool& has_previous) {
  const std::string ck = checkpoint_path(path), tmp = ck + ".tmp";
  auto fresh = f.take_recorded();
  std::vector<io::RunFile::Rows> all;
  if (has_previous) {
    std::vector<char> integer;
    for (const auto& r : fresh) integer.push_back(r.integer ? 1 : 0);
    auto old = io::h5::open_file_read(ck);
    all = checkpoint_rows(old.id(), integer);
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
  {
    auto file = io::h5::create_file(tmp);
    const hid_t id = file.id();
    io::h5::set_attr(id, "format", std::string(kFormat));
    io::h5::set_attr(id, "icsim_version", std::string(version()));
    io::h5::set_attr(id, "git_revision", std::string(git_revision()));
    io::h5::set_attr(id, "scenario_source", sc.source);
    io::h5::set_attr(id, "scenario_text", sc.text);
    io::h5::set_attr(id, "scenario_resolved", sc.resolved_text);
    std::string overrides;
    for (const auto& o : sc.overrides) overrides += (overrides.empty() ? "" : "\n") + o;
    io::h5::set_attr(id, "overrides", overrides);
    io::h5::set_attr(id, "replication", static_cast<std::int64_t>(replication));
    io::h5::set_attr(id, "day", static_cast<std::int64_t>(m.days_done()));
    io::h5::set_attr(id, "output_file", fs::path(path).filename().string());
    io::h5::set_attr(id, "checkpoint_every", static_cast<std::int64_t>(checkpoint_every));
    auto blob = [&](const std::string& name, const std::vector<std::uint8_t>& bytes) {
      const auto words = pack(bytes);
      io::h5::write_ints(id, name, words, {words.size()});
      io::h5::set_attr(id, name + "_bytes", static_cast<std::int64_t>(bytes.size()));
    };
    blob("model_state", m.save_state());
    core::Archive ev;
    ev.io(totals);
    blob("run_state", ev.bytes());
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
    }
  }
  fs::rename(tmp, ck);
  has_previous = true;
}

CheckpointReader::CheckpointReader(const std::string& path) : path_(path), file_(io::h5::open_file_read(path)) {
  const hid_t id = file_.id();
  if (!io::h5::has_attr(id, "format") || io::h5::attr_string(id, "format") != kFormat) {
    throw std::runtime_error(path + " is not an icsim checkpoint");
  }
  if (io::h5::attr_string(id, "git_revision") != git_revision() || io::h5::attr_string(id, "icsim_version") != version()) {
    throw std::runtime_error(path + " was written by icsim " + io::h5::attr_string(id, "icsim_version") + " (" +
                             io::h5::attr_string(id, "git_revision") + "); this is " + std::string(version()) + " (" +
                             std::string(git_revision()) + "): a checkpoint is resumed by the build that wrote it");
  }
  std::vector<scenario::Override> overrides;
  std::istringstream ov(io::h5::attr_string(id, "overrides"));
  for (std::string line; std::getline(ov, line);) {
    if (!line.empty()) overrides.push_back(scenario::parse_override(line));
  }
  scenario_ = scenario::load_text(io::h5::attr_string(id, "scenario_resolved"),
                                  io::h5::attr_string(id, "scenario_source"), overrides);
  scenario_.text = io::h5::attr_string(id, "scenario_text");  // provenance exactly as the original run wrote it
  scenario_.resolved_text = io::h5::attr_string(id, "scenario_resolved");
}

int CheckpointReader::replication() const { return static_cast<int>(io::h5::attr_int(file_.id(), "replication")); }
int CheckpointReader::day() const { return static_cast<int>(io::h5::attr_int(file_.id(), "day")); }
int CheckpointReader::checkpoint_every() const {
  return static_cast<int>(io::h5::attr_int(file_.id(), "checkpoint_every"));
}

std::string CheckpointReader::output_path() const {
  return (fs::path(path_).parent_path() / io::h5::attr_string(file_.id(), "output_file")).string();
}

std::vector<std::uint8_t> CheckpointReader::model_state() const {
  return unpack(io::h5::read_ints(file_.id(), "model_state"), io::h5::attr_int(file_.id(), "model_state_bytes"));
}

void CheckpointReader::run_state(Totals& totals) const {
  core::Archive ar(unpack(io::h5::read_ints(file_.id(), "run_state"), io::h5::attr_int(file_.id(), "run_state_bytes")));
  ar.io(totals);
  ar.expect_end();
}

std::pair<ObservableWriter, RelationshipWriter> CheckpointReader::replay(io::RunFile& f,
                                                                         std::size_t organisations) const {
  // The observables' series are created and their step-0 rows written before the trust
  // matrix's series exists; later, at a step with both, the matrix row comes first.
  const hid_t id = file_.id();
  ObservableWriter w(f, scenario_);
  std::vector<std::size_t> sample_series;
  std::vector<io::RunFile::Rows> rows;
  auto load = [&](std::size_t k, bool integer) {
    if (rows.size() <= k) rows.resize(k + 1);
    rows[k] = load_rows(id, k, integer);
  };
  for (const auto& [o, idx] : w.series) {
    sample_series.push_back(idx);
    load(idx, model::observables()[o].integer);
  }
  const std::size_t samples = sample_series.empty() ? 0 : rows[sample_series[0]].step.size();
  if (samples > 0) {
    for (std::size_t k : sample_series) put(f, k, rows[k], 0);
  }
  RelationshipWriter rw(f, organisations);
  load(rw.series, false);
  const auto& rel = rows[rw.series];
  const std::size_t months = rel.step.size();
  if (months > 0) put(f, rw.series, rel, 0);
  std::size_t is = samples > 0 ? 1 : 0, ir = months > 0 ? 1 : 0;
  while (is < samples || ir < months) {
    const bool rel_next = ir < months && (is >= samples || rel.step[ir] <= rows[sample_series[0]].step[is]);
    if (rel_next) {
      put(f, rw.series, rel, ir++);
    } else {
      for (std::size_t k : sample_series) put(f, k, rows[k], is);
      ++is;
    }
  }
  return {std::move(w), std::move(rw)};
}

}  // namespace icsim::app::detail

// Python bindings of icsim's public C++ API (icsim.hpp) with pybind11: the module icsim._icsim,
// wrapped by the icsim package (analysis/icsim/__init__.py). Runs release the GIL.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <icsim/icsim.hpp>

namespace py = pybind11;

namespace {

/// A Series as a dict: values as a numpy array shaped (samples, axes...).
py::dict to_dict(const icsim::Series& s) {
  std::vector<py::ssize_t> shape{static_cast<py::ssize_t>(s.step.size())};
  for (auto n : s.shape) shape.push_back(static_cast<py::ssize_t>(n));
  py::array_t<double> values(shape);
  std::copy(s.values.begin(), s.values.end(), values.mutable_data());
  py::dict d;
  d["name"] = s.name;
  d["unit"] = s.unit;
  d["kind"] = s.kind;
  d["axes"] = s.axes;
  d["labels"] = s.labels;
  d["step"] = py::array_t<std::int64_t>(static_cast<py::ssize_t>(s.step.size()), s.step.data());
  d["values"] = values;
  return d;
}

}  // namespace

PYBIND11_MODULE(_icsim, m) {
  m.doc() = "icsim's C++ engine: load, validate and run scenarios (docs/embedding.md)";
  py::register_exception<icsim::Error>(m, "Error", PyExc_ValueError);
  py::class_<icsim::Scenario>(m, "Scenario")
      .def_static("load", &icsim::Scenario::load, py::arg("path"), py::arg("set") = std::vector<std::string>{},
                  "Load and validate a scenario file; set: 'path=value' overrides")
      .def_static("parse", &icsim::Scenario::parse, py::arg("toml"), py::arg("source") = "text",
                  py::arg("set") = std::vector<std::string>{})
      .def_static("builtin", &icsim::Scenario::builtin, py::arg("set") = std::vector<std::string>{})
      .def_property_readonly("name", &icsim::Scenario::name)
      .def_property_readonly("days", &icsim::Scenario::days)
      .def_property_readonly("replications", &icsim::Scenario::replications)
      .def_property_readonly("seed", &icsim::Scenario::seed)
      .def_property_readonly("warnings", &icsim::Scenario::warnings)
      .def("__repr__", [](const icsim::Scenario& s) { return "<icsim.Scenario " + s.name() + ">"; });
  m.def(
      "run",
      [](const icsim::Scenario& s, const std::string& out_dir, std::size_t threads, bool force) {
        icsim::RunOptions o;
        o.out_dir = out_dir;
        o.threads = threads;
        o.force = force;
        icsim::RunResult r;
        {
          py::gil_scoped_release release;
          r = icsim::run(s, o);
        }
        py::dict d;
        d["scenario"] = r.scenario;
        d["files"] = r.files;
        d["errors"] = r.errors;
        return d;
      },
      py::arg("scenario"), py::arg("out_dir") = "results", py::arg("threads") = 0, py::arg("force") = false,
      "Run every replication into files, as icsim run does (the same bytes)");
  m.def(
      "simulate",
      [](const icsim::Scenario& s, int replication, const std::vector<std::string>& observables) {
        std::vector<icsim::Series> out;
        {
          py::gil_scoped_release release;
          out = icsim::simulate(s, replication, observables);
        }
        py::dict d;
        for (const auto& x : out) d[py::str(x.name)] = to_dict(x);
        return d;
      },
      py::arg("scenario"), py::arg("replication") = 0, py::arg("observables") = std::vector<std::string>{},
      "Run one replication in memory; {name: series dict}");
  m.def(
      "read_series", [](const std::string& file, const std::string& name) { return to_dict(icsim::read_series(file, name)); },
      py::arg("file"), py::arg("observable"));
  m.def("observable_names", &icsim::observable_names);
}

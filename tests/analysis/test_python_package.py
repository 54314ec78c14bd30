"""The Python package (issue 18 acceptance): pip installs analysis/ (the icsim bindings built
with pybind11 against an installed icsim, and icsim_analysis) into a fresh virtual environment
made with --system-site-packages, without PyPI; a scenario run through the bindings gives files
byte-identical to the CLI's; errors are Python exceptions naming file and line."""
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest_icsim import SOURCE_DIR, icsim_bin, run

BUILD = Path(icsim_bin()).resolve().parent


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    if subprocess.run(["/usr/bin/python3", "-c", "import pybind11, setuptools, venv"]).returncode != 0:
        pytest.fail("python3-pybind11, python3-setuptools and python3-venv are needed (cmake/install-deps.sh)")
    root = tmp_path_factory.mktemp("py")
    prefix = root / "prefix"
    subprocess.run(["cmake", "--install", str(BUILD), "--prefix", str(prefix)], check=True, capture_output=True)
    src = root / "analysis"  # a copy: the build leaves build/ and egg-info beside the sources
    shutil.copytree(SOURCE_DIR / "analysis", src, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    env_dir = root / "venv"
    subprocess.run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", str(env_dir)], check=True)
    env = dict(os.environ, PKG_CONFIG_PATH=str(prefix / "lib/pkgconfig"))
    p = subprocess.run([str(env_dir / "bin/pip"), "install", "--no-build-isolation", "--no-index", "--no-deps",
                        str(src)], capture_output=True, text=True, env=env, timeout=600)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    return env_dir


def in_venv(venv, code, cwd):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # only what pip installed
    return subprocess.run([str(venv / "bin/python"), "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=600)


def test_bindings_run_a_scenario_byte_identical_to_the_cli(venv, tmp_path):
    scenario = SOURCE_DIR / "scenarios/default.toml"
    p = in_venv(venv, f"""
        import numpy as np, icsim, icsim_analysis
        assert icsim.__file__.startswith({str(venv)!r}), icsim.__file__
        s = icsim.Scenario.load({str(scenario)!r}, set=["scenario.days=35", "scenario.replications=2"])
        assert (s.name, s.days, s.replications) == ("default", 35, 2)
        warned = icsim.validate({str(scenario)!r}, ["scenario.replications=2"])
        assert any("fewer than 5 replications" in str(w) for w in warned), warned
        r = icsim.run(s, out_dir="api", threads=2)
        assert len(r["files"]) == 2 and not r["errors"]
        mem = icsim.simulate(s, 0, ["waiting_list"])["waiting_list"]
        disk = icsim.read_series(r["files"][0], "waiting_list")
        assert isinstance(mem["values"], np.ndarray) and mem["values"].shape == (6, 7, 8)
        assert np.array_equal(mem["values"], disk["values"]) and mem["labels"] == disk["labels"]
        f = icsim.frame("api", ["system_waiting_list"])
        rep0 = f[f["replication"] == 0]["value"].to_numpy()
        assert len(f) == 12 and np.array_equal(rep0, disk["values"].sum(axis=(1, 2)))
        try:
            icsim.Scenario.parse("[scenario]\\nname = 'x'\\ndayz = 3\\n", "bad.toml")
            raise SystemExit("no error")
        except icsim.Error as e:
            assert isinstance(e, ValueError) and "bad.toml:3" in str(e), str(e)
        print("ok")
    """, tmp_path)
    assert p.returncode == 0 and p.stdout.strip() == "ok", p.stderr
    run("run", scenario, "--days", 35, "-r", 2, "--out", tmp_path / "cli", "--quiet")
    for rep in range(2):
        name = f"default/rep-{rep:04d}.h5"
        assert (tmp_path / "api" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name


def test_plotting_backend_is_left_to_the_user(venv, tmp_path):
    p = in_venv(venv, """
        import os
        os.environ["MPLBACKEND"] = "svg"
        import matplotlib, icsim_analysis.plots
        print(matplotlib.get_backend())
    """, tmp_path)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "svg"

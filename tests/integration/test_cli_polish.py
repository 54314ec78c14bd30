"""The command line as a person and a script meet it: a clear message for an unknown command,
--quiet, --format json for params, observables and run summaries, progress that fits the
terminal, bash completion and the man page made at build time."""
import fcntl
import json
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import termios
from pathlib import Path

import h5py
import pytest

from conftest_icsim import icsim_bin, run

BUILD = Path(icsim_bin()).resolve().parent
COMMANDS = ["run", "resume", "sweep", "validate", "params", "observables", "bench", "generate",
            "report", "export", "completion"]


def test_unknown_command_names_the_word_and_lists_the_commands():
    p = run("bogus", check=False)
    assert p.returncode == 2
    assert "unknown command 'bogus'; commands: " + ", ".join(COMMANDS) in p.stderr
    none = run(check=False)
    assert none.returncode == 2 and "a command is needed; commands: run," in none.stderr
    assert run("--help").returncode == 0  # help and version still work without a command
    assert run("--version").stdout.startswith("icsim ")


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_prints_nothing_but_writes_the_outputs(out, where):
    args = ["run", "--days", 14, "-r", 1, "--out", out, "--progress", "always"]
    p = run(*(["--quiet", *args] if where == "before" else [*args, "--quiet"]))
    assert p.stdout == "" and p.stderr == ""
    assert (out / "default" / "rep-0000.h5").exists()
    # Without --quiet the same run warns (1 replication) and prints its table.
    loud = run(*args, "--force")
    assert "warning" in loud.stderr and "Scenario default" in loud.stdout


def test_quiet_still_reports_errors(tmp_path):
    p = run("--quiet", "run", tmp_path / "missing.toml", check=False)
    assert p.returncode == 2 and "error" in p.stderr


def test_params_and_observables_as_json_list_what_the_tables_list():
    params = json.loads(run("params", "--format", "json").stdout)
    table = run("params", "--markdown").stdout
    keys = re.findall(r"^\| `([^`]+)` \|", table, re.M)
    assert [p["key"] for p in params["parameters"]] == keys
    forgetting = next(p for p in params["parameters"] if p["key"] == "relationships.forgetting")
    assert forgetting["unit"] and forgetting["default"] and forgetting["source"]
    only = json.loads(run("params", "--format", "json", "relationships.").stdout)["parameters"]
    assert only and all(p["key"].startswith("relationships.") for p in only)
    obs = json.loads(run("observables", "--format", "json").stdout)["observables"]
    names = re.findall(r"^\| `([^`]+)` \|", run("observables", "--markdown").stdout, re.M)
    assert [o["name"] for o in obs] == names
    assert obs[0]["dimensions"][0] == "time"


def test_run_summary_as_json_matches_the_files(out):
    p = run("run", "--days", 28, "-r", 2, "--out", out, "--format", "json")
    summary = json.loads(p.stdout)  # stdout is the document alone
    (sc,) = summary["scenarios"]
    assert sc["name"] == "default" and sc["replications"] == 2 and sc["failed"] == 0
    finals = []
    for rep in range(2):
        with h5py.File(out / "default" / f"rep-{rep:04d}.h5", "r") as f:
            finals.append(int(f["observables/system_waiting_list/value"][-1]))
    got = sc["system"]["waiting_list"]
    assert got["n"] == 2 and got["mean"] == pytest.approx(sum(finals) / 2)
    assert got["ci_low"] <= got["mean"] <= got["ci_high"]
    assert [t["id"] for t in sc["trusts"]][:2] == ["RCT", "RNT"]


@pytest.mark.parametrize("columns", [40, 120])
def test_progress_fits_the_width_given_by_columns(out, columns):
    env = dict(os.environ, COLUMNS=str(columns))
    p = subprocess.run([icsim_bin(), "run", "--days", "120", "-r", "2", "--out", str(out),
                        "--progress", "always"], capture_output=True, env=env, timeout=300)
    assert p.returncode == 0, p.stderr
    bars = [s for s in p.stderr.decode().split("\r") if s.startswith("[")]
    assert bars, p.stderr
    assert all(len(s) == columns - 1 for s in bars), {len(s) for s in bars}


def test_progress_fits_a_real_terminal_width():
    # A pseudo-terminal 50 columns wide, no COLUMNS: the width comes from ioctl(TIOCGWINSZ).
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 50, 0, 0))
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    out = Path(os.environ.get("TMPDIR", "/tmp")) / f"icsim_pty_{os.getpid()}"
    proc = subprocess.Popen([icsim_bin(), "run", "--days", "120", "-r", "2", "--out", str(out), "--force"],
                            stdin=slave, stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    data = b""
    while True:
        r, _, _ = select.select([master], [], [], 60)
        if not r:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    proc.wait(timeout=60)
    os.close(master)
    shutil.rmtree(out, ignore_errors=True)
    bars = [s for s in data.decode(errors="replace").split("\r") if s.startswith("[")]
    assert bars, data[-500:]
    assert all(len(s) == 49 for s in bars), {len(s) for s in bars}


def complete(words):
    script = BUILD / "icsim.bash"
    line = " ".join(words)
    cmd = (f"source {script}; COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; _icsim; "
           'printf "%s\\n" "${COMPREPLY[@]}"')
    return subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, check=True).stdout.split()


def test_bash_completion_is_generated_at_build_time_from_the_options():
    script = (BUILD / "icsim.bash").read_text()
    assert script == run("completion", "bash").stdout
    assert set(complete(["icsim", "''"])) >= set(COMMANDS)
    assert complete(["icsim", "re"]) == ["resume", "report"]
    assert "--replications" in complete(["icsim", "run", "--rep"])
    assert complete(["icsim", "run", "--progress", "''"]) == ["auto", "always", "never", "json"]
    assert complete(["icsim", "export", "x", "--format", "''"]) == ["csv", "xlsx"]
    assert "--quiet" in complete(["icsim", "sweep", "--q"])


@pytest.mark.skipif(shutil.which("help2man") is None, reason="help2man is not installed (cmake/install-deps.sh installs it)")
def test_man_page_is_made_by_help2man_at_build_time():
    page = (BUILD / "icsim.1").read_text()
    assert page.startswith(".\\\" DO NOT MODIFY THIS FILE!") and ".TH ICSIM \"1\"" in page
    for c in COMMANDS:
        assert f"icsim {c}" in page, c
    assert "\\-\\-quiet" in page and "EXIT STATUS" in page
    shown = subprocess.run(["man", "-l", str(BUILD / "icsim.1")], capture_output=True, text=True)
    if shown.returncode == 0:
        assert "icsim run" in shown.stdout

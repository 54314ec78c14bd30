"""CLI behaviour: refusing to overwrite, surviving a real kill, bad input, the other commands."""
import json
import os
import signal
import subprocess
import time

import pytest

from conftest_icsim import SOURCE_DIR, icsim_bin, run


def test_existing_results_are_not_overwritten_without_force(out):
    run("run", "--days", 14, "-r", 1, "--out", out)
    before = (out / "default" / "rep-0000.h5").read_bytes()
    again = run("run", "--days", 21, "-r", 1, "--out", out, check=False)
    assert again.returncode == 3
    assert "already exist" in again.stderr and "--force" in again.stderr
    assert (out / "default" / "rep-0000.h5").read_bytes() == before
    run("run", "--days", 21, "-r", 1, "--out", out, "--force")
    assert (out / "default" / "rep-0000.h5").read_bytes() != before


def test_a_killed_run_leaves_no_file_under_a_final_name(out):
    # Long enough to be killed mid-way: 2 threads, many replications of a 20-year default run.
    proc = subprocess.Popen([icsim_bin(), "run", "--days", "7300", "-r", "40", "--out", str(out),
                             "--progress", "never"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and not list(out.glob("default/*.tmp")):
        time.sleep(0.05)
    assert list(out.glob("default/*.tmp")), "the run never started writing"
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    final = [p for p in out.rglob("*") if p.is_file() and not p.name.endswith(".tmp") and p.name != "icsim.lock"]
    # Only replications that completed before the kill (and the batch's record) may exist, and
    # each is a whole file.
    for p in final:
        assert p.suffix == ".h5", p
        subprocess.run(["h5dump", "-H", str(p)], check=True, capture_output=True)
    assert not (out / "manifest.json").exists()
    assert list(out.glob("default/*.tmp"))  # the unfinished ones are visibly temporary
    rerun = run("run", "--days", 7, "-r", 1, "--out", out, check=False)
    assert rerun.returncode == 3  # partial results are not silently replaced
    run("run", "--days", 7, "-r", 1, "--out", out, "--force")
    assert not list(out.rglob("*.tmp"))


BAD = {
    "malformed.toml": ("[scenario]\nname = \"x\"\ndays = \n", ":3:", "malformed TOML"),
    "unknown_key.toml": ("[scenario]\nname = \"x\"\ndayz = 3\n", ":3:", "unknown key"),
    "wrong_type.toml": ("[scenario]\nname = \"x\"\ndays = \"3\"\n", ":3:", "expected an integer"),
}
BASE = """[scenario]
name = "x"
[[place]]
id = "p"
population = 1000
location_km = [0.0, 0.0]
[[specialty]]
id = "s"
referral_rate = 10.0
[[trust]]
id = "T"
type = "acute"
place = "p"
[trust.capacity]
s = 5.0
"""
BAD["negative_capacity.toml"] = (BASE.replace("s = 5.0", "s = -5.0"), ":15:", "[0, 1000000]")
BAD["unknown_place.toml"] = (BASE.replace('place = "p"', 'place = "q"'), ":13:", "id of a place")
BAD["missing_field.toml"] = (BASE.replace('type = "acute"\n', ""), ":10:", "required")


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_scenarios_give_clear_errors_and_exit_2(tmp_path, name):
    # Every error of the file at once (issue 17), each on its own line with file and line; a
    # file missing its [[place]] and [[specialty]] says so too.
    text, where, what = BAD[name]
    path = tmp_path / name
    path.write_text(text)
    for cmd in (["validate", path], ["run", path, "--out", tmp_path / "o"]):
        proc = run(*cmd, check=False)
        assert proc.returncode == 2, proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert all(l.startswith(f"icsim: error: {path}:") for l in lines), proc.stderr
        assert any(f"{path}{where}" in l and what in l for l in lines), proc.stderr
    assert not (tmp_path / "o").exists()


def test_bad_command_line_values_exit_2(out):
    proc = run("run", "--set", "scenario.days=-1", "--out", out, check=False)
    assert proc.returncode == 2 and "command line" in proc.stderr
    proc = run("run", "--threads", "many", check=False)
    assert proc.returncode == 2


def test_version_params_observables_and_help():
    assert run("--version").stdout.startswith("icsim 0.")
    params = run("params").stdout
    assert "trust.capacity.<specialty>" in params and "source:" in params
    assert "| `waiting_list` |" in run("observables", "--markdown").stdout
    assert "run" in run("--help").stdout


def test_progress_modes(out):
    proc = run("run", "--days", 28, "-r", 2, "--out", out, "--progress", "json")
    lines = [json.loads(l) for l in proc.stderr.splitlines() if l.startswith("{")]
    assert lines and lines[-1]["progress"]["runs_done"] == 2
    assert lines[-1]["progress"]["days_done"] == 56
    quiet = run("run", "--days", 7, "-r", 1, "--out", out, "--force")  # not a terminal: quiet
    assert all(l.startswith("icsim: warning: ") for l in quiet.stderr.splitlines()), quiet.stderr


def test_validate_reports_the_shipped_default():
    proc = run("validate", SOURCE_DIR / "scenarios" / "default.toml")
    assert "ok (default: 5 places, 7 trusts, 8 specialties" in proc.stdout

"""icsim sweep with real processes: one process against `mpirun -np 2`, a real SIGKILL and a
rerun, Slurm-style shards, dry runs and failures. Files are compared byte for byte."""
import hashlib
import os
import shutil
import signal
import subprocess
import time

import h5py
import pytest

from conftest_icsim import SOURCE_DIR, icsim_bin, run

MPIRUN = ["mpirun", "--allow-run-as-root", "--oversubscribe", "-np", "2"]
if "detect_leaks=1" in os.environ.get("ASAN_OPTIONS", ""):
    # Under the asan-ubsan preset: OpenMPI's plugins leak at exit from modules already unloaded
    # ("<unknown module>", no frame a suppression could name), so the MPI ranks run without leak
    # detection. Every other process of these tests keeps it, including the one-process sweep
    # of the same test, which runs the same icsim code.
    MPIRUN += ["-x", "ASAN_OPTIONS=" + os.environ["ASAN_OPTIONS"].replace("detect_leaks=1", "detect_leaks=0")]


def sweep_file(tmp_path, days=60, reps=2, design="grid"):
    text = f"""[sweep]
name = "pledge"
scenario = "{SOURCE_DIR / 'scenarios' / 'orthopaedic_pool.toml'}"
design = "{design}"
replications = {reps}
days = {days}

[[parameter]]
path = "collaborative.shire_acute.programme.0.pledge_share"
values = [0.25, 1.0]

[[parameter]]
path = "pooling.acceptance_distance_km"
values = [10.0, 25.0, 50.0]
"""
    path = tmp_path / "sweep.toml"
    path.write_text(text)
    return path


def digests(out):
    """sha256 of every HDF5 file of the sweep folder (run files and the index), by relative path."""
    folder = out / "pledge"
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*.h5"))}


def test_mpirun_two_ranks_gives_the_same_files_as_one_process(tmp_path):
    assert shutil.which("mpirun"), "OpenMPI's mpirun is required (cmake/install-deps.sh installs it)"
    s = sweep_file(tmp_path)
    run("sweep", s, "--out", tmp_path / "one")
    proc = subprocess.run([*MPIRUN, icsim_bin(), "sweep", str(s), "--out", str(tmp_path / "two"), "--threads", "1"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "of 2" in proc.stdout  # rank 0 reports the job's size
    one, two = digests(tmp_path / "one"), digests(tmp_path / "two")
    assert len(one) == 6 * 2 + 1 and one == two
    # Both ranks ran some of the runs: two journals, every run in exactly one.
    journals = sorted((tmp_path / "two" / "pledge").glob("journal-*.txt"))
    lines = [ln.split("\t")[0] for j in journals for ln in j.read_text().splitlines()]
    assert len(journals) == 2 and sorted(lines, key=int) == [str(i) for i in range(12)]
    # The index describes the design and every run.
    with h5py.File(tmp_path / "two" / "pledge" / "sweep.h5") as f:
        assert f["design/points/x"].shape == (6, 2)
        assert list(f["runs/status"].asstr()[()]) == ["complete"] * 12
        assert list(f["design/parameters/path"].asstr()[()])[1] == "pooling.acceptance_distance_km"


def test_a_killed_sweep_resumes_redoing_only_unfinished_runs(tmp_path):
    s = sweep_file(tmp_path, days=400, reps=3)
    run("sweep", s, "--out", tmp_path / "whole", "--threads", "2")
    out = tmp_path / "killed"
    proc = subprocess.Popen([icsim_bin(), "sweep", str(s), "--out", str(out), "--threads", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    journal = out / "pledge" / "journal-0.txt"
    deadline = time.time() + 120
    while time.time() < deadline and (not journal.exists() or len(journal.read_text().splitlines()) < 4):
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    finished = journal.read_text().splitlines()
    assert 4 <= len(finished) < 18, "the kill should land mid-way"
    assert not (out / "manifest.json").exists()
    before = {p: p.stat().st_mtime_ns for p in (out / "pledge").rglob("rep-*.h5")}
    again = run("sweep", s, "--out", out, "--threads", "2")
    skipped = int(again.stdout.split("; ")[1].split(" already complete")[0])
    assert skipped >= len(finished) and skipped < 18
    # The runs that had finished were not redone; the final files equal an uninterrupted sweep's.
    done_files = set()
    for ln in finished:
        idx = int(ln.split("\t")[0])
        done_files.add(out / "pledge" / f"point-{idx // 3:04d}" / f"rep-{idx % 3:04d}.h5")
    for p in done_files:
        assert p.stat().st_mtime_ns == before[p], f"{p} was redone"
    assert not list(out.rglob("*.tmp"))
    assert digests(out) == digests(tmp_path / "whole")


def test_shards_then_a_final_pass_equal_the_whole_sweep(tmp_path):
    s = sweep_file(tmp_path)
    run("sweep", s, "--out", tmp_path / "whole")
    out = tmp_path / "sharded"
    for i in range(3):
        p = run("sweep", s, "--out", out, "--shard", f"{i}/3")
        assert "4 runs in this shard" in p.stdout
    final = run("sweep", s, "--out", out)
    assert "12 already complete, 0 run now" in final.stdout
    assert digests(out) == digests(tmp_path / "whole")
    bad = run("sweep", s, "--out", out, "--shard", "3/3", check=False)
    assert bad.returncode == 2 and "--shard" in bad.stderr


def test_dry_run_prints_the_plan_and_writes_nothing(tmp_path):
    s = sweep_file(tmp_path)
    p = run("sweep", s, "--dry-run", "--out", tmp_path / "none")
    assert "6 points x 2 replications = 12 runs" in p.stdout
    assert p.stdout.count("\n") == 3 + 6
    assert not (tmp_path / "none").exists()


def test_failures_are_recorded_and_fail_fast_stops_early(tmp_path):
    s = sweep_file(tmp_path)
    for flag, label in ((None, "continue"), ("--fail-fast", "fast")):
        out = tmp_path / label
        blocker = out / "pledge" / "point-0000" / "rep-0001.h5"
        blocker.mkdir(parents=True)  # a directory where a run's file must go: that run fails
        (blocker / "x").write_text("in the way")
        (out / "pledge" / "plan.txt").write_text(run("sweep", s, "--dry-run").stdout)
        args = ["sweep", s, "--out", out, "--threads", "1"] + ([flag] if flag else [])
        p = run(*args, check=False)
        assert p.returncode == 1, p.stdout + p.stderr
        assert "point 0 replication 1" in p.stderr
        with h5py.File(out / "pledge" / "sweep.h5") as f:
            status = list(f["runs/status"].asstr()[()])
            assert status[1] == "failed" and f["runs/error"].asstr()[1]
        if flag:
            assert status.count("complete") < 11 and "pending" in status
        else:
            assert status.count("complete") == 11


def test_a_different_sweep_in_the_same_folder_needs_force(tmp_path):
    s = sweep_file(tmp_path)
    run("sweep", s, "--out", tmp_path / "o")
    other = tmp_path / "other.toml"
    other.write_text(s.read_text().replace("values = [10.0, 25.0, 50.0]", "values = [5.0]"))
    p = run("sweep", other, "--out", tmp_path / "o", check=False)
    assert p.returncode == 3 and "different sweep" in p.stderr
    run("sweep", other, "--out", tmp_path / "o", "--force")
    assert len(digests(tmp_path / "o")) == 2 * 2 + 1

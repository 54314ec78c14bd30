"""Sweeps with processes running at the same time: Slurm-style shards started together (8 real
processes), and MPI jobs (real `mpirun -np 2`) in which one rank fails: the whole job ends with
its message instead of hanging, and `icsim run` under mpirun is refused."""
import hashlib
import os
import shutil
import signal
import subprocess
import time

import pytest

from conftest_icsim import SOURCE_DIR, icsim_bin, run

MPIRUN = ["mpirun", "--allow-run-as-root", "--oversubscribe", "-np", "2"]
if "detect_leaks=1" in os.environ.get("ASAN_OPTIONS", ""):
    # As in test_sweep.py: OpenMPI's plugins leak at exit, so MPI ranks run without leak checks.
    MPIRUN += ["-x", "ASAN_OPTIONS=" + os.environ["ASAN_OPTIONS"].replace("detect_leaks=1", "detect_leaks=0")]


def sweep_file(tmp_path, days=60, reps=2):
    path = tmp_path / "sweep.toml"
    path.write_text(f"""[sweep]
name = "pledge"
scenario = "{SOURCE_DIR / 'scenarios' / 'orthopaedic_pool.toml'}"
design = "grid"
replications = {reps}
days = {days}

[[parameter]]
path = "collaborative.shire_acute.programme.0.pledge_share"
values = [0.25, 1.0]

[[parameter]]
path = "pooling.acceptance_distance_km"
values = [10.0, 25.0, 50.0]
""")
    return path


def digests(out):
    folder = out / "pledge"
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*.h5"))}


def test_eight_shards_started_together_then_a_final_pass(tmp_path):
    s = sweep_file(tmp_path, days=30)
    run("sweep", s, "--out", tmp_path / "whole")
    out = tmp_path / "sharded"
    procs = [subprocess.Popen([icsim_bin(), "sweep", str(s), "--out", str(out), "--shard", f"{i}/8", "--threads", "1"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(8)]
    outcomes = [(p.wait(timeout=600), p.stdout.read(), p.stderr.read()) for p in procs]
    assert [code for code, _, _ in outcomes] == [0] * 8, outcomes
    assert not (out / "manifest.json").exists(), "only the final pass writes the manifest"
    assert not (out / "pledge" / "sweep.h5").exists()
    assert len(list((out / "pledge").glob("journal-shard*of8-0.txt"))) == 8
    final = run("sweep", s, "--out", out)
    assert "12 already complete, 0 run now" in final.stdout
    assert digests(out) == digests(tmp_path / "whole")
    assert not list(out.rglob("*.tmp"))
    # A shard and the final pass at once: the final pass is refused while the shard holds the folder.
    again = subprocess.Popen([icsim_bin(), "sweep", str(sweep_file(tmp_path, days=3000, reps=1)), "--out",
                              str(tmp_path / "long"), "--shard", "0/2", "--threads", "1"])
    try:
        while not list((tmp_path / "long").glob("pledge/point-*/*.tmp")):
            assert again.poll() is None
            time.sleep(0.02)
        p = run("sweep", tmp_path / "sweep.toml", "--out", tmp_path / "long", check=False)
        assert p.returncode == 4 and "in use by 1 icsim sweep shard(s) (pid " in p.stderr, p.stderr
    finally:
        again.send_signal(signal.SIGKILL)
        again.wait()


def mpirun(*args, timeout=90):
    """Runs icsim under mpirun in its own process group; kills the whole group on a timeout."""
    assert shutil.which("mpirun"), "OpenMPI's mpirun is required (cmake/install-deps.sh installs it)"
    p = subprocess.Popen([*MPIRUN, icsim_bin(), *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        pytest.fail(f"mpirun icsim {' '.join(map(str, args))} hung (killed after {timeout} s)")
    return p.returncode, out, err


@pytest.fixture
def read_only_folder(tmp_path):
    where = tmp_path / "ro"
    where.mkdir()
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(where)], capture_output=True, text=True)
    if p.returncode != 0:
        pytest.skip(f"cannot mount a read-only tmpfs (needs root and CAP_SYS_ADMIN): {p.stderr.strip()}")
    yield where
    subprocess.run(["umount", "-l", str(where)], check=False)


def test_rank_0_failing_before_a_barrier_ends_the_job(tmp_path, read_only_folder):
    # --no-resource-check: the 64 KiB tmpfs is too small for the outputs, and the write is what is tested
    code, out, err = mpirun("sweep", sweep_file(tmp_path), "--out", read_only_folder / "out", "--threads", 1,
                            "--no-resource-check")
    assert code != 0
    assert "Read-only file system" in err and str(read_only_folder / "out") in err, err
    assert err.count("icsim: error") == 1, err  # said once, by rank 0


def test_another_rank_failing_mid_sweep_ends_the_job(tmp_path):
    s = sweep_file(tmp_path)
    out = tmp_path / "out"
    (out / "pledge").mkdir(parents=True)
    (out / "pledge" / "plan.txt").write_text(run("sweep", s, "--dry-run").stdout)
    (out / "pledge" / "journal-1.txt").mkdir()  # rank 1 cannot open its journal
    code, _, err = mpirun("sweep", s, "--out", out, "--threads", 1)
    assert code != 0
    assert "icsim: error (rank 1): cannot write" in err and "journal-1.txt" in err, err


def test_icsim_run_under_mpirun_is_refused(tmp_path):
    code, out, err = mpirun("run", "--days", 7, "-r", 2, "--out", tmp_path / "o")
    assert code == 2, (code, out, err)
    assert err.count("does not share replications across ranks") == 1, err
    assert not (tmp_path / "o").exists()

"""SIGTERM and SIGUSR1 (Slurm's warning before a time limit) with real processes: a run finishes
its day, checkpoints the running replications, writes a manifest marking them interrupted,
leaves no temporary file and exits 75; `icsim resume OUT` then finishes the folder (also the
replications never started) byte-identically to an uninterrupted run. Sweeps likewise, resumed
by running them again."""
import hashlib
import json
import signal
import subprocess
import time

from conftest_icsim import SOURCE_DIR, icsim_bin, run

SCENARIO = SOURCE_DIR / "scenarios" / "urgent" / "winter_pact.toml"


def sha(p):
    return hashlib.sha256(p.read_bytes()).hexdigest()


def start(*args):
    return subprocess.Popen([icsim_bin(), *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(pattern_dir, pattern, proc, timeout=120):
    deadline = time.time() + timeout
    while not list(pattern_dir.glob(pattern)):
        assert proc.poll() is None, "the run ended before it could be signalled"
        assert time.time() < deadline
        time.sleep(0.01)


def manifest(out):
    return json.loads((out / "manifest.json").read_text())["runs"]


def test_sigterm_checkpoints_a_run_and_resume_finishes_the_folder(tmp_path):
    args = [SCENARIO, "--days", 150, "-r", 2, "--checkpoint-every", 30]
    run("run", *args, "--threads", 2, "--out", tmp_path / "whole")
    out = tmp_path / "stopped"
    p = start("run", *args, "--threads", 1, "--out", out)
    wait_for(out, "winter_pact/rep-0000.checkpoint.h5", p)
    p.send_signal(signal.SIGTERM)
    code = p.wait(timeout=60)
    err = p.stderr.read()
    assert code == 75, err
    assert f"continue with: icsim resume {out}" in err
    assert not list(out.rglob("*.tmp"))
    runs = manifest(out)
    assert [r["status"] for r in runs] == ["interrupted"] * 2, runs
    assert runs[0]["checkpoint"] == "winter_pact/rep-0000.checkpoint.h5"
    assert "not started" in runs[1]["error"]
    ck = out / runs[0]["checkpoint"]
    r = run("resume", out, "--threads", 2)
    assert "1 continued from their checkpoint, 1 run from day 0" in r.stdout, r.stdout
    for rep in range(2):
        name = f"winter_pact/rep-{rep:04d}.h5"
        assert sha(out / name) == sha(tmp_path / "whole" / name), name
    assert [x["status"] for x in manifest(out)] == ["complete"] * 2
    assert all(sha(out / x["file"]) == x["sha256"] for x in manifest(out))
    assert not ck.exists()
    # A finished folder resumes to nothing new.
    assert "2 replication(s) already complete" in run("resume", out).stdout


def test_sigusr1_without_checkpoints_restarts_from_day_0(tmp_path):
    out = tmp_path / "o"
    p = start("run", "--days", 7300, "-r", 2, "--threads", 1, "--out", out)
    wait_for(out, "default/*.tmp", p)
    p.send_signal(signal.SIGUSR1)
    assert p.wait(timeout=60) == 75
    assert not list(out.rglob("*.tmp"))
    assert [r["status"] for r in manifest(out)] == ["interrupted"] * 2
    assert "restarts from day 0" in manifest(out)[0]["error"]
    rerun = run("run", "--days", 7, "--out", out, check=False)
    assert rerun.returncode == 3 and f"icsim resume {out}" in rerun.stderr


def test_a_signalled_sweep_checkpoints_and_a_rerun_finishes_it(tmp_path):
    sweep = tmp_path / "s.toml"
    sweep.write_text(f'[sweep]\nname = "w"\nscenario = "{SCENARIO}"\ndesign = "list"\nreplications = 2\n'
                     'days = 150\n[[parameter]]\npath = "scenario.seed"\nvalues = [1, 2]\n')
    run("sweep", sweep, "--out", tmp_path / "whole", "--threads", 2)
    out = tmp_path / "stopped"
    p = start("sweep", sweep, "--out", out, "--threads", 2, "--checkpoint-every", 30)
    wait_for(out, "w/point-0000/rep-*.checkpoint.h5", p)
    p.send_signal(signal.SIGTERM)
    assert p.wait(timeout=60) == 75, p.stderr.read()
    assert not list(out.rglob("*.tmp"))
    runs = manifest(out)
    assert runs and all(r["status"] == "interrupted" and r["checkpoint"].endswith(".checkpoint.h5") for r in runs)
    again = run("sweep", sweep, "--out", out, "--threads", 2, "--checkpoint-every", 30)
    assert "Every run of the sweep is complete" in again.stdout
    whole = {p.relative_to(tmp_path / "whole"): sha(p) for p in (tmp_path / "whole").rglob("rep-*.h5")}
    assert whole == {p.relative_to(out): sha(p) for p in out.rglob("rep-*.h5")}
    assert not list(out.rglob("*.checkpoint.h5"))

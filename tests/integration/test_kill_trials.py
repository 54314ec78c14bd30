"""SIGKILL at random moments of a checkpointed run (and of the resume that follows), then
`icsim resume OUT`: after every kill no manifest claims a file that is not there with its
checksum, and the finished folder is byte-identical to an uninterrupted run's. ICSIM_KILL_TRIALS
sets the number of trials (default 4, 0 skips; docs/reliability.md gives the figures of longer runs)."""
import hashlib
import json
import os
import random
import signal
import subprocess
import time

import pytest

from conftest_icsim import icsim_bin, run

ARGS = ["--days", 200, "-r", 3, "--checkpoint-every", 20, "--progress", "never"]


def sha(p):
    return hashlib.sha256(p.read_bytes()).hexdigest()


def claims_hold(out):
    m = out / "manifest.json"
    if not m.exists():
        return True
    return all((out / r["file"]).exists() and sha(out / r["file"]) == r["sha256"]
               for r in json.loads(m.read_text())["runs"] if r["status"] == "complete")


def killed_after(args, seconds):
    p = subprocess.Popen([icsim_bin(), *map(str, args)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(seconds)
    p.send_signal(signal.SIGKILL)
    return p.wait()


def test_random_kills_then_resume_lose_nothing(tmp_path):
    trials = int(os.environ.get("ICSIM_KILL_TRIALS", "4"))
    if trials == 0:
        pytest.skip("ICSIM_KILL_TRIALS=0 (the sanitizer preset: its other kill and signal tests run the same code)")
    run("run", *ARGS, "--threads", 2, "--out", tmp_path / "whole")
    reference = {p.name: sha(p) for p in (tmp_path / "whole" / "default").glob("rep-*.h5")}
    start = time.time()
    run("run", *ARGS, "--threads", 2, "--out", tmp_path / "timing")
    duration = time.time() - start
    rng = random.Random(12)
    kills = finished_before_kill = 0
    for t in range(trials):
        out = tmp_path / f"t{t}"
        code = killed_after(["run", *ARGS, "--threads", 2, "--out", out], rng.uniform(0.0, duration))
        kills += code == -signal.SIGKILL
        finished_before_kill += code == 0
        assert claims_hold(out), f"trial {t}"
        if not (out / "batch.h5").exists():  # killed before it wrote anything to resume from
            run("run", *ARGS, "--threads", 2, "--out", out, "--force")
        else:
            if t % 2 == 1:  # kill the resume too
                killed_after(["resume", out, "--threads", 1], rng.uniform(0.0, duration / 2))
                assert claims_hold(out), f"trial {t}, resume"
            run("resume", out, "--threads", 1)
        assert {p.name: sha(p) for p in (out / "default").glob("rep-*.h5")} == reference, f"trial {t}"
        runs = json.loads((out / "manifest.json").read_text())["runs"]
        assert [r["status"] for r in runs] == ["complete"] * 3 and claims_hold(out)
        assert not list(out.rglob("*.tmp")) and not list(out.rglob("*.checkpoint.h5"))
    print(f"kill trials: {trials}, killed mid-run: {kills}, finished before the kill: {finished_before_kill}")
    assert kills >= trials // 2

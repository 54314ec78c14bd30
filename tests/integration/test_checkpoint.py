"""Checkpoint and restart: a replication resumed from its checkpoint, at another thread count,
writes a file byte-identical to an uninterrupted run's; also after a real SIGKILL."""
import hashlib
import shutil
import signal
import subprocess
import time

from conftest_icsim import SOURCE_DIR, icsim_bin, run


def sha(p):
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_resume_at_another_thread_count_gives_the_same_file(tmp_path):
    for scenario, folder in ((SOURCE_DIR / "scenarios" / "collaboration" / "base.toml", "collaboration_base"),
                             (SOURCE_DIR / "scenarios" / "collaboration" / "all_channels.toml", "all_channels"),
                             (SOURCE_DIR / "scenarios" / "urgent" / "pandemic_low_trust.toml", "pandemic_low_trust")):
        out = tmp_path / folder
        run("run", scenario, "--days", 130, "-r", 2, "--threads", 1, "--checkpoint-every", 45, "--keep-checkpoints",
            "--out", out)
        ck = out / folder / "rep-0001.checkpoint.h5"
        assert ck.exists()
        moved = tmp_path / f"{folder}-resumed"
        moved.mkdir()
        shutil.copy(ck, moved)
        p = run("resume", moved / ck.name, "--threads", 2)
        assert "at day 90 of 130" in p.stdout
        assert sha(moved / "rep-0001.h5") == sha(out / folder / "rep-0001.h5"), folder
        assert not (moved / ck.name).exists(), "a completed resume removes its checkpoint"
        # The file is there now: resuming again needs --force.
        shutil.copy(ck, moved)
        again = run("resume", moved / ck.name, check=False)
        assert again.returncode == 3 and "--force" in again.stderr


def test_a_killed_run_resumes_from_its_last_checkpoint(tmp_path):
    scenario = SOURCE_DIR / "scenarios" / "urgent" / "winter_pact.toml"
    run("run", scenario, "--days", 365, "-r", 1, "--threads", 2, "--out", tmp_path / "whole")
    out = tmp_path / "killed"
    proc = subprocess.Popen([icsim_bin(), "run", str(scenario), "--days", "365", "-r", "1", "--threads", "1",
                             "--checkpoint-every", "30", "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ck = out / "winter_pact" / "rep-0000.checkpoint.h5"
    deadline = time.time() + 120
    while time.time() < deadline and not ck.exists():
        time.sleep(0.01)
    time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert ck.exists(), "no checkpoint was written before the kill"
    assert not (out / "winter_pact" / "rep-0000.h5").exists(), "the kill should land before the end"
    p = run("resume", ck, "--threads", 2)
    day = int(p.stdout.split("at day ")[1].split(" ")[0])
    assert 30 <= day < 365 and day % 30 == 0
    assert sha(out / "winter_pact" / "rep-0000.h5") == sha(tmp_path / "whole" / "winter_pact" / "rep-0000.h5")
    assert not ck.exists(), "a completed resume removes its checkpoint"


def test_checkpoints_are_removed_after_a_complete_run_and_bad_files_are_refused(tmp_path):
    run("run", "--days", 70, "-r", 1, "--checkpoint-every", 20, "--out", tmp_path / "o")
    assert not list((tmp_path / "o").rglob("*.checkpoint.h5"))
    bad = tmp_path / "not.h5"
    bad.write_text("not a checkpoint")
    p = run("resume", bad, check=False)
    assert p.returncode == 2 and "not.h5" in p.stderr
    out = run("resume", tmp_path / "o" / "default" / "rep-0000.h5", check=False)
    assert out.returncode == 2 and "not an icsim checkpoint" in out.stderr

"""The output folder with real processes: --force removes only what icsim wrote (and names must
be folder names), two processes never write one folder at once (the second is told who holds
it), and a folder killed part-way through a --force never has a manifest claiming files that
are gone or different."""
import hashlib
import json
import signal
import socket
import subprocess
import time

from conftest_icsim import SOURCE_DIR, icsim_bin, run


def sha(p):
    return hashlib.sha256(p.read_bytes()).hexdigest()


def claims_hold(out):
    """Every run the manifest calls complete is there with its checksum."""
    m = out / "manifest.json"
    if not m.exists():
        return True
    for r in json.loads(m.read_text())["runs"]:
        if r["status"] == "complete" and (not (out / r["file"]).exists() or sha(out / r["file"]) != r["sha256"]):
            return False
    return True


def test_force_removes_only_what_icsim_wrote(tmp_path):
    out = tmp_path / "out"
    run("run", "--days", 7, "-r", 2, "--out", out)
    mine = [out / "default" / "notes.txt", out / "default" / "mine" / "keep.h5", out / "precious.txt"]
    for p in mine:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("the user's")
    (out / "default" / "rep-0007.h5").write_bytes(b"an old replication of icsim's")
    p = run("run", "--days", 14, "-r", 1, "--out", out, "--force")
    assert all(m.read_text() == "the user's" for m in mine)
    assert "kept 2 file(s) icsim did not write" in p.stderr
    assert sorted(x.name for x in (out / "default").glob("rep-*")) == ["rep-0000.h5"]
    assert claims_hold(out)


def test_names_that_are_not_folder_names_delete_nothing(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "precious.txt").write_text("the user's")
    (tmp_path / "outside.txt").write_text("the user's")
    for name in (".", "..", "../out", str(tmp_path)):
        s = tmp_path / "s.toml"
        s.write_text(f'[sweep]\nname = "{name}"\ndesign = "list"\n[[parameter]]\npath = "scenario.seed"\nvalues = [1]\n')
        p = run("sweep", s, "--out", out, "--force", check=False)
        assert p.returncode == 2 and f"{s}:2: sweep.name" in p.stderr, p.stderr
    assert (out / "precious.txt").exists() and (tmp_path / "outside.txt").exists()


def start(*args):
    return subprocess.Popen([icsim_bin(), *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_processes_never_write_one_folder_at_once(tmp_path):
    out = tmp_path / "out"
    args = ("run", "--days", 365, "-r", 2, "--threads", 1, "--out", out, "--force", "--progress", "never")
    a, b = start(*args), start(*args)
    results = {p.pid: (p.wait(timeout=300), p.stderr.read()) for p in (a, b)}
    codes = sorted(code for code, _ in results.values())
    assert codes == [0, 4], results
    (winner,) = [pid for pid, (code, _) in results.items() if code == 0]
    (message,) = [err for code, err in results.values() if code == 4]
    assert f"{out} is in use by another icsim process (pid {winner} on host {socket.gethostname()} since " in message
    assert "icsim run --days 365" in message, message
    assert not list(out.rglob("*.tmp"))
    assert claims_hold(out)
    # Free again once the holder has finished, however it ended.
    run("run", "--days", 7, "-r", 1, "--out", out, "--force")
    holder = start("run", "--days", 7300, "-r", 2, "--threads", 1, "--out", out, "--force")
    while not list(out.glob("default/*.tmp")):
        time.sleep(0.02)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    run("run", "--days", 7, "-r", 1, "--out", out, "--force")


def test_a_sweep_and_a_run_share_no_folder(tmp_path):
    out = tmp_path / "out"
    holder = start("run", "--days", 7300, "-r", 2, "--threads", 1, "--out", out)
    while not list(out.glob("default/*.tmp")):
        time.sleep(0.02)
    s = tmp_path / "s.toml"
    s.write_text('[sweep]\nname = "s"\ndesign = "list"\n[[parameter]]\npath = "scenario.seed"\nvalues = [1]\n')
    for args in (("sweep", s, "--out", out), ("resume", out), ("run", "--days", 7, "--force", "--out", out)):
        p = run(*args, check=False)
        assert p.returncode == 4 and f"pid {holder.pid}" in p.stderr, (args, p.stderr)
    holder.send_signal(signal.SIGKILL)
    holder.wait()


def test_force_retracts_the_manifest_before_replacing_files(tmp_path):
    out = tmp_path / "out"
    run("run", "--days", 14, "-r", 2, "--out", out)
    assert json.loads((out / "manifest.json").read_text())["runs"][0]["status"] == "complete"
    p = start("run", "--days", 7300, "-r", 2, "--threads", 1, "--out", out, "--force")
    while not list(out.glob("default/*.tmp")):
        time.sleep(0.02)
    p.send_signal(signal.SIGKILL)  # part-way through replacing the results
    p.wait()
    assert claims_hold(out), "the old manifest claims files that are gone"
    assert not (out / "manifest.json").exists()

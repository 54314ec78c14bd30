"""Damaged or crafted checkpoints are refused with a clear error (exit 2, never a crash), never
resume silently, and never choose where the output is written: it is rep-NNNN.h5 beside the
checkpoint, whatever the file says."""
import shutil

import h5py
import numpy as np
import pytest

from conftest_icsim import SOURCE_DIR, run


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    out = tmp_path_factory.mktemp("ck") / "out"
    run("run", SOURCE_DIR / "scenarios" / "urgent" / "winter_pact.toml", "--days", 60, "-r", 2, "--threads", 1,
        "--checkpoint-every", 20, "--keep-checkpoints", "--out", out)
    return out / "winter_pact" / "rep-0001.checkpoint.h5"


def copy(checkpoint, tmp_path, name="rep-0001.checkpoint.h5"):
    folder = tmp_path / "a" / "b"
    folder.mkdir(parents=True)
    return shutil.copy(checkpoint, folder / name)


def refused(path, *words):
    p = run("resume", path, check=False)
    assert p.returncode == 2, f"exit {p.returncode}:\n{p.stdout}{p.stderr}"
    assert str(path) in p.stderr, p.stderr
    for w in words:
        assert w in p.stderr, p.stderr
    assert not list(path.parent.glob("rep-*.h5[!.]*")) and not (path.parent / "rep-0001.h5").exists()
    return p.stderr


def test_an_untouched_copy_resumes(checkpoint, tmp_path):
    ck = copy(checkpoint, tmp_path)
    run("resume", ck)
    assert (ck.parent / "rep-0001.h5").exists()


def test_a_size_larger_than_the_data_is_refused(checkpoint, tmp_path):
    ck = copy(checkpoint, tmp_path)
    with h5py.File(ck, "r+") as f:
        f.attrs["model_state_bytes"] = np.int64(10**9)  # read 1 GB past an 8 MB buffer before
    refused(ck, "damaged or was altered", "model_state_bytes")


def test_altered_state_scenario_or_rows_are_refused(checkpoint, tmp_path):
    edits = {
        "state": lambda f: f["model_state"].__setitem__(100, f["model_state"][100] ^ 1),
        "scenario": lambda f: f.attrs.__setitem__(
            "scenario_resolved", f.attrs["scenario_resolved"].replace("seed = ", "seed = 9")),
        "rows": lambda f: f["series/0/value"].__setitem__(0, f["series/0/value"][0] + 1),
        "day": lambda f: f.attrs.__setitem__("day", np.int64(30)),
    }
    for what, edit in edits.items():
        ck = copy(checkpoint, tmp_path / what)
        with h5py.File(ck, "r+") as f:
            edit(f)
        refused(ck, "does not match its SHA-256 checksum")


def test_paths_are_never_taken_from_the_file(checkpoint, tmp_path):
    ck = copy(checkpoint, tmp_path)
    with h5py.File(ck, "r+") as f:
        f.attrs["output_file"] = "../../x.h5"  # where an older icsim wrote the output
    run("resume", ck)
    assert not (tmp_path / "x.h5").exists()
    assert (ck.parent / "rep-0001.h5").exists()
    # A renamed checkpoint would write another replication's file: refused.
    refused(copy(checkpoint, tmp_path / "renamed", "rep-0007.checkpoint.h5"), "replication 1")
    refused(copy(checkpoint, tmp_path / "other", "state.h5"), "not an icsim checkpoint")


def test_truncated_and_shrunk_files_are_refused(checkpoint, tmp_path):
    ck = copy(checkpoint, tmp_path / "truncated")
    data = ck.read_bytes()
    ck.write_bytes(data[: len(data) // 2])
    refused(ck)
    ck = copy(checkpoint, tmp_path / "shrunk")
    with h5py.File(ck, "r+") as f:
        v = f["series/1/value"][()]
        del f["series/1/value"]
        f["series/1/value"] = v[:-3]  # fewer values than its steps need
        f["series/1/value"].attrs["integer"] = np.int64(0)
    refused(ck, "damaged or was altered")

"""`icsim run` end to end: the output folder, the HDF5 layout read back with h5py, conservation
in the written file, byte-identical files at different thread counts, and the results table."""
import hashlib
import json
import subprocess

import h5py
import numpy as np
import pytest

from conftest_icsim import SOURCE_DIR, run


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def default_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("default") / "out"
    proc = run("run", "--days", 91, "--replications", 3, "--out", out, "--threads", 2)
    return out, proc


def test_writes_one_file_per_replication_and_a_manifest(default_run):
    out, _ = default_run
    files = sorted((out / "default").glob("*.h5"))
    assert [f.name for f in files] == ["rep-0000.h5", "rep-0001.h5", "rep-0002.h5"]
    assert not list(out.rglob("*.tmp"))
    manifest = json.loads((out / "manifest.json").read_text())
    assert len(manifest["runs"]) == 3
    for r in manifest["runs"]:
        assert r["status"] == "complete"
        assert r["sha256"] == sha(out / r["file"])
        assert r["threads"] == 2


def test_file_layout_matches_docs(default_run):
    out, _ = default_run
    with h5py.File(out / "default" / "rep-0001.h5", "r") as f:
        p = f["parameters"].attrs
        assert p["scenario_name"] == "default"
        assert p["replication"] == 1 and p["seed"] == 1 and p["days"] == 91
        assert "[scenario]" in p["scenario_text"]
        assert p["icsim_version"] and p["git_revision"] and "hdf5" in p["library_versions"]
        assert "scenario.days=91" in p["overrides"]
        kinds = [s.decode() for s in f["organisations/kind"][()]]
        orgs = [s.decode() for s, k in zip(f["organisations/id"][()], kinds) if k == "trust"]
        specs = [s.decode() for s in f["specialties/id"][()]]
        assert orgs[:4] == ["RCT", "RNT", "REC", "RSS"] and len(specs) == 8
        assert kinds == ["trust"] * 7 + ["icb"]
        assert f["places/deprivation"].shape == (5, 5)
        g = f["observables/waiting_list"]
        assert g.attrs["kind"] == "stock" and g.attrs["axes"] == "time, organisation, specialty"
        v = g["value"]
        assert v.shape == (14, len(orgs), len(specs))  # samples at days 0, 7, ..., 91
        assert v.maxshape[0] is None and v.chunks is not None and v.compression == "gzip"
        assert v.attrs["unit"] == "patients"
        assert list(g["step"][()]) == list(range(0, 92, 7))
        assert g["time"].attrs["unit"] == "day"
        assert f["observables/system_within_18_weeks/value"].shape == (14,)
        for name in ["referrals", "treated", "removed", "wait_median_weeks", "wait_p92_weeks",
                     "within_18_weeks", "over_52_weeks", "over_65_weeks", "over_78_weeks"]:
            assert name in f["observables"], name


def test_h5dump_shows_the_layout(default_run):
    out, _ = default_run
    header = subprocess.run(["h5dump", "-H", str(out / "default" / "rep-0000.h5")],
                            capture_output=True, text=True, check=True).stdout
    for expected in ['GROUP "parameters"', 'GROUP "organisations"', 'GROUP "places"',
                     'GROUP "specialties"', 'GROUP "observables"', 'GROUP "waiting_list"',
                     'DATASET "value"', "H5S_UNLIMITED"]:
        assert expected in header, expected


def test_conservation_holds_in_the_written_file(default_run):
    out, _ = default_run
    for path in (out / "default").glob("*.h5"):
        with h5py.File(path, "r") as f:
            obs = f["observables"]
            lst = obs["waiting_list/value"][()]
            ref, trt, rem, tin, tout = (obs[n + "/value"][()] for n in (
                "referrals", "treated", "removed", "transfers_in", "transfers_out"))
            # list(t+1) = list(t) + referrals - treated - removed + transfers in - transfers out,
            # for every trust x specialty and interval
            np.testing.assert_array_equal(
                lst[1:], lst[:-1] + ref[1:] - trt[1:] - rem[1:] + tin[1:] - tout[1:])
            assert tin.sum() == tout.sum()
            assert (ref[0] == 0).all() and lst[0].sum() > 0
            assert obs["system_waiting_list/value"][-1] == lst[-1].sum()


def test_results_table_lists_every_trust_with_intervals(default_run):
    _, proc = default_run
    text = proc.stdout
    assert "Scenario default: 3 replication(s)" in text
    for trust in ["RCT", "RNT", "REC", "RSS", "RMH", "RWC", "RAS", "all"]:
        assert f"\n{trust} " in text, trust
    assert "median wait (weeks)" in text and "within 18 weeks (%)" in text
    assert "[" in text.splitlines()[2]  # mean [low, high]


def test_files_are_byte_identical_at_any_thread_count(tmp_path):
    a, b = tmp_path / "t1", tmp_path / "t2"
    run("run", "--days", 63, "-r", 2, "--out", a, "--threads", 1)
    run("run", "--days", 63, "-r", 2, "--out", b, "--threads", 2)
    for rep in ("rep-0000.h5", "rep-0001.h5"):
        assert sha(a / "default" / rep) == sha(b / "default" / rep)
    assert sha(a / "default" / "rep-0000.h5") != sha(a / "default" / "rep-0001.h5")


def test_every_shipped_scenario_runs(tmp_path):
    scenarios = sorted((SOURCE_DIR / "scenarios").rglob("*.toml"))
    assert any(s.parent.name == "collaboration" for s in scenarios)
    for i, s in enumerate(scenarios):
        out = tmp_path / f"s{i}"
        run("validate", s)
        run("run", s, "--days", 63, "-r", 2, "--out", out)  # two month ends: governance runs
        assert list(out.rglob("rep-0001.h5")), s.name

"""Relationship and governance outputs of a collaboration scenario, read back from real HDF5 files."""
import h5py
import numpy as np

from conftest_icsim import SOURCE_DIR, run


def test_trust_matrix_and_event_tables_are_consistent(tmp_path):
    scenario = SOURCE_DIR / "scenarios" / "collaboration" / "base.toml"
    run("run", scenario, "--days", 400, "-r", 2, "--out", tmp_path)
    f = h5py.File(tmp_path / "collaboration_base" / "rep-0001.h5")

    ids = list(f["organisations/id"].asstr()[()])
    kinds = list(f["organisations/kind"].asstr()[()])
    assert kinds.count("icb") == 1 and "partner" in kinds
    assert all(p.startswith("crane_place.") for p, k in zip(ids, kinds) if k == "partner")

    trust = f["relationships/trust/value"][()]
    steps = f["relationships/trust/step"][()]
    n = len(ids)
    assert trust.shape == (len(steps), n, n)
    # The priors at step 0, then one matrix per calendar month-end within 400 days of 1 April.
    assert steps[0] == 0 and len(steps) == 1 + 13
    assert np.all(np.diff(steps) >= 28) and np.all(np.diff(steps) <= 31)
    assert np.all(np.isnan(np.diagonal(trust, axis1=1, axis2=2)))  # nobody rates themselves
    known = trust[~np.isnan(trust)]
    assert known.size and np.all((known > 0) & (known < 1))
    # Members of the acute collaborative interact with each other from the first month.
    ta, tb = ids.index("TA"), ids.index("TB")
    assert not np.isnan(trust[1, ta, tb])
    # Trust moves: the matrix is not the same at the start and at the end.
    assert np.nanmax(np.abs(trust[-1] - trust[0])) > 0.05

    # Every vote belongs to a decision on the same day, item and programme, and the yes/no
    # counts of each decision are the sum of its votes.
    votes = f["events/votes"]
    decisions = f["events/decisions"]
    assert decisions["day"].shape[0] > 0
    vkey = list(zip(votes["day"][()], votes["item"].asstr()[()], votes["programme"][()]))
    for day, item, prog, yes, no in zip(decisions["day"][()], decisions["item"].asstr()[()],
                                        decisions["programme"][()], decisions["yes"][()],
                                        decisions["no"][()]):
        mine = [v for v, k in zip(votes["yes"][()], vkey) if k == (day, item, prog)]
        assert len(mine) == yes + no
        assert sum(mine) == yes
    # Programme events refer to rows of /programmes, and a scale is in [0, 1].
    nprog = f["programmes/id"].shape[0]
    ev = f["events/programmes"]
    assert np.all((ev["programme"][()] >= 0) & (ev["programme"][()] < nprog))
    assert np.all((ev["scale"][()] >= 0) & (ev["scale"][()] <= 1))
    assert "start" in set(ev["event"].asstr()[()])
    # Meetings are monthly: one per collaborative per month-end at most.
    meet = f["events/meetings"]
    pairs = list(zip(meet["collaborative"].asstr()[()], meet["day"][()]))
    assert len(pairs) == len(set(pairs))


def test_collaboration_files_are_identical_at_any_thread_count(tmp_path):
    import hashlib
    # all_channels: productivity, standardisation, delayed discharges and outsourcing on (§25, §27, §28).
    for name in ("many_collaboratives", "all_channels"):
        scenario = SOURCE_DIR / "scenarios" / "collaboration" / f"{name}.toml"
        for threads in (1, 2):
            run("run", scenario, "--days", 200, "-r", 2, "--threads", threads, "--out", tmp_path / f"{name}-t{threads}")
        for rep in ("rep-0000.h5", "rep-0001.h5"):
            digest = [hashlib.sha256((tmp_path / f"{name}-t{t}" / name / rep).read_bytes()).hexdigest()
                      for t in (1, 2)]
            assert digest[0] == digest[1], (name, rep)

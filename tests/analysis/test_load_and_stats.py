"""Tidy frames and summaries, checked against the HDF5 files read directly with h5py."""
import math

import h5py
import numpy as np
import pytest

from icsim_analysis import load, stats


def test_runs_and_provenance_come_from_the_manifest_and_files(default_out):
    rs = load.runs(default_out)
    assert [r.replication for r in rs] == [0, 1, 2, 3]
    assert all(r.scenario == "default" and r.point == -1 for r in rs)
    p = load.provenance(rs[2])
    assert p["replication"] == 2 and p["seed"] == 1 and p["scenario_name"] == "default"
    assert "[scenario]" in p["scenario_text"]
    with pytest.raises(FileNotFoundError, match="no manifest.json"):
        load.runs(default_out / "default")


def test_frame_values_equal_the_hdf5_datasets(default_out):
    df = load.measure(default_out, "waiting_list")
    run = load.runs(default_out)[1]
    with h5py.File(run.path) as f:
        raw = f["observables/waiting_list/value"][()]
        time = f["observables/waiting_list/time"][()]
        trusts = [s.decode() for s in f["organisations/id"][()]]
        specs = [s.decode() for s in f["specialties/id"][()]]
    d = df[df["replication"] == 1]
    assert len(d) == raw.size
    for (ti, oi, si) in [(0, 0, 0), (5, 2, 7), (len(time) - 1, 3, 4)]:
        row = d[(d["time"] == time[ti]) & (d["organisation"] == trusts[oi]) & (d["specialty"] == specs[si])]
        assert row["value"].item() == raw[ti, oi, si]
    assert set(d["unit"]) == {"patients"} and set(d["kind"]) == {"stock"}
    assert str(d["date"].min().date()) == "2023-04-01"


def test_frame_handles_every_axis_kind(pair_out):
    df = load.frame(pair_out, ["system_waiting_list", "trust_quintile_within_18_weeks",
                               "transfer_flows", "wait_histogram", "pool_waiting_list",
                               "place_waiting_list"])
    assert set(df["measure"].unique()) == {"system_waiting_list", "trust_quintile_within_18_weeks",
                                           "transfer_flows", "wait_histogram", "pool_waiting_list",
                                           "place_waiting_list"}
    flows = df[df["measure"] == "transfer_flows"]
    assert flows["organisation"].notna().all() and flows["destination"].notna().all()
    assert set(df[df["measure"] == "wait_histogram"]["wait_week"].dropna())  >= {"0", "104+"}
    assert set(df[df["measure"] == "pool_waiting_list"]["collaborative"].dropna()) == {"shire_acute"}
    # No pool in the baseline scenario: no collaborative axis, so nothing is written for it.
    assert df[(df["measure"] == "pool_waiting_list") & (df["scenario"] == "orthopaedic_no_pool")].empty


def test_t_quantiles_match_tables():
    for df, t in [(1, 12.706), (2, 4.303), (4, 2.776), (9, 2.262), (19, 2.093), (120, 1.980)]:
        assert stats.t_quantile_975(df) == pytest.approx(t, abs=1e-3)


def test_summaries_are_mean_and_t_interval_across_replications(default_out):
    s = stats.summarise(load.measure(default_out, "system_waiting_list"))
    values = []
    for r in load.runs(default_out):
        with h5py.File(r.path) as f:
            values.append(f["observables/system_waiting_list/value"][()])
    v = np.array(values, dtype=float)  # [replication, time]
    last = s.sort_values("time").iloc[-1]
    x = v[:, -1]
    assert last["n"] == 4
    assert last["mean"] == pytest.approx(x.mean())
    assert last["sd"] == pytest.approx(x.std(ddof=1))
    half = stats.t_quantile_975(3) * x.std(ddof=1) / math.sqrt(4)
    assert last["ci_high"] - last["mean"] == pytest.approx(half)
    assert last["mean"] - last["ci_low"] == pytest.approx(half)


def test_paired_differences_are_per_replication(pair_out):
    df = load.measure(pair_out, "system_over_52_weeks")
    p = stats.paired(stats.final(df), "orthopaedic_no_pool", "orthopaedic_pool")
    diffs = []
    for rep in range(4):
        vals = {}
        for sc in ("orthopaedic_no_pool", "orthopaedic_pool"):
            with h5py.File(pair_out / sc / f"rep-{rep:04d}.h5") as f:
                vals[sc] = f["observables/system_over_52_weeks/value"][-1]
        diffs.append(vals["orthopaedic_pool"] - vals["orthopaedic_no_pool"])
    row = p.iloc[0]
    assert row["scenario"] == "orthopaedic_pool - orthopaedic_no_pool"
    assert row["mean"] == pytest.approx(np.mean(diffs))
    assert row["sd"] == pytest.approx(np.std(diffs, ddof=1))


def test_a_scenario_paired_with_itself_is_exactly_zero(pair_out):
    df = stats.final(load.measure(pair_out, "system_waiting_list"))
    twin = df[df["scenario"] == "orthopaedic_pool"].assign(scenario="twin")
    p = stats.paired(df._append(twin), "orthopaedic_pool", "twin")
    assert (p[["mean", "sd", "ci_low", "ci_high"]].values == 0).all()

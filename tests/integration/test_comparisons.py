"""Comparing scenarios with common random numbers: `icsim run A.toml B.toml`."""
import re

import h5py
import numpy as np

from conftest_icsim import SOURCE_DIR, run


def paired_rows(text):
    """{measure: (mean, low, high)} from the 'Paired difference' block of the output."""
    rows = {}
    block = text.split("Paired difference", 1)[1]
    for line in block.splitlines()[1:]:
        m = re.match(r"\s+(.+?)\s{2,}([+-][\d.]+) \[([+-][\d.]+), ([+-][\d.]+)\]", line)
        if not m:
            break
        rows[m.group(1)] = tuple(float(x) for x in m.group(2, 3, 4))
    return rows


def test_a_scenario_compared_with_itself_differs_by_exactly_zero(tmp_path):
    twin = tmp_path / "twin.toml"
    twin.write_text((SOURCE_DIR / "scenarios" / "orthopaedic_pool.toml").read_text()
                    .replace('extends = "orthopaedic_no_pool.toml"',
                             f'extends = "{SOURCE_DIR / "scenarios" / "orthopaedic_no_pool.toml"}"')
                    .replace('name = "orthopaedic_pool"', 'name = "twin"'))
    proc = run("run", SOURCE_DIR / "scenarios" / "orthopaedic_pool.toml", twin,
               "--days", 120, "-r", 4, "--out", tmp_path / "out")
    rows = paired_rows(proc.stdout)
    assert len(rows) >= 7, proc.stdout
    for name, (mean, low, high) in rows.items():
        assert mean == low == high == 0.0, (name, mean, low, high)
    # And the files differ only in their parameters, not in any observable.
    a = h5py.File(tmp_path / "out" / "orthopaedic_pool" / "rep-0002.h5")
    b = h5py.File(tmp_path / "out" / "twin" / "rep-0002.h5")
    for name in a["observables"]:
        np.testing.assert_array_equal(a[f"observables/{name}/value"][()],
                                      b[f"observables/{name}/value"][()])


def test_pooling_versus_no_pooling_is_paired_and_reported(tmp_path):
    scen = SOURCE_DIR / "scenarios"
    proc = run("run", scen / "orthopaedic_no_pool.toml", scen / "orthopaedic_pool.toml",
               "--days", 365, "-r", 6, "--out", tmp_path / "out")
    rows = paired_rows(proc.stdout)
    assert rows["treated (whole run)"] == (0.0, 0.0, 0.0)  # same capacity, always used
    assert rows["transfers (whole run)"][1] > 0            # patients moved
    assert rows["spread of trust medians (weeks)"][2] < 0  # waits converge
    # Same referrals in both (common random numbers), different treatment locations.
    a = h5py.File(tmp_path / "out" / "orthopaedic_no_pool" / "rep-0003.h5")
    b = h5py.File(tmp_path / "out" / "orthopaedic_pool" / "rep-0003.h5")
    np.testing.assert_array_equal(a["observables/referrals/value"][()],
                                  b["observables/referrals/value"][()])
    assert b["observables/transfers_in/value"][()].sum() > 0
    assert list(b["events/programmes/event"].asstr()[()]) == ["start"]
    assert list(b["collaboratives/id"].asstr()[()]) == ["shire_acute"]
    assert b["observables/pool_waiting_list/value"].shape[1:] == (1, 2)


def breakdown_rows(text, by):
    """{row label: [(mean, low, high, marked), ...]} of the 'by <by>' table of the first comparison."""
    block = text.split(f"  by {by}\n", 1)[1].splitlines()[1:]
    rows = {}
    for line in block:
        if not line.startswith("  ") or line.startswith("  by ") or not line.strip():
            break
        label = re.split(r"\s{2,}", line.strip())[0]
        cells = re.findall(r"([+-][\d.]+) \[([+-][\d.]+), ([+-][\d.]+)\]( \*)?", line)
        rows[label] = [(float(m), float(lo), float(hi), bool(mark)) for m, lo, hi, mark in cells]
    return rows


def test_baseline_and_breakdowns(tmp_path):
    # --baseline picks the scenario the others are compared with; --by adds paired tables. The
    # differences are antisymmetric (A - B = -(B - A), replication by replication), the trusts'
    # waiting-list differences add up to the system's, and the mark is set exactly when the
    # interval excludes zero.
    a, b = SOURCE_DIR / "scenarios" / "orthopaedic_no_pool.toml", SOURCE_DIR / "scenarios" / "orthopaedic_pool.toml"
    first = run("run", a, b, "--days", 120, "-r", 3, "--out", tmp_path / "o1", "--by", "trust,quintile,place,specialty")
    other = run("run", a, b, "--days", 120, "-r", 3, "--out", tmp_path / "o2", "--baseline", "orthopaedic_pool",
                "--by", "trust")
    assert "Paired difference orthopaedic_pool - orthopaedic_no_pool" in first.stdout
    assert "Paired difference orthopaedic_no_pool - orthopaedic_pool" in other.stdout
    fwd, back = breakdown_rows(first.stdout, "trust"), breakdown_rows(other.stdout, "trust")
    assert sorted(fwd) == ["TA", "TB", "TC", "TD"]
    for trust in fwd:
        for (m1, lo1, hi1, _), (m2, lo2, hi2, _) in zip(fwd[trust], back[trust]):
            assert m1 == -m2 and lo1 == -hi2 and hi1 == -lo2, (trust, m1, m2)
    system = paired_rows(first.stdout)["waiting list"][0]
    assert abs(sum(r[0][0] for r in fwd.values()) - system) <= 2  # each rounded to a patient
    for table in ("trust", "quintile", "place", "specialty"):
        for label, cells in breakdown_rows(first.stdout, table).items():
            assert cells, (table, label)
            for m, lo, hi, mark in cells:
                # (shown rounded: a bound shown as 0 may be either side of it)
                assert (lo > 0 or hi < 0) <= mark <= (lo >= 0 or hi <= 0), (table, label, m, lo, hi, mark)
    assert sorted(breakdown_rows(first.stdout, "quintile"))[0] == "Q1 (most deprived)"
    bad = run("run", a, b, "--days", 7, "-r", 1, "--out", tmp_path / "o3", "--baseline", "nope", check=False)
    assert bad.returncode == 2 and "orthopaedic_no_pool, orthopaedic_pool" in bad.stderr

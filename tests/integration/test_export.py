"""icsim export FOLDER --format csv|xlsx: the outputs as tables for spreadsheet users, checked
against the HDF5 files read back with h5py; the workbook read by an independent reader
(openpyxl, Debian's python3-openpyxl) and as the zip of XML parts the format defines."""
import csv
import zipfile

import h5py
import numpy as np
import openpyxl
from scipy import stats

from conftest_icsim import SOURCE_DIR, run


def make_outputs(tmp_path):
    out = tmp_path / "o"
    run("run", SOURCE_DIR / "scenarios" / "orthopaedic_no_pool.toml", SOURCE_DIR / "scenarios" / "orthopaedic_pool.toml",
        "--days", 63, "-r", 3, "--out", out)
    return out


def h5_values(out, scenario, name):
    files = sorted((out / scenario).glob("rep-*.h5"))
    return [h5py.File(f)[f"observables/{name}/value"][()] for f in files]


def interval(xs):
    xs = np.asarray(xs, dtype=float)
    m = xs.mean()
    h = stats.t.ppf(0.975, len(xs) - 1) * xs.std(ddof=1) / np.sqrt(len(xs))
    return m, m - h, m + h


def test_csv_and_xlsx_hold_the_outputs(tmp_path):
    out = make_outputs(tmp_path)
    run("export", out, "--format", "csv")
    run("export", out, "--format", "xlsx", "--baseline", "orthopaedic_no_pool")
    with open(out / "export" / "time_series.csv", newline="") as f:
        series = list(csv.DictReader(f))
    with open(out / "export" / "paired_differences.csv", newline="") as f:
        paired = list(csv.DictReader(f))

    # A share as a percentage with one decimal: system_within_18_weeks at day 63.
    row = next(r for r in series if r["scenario"] == "orthopaedic_pool" and r["measure"] == "system_within_18_weeks"
               and r["day"] == "63")
    assert row["unit"] == "%"
    last = [v[-1] for v in h5_values(out, "orthopaedic_pool", "system_within_18_weeks")]
    m, lo, hi = interval(100 * np.array(last))
    assert row["mean"] == f"{m:.1f}" and row["low_95"] == f"{lo:.1f}" and row["high_95"] == f"{hi:.1f}"

    # A flow over the run, paired by replication, per trust: transfers into the first trust.
    row = next(r for r in paired if r["measure"] == "transfers_in" and r["entity"] == "Ashby General")
    assert row["scenario"] == "orthopaedic_pool" and row["baseline"] == "orthopaedic_no_pool"
    a = [v[:, 0, :].sum() for v in h5_values(out, "orthopaedic_no_pool", "transfers_in")]
    b = [v[:, 0, :].sum() for v in h5_values(out, "orthopaedic_pool", "transfers_in")]
    m, lo, hi = interval(np.array(b) - np.array(a))
    assert row["mean_difference"] == f"{m:.1f}" and row["over the run"] == "total"
    assert row["interval_excludes_0"] == ("yes" if lo > 0 or hi < 0 else "no")
    # Differences of shares are in percentage points; nothing is shown as -0.
    assert {r["unit"] for r in paired if r["measure"] == "system_within_18_weeks"} == {"percentage points"}
    assert not any(v.startswith("-0") and not v.strip("-0.") for r in paired for v in r.values())

    # The workbook: the same tables, numbers as numbers, rounded as shown.
    book = openpyxl.load_workbook(out / "export.xlsx", read_only=True)
    assert book.sheetnames == ["time_series", "paired_differences", "about"]
    rows = list(book["paired_differences"].iter_rows(values_only=True))
    assert list(rows[0]) == list(paired[0].keys())
    assert len(rows) - 1 == len(paired)
    for got, want in zip(rows[1:], paired):
        assert got[2] == want["measure"] and got[3] == want["entity"]
        assert isinstance(got[6], (int, float)) and abs(got[6] - float(want["mean_difference"])) < 1e-9
    assert book["time_series"].max_row == len(series) + 1
    with zipfile.ZipFile(out / "export.xlsx") as z:
        assert z.testzip() is None
        assert "xl/worksheets/sheet1.xml" in z.namelist() and "[Content_Types].xml" in z.namelist()


def test_export_refuses_what_it_cannot_do(tmp_path):
    out = make_outputs(tmp_path)
    assert run("export", out, check=False).returncode == 0
    again = run("export", out, check=False)
    assert again.returncode == 3 and "--force" in again.stderr
    bad = run("export", out, "--baseline", "nope", "--force", check=False)
    assert bad.returncode == 2 and "orthopaedic_no_pool, orthopaedic_pool" in bad.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = run("export", empty, check=False)
    assert nothing.returncode == 2 and "no replications" in nothing.stderr

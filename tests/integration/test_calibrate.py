"""icsim calibrate on a subset of the shipped real RTT sample (data/rtt, three commissioners,
gzipped as shipped): the forecast's columns, the back-test's methods, the calibrated scenario
accepted by icsim itself, results never overwritten without --force, and bad extracts
refused with file:line."""
import csv
import gzip

from conftest_icsim import SOURCE_DIR, run

KEEP = {"01R", "13P", "07Q"}
MONTHS = ["20141231-RTT-DECEMBER-2014", "20150131-RTT-JANUARY-2015", "20150228-RTT-FEBRUARY-2015",
          "20150331-RTT-MARCH-2015"]


def subset(tmp_path):
    files = []
    for m in MONTHS:
        src = SOURCE_DIR / "data" / "rtt" / f"{m}-full-extract.csv.gz"
        with gzip.open(src, "rt", newline="") as f:
            rows = list(csv.reader(f))
        dst = tmp_path / src.name
        with gzip.open(dst, "wt", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(rows[0])
            w.writerows(r for r in rows[1:] if r[7] in KEEP)
        files.append(dst)
    return files


def calibrate(files, out, *extra, check=True):
    return run("calibrate", "--rtt", *files, "--by", "commissioner", "--fit-from", "2014-12", "--fit-to", "2015-02",
               "--forecast-to", "2015-04", "--out", out, "-r", 2, *extra, check=check)


def test_forecast_backtest_and_scenario(tmp_path):
    files = subset(tmp_path)
    out = tmp_path / "cal"
    calibrate(files, out)
    with open(out / "forecast.csv") as f:
        rows = list(csv.DictReader(f))
    header = list(rows[0].keys())
    assert header[:7] == ["period", "provider", "commissioner", "treatment_function", "waiting", "within_18_weeks",
                          "over_52_weeks"]
    assert {r["period"] for r in rows} == {"2015-03", "2015-04"}
    assert {r["commissioner"] for r in rows} == KEEP and {r["provider"] for r in rows} == {""}
    for r in rows:
        w, a, b = int(r["waiting"]), int(r["within_18_weeks"]), int(r["over_52_weeks"])
        assert 0 <= a <= w and 0 <= b <= w
        assert float(r["waiting_lo95"]) <= float(r["waiting_hi95"])
    with open(out / "backtest.csv") as f:
        bt = list(csv.DictReader(f))
    # March is observed, April is not: one month and the mean, for each method.
    assert {(r["method"], r["period"]) for r in bt} == {
        (m, p) for m in ("icsim", "persistence", "stock_flow_by_months_waited") for p in ("2015-03", "all")}
    assert run("validate", out / "scenario.toml").returncode == 0
    assert run("run", out / "scenario.toml", "--days", 7, "-r", 1, "--out", tmp_path / "run").returncode == 0


def test_refuses_to_overwrite_without_force(tmp_path):
    files = subset(tmp_path)
    out = tmp_path / "cal"
    out.mkdir()
    (out / "forecast.csv").write_text("mine\n")
    p = calibrate(files, out, check=False)
    assert p.returncode == 3 and "use --force" in p.stderr
    assert (out / "forecast.csv").read_text() == "mine\n"


def test_bad_extracts_name_file_and_line(tmp_path):
    files = subset(tmp_path)
    with gzip.open(files[1], "rt") as f:
        lines = f.read().splitlines()
    fields = lines[3].split(",")
    fields[13] = "-4"
    lines[3] = ",".join(fields)
    with gzip.open(files[1], "wt") as f:
        f.write("\n".join(lines) + "\n")
    p = calibrate(files, tmp_path / "cal", check=False)
    assert p.returncode == 2
    assert f"{files[1]}:4: column 'Gt 00 To 01 Weeks SUM 1': value '-4': expected a whole number >= 0" in p.stderr
    p = calibrate([files[0], files[2], files[3]], tmp_path / "cal", check=False)
    assert p.returncode == 2 and "month 2015-01 is missing" in p.stderr

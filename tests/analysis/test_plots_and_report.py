"""Plots and the HTML report, on real outputs; the report is rendered by a real headless
Chromium (Debian's chromium)."""
import base64
import re
import shutil
import subprocess
from html.parser import HTMLParser

import h5py
import matplotlib.image
import numpy as np
import pytest

from conftest_icsim import SOURCE_DIR, run
from icsim_analysis import load, plots, report


def test_every_plot_is_written_as_png_and_svg_with_units_and_scenario(pair_out, tmp_path):
    figs = {
        "waiting_list": plots.waiting_list(pair_out),
        "within_18": plots.within_18_weeks(pair_out),
        "over_52": plots.over_52_weeks(pair_out),
        "distribution": plots.wait_distribution(pair_out),
        "trusts": plots.by_trust(pair_out, "orthopaedic_pool"),
        "quintiles": plots.by_quintile(pair_out, "orthopaedic_pool"),
        "transfers": plots.transfers(pair_out, "orthopaedic_pool"),
        "programmes": plots.programmes(pair_out, "orthopaedic_pool"),
    }
    for name, fig in figs.items():
        texts = [t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text"))]
        assert any("orthopaedic_pool" in t for t in texts), name
        assert any(re.search(r"weeks|%|patients|day", t) for t in texts), name  # a unit
        png, svg = plots.save(fig, tmp_path / name)
        assert png.stat().st_size > 5000 and svg.read_text().startswith("<?xml")


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images, self.tables, self._table, self._row = [], {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.images.append(a.get("src", ""))
        elif tag == "table":
            self._table = a.get("id")
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self._row = []
        elif tag == "link" or (tag == "script" and (a.get("id") != "icsim-interactive" or "src" in a)):
            raise AssertionError(f"the report must be self-contained with its one fixed script: found <{tag}>")

    def handle_endtag(self, tag):
        if tag == "tr" and self._table and self._row is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._row is not None and data.strip():
            self._row.append(data.strip())


@pytest.fixture(scope="module")
def report_file(pair_out):
    return report.write(pair_out, force=True)


def test_report_embeds_every_image_and_has_the_expected_tables(report_file, pair_out):
    p = _Parser()
    p.feed(report_file.read_text())
    assert len(p.images) >= 8
    for src in p.images:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    headline = p.tables["headline"]
    assert [r[0] for r in headline[1:]] == ["orthopaedic_no_pool", "orthopaedic_pool"]
    assert len(headline[0]) == 1 + len(report.HEADLINE)
    assert p.tables["comparison"][0] == ["measure", "orthopaedic_pool - orthopaedic_no_pool"]
    measures = [r[0] for r in p.tables["comparison"][1:]]
    for label in ("median wait (weeks)", "52+ week waiters (patients)",
                  "patients treated at another trust (transfers) (patients)", "mean trust between organisations",
                  "equity gap (median wait, most minus least deprived) (weeks)", "transfer admin cost (GBP)"):
        assert label in measures, measures
    names = ["Ashby General", "Brook Hospitals", "Crane University Hospitals", "Dunmore and District"]
    for sc in ("orthopaedic_no_pool", "orthopaedic_pool"):
        assert [r[0] for r in p.tables[f"trusts-{sc}"][1:]] == names
    assert [r[0] for r in p.tables["by-trust-orthopaedic_pool"][1:]] == names
    assert [r[0] for r in p.tables["by-quintile-orthopaedic_pool"][1:]][0] == "Q1 (most deprived)"
    # The transfers cell is the paired difference of the HDF5 totals, rounded to a patient.
    totals = {}
    for r in load.runs(pair_out):
        with h5py.File(r.path) as f:
            totals.setdefault(r.scenario, {})[r.replication] = f["observables/transfers_in/value"][()].sum()
    d = np.array([totals["orthopaedic_pool"][k] - totals["orthopaedic_no_pool"][k] for k in sorted(totals["orthopaedic_pool"])])
    row = next(r for r in p.tables["comparison"] if r[0].startswith("patients treated at another trust"))
    assert row[1].split(" [")[0].replace(",", "").lstrip("+") == f"{d.mean():.0f}"
    assert not re.search(r"-0(\.0+)?\b(?![.,\d])", report_file.read_text().split("<script")[0]), "a -0 is shown"
    assert len(p.tables["provenance"]) == 3
    # The headline numbers are the HDF5 values: the mean end-of-run list of the baseline.
    lists = []
    for r in load.runs(pair_out):
        if r.scenario == "orthopaedic_no_pool":
            with h5py.File(r.path) as f:
                lists.append(f["observables/system_waiting_list/value"][-1])
    assert headline[1][1].replace(",", "") == f"{np.mean(lists):.0f}"


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars"]


def _chromium():
    path = shutil.which("chromium") or "/usr/bin/chromium"
    assert shutil.which(path), "Debian's chromium is required (cmake/install-deps.sh installs it)"
    return path


def test_report_renders_in_a_headless_browser(report_file, tmp_path):
    shot = tmp_path / "report.png"
    subprocess.run([_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                    "--window-size=1100,1800", f"--screenshot={shot}", report_file.as_uri()],
                   check=True, capture_output=True, timeout=120)
    img = matplotlib.image.imread(shot)  # [height, width, channels] in [0, 1]
    assert img.shape[0] == 1800 and img.shape[1] == 1100
    grey = img[..., :3].mean(axis=2)
    ink = (grey < 0.5).mean()        # dark pixels: text, lines
    colour = (img[..., :3].std(axis=2) > 0.1).mean()  # coloured pixels: table headers, plots
    assert ink > 0.005, f"almost nothing rendered ({ink:.4f} dark)"
    assert colour > 0.002, f"no coloured content ({colour:.4f})"
    # The DOM the browser built holds the tables and images.
    dom = subprocess.run([_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile2'}",
                          "--dump-dom", report_file.as_uri()],
                         check=True, capture_output=True, text=True, timeout=120).stdout
    assert 'id="headline"' in dom and dom.count("<img") >= 8 and "orthopaedic_pool" in dom


def test_icsim_report_command(pair_out, tmp_path):
    target = tmp_path / "board.html"
    proc = run("report", pair_out, "--output", target, "--baseline", "orthopaedic_pool")
    assert target.is_file() and "Report:" in proc.stdout
    assert "Compared with orthopaedic_pool" in target.read_text()
    again = run("report", pair_out, "--output", target, check=False)
    assert again.returncode == 2 and "--force" in again.stderr
    bad = run("report", pair_out, "--baseline", "nope", "--output", tmp_path / "x.html", check=False)
    assert bad.returncode == 2 and "nope" in bad.stderr
    assert run("report", tmp_path / "missing", check=False).returncode == 2


def test_collaboration_plots_and_report_sections(collaboration_out, tmp_path):
    sc = "collaboration_base"
    steps, ids, trust = load.trust_matrices(load.runs(collaboration_out)[0])
    assert trust.shape == (len(steps), len(ids), len(ids))
    heat = plots.trust_heatmap(collaboration_out, sc)
    # The heatmap shows the mean across replications of the final matrices.
    finals = np.stack([load.trust_matrices(r)[2][-1] for r in load.runs(collaboration_out)])
    shown = heat.axes[0].images[0].get_array()
    expect = np.nanmean(finals, axis=0)
    np.testing.assert_allclose(np.ma.filled(shown, np.nan), expect, equal_nan=True)
    for name, fig in {"heat": heat, "network": plots.trust_network(collaboration_out, sc),
                      "collaboration": plots.collaboration(collaboration_out, sc),
                      "programmes": plots.programmes(collaboration_out, sc)}.items():
        texts = [t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text"))]
        assert any(sc in t for t in texts), name
        png, _ = plots.save(fig, tmp_path / name)
        assert png.stat().st_size > 5000
    frame = load.frame(collaboration_out, ["programme_scale", "partnership_cohesion"])
    assert set(frame["programme"].dropna()) == {"acute#0", "acute#1", "acute#2"}
    assert set(frame["partnership"].dropna()) == {"crane_place"}
    html_text = report.build(collaboration_out)
    assert "Collaboration: collaboration_base" in html_text
    assert html_text.count("<img") >= 10


def test_urgent_pressure_plot_and_report_section(tmp_path):
    out = tmp_path / "out"
    run("run", SOURCE_DIR / "scenarios" / "urgent" / "winter_pact.toml", "--days", 120, "-r", 2, "--out", out)
    fig = plots.pressure(out, "winter_pact")
    lines = fig.axes[0].get_lines()
    labels = [l.get_label() for l in lines if not l.get_label().startswith("_")]
    assert labels == ["TA", "TB", "TC", "TD", "TE", "TM"]  # the trusts with beds, no others
    # The plotted occupancy is the mean across replications of the file's values.
    ys = lines[0].get_ydata()
    vals = np.mean([h5py.File(r.path)["observables/bed_occupancy/value"][1:, 0] for r in load.runs(out)], axis=0)
    np.testing.assert_allclose(ys, vals)
    png, _ = plots.save(fig, tmp_path / "pressure")
    assert png.stat().st_size > 5000
    assert "Urgent pressure: winter_pact" in report.build(out)


def test_trust_over_time_and_aid_flows_read_the_files(tmp_path):
    out = tmp_path / "out"
    run("run", SOURCE_DIR / "scenarios" / "urgent" / "winter_pact.toml", "--days", 150, "-r", 2, "--out", out)
    rs = load.runs(out)
    # Aid flows: the matrix shown sums the granted beds of /events/aid, averaged over replications.
    fig = plots.aid_flows(out, "winter_pact")
    shown = np.asarray(fig.axes[0].images[0].get_array())
    granted = []
    for r in rs:
        with h5py.File(r.path) as f:
            granted.append(f["events/aid/granted"][()].sum())
    assert shown.sum() == pytest.approx(np.mean(granted))
    assert shown.sum() > 0
    # Trust over time: the first panel is the priors (step 0), the last the final month.
    fig = plots.trust_over_time(out, "winter_pact")
    first = np.ma.filled(fig.axes[0].images[0].get_array(), np.nan)
    last = np.ma.filled(fig.axes[2].images[0].get_array(), np.nan)
    mats = [load.trust_matrices(r)[2] for r in rs]
    np.testing.assert_allclose(first, np.nanmean([m[0] for m in mats], axis=0), equal_nan=True)
    np.testing.assert_allclose(last, np.nanmean([m[-1] for m in mats], axis=0), equal_nan=True)
    for name, f in (("aid", plots.aid_flows(out, "winter_pact")), ("tot", plots.trust_over_time(out, "winter_pact"))):
        png, _ = plots.save(f, tmp_path / name)
        assert png.stat().st_size > 5000

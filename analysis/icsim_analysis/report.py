"""A self-contained HTML report of an output folder, for a board: what was simulated, the headline
results with 95% intervals, the comparison with the baseline, plots, and provenance. Images are
embedded (data URIs), styles are inline, there is no script: the file opens in any browser with
nothing else installed and no network."""
from __future__ import annotations

import base64
import html
import io
import os
from pathlib import Path

import h5py
import numpy as np

from . import load, plots
from .stats import final, paired, summarise

#: (observable, label, scale, format) of the headline measures, at the end of the run.
HEADLINE = [
    ("system_waiting_list", "Waiting list (patients)", 1, "{:,.0f}"),
    ("system_wait_median_weeks", "Median wait (weeks)", 1, "{:.1f}"),
    ("system_wait_p92_weeks", "92nd percentile wait (weeks)", 1, "{:.1f}"),
    ("system_within_18_weeks", "Waiting under 18 weeks (%)", 100, "{:.1f}"),
    ("system_over_52_weeks", "Waiting 52+ weeks (patients)", 1, "{:,.0f}"),
]
TRUST = [
    ("trust_waiting_list", "Waiting list", 1, "{:,.0f}"),
    ("trust_wait_median_weeks", "Median wait (weeks)", 1, "{:.1f}"),
    ("trust_within_18_weeks", "Under 18 weeks (%)", 100, "{:.1f}"),
    ("trust_over_52_weeks", "52+ weeks", 1, "{:,.0f}"),
]

_STYLE = """
body { font-family: sans-serif; margin: 2em auto; max-width: 1000px; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { background: #eef2f7; }
.note { color: #555; font-size: 0.85em; }
img { max-width: 100%; margin: 0.6em 0; border: 1px solid #eee; }
.ci { color: #666; font-size: 0.85em; }
"""


class Markup(str):
    """HTML built here from numbers and fixed text; every other string is escaped when it goes
    into the page (text and attribute values alike: names come from files, which can be crafted)."""


def _esc(x) -> str:
    return x if isinstance(x, Markup) else html.escape(str(x), quote=True)


def _fmt(fmt: str, mean: float, low: float, high: float, n: int) -> Markup:
    if mean != mean:  # NaN
        return Markup("-")
    text = html.escape(fmt.format(mean))
    if n > 1:
        text += f' <span class="ci">[{html.escape(fmt.format(low))}, {html.escape(fmt.format(high))}]</span>'
    return Markup(text)


def _img(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plots.plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode()
    return f'<img alt="plot" src="data:image/png;base64,{data}">'


def _headline_rows(out_dir, scenarios):
    rows = []
    for sc in scenarios:
        cells = []
        for name, _, scale, fmt in HEADLINE:
            s = summarise(final(load.measure(out_dir, name, sc)))
            r = s.iloc[0]
            cells.append(_fmt(fmt, r["mean"] * scale, r["ci_low"] * scale, r["ci_high"] * scale, int(r["n"])))
        rows.append((sc, cells))
    return rows


def _comparison_rows(out_dir, baseline, others):
    rows = []
    for sc in others:
        cells = []
        for name, _, scale, fmt in HEADLINE:
            d = paired(final(load.measure(out_dir, name)).assign(time=0.0), baseline, sc)
            r = d.iloc[0]
            sign = "+" if r["mean"] >= 0 else ""
            cells.append(Markup(sign + _fmt(fmt, r["mean"] * scale, r["ci_low"] * scale, r["ci_high"] * scale,
                                            int(r["n"]))))
        rows.append((f"{sc} - {baseline}", cells))
    return rows


def _trust_rows(out_dir, scenario):
    per = {}
    for name, _, scale, fmt in TRUST:
        s = summarise(final(load.measure(out_dir, name, scenario)))
        for _, r in s.iterrows():
            per.setdefault(r["organisation"], []).append(
                _fmt(fmt, r["mean"] * scale, r["ci_low"] * scale, r["ci_high"] * scale, int(r["n"])))
    lists = summarise(final(load.measure(out_dir, "trust_waiting_list", scenario)))
    active = set(lists[lists["mean"] > 0]["organisation"])
    return [(org, cells) for org, cells in per.items() if org in active]


def _table(table_id: str, header: list[str], rows) -> str:
    out = [f'<table id="{_esc(table_id)}"><tr>' + "".join(f"<th>{_esc(h)}</th>" for h in header) + "</tr>"]
    for label, cells in rows:
        out.append(f"<tr><td>{_esc(label)}</td>" + "".join(f"<td>{_esc(c)}</td>" for c in cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def has_observable(run, name) -> bool:
    with h5py.File(run.path, "r") as f:
        return name in f["observables"]


def has_beds(run) -> bool:
    """Whether some trust of the file has beds (urgent observables are written and non-zero)."""
    with h5py.File(run.path, "r") as f:
        return "staffed_beds" in f["observables"] and "bed_occupancy" in f["observables"] and \
            bool((f["observables/staffed_beds/value"][()] > 0).any())


def has_relationships(run) -> bool:
    """Whether the file has a trust matrix with some pair of distinct organisations interacting."""
    try:
        _, _, m = load.trust_matrices(run)
    except KeyError:
        return False
    last = m[-1].copy()
    np.fill_diagonal(last, np.nan)
    return bool(np.isfinite(last).any())


def build(out_dir, baseline: str | None = None) -> str:
    """The report's HTML text."""
    out_dir = Path(out_dir)
    scenarios = load.scenarios(out_dir)
    baseline = baseline or scenarios[0]
    if baseline not in scenarios:
        raise ValueError(f"baseline '{baseline}' is not a scenario of {out_dir} ({', '.join(scenarios)})")
    rs = load.runs(out_dir)
    first = {sc: next(r for r in rs if r.scenario == sc) for sc in scenarios}
    prov = {sc: load.provenance(first[sc]) for sc in scenarios}
    n = {sc: sum(r.scenario == sc for r in rs) for sc in scenarios}

    parts = [f"<h1>icsim report: {html.escape(', '.join(scenarios))}</h1>"]
    parts.append('<p class="note">Values are the mean across replications with the 95% interval '
                 "(Student t) in brackets, at the end of the simulated period unless stated.</p>")
    for sc in scenarios:
        p = prov[sc]
        parts.append(f"<h2>Scenario {html.escape(sc)}</h2>")
        parts.append(f"<p>{_esc(p.get('scenario_description', ''))}</p>")
        parts.append(f'<p class="note">{n[sc]} replications of {_esc(p["days"])} days from '
                     f'{_esc(p["start_date"])}.</p>')

    parts.append("<h2>Headline results</h2>")
    parts.append(_table("headline", ["scenario"] + [h[1] for h in HEADLINE],
                        _headline_rows(out_dir, scenarios)))
    others = [s for s in scenarios if s != baseline]
    if others:
        parts.append(f"<h2>Compared with {html.escape(baseline)}</h2>")
        parts.append('<p class="note">Differences per replication (the scenarios share common random '
                     "numbers: the same demand), then their mean and 95% interval. An interval that "
                     "excludes zero is a difference the replications can resolve.</p>")
        parts.append(_table("comparison", ["difference"] + [h[1] for h in HEADLINE],
                            _comparison_rows(out_dir, baseline, others)))

    parts.append("<h2>Over time</h2>")
    for fig in (plots.waiting_list(out_dir), plots.within_18_weeks(out_dir),
                plots.over_52_weeks(out_dir), plots.wait_distribution(out_dir)):
        parts.append(_img(fig))

    for sc in scenarios:
        parts.append(f"<h2>By trust: {html.escape(sc)}</h2>")
        parts.append(_table(f"trusts-{sc}", ["trust"] + [h[1] for h in TRUST], _trust_rows(out_dir, sc)))
        parts.append(_img(plots.by_trust(out_dir, sc)))
        if has_observable(first[sc], "quintile_wait_median_weeks"):
            parts.append(_img(plots.by_quintile(out_dir, sc)))
        flows = load.measure([first[sc]], "transfer_flows")
        if not flows.empty and flows["value"].sum() > 0:
            parts.append(_img(plots.transfers(out_dir, sc)))
        with h5py.File(first[sc].path, "r") as f:
            has_programmes = "events/programmes" in f and len(f["events/programmes/day"]) > 0
        if has_programmes:
            parts.append(_img(plots.programmes(out_dir, sc)))
        if has_beds(first[sc]):
            parts.append(f"<h2>Urgent pressure: {html.escape(sc)}</h2>")
            parts.append(_img(plots.pressure(out_dir, sc)))
            with h5py.File(first[sc].path, "r") as f:
                lent = "events/aid" in f and int(f["events/aid/granted"][()].sum()) > 0
            if lent:
                parts.append(_img(plots.aid_flows(out_dir, sc)))
        if has_observable(first[sc], "collaborative_cohesion"):
            parts.append(f"<h2>Collaboration: {html.escape(sc)}</h2>")
            parts.append(_img(plots.collaboration(out_dir, sc)))
        if has_relationships(first[sc]):
            parts.append(_img(plots.trust_over_time(out_dir, sc)))
            parts.append(_img(plots.trust_network(out_dir, sc)))

    parts.append("<h2>Provenance</h2>")
    prov_rows = []
    for sc in scenarios:
        p = prov[sc]
        prov_rows.append((sc, [str(p.get(k, "")) for k in
                               ("icsim_version", "git_revision", "seed", "replications", "scenario_source",
                                "overrides")]))
    parts.append(_table("provenance", ["scenario", "icsim version", "git revision", "seed",
                                       "replications", "source", "overrides"], prov_rows))
    parts.append(f'<p class="note">Output folder: {html.escape(str(out_dir))}. Library versions: '
                 f'{html.escape(str(prov[scenarios[0]].get("library_versions", "")))}.</p>')

    title = html.escape(f"icsim report: {', '.join(scenarios)}")
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"<style>{_STYLE}</style></head><body>\n" + "\n".join(parts) + "\n</body></html>\n")


def write(out_dir, output=None, baseline: str | None = None, force: bool = False) -> Path:
    """Writes the report (default OUT_DIR/report.html) under a temporary name, then renames it.
    Raises FileExistsError if the file exists and force is False."""
    output = Path(output) if output else Path(out_dir) / "report.html"
    if output.exists() and not force:
        raise FileExistsError(f"{output} already exists (use --force to replace it)")
    text = build(out_dir, baseline)
    tmp = output.with_name(output.name + ".tmp")
    tmp.write_text(text)
    os.replace(tmp, output)
    return output

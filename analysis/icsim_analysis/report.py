"""A self-contained HTML report of an output folder, for a board: what was simulated, a summary in
plain words of each comparison, the headline results with 95% intervals, every paired measure,
differences per trust, specialty, quintile and place, plots side by side, and provenance. Images
are embedded (data URIs), styles are inline and one fixed script (interactive.js, written here,
never from the outputs) filters the tables, shows values on hover and downloads each table's data:
the file opens in any browser with nothing else installed and no network."""
from __future__ import annotations

import base64
import html
import io
import os
from pathlib import Path

import h5py
import numpy as np

from . import compare, load, plots
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
body { max-width: 1400px; }
.summary { background: #f6f8fb; border-left: 4px solid #3b6ea5; padding: 0.6em 1em; }
.panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 1.2em; }
.panel { border: 1px solid #ddd; padding: 0 0.8em; min-width: 0; }
.panel h2 { margin-top: 0.6em; }
.clear { font-weight: bold; }
.clear::after { content: " \\2731"; color: #b5402a; }
.filters { position: sticky; top: 0; background: #fff; padding: 0.4em 0; border-bottom: 1px solid #ccc; z-index: 2; }
.filters button { margin: 0.1em; border: 1px solid #3b6ea5; background: #e8f0fa; border-radius: 3px; cursor: pointer; }
.filters button.off { background: #fff; color: #999; border-color: #ccc; text-decoration: line-through; }
button.download { font-size: 0.8em; margin-left: 0.6em; }
tr.hidden { display: none; }
"""

#: The one script of the page: filters, hover values, downloads. Fixed text (not from outputs).
SCRIPT = (Path(__file__).with_name("interactive.js")).read_text()


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


def _trust_rows(out_dir, scenario, names=None):
    names = names or {}
    per = {}
    for name, _, scale, fmt in TRUST:
        s = summarise(final(load.measure(out_dir, name, scenario)))
        for _, r in s.iterrows():
            per.setdefault(r["organisation"], []).append(
                _fmt(fmt, r["mean"] * scale, r["ci_low"] * scale, r["ci_high"] * scale, int(r["n"])))
    lists = summarise(final(load.measure(out_dir, "trust_waiting_list", scenario)))
    active = set(lists[lists["mean"] > 0]["organisation"])
    return [(names.get(org, org), cells) for org, cells in per.items() if org in active]


def _table(table_id: str, header: list[str], rows, download: bool = False) -> str:
    button = (f'<button type="button" class="download" data-table="{_esc(table_id)}">download data (CSV)</button>'
              if download else "")
    out = [button + f'<table id="{_esc(table_id)}"><tr>' + "".join(f"<th>{_esc(h)}</th>" for h in header) + "</tr>"]
    for row in rows:
        label, cells = row[0], row[1]
        attrs = f' data-kind="{_esc(row[2][0])}" data-entity="{_esc(row[2][1])}"' if len(row) > 2 else ""
        out.append(f"<tr{attrs}><td>{_esc(label)}</td>" + "".join(f"<td>{_esc(c)}</td>" for c in cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def _cell(d, decimals) -> Markup:
    """A paired difference: mean [interval], marked when the interval excludes zero, the
    unrounded values on hover."""
    if d is None:
        return Markup("-")
    cls = ' class="clear"' if d.clear else ""
    tip = html.escape(f"mean {d.mean:.6g}, 95% interval [{d.low:.6g}, {d.high:.6g}], {d.n} replications", quote=True)
    return Markup(f'<span{cls} title="{tip}">{html.escape(compare.shown(d, decimals))}</span>')


def _comparison_table(out_dir, baseline, others) -> str:
    per = {sc: {m.label: (m, d) for m, d in compare.measures(out_dir, baseline, sc)} for sc in others}
    rows = []
    for m in compare.MEASURES:
        if not any(m.label in per[sc] for sc in others):
            continue
        label = m.label + (f" ({m.unit})" if m.unit else "")
        rows.append((label, [_cell(per[sc][m.label][1], m.decimals) if m.label in per[sc] else Markup("-")
                             for sc in others]))
    return _table("comparison", ["measure"] + [f"{sc} - {baseline}" for sc in others], rows, download=True)


def _breakdown_tables(out_dir, baseline, other, names) -> list[str]:
    parts = []
    for kind, column, cols in compare.BREAKDOWNS:
        rows = compare.breakdown(out_dir, baseline, other, kind, names)
        if not rows:
            continue
        header = [kind] + [f"{c[0]} ({c[1]})" for c in cols][: len(rows[0][2])]
        body = [(name, [_cell(d, dec) for _, dec, d in cells], (kind, name)) for _, name, cells in rows]
        parts.append(f"<h3>By {html.escape(kind)}: {html.escape(other)} - {html.escape(baseline)}</h3>")
        parts.append(_table(f"by-{kind}-{other}", header, body, download=True))
    return parts


def _filters(out_dir, baseline, others, names) -> str:
    groups = []
    for kind, _, _ in compare.BREAKDOWNS:
        seen = []
        for sc in others:
            for _, name, _ in compare.breakdown(out_dir, baseline, sc, kind, names):
                if name not in seen:
                    seen.append(name)
        if seen:
            buttons = "".join(f'<button type="button" data-kind="{_esc(kind)}" data-entity="{_esc(n)}">{_esc(n)}</button>'
                              for n in seen)
            groups.append(f'<span class="group"><b>{_esc(kind)}</b> {buttons}</span> ')
    return ('<div class="filters" id="filters">Show: ' + "".join(groups) +
            '<span class="note"> (click to hide or show rows; hover a value for its unrounded figures)</span></div>')


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


def build(out_dir, baseline: str | None = None, progress=None) -> str:
    """The report's HTML text; progress(step), if given, is told what is being done."""
    say = progress or (lambda step: None)
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
    names = compare.names(first[baseline])
    if others:
        say("paired comparisons with " + baseline)
        parts.insert(2, "<h2>Summary</h2>" + "".join(
            f'<div class="summary" id="summary-{_esc(sc)}">' +
            "".join(f"<p>{_esc(t)}</p>" for t in compare.summary(out_dir, baseline, sc, names)) + "</div>"
            for sc in others))
        parts.append(f"<h2>Compared with {html.escape(baseline)}</h2>")
        parts.append('<p class="note">Differences per replication (the scenarios share common random '
                     "numbers: the same demand), then their mean and 95% interval. An interval that "
                     "excludes zero (marked \u2731, in bold) is a difference the replications can resolve. "
                     "Flows are totals over the run; the rest are values at its end.</p>")
        parts.append(_comparison_table(out_dir, baseline, others))
        parts.append(_filters(out_dir, baseline, others, names))
        for sc in others:
            parts.extend(_breakdown_tables(out_dir, baseline, sc, names))

    say("plots over time")
    parts.append("<h2>Over time</h2>")
    for fig in (plots.waiting_list(out_dir), plots.within_18_weeks(out_dir),
                plots.over_52_weeks(out_dir), plots.wait_distribution(out_dir)):
        parts.append(_img(fig))

    parts.append('<div class="panels">')
    for sc in scenarios:
        say("scenario " + sc)
        parts.append('<div class="panel">')
        parts.append(f"<h2>By trust: {html.escape(sc)}</h2>")
        parts.append(_table(f"trusts-{sc}", ["trust"] + [h[1] for h in TRUST],
                            _trust_rows(out_dir, sc, compare.names(first[sc]).get("organisation"))))
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
        parts.append("</div>")
    parts.append("</div>")

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
            f"<style>{_STYLE}</style></head><body>\n" + "\n".join(parts) +
            f'\n<script id="icsim-interactive">{SCRIPT}</script>\n</body></html>\n')


def write(out_dir, output=None, baseline: str | None = None, force: bool = False, progress=None) -> Path:
    """Writes the report (default OUT_DIR/report.html) under a temporary name, then renames it.
    Raises FileExistsError if the file exists and force is False."""
    output = Path(output) if output else Path(out_dir) / "report.html"
    if output.exists() and not force:
        raise FileExistsError(f"{output} already exists (use --force to replace it)")
    text = build(out_dir, baseline, progress)
    tmp = output.with_name(output.name + ".tmp")
    tmp.write_text(text)
    os.replace(tmp, output)
    return output

"""Plots of icsim outputs (matplotlib; the backend is the user's, Agg when headless). Each function takes an output folder (and
options), returns a matplotlib Figure, and labels axes with units and the title with the
scenario name(s). save() writes PNG and SVG."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import matplotlib

# The plotting backend is the user's (Jupyter, a desktop session, MPLBACKEND). Only a process
# with no display and no choice gets Agg: Debian's matplotlibrc names TkAgg, which needs one.
if (not os.environ.get("MPLBACKEND") and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY") and "ipykernel" not in sys.modules):
    matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from . import load  # noqa: E402
from .stats import final, summarise  # noqa: E402

_UNITS = {"1": "share", "patients": "patients", "weeks": "weeks", "GBP": "GBP", "km": "km"}
_COLOURS = plt.rcParams["axes.prop_cycle"].by_key()["color"]


def _label(title: str, scenarios: list[str]) -> str:
    return f"{title}\n{', '.join(scenarios)}"


def save(fig, stem) -> list[Path]:
    """Writes stem.png (150 dpi) and stem.svg; returns the paths."""
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = [stem.with_suffix(".png"), stem.with_suffix(".svg")]
    fig.savefig(paths[0], dpi=150, bbox_inches="tight")
    fig.savefig(paths[1], bbox_inches="tight")
    plt.close(fig)
    return paths


def timeseries(out_dir, name: str, title: str, scale: float = 1.0, ylabel: str | None = None,
               scenarios: list[str] | None = None):
    """Mean across replications with its 95% interval as a band, one line per scenario."""
    scenarios = scenarios or load.scenarios(out_dir)
    s = summarise(load.measure(out_dir, name))
    fig, ax = plt.subplots(figsize=(8, 4.2))
    unit = ""
    for i, sc in enumerate(scenarios):
        d = s[s["scenario"] == sc].sort_values("time")
        if d.empty:
            continue
        unit = d["unit"].iloc[0]
        dates = pd.to_datetime(d["date"])
        colour = _COLOURS[i % len(_COLOURS)]
        ax.plot(dates, d["mean"] * scale, color=colour, label=f"{sc} (mean, n={int(d['n'].max())})")
        ax.fill_between(dates, d["ci_low"] * scale, d["ci_high"] * scale, color=colour, alpha=0.25,
                        linewidth=0, label=f"{sc} 95% interval")
    ax.set_ylabel(ylabel or f"{name} ({_UNITS.get(unit, unit)})")
    ax.set_xlabel("date")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    ax.set_title(_label(title, scenarios), fontsize=10)
    fig.autofmt_xdate()
    return fig


def waiting_list(out_dir, scenarios=None):
    return timeseries(out_dir, "system_waiting_list", "Waiting list", ylabel="patients waiting",
                      scenarios=scenarios)


def within_18_weeks(out_dir, scenarios=None):
    fig = timeseries(out_dir, "system_within_18_weeks", "Patients waiting under 18 weeks",
                     scale=100, ylabel="waiting under 18 weeks (%)", scenarios=scenarios)
    fig.axes[0].axhline(92, color="grey", linestyle=":", linewidth=1)
    fig.axes[0].annotate("92% standard", (0.01, 92), xycoords=("axes fraction", "data"),
                         fontsize=8, color="grey", va="bottom")
    return fig


def over_52_weeks(out_dir, scenarios=None):
    return timeseries(out_dir, "system_over_52_weeks", "Patients waiting 52 weeks or more",
                      ylabel="patients waiting 52+ weeks", scenarios=scenarios)


def wait_distribution(out_dir, scenarios=None):
    """The distribution of weeks waited at the end of the run (mean across replications)."""
    scenarios = scenarios or load.scenarios(out_dir)
    d = final(load.measure(out_dir, "wait_histogram"))
    fig, ax = plt.subplots(figsize=(8, 4.2))
    width = 0.8 / max(len(scenarios), 1)
    for i, sc in enumerate(scenarios):
        m = d[d["scenario"] == sc].groupby("wait_week", sort=False)["value"].mean()
        weeks = np.arange(len(m))
        ax.bar(weeks + i * width, m.values, width=width, color=_COLOURS[i % len(_COLOURS)], label=sc)
    for w, label in ((18, "18 weeks"), (52, "52 weeks")):
        ax.axvline(w, color="grey", linestyle=":", linewidth=1)
        ax.annotate(label, (w + 0.5, 0.95), xycoords=("data", "axes fraction"), fontsize=8, color="grey")
    ax.set_xlabel("weeks waited (the last bar: 104 or more)")
    ax.set_ylabel("patients waiting (mean across replications)")
    ax.legend(fontsize=8)
    ax.set_title(_label("Distribution of waits at the end of the run", scenarios), fontsize=10)
    ax.grid(alpha=0.3, axis="y")
    return fig


def by_trust(out_dir, scenario: str):
    """Median wait and share under 18 weeks by trust at the end, with 95% intervals."""
    med = summarise(final(load.measure(out_dir, "trust_wait_median_weeks", scenario)))
    w18 = summarise(final(load.measure(out_dir, "trust_within_18_weeks", scenario)))
    lst = summarise(final(load.measure(out_dir, "trust_waiting_list", scenario)))
    keep = lst[lst["mean"] > 0]["organisation"]
    med = med[med["organisation"].isin(keep)]
    w18 = w18[w18["organisation"].isin(keep)]
    fig, axes = plt.subplots(1, 2, figsize=(9, 0.5 * len(keep) + 2.2), sharey=True)
    for ax, d, scale, xlabel in ((axes[0], med, 1, "median wait (weeks)"),
                                 (axes[1], w18, 100, "waiting under 18 weeks (%)")):
        y = np.arange(len(d))
        ax.barh(y, d["mean"] * scale, xerr=[(d["mean"] - d["ci_low"]) * scale,
                                             (d["ci_high"] - d["mean"]) * scale],
                color=_COLOURS[0], capsize=3)
        ax.set_yticks(y, d["organisation"])
        ax.set_xlabel(xlabel)
        ax.grid(alpha=0.3, axis="x")
    fig.suptitle(_label("Performance by trust at the end of the run (95% intervals)", [scenario]),
                 fontsize=10)
    fig.tight_layout()
    return fig


def by_quintile(out_dir, scenario: str):
    """Median wait and share under 18 weeks by deprivation quintile of the patients' homes."""
    med = summarise(final(load.measure(out_dir, "quintile_wait_median_weeks", scenario)))
    w18 = summarise(final(load.measure(out_dir, "quintile_within_18_weeks", scenario)))
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.6))
    for ax, d, scale, ylabel in ((axes[0], med, 1, "median wait (weeks)"),
                                 (axes[1], w18, 100, "waiting under 18 weeks (%)")):
        x = np.arange(len(d))
        ax.bar(x, d["mean"] * scale, yerr=[(d["mean"] - d["ci_low"]) * scale,
                                           (d["ci_high"] - d["mean"]) * scale],
               color=_COLOURS[1], capsize=3)
        ax.set_xticks(x, [f"{q}" for q in d["quintile"]])
        # Not from zero: the differences between quintiles are what is read (the axis says so).
        lo, hi = float((d["ci_low"] * scale).min()), float((d["ci_high"] * scale).max())
        if np.isfinite(lo) and np.isfinite(hi) and hi > lo:
            pad = 0.25 * (hi - lo)
            ax.set_ylim(max(lo - pad, 0.0), hi + pad)
            ax.set_ylabel(ylabel + " (axis not from 0)")
        ax.set_xlabel("IMD quintile of home (Q1 most deprived)")
        if not ax.get_ylabel():
            ax.set_ylabel(ylabel)
        ax.grid(alpha=0.3, axis="y")
    fig.suptitle(_label("Waits by deprivation at the end of the run (95% intervals)", [scenario]),
                 fontsize=10)
    fig.tight_layout()
    return fig


def transfers(out_dir, scenario: str):
    """Moves between trusts over the whole run (mean across replications)."""
    d = load.measure(out_dir, "transfer_flows", scenario)
    fig, ax = plt.subplots(figsize=(5.5, 4.8))
    if d.empty:
        ax.text(0.5, 0.5, "no moves between trusts", ha="center", va="center")
    else:
        total = d.groupby(["replication", "organisation", "destination"], sort=False)["value"].sum()
        m = total.groupby(["organisation", "destination"], sort=False).mean().unstack()
        trusts = list(dict.fromkeys(d["organisation"]))
        m = m.reindex(index=trusts, columns=trusts).fillna(0)
        im = ax.imshow(m.values, cmap="Blues")
        ax.set_xticks(range(len(trusts)), trusts, rotation=90)
        ax.set_yticks(range(len(trusts)), trusts)
        ax.set_xlabel("to trust")
        ax.set_ylabel("from trust")
        fig.colorbar(im, ax=ax, label="patients moved (whole run, mean)")
    ax.set_title(_label("Patients moving between trusts", [scenario]), fontsize=10)
    fig.tight_layout()
    return fig


def programmes(out_dir, scenario: str):
    """When each collaborative programme ran (from /events/programmes of replication 0; a
    programme stopped and restarted by votes has several bars)."""
    run = next(r for r in load.runs(out_dir) if r.scenario == scenario)
    import h5py
    with h5py.File(run.path, "r") as f:
        days = int(f["parameters"].attrs["days"])
        ev = f["events/programmes"]
        rows = list(zip(ev["day"][()], ev["collaborative"].asstr()[()], ev["programme"][()],
                        ev["specialty"].asstr()[()], ev["event"].asstr()[()]))
    fig, ax = plt.subplots(figsize=(8, 0.5 * max(len(rows), 1) + 1.8))
    bars = {}
    for day, col, prog, spec, event in rows:
        key = f"{col}: {spec} (#{prog})"
        spans = bars.setdefault(key, [])
        if event == "start":
            spans.append([int(day), days])
        elif event == "stop" and spans:
            spans[-1][1] = int(day)
    for i, (key, spans) in enumerate(bars.items()):
        for a, b in spans:  # a programme stopped and restarted runs in several spans
            ax.barh(i, b - a, left=a, color=_COLOURS[2])
    ax.set_yticks(range(len(bars)), list(bars))
    ax.set_xlim(0, days)
    ax.set_xlabel("day of the run")
    if not bars:
        ax.text(0.5, 0.5, "no programmes", ha="center", va="center", transform=ax.transAxes)
    ax.set_title(_label("Collaborative programmes", [scenario]), fontsize=10)
    fig.tight_layout()
    return fig


def _mean_trust(out_dir, scenario: str, month: int = -1):
    """Organisation ids and the mean across replications of the trust matrix at `month` (an
    index into /relationships/trust: 0 the priors, -1 the end)."""
    rs = [r for r in load.runs(out_dir) if r.scenario == scenario]
    mats, ids = [], []
    for r in rs:
        _, ids, m = load.trust_matrices(r)
        mats.append(m[month])
    with np.errstate(all="ignore"):
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", category=RuntimeWarning)
            return ids, np.nanmean(np.stack(mats), axis=0), len(rs)


def trust_heatmap(out_dir, scenario: str):
    """Trust of each organisation (row) in each other (column) at the end of the run, mean
    across replications; grey where the pair does not interact."""
    ids, m, n = _mean_trust(out_dir, scenario)
    fig, ax = plt.subplots(figsize=(0.42 * len(ids) + 3, 0.42 * len(ids) + 2))
    cmap = plt.get_cmap("RdYlGn").copy()
    cmap.set_bad("#dddddd")
    im = ax.imshow(np.ma.masked_invalid(m), cmap=cmap, vmin=0, vmax=1)
    ax.set_xticks(range(len(ids)), ids, rotation=90, fontsize=7)
    ax.set_yticks(range(len(ids)), ids, fontsize=7)
    ax.set_xlabel("trusted organisation")
    ax.set_ylabel("trusting organisation")
    fig.colorbar(im, ax=ax, label=f"trust (r+1)/(r+s+2), mean of {n} replications")
    ax.set_title(_label("Trust between organisations at the end of the run", [scenario]), fontsize=10)
    fig.tight_layout()
    return fig


def trust_over_time(out_dir, scenario: str, panels: int = 3):
    """The trust matrix at the start (priors), in between and at the end of the run, side by
    side (mean across replications)."""
    steps, _, _ = load.trust_matrices(next(r for r in load.runs(out_dir) if r.scenario == scenario))
    picks = sorted(set(int(round(x)) for x in np.linspace(0, len(steps) - 1, panels)))
    fig, axes = plt.subplots(1, len(picks), figsize=(4.2 * len(picks) + 1, 4.6), squeeze=False)
    cmap = plt.get_cmap("RdYlGn").copy()
    cmap.set_bad("#dddddd")
    im = None
    for ax, month in zip(axes[0], picks):
        ids, m, n = _mean_trust(out_dir, scenario, month)
        im = ax.imshow(np.ma.masked_invalid(m), cmap=cmap, vmin=0, vmax=1)
        ax.set_xticks(range(len(ids)), ids, rotation=90, fontsize=6)
        ax.set_yticks(range(len(ids)), ids, fontsize=6)
        ax.tick_params(labelleft=ax is axes[0][0])
        ax.set_title(f"day {int(steps[month])}", fontsize=9)
    axes[0][0].set_ylabel("trusting organisation")
    fig.colorbar(im, ax=list(axes[0]), label="trust (mean across replications)", shrink=0.8)
    fig.suptitle(_label("Trust between organisations over time", [scenario]), fontsize=10)
    return fig


def aid_flows(out_dir, scenario: str):
    """Mutual aid granted, donor (row) to requester (column), in bed days over the run (beds and
    staff lent, from /events/aid), mean across replications."""
    import h5py
    rs = [r for r in load.runs(out_dir) if r.scenario == scenario]
    totals = {}
    trusts = []
    for r in rs:
        with h5py.File(r.path, "r") as f:
            orgs = [load._text(x) for x in f["organisations/id"][()]]
            kinds = [load._text(x) for x in f["organisations/kind"][()]]
            trusts = [o for o, k in zip(orgs, kinds) if k == "trust"]
            aid = f["events/aid"]
            for donor, req, g in zip(aid["donor"].asstr()[()], aid["requester"].asstr()[()], aid["granted"][()]):
                if donor and g > 0:
                    totals[(donor, req)] = totals.get((donor, req), 0.0) + float(g) / len(rs)
    involved = [t for t in trusts if any(t in k for k in totals)] or trusts
    m = np.zeros((len(involved), len(involved)))
    for (d, q), v in totals.items():
        m[involved.index(d), involved.index(q)] = v
    fig, ax = plt.subplots(figsize=(0.45 * len(involved) + 3.5, 0.45 * len(involved) + 2.5))
    im = ax.imshow(m, cmap="Purples")
    ax.set_xticks(range(len(involved)), involved, rotation=90, fontsize=7)
    ax.set_yticks(range(len(involved)), involved, fontsize=7)
    ax.set_xlabel("requester")
    ax.set_ylabel("donor")
    fig.colorbar(im, ax=ax, label=f"bed days lent over the run, mean of {len(rs)} replications")
    ax.set_title(_label("Mutual aid between trusts", [scenario]), fontsize=10)
    fig.tight_layout()
    return fig


def trust_network(out_dir, scenario: str):
    """Organisations on a circle; a line for each interacting pair, coloured by mutual trust
    (mean of both directions) at the end of the run, mean across replications."""
    ids, m, n = _mean_trust(out_dir, scenario)
    k = len(ids)
    angle = 2 * np.pi * np.arange(k) / max(k, 1)
    xy = np.c_[np.cos(angle), np.sin(angle)]
    cmap = plt.get_cmap("RdYlGn")
    fig, ax = plt.subplots(figsize=(6.5, 6))
    for i in range(k):
        for j in range(i + 1, k):
            vals = [v for v in (m[i, j], m[j, i]) if np.isfinite(v)]
            if not vals:
                continue
            t = float(np.mean(vals))
            ax.plot(*xy[[i, j]].T, color=cmap(t), linewidth=0.5 + 3 * t, alpha=0.85, zorder=1)
    ax.scatter(xy[:, 0], xy[:, 1], s=60, color="#333333", zorder=2)
    for (x, y), name in zip(xy, ids):
        ax.annotate(name, (x, y), xytext=(x * 1.12, y * 1.12), ha="center", va="center", fontsize=7)
    sm = plt.cm.ScalarMappable(cmap=cmap, norm=plt.Normalize(0, 1))
    fig.colorbar(sm, ax=ax, label=f"mutual trust, mean of {n} replications", shrink=0.8)
    ax.set_xlim(-1.4, 1.4)
    ax.set_ylim(-1.4, 1.4)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(_label("Relationships at the end of the run", [scenario]), fontsize=10)
    return fig


def collaboration(out_dir, scenario: str):
    """Cohesion of each collaborative and the scale of each programme over time (mean across
    replications with the 95% interval)."""
    fig, axes = plt.subplots(2, 1, figsize=(8, 6.4), sharex=True)
    for ax, name, column, ylabel in ((axes[0], "collaborative_cohesion", "collaborative",
                                      "cohesion (mean trust among members)"),
                                     (axes[1], "programme_scale", "programme", "programme scale (0-1)")):
        s = summarise(load.measure(out_dir, name, scenario))
        for i, (key, d) in enumerate(s.groupby(column, sort=False) if not s.empty else []):
            d = d.sort_values("time")
            dates = pd.to_datetime(d["date"])
            colour = _COLOURS[i % len(_COLOURS)]
            ax.plot(dates, d["mean"], color=colour, label=str(key))
            ax.fill_between(dates, d["ci_low"], d["ci_high"], color=colour, alpha=0.2, linewidth=0)
        if s.empty:
            ax.text(0.5, 0.5, f"no {column}s", ha="center", va="center", transform=ax.transAxes)
        ax.set_ylim(0, 1.02)
        ax.set_ylabel(ylabel)
        ax.grid(alpha=0.3)
        if not s.empty:
            ax.legend(fontsize=7)
    axes[1].set_xlabel("date")
    axes[1].xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    axes[0].set_title(_label("Collaboratives: cohesion and programme scale (mean, 95% interval)",
                             [scenario]), fontsize=10)
    fig.autofmt_xdate()
    return fig


def pressure(out_dir, scenario: str):
    """Urgent pressure by trust: occupancy of staffed beds and elective slots cancelled per
    interval (mean across replications), for the trusts with beds."""
    occ = summarise(load.measure(out_dir, "bed_occupancy", scenario))
    canc = load.measure(out_dir, "cancelled_electives", scenario)
    fig, axes = plt.subplots(2, 1, figsize=(8, 6.4), sharex=True)
    trusts = [t for t in dict.fromkeys(occ["organisation"]) if occ[occ["organisation"] == t]["mean"].notna().any()]
    for i, t in enumerate(trusts):
        colour = _COLOURS[i % len(_COLOURS)]
        d = occ[occ["organisation"] == t].sort_values("time")
        d = d[d["time"] > 0]
        axes[0].plot(pd.to_datetime(d["date"]), d["mean"], color=colour, label=t)
        c = canc[canc["organisation"] == t].groupby(["replication", "date"], sort=False)["value"].sum()
        c = c.groupby("date").mean().sort_index()
        c = c.iloc[1:]
        axes[1].plot(pd.to_datetime(c.index), c.values, color=colour, label=t)
    axes[0].axhline(0.92, color="grey", linestyle=":", linewidth=1)
    axes[0].annotate("92%", (0.01, 0.92), xycoords=("axes fraction", "data"), fontsize=8, color="grey", va="bottom")
    axes[0].set_ylabel("occupancy of staffed beds")
    axes[1].set_ylabel("elective slots cancelled\nper interval (mean)")
    for ax in axes:
        ax.grid(alpha=0.3)
        if trusts:
            ax.legend(fontsize=7, ncol=2)
    if not trusts:
        axes[0].text(0.5, 0.5, "no trusts with beds", ha="center", va="center", transform=axes[0].transAxes)
    axes[1].set_xlabel("date")
    axes[1].xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    axes[0].set_title(_label("Urgent pressure: bed occupancy and cancelled electives", [scenario]), fontsize=10)
    fig.autofmt_xdate()
    return fig

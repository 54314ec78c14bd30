"""Paired comparisons for the report: every measure a board asks about (waits, 52+ waiters,
transfers, OPEL 4 days, cancellations, trust, cohesion, programme scale, equity gap, money), per
replication, then the difference from the baseline with its 95% interval; the same per trust,
specialty, quintile and place; and a summary in plain words of what the intervals resolve."""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import h5py
import numpy as np
import pandas as pd

from . import load
from .stats import t_quantile_975


@dataclass(frozen=True)
class Measure:
    label: str        # "median wait"
    unit: str         # "weeks", "patients", "percentage points", "GBP" ...
    observable: str
    how: str          # end_sum | end_mean | end_max | total | gap
    scale: float = 1.0
    decimals: int = 0


#: The paired measures of the comparison table, in order.
MEASURES = [
    Measure("waiting list", "patients", "system_waiting_list", "end_sum"),
    Measure("median wait", "weeks", "system_wait_median_weeks", "end_sum", decimals=2),
    Measure("waiting under 18 weeks", "percentage points", "system_within_18_weeks", "end_sum", 100, 1),
    Measure("52+ week waiters", "patients", "system_over_52_weeks", "end_sum"),
    Measure("longest trust median wait", "weeks", "trust_wait_median_weeks", "end_max", decimals=2),
    Measure("patients treated at another trust (transfers)", "patients", "transfers_in", "total"),
    Measure("OPEL 4 trust-days", "days", "opel4_days", "total", decimals=1),
    Measure("cancelled electives", "treatments", "cancelled_electives", "total"),
    Measure("out-of-area bed days", "bed days", "out_of_area_bed_days", "total"),
    Measure("mean trust between organisations", "", "mean_trust", "end_mean", decimals=3),
    Measure("collaborative cohesion", "", "collaborative_cohesion", "end_mean", decimals=3),
    Measure("programme scale", "", "programme_scale", "end_mean", decimals=3),
    Measure("equity gap (median wait, most minus least deprived)", "weeks", "quintile_wait_median_weeks", "gap",
            decimals=2),
    Measure("out-of-area cost", "GBP", "out_of_area_cost", "total"),
    Measure("tariff income moved with patients", "GBP", "income_transferred", "total"),
    Measure("transfer admin cost", "GBP", "transfer_admin_cost", "total"),
]

#: Per-entity tables: (kind, axis column, [(label, unit, observable, how, scale, decimals)]).
BREAKDOWNS = [
    ("trust", "organisation", [("waiting list", "patients", "trust_waiting_list", "end", 1, 0),
                               ("median wait", "weeks", "trust_wait_median_weeks", "end", 1, 2),
                               ("under 18 weeks", "points", "trust_within_18_weeks", "end", 100, 1),
                               ("52+ week waiters", "patients", "trust_over_52_weeks", "end", 1, 0),
                               ("transfers in", "patients", "transfers_in", "total", 1, 0)]),
    ("specialty", "specialty", [("waiting list", "patients", "waiting_list", "end", 1, 0),
                                ("52+ week waiters", "patients", "over_52_weeks", "end", 1, 0),
                                ("transfers", "patients", "transfers_in", "total", 1, 0)]),
    ("quintile", "quintile", [("waiting list", "patients", "quintile_waiting_list", "end", 1, 0),
                              ("median wait", "weeks", "quintile_wait_median_weeks", "end", 1, 2),
                              ("under 18 weeks", "points", "quintile_within_18_weeks", "end", 100, 1),
                              ("52+ week waiters", "patients", "quintile_over_52_weeks", "end", 1, 0)]),
    ("place", "place", [("waiting list", "patients", "place_waiting_list", "end", 1, 0),
                        ("median wait", "weeks", "place_wait_median_weeks", "end", 1, 2),
                        ("under 18 weeks", "points", "place_within_18_weeks", "end", 100, 1)]),
]


@dataclass(frozen=True)
class Difference:
    mean: float
    low: float
    high: float
    n: int

    @property
    def clear(self) -> bool:
        """The 95% interval excludes zero."""
        return self.n >= 2 and (self.low > 0 or self.high < 0)


def difference(d: np.ndarray) -> Difference | None:
    d = np.asarray(d, dtype=float)
    d = d[np.isfinite(d)]
    if len(d) == 0:
        return None
    m = float(d.mean())
    if len(d) < 2:
        return Difference(m, m, m, len(d))
    h = t_quantile_975(len(d) - 1) * float(d.std(ddof=1)) / math.sqrt(len(d))
    return Difference(m, m - h, m + h, len(d))


def number(x: float, decimals: int) -> str:
    """x rounded, with thousands separators; never "-0" or "-0.00"."""
    if x != x:
        return "-"
    text = f"{x:,.{decimals}f}"
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]
    return text


def enough(d: Difference, decimals: int) -> int:
    """Decimals that show a resolved difference as one: a bound of an interval that excludes zero
    is not shown as 0 (up to three more digits than the measure's own)."""
    dec = decimals
    while d.clear and dec < decimals + 3 and not all(number(x, dec).strip("-0.,") for x in (d.low, d.high, d.mean)):
        dec += 1
    return dec


def shown(d: Difference, decimals: int, signed: bool = True) -> str:
    """"-5.50 [-5.85, -5.15]" (a sign on the mean when signed)."""
    decimals = enough(d, decimals)
    rounded = number(d.mean, decimals)
    sign = "+" if signed and not rounded.startswith("-") and rounded.strip("0.,") else ""
    text = sign + number(d.mean, decimals)
    if d.n > 1:
        text += f" [{number(d.low, decimals)}, {number(d.high, decimals)}]"
    return text


def names(run: load.Run) -> dict[str, dict[str, str]]:
    """Readable names by axis column: id -> name (trusts, places, specialties, quintiles)."""
    out = {}
    with h5py.File(run.path, "r") as f:
        for column, group in (("organisation", "organisations"), ("place", "places"),
                              ("specialty", "specialties"), ("quintile", "quintiles")):
            if f"{group}/id" in f and f"{group}/name" in f:
                ids = [load._text(x) for x in f[f"{group}/id"][()]]
                nm = [load._text(x) for x in f[f"{group}/name"][()]]
                out[column] = dict(zip(ids, nm))
    if "quintile" in out:
        out["quintile"] = {k: f"Q{v}" if not v.startswith("Q") else v for k, v in out["quintile"].items()}
    return out


@lru_cache(maxsize=256)
def _cached(out_dir: str, observable: str, mtime: float) -> pd.DataFrame:
    return load.measure(out_dir, observable)


def frame_of(out_dir, observable: str) -> pd.DataFrame:
    """load.measure, read once per report (keyed by the manifest's modification time)."""
    from pathlib import Path
    manifest = Path(out_dir) / "manifest.json"
    return _cached(str(out_dir), observable, manifest.stat().st_mtime if manifest.exists() else 0.0)


def _per_replication(frame: pd.DataFrame, how: str, column: str | None = None) -> pd.Series | pd.DataFrame:
    """Values per replication (and per entity of `column`, when given)."""
    if frame.empty:
        return pd.Series(dtype=float)
    if how in ("end", "end_sum", "end_mean", "end_max", "gap"):
        frame = frame[frame["time"] == frame.groupby("replication")["time"].transform("max")]
    keys = ["replication"] + ([column] if column else [])
    if how == "gap":
        q = frame.sort_values("quintile").groupby("replication")["value"]
        return q.first() - q.last()
    agg = {"end": "sum", "end_sum": "sum", "total": "sum", "end_mean": "mean", "end_max": "max"}[how]
    return frame.groupby(keys, sort=False)["value"].agg(agg)


def _differences(a, b) -> np.ndarray:
    joined = pd.concat([a.rename("a"), b.rename("b")], axis=1, join="inner").dropna()
    return (joined["b"] - joined["a"]).to_numpy()


_MEMO: dict = {}


def _memo(fn):
    """Results kept per (output folder as written, arguments): a report asks for each many times."""
    def wrapper(out_dir, *args):
        from pathlib import Path
        manifest = Path(out_dir) / "manifest.json"
        key = (fn.__name__, str(out_dir), manifest.stat().st_mtime if manifest.exists() else 0.0,
               tuple(a if isinstance(a, str) else repr(a) for a in args))
        if key not in _MEMO:
            _MEMO[key] = fn(out_dir, *args)
        return _MEMO[key]
    wrapper.__doc__ = fn.__doc__
    wrapper.__name__ = fn.__name__
    return wrapper


@_memo
def measures(out_dir, baseline: str, other: str) -> list[tuple[Measure, Difference]]:
    """The paired difference other - baseline of every measure both scenarios hold."""
    rows = []
    for m in MEASURES:
        frame = frame_of(out_dir, m.observable)
        if frame.empty:
            continue
        if m.observable in ("transfers_in",) or m.how in ("end_mean",):
            frame = frame.dropna(subset=["value"])
        a = _per_replication(frame[frame["scenario"] == baseline], m.how)
        b = _per_replication(frame[frame["scenario"] == other], m.how)
        d = difference(_differences(a, b) * m.scale)
        if d is not None:
            rows.append((m, d))
    return rows


@_memo
def breakdown(out_dir, baseline: str, other: str, kind: str, labels: dict[str, str]):
    """[(entity id, readable name, [(column label, decimals, Difference | None), ...])] for one table."""
    _, column, cols = next(b for b in BREAKDOWNS if b[0] == kind)
    per: dict[str, list] = {}
    order: list[str] = []
    for label, _unit, obs, how, scale, decimals in cols:
        frame = frame_of(out_dir, obs)
        if frame.empty:
            continue
        a = _per_replication(frame[frame["scenario"] == baseline], how, column)
        b = _per_replication(frame[frame["scenario"] == other], how, column)
        if not isinstance(a.index, pd.MultiIndex):
            continue
        for entity in a.index.get_level_values(column).unique():
            if entity not in per:
                per[entity] = []
                order.append(entity)
            da = a.xs(entity, level=column)
            db = b.xs(entity, level=column) if entity in b.index.get_level_values(column) else pd.Series(dtype=float)
            per[entity].append((label, decimals, difference(_differences(da, db) * scale)))
    # Only trusts with a waiting list (ICBs and place partners are organisations too).
    if kind == "trust":
        lists = frame_of(out_dir, "trust_waiting_list")
        active = set(lists[lists["value"] > 0]["organisation"])
        order = [e for e in order if e in active]
    return [(e, labels.get(column, {}).get(e, e), per[e]) for e in order]


def _change(label: str, unit: str, d: Difference, decimals: int) -> str:
    decimals = enough(d, decimals)
    verb = "rose" if d.mean > 0 else "fell"
    u = f" {unit}" if unit and unit not in ("patients",) else ""
    if unit == "patients":
        u = ""
    return (f"{label} {verb} by {number(abs(d.mean), decimals)}{u} "
            f"[95% interval {number(d.low, decimals)} to {number(d.high, decimals)}]")


def summary(out_dir, baseline: str, other: str, labels: dict[str, dict[str, str]]) -> list[str]:
    """Sentences in plain words: what changed (intervals excluding zero), where, and what did not."""
    rows = measures(out_dir, baseline, other)
    clear = [(m, d) for m, d in rows if d.clear]
    unclear = [m.label for m, d in rows if not d.clear and not (d.mean == 0 and d.low == 0 and d.high == 0)]
    same = [m.label for m, d in rows if d.mean == 0 and d.low == 0 and d.high == 0]
    out = []
    if clear:
        out.append(f"Compared with {baseline}, in {other}: " +
                   "; ".join(_change(m.label, m.unit, d, m.decimals) for m, d in clear) + ".")
    else:
        out.append(f"Compared with {baseline}, the replications resolve no system-wide difference in {other}.")
    for kind, title in (("trust", "Trust median waits"), ("quintile", "Median waits by deprivation quintile"),
                        ("place", "Median waits by place of residence")):
        rows_k = breakdown(out_dir, baseline, other, kind, labels)
        fell, rose = [], []
        for _, name, cells in rows_k:
            for label, decimals, d in cells:
                if label == "median wait" and d is not None and d.clear:
                    decimals = enough(d, decimals)
                    (rose if d.mean > 0 else fell).append(
                        f"{name} {number(abs(d.mean), decimals)} weeks [{number(abs(d.high if d.mean < 0 else d.low), decimals)}"
                        f"-{number(abs(d.low if d.mean < 0 else d.high), decimals)}]")
        if fell or rose:
            parts = []
            if fell:
                parts.append("fell at " + ", ".join(fell))
            if rose:
                parts.append("rose at " + ", ".join(rose))
            out.append(f"{title} " + "; ".join(parts) + ".")
    if unclear:
        out.append("No difference the replications can resolve (the 95% interval includes zero) in: " +
                   ", ".join(unclear) + ".")
    if same:
        out.append("Identical in every replication: " + ", ".join(same) + ".")
    return out

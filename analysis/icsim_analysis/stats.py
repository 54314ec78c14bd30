"""Summaries across replications with Student-t 95% intervals, and paired comparisons of
scenarios run with common random numbers (the difference per replication, then its interval)."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

_GROUP_COLUMNS = ["scenario", "point", "time", "date", "measure", "unit", "kind", "organisation",
                  "destination", "specialty", "quintile", "place", "collaborative", "programme",
                  "partnership", "wait_week"]


def _normal_quantile(p: float) -> float:
    """Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9,
    refined by one Halley step)."""
    a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
         1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
         6.680131188771972e+01, -1.328068155288572e+01]
    c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
         -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
         3.754408661907416e+00]
    if p < 0.02425:
        q = math.sqrt(-2 * math.log(p))
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / \
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    elif p > 1 - 0.02425:
        return -_normal_quantile(1 - p)
    else:
        q = p - 0.5
        r = q * q
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / \
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    e = 0.5 * math.erfc(-x / math.sqrt(2)) - p
    u = e * math.sqrt(2 * math.pi) * math.exp(x * x / 2)
    return x - u / (1 + x * u / 2)


def t_quantile(p: float, df: int) -> float:
    """Quantile p (0.5 < p < 1) of Student's t with df degrees of freedom (Hill 1970, ACM
    algorithm 396; exact for df 1 and 2)."""
    if df < 1:
        raise ValueError("df must be >= 1")
    if df == 1:
        return math.tan(math.pi * (p - 0.5))
    if df == 2:
        return (2 * p - 1) / math.sqrt(2 * p * (1 - p))
    two_sided = 2 * (1 - p)
    a = 1.0 / (df - 0.5)
    b = 48.0 / (a * a)
    c = ((20700 * a / b - 98) * a - 16) * a + 96.36
    d = ((94.5 / (b + c) - 3) / b + 1) * math.sqrt(a * math.pi / 2) * df
    x = d * two_sided
    y = x ** (2.0 / df)
    if y > 0.05 + a:
        x = _normal_quantile(two_sided / 2)
        y = x * x
        if df < 5:
            c += 0.3 * (df - 4.5) * (x + 0.6)
        c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c
        y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x
        y = math.expm1(a * y * y)
    else:
        y = ((1 / (((df + 6) / (df * y) - 0.089 * d - 0.822) * (df + 2) * 3) + 0.5 / (df + 4)) *
             y - 1) * (df + 1) / (df + 2) + 1 / y
    return math.sqrt(df * y)


def t_quantile_975(df: int) -> float:
    """The two-sided 95% quantile of Student's t (12.706 for 1, 2.093 for 19 degrees)."""
    return t_quantile(0.975, df)


def summarise(df: pd.DataFrame, over: str = "replication") -> pd.DataFrame:
    """Mean, sd, standard error and 95% interval of `value` across `over` (replications), for
    every other combination of the frame's columns. NaN values are left out."""
    keys = [c for c in _GROUP_COLUMNS if c in df.columns and c != over and df[c].notna().any()]
    grouped = df.dropna(subset=["value"]).groupby(keys, sort=False, dropna=False)["value"]
    out = grouped.agg(n="count", mean="mean", sd="std").reset_index()
    out["sd"] = out["sd"].fillna(0.0)
    out["se"] = out["sd"] / np.sqrt(out["n"])
    half = np.array([t_quantile_975(int(n) - 1) if n > 1 else 0.0 for n in out["n"]]) * out["se"]
    out["ci_low"] = out["mean"] - half
    out["ci_high"] = out["mean"] + half
    return out


def paired(df: pd.DataFrame, baseline: str, other: str) -> pd.DataFrame:
    """Summary of (other - baseline) per replication, for scenarios run with common random
    numbers: the same replication index sees the same demand, so the difference is paired."""
    keys = [c for c in _GROUP_COLUMNS + ["replication"]
            if c in df.columns and c not in ("scenario", "date") and df[c].notna().any()]
    a = df[df["scenario"] == baseline].set_index(keys)["value"]
    b = df[df["scenario"] == other].set_index(keys)["value"]
    diff = (b - a).dropna().rename("value").reset_index()
    diff["scenario"] = f"{other} - {baseline}"
    return summarise(diff)


def final(df: pd.DataFrame) -> pd.DataFrame:
    """The rows at each scenario's last time."""
    last = df.groupby("scenario")["time"].transform("max")
    return df[df["time"] == last]

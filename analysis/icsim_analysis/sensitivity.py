"""Sensitivity analysis of sweep results (numpy only): main effects, Morris elementary effects
(mu* and sigma) and first-order and total Sobol indices from Saltelli designs, with bootstrap
intervals.

Designs follow docs/sweeps.md: a Morris design is r trajectories of k+1 points, consecutive
points differing in one factor; a Saltelli design of base size N is the matrices A (N x k),
B (N x k) and AB_i (A with column i from B) for i = 1..k, evaluated as yA, yB and yAB[i].
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Interval:
    estimate: np.ndarray  # one value per factor
    low: np.ndarray       # 95% bootstrap percentile interval
    high: np.ndarray


def _bootstrap(stat, n: int, resamples: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    draws = np.array([stat(rng.integers(0, n, n)) for _ in range(resamples)])
    return np.percentile(draws, 2.5, axis=0), np.percentile(draws, 97.5, axis=0)


def main_effects(x: np.ndarray, y: np.ndarray, bins: int = 5) -> np.ndarray:
    """Spread (max - min) of the mean of y across quantile bins of each factor: a quick,
    design-free screen of which factors move the output."""
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    out = []
    for i in range(x.shape[1]):
        edges = np.quantile(x[:, i], np.linspace(0, 1, bins + 1))
        idx = np.clip(np.searchsorted(edges, x[:, i], side="right") - 1, 0, bins - 1)
        means = [y[idx == b].mean() for b in range(bins) if np.any(idx == b)]
        out.append(max(means) - min(means))
    return np.array(out)


def morris_elementary_effects(design: np.ndarray, y: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Elementary effects from trajectories: design has r*(k+1) rows, y one value per row.
    Returns (effects [r, k], the factor changed at each step). Raises ValueError if a step
    changes other than exactly one factor."""
    design = np.asarray(design, float)
    y = np.asarray(y, float)
    r = design.shape[0] // (k + 1)
    effects = np.zeros((r, k))
    for t in range(r):
        rows = design[t * (k + 1):(t + 1) * (k + 1)]
        ys = y[t * (k + 1):(t + 1) * (k + 1)]
        for s in range(k):
            delta = rows[s + 1] - rows[s]
            changed = np.flatnonzero(delta != 0)
            if len(changed) != 1:
                raise ValueError(f"trajectory {t} step {s} changes {len(changed)} factors")
            i = changed[0]
            effects[t, i] = (ys[s + 1] - ys[s]) / delta[i]
    return effects


def morris(design: np.ndarray, y: np.ndarray, k: int, resamples: int = 1000,
           seed: int = 0) -> dict[str, Interval]:
    """Morris mu* (mean |elementary effect|) and sigma (sd of the effects) per factor, with
    bootstrap intervals over trajectories. Effects are per unit of each factor."""
    ee = morris_elementary_effects(design, y, k)
    r = ee.shape[0]
    mu_star = lambda idx: np.abs(ee[idx]).mean(axis=0)
    sigma = lambda idx: ee[idx].std(axis=0, ddof=1) if len(idx) > 1 else np.zeros(k)
    all_idx = np.arange(r)
    lo_m, hi_m = _bootstrap(mu_star, r, resamples, seed)
    lo_s, hi_s = _bootstrap(sigma, r, resamples, seed + 1)
    return {"mu_star": Interval(mu_star(all_idx), lo_m, hi_m),
            "sigma": Interval(sigma(all_idx), lo_s, hi_s)}


def saltelli_matrices(n: int, k: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """A, B uniform on [0, 1)^k (N x k each) and AB_i = A with column i taken from B."""
    rng = np.random.default_rng(seed)
    a = rng.random((n, k))
    b = rng.random((n, k))
    ab = []
    for i in range(k):
        m = a.copy()
        m[:, i] = b[:, i]
        ab.append(m)
    return a, b, ab


def sobol(y_a: np.ndarray, y_b: np.ndarray, y_ab: list[np.ndarray], resamples: int = 1000,
          seed: int = 0) -> dict[str, Interval]:
    """First-order (Saltelli 2010) and total (Jansen 1999) Sobol indices per factor:
    S_i = mean(yB (yAB_i - yA)) / V, ST_i = mean((yA - yAB_i)^2) / (2 V), V = var([yA, yB]);
    95% intervals by bootstrapping the N base rows."""
    y_a = np.asarray(y_a, float)
    y_b = np.asarray(y_b, float)
    y_ab = np.array([np.asarray(v, float) for v in y_ab])  # [k, N]
    n = len(y_a)

    def first(idx):
        v = np.var(np.concatenate([y_a[idx], y_b[idx]]))
        return np.mean(y_b[idx] * (y_ab[:, idx] - y_a[idx]), axis=1) / v

    def total(idx):
        v = np.var(np.concatenate([y_a[idx], y_b[idx]]))
        return 0.5 * np.mean((y_a[idx] - y_ab[:, idx]) ** 2, axis=1) / v

    all_idx = np.arange(n)
    lo1, hi1 = _bootstrap(first, n, resamples, seed)
    lot, hit = _bootstrap(total, n, resamples, seed + 1)
    return {"first": Interval(first(all_idx), lo1, hi1), "total": Interval(total(all_idx), lot, hit)}


# --- test functions with known indices ---------------------------------------------------------

def ishigami(x: np.ndarray, a: float = 7.0, b: float = 0.1) -> np.ndarray:
    """Ishigami-Homma function on [-pi, pi]^3."""
    x = np.asarray(x, float)
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_indices(a: float = 7.0, b: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    """Analytic first-order and total Sobol indices of the Ishigami function."""
    pi = np.pi
    v1 = 0.5 * (1 + b * pi ** 4 / 5) ** 2
    v2 = a ** 2 / 8
    v13 = b ** 2 * pi ** 8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return np.array([v1, v2, 0.0]) / v, np.array([v1 + v13, v2, v13]) / v

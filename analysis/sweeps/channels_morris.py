#!/usr/bin/python3
"""Morris mu* and sigma of the channels screen (channels_morris.toml) from its outputs.

Usage: analysis/sweeps/channels_morris.py SWEEP_FOLDER   (the folder named channels_morris)

Outputs per run, at the end: system median wait (weeks), 52-week waiters, cancelled electives
(whole run) and the gap between the most and least deprived quintiles' median waits (Q1 - Q5,
weeks); each is averaged over a point's replications. Factors are scaled to [0, 1] over their
ranges, so an elementary effect is the change of an output across a factor's whole range.
Prints mu* and sigma with 95% bootstrap intervals over trajectories."""
import pathlib
import sys

import h5py
import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from icsim_analysis.sensitivity import morris  # noqa: E402


def plan(folder):
    lines = (folder / "plan.txt").read_text().splitlines()
    head = next(i for i, l in enumerate(lines) if l.startswith("point\t"))
    names = lines[head].split("\t")[1:]
    rows = [list(map(float, l.split("\t")[1:])) for l in lines[head + 1:] if l and l[0].isdigit()]
    return names, np.array(rows)


def outputs(h5):
    o = h5["observables"]
    q = o["quintile_wait_median_weeks/value"][-1]
    return [o["system_wait_median_weeks/value"][-1], o["system_over_52_weeks/value"][-1],
            o["cancelled_electives/value"][1:].sum(), q[0] - q[4]]


def main(folder):
    folder = pathlib.Path(folder)
    names, x = plan(folder)
    y = np.array([np.mean([outputs(h5py.File(r)) for r in sorted((folder / f"point-{p:04d}").glob("rep-*.h5"))],
                          axis=0) for p in range(len(x))])
    lo, hi = x.min(axis=0), x.max(axis=0)
    u = (x - lo) / np.where(hi > lo, hi - lo, 1.0)
    labels = ["median wait (weeks)", "52-week waiters", "cancelled electives", "Q1-Q5 median gap (weeks)"]
    for j, label in enumerate(labels):
        r = morris(u, y[:, j], len(names))
        print(f"\n{label}: mean over points {y[:, j].mean():.3f}")
        order = np.argsort(-r["mu_star"].estimate)
        for i in order:
            m, s = r["mu_star"], r["sigma"]
            print(f"  {names[i]:36s} mu* {m.estimate[i]:10.3f} [{m.low[i]:9.3f}, {m.high[i]:9.3f}]"
                  f"  sigma {s.estimate[i]:10.3f} [{s.low[i]:9.3f}, {s.high[i]:9.3f}]")


if __name__ == "__main__":
    main(sys.argv[1])

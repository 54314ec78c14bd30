"""Loading an output folder (docs/outputs.md) into tidy pandas frames.

A tidy frame has one row per value, with the columns of FRAME_COLUMNS: which run it comes from
(scenario, point, replication), when (time in days since the start, date), what (measure, unit,
kind) and where (the observable's axes: organisation, specialty, ...), and the value.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

#: Columns of a tidy frame, in order. Axis columns an observable does not have are None.
FRAME_COLUMNS = ["scenario", "point", "replication", "time", "date", "measure", "unit", "kind",
                 "organisation", "destination", "specialty", "quintile", "place", "collaborative",
                 "programme", "partnership", "wait_week", "value"]

# Axis name in the file -> (column in the frame, group holding the labels, label dataset).
_AXES = {
    "organisation": ("organisation", "organisations", "id"),
    "specialty": ("specialty", "specialties", "id"),
    "quintile": ("quintile", "quintiles", "id"),
    "place": ("place", "places", "id"),
    "collaborative": ("collaborative", "collaboratives", "id"),
    "wait_week": ("wait_week", "wait_weeks", "label"),
    "programme": ("programme", "programmes", "id"),
    "place_partnership": ("partnership", "place_partnerships", "id"),
}


@dataclass(frozen=True)
class Run:
    """One output file: a replication of a scenario (at a sweep point, if any)."""
    scenario: str
    replication: int
    path: Path
    point: int = -1  # -1: not part of a sweep


def runs(out_dir, complete_only: bool = True) -> list[Run]:
    """The runs listed in out_dir/manifest.json (complete ones by default), in manifest order.

    Raises FileNotFoundError if there is no manifest (the folder is not an icsim output)."""
    out = Path(out_dir)
    if not (out / "manifest.json").is_file():
        raise FileNotFoundError(f"{out} is not an icsim output folder (it has no manifest.json)")
    manifest = json.loads((out / "manifest.json").read_text())
    found = []
    for r in manifest["runs"]:
        if complete_only and r["status"] != "complete":
            continue
        found.append(Run(r["scenario"], int(r["replication"]), out / r["file"],
                         int(r.get("point", -1))))
    return found


def scenarios(out_dir) -> list[str]:
    """Scenario names in the order they were run."""
    seen = []
    for r in runs(out_dir):
        if r.scenario not in seen:
            seen.append(r.scenario)
    return seen


def _text(x) -> str:
    return x.decode() if isinstance(x, bytes) else str(x)


def provenance(run: Run | str | Path) -> dict:
    """The /parameters attributes of a run's file (scenario text, seed, version, ...)."""
    path = run.path if isinstance(run, Run) else Path(run)
    with h5py.File(path, "r") as f:
        return {k: (_text(v) if isinstance(v, (bytes, str)) else v.item() if hasattr(v, "item") else v)
                for k, v in f["parameters"].attrs.items()}


def _labels(f: h5py.File, axis: str) -> np.ndarray:
    column, group, dataset = _AXES[axis]
    return np.array([_text(x) for x in f[f"{group}/{dataset}"][()]], dtype=object)


def _read(run: Run, name: str) -> pd.DataFrame | None:
    with h5py.File(run.path, "r") as f:
        if name not in f["observables"]:
            return None
        g = f[f"observables/{name}"]
        value = g["value"][()]
        time = g["time"][()]
        axes = [a.strip() for a in _text(g.attrs["axes"]).split(",")][1:]
        start = np.datetime64(_text(f["parameters"].attrs["start_date"]))
        cols: dict[str, object] = {}
        grids = np.meshgrid(np.arange(len(time)), *[np.arange(n) for n in value.shape[1:]],
                            indexing="ij")
        cols["time"] = time[grids[0].ravel()]
        for k, axis in enumerate(axes):
            labels = _labels(f, axis)
            # The organisation axis of trust observables covers the trusts (the first rows).
            column = _AXES[axis][0]
            if axis == "organisation" and k == 1 and axes[0] == "organisation":
                column = "destination"
            cols[column] = labels[grids[k + 1].ravel()]
        df = pd.DataFrame(cols)
        df["value"] = value.ravel().astype(float)
        df["date"] = start + df["time"].astype("int64").astype("timedelta64[D]")
        df["measure"] = name
        df["unit"] = _text(g["value"].attrs["unit"])
        df["kind"] = _text(g.attrs["kind"])
        df["scenario"] = run.scenario
        df["point"] = run.point
        df["replication"] = run.replication
        for c in FRAME_COLUMNS:
            if c not in df:
                df[c] = None
        return df[FRAME_COLUMNS]


def measure(out_dir_or_runs, name: str, scenario: str | None = None) -> pd.DataFrame:
    """A tidy frame of one observable across all runs (optionally of one scenario)."""
    rs = runs(out_dir_or_runs) if not isinstance(out_dir_or_runs, list) else out_dir_or_runs
    parts = [_read(r, name) for r in rs if scenario is None or r.scenario == scenario]
    parts = [p for p in parts if p is not None]
    if not parts:
        return pd.DataFrame(columns=FRAME_COLUMNS)
    return pd.concat(parts, ignore_index=True)


def frame(out_dir, measures: list[str] | None = None) -> pd.DataFrame:
    """A tidy frame of the given observables (default: every observable in the first file)."""
    rs = runs(out_dir)
    if measures is None:
        with h5py.File(rs[0].path, "r") as f:
            measures = sorted(f["observables"])
    return pd.concat([measure(rs, m) for m in measures], ignore_index=True)


def trust_matrices(run: Run | str | Path) -> tuple[np.ndarray, list[str], np.ndarray]:
    """The monthly trust matrices of one file: (steps [M], organisation ids [N],
    trust [M, N, N]; row i's trust in column j, NaN where the pair does not interact)."""
    path = run.path if isinstance(run, Run) else Path(run)
    with h5py.File(path, "r") as f:
        if "relationships/trust" not in f:
            raise KeyError(f"{path} has no /relationships/trust")
        ids = [_text(x) for x in f["organisations/id"][()]]
        return f["relationships/trust/step"][()], ids, f["relationships/trust/value"][()]

#!/usr/bin/python3
"""What the model predicts: every shipped comparison (a scenario against the scenario it extends,
so the levers are the keys the file sets), run with paired replications (common random numbers),
and each paired difference with its 95% interval whatever its sign; and, for the collaboration
base scenario, the distribution across replications of final mean trust and cohesion.

    /usr/bin/python3 analysis/scripts/predictions.py --bin build/release/icsim -r 20 --out /tmp/pred \\
        --markdown docs/predictions.md --plot docs/images/base_trust_cohesion.png

Measurements of the model as it stands, for docs; nothing here is a pass/fail test.
"""
import argparse
import subprocess
import sys
import tomllib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "analysis"))
from icsim_analysis import compare, load  # noqa: E402

SHOWN = ["waiting list", "median wait", "52+ week waiters", "patients treated at another trust (transfers)",
         "OPEL 4 trust-days", "cancelled electives", "mean trust between organisations", "collaborative cohesion",
         "programme scale", "equity gap (median wait, most minus least deprived)"]
HEADS = ["waiting list", "median wait (weeks)", "52+ weeks", "transfers", "OPEL 4 days", "cancelled",
         "mean trust", "cohesion", "programme scale", "equity gap (weeks)"]


def levers(data, prefix=""):
    """Dotted keys a scenario file sets, besides [scenario] name, description and extends."""
    out = []
    for k, v in data.items():
        key = f"{prefix}{k}"
        if key in ("scenario.name", "scenario.description", "scenario.extends"):
            continue
        if isinstance(v, dict):
            out += levers(v, key + ".")
        elif isinstance(v, list) and v and isinstance(v[0], dict):
            for e in v:
                ident = e.get("id", e.get("place", e.get("organisation", "")))
                out += levers({kk: vv for kk, vv in e.items() if kk != "id"}, f"{key}[{ident}].")
        else:
            out.append(key)
    return out


def comparisons():
    for f in sorted((ROOT / "scenarios").rglob("*.toml")):
        data = tomllib.loads(f.read_text())
        parent = data.get("scenario", {}).get("extends")
        if parent:
            yield (f.parent / parent).resolve(), f, levers(data)


def name_of(path):
    data = tomllib.loads(Path(path).read_text())
    name = data.get("scenario", {}).get("name")
    return name if name else name_of((Path(path).parent / data["scenario"]["extends"]).resolve())


def cell(d, decimals):
    if d is None:
        return "-"
    return compare.shown(d, decimals)  # the mean with its interval


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("-r", "--replications", type=int, default=20)
    ap.add_argument("--distribution-replications", type=int, default=40)
    ap.add_argument("--out", required=True)
    ap.add_argument("--markdown", required=True)
    ap.add_argument("--plot")
    a = ap.parse_args()
    rows = []
    for parent, child, keys in comparisons():
        out = Path(a.out) / child.stem
        cmd = [a.bin, "run", str(parent), str(child), "-r", str(a.replications), "--out", str(out), "--force",
               "--progress", "never"]
        print(" ".join(cmd), file=sys.stderr, flush=True)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        got = {m.label: (m, d) for m, d in compare.measures(str(out), name_of(parent), name_of(child))}
        cells = [cell(got[k][1], got[k][0].decimals) if k in got else "-" for k in SHOWN]
        rel = child.relative_to(ROOT / "scenarios")
        base = Path(parent).relative_to(ROOT / "scenarios")
        lever = ", ".join(f"`{k}`" for k in keys) + (" (**more than one key**)" if len(keys) > 1 else "")
        rows.append(f"| `{rel}` - `{base}` | {lever} | " + " | ".join(cells) + " |")
    lines = ["| comparison | levers (keys the file sets) | " + " | ".join(HEADS) + " |",
             "|---|---|" + "---|" * len(HEADS)] + rows
    # The base scenario's spread across replications.
    base = ROOT / "scenarios" / "collaboration" / "base.toml"
    out = Path(a.out) / "base_distribution"
    subprocess.run([a.bin, "run", str(base), "-r", str(a.distribution_replications), "--out", str(out), "--force",
                    "--progress", "never"], check=True, stdout=subprocess.DEVNULL)
    finals = {}
    for obs in ("mean_trust", "collaborative_cohesion"):
        f = load.measure(str(out), obs)
        last = f[f["time"] == f["time"].max()]
        finals[obs] = last.groupby("replication")["value"].mean().to_numpy()
    dist = [f"Across {a.distribution_replications} replications of `collaboration/base.toml` at the end "
            "(3 years):", ""]
    for obs, v in finals.items():
        q = np.quantile(v, [0, 0.05, 0.5, 0.95, 1])
        dist.append(f"- `{obs}`: mean {v.mean():.4f}, sd {v.std(ddof=1):.4f}; min {q[0]:.3f}, 5% {q[1]:.3f}, "
                    f"median {q[2]:.3f}, 95% {q[3]:.3f}, max {q[4]:.3f}")
    if a.plot:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(1, 2, figsize=(9, 3.2))
        for ax, (obs, v) in zip(axes, finals.items()):
            ax.hist(v, bins=15, color="#4a78a8")
            ax.set_title(f"final {obs.replace('_', ' ')}")
            ax.set_xlabel("trust (0-1)")
            ax.set_ylabel("replications")
        fig.tight_layout()
        fig.savefig(a.plot, dpi=110)
        dist += ["", f"![final trust and cohesion across replications](images/{Path(a.plot).name})"]
    Path(a.markdown).write_text(
        "# What the model predicts\n\n"
        "Every shipped comparison: a scenario against the scenario it extends (the keys its file sets are "
        "listed; a file setting more than one key may change more than one lever: a new programme or a table "
        f"entry sets several keys), {a.replications} paired replications with common random numbers, paired difference "
        "(scenario - baseline) with its 95% interval, whatever its sign. Made by "
        "`analysis/scripts/predictions.py` from a real run; measurements of the model as it stands, not "
        "tests. Waits and counts at the end of the run; transfers, OPEL 4 days and cancellations over the run.\n\n"
        + "\n".join(lines) + "\n\n## The base scenario across replications\n\n" + "\n".join(dist) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

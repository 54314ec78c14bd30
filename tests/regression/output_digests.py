#!/usr/bin/env python3
"""Digests of every value an icsim build writes for the shipped scenarios.

A refactor that must not change the model (issue 11, issue 19's "output values unchanged") is
checked by running every shipped scenario with a new build and comparing the digest of each
HDF5 dataset with the digests a previous build wrote.

  output_digests.py make    --bin OLD_ICSIM --out digests.json    # from the previous release
  output_digests.py compare --bin NEW_ICSIM --digests digests.json

Digests cover the values of every dataset (observables, relationships, events, axes); the
/parameters attributes (version, git revision, library versions) are left out on purpose.
Each scenario runs with its own days, 2 replications and 2 threads (values do not depend on the
thread count). Exit status 1 lists every dataset that differs.
"""
import argparse
import datetime
import hashlib
import json
import os
import pathlib
import subprocess
import sys
import tempfile

import h5py
import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
REPLICATIONS = 2


def shipped_scenarios():
    return sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "scenarios").rglob("*.toml"))


def dataset_digest(ds):
    data = ds[()]
    h = hashlib.sha256()
    h.update(str(ds.shape).encode())
    if ds.dtype.kind in "SO" or h5py.check_string_dtype(ds.dtype) is not None:
        flat = np.asarray(data, dtype=object).ravel()
        for x in flat:
            h.update((x.decode() if isinstance(x, bytes) else str(x)).encode() + b"\0")
    else:
        arr = np.ascontiguousarray(np.asarray(data))
        if arr.dtype.kind == "f":
            arr = arr.astype("<f8")
        elif arr.dtype.kind in "iub":
            arr = arr.astype("<i8")
        h.update(arr.tobytes())
    return h.hexdigest()[:16]


def file_digests(path):
    out = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                out["/" + name] = dataset_digest(obj)
        f.visititems(visit)
    return out


def run_all(binary, scenarios):
    digests = {}
    with tempfile.TemporaryDirectory() as tmp:
        for sc in scenarios:
            out = pathlib.Path(tmp) / pathlib.Path(sc).stem
            cmd = [binary, "run", str(ROOT / sc), "-r", str(REPLICATIONS), "--threads", "2",
                   "--out", str(out), "--progress", "never"]
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            for h5 in sorted(out.rglob("rep-*.h5")):
                key = sc + ":" + h5.name
                digests[key] = file_digests(h5)
    return digests


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    mk = sub.add_parser("make")
    mk.add_argument("--bin", required=True)
    mk.add_argument("--out", required=True)
    mk.add_argument("--note", default="")
    cp = sub.add_parser("compare")
    cp.add_argument("--bin", required=True)
    cp.add_argument("--digests", required=True)
    cp.add_argument("--only", nargs="*", help="scenario paths to compare (default: all in the file)")
    args = ap.parse_args()

    if args.cmd == "make":
        scenarios = shipped_scenarios()
        digests = run_all(args.bin, scenarios)
        rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
        doc = {
            "made_by": "tests/regression/output_digests.py make --bin " + os.path.basename(args.bin),
            "from_git_revision": rev,
            "made_on": datetime.date.today().isoformat(),
            "note": args.note,
            "replications": REPLICATIONS,
            "files": digests,
        }
        pathlib.Path(args.out).write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n")
        print(f"wrote digests of {len(digests)} files to {args.out}")
        return 0

    doc = json.loads(pathlib.Path(args.digests).read_text())
    want = doc["files"]
    scenarios = sorted({k.split(":")[0] for k in want})
    if args.only:
        scenarios = [s for s in scenarios if s in args.only]
    missing = [s for s in shipped_scenarios() if s not in scenarios and not args.only]
    got = run_all(args.bin, scenarios)
    problems = []
    new = set()
    for key in sorted(k for k in want if k.split(":")[0] in scenarios):
        if key not in got:
            problems.append(f"{key}: no output file")
            continue
        for ds, d in sorted(want[key].items()):
            if ds not in got[key]:
                problems.append(f"{key} {ds}: missing")
            elif got[key][ds] != d:
                problems.append(f"{key} {ds}: values differ")
        for ds in sorted(set(got[key]) - set(want[key])):
            new.add(ds)
    for s in missing:
        print(f"note: {s} is shipped but has no digests (new scenario)")
    for ds in sorted(new):
        print(f"note: {ds} is new (no digest to compare; existing datasets must still match)")
    if problems:
        print(f"{len(problems)} differences against {args.digests} (made from {doc['from_git_revision'][:10]}):")
        for p in problems:
            print("  " + p)
        return 1
    print(f"all {sum(len(v) for v in want.values())} datasets of {len(scenarios)} scenarios match "
          f"the digests made from {doc['from_git_revision'][:10]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

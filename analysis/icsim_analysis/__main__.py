"""Command line: python3 -m icsim_analysis {report,summary,plots} OUT_DIR [...].

`icsim report OUT_DIR` runs `report` with Debian's /usr/bin/python3."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from . import load, plots, report
from .stats import final, summarise


def _stem(name: str) -> str:
    """A file name made from a scenario name (read from a manifest, which can be crafted): never a path."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", name)[:100] or "_"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="icsim_analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser("report", help="write a self-contained HTML report")
    rep.add_argument("out_dir")
    rep.add_argument("--baseline", help="scenario to compare the others with (default: the first)")
    rep.add_argument("-o", "--output", help="report file (default: OUT_DIR/report.html)")
    rep.add_argument("-f", "--force", action="store_true", help="replace an existing report")
    summ = sub.add_parser("summary", help="print end-of-run summaries as CSV")
    summ.add_argument("out_dir")
    summ.add_argument("measures", nargs="+")
    pl = sub.add_parser("plots", help="write the standard plots (PNG and SVG)")
    pl.add_argument("out_dir")
    pl.add_argument("-o", "--output", help="folder (default: OUT_DIR/plots)")
    args = parser.parse_args(argv)

    try:
        if args.command == "report":
            path = report.write(args.out_dir, args.output, args.baseline, args.force,
                                progress=lambda step: print(f"report: {step}", file=sys.stderr, flush=True))
            print(f"Report: {path}")
        elif args.command == "summary":
            df = summarise(final(load.frame(args.out_dir, args.measures)))
            df.to_csv(sys.stdout, index=False)
        elif args.command == "plots":
            folder = Path(args.output) if args.output else Path(args.out_dir) / "plots"
            written = []
            for name, fig in (("waiting_list", plots.waiting_list(args.out_dir)),
                              ("within_18_weeks", plots.within_18_weeks(args.out_dir)),
                              ("over_52_weeks", plots.over_52_weeks(args.out_dir)),
                              ("wait_distribution", plots.wait_distribution(args.out_dir))):
                written += plots.save(fig, folder / name)
            for sc in load.scenarios(args.out_dir):
                stem = _stem(sc)
                written += plots.save(plots.by_trust(args.out_dir, sc), folder / f"{stem}_by_trust")
                first = next(r for r in load.runs(args.out_dir) if r.scenario == sc)
                if report.has_observable(first, "collaborative_cohesion"):
                    written += plots.save(plots.collaboration(args.out_dir, sc), folder / f"{stem}_collaboration")
                if report.has_beds(first):
                    written += plots.save(plots.pressure(args.out_dir, sc), folder / f"{stem}_pressure")
                    written += plots.save(plots.aid_flows(args.out_dir, sc), folder / f"{stem}_aid")
                if report.has_relationships(first):
                    written += plots.save(plots.trust_heatmap(args.out_dir, sc), folder / f"{stem}_trust")
                    written += plots.save(plots.trust_over_time(args.out_dir, sc), folder / f"{stem}_trust_over_time")
                    written += plots.save(plots.trust_network(args.out_dir, sc), folder / f"{stem}_network")
            print("\n".join(str(p) for p in written))
    except (FileNotFoundError, FileExistsError, ValueError, KeyError) as e:
        print(f"icsim report: error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

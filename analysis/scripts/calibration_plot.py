#!/usr/bin/python3
"""Forecast against observed for `icsim calibrate` (docs/calibration.md).

Usage: calibration_plot.py CALIBRATE_OUT RTT_DIR PNG

Reads CALIBRATE_OUT/aggregate.csv (icsim's mean of the sum of the lists and its 95% range over
replications, which draw the fitted values from their standard errors) and the observed extracts in RTT_DIR (Part_2 by weekly band), and plots
the aggregate list and the share within 18 weeks, observed and forecast, for every month of the
extracts, with persistence (the
last fitted month) as a line."""
import csv
import gzip
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

MONTHS = {m: i + 1 for i, m in enumerate(["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST",
                                          "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"])}


def observed(rtt_dir):
    out = {}
    for f in sorted(Path(rtt_dir).glob("*.csv*")):
        opener = gzip.open if f.suffix == ".gz" else open
        with opener(f, "rt", newline="") as fh:
            r = csv.reader(fh)
            head = next(r)
            bands = [i for i, h in enumerate(head) if h.startswith("Gt ")]
            part, per = head.index("RTT Part Type"), head.index("Period")
            w = w18 = 0
            period = None
            for row in r:
                if row[part] != "Part_2":
                    continue
                _, name, year = row[per].upper().split("-")
                period = f"{year}-{MONTHS[name]:02d}"
                counts = [int(row[i] or 0) for i in bands]
                w += sum(counts)
                w18 += sum(counts[:18])
        out[period] = (w, w18)
    return out


def forecast(path):
    """period -> (waiting, within 18, waiting lo, waiting hi, share lo, share hi) of aggregate.csv."""
    with open(path) as f:
        return {r["period"]: (int(r["waiting"]), int(r["within_18_weeks"]), float(r["waiting_lo95"]),
                              float(r["waiting_hi95"]), float(r["within_18_share_pct_lo95"]),
                              float(r["within_18_share_pct_hi95"])) for r in csv.DictReader(f)}


def main(out_dir, rtt_dir, png):
    obs = observed(rtt_dir)
    fc = forecast(Path(out_dir) / "aggregate.csv")
    months = sorted(obs)
    first_fc = min(fc)
    last_fit = max(m for m in months if m < first_fc)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    ax1.plot(months, [obs[m][0] / 1e6 for m in months], "ko-", label="observed")
    fm = sorted(fc)
    ax1.plot(fm, [fc[m][0] / 1e6 for m in fm], "s-", color="C0", label="icsim (mean)")
    ax1.fill_between(fm, [fc[m][2] / 1e6 for m in fm], [fc[m][3] / 1e6 for m in fm], color="C0", alpha=0.2,
                     label="icsim: 95% range over replications")
    ax1.plot(fm, [obs[last_fit][0] / 1e6] * len(fm), "--", color="C1", label="persistence")
    ax1.set_ylabel("waiting (millions)")
    ax1.set_title("Aggregate list, 104 commissioners")
    ax1.axvline(last_fit, color="grey", lw=0.8)
    ax1.legend(fontsize=8)
    ax2.plot(months, [100 * obs[m][1] / obs[m][0] for m in months], "ko-", label="observed")
    ax2.plot(fm, [100 * fc[m][1] / fc[m][0] for m in fm], "s-", color="C0", label="icsim")
    ax2.fill_between(fm, [fc[m][4] for m in fm], [fc[m][5] for m in fm], color="C0", alpha=0.2)
    ax2.plot(fm, [100 * obs[last_fit][1] / obs[last_fit][0]] * len(fm), "--", color="C1", label="persistence")
    ax2.set_ylabel("% within 18 weeks")
    ax2.set_title("Share within 18 weeks")
    ax2.axvline(last_fit, color="grey", lw=0.8)
    ax2.legend(fontsize=8)
    for ax in (ax1, ax2):
        ax.tick_params(axis="x", rotation=45)
    fig.tight_layout()
    fig.savefig(png, dpi=110)


if __name__ == "__main__":
    main(*sys.argv[1:4])

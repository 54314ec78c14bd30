"""The R package (r/icsim, issue 18 acceptance): installed with Debian's R into a temporary
library, it runs icsim through the command line and reads outputs through r-cran-hdf5r into
tidy data frames whose values, labels, dates and units match the HDF5 file as h5py reads it
(R sees the dimensions reversed; the package undoes that)."""
import csv
import os
import shutil
import subprocess

import h5py
import numpy as np
import pytest

from conftest_icsim import SOURCE_DIR, icsim_bin

pytestmark = pytest.mark.skipif(shutil.which("Rscript") is None,
                                reason="R is not installed (cmake/install-deps.sh installs r-base-core, r-cran-hdf5r)")


def test_r_reads_outputs_into_frames_matching_the_file(tmp_path):
    lib = tmp_path / "rlib"
    lib.mkdir()
    subprocess.run(["R", "CMD", "INSTALL", f"--library={lib}", str(SOURCE_DIR / "r/icsim")], check=True,
                   capture_output=True)
    out = tmp_path / "out"
    script = f"""
        .libPaths(c("{lib}", .libPaths()))
        library(icsim)
        icsim_run(NULL, "{out}", c("--days", "28", "-r", "1"))
        f <- "{out}/default/rep-0000.h5"
        stopifnot("waiting_list" %in% icsim_observables(f))
        for (o in c("waiting_list", "quintile_waiting_list", "system_waiting_list", "transfer_flows")) {{
          df <- icsim_read(f, o)
          stopifnot(inherits(df$date, "Date"), attr(df, "units") == df$unit[1])
          write.csv(df, file.path("{tmp_path}", paste0(o, ".csv")), row.names = FALSE)
        }}
    """
    env = dict(os.environ, ICSIM_BIN=icsim_bin())
    p = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    with h5py.File(out / "default" / "rep-0000.h5", "r") as f:
        start = np.datetime64(f["parameters"].attrs["start_date"].decode()
                              if isinstance(f["parameters"].attrs["start_date"], bytes)
                              else f["parameters"].attrs["start_date"])
        for name, dims in [("waiting_list", ["organisation", "specialty"]), ("quintile_waiting_list", ["quintile"]),
                           ("system_waiting_list", []), ("transfer_flows", ["organisation", "destination"])]:
            g = f[f"observables/{name}"]
            value, step = g["value"][()], g["step"][()]
            labels = [[x.decode() for x in g[d][()]] for d in dims]
            rows = list(csv.DictReader(open(tmp_path / f"{name}.csv")))
            assert len(rows) == value.size, name
            assert list(rows[0])[: len(dims)] == dims  # the file's order of axes
            for r in rows:
                t = int(np.flatnonzero(step == int(r["step"]))[0])
                idx = tuple([t] + [labels[k].index(r[d]) for k, d in enumerate(dims)])
                assert float(r["value"]) == float(value[idx]), (name, r)
                assert np.datetime64(r["date"]) == start + np.timedelta64(int(r["step"]), "D")
                assert r["unit"] == g["value"].attrs["unit"]

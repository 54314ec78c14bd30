"""icsim from Python: load, validate and run scenarios with the C++ engine (threads, byte-identical
files to the command line's), and get results as numpy arrays or as the analysis package's
tidy frames.

    import icsim
    s = icsim.Scenario.load("scenarios/default.toml", set=["scenario.days=365"])
    r = icsim.run(s, out_dir="results", threads=2)         # r["files"]: rep-NNNN.h5 paths
    lists = icsim.simulate(s, 0, ["waiting_list"])["waiting_list"]["values"]   # numpy array
    frame = icsim.frame("results", ["system_waiting_list"])   # icsim_analysis's tidy frame

Bad input raises icsim.Error (a ValueError) whose message names the file and line.
"""
from ._icsim import Error, Scenario, observable_names, read_series, run, simulate

__all__ = ["Error", "Scenario", "frame", "observable_names", "read_series", "run", "simulate", "validate"]
__version__ = "0.1.0"


def frame(out_dir, measures=None):
    """The tidy frame of an output folder (icsim_analysis.frame)."""
    from icsim_analysis import frame as _frame
    return _frame(out_dir, measures)


def validate(path, set=None):
    """Check a scenario file as `icsim validate` does: raises icsim.Error naming the file, line, key,
    value and what was expected; returns the warnings (each with its file and line)."""
    return Scenario.load(path, set or []).warnings

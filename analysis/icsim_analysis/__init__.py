"""icsim_analysis: read icsim's HDF5 outputs into tidy frames, summarise replications, compare
scenarios, run sensitivity analyses, draw plots and write a self-contained HTML report.

Uses only Debian's python3-numpy, -pandas, -h5py and -matplotlib.
"""
from .load import Run, frame, measure, provenance, runs, scenarios
from .stats import paired, summarise, t_quantile_975

__all__ = ["Run", "frame", "measure", "paired", "provenance", "runs", "scenarios", "summarise",
           "t_quantile_975"]
__version__ = "0.1.0"

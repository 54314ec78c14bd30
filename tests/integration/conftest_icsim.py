"""Helpers shared by the Python tests: the built icsim binary (ICSIM_BIN, set by CTest)."""
import os
import subprocess
from pathlib import Path


SOURCE_DIR = Path(os.environ.get("ICSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))


def icsim_bin():
    path = os.environ.get("ICSIM_BIN")
    if not path:
        raise RuntimeError("ICSIM_BIN is not set: run these tests through ctest")
    return path


def run(*args, check=True, timeout=600):
    """Runs icsim with args; returns the CompletedProcess (text mode)."""
    proc = subprocess.run([icsim_bin(), *map(str, args)], capture_output=True, text=True,
                          timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"icsim {' '.join(map(str, args))} exited {proc.returncode}:\n"
                             f"{proc.stdout}\n{proc.stderr}")
    return proc

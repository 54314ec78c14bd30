"""Fixtures for the integration tests; the helpers live in conftest_icsim.py (shared with
tests/analysis)."""
import pytest

from conftest_icsim import SOURCE_DIR, icsim_bin, run  # noqa: F401


@pytest.fixture
def out(tmp_path):
    """A fresh output folder path (not yet created)."""
    return tmp_path / "out"

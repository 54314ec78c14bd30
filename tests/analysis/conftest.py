"""Outputs made by the built icsim on small scenarios, shared by the analysis tests."""
import pytest

from conftest_icsim import SOURCE_DIR, run  # noqa: F401  (tests/integration/conftest.py helpers)


@pytest.fixture(scope="session")
def default_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("default") / "out"
    run("run", "--days", 63, "-r", 4, "--out", out)
    return out


@pytest.fixture(scope="session")
def pair_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("pair") / "out"
    scen = SOURCE_DIR / "scenarios"
    run("run", scen / "orthopaedic_no_pool.toml", scen / "orthopaedic_pool.toml", "--days", 120,
        "-r", 4, "--out", out)
    return out


@pytest.fixture(scope="session")
def collaboration_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("collaboration") / "out"
    run("run", SOURCE_DIR / "scenarios" / "collaboration" / "base.toml", "--days", 240, "-r", 3,
        "--out", out)
    return out

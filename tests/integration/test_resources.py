"""Scenarios beyond the machine are refused before anything is allocated (issue 12, item 10):
the estimate of memory per replication and of the output size is checked against what the
machine has, with the figures in the message; --no-resource-check overrides."""
import subprocess
import time

from conftest_icsim import SOURCE_DIR, icsim_bin


def scenario(tmp_path, population=400000, initial=1000, trusts=1, days=365):
    trust_blocks = "".join(
        f'[[trust]]\nid = "T{t}"\ntype = "acute"\nplace = "p"\n[trust.capacity]\ns = 5.0\n'
        f'[trust.initial_list.s]\nsize = {initial}\n\n' for t in range(trusts))
    text = (f'[scenario]\nname = "big"\ndays = {days}\nreplications = 2\n\n'
            f'[[place]]\nid = "p"\npopulation = {population}\nlocation_km = [0.0, 0.0]\n\n'
            f'[[specialty]]\nid = "s"\nreferral_rate = 30.0\n\n' + trust_blocks)
    path = tmp_path / "big.toml"
    path.write_text(text)
    return path


def run(*args, timeout=60):
    return subprocess.run([icsim_bin(), *map(str, args)], capture_output=True, text=True, timeout=timeout)


def test_a_population_that_would_fill_memory_is_refused_with_the_figures(tmp_path):
    start = time.time()
    proc = run("run", scenario(tmp_path, population=20_000_000_000, days=3650), "--out", tmp_path / "o", "--threads", "2")
    assert proc.returncode == 2, proc.stderr
    assert "needs about" in proc.stderr and "GiB of memory per replication" in proc.stderr, proc.stderr
    assert "--no-resource-check" in proc.stderr
    assert time.time() - start < 30  # refused from the estimate, nothing was simulated
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").rglob("*.h5"))


def test_huge_initial_lists_are_refused_and_ordinary_scenarios_are_not(tmp_path):
    proc = run("run", scenario(tmp_path, initial=1_000_000_000, trusts=5), "--out", tmp_path / "o", "--threads", "2")
    assert proc.returncode == 2, proc.stderr
    assert "memory" in proc.stderr
    ok = run("run", scenario(tmp_path), "--out", tmp_path / "ok", "-r", "1", "--days", "30")
    assert ok.returncode == 0, ok.stderr


def test_the_override_lets_a_large_but_possible_run_start(tmp_path):
    # A run the check would pass anyway still runs with the flag (the flag only skips the check).
    proc = run("run", scenario(tmp_path), "--out", tmp_path / "o", "-r", "1", "--days", "10", "--no-resource-check")
    assert proc.returncode == 0, proc.stderr


def test_the_default_scenario_passes_the_check():
    proc = run("validate", SOURCE_DIR / "scenarios" / "default.toml")
    assert proc.returncode == 0

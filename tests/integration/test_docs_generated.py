"""Every generated block of docs/*.md (parameter and observable tables) matches the built binary."""
import subprocess

from conftest_icsim import SOURCE_DIR, icsim_bin


def test_generated_blocks_of_the_docs_are_current():
    proc = subprocess.run(["/usr/bin/python3", SOURCE_DIR / "docs" / "update_generated.py", icsim_bin(),
                           "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    blocks = sum(p.read_text().count("<!-- BEGIN GENERATED:") for p in (SOURCE_DIR / "docs").glob("*.md"))
    assert blocks >= 7  # scenarios, outputs and the mechanism tables of model.md


def test_the_layout_example_in_the_scenario_docs_is_a_valid_scenario(tmp_path):
    import re
    from conftest_icsim import run
    text = (SOURCE_DIR / "docs" / "scenarios.md").read_text()
    block = re.search(r"## Layout\n+```toml\n(.*?)```", text, re.S).group(1)
    (tmp_path / "layout.toml").write_text(block)
    run("validate", tmp_path / "layout.toml")
    run("run", tmp_path / "layout.toml", "--days", 40, "-r", 1, "--out", tmp_path / "out")

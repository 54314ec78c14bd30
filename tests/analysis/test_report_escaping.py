"""Crafted names in an output folder cannot put markup into the report, and `icsim report` never
imports code from the folder it is run in (the results folder, often writable by others)."""
import json
import shutil
import subprocess
from html.parser import HTMLParser

import h5py

from conftest_icsim import icsim_bin, run
from icsim_analysis import report

EVIL = 'x"><script>document.body.setAttribute("data-owned", "1")</script><img src=x onerror="alert(1)">'


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.append((tag, dict(attrs)))


def crafted_output(tmp_path):
    out = tmp_path / "out"
    run("run", "--days", 28, "-r", 2, "--out", out)
    m = json.loads((out / "manifest.json").read_text())
    for r in m["runs"]:
        with h5py.File(out / r["file"], "r+") as f:
            f["parameters"].attrs["scenario_description"] = EVIL
            f["parameters"].attrs["scenario_source"] = EVIL
        r["scenario"] = EVIL
    (out / "manifest.json").write_text(json.dumps(m))
    return out


def test_names_and_attributes_are_escaped(tmp_path):
    out = crafted_output(tmp_path)
    page = report.build(out)
    p = _Tags()
    p.feed(page)
    scripts = [attrs for t, attrs in p.attrs if t == "script"]
    assert scripts == [{"id": "icsim-interactive"}], scripts  # the report's own, nothing else
    assert page.count("<script") == 1 and report.SCRIPT in page
    assert p.tags.count("img") == sum(1 for t, _ in p.attrs if t == "img")
    assert not [a for _, attrs in p.attrs for a in attrs if a.startswith("on")], "an event handler got in"
    ids = [attrs.get("id") for t, attrs in p.attrs if t == "table"]
    assert f"trusts-{EVIL}" in ids, ids  # the whole name, as an attribute value
    # A real browser builds the page without running anything from it.
    path = report.write(out, force=True)
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'p'}",
                          "--dump-dom", path.as_uri()], check=True, capture_output=True, text=True, timeout=120).stdout
    body = _Tags()
    body.feed(dom)
    assert not [attrs for t, attrs in body.attrs if t == "body" and "data-owned" in attrs], "the script ran"


def test_icsim_report_imports_nothing_from_the_current_folder(tmp_path):
    out = tmp_path / "out"
    run("run", "--days", 28, "-r", 2, "--out", out)
    marker = tmp_path / "ran.txt"
    payload = f"open({str(marker)!r}, 'w').write('imported from the results folder')\n"
    (out / "icsim_analysis").mkdir()
    (out / "icsim_analysis" / "__init__.py").write_text(payload)
    (out / "icsim_analysis" / "__main__.py").write_text(payload)
    for module in ("numpy", "h5py", "pandas"):
        (out / f"{module}.py").write_text(payload)
    p = subprocess.run([icsim_bin(), "report", "."], cwd=out, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert not marker.exists(), "icsim report ran code from the folder it was started in"
    assert (out / "report.html").stat().st_size > 10000

"""The report used as a reader would, in Debian's headless chromium driven over the DevTools
protocol (tests/analysis/browser_check.mjs, Node's own WebSocket): real clicks on a filter button
hide exactly that trust's rows and a second click shows them again; the download button yields
the comparison table's data; values carry their unrounded figures for hover."""
import json
import subprocess

import pytest

from conftest_icsim import SOURCE_DIR
from icsim_analysis import report

CHECK = SOURCE_DIR / "tests" / "analysis" / "browser_check.mjs"


@pytest.fixture(scope="module")
def seen(pair_out, tmp_path_factory):
    path = report.write(pair_out, output=tmp_path_factory.mktemp("r") / "report.html", force=True)
    proc = subprocess.run(["node", "--experimental-websocket", str(CHECK), str(path),
                           str(tmp_path_factory.mktemp("profile"))],
                          check=True, capture_output=True, text=True, timeout=120)
    return json.loads(proc.stdout)


def test_filter_buttons_hide_and_show_rows(seen):
    assert seen["filtered"][0] == "trust" and seen["rows_of_filtered"] >= 1
    assert seen["visible_before"] == seen["rows"]
    assert seen["hidden_rows_of_filtered"] == seen["rows_of_filtered"] and seen["button_off"]
    assert seen["visible_after_click"] == seen["rows"] - seen["rows_of_filtered"]
    assert seen["visible_after_second_click"] == seen["rows"]


def test_download_and_hover(seen):
    assert seen["download"] == "comparison"
    lines = seen["download_text"].splitlines()
    assert lines[0] == "measure,orthopaedic_pool - orthopaedic_no_pool" and len(lines) >= 8
    assert seen["hover_titles"] >= 8 and seen["marked"] >= 1

"""Acceptance (issue 17): three what-ifs rerun from their scenario files (pooling orthopaedics, a
winter mutual-aid pact, an ICB acting as honest broker for capital) each give a report whose
summary states, with intervals, the effects the outputs hold: every measure whose paired
interval excludes zero is in the summary with that interval, and none whose interval includes
zero is said to have risen or fallen. The transfers of pooling are checked against the files."""
import re
from html.parser import HTMLParser

import h5py
import numpy as np
import pytest

from conftest_icsim import SOURCE_DIR, run
from icsim_analysis import compare, load, report

S = SOURCE_DIR / "scenarios"
WHAT_IFS = {
    "pool": (S / "orthopaedic_no_pool.toml", S / "orthopaedic_pool.toml", 120),
    "winter": (S / "urgent" / "winter_no_pact.toml", S / "urgent" / "winter_pact.toml", 120),
    "broker": (S / "collaboration" / "capital_unbrokered.toml", S / "collaboration" / "capital_brokered.toml", 370),
}


class _Summary(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self._in = [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "div" and ("class", "summary") in attrs:
            self._in += 1

    def handle_endtag(self, tag):
        if tag == "div" and self._in:
            self._in -= 1

    def handle_data(self, data):
        if self._in:
            self.text.append(data)


@pytest.fixture(scope="module", params=sorted(WHAT_IFS))
def what_if(request, tmp_path_factory):
    base, other, days = WHAT_IFS[request.param]
    out = tmp_path_factory.mktemp(request.param) / "out"
    run("run", base, other, "--days", days, "-r", 3, "--out", out)
    page = report.write(out, force=True).read_text()
    p = _Summary()
    p.feed(page)
    return out, load.scenarios(out), " ".join(p.text)


def test_summary_states_every_resolved_effect_with_its_interval(what_if):
    out, (base, other), summary = what_if
    rows = compare.measures(out, base, other)
    assert rows
    for m, d in rows:
        if d.clear:
            dec = compare.enough(d, m.decimals)
            said = (f"{m.label} {'rose' if d.mean > 0 else 'fell'} by {compare.number(abs(d.mean), dec)}")
            assert said in summary, (said, summary)
            low, high = compare.number(d.low, dec), compare.number(d.high, dec)
            assert f"[95% interval {low} to {high}]" in summary
            assert low.strip("-0.,") and high.strip("-0.,"), "a resolved interval shown with a bound of 0"
        else:
            assert not re.search(re.escape(m.label) + r" (rose|fell) by", summary), (m.label, summary)


def test_pooling_transfers_in_the_summary_are_the_files(what_if):
    out, (base, other), summary = what_if
    if other != "orthopaedic_pool":
        pytest.skip("the pooling what-if")
    tot = {}
    for r in load.runs(out):
        with h5py.File(r.path) as f:
            tot.setdefault(r.scenario, {})[r.replication] = f["observables/transfers_in/value"][()].sum()
    d = np.array([tot[other][k] - tot[base][k] for k in sorted(tot[other])])
    assert f"patients treated at another trust (transfers) rose by {d.mean():,.0f}" in summary, summary

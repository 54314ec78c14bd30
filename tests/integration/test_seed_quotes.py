"""Every quotation of a seed in docs/model.md ("...", followed by [S0]-[S4]) stands in that seed:
each part between '...' appears in the seed's text (case, whitespace, dashes and curly quotes
normalised). Issue 13: quotes must stand in the seeds, attributed to the right one."""
import re
from pathlib import Path

from conftest_icsim import SOURCE_DIR

SEEDS = SOURCE_DIR.parent / "shared" / "seeds"
QUOTE = re.compile(r'"([^"]{12,}?)"\s*(?:\([^()\[]*)?\[S(\d)(?:,\s*S(\d))?\]')


def norm(s):
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"), ("\u2014", "-")):
        s = s.replace(a, b)
    s = re.sub(r"\*\*|\s-\s", " ", s)  # bold marks and list bullets in the seeds' text
    return re.sub(r"\s+", " ", s).lower()


def seeds():
    files = sorted(SEEDS.glob("00*.txt"))
    assert len(files) == 5, f"expected the five seeds in {SEEDS}"
    return [norm(f.read_text(encoding="utf-8", errors="replace")) for f in files]


def test_every_quote_stands_in_its_seed():
    texts = seeds()
    doc = (SOURCE_DIR / "docs" / "model.md").read_text(encoding="utf-8")
    checked, wrong = 0, []
    for m in QUOTE.finditer(doc):
        parts = [p.strip(" .,;") for p in norm(m.group(1)).split("...")]
        for s in (int(x) for x in m.groups()[1:] if x):
            checked += 1
            if not all(p in texts[s] for p in parts if p):
                found = [f"S{k}" for k, t in enumerate(texts) if all(p in t for p in parts if p)]
                line = doc[: m.start()].count("\n") + 1
                wrong.append(f"line {line}: \"{m.group(1)[:80]}\" [S{s}] (found in: {', '.join(found) or 'no seed'})")
    assert checked > 30
    assert not wrong, "quotes that do not stand in the seed they cite:\n  " + "\n  ".join(wrong)

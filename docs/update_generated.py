#!/usr/bin/python3
"""Regenerates the blocks of the docs that are generated from the code.

Usage: docs/update_generated.py BUILD_DIR/icsim [--check]

Each block sits between '<!-- BEGIN GENERATED: <command> -->' and '<!-- END GENERATED -->' and is
replaced by the output of `icsim <command>`. With --check nothing is written: it lists the stale
docs and exits 1 if there are any (tests/integration/test_docs_generated.py runs it).
"""
import re
import subprocess
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
PATTERN = re.compile(r"(<!-- BEGIN GENERATED: icsim (?P<cmd>[^>]*?) -->\n)(.*?)(<!-- END GENERATED -->)",
                     re.S)


def main(icsim, check=False):
    stale = []
    for doc in sorted(DOCS.glob("*.md")):
        text = doc.read_text()

        def replace(m):
            out = subprocess.run([icsim, *m.group("cmd").split()], check=True,
                                 capture_output=True, text=True).stdout
            return m.group(1) + out + m.group(4)

        new = PATTERN.sub(replace, text)
        if new != text:
            stale.append(doc)
            if check:
                print(f"stale: {doc.relative_to(DOCS.parent)} (run docs/update_generated.py BUILD/icsim)")
            else:
                doc.write_text(new)
                print(f"updated {doc.relative_to(DOCS.parent)}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--check"]
    if len(args) != 1:
        sys.exit(__doc__)
    sys.exit(main(args[0], check="--check" in sys.argv[1:]))

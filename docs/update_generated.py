#!/usr/bin/python3
"""Regenerates the blocks of the docs that are generated from the code.

Usage: docs/update_generated.py BUILD_DIR/icsim

Each block sits between '<!-- BEGIN GENERATED: <command> -->' and '<!-- END GENERATED -->' and is
replaced by the output of `icsim <command>` (tests fail while a block is stale).
"""
import re
import subprocess
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
PATTERN = re.compile(r"(<!-- BEGIN GENERATED: icsim (?P<cmd>[^>]*?) -->\n)(.*?)(<!-- END GENERATED -->)",
                     re.S)


def main(icsim):
    for doc in sorted(DOCS.glob("*.md")):
        text = doc.read_text()

        def replace(m):
            out = subprocess.run([icsim, *m.group("cmd").split()], check=True,
                                 capture_output=True, text=True).stdout
            return m.group(1) + out + m.group(4)

        new = PATTERN.sub(replace, text)
        if new != text:
            doc.write_text(new)
            print(f"updated {doc.relative_to(DOCS.parent)}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])

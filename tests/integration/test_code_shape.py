"""The shape the modules issue asks of sim/ (issue 11): no file over 600 lines, no function over
80 lines except declarative tables (marked `// declarative table` on the line before), and the
model's top-level class with at most 15 data members. A function's length is counted from its
opening line to its closing brace at the same indentation (clang-format style of this project)."""
import os
import pathlib
import re

ROOT = pathlib.Path(os.environ.get("ICSIM_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
SIM = ROOT / "sim"
SOURCES = sorted(p for p in SIM.rglob("*") if p.suffix in (".cpp", ".hpp"))
MAX_FILE, MAX_FUNCTION, MAX_MODEL_MEMBERS = 600, 80, 15

# A function definition starts at column 0 or 2 (inside a class) and ends with "{" at the end of
# its signature; its body ends at "}" at the same indentation.
START = re.compile(r"^( {0,2})(?!namespace|struct|class|enum|union|template|extern|if|for|while|switch|using)"
                   r"[A-Za-z_][^;{}]*\)[^;{}]*\{\s*$")


def functions(path):
    lines = path.read_text().splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        # signatures may span lines: join until the opening brace
        m = None
        if not re.match(r"^ {0,2}[A-Za-z_]", line) or line.rstrip().endswith((":", ";", ",")):
            i += 1
            continue
        for span in range(0, 4):
            if i + span >= len(lines):
                break
            joined = " ".join(l.strip() for l in lines[i:i + span + 1])
            first = lines[i]
            candidate = (first[:len(first) - len(first.lstrip())]) + joined
            if START.match(candidate):
                m = (span, len(first) - len(first.lstrip()))
                break
            if lines[i + span].rstrip().endswith((";", "}")):
                break
        if m is None or (i > 0 and "declarative table" in lines[i - 1]):
            i += 1
            continue
        span, indent = m
        end = i + span + 1
        closing = " " * indent + "}"
        while end < len(lines) and not (lines[end].startswith(closing) and
                                        (len(lines[end]) == indent + 1 or lines[end][indent + 1] in ";) /")):
            end += 1
        yield lines[i].strip(), i + 1, end - i + 1
        i = end + 1


def test_no_file_is_over_600_lines():
    long = [(p.relative_to(ROOT).as_posix(), n) for p in SOURCES
            if (n := len(p.read_text().splitlines())) > MAX_FILE]
    assert not long, f"files over {MAX_FILE} lines: {long}"


def test_no_function_is_over_80_lines():
    long = []
    for p in SOURCES:
        for name, line, n in functions(p):
            if n > MAX_FUNCTION:
                long.append(f"{p.relative_to(ROOT).as_posix()}:{line} ({n} lines) {name[:70]}")
    assert not long, "functions over %d lines:\n  " % MAX_FUNCTION + "\n  ".join(long)


def test_the_function_counter_sees_functions():
    # guards the test above against counting nothing
    counted = sum(1 for p in SOURCES for _ in functions(p))
    assert counted > 300, counted


def test_the_model_class_has_at_most_15_data_members():
    text = (SIM / "model" / "model.hpp").read_text()
    body = text[text.index("class Model {"):]
    body = body[:body.index("\n};")]
    private = body[body.rindex(" private:"):]
    members = [l for l in private.splitlines()
               if re.match(r"^\s+[A-Za-z_:<>, ]+[ &*]+[a-z_]+_( =[^;]*)?;", l) and "(" not in l]
    assert 0 < len(members) <= MAX_MODEL_MEMBERS, members

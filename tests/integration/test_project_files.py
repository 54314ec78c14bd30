"""The files an institution needs before adopting the code: a licence, citation metadata, a
changelog, and no placeholder project address."""
import re
import subprocess

import yaml

from conftest_icsim import SOURCE_DIR


def project_version():
    text = (SOURCE_DIR / "CMakeLists.txt").read_text()
    return re.search(r"project\(icsim\s+VERSION\s+([0-9.]+)", text).group(1)


def test_licence_is_the_apache_2_0_text():
    text = (SOURCE_DIR / "LICENSE").read_text()
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    # The nine sections of the terms and the end marker: a truncated copy fails.
    for n, title in enumerate(["Definitions", "Grant of Copyright License", "Grant of Patent License",
                               "Redistribution", "Submission of Contributions", "Trademarks",
                               "Disclaimer of Warranty", "Limitation of Liability",
                               "Accepting Warranty or Additional Liability"], start=1):
        assert f"{n}. {title}." in text, title
    assert "END OF TERMS AND CONDITIONS" in text


def test_citation_file_is_valid_and_matches_the_version():
    cff = yaml.safe_load((SOURCE_DIR / "CITATION.cff").read_text())
    for key in ["cff-version", "message", "title", "authors", "version", "license"]:
        assert cff.get(key), key
    assert cff["license"] == "Apache-2.0"
    assert cff["version"] == project_version()
    assert all("name" in a or "family-names" in a for a in cff["authors"])


def test_changelog_has_the_current_version():
    text = (SOURCE_DIR / "CHANGELOG.md").read_text()
    assert f"## [{project_version()}]" in text


def test_no_placeholder_project_address():
    files = subprocess.run(["git", "ls-files"], cwd=SOURCE_DIR, capture_output=True, text=True,
                           check=True).stdout.split()
    pattern = re.compile(r"example\.(org|com|invalid|net)|placeholder\.(org|com)")
    offenders = []
    for name in files:
        path = SOURCE_DIR / name
        if name.startswith("tests/integration/test_project_files.py") or not path.is_file():
            continue
        try:
            text = path.read_text()
        except UnicodeDecodeError:
            continue
        if pattern.search(text):
            offenders.append(name)
    assert offenders == []

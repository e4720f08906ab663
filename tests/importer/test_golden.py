"""The golden test: a tiny issue source and the pages it must become, diffed line by line.

When a change to the importer changes its output on purpose, re-import the fixture
(python -m journal import tests/fixtures/tiny-issue/issue.md --docs <tmp>) and review the
diff before copying it over tests/fixtures/tiny-issue/expected/.
"""

import difflib
from pathlib import Path

from journal.__main__ import main

from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "fixtures" / "tiny-issue"


def pages(folder):
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(Path(folder).rglob("*.md"))}


def test_tiny_issue_becomes_the_expected_pages(tmp_path):
    (tmp_path / "issue.md").write_bytes((GOLDEN / "issue.md").read_bytes())
    assert main(["import", str(tmp_path / "issue.md"), "--docs", str(tmp_path / "docs")]) == 0
    got, expected = pages(tmp_path / "docs"), pages(GOLDEN / "expected")
    assert sorted(got) == sorted(expected)
    for name in expected:
        diff = "".join(difflib.unified_diff(expected[name].splitlines(True), got[name].splitlines(True), name, name))
        assert not diff, diff

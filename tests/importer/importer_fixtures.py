"""A tiny synthetic issue source (tests/fixtures/tiny-issue/issue.md), shaped like
sources/2026-02/issue.md, for the importer tests.

Two articles in two columns. Article 1 has a paragraph cut by a page break with a note block
in between, a second page whose notes have no '---' rule, spaced CJK in its title, byline and
bio. Article 2 carries a funding note (the '*' in its title) and two authors with wrapped bios.
The English abstract of article 1 is cut at 'Asia-' / 'Pacific'.

Tests change one thing with `replace_once` and check what the importer makes of it.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REAL_SOURCE = ROOT / "sources" / "2026-02" / "issue.md"
REAL_CORRECTIONS = ROOT / "sources" / "2026-02" / "corrections.yaml"

TINY_ISSUE = (ROOT / "tests" / "fixtures" / "tiny-issue" / "issue.md").read_text(encoding="utf-8")


def replace_once(text, old, new):
    """Replace a fragment that must occur exactly once, so a fixture cannot silently go stale."""
    assert text.count(old) == 1, f"fixture fragment occurs {text.count(old)} times: {old!r}"
    return text.replace(old, new)


def write_issue(folder, text=TINY_ISSUE, corrections=None, name="issue.md"):
    """Write a source (and optionally its corrections.yaml) into folder; return the source path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    if corrections is not None:
        (folder / "corrections.yaml").write_text(corrections, encoding="utf-8")
    return path


def line_of(text, fragment):
    """1-based number of the (single) line of text that contains fragment."""
    hits = [n for n, line in enumerate(text.split("\n"), start=1) if fragment in line]
    assert len(hits) == 1, f"{fragment!r} is on lines {hits}"
    return hits[0]

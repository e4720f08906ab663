"""Shared by the content-check tests: a tiny docs/ folder of clean pages, and ways to break it.

`docs` copies tests/checks/fixtures/ into tmp_path/docs: a home page, an issue contents page
and two articles (pages 35–48 and 49–60), all clean. The working directory is tmp_path, so
messages name pages as docs/2026/02/article.md. Each test breaks one thing and checks what
is reported: the path, the line, and what it says.
"""

import shutil
from pathlib import Path

import pytest

from journal.checks import check_docs

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLE = "docs/2026/02/article.md"


@pytest.fixture
def docs(tmp_path, monkeypatch):
    issue = tmp_path / "docs" / "2026" / "02"
    issue.mkdir(parents=True)
    shutil.copy(FIXTURES / "home.md", tmp_path / "docs" / "index.md")
    shutil.copy(FIXTURES / "index.md", issue / "index.md")
    shutil.copy(FIXTURES / "article.md", issue / "article.md")
    shutil.copy(FIXTURES / "other.md", issue / "other.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "docs"


def edit(docs, old, new, page="2026/02/article.md"):
    """Replace `old`, which must be in the page exactly once, by `new`."""
    path = docs / page
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not exactly once in {page}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(docs, text, page="2026/02/article.md"):
    """The line of the page's first line holding `text`."""
    lines = (docs / page).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if text in line)


def problems(docs):
    return [str(problem) for problem in check_docs(docs)]


def only_problem(docs):
    found = problems(docs)
    assert len(found) == 1, found
    return found[0]


def alias_bomb(levels=12):
    """YAML of nine aliases per level: twelve levels expand to 9**12 (282 billion) values."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"

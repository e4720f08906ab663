"""make serve's --dirty rebuilds (src/journal/site/preview.py), run in one process as `mkdocs
serve` runs them: a correction to an article's body rebuilds that page and leaves the generated
pages as they were; a change to front matter rebuilds the listings and the contents pages that
print it."""

import os
import time

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.conftest import ARCHIVE, ROOT, docs_with_assets

ARTICLE = "2026/01/zhang-san"
SENTINEL = "<!-- left by the test: not rebuilt -->"


@pytest.fixture
def project(tmp_path, monkeypatch):
    for name, value in {"JOURNAL_PDF": "false", "JOURNAL_SEARCH": "false", "JOURNAL_PREVIEW": "true",
                        "JOURNAL_CACHE_DIR": str(tmp_path / "cache"), "NO_MKDOCS_2_WARNING": "1"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("OFFLINE", raising=False)
    docs = docs_with_assets(ARCHIVE, tmp_path / "docs")
    return docs, tmp_path / "site"


def serve_build(docs, site):
    """One build as `mkdocs serve --dirty` makes it: the configuration loaded anew, dirty."""
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site), strict=False)
    build(config, serve_url="http://127.0.0.1:8000/", dirty=True)


def save(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    later = time.time() + 2  # newer than any output, whatever the file system's clock steps
    os.utime(path, (later, later))


def mark_as_left(site, *pages):
    for page in pages:
        path = site / page / "index.html"
        path.write_text(path.read_text(encoding="utf-8") + SENTINEL, encoding="utf-8")


def test_a_body_correction_rebuilds_its_page_and_leaves_the_listings(project):
    docs, site = project
    serve_build(docs, site)
    mark_as_left(site, "archive", "keywords", "authors", "en/2026/01")
    source = docs / f"{ARTICLE}.md"
    body = source.read_text(encoding="utf-8").split("\n---\n", 2)[-1]
    sentence = next(line for line in body.split("\n") if "。" in line and not line.startswith(("#", "[^")))
    save(source, sentence, sentence.replace("。", "（更正甲）。", 1))
    serve_build(docs, site)
    assert "（更正甲）" in (site / ARTICLE / "index.html").read_text(encoding="utf-8")
    for page in ("archive", "keywords", "authors", "en/2026/01"):
        assert (site / page / "index.html").read_text(encoding="utf-8").endswith(SENTINEL), page


def test_a_front_matter_change_rebuilds_the_listings_and_the_contents_pages(project):
    docs, site = project
    serve_build(docs, site)
    mark_as_left(site, "archive", "keywords", "2026/01")
    source = docs / f"{ARTICLE}.md"
    title = next(line for line in source.read_text(encoding="utf-8").split("\n") if line.startswith("title:"))
    save(source, title, title + "（修订）")
    serve_build(docs, site)
    for page in ("archive", "keywords", "2026/01"):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert not html.endswith(SENTINEL), page
    assert "（修订）" in (site / "2026/01" / "index.html").read_text(encoding="utf-8")

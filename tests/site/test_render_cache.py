"""Pages' Markdown taken from the cache (src/journal/site/render_cache.py): a build from a
warm cache writes the same site, byte for byte, as one that renders every page; a page renders
again when its Markdown, a link's target or the code changes; a render that warned is never
kept; a damaged entry is rendered again."""

import logging
import os
import shutil
import subprocess
import sys
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest

from journal.site import render_cache
from tests.conftest import ARCHIVE, ROOT, docs_with_assets

OFF = {"JOURNAL_PDF": "false", "JOURNAL_SEARCH": "false"}
COUNT = "pages' Markdown: "


def files_of(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(Path(site).rglob("*")) if p.is_file()}


def counts(result):
    """(rendered, from the cache) as the journal plugin logs them."""
    line = next(line for line in result.stderr.splitlines() if COUNT in line)
    rendered, cached = line.split(COUNT)[1].split(" from the cache")[0].split(" rendered, ")
    return int(rendered), int(cached)


def build_logged(docs, site, cache):
    """conftest.build_site without --quiet: the plugin's count is an INFO line."""
    env = dict(os.environ, DOCS_DIR=str(docs), NO_MKDOCS_2_WARNING="1", JOURNAL_PAGE_CACHE=str(cache), **OFF)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    work = tmp_path_factory.mktemp("render-cache")
    docs = docs_with_assets(ARCHIVE, work / "docs")
    cache = work / "cache"
    cold = build_logged(docs, work / "cold", cache)
    warm = build_logged(docs, work / "warm", cache)
    return SimpleNamespace(work=work, docs=docs, cache=cache, cold=cold, warm=warm)


def test_a_warm_build_writes_the_same_site(archive):
    rendered, cached = counts(archive.cold)
    assert rendered > 10 and cached == 0
    assert counts(archive.warm) == (0, rendered)  # every page from the cache
    cold, warm = files_of(archive.work / "cold"), files_of(archive.work / "warm")
    assert cold.keys() == warm.keys()
    assert [name for name in cold if cold[name] != warm[name]] == []


def test_a_changed_page_alone_renders_again(archive, tmp_path):
    docs = docs_with_assets(archive.docs, tmp_path / "docs")
    cache = tmp_path / "cache"
    shutil.copytree(archive.cache, cache)
    page = next(p for p in sorted(docs.rglob("*.md")) if p.parent.name.isdigit() and p.name != "index.md")
    _, front, body = page.read_text(encoding="utf-8").split("---\n", 2)
    line = next(line for line in body.split("\n") if "。" in line and not line.startswith(("[^", "#")))
    page.write_text(f"---\n{front}---\n" + body.replace(line, line.replace("。", "（缓存试验）。", 1), 1), encoding="utf-8")
    result = build_logged(docs, tmp_path / "site", cache)
    assert counts(result) == (1, counts(archive.cold)[0] - 1)
    html = (tmp_path / "site" / page.relative_to(docs).with_suffix("") / "index.html").read_text(encoding="utf-8")
    assert "（缓存试验）" in html


# --- the cache's rules, on one page --------------------------------------------------------

class Files:
    """The site's files as a render looks them up."""

    def __init__(self, known):
        self.known = known

    def get_file_from_path(self, path):
        return self.known.get(path)


def target(url, inclusion="INCLUDED"):
    return SimpleNamespace(url=url, inclusion=SimpleNamespace(name=inclusion), src_uri=url)


class Page:
    """A page as MkDocs' build hands it over; its render looks up 2026/02/b.md, as a link to it
    would, counts its calls (`calls`) and, with `warn`, logs a warning as MkDocs does for a
    broken link."""
    calls = 0
    warn = False

    def __init__(self, markdown, src_uri):
        self.file = SimpleNamespace(src_uri=src_uri, url=src_uri[:-3] + "/", inclusion=SimpleNamespace(name="INCLUDED"))
        self.markdown, self.content, self.toc, self._title_from_render = markdown, None, [], None
        self.present_anchor_ids = self.links_to_anchors = None

    def render(self, config, files):
        Page.calls += 1
        b = files.get_file_from_path("2026/02/b.md")
        self.content = f"<p>{self.markdown} → {b.url if b else 'missing'}</p>"
        self.toc, self._title_from_render, self.present_anchor_ids, self.links_to_anchors = [], None, {"x"}, {}
        if Page.warn:
            logging.getLogger("mkdocs.structure.pages").warning("Doc file contains a link that is not found")


def page_with(markdown, src_uri="2026/02/a.md"):
    return Page(markdown, src_uri)


@pytest.fixture
def rendered(monkeypatch):
    monkeypatch.setattr(Page, "calls", 0)
    monkeypatch.setattr(Page, "warn", False)
    return Page


def cache_in(folder, permalink="本节链接"):
    config = SimpleNamespace(markdown_extensions=["toc"], mdx_configs={"toc": {"permalink_title": permalink}},
                             validation={"links": {"anchors": 30}}, use_directory_urls=True)
    return render_cache.RenderCache(config, folder)


def run(cache, page, files):
    cache.attach(page)
    page.render(None, files)
    return page.content


def test_hits_misses_and_link_targets(tmp_path, rendered):
    files = Files({"2026/02/b.md": target("2026/02/b/")})
    assert run(cache_in(tmp_path), page_with("甲"), files) == "<p>甲 → 2026/02/b/</p>"
    again = cache_in(tmp_path)
    assert run(again, page_with("甲"), files) == "<p>甲 → 2026/02/b/</p>" and rendered.calls == 1 and again.hits == 1
    assert run(cache_in(tmp_path), page_with("乙"), files) == "<p>乙 → 2026/02/b/</p>" and rendered.calls == 2
    # The page it links to moved: the entry is not used.
    moved = Files({"2026/02/b.md": target("2026/03/b/")})
    assert run(cache_in(tmp_path), page_with("甲"), moved) == "<p>甲 → 2026/03/b/</p>" and rendered.calls == 3
    # Another place, same Markdown: another entry.
    assert run(cache_in(tmp_path), page_with("甲", "2026/03/a.md"), files) and rendered.calls == 4


def test_a_render_that_warned_is_not_kept(tmp_path, rendered):
    rendered.warn = True
    files = Files({})
    run(cache_in(tmp_path), page_with("甲"), files)
    run(cache_in(tmp_path), page_with("甲"), files)
    assert rendered.calls == 2  # rendered (and warned) both times: a strict build fails both times
    assert not list(tmp_path.glob("*.json.z"))


def test_a_damaged_entry_is_rendered_again(tmp_path, rendered):
    files = Files({"2026/02/b.md": target("2026/02/b/")})
    run(cache_in(tmp_path), page_with("甲"), files)
    [entry] = tmp_path.glob("*.json.z")
    for damaged in (b"not zlib", zlib.compress(b"{\"content\": 3}"), zlib.compress(b"[1, 2]")):
        entry.write_bytes(damaged)
        assert run(cache_in(tmp_path), page_with("甲"), files) == "<p>甲 → 2026/02/b/</p>"
    assert rendered.calls == 4


def test_other_code_or_settings_are_another_key(tmp_path, rendered, monkeypatch):
    files = Files({})
    run(cache_in(tmp_path), page_with("甲"), files)
    run(cache_in(tmp_path, permalink="Permalink"), page_with("甲"), files)
    assert rendered.calls == 2
    monkeypatch.setattr(render_cache.build_cache, "code_digest", lambda: "other code")
    run(cache_in(tmp_path), page_with("甲"), files)
    assert rendered.calls == 3


@pytest.mark.parametrize("level", [logging.ERROR, logging.DEBUG])
def test_quiet_or_verbose_builds_neither_read_nor_write(tmp_path, rendered, level):
    """-q: the warnings a strict build fails on are not logged, so a render that warned would
    be kept; -v: MkDocs' render leaves the links the anchor check reads unset."""
    files = Files({})
    logger = logging.getLogger("mkdocs")
    before = logger.level
    logger.setLevel(level)
    try:
        run(cache_in(tmp_path), page_with("甲"), files)
        assert not list(tmp_path.glob("*.json.z"))
    finally:
        logger.setLevel(before)
    run(cache_in(tmp_path), page_with("甲"), files)  # kept now
    logger.setLevel(level)
    try:
        run(cache_in(tmp_path), page_with("甲"), files)  # and not used
    finally:
        logger.setLevel(before)
    assert rendered.calls == 3


def test_unused_entries_go_after_a_week(tmp_path, rendered):
    files = Files({})
    run(cache_in(tmp_path), page_with("甲"), files)
    [old] = tmp_path.glob("*.json.z")
    week_ago = old.stat().st_mtime - 8 * 86400
    os.utime(old, (week_ago, week_ago))
    cache = cache_in(tmp_path)
    run(cache, page_with("乙"), files)
    cache.prune()
    assert not old.exists() and len(list(tmp_path.glob("*.json.z"))) == 1
    # Used by a build: touched, so kept.
    keep = cache_in(tmp_path)
    run(keep, page_with("乙"), files)
    [entry] = tmp_path.glob("*.json.z")
    os.utime(entry, (week_ago, week_ago))
    run(keep, page_with("乙"), files)
    keep.prune()
    assert entry.exists() and entry.stat().st_mtime > week_ago

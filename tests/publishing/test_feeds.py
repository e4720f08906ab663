"""The Atom and RSS feeds, read by a real feed parser (feedparser): every article, newest issue
first, linked from every page."""

from pathlib import Path

import feedparser

from journal import catalog
from tests.conftest import ARCHIVE
from tests.html_tools import read

ISSUES = catalog.read_catalog(catalog.pages_on_disk(ARCHIVE))
ARTICLES = [a.article for issue in ISSUES for a in issue.articles]  # newest issue first, print order


def test_atom_feed_lists_every_article_newest_issue_first(published):
    feed = feedparser.parse((Path(published) / "feed.atom").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10" and feed.feed.language == "zh-CN"
    assert [e.title for e in feed.entries] == [a.title for a in ARTICLES]
    for entry, article in zip(feed.entries, ARTICLES):
        assert entry.link.endswith(f"/{article.stem}/")
        assert [l.href for l in entry.links if l.type == "application/pdf"][0].endswith(f"/{article.pdf_path}")
        assert entry.published.startswith(article.issue.published)
        assert article.abstract in entry.summary and article.title_en in entry.summary
        assert {t.term for t in entry.tags} == set(article.keywords)
        assert [a.name for a in entry.authors] == [f"{x.name} ({x.name_en})" for x in article.authors]


def test_rss_feed_lists_every_article_with_its_pdf(published):
    feed = feedparser.parse((Path(published) / "feed.rss").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert [e.title for e in feed.entries] == [a.title for a in ARTICLES]
    for entry, article in zip(feed.entries, ARTICLES):
        [enclosure] = entry.enclosures
        pdf = Path(published) / article.pdf_path
        assert enclosure.type == "application/pdf" and int(enclosure.length) == pdf.stat().st_size


def test_escaping_is_the_library_s(published):
    """Titles with markup stay text: the XML is well formed and the parser returns them."""
    from journal.publishing import feeds

    entry = {"url": "https://x.test/a/", "pdf_url": "", "title": "<b>A & B</b>", "title_en": "x", "authors": [("甲", "JIA")],
             "abstract": "]]><x>", "abstract_en": "y", "keywords": ["<k>"], "column": "c", "issue": "i",
             "published": "2026-01-15", "updated": "2026-01-15"}
    site = {"title": "t", "subtitle": "s", "url": "https://x.test/", "atom_url": "https://x.test/feed.atom",
            "rss_url": "https://x.test/feed.rss", "rights": "r", "generator": "g"}
    for fmt in ("atom", "rss"):
        parsed = feedparser.parse(feeds.build(site, [entry], fmt))
        assert not parsed.bozo and parsed.entries[0].title == "<b>A & B</b>"


def test_translators_are_contributors_not_authors():
    from journal.publishing import feeds

    entry = {"url": "https://x.test/a/", "pdf_url": "", "title": "t", "title_en": "x",
             "authors": [("伊万·彼得罗夫", "Ivan PETROV"), ("白佳玉", "BAI Jiayu")], "translators": [("刘洋", "LIU Yang")],
             "abstract": "a", "abstract_en": "y", "keywords": [], "column": "c", "issue": "i",
             "published": "2026-01-15", "updated": "2026-01-15"}
    site = {"title": "t", "subtitle": "s", "url": "https://x.test/", "atom_url": "https://x.test/feed.atom",
            "rss_url": "https://x.test/feed.rss", "rights": "r", "generator": "g"}
    atom = feedparser.parse(feeds.build(site, [entry], "atom")).entries[0]
    assert [a.name for a in atom.authors] == ["伊万·彼得罗夫 (Ivan PETROV)", "白佳玉 (BAI Jiayu)"]
    assert [c.name for c in atom.contributors] == ["刘洋 (LIU Yang)"]
    rss = feeds.build(site, [entry], "rss").decode("utf-8")
    assert "<dc:contributor>刘洋 (LIU Yang)</dc:contributor>" in rss and "刘洋" not in rss.split("<dc:contributor>")[0]


def test_every_page_links_the_feeds(published):
    for path in Path(published).rglob("*.html"):
        if path.name == "404.html":
            continue
        doc = read(path)
        types = {a.get("type") for a in doc.find_all("link", rel="alternate")}
        assert {"application/atom+xml", "application/rss+xml"} <= types, path

"""The Atom and RSS feeds, read by a real feed parser (feedparser): every article, newest issue
first, linked from every page."""

from pathlib import Path

import feedparser

from journal import catalog
from tests.conftest import ARCHIVE
from tests.html_tools import read

ISSUES = catalog.read_catalog(catalog.pages_on_disk(ARCHIVE))
ARTICLES = [a for issue in ISSUES for a in issue.articles]  # newest issue first, print order


def test_atom_feed_lists_every_article_newest_issue_first(published):
    feed = feedparser.parse((Path(published) / "feed.atom").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10" and feed.feed.language == "zh-CN"
    assert [e.title for e in feed.entries] == [a.meta["title"] for a in ARTICLES]
    for entry, article in zip(feed.entries, ARTICLES):
        stem = article.src_uri[: -len(".md")]
        assert entry.link.endswith(f"/{stem}/")
        assert [l.href for l in entry.links if l.type == "application/pdf"][0].endswith(f"/{stem}.pdf")
        assert entry.published.startswith(article.meta["issue"]["published"])
        assert article.meta["abstract"] in entry.summary and article.meta["title_en"] in entry.summary
        assert {t.term for t in entry.tags} == set(article.meta["keywords"])
        assert [a.name for a in entry.authors] == [f"{x['name']} ({x['name_en']})" for x in article.meta["authors"]]


def test_rss_feed_lists_every_article_with_its_pdf(published):
    feed = feedparser.parse((Path(published) / "feed.rss").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert [e.title for e in feed.entries] == [a.meta["title"] for a in ARTICLES]
    for entry, article in zip(feed.entries, ARTICLES):
        [enclosure] = entry.enclosures
        pdf = Path(published) / (article.src_uri[: -len(".md")] + ".pdf")
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


def test_every_page_links_the_feeds(published):
    for path in Path(published).rglob("*.html"):
        if path.name == "404.html":
            continue
        doc = read(path)
        types = {a.get("type") for a in doc.find_all("link", rel="alternate")}
        assert {"application/atom+xml", "application/rss+xml"} <= types, path

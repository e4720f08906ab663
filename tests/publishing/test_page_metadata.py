"""What search engines, link previews and readers see of each page: its own description and
title, og:/article: tags, sitemap dates, the footer, no edit pencil on readers' pages; every
value escaped."""

import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import journal.site.plugin
from journal import catalog
from journal.publishing.plugin import clip
from tests.conftest import ARCHIVE, ROOT, docs_with_assets
from tests.html_tools import read

ISSUES = catalog.read_catalog(catalog.pages_on_disk(ARCHIVE))
ARTICLES = [a for issue in ISSUES for a in issue.articles]


def pages(site):
    return sorted(p for p in Path(site).rglob("*.html") if p.name != "404.html")


def head_meta(doc, attr, name):
    return [a.get("content", "") for a in doc.find_all("meta") if a.get(attr) == name]


def test_each_article_has_its_own_description_and_og_tags(published):
    for entry in ARTICLES:
        doc = read(Path(published) / entry.src_uri[: -len(".md")] / "index.html")
        meta = entry.meta
        assert head_meta(doc, "name", "description") == [clip(meta["abstract"])]
        assert meta["abstract"].startswith(clip(meta["abstract"]).rstrip("…"))
        assert head_meta(doc, "property", "og:type") == ["article"]
        assert head_meta(doc, "property", "og:title") == [meta["title"]]
        assert head_meta(doc, "property", "og:description") == [clip(meta["abstract"])]
        assert head_meta(doc, "property", "og:url")[0].endswith(entry.src_uri[: -len(".md")] + "/")
        assert head_meta(doc, "property", "article:published_time") == [meta["issue"]["published"]]
        assert head_meta(doc, "property", "article:tag") == meta["keywords"]


def test_the_english_contents_page_describes_itself_in_english(published):
    for issue in ISSUES:
        info = issue.meta["issue"]
        doc = read(Path(published) / "en" / str(info["year"]) / f"{info['number']:02d}" / "index.html")
        [description] = head_meta(doc, "name", "description")
        assert description.startswith(f"International Studies, {info['year']}, No. {info['number']} ")
        assert f"its {len(issue.articles)} articles" in description
        assert head_meta(doc, "property", "og:description") == [description]
        assert head_meta(doc, "property", "og:locale") == ["en_US"]
        assert head_meta(doc, "property", "og:locale:alternate") == ["zh_CN"]


def test_every_page_has_one_description_and_a_title_of_its_own(published):
    descriptions, titles = {}, {}
    for path in pages(published):
        doc = read(path)
        [description] = head_meta(doc, "name", "description")
        [title] = [text for tag, attrs, text in doc.elements if tag == "title"]
        descriptions.setdefault(description, []).append(path)
        titles.setdefault(title, []).append(path)
    # (the frozen fixture repeats one article, abstract and title, in both issues: that alone may repeat)
    abstracts = {Path(published) / a.src_uri[: -len(".md")] / "index.html": a.meta["abstract"] for a in ARTICLES}
    same = lambda paths: len({abstracts.get(p, p) for p in paths}) == 1 and all(p in abstracts for p in paths)  # noqa: E731
    assert [paths for paths in descriptions.values() if len(paths) > 1 and not same(paths)] == []
    assert [paths for paths in titles.values() if len(paths) > 1 and not same(paths)] == []


def test_issue_and_home_descriptions_are_their_contents(published):
    issue = ISSUES[0]
    for path in (Path(published) / "index.html", Path(published) / catalog.issue_dir_of(issue.src_uri) / "index.html"):
        [description] = head_meta(read(path), "name", "description")
        assert issue.meta["title"] in description and issue.articles[0].meta["title"] in description


def test_home_title_does_not_repeat_the_journal_name(published):
    [title] = [text for tag, attrs, text in read(Path(published) / "index.html").elements if tag == "title"]
    assert title.count("国际问题研究") == 1 and "International Studies" in title


def test_sitemap_dates_fall_back_to_publication_dates_without_git(published):
    """The fixture is built outside any repository: each article's lastmod is its issue's date."""
    sitemap = (Path(published) / "sitemap.xml").read_text(encoding="utf-8")
    dates = dict(re.findall(r"<loc>[^<]*?/([^/<]*/[^/<]*/[^/<]*)/</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap))
    for entry in ARTICLES:
        assert dates[entry.src_uri[: -len(".md")]] == entry.meta["issue"]["published"]
    home = re.search(r"<loc>[^<]*/</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap).group(1)
    assert home == ISSUES[0].meta["issue"]["published"]


def test_no_edit_pencil_on_readers_pages(published):
    """Issue 20: the edit links are for contributors, on the About page (更正与贡献)."""
    for path in pages(published):
        edits = [a for a in read(path).find_all("a") if a.get("rel") == "edit"]
        assert not edits, path


def test_footer_names_the_journal_rights_and_where_to_report_errors(published):
    doc = read(Path(published) / "index.html")
    footer = " ".join(doc.texts("md-copyright"))
    assert "国际问题研究" in footer and "ISSN 0452-8832" in footer and "双月刊" in footer and "©" in footer
    assert "Made with" not in doc.text
    assert any(a["href"].endswith("/issues") for a in doc.find_all("a") if "href" in a)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """An article whose abstract and title carry markup, built with the content check off."""
    work = tmp_path_factory.mktemp("hostile-meta")
    docs = docs_with_assets(ARCHIVE, work / "docs")
    article = docs / "2026" / "01" / "zhang-san.md"
    text = article.read_text(encoding="utf-8")
    text = text.replace("abstract: 本文是第一篇文章的提要。", 'abstract: "提要\\"><script>alert(1)</script>&amp;"')
    text = text.replace("title: 档案中的新文章", 'title: "标题</title><script>alert(2)</script>"', 1)
    article.write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(journal.site.plugin, "check_docs", lambda docs_dir: [])
        patch.setenv("JOURNAL_PDF_CACHE", "")
        config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(work / "site"), strict=False)
        build(config)
    return work / "site"


def test_descriptions_titles_and_og_tags_are_escaped(hostile_site):
    html = (hostile_site / "2026" / "01" / "zhang-san" / "index.html").read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    assert "<script>alert" not in head
    doc = read(hostile_site / "2026" / "01" / "zhang-san" / "index.html")
    assert head_meta(doc, "name", "description") == ['提要"><script>alert(1)</script>&amp;']
    assert head_meta(doc, "property", "og:title") == ["标题</title><script>alert(2)</script>"]

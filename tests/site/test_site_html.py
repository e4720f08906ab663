"""The built site of the live docs/, read as HTML: what Zotero, Google Scholar and a reader's
browser get. Every test holds for any archive: values come from the pages' front matter."""

import json
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlparse

import pytest

from journal import citations
from journal.catalog import anchor_for, pages_on_disk, read_catalog
from tests.conftest import ROOT, SITE
from tests.html_tools import read

ISSUES = read_catalog(pages_on_disk(ROOT / "docs"))
ARTICLES = [a for issue in ISSUES for a in issue.articles]


def html_path(src_uri):
    return SITE / src_uri[: -len(".md")] / "index.html"


def footnote_count(src_uri):
    text = (ROOT / "docs" / src_uri).read_text(encoding="utf-8")
    return len(re.findall(r"^\[\^\d+\]:", text, flags=re.M))


@pytest.fixture(params=ARTICLES, ids=lambda a: a.src_uri)
def article(request, site):
    return request.param, read(html_path(request.param.src_uri))


def test_every_article_is_built(site):
    assert ARTICLES
    for a in ARTICLES:
        assert html_path(a.src_uri).exists()


def test_page_language(article):
    entry, doc = article
    assert doc.find_all("html")[0]["lang"] == "zh-CN"
    english = " ".join(a.get("class", "") for a in doc.find_all(lang="en"))
    assert "article-title-en" in english


def test_highwire_tags(article):
    entry, doc = article
    art = entry.article
    assert doc.meta("citation_title") == [art.title]
    assert doc.meta("citation_author") == [a.sorted_name for a in art.authors]  # 姓, 名 for Zotero
    assert doc.meta("citation_journal_title") == ["国际问题研究"]
    assert doc.meta("citation_issn") == ["0452-8832"]
    issue = art.issue
    assert doc.meta("citation_issue") == [str(issue.number)]
    assert doc.meta("citation_publication_date") == [issue.published_slashed]
    assert doc.meta("citation_date") == [issue.published.replace("-", "/")]
    assert doc.meta("citation_firstpage") == [str(art.first_page)]
    assert doc.meta("citation_lastpage") == [str(art.last_page)]
    assert doc.meta("citation_language") == ["zh-CN"]  # BCP 47, as everywhere a code is asked for
    assert doc.meta("citation_keywords") == ["; ".join(art.keywords)]
    assert doc.meta("citation_abstract") == [art.abstract]


def test_json_ld(article):
    entry, doc = article
    art = entry.article
    blocks = [json.loads(text) for attrs, text in doc.scripts if attrs.get("type") == "application/ld+json"]
    assert len(blocks) == 1
    data = blocks[0]
    assert data["@type"] == "ScholarlyArticle"
    assert {n["@value"] for n in data["name"]} == {art.title, art.title_en}
    assert [a["name"] for a in data["author"]] == list(art.author_names)
    assert [a["alternateName"] for a in data["author"]] == [a.name_en for a in art.authors]
    assert (data["pageStart"], data["pageEnd"]) == (art.first_page, art.last_page)
    assert data["keywords"] == list(art.keywords)
    assert {n["@value"] for n in data["abstract"]} == {art.abstract, art.abstract_en}


def test_both_abstracts_and_header_facts_are_in_the_html(article):
    entry, doc = article
    art, text = entry.article, doc.text
    for value in (art.abstract, art.abstract_en, art.title_en, art.column, art.clc, art.article_number):
        assert value in text
    for author in art.authors:
        assert author.name in text and author.name_en in text and author.bio in text
    assert f"第 {art.page_range} 页" in text
    assert f"【责任编辑：{art.editor}】" in text
    if art.funding:
        assert art.funding in text


def test_keywords_link_to_their_index_entry(article, site):
    entry, doc = article
    links = [a["href"] for t, a in doc.with_class("article-keyword")]
    assert len(links) == len(entry.article.keywords)
    index = read(site / "keywords" / "index.html")
    for keyword, href in zip(entry.article.keywords, links):
        path, _, anchor = href.partition("#")
        assert path == "../../../keywords/"
        assert unquote(anchor) == anchor_for(keyword) and anchor_for(keyword) in index.ids()


def test_every_footnote_reference_leads_to_its_note_and_back(article):
    entry, doc = article
    refs = [a["href"] for a in doc.find_all("a") if a.get("class") == "footnote-ref"]
    backs = [a["href"] for a in doc.find_all("a") if a.get("class") == "footnote-backref"]
    ids = set(doc.ids())
    expected = footnote_count(entry.src_uri)
    assert len(refs) == len(backs) == expected > 0
    assert refs == [f"#fn:{n}" for n in range(1, expected + 1)]
    for ref, back in zip(refs, backs):
        assert ref[1:] in ids and back[1:] in ids
        assert back == "#fnref:" + ref.split(":")[1]


def test_heading_anchors_are_stable_unique_and_in_the_toc(article):
    entry, doc = article
    headings = [a for t, a in doc.tags if t in ("h2", "h3", "h4") and "id" in a and a["id"].startswith("sec-")]
    assert headings, "no numbered section headings"
    ids = doc.ids()
    assert len(ids) == len(set(ids)), "duplicate ids"
    toc = {a["href"] for t, a in doc.tags if t == "a" and "md-nav__link" in a.get("class", "")}
    for heading in headings:
        assert f"#{heading['id']}" in toc


def test_no_raw_markdown_or_debris_visible(article):
    entry, doc = article
    text = doc.text
    for debris in ("[^", "]:", "**", "](", "{#", "<sup", "</", "data-bbox", "\\_", "〔提", "〔关", "〔作者", "〔文章编号", "□"):
        assert debris not in text, debris


def test_no_edit_pencil_on_a_reader_s_page(article, site):
    """Issue 20: the edit links are for contributors, on the About page (更正与贡献), not on
    every article."""
    entry, doc = article
    assert not [a for a in doc.find_all("a") if a.get("rel") == "edit" or "/edit/main/docs/" in a.get("href", "")]
    about = read(site / "about" / "index.html")
    assert [a for a in about.find_all("a") if a.get("href", "").endswith("/edit/main/docs/")]


def test_cite_box_and_downloads(article, site):
    entry, doc = article
    text = doc.text
    art = entry.article
    names = ", ".join(art.author_names)
    assert f"{names}. {art.title}[J]. 国际问题研究, {art.issue.year}({art.issue.number}): {art.first_page}-{art.last_page}." in text
    buttons = [a for t, a in doc.with_class("cite-copy")]
    # Every style and file of the registry (journal.citations), in its order.
    assert [b["data-clipboard-target"] for b in buttons] == [f"#cite-{s.key}" for s in citations.STYLES]
    downloads = [a["href"] for a in doc.find_all("a", download=True)]
    assert [PurePosixPath(href).name for href in downloads] == [
        PurePosixPath(f.article_path(art)).name for f in citations.FILES] + [f"{art.slug}.jats.xml"]
    page_url = entry.src_uri[: -len(".md")] + "/"
    for href in downloads:
        target = site / urlparse(urljoin(page_url, href)).path
        body = target.read_text(encoding="utf-8")
        assert art.title in body


def test_home_leads_with_the_newest_issue_by_column_with_pages_authors_and_english_titles(site):
    newest = ISSUES[0]
    doc = read(site / "index.html")
    text = doc.text
    assert doc.texts("issue-number") == [newest.issue.title]
    assert doc.texts("issue-column-title") == [column for column, _ in newest.columns()]
    links = [a["href"] for t, a in doc.with_class("issue-article-title")]
    assert links == [a.src_uri[: -len(".md")] + "/" for a in newest.articles]
    assert doc.texts("issue-article-page") == [str(a.article.first_page) for a in newest.articles]
    for a in newest.articles:
        assert a.article.title_en in text
        assert all(name in text for name in a.article.author_names)


def test_every_issue_has_a_contents_page_and_a_line_in_the_archive(site):
    archive = read(site / "archive" / "index.html")
    assert archive.texts("archive-issue-link") == [issue.issue.title for issue in ISSUES]
    for issue in ISSUES:
        doc = read(site / issue.src_uri[: -len("index.md")] / "index.html")
        assert doc.texts("issue-article-title") == [a.article.title for a in issue.articles]


def test_nav_lists_home_year_issue_articles_in_print_order_and_indexes(site):
    """On an article page, where its year and issue are open (the nav is pruned to them)."""
    issue = ISSUES[0]
    last = issue.articles[-1]
    html = (site / last.src_uri[: -len(".md")] / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', html, flags=re.S).group(0)
    order = [m for m in re.findall(r'href="([^"#]+)"', nav)]
    expected = ["../../.."] + ["../../", "../"] + [f"../{a.src_uri.split('/')[-1][:-3]}/" for a in issue.articles[:-1]] + ["../../../archive/", "../../../keywords/", "../../../authors/"]
    positions = [order.index(url) for url in expected]
    assert positions == sorted(positions)


def test_no_page_loads_anything_from_another_host(site):
    for path in site.rglob("*.html"):
        doc = read(path)
        for tag, attrs in doc.tags:
            for key in ("src",) if tag in ("script", "img", "iframe") else ("href",) if tag == "link" else ():
                url = attrs.get(key, "")
                if tag == "link" and attrs.get("rel") in ("canonical", "alternate"):
                    continue
                assert not re.match(r"^(https?:)?//", url), f"{path}: {tag} {url}"


def test_each_author_is_followed_by_the_institution_the_bio_names(article):
    """Highwire: citation_author_institution right after its citation_author (Google Scholar
    and Zotero pair them by order); JSON-LD: the Person's affiliation."""
    entry, doc = article
    art = entry.article
    tags = [(a["name"], a["content"]) for a in doc.find_all("meta") if a.get("name", "").startswith("citation_author")]
    expected = []
    for author in art.authors:
        expected.append(("citation_author", author.sorted_name))
        if author.affiliation:
            expected.append(("citation_author_institution", author.affiliation))
    assert tags == expected
    assert any(name == "citation_author_institution" for name, _ in tags)
    data = [json.loads(text) for attrs, text in doc.scripts if attrs.get("type") == "application/ld+json"][0]
    assert [p.get("affiliation", {}).get("name") for p in data["author"]] == [a.affiliation or None for a in art.authors]

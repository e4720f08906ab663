"""What the site shows of the content contract's new keys (issue 16): a book review with three
authors (two with a nationality, one without a bio), a translator, a subtitle, the reviewed
book and no abstract or keywords, added to the frozen archive (tests/fixtures/review/).

Built with the content check switched off: on this branch the schema does not know the new
keys yet (branch `allowlist` extends it); the build itself reads them through journal.model."""

import json
import shutil

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

import journal.site.plugin
from journal.model import Article
from tests.conftest import ARCHIVE, ROOT, docs_with_assets
from tests.html_tools import read

REVIEW = ROOT / "tests" / "fixtures" / "review"
PAGE = "2026/01/ivanov.md"


@pytest.fixture(scope="module")
def review_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("review")
    docs = docs_with_assets(ARCHIVE, work / "docs")
    shutil.copytree(REVIEW, docs, dirs_exist_ok=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(journal.site.plugin, "check_docs", lambda docs_dir: [])
        config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(work / "site"), strict=False)
        build(config)
    return work / "site"


@pytest.fixture(scope="module")
def review():
    return Article.from_meta(PAGE, get_data((REVIEW / PAGE).read_text(encoding="utf-8"))[1])


def element(doc, cls):
    return [(tag, attrs, " ".join(text.split())) for tag, attrs, text in doc.elements if cls in attrs.get("class", "").split()]


def test_the_header_shows_every_author_in_order_with_the_nationality(review_site):
    doc = read(review_site / "2026/01/ivanov/index.html")
    assert doc.texts("article-author") == ["〔俄〕伊万·彼得罗夫", "〔巴基斯坦〕穆罕默德·阿西夫", "白佳玉"]
    assert doc.texts("article-author-nationality")[:2] == ["〔俄〕", "〔巴基斯坦〕"]
    bios = [text for tag, attrs, text in element(doc, "article-author-bio")]
    # the foreign author without a bio has no empty bio; the translator's bio is shown too
    assert bios == ["俄罗斯科学院世界经济与国际关系研究所研究员", "中国海洋大学法学院教授", "中国国际问题研究院助理研究员"]


def test_the_header_shows_translators_as_translators(review_site):
    doc = read(review_site / "2026/01/ivanov/index.html")
    assert doc.texts("article-translator") == ["刘洋 译"]
    [translators] = doc.texts("article-translators")
    assert "LIU Yang" in translators and "中国国际问题研究院助理研究员" in translators
    assert "刘洋" not in " ".join(doc.texts("article-authors"))  # a translator is not an author


def test_the_header_shows_the_subtitle_and_the_reviewed_book(review_site):
    doc = read(review_site / "2026/01/ivanov/index.html")
    assert doc.texts("article-title") == ["欧亚大陆的秩序变迁"]
    assert doc.texts("article-subtitle") == ["——评《大陆与海洋》"]
    [book] = doc.texts("article-reviewed-book")
    assert book == "评 《大陆与海洋》，约翰·史密斯、张三著，某某出版社，2025 年，312 页"
    assert doc.texts("reviewed-book-publisher") == ["某某出版社"] and doc.texts("reviewed-book-year") == ["2025"]


def test_a_review_without_abstract_shows_no_empty_tabs_or_keywords(review_site):
    doc = read(review_site / "2026/01/ivanov/index.html")
    ids = doc.ids()
    assert "abstract-zh" not in ids and "abstract-en" not in ids
    assert not doc.with_class("tabbed-set") and not doc.with_class("article-abstracts")
    assert not doc.with_class("article-keywords")
    # a research article of the same issue keeps its tabs
    other = read(review_site / "2026/01/li-si/index.html")
    assert "abstract-zh" in other.ids() and other.with_class("article-keywords")


def test_highwire_names_the_authors_in_order_and_not_the_translators(review_site, review):
    doc = read(review_site / "2026/01/ivanov/index.html")
    assert doc.meta("citation_author") == [a.sorted_name for a in review.authors]
    assert doc.meta("citation_author")[0] == "彼得罗夫, 伊万"
    assert not any("刘洋" in name for name in doc.meta("citation_author"))


def test_contents_and_indexes_include_the_translator(review_site, review):
    contents = read(review_site / "2026/01/index.html")
    lines = [text for text in contents.texts("issue-article-authors") if "刘洋" in text]
    assert lines == [" ".join(review.byline.split())] and lines[0].endswith("白佳玉 著 刘洋 译")
    assert "欧亚大陆的秩序变迁——评《大陆与海洋》" in contents.texts("issue-article-title")
    english = read(review_site / "en/2026/01/index.html")
    links = [a["href"] for a in english.find_all("a") if a.get("href", "").endswith(("ivanov/", "ivanov/#abstract-en"))]
    assert links and all("#abstract-en" not in href for href in links)  # no English abstract to open
    authors = read(review_site / "authors/index.html")
    entries = [text for text in authors.texts("index-entry") if text.startswith("刘洋")]
    assert len(entries) == 1 and "译者" in entries[0] and "欧亚大陆的秩序变迁" in entries[0]
    for name in ("伊万·彼得罗夫", "穆罕默德·阿西夫", "白佳玉"):
        [entry] = [text for text in authors.texts("index-entry") if text.startswith(name)]
        assert "译者" not in entry


def test_the_pdf_galley_shows_translators_subtitle_and_the_book(review_site, review):
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(review_site / review.pdf_path).pages)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "——评《大陆与海洋》" in lines
    assert any(line.startswith("刘洋 译") for line in lines)
    assert any(line.startswith("〔俄〕伊万·彼得罗夫") for line in lines)
    assert review.reviewed_book.line.replace(" ", "") in text.replace(" ", "")
    assert "提要" not in text and "Abstract" not in text and "关键词" not in text


def test_citation_files_carry_translators_and_no_empty_abstract(review_site, review):
    ris = (review_site / "2026/01/ivanov.ris").read_text(encoding="utf-8")
    assert [line[6:] for line in ris.splitlines() if line.startswith("AU  - ")] == [a.sorted_name for a in review.authors]
    assert "A4  - 刘, 洋" in ris and "AB  - " not in ris and "KW  - " not in ris
    assert "TI  - 欧亚大陆的秩序变迁: 评《大陆与海洋》" in ris
    bib = (review_site / "2026/01/ivanov.bib").read_text(encoding="utf-8")
    assert "translator = {{刘洋}}" in bib and "abstract =" not in bib and "subtitle = {评《大陆与海洋》}" in bib
    doc = read(review_site / "2026/01/ivanov/index.html")
    [data] = [json.loads(text) for attrs, text in doc.scripts if attrs.get("type") == "application/ld+json"]
    assert [p["name"] for p in data["author"]] == list(review.author_names)
    assert [p["name"] for p in data["translator"]] == ["刘洋"] and data["abstract"] == []
    assert data["about"]["name"] == "大陆与海洋" and data["about"]["datePublished"] == "2025"
    assert doc.meta("citation_abstract") == [] and doc.meta("citation_title") == ["欧亚大陆的秩序变迁: 评《大陆与海洋》"]

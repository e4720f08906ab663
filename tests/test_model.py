"""journal.model: front matter -> typed model -> front matter, and the values derived from it.

The round trip is held on every live page (docs/2026/02) and on the importer's own output, so
`to_front_matter()` stays exactly what the importer writes, keys in its order; a review with
translators, nationalities, three authors and no abstract (tests/fixtures/review/) covers the
keys of the content contract (issue 16)."""

import dataclasses

import pytest
import yaml
from mkdocs.utils.meta import get_data

from journal.importer import pipeline, render
from journal.model import Article, Author, Issue, IssueRef, ReviewedBook
from tests.conftest import ROOT, SOURCE

LIVE = ROOT / "docs" / "2026" / "02"
REVIEW = ROOT / "tests" / "fixtures" / "review" / "2026" / "01" / "ivanov.md"
ARTICLE_PAGES = sorted(p for p in LIVE.glob("*.md") if p.name != "index.md")


def front_matter(path):
    return get_data(path.read_text(encoding="utf-8"))[1]


def test_there_are_live_pages_to_hold_the_round_trip_on():
    assert len(ARTICLE_PAGES) >= 7


@pytest.mark.parametrize("path", ARTICLE_PAGES, ids=lambda p: p.name)
def test_every_live_article_round_trips_exactly(path):
    meta = front_matter(path)
    src_uri = path.relative_to(ROOT / "docs").as_posix()
    article = Article.from_meta(src_uri, meta)
    written = article.to_front_matter()
    assert meta["kind"] == "article"
    assert list(written.items()) == list(meta.items())  # same keys, same order, same values
    assert Article.from_meta(src_uri, written) == article
    assert article.src_uri == src_uri and article.slug == path.stem and article.issue_dir == "2026/02"


def test_the_live_issue_round_trips_exactly():
    meta = front_matter(LIVE / "index.md")
    issue = Issue.from_meta("2026/02/index.md", meta)
    assert list(issue.to_front_matter().items()) == list(meta.items())
    assert issue.label == "2026 年第 2 期" and issue.full_label == meta["title"]
    assert issue.code == "2026-02" and issue.folder == "2026/02"
    assert issue.published_label == "2026 年 3 月 15 日"


def test_front_matter_is_what_the_importer_writes_in_its_order():
    """render.py writes through the model: its dicts for the real source read back into the
    model and written again are the same, key for key, and are what the live pages hold."""
    issue, _ = pipeline.convert(SOURCE)
    for parsed in issue.articles:
        data = render.article_front_matter(parsed, issue)
        article = Article.from_meta(f"2026/02/{parsed.slug}.md", data)
        assert list(article.to_front_matter().items()) == list(data.items()), parsed.slug
        assert list(data.items()) == list(front_matter(LIVE / f"{parsed.slug}.md").items()), parsed.slug
    contents = yaml.safe_load(render.render_contents(issue).split("---\n")[1])
    assert Issue.from_meta("2026/02/index.md", contents).to_front_matter() == contents


def test_a_review_with_translators_nationalities_three_authors_and_no_abstract():
    meta = front_matter(REVIEW)
    article = Article.from_meta("2026/01/ivanov.md", meta)
    assert article.kind == "review" and article.is_review and article.kind_label == "书评"
    assert not article.has_abstracts and article.keywords == ()
    assert [a.display_name for a in article.authors] == ["〔俄〕伊万·彼得罗夫", "〔巴基斯坦〕穆罕默德·阿西夫", "白佳玉"]
    assert article.authors[1].bio == ""
    assert [t.name for t in article.translators] == ["刘洋"]
    assert article.byline == "〔俄〕伊万·彼得罗夫　〔巴基斯坦〕穆罕默德·阿西夫　白佳玉 著　刘洋 译"
    assert article.people[-1] == (article.translators[0], "译者")
    assert article.reviewed_book == ReviewedBook("大陆与海洋", ("约翰·史密斯", "张三"), "某某出版社", 2025, 312)
    assert article.reviewed_book.line == "《大陆与海洋》，约翰·史密斯、张三著，某某出版社，2025 年，312 页"
    assert article.subtitle == "评《大陆与海洋》" and article.full_title == "欧亚大陆的秩序变迁——评《大陆与海洋》"
    # Written back exactly, keys in the model's order, no empty abstract or keywords invented.
    written = article.to_front_matter()
    assert list(written.items()) == list(meta.items())
    assert not {"abstract", "abstract_en", "keywords"} & set(written)
    assert Article.from_meta(article.src_uri, written) == article


def test_a_research_article_always_writes_its_abstracts_and_keywords():
    article = Article.from_meta("2026/01/x.md", {"title": "题", "authors": [{"name": "张三", "name_en": "ZHANG San"}]})
    written = article.to_front_matter()
    assert written["abstract"] == "" and written["keywords"] == [] and written["kind"] == "article"
    note = dataclasses.replace(article, kind="note")
    assert "abstract" not in note.to_front_matter()


@pytest.mark.parametrize("name, name_en, family, given", [
    ("张超哲", "ZHANG Chaozhe", "张", "超哲"),
    ("欧阳辉", "OUYANG Hui", "欧阳", "辉"),
    ("伊万·彼得罗夫", "Ivan PETROV", "彼得罗夫", "伊万"),
    ("John Smith", "John SMITH", "Smith", "John"),
])
def test_family_and_given_names(name, name_en, family, given):
    author = Author(name, name_en)
    assert (author.family, author.given) == (family, given)
    assert author.sorted_name == f"{family}, {given}"


def test_derived_values_are_computed_in_one_place():
    article = Article.from_meta("2026/02/wu-xinbo.md", front_matter(LIVE / "wu-xinbo.md"))
    assert article.pages == f"{article.first_page}-{article.last_page}"
    assert article.page_range == f"{article.first_page}–{article.last_page}"
    assert article.issue == IssueRef("国际问题研究", "0452-8832", 2026, 2, 232, "2026-03-15")
    assert article.issue.label == "2026 年第 2 期" and article.issue.published_slashed == "2026/03/15"
    assert (article.ris_path, article.bib_path, article.pdf_path) == (
        "2026/02/wu-xinbo.ris", "2026/02/wu-xinbo.bib", "2026/02/wu-xinbo.pdf")
    assert article.anchor == "a-wu-xinbo"


def test_the_model_is_frozen():
    article = Article.from_meta("2026/02/wu-xinbo.md", front_matter(LIVE / "wu-xinbo.md"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.title = "x"
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.authors[0].name = "x"
    assert isinstance(article.authors, tuple) and isinstance(article.keywords, tuple)

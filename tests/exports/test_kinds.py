"""Every kind of article the importer makes, exported and validated: the fixture cases'
expected pages (tests/fixtures/cases: a book review, a translated article with a foreign
author, three authors of one institution, a research note, a subtitle, a foreign co-author)
read into the typed model as the site reads them, rendered with the site's Markdown, then
written as JATS (validated against the NISO JATS 1.3 DTD), as an OAI-PMH record (validated
against OAI-PMH.xsd and oai_dc.xsd) and as a Crossref deposit. Then the hostile values the
content check refuses (tests/checks/test_hostile.py), put into every field: a page that got
past the check must still give valid files that say what the page says."""

from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from journal.affiliation import affiliation
from journal.exports import crossref, jats, oai
from journal.exports.xmltext import one_line
from journal.model import Article

from .conftest import DOI_PREFIX, parse
from .test_crossref import NS as CR, SETTINGS
from .test_jats import META, render, text
from .test_oai import NS as OAI, gateway_responses

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "cases"
XML = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML}}}lang"
LANG = {"xml": XML}
OAI_SETTINGS = {"repository_name": "国际问题研究", "base_url": "https://j.example.org/oai/static-repository.xml",
                "admin_email": "editor@example.org", "site_url": "https://j.example.org/"}


def case(name):
    """(Article, rendered body) of the one article of a fixture case."""
    pages = [p for p in (CASES / name / "expected").rglob("*.md") if p.name != "index.md"]
    assert len(pages) == 1, pages
    body, meta = get_data(pages[0].read_text(encoding="utf-8"))
    src_uri = pages[0].relative_to(CASES / name / "expected").as_posix()
    return Article.from_meta(src_uri, meta), render(body)


def links(article):
    return {"url": f"https://j.example.org/{article.stem}/", "doi": f"{DOI_PREFIX}/x.{article.slug}",
            "jats_url": f"https://j.example.org/{article.stem}.jats.xml", "publisher": "《国际问题研究》编辑部",
            "copyright": "© 2026 《国际问题研究》编辑部", "journal_en": "International Studies"}


@pytest.fixture(scope="module")
def export(jats_dtd, jats_xsd, crossref_xsd, oai_xsd):
    """export(article, body) -> the article's JATS root, its Dublin Core record and its
    Crossref journal_article, each checked against its schema first."""
    def export(article, body):
        tree = parse(jats.article_xml(article, body, links(article)))
        assert jats_dtd.validate(tree), jats_dtd.error_log.filter_from_errors()[:3]
        assert jats_xsd.validate(tree), jats_xsd.error_log.filter_from_errors()[:3]
        repository = parse(oai.static_repository([article], OAI_SETTINGS, links)).getroot()
        for response in gateway_responses(repository):
            assert oai_xsd.validate(response), oai_xsd.error_log.filter_from_errors()[:3]
        deposit = parse(crossref.deposit([article], DOI_PREFIX, SETTINGS, lambda a: links(a)["url"],
                                         "20260515000000", "2026-03-x"))
        assert crossref_xsd.validate(deposit), crossref_xsd.error_log.filter_from_errors()[:3]
        deposit = deposit.getroot()
        return tree.getroot(), repository.find(".//oai_dc:dc", OAI), deposit.find(".//cr:journal_article", CR)
    return export


def contribs(root, role):
    return root.findall(f"front/article-meta/contrib-group/contrib[@contrib-type='{role}']")


def aff_of(root, contrib):
    rid = contrib.find("xref[@ref-type='aff']").get("rid")
    return root.findtext(f"front/article-meta/contrib-group/aff[@id='{rid}']/institution")


def test_a_review_carries_the_book_it_reviews(export):
    article, body = case("book-review")
    root, dc, item = export(article, body)
    book = article.reviewed_book
    assert book is not None and article.kind == "review"
    assert root.get("article-type") == "book-review"
    product = root.find("front/article-meta/product[@product-type='book']")
    assert product.findtext("source") == book.title
    assert [n.text for n in product.findall("person-group[@person-group-type='author']/string-name")] == list(book.authors)
    assert product.findtext("publisher-name") == book.publisher
    assert product.findtext("year") == str(book.year)
    assert product.find("size").get("units") == "pages" and product.findtext("size") == str(book.pages)
    assert dc.findtext("dc:type", namespaces=OAI) == "Text.Review"
    assert book.line in [s.text for s in dc.findall("dc:subject", OAI)]
    # No abstract in the page: none invented.
    assert root.find("front/article-meta/abstract") is None and dc.find("dc:description", OAI) is None
    assert root.findall("back/fn-group/fn")


def test_a_translated_article_names_its_translator_and_the_authors_nationality(export):
    article, body = case("translated")
    root, dc, item = export(article, body)
    (author,), (translator,) = article.authors, article.translators
    assert author.nationality and translator.name
    contrib = contribs(root, "author")[0]
    # A transliterated name stays one string; the romanised one is split, Western order.
    assert contrib.xpath("name-alternatives/string-name[@xml:lang='zh'][not(@content-type)]/text()") == [author.name]
    latin = contrib.find("name-alternatives/name[@name-style='western']")
    assert f"{latin.findtext('given-names')} {latin.findtext('surname').upper()}" == author.name_en
    assert contrib.findtext("name-alternatives/string-name[@content-type='as-printed']") == author.display_name
    assert contrib.findtext("address/country") == author.nationality
    assert aff_of(root, contrib) == affiliation(author.bio) != ""
    done = contribs(root, "translator")[0]
    chinese = done.find("name-alternatives/name[@name-style='eastern'][@xml:lang='zh']", LANG)
    assert chinese.findtext("surname") + chinese.findtext("given-names") == translator.name
    assert aff_of(root, done) == affiliation(translator.bio) != ""
    assert done.find("address") is None  # no nationality printed, none written
    assert [c.text for c in dc.findall("dc:contributor", OAI)] == [translator.name, translator.name_en]
    roles = [p.get("contributor_role") for p in item.findall("cr:contributors/cr:person_name", CR)]
    assert roles == ["author", "translator"]
    assert text(root.find("front/article-meta/abstract")) == article.abstract
    assert text(root.find("front/article-meta/trans-abstract[@xml:lang='en']", LANG)) == article.abstract_en
    assert [k.text for k in root.findall("front/article-meta/kwd-group[@xml:lang='zh']/kwd", LANG)] == list(article.keywords)


def test_three_authors_of_one_institution_share_one_aff(export):
    article, body = case("three-authors")
    root, dc, item = export(article, body)
    people = contribs(root, "author")
    assert len(people) == len(article.authors) == 3
    affs = root.findall("front/article-meta/contrib-group/aff")
    assert [a.findtext("institution") for a in affs] == sorted({a.affiliation for a in article.authors})
    for contrib, author in zip(people, article.authors):
        assert aff_of(root, contrib) == author.affiliation
        assert contrib.findtext("bio/p") == author.bio
    assert [c.text for c in dc.findall("dc:creator", OAI)] == [x for a in article.authors for x in (a.name, a.name_en)]
    names = item.findall("cr:contributors/cr:person_name", CR)
    assert [n.get("sequence") for n in names] == ["first", "additional", "additional"]
    assert [n.findtext("cr:affiliations/cr:institution/cr:institution_name", namespaces=CR) for n in names] == \
        [a.affiliation for a in article.authors]


def test_a_note_is_news_without_invented_abstracts(export):
    article, body = case("research-note")
    root, dc, item = export(article, body)
    assert article.kind == "note" and root.get("article-type") == "news"
    meta = root.find("front/article-meta")
    assert meta.find("abstract") is None and meta.find("kwd-group") is None
    assert meta.findtext("article-categories/subj-group[@subj-group-type='article-type']/subject") == article.kind_label
    assert dc.findtext("dc:type", namespaces=OAI) == "Text"
    assert root.find("body/p") is not None


@pytest.mark.parametrize("name", ["subtitle-dash", "foreign-coauthor", "figure", "table"])
def test_other_cases_are_valid_and_carry_their_titles(export, name):
    article, body = case(name)
    root, dc, item = export(article, body)
    group = root.find("front/article-meta/title-group")
    assert group.findtext("article-title") == article.title
    assert group.findtext("subtitle") == (article.subtitle or None)
    assert group.findtext("trans-title-group/trans-title") == article.title_en
    assert dc.findtext("dc:title[@xml:lang='zh']", namespaces={**OAI, **LANG}) == article.full_title
    assert item.findtext("cr:titles/cr:original_language_title", namespaces=CR) == article.full_title
    assert len(contribs(root, "author")) == len(article.authors)


# The attacks of tests/checks/test_hostile.py that are values (the check refuses each; the
# exports must not trust that it ran).
HOSTILE = [
    "<script>alert(1)</script>",
    "](https://evil.example) [x",
    "<img src=x onerror=alert(1)>",
    "<iframe src=x>",
    "小小的\u202e测试文章",  # bidi override
    "中美\u200b关系",  # zero-width space
    "小小的\u2028测试文章",  # line separator
    "提\x85要。",  # next-line control
    "王\x1b五",  # ESC
    'A <b>&amp; title]]> with "quotes" \'apos\' \ufffe\ud800 end',
]


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_values_in_every_field_give_valid_files_that_say_them(export, value):
    person = {"name": value, "name_en": value, "bio": value, "nationality": value}
    meta = dict(META, kind="review", title=value, subtitle=value, title_en=value, column=value, abstract=value,
                abstract_en=value, keywords=[value, "正常"], funding=value, authors=[person, dict(person)],
                translators=[person], reviewed_book={"title": value, "authors": [value], "publisher": value,
                                                     "year": 2021, "pages": 9})
    article = Article.from_meta("2026/02/wu.md", meta)
    body = render(f"## {value} {{#sec-1}}\n\n{value}[^1]\n\n[^1]: {value}\n")
    root, dc, item = export(article, body)
    said = one_line(value)
    meta_el = root.find("front/article-meta")
    assert meta_el.findtext("title-group/article-title") == said
    assert meta_el.findtext("title-group/subtitle") == said
    assert meta_el.findtext("product/source") == said
    assert meta_el.findtext("kwd-group/kwd") == said
    assert dc.findtext("dc:title[@xml:lang='en']", namespaces={**OAI, **LANG}) == said
    assert item.findtext("cr:titles/cr:title", namespaces=CR) == said
    for element in root.iter():
        assert "<" not in (element.tag if isinstance(element.tag, str) else "")
    assert not root.findall(".//script") and not root.findall(".//img") and not root.findall(".//iframe")


# --- the same through the build: catalog → model → plugin -----------------------------------

BUILT_CASES = ["book-review", "translated", "three-authors", "research-note"]


@pytest.fixture(scope="module")
def kinds_site(tmp_path_factory):
    """The frozen archive with each case as an issue of its own (2026/03, 2026/04, …), built
    with a DOI prefix."""
    from tests.conftest import ARCHIVE, build_site, docs_with_assets

    work = tmp_path_factory.mktemp("kinds")
    docs = docs_with_assets(ARCHIVE, work / "docs")
    for offset, name in enumerate(BUILT_CASES):
        number = 3 + offset
        folder = docs / "2026" / f"{number:02d}"
        folder.mkdir(parents=True)
        for page in (CASES / name / "expected" / "2026" / "03").glob("*.md"):
            text = page.read_text(encoding="utf-8")
            # The case is issue 3 (总第 233 期); here it is issue `number`.
            text = text.replace("  number: 3\n", f"  number: {number}\n").replace("  total: 233\n", f"  total: {230 + number}\n")
            text = text.replace("2026 年第 3 期（总第 233 期）", f"2026 年第 {number} 期（总第 {230 + number} 期）")
            (folder / page.name).write_text(text, encoding="utf-8")
    result = build_site(docs, work / "site", JOURNAL_DOI_PREFIX=DOI_PREFIX, JOURNAL_PDF="false",
                        SITE_URL="https://journal.example.org/gjwtyj/")
    if result.returncode:
        pytest.fail(f"the archive with the cases did not build:\n{result.stderr}")
    return docs, work / "site"


def test_the_build_exports_every_kind_valid(kinds_site, jats_dtd, jats_xsd, crossref_xsd, oai_xsd):
    docs, site = kinds_site
    kinds = {}
    for offset, name in enumerate(BUILT_CASES):
        folder = f"2026/{3 + offset:02d}"
        (page,) = [p for p in (docs / folder).glob("*.md") if p.name != "index.md"]
        article = Article.from_meta(f"{folder}/{page.name}", get_data(page.read_text(encoding="utf-8"))[1])
        tree = parse(site / f"{article.stem}.jats.xml")
        assert jats_dtd.validate(tree), (name, jats_dtd.error_log.filter_from_errors()[:3])
        assert jats_xsd.validate(tree), (name, jats_xsd.error_log.filter_from_errors()[:3])
        root = tree.getroot()
        kinds[article.kind] = root.get("article-type")
        assert len(contribs(root, "author")) == len(article.authors)
        assert len(contribs(root, "translator")) == len(article.translators)
        assert (root.find("front/article-meta/product") is not None) == (article.reviewed_book is not None)
        deposit = parse(site / "crossref" / f"{article.issue.code}.xml")
        assert crossref_xsd.validate(deposit), (name, crossref_xsd.error_log.filter_from_errors()[:3])
        deposit = deposit.getroot()
        roles = [p.get("contributor_role") for p in deposit.iterfind(".//cr:person_name", CR)]
        assert roles == ["author"] * len(article.authors) + ["translator"] * len(article.translators)
        assert deposit.findtext(".//cr:doi_data/cr:doi", namespaces=CR) == \
            root.findtext(".//article-id[@pub-id-type='doi']")
    assert kinds == {"review": "book-review", "article": "research-article", "note": "news"}
    repository = parse(site / "oai" / "static-repository.xml").getroot()
    for response in gateway_responses(repository):
        assert oai_xsd.validate(response), oai_xsd.error_log.filter_from_errors()[:3]
    assert {t.text for t in repository.iterfind(".//dc:type", OAI)} >= {"Text.Article", "Text.Review", "Text"}

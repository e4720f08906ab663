"""The Crossref deposit: one per issue, only when a DOI prefix is configured; valid against
Crossref's schema 5.3.1 when it is given; DOIs by the documented suffix rule."""

import re

from journal.exports import crossref
from journal.model import Article
from tests.conftest import ARCHIVE, build_site, docs_with_assets

from .conftest import DOI_PREFIX, parse
from .test_jats import HOSTILE, META, articles

NS = {"cr": crossref.NS, "jats": crossref.JATS}
SETTINGS = {"depositor_name": "编辑部", "depositor_email": "editor@example.org", "registrant": "编辑部",
            "journal_en": "International Studies"}


def issues_of(docs):
    found = {}
    for src_uri, meta in articles(docs):
        found.setdefault(src_uri[:7], []).append((src_uri, meta))
    return {key: sorted(value, key=lambda item: item[1]["first_page"]) for key, value in found.items()}


def test_no_deposit_without_a_doi_prefix(plain):
    assert not (plain / "crossref").exists()
    assert not any(b"pub-id-type=\"doi\"" in p.read_bytes() for p in plain.rglob("*.jats.xml"))


def test_every_deposit_is_valid_against_crossrefs_schema(exported, crossref_xsd):
    deposits = sorted((exported / "crossref").glob("*.xml"))
    assert deposits
    for path in deposits:
        tree = parse(path)
        assert crossref_xsd.validate(tree), f"{path}: {crossref_xsd.error_log.filter_from_errors()[:3]}"


def test_the_schema_refuses_a_deposit_crossref_would_refuse(exported, crossref_xsd):
    """The check can fail: a deposit without its DOI, or with an element the schema lacks."""
    tree = parse(next((exported / "crossref").glob("*.xml")))
    tree.getroot().find(".//cr:doi_data/cr:doi", NS).getparent().remove(tree.getroot().find(".//cr:doi_data/cr:doi", NS))
    assert not crossref_xsd.validate(tree)
    tree = parse(next((exported / "crossref").glob("*.xml")))
    tree.getroot().find(".//cr:journal_article", NS).append(tree.getroot().makeelement(f"{{{crossref.NS}}}script"))
    assert not crossref_xsd.validate(tree)


def test_one_deposit_per_issue_with_the_articles_dois(exported):
    issues = issues_of(ARCHIVE)
    files = sorted(p.name for p in (exported / "crossref").iterdir())
    assert files == sorted(f"{key.replace('/', '-')}.xml" for key in issues)
    for key, members in issues.items():
        root = parse(exported / "crossref" / f"{key.replace('/', '-')}.xml").getroot()
        items = root.findall(".//cr:journal_article", NS)
        assert len(items) == len(members)
        for position, (item, (src_uri, meta)) in enumerate(zip(items, members), 1):
            doi = item.findtext("cr:doi_data/cr:doi", namespaces=NS)
            issue = meta["issue"]
            assert doi == f"{DOI_PREFIX}/j.issn.{issue['issn']}.{issue['year']}.{issue['number']:02d}.{position:03d}"
            assert item.findtext("cr:doi_data/cr:resource", namespaces=NS) == \
                f"https://journal.example.org/gjwtyj/{src_uri[:-3]}/"
            assert item.findtext("cr:titles/cr:original_language_title", namespaces=NS) == meta["title"]
            assert item.findtext("cr:titles/cr:title", namespaces=NS) == meta["title_en"]
            assert item.findtext("cr:pages/cr:first_page", namespaces=NS) == str(meta["first_page"])
            names = item.findall("cr:contributors/cr:person_name", NS)
            assert [n.findtext("cr:alt-name/cr:name/cr:surname", namespaces=NS) + n.findtext("cr:alt-name/cr:name/cr:given_name", namespaces=NS)
                    for n in names] == [a["name"] for a in meta["authors"]]
            # The JATS file carries the same DOI.
            jats = parse(exported / (src_uri[:-3] + ".jats.xml")).getroot()
            assert jats.findtext(".//article-id[@pub-id-type='doi']") == doi
        assert root.findtext(".//cr:journal_metadata/cr:issn", namespaces=NS) == members[0][1]["issue"]["issn"]
        assert re.fullmatch(r"\d{14}", root.findtext("cr:head/cr:timestamp", namespaces=NS))



def hostile_deposit():
    meta = dict(META, title=HOSTILE, title_en=HOSTILE, abstract=HOSTILE,
                authors=[{"name": '吴"心&伯<', "name_en": 'WU "Xin&bo"', "bio": "<script>&研究员"}])
    article = Article.from_meta("2026/02/wu.md", meta)
    return crossref.deposit([article], DOI_PREFIX, dict(SETTINGS, registrant=HOSTILE),
                            lambda a: "https://j.example.org/a?b=1&c=2", "20260315000000", "2026-02-x")



def test_hostile_values_come_out_escaped_in_the_deposit(crossref_xsd):
    data = hostile_deposit()
    assert b"<b>" not in data and b"\x01" not in data
    tree = parse(data)
    assert crossref_xsd.validate(tree), crossref_xsd.error_log.filter_from_errors()[:3]
    root = tree.getroot()
    assert root.findtext(".//cr:original_language_title", namespaces=NS) == \
        "A <b>&amp; title]]> with control chars & \"quotes\" 'apos' end"
    assert root.findtext(".//cr:resource", namespaces=NS) == "https://j.example.org/a?b=1&c=2"
    assert root.findtext(".//cr:institution_name", namespaces=NS) == "<script>&"


def test_a_malformed_doi_prefix_stops_the_build(tmp_path):
    docs = docs_with_assets(ARCHIVE, tmp_path / "docs")
    result = build_site(docs, tmp_path / "site", JOURNAL_DOI_PREFIX="doi:10.1/x", JOURNAL_PDF="false")
    assert result.returncode != 0
    assert re.search(r"mkdocs\.yml:\d+: journal-exports: doi_prefix: expected a DOI prefix such as 10\.12345, got 'doi:10\.1/x'",
                     result.stdout + result.stderr)


def test_the_suffix_rule():
    article = Article.from_meta("2026/02/wu.md", META)
    assert crossref.doi("10.12345", article, 3) == "10.12345/j.issn.0452-8832.2026.02.003"
    assert crossref.doi("10.12345/", article, 12, "gjwtyj.{year}.{issue}.{first_page}") == "10.12345/gjwtyj.2026.2.3"


def test_article_pages_get_their_links(tmp_path, exported, monkeypatch):
    """What the article header and <head> print (config.plugins["journal-exports"].page_links):
    hrefs relative to the page that reach the files the build wrote, and the DOI."""
    from posixpath import join, normpath

    from mkdocs.config import load_config
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    from tests.conftest import ROOT

    docs = docs_with_assets(ARCHIVE, tmp_path / "docs")
    monkeypatch.setenv("DOCS_DIR", str(docs))
    monkeypatch.setenv("JOURNAL_DOI_PREFIX", DOI_PREFIX)
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config = config.plugins.on_config(config)
    plugin = config.plugins["journal-exports"]
    checked = 0
    for src_uri, _ in articles(ARCHIVE):
        page = Page(None, File(src_uri, str(docs), str(tmp_path / "site"), True), config)
        links = plugin.page_links(page)
        for key in ("jats_href", "crossref_href", "oai_href"):
            target = normpath(join(page.url, links[key]))
            assert (exported / target).is_file(), (src_uri, key, target)
        assert links["jats_type"] == "application/jats+xml"
        jats = parse(exported / (src_uri[:-3] + ".jats.xml")).getroot()
        assert links["doi"] == jats.findtext(".//article-id[@pub-id-type='doi']")
        checked += 1
    assert checked >= 4
    home = Page(None, File("index.md", str(docs), str(tmp_path / "site"), True), config)
    assert plugin.page_links(home) is None

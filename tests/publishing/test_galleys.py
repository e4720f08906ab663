"""PDF galleys, opened as a reader's tools open them (pdftotext, pdffonts, pdfinfo, pypdf):
every article's PDF carries its whole text (title block, every paragraph, every note) with CJK
fonts embedded and subset, its metadata set, and is linked from its page."""

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from journal import catalog
from journal.site import citation
from tests.conftest import ARCHIVE, ROOT
from tests.html_tools import read
from tests.publishing.conftest import pdf_fonts, pdf_info, pdf_text, squeeze

ARCHIVE_ISSUES = catalog.read_catalog(catalog.pages_on_disk(ARCHIVE))
LIVE_ISSUES = catalog.read_catalog(catalog.pages_on_disk(ROOT / "docs"))
FURNITURE = [r"PDF第\d+页/共\d+页（非印刷版页码）"]


def pdf_of(site, entry):
    return Path(site) / (entry.src_uri[: -len(".md")] + ".pdf")


def page_of(site, entry):
    return Path(site) / entry.src_uri[: -len(".md")] / "index.html"


def body_and_notes(page):
    """The article's paragraphs and headings, and its notes {number: text}, as the web page has them."""
    root = lxml_html.fromstring(page.read_text(encoding="utf-8"))
    body = root.find_class("article-body")[0]
    for link in body.find_class("headerlink") + body.find_class("footnote-backref"):
        link.drop_tree()
    notes = {}
    for block in body.find_class("footnote"):
        for item in block.iter("li"):
            notes[item.get("id")[3:]] = item.text_content()
        block.drop_tree()
    parts = [e.text_content() for e in body.iter("p", "h2", "h3", "h4", "li", "td", "th") if e.text_content().strip()]
    return parts, notes


def check_whole_text(pdf, page, meta):
    text = squeeze(pdf_text(pdf))
    issue = meta["issue"]
    head = squeeze(f"{issue['journal']} · {issue['year']} 年第 {issue['number']} 期")
    # The page furniture and the notes at the foot of each page, out of the running text.
    text = re.sub(re.escape(head) + re.escape(squeeze(_short(meta["title"]))), "", text)
    for pattern in FURNITURE:
        text = re.sub(pattern, "", text)
    parts, notes = body_and_notes(page)
    for number, note in notes.items():
        marked = squeeze(f"{number}. {note}")
        assert marked in text, f"{pdf.name}: note {number} missing: {note[:40]}"
        text = text.replace(marked, "", 1)
    for part in parts:
        assert squeeze(part) in text, f"{pdf.name}: text missing: {part[:60]}"
    for value in [meta["title"], meta["title_en"], meta["abstract"], meta["abstract_en"], meta["clc"],
                  meta["article_number"], *meta["keywords"], *(a["name"] for a in meta["authors"]),
                  *(a["name_en"] for a in meta["authors"]), *(a["bio"] for a in meta["authors"])]:
        assert squeeze(value) in text, f"{pdf.name}: title block lacks {value[:40]}"
    assert squeeze(citation.gbt7714(meta)) in text
    return notes


def _short(title):
    from journal.publishing.pdf import short_title

    return short_title(title)


# --- the fixture archive: rendered for real in this run ----------------------------------------

@pytest.mark.parametrize("entry", [a for i in ARCHIVE_ISSUES for a in i.articles], ids=lambda a: a.src_uri)
def test_every_article_has_a_pdf_with_its_whole_text(published, entry):
    pdf = pdf_of(published, entry)
    notes = check_whole_text(pdf, page_of(published, entry), entry.meta)
    source = (ARCHIVE / entry.src_uri).read_text(encoding="utf-8")
    assert len(notes) == len(re.findall(r"^\[\^\w+\]:", source, re.M))
    text = pdf_text(pdf)
    assert "非印刷版页码" in text and "https://" in text


def test_galley_fonts_are_cjk_embedded_and_subset(published):
    entry = ARCHIVE_ISSUES[0].articles[0]
    fonts = pdf_fonts(pdf_of(published, entry))
    assert any("CJK" in name for name, *_ in fonts)
    assert all(embedded and subset and unicode for _, _, embedded, subset, unicode in fonts), fonts


def test_galley_metadata_title_authors_subject_keywords_language(published):
    entry = ARCHIVE_ISSUES[0].articles[0]
    meta = entry.meta
    info = pdf_info(pdf_of(published, entry))
    assert info["Title"] == meta["title"]
    assert info["Author"] == ", ".join(f"{a['name']} ({a['name_en']})" for a in meta["authors"])
    assert info["Subject"] == meta["abstract"]
    assert info["Keywords"] == ", ".join(meta["keywords"])
    assert info["Page size"].startswith("595.276 x 841.89")  # A4
    reader = PdfReader(pdf_of(published, entry))
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"


def test_issue_pdf_has_the_contents_then_every_article(published):
    issue = ARCHIVE_ISSUES[0]
    folder = catalog.issue_dir_of(issue.src_uri)
    year, number = issue.meta["issue"]["year"], issue.meta["issue"]["number"]
    path = Path(published) / folder / f"guoji-wenti-yanjiu-{year:04d}-{number:02d}.pdf"
    reader = PdfReader(path)
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert [a.meta["title"] for a in issue.articles] == [t for t in outline if t in {a.meta["title"] for a in issue.articles}]
    text = squeeze(pdf_text(path))
    for article in issue.articles:
        assert squeeze(article.meta["title"]) in text and squeeze(article.meta["title_en"]) in text
    assert "非印刷版页码" in text
    assert pdf_info(path)["Title"] == f"国际问题研究 {issue.meta['title']}"


def test_article_page_links_its_pdf_and_says_so_in_citation_pdf_url(published):
    for issue in ARCHIVE_ISSUES:
        for entry in issue.articles:
            doc = read(page_of(published, entry))
            [pdf_url] = doc.meta("citation_pdf_url")
            assert pdf_url.endswith(entry.src_uri[: -len(".md")] + ".pdf")
            links = [a["href"] for a in doc.find_all("a", type="application/pdf")]
            page_url = entry.src_uri[: -len(".md")] + "/"
            targets = {urlparse(urljoin(page_url, href)).path for href in links}
            assert entry.src_uri[: -len(".md")] + ".pdf" in targets
            for target in targets:
                assert (Path(published) / target).is_file(), target


# --- the live site: every article of docs/ ------------------------------------------------------

@pytest.mark.parametrize("entry", [a for i in LIVE_ISSUES for a in i.articles], ids=lambda a: a.src_uri)
def test_live_articles_pdfs_carry_their_whole_text(site, entry):
    pdf = pdf_of(site, entry)
    assert pdf.is_file(), pdf
    check_whole_text(pdf, page_of(site, entry), entry.meta)
    assert any("CJK" in name and embedded and subset for name, _, embedded, subset, _ in pdf_fonts(pdf))
    text = pdf_text(pdf)
    pages = text.split("\f")
    # running heads from the second page on: journal · issue · short title
    assert "国际问题研究 · " in pages[1] and _short(entry.meta["title"])[:6] in pages[1]


def test_live_issue_pdfs_exist_with_a_bookmark_per_article(site):
    for issue in LIVE_ISSUES:
        meta = issue.meta["issue"]
        path = Path(site) / catalog.issue_dir_of(issue.src_uri) / f"guoji-wenti-yanjiu-{meta['year']:04d}-{meta['number']:02d}.pdf"
        titles = {item.title for item in PdfReader(path).outline if not isinstance(item, list)}
        assert {a.meta["title"] for a in issue.articles} <= titles


def test_galleys_load_nothing_from_another_host(tmp_path):
    from journal.publishing.pdf import _fetcher

    (tmp_path / "a.css").write_text("p {}", encoding="utf-8")
    fetcher = _fetcher(tmp_path)
    fetcher.fetch((tmp_path / "a.css").as_uri()).close()
    for url in ("https://evil.example/x.png", "http://127.0.0.1/x", "file:///etc/passwd", "ftp://x.example/y"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_galley_body_moves_each_note_to_its_call():
    from journal.publishing.pdf import galley_body

    page = ('<div class="article-body"><h2 id="a">一<a class="headerlink" href="#a">¶</a></h2>'
            '<p>正文<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>再引'
            '<sup id="fnref2:1"><a class="footnote-ref" href="#fn:1">1</a></sup>，<a href="../x/">链接</a></p>'
            '<div class="footnote"><hr><ol><li id="fn:1">\n<p>注释 <b>一</b>。&#160;<a class="footnote-backref" href="#fnref:1">↩</a></p>\n'
            '</li></ol></div></div>')
    body = str(galley_body(page, "https://x.test/2026/01/a/"))
    assert '<span class="fn" data-n="1"><span class="fn-p">注释 <b>一</b>。</span></span>再引<sup class="fn-again">1</sup>' in body
    assert 'href="https://x.test/2026/01/x/"' in body
    assert "headerlink" not in body and "footnote" not in body and "↩" not in body

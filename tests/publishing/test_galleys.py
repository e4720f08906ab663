"""PDF galleys, opened as a reader's tools open them (pdftotext, pdffonts, pdfinfo, pypdf):
every article's PDF carries its whole text (title block, every paragraph, every note) with CJK
fonts embedded and subset, its metadata set, and is linked from its page."""

import os
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from journal import catalog
from journal.model import Article
from journal import citations
from tests.conftest import ARCHIVE, ROOT, build_site, docs_with_assets
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
    assert squeeze(citations.gbt7714(Article.from_meta("x.md", meta))) in text
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
    # running heads from the second page on: journal · issue · short title (a one-page
    # article, such as a short note or review, has none)
    if pages[1:] and pages[1].strip():
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


# --- figures, fonts, the cache, a worker's errors (issue 18) -----------------------------------

FIGURE = """

<figure id="figure-1" markdown="span">
![图1　合作指数的变化](li-si-figure-1.png)
<figcaption>图1　合作指数的变化<br>资料来源：作者制作。</figcaption>
</figure>

图后的一段正文。
"""


def picture(path, size=(240, 120)):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, "white")
    ImageDraw.Draw(image).rectangle((20, 20, size[0] - 20, size[1] - 20), outline="black", width=4)
    image.save(path, "PNG")
    return path


def figured_docs(work, make_picture=picture):
    """The fixture archive with a figure in 2026/01/li-si.md, its picture beside the page."""
    docs = docs_with_assets(ARCHIVE, work / "docs")
    article = docs / "2026" / "01" / "li-si.md"
    article.write_text(article.read_text(encoding="utf-8") + FIGURE, encoding="utf-8")
    make_picture(docs / "2026" / "01" / "li-si-figure-1.png")
    return docs


def build_in_process(docs, site, **env):
    """A strict build in this process with the content check off (as tests/site/test_csp.py
    does): the figure block is the content model's (issue 16), which the check on this branch
    may not accept yet; what is tested here is the galley."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import journal.site.plugin

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(journal.site.plugin, "check_docs", lambda docs_dir: [])
        for name, value in env.items():
            patch.setenv(name, value)
        config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site), strict=True)
        build(config)
    return site


def pdf_images(path):
    """(width, height) of every picture drawn on the PDF's pages."""
    found = []
    for page in PdfReader(path).pages:
        for image in page.images:
            found.append(image.image.size)
    return found


def test_a_figure_beside_its_page_is_in_the_article_and_issue_pdfs(tmp_path):
    site = build_in_process(figured_docs(tmp_path), tmp_path / "site", JOURNAL_PDF_CACHE="")
    entry = next(a for a in ARCHIVE_ISSUES[0].articles if a.src_uri.endswith("li-si.md"))
    assert (240, 120) in pdf_images(pdf_of(site, entry))
    text = squeeze(pdf_text(pdf_of(site, entry)))
    assert squeeze("图1　合作指数的变化") in text and squeeze("资料来源：作者制作。") in text
    issue = Path(site) / "2026" / "01" / "guoji-wenti-yanjiu-2026-01.pdf"
    assert (240, 120) in pdf_images(issue)


@pytest.mark.parametrize("case", ["damaged", "outside docs", "another host"])
def test_a_picture_the_galley_cannot_load_fails_the_build_naming_the_page(tmp_path, case, caplog):
    from mkdocs.exceptions import Abort

    outside = picture(tmp_path / "elsewhere.png")

    def make(path):
        if case == "damaged":
            path.write_bytes(b"\x89PNG\r\n\x1a\n not a picture")
        elif case == "outside docs":  # a link to a file the galley may not open
            path.symlink_to(outside)
        else:
            picture(path)

    docs = figured_docs(tmp_path, make)
    if case == "another host":
        article = docs / "2026" / "01" / "li-si.md"
        article.write_text(article.read_text(encoding="utf-8").replace(
            "](li-si-figure-1.png)", "](https://img.example/li-si-figure-1.png)"), encoding="utf-8")
    with pytest.raises(Abort):  # MkDocs turns the plugin's PluginError into this, logging it
        build_in_process(docs, tmp_path / "site", JOURNAL_PDF_CACHE="")
    message = caplog.text
    assert "PDF galleys" in message, message
    assert "2026/01/li-si.md" in message and "li-si-figure-1.png" in message, message


def test_without_the_cjk_fonts_the_build_stops_naming_them_and_the_command(tmp_path):
    """A machine whose fontconfig knows only DejaVu: no boxes, a message saying what to install."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    for name in ("DejaVuSerif.ttf", "DejaVuSans.ttf"):
        source = Path("/usr/share/fonts/truetype/dejavu") / name
        if source.exists():
            (fonts / name).write_bytes(source.read_bytes())
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><dir>{fonts}</dir><cachedir>{tmp_path / "fc-cache"}</cachedir></fontconfig>',
                    encoding="utf-8")
    docs = docs_with_assets(ARCHIVE, tmp_path / "docs")
    cache = tmp_path / "cache"
    result = build_site(docs, tmp_path / "site", FONTCONFIG_FILE=str(conf), JOURNAL_CACHE_DIR=str(cache))
    assert result.returncode != 0
    assert '"Noto Serif CJK SC"' in result.stderr and "apt-get install fonts-noto-cjk" in result.stderr, result.stderr
    assert not (tmp_path / "site" / "2026" / "01" / "li-si.pdf").exists()
    assert not (cache / "pdf").exists() or not any((cache / "pdf").iterdir())


def test_fonts_are_found_through_weasyprint_s_fontconfig():
    from journal.publishing import pdf

    css = (ROOT / "overrides" / "pdf" / "galley.css").read_text(encoding="utf-8")
    assert pdf.required_families(css) and all("CJK" in f for f in pdf.required_families(css))
    fonts = pdf.require_fonts(css)
    assert all(f.matched and f.size > 0 for f in fonts if f.family in pdf.required_families(css))
    bogus = pdf.resolve_fonts(["No Such Family 42"])
    assert not any(f.matched for f in bogus)


def test_the_cache_key_changes_with_a_font_file_or_a_template(tmp_path):
    from dataclasses import replace

    from journal.publishing import pdf

    css = (ROOT / "overrides" / "pdf" / "galley.css").read_text(encoding="utf-8")
    fonts = pdf.require_fonts(css)
    templates = tmp_path / "pdf"
    templates.mkdir()
    (templates / "article.html").write_text("<p>a</p>", encoding="utf-8")
    base = pdf.environment(fonts, [templates])
    touched = [replace(fonts[0], mtime_ns=fonts[0].mtime_ns + 1)] + fonts[1:]
    assert pdf.environment(touched, [templates]) != base
    (templates / "article.html").write_text("<p>b</p>", encoding="utf-8")
    assert pdf.environment(fonts, [templates]) != base


def test_the_cache_lives_outside_the_checkout(monkeypatch, tmp_path):
    from journal.publishing.config import cache_root, pdf_cache_dir

    monkeypatch.delenv("JOURNAL_PDF_CACHE", raising=False)
    monkeypatch.delenv("JOURNAL_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert pdf_cache_dir(None, ROOT) == tmp_path / "xdg" / "guoji-wenti-yanjiu" / "pdf"
    monkeypatch.setenv("JOURNAL_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_root() == tmp_path / "mine" and pdf_cache_dir(None, ROOT) == tmp_path / "mine" / "pdf"
    monkeypatch.setenv("JOURNAL_PDF_CACHE", "")
    assert pdf_cache_dir(None, ROOT) is None


def test_a_damaged_or_boxed_cache_entry_is_rendered_again(tmp_path):
    import json

    docs = docs_with_assets(ARCHIVE, tmp_path / "docs")
    cache = tmp_path / "cache"
    first = build_site(docs, tmp_path / "site", JOURNAL_CACHE_DIR=str(cache))
    assert first.returncode == 0, first.stderr
    entries = sorted((cache / "pdf").glob("*.pdf"))
    assert len(entries) == 8  # 4 articles, 2 covers, 2 issues
    entries[0].write_bytes(entries[0].read_bytes()[:1000])  # cut short
    manifest = entries[1].with_suffix(".json")
    boxed = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps(dict(boxed, fonts=["DejaVuSerif"])), encoding="utf-8")
    untouched = {p: p.stat().st_mtime_ns for p in entries[2:]}
    again = build_site(docs, tmp_path / "site", JOURNAL_CACHE_DIR=str(cache))
    assert again.returncode == 0, again.stderr
    assert entries[0].read_bytes().rstrip().endswith(b"%%EOF")  # rendered and stored again
    assert any("CJK" in name for name in json.loads(manifest.read_text(encoding="utf-8"))["fonts"])
    assert {p: p.stat().st_mtime_ns for p in entries[2:]} == untouched  # the others were reused
    for path in (tmp_path / "site").rglob("*.pdf"):
        data = path.read_bytes()
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
        assert any("CJK" in name for name, *_ in pdf_fonts(path)), path


def test_a_galley_over_its_time_budget_fails_naming_its_page(monkeypatch, tmp_path):
    """A page WeasyPrint would take minutes over stops with its name, not CI's timeout."""
    from journal.publishing import pdf

    monkeypatch.setattr(pdf, "GALLEY_SECONDS", 1)
    html = "<html><body>" + "<p>长段落。<sup>1</sup></p>" * 40_000 + "</body></html>"
    galley = pdf.render_one("2026/02/long.md", html, str(tmp_path), "", ("Noto Serif CJK SC",))
    assert galley.pdf == b"" and galley.errors and "took more than 1 s" in galley.errors[0]


def test_a_galley_worker_has_a_memory_budget():
    """The pool's workers may not use more than JOURNAL_GALLEY_MEMORY_MIB: beyond it an
    allocation fails in that worker (render_one reports it as the page's error)."""
    import subprocess
    import sys

    code = ("from journal.publishing import pdf\n"
            "pdf.limit_memory()\n"
            "try:\n    bytearray(1500 * 2**20)\nexcept MemoryError:\n    print('refused')\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "JOURNAL_GALLEY_MEMORY_MIB": "1024"})
    assert run.stdout.strip() == "refused", run.stderr

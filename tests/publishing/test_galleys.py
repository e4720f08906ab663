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
FURNITURE = [r"PDF第\d+页/本期共\d+页（非印刷版页码）"]


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


def test_the_issue_cover_reads_its_english_name_as_words(site):
    # Small capitals and letter-spacing reached pdftotext (and a screen reader) as
    # "I n t e r n at I o n a l S t u d I e S"; the cover's text must read as it is printed.
    for issue in LIVE_ISSUES:
        meta = issue.meta["issue"]
        path = Path(site) / catalog.issue_dir_of(issue.src_uri) / f"guoji-wenti-yanjiu-{meta['year']:04d}-{meta['number']:02d}.pdf"
        cover = run_pdftotext(path).split("\f")[0]
        assert "International Studies" in cover, cover[:300]


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
    assert ('<span class="fn-glue">文<span class="fn" data-n="1"><span class="fn-p">注释 <b>一</b>。</span></span></span>'
            '再<span class="fn-glue">引<sup class="fn-again">1</sup>，</span>') in body
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
    # Tagged as a figure with its caption as the alternative text, in both PDFs.
    for path in (pdf_of(site, entry), issue):
        assert figure_alts(PdfReader(path)) == ["图1　合作指数的变化"], path


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
    # 4 articles' bodies, their 4 galleys (footers laid over), 2 covers, 2 issues, and a footer
    # sheet for each issue's page count (two issues of as many pages share one).
    totals = {sum(len(PdfReader(pdf_of(tmp_path / "site", a)).pages) for a in i.articles) for i in ARCHIVE_ISSUES}
    assert len(entries) == 4 + 4 + 2 + 2 + len(totals)
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



WORKER_CHECK = """
import gc, json, os, resource, sys
from pathlib import Path
from journal.publishing import pdf

build_heap = bytearray(400 * 2**20)  # the build's heap, touched: what a forked worker would share
build_heap[::4096] = b"x" * len(build_heap[::4096])
css = (Path(sys.argv[1]) / "overrides/pdf/galley.css").read_text(encoding="utf-8")
pool = pdf.worker_pool(2)
try:
    folder = Path(sys.argv[2])
    galley = pool.submit(pdf.tidy, pdf.render_one, "2026/02/a.md", (folder / "a.html").read_text(encoding="utf-8"),
                         str(folder), css, pdf.required_families(css)).result()
    late = pool.submit(pdf.tidy, pdf.render_one, "2026/02/long.md", (folder / "long.html").read_text(encoding="utf-8"),
                       str(folder), "", ()).result()
    status = pool.submit(Path("/proc/self/status").read_text).result()
    facts = {
        "parent": pool.submit(os.getppid).result(), "build": os.getpid(),
        "rss_mib": int(next(l for l in status.splitlines() if l.startswith("VmRSS")).split()[1]) // 1024,
        "budget": pool.submit(resource.getrlimit, resource.RLIMIT_AS).result()[0], "wanted": pdf.GALLEY_MEMORY,
        "frozen": pool.submit(gc.get_freeze_count).result(),
        "pdf": galley.pdf[:5].decode(), "errors": list(galley.errors), "fonts": list(galley.fonts), "pages": galley.pages,
        "late": list(late.errors),
    }
finally:
    pool.shutdown()
print(json.dumps(facts))
"""


def test_galley_workers_start_apart_from_the_build(tmp_path):
    """The pool's workers are not forked from the build (a forked worker shares the build's
    heap, ~800 MiB at 232 issues, and comes to copy it as its garbage collector walks it: a
    worker's high-water mark reached 1.5 GiB): a fork server started them, a 400 MiB heap of the
    build's is not in them, and each has its memory budget, its time budget per galley (an
    alarm, which works only in a process's main thread) and its modules set aside from the
    collector (`start_worker`); a galley made there through `tidy` is whole, with its CJK font."""
    import json
    import subprocess
    import sys

    (tmp_path / "a.html").write_text('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>试</title>'
                                     '</head><body><h1>国际问题研究</h1><p>中国与世界。</p></body></html>', encoding="utf-8")
    (tmp_path / "long.html").write_text("<html><body>" + "<p>长段落。<sup>1</sup></p>" * 40_000 + "</body></html>",
                                        encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", WORKER_CHECK, str(ROOT), str(tmp_path)],
                         capture_output=True, text=True, timeout=300,
                         env={**os.environ, "JOURNAL_GALLEY_SECONDS": "1", "JOURNAL_GALLEY_MEMORY_MIB": "2048"})
    assert run.returncode == 0, run.stderr
    facts = json.loads(run.stdout)
    assert facts["parent"] != facts["build"]  # the fork server's child, not the build's
    assert facts["rss_mib"] < 300, facts  # ~70 MiB after one galley; forked, it would start at 400+
    assert facts["budget"] == facts["wanted"] == 2048 * 2**20
    assert facts["frozen"] > 0
    assert facts["pdf"] == "%PDF-" and facts["errors"] == [] and facts["pages"] == 1
    assert any("CJK" in name for name in facts["fonts"]), facts["fonts"]
    assert len(facts["late"]) == 1 and "took more than 1 s" in facts["late"][0]

# --- tagging, the issue's page numbers, line breaks (issue 20, item 6) --------------------------

def issue_pdf(site, issue):
    meta = issue.meta["issue"]
    return Path(site) / catalog.issue_dir_of(issue.src_uri) / f"guoji-wenti-yanjiu-{meta['year']:04d}-{meta['number']:02d}.pdf"


def elements(reader):
    """The structure elements under the PDF's /StructTreeRoot, in reading order."""
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]["/K"]]
    while stack:
        node = stack.pop(0)
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            stack[:0] = list(node)
        elif isinstance(node, dict) and node.get("/Type") == "/StructElem":
            yield node
            stack.insert(0, node.get("/K", []))


def structure(reader):
    """{tag: count} of the PDF's structure elements."""
    counts = {}
    for element in elements(reader):
        counts[str(element["/S"])] = counts.get(str(element["/S"]), 0) + 1
    return counts


def figure_alts(reader):
    """The /Alt of every /Figure element, in order."""
    return [str(e.get("/Alt", "")) for e in elements(reader) if e["/S"] == "/Figure"]


def check_parent_tree(reader):
    """Every page's marked content and every link belong to elements of that page: the parent
    tree (what a screen reader follows from a page to the structure) holds for the whole file."""
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    assert len(tree) == len(nums) // 2  # unique keys
    for n, page in enumerate(reader.pages):
        assert "/StructParents" in page, f"page {n + 1} is not in the structure tree"
        for element in tree[int(page["/StructParents"])]:
            assert element.get_object().raw_get("/Pg").idnum == page.indirect_reference.idnum, f"page {n + 1}"
        for annotation in page.get("/Annots", []) or []:
            annotation = annotation.get_object()
            element = tree[int(annotation["/StructParent"])].get_object()
            kids = element["/K"] if isinstance(element["/K"], list) else [element["/K"]]
            assert any(isinstance(k.get_object(), dict) and k.get_object().get("/Type") == "/OBJR"
                       and k.get_object().raw_get("/Obj").idnum == annotation.indirect_reference.idnum for k in kids)


def test_article_and_issue_pdfs_are_tagged_pdf_ua(published):
    issue = ARCHIVE_ISSUES[0]
    entry = issue.articles[0]
    # The issue's PDF: the cover's heading (the issue) and each article's title; the contents'
    # links are tagged too, one per article.
    for path, title, h1, links in ((pdf_of(published, entry), entry.meta["title"], 1, 0),
                                   (issue_pdf(published, issue), f"国际问题研究 {issue.meta['title']}", 1 + len(issue.articles), len(issue.articles))):
        info = pdf_info(path)
        assert info["Tagged"] == "yes" and info["Title"] == title, (path, info)
        reader = PdfReader(path)
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "zh-CN" and root["/MarkInfo"]["/Marked"] in (True, "true")
        assert root["/ViewerPreferences"]["/DisplayDocTitle"] in (True, "true")
        assert b"pdfuaid:part" in root["/Metadata"].get_data()  # the PDF/UA-1 claim (XMP)
        tags = structure(reader)
        assert tags.get("/Document") == 1 and tags.get("/H1") == h1 and tags.get("/P", 0) > 10, tags
        assert tags.get("/H2", 0) >= 1 and tags.get("/Link", 0) >= links, tags
        check_parent_tree(reader)


def footers(path):
    """The footer of each page (None for none): `PDF 第 k 页 / 本期共 n 页`, as numbers (k, n)."""
    pages = run_pdftotext(path).split("\f")[:-1]
    found = []
    for text in pages:
        match = re.search(r"PDF 第 (\d+) 页 / 本期共 (\d+) 页（非印刷版页码）", text)
        found.append((int(match[1]), int(match[2])) if match else None)
    return found


def run_pdftotext(path):
    import subprocess

    return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("issue", ARCHIVE_ISSUES, ids=lambda i: i.src_uri)
def test_issue_pdf_numbers_its_pages_on_from_article_to_article(published, issue):
    path = issue_pdf(published, issue)
    reader = PdfReader(path)
    lengths = [len(PdfReader(pdf_of(published, a)).pages) for a in issue.articles]
    total = sum(lengths)
    cover = len(reader.pages) - total
    assert cover >= 1
    numbers = footers(path)
    assert numbers[:cover] == [None] * cover  # the cover and contents: no footer
    assert numbers[cover:] == [(k, total) for k in range(1, total + 1)]
    labels = [reader.page_labels[i] for i in range(len(reader.pages))]
    assert labels == ["i", "ii", "iii", "iv"][:cover] + [str(k) for k in range(1, total + 1)]
    # The footers' resources (the footer sheet's font) are in the file once, not once per article.
    held = {page["/Resources"]["/XObject"]["/JournalFooter"].raw_get("/Resources").idnum for page in reader.pages[cover:]}
    assert len(held) == 1
    # Each article begins where the one before ended (its outline entry's page), and its own PDF
    # is those pages, as an offprint: the same text, footers and page labels; the contents give
    # both its first page here and in print.
    starts = {item.title: reader.get_destination_page_number(item) for item in reader.outline if not isinstance(item, list)}
    pages = run_pdftotext(path).split("\f")
    contents = "\f".join(pages[:cover])
    first = cover
    for article, length in zip(issue.articles, lengths):
        assert starts[article.meta["title"]] == first
        own = pdf_of(published, article)
        assert footers(own) == numbers[first:first + length] == [(k, total) for k in range(first - cover + 1, first - cover + length + 1)]
        assert run_pdftotext(own).split("\f")[:-1] == pages[first:first + length]
        assert PdfReader(own).page_labels == labels[first:first + length]
        line = next(line for line in contents.splitlines() if article.meta["title"][:8] in line)
        assert re.search(rf"\s{first - cover + 1}\s+{article.meta['first_page']}\s*$", line), line
        first += length


# Line breaks, read back from pdftotext's word boxes (-bbox-layout): a note's call is a word of
# digits set smaller than the text; a line "starts" at the text's left edge (not after the
# two-character indent of a paragraph's first line).
CLOSING = "，。、；：？！）」』”’》〉】〕"
FINAL = "。！？…”」』）】"
MARGIN = 22 * 72 / 25.4  # galley.css: @page margin, top and bottom
XHTML = "{http://www.w3.org/1999/xhtml}"


def page_lines(path):
    """Per page, its lines of text inside the margins: [[(x0, y0, x1, y1, word), …], …]."""
    import subprocess

    from lxml import etree

    out = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, check=True).stdout
    pages = []
    for page in etree.fromstring(out, etree.XMLParser(huge_tree=True)).iter(XHTML + "page"):
        height, lines = float(page.get("height")), []
        for line in page.iter(XHTML + "line"):
            words = [(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")), w.text or "")
                     for w in line.iter(XHTML + "word")]
            if words and words[0][1] > MARGIN and words[-1][3] < height - MARGIN:
                lines.append(words)
        pages.append(lines)
    return pages


def line_faults(path):
    """[(page, fault, line)]: a line that starts with a note's call or a closing mark, the last
    line of a paragraph alone at the top of a page (short, ending the sentence, at the left
    edge), the first line of a paragraph alone at the foot of a page (indented by its two
    characters, running to the right edge: not a one-line paragraph)."""
    import statistics

    pages = page_lines(path)
    lines = [line for page in pages for line in page]
    left, right = min(l[0][0] for l in lines), max(l[-1][2] for l in lines)
    size = statistics.median(w[3] - w[1] for l in lines for w in l)  # the body text's height

    def call(word):
        return word[4].isdigit() and word[3] - word[1] < 0.7 * size

    def text(line):
        return "".join(w[4] for w in line if not call(w))

    faults = []
    for n, page in enumerate(pages, 1):
        for line in page:
            if abs(line[0][0] - left) <= 1 and (call(line[0]) or line[0][4][:1] in CLOSING):
                faults.append((n, "starts with a call or a closing mark", "".join(w[4] for w in line)[:40]))
        body = [l for l in page if all(abs(w[3] - w[1] - size) < 0.03 * size or call(w) for w in l)]
        if n > 1 and body and body[0] is page[0] and abs(body[0][0][0] - left) <= 1 \
                and body[0][-1][2] - left < (right - left) / 2 and text(body[0])[-1:] in FINAL:
            faults.append((n, "a paragraph's last line alone at the page top", text(body[0])))
        if n < len(pages) and body and pages[n] and size / 2 < body[-1][0][0] - left < 2 * size \
                and text(body[-1])[-1:] not in FINAL and body[-1][-1][2] > right - size:
            faults.append((n, "a paragraph's first line alone at the page foot", text(body[-1])[:40]))
    return faults


@pytest.mark.parametrize("issue", ARCHIVE_ISSUES, ids=lambda i: i.src_uri)
def test_issue_pdf_lines_break_as_print_does(published, issue):
    assert line_faults(issue_pdf(published, issue)) == []


def test_live_issue_pdfs_lines_break_as_print_does(site):
    for issue in LIVE_ISSUES:
        assert line_faults(issue_pdf(site, issue)) == [], issue.src_uri


def test_the_line_checks_find_a_lone_line_and_a_call_starting_a_line(tmp_path):
    """What the checks above would see: WeasyPrint with `widows: 1` leaves a paragraph's last
    line alone on the next page, with `orphans: 1` its first line alone at the foot (galley.css's
    2 does neither), and a call not glued (pdf.py _glue) to the character before it starts a line."""
    from journal.publishing.pdf import galley_body, render_one

    css = (ROOT / "overrides" / "pdf" / "galley.css").read_text(encoding="utf-8")
    cjk = ("Noto Serif CJK SC",)

    def render(body, extra=""):
        html = f'<html lang="zh-CN"><head><title>t</title></head><body><div class="body">{body}</div></body></html>'
        galley = render_one("t.md", html, str(tmp_path), css, cjk, extra)
        assert not galley.errors, galley.errors
        path = tmp_path / "t.pdf"
        path.write_bytes(galley.pdf)
        return [fault for _, fault, _ in line_faults(path)]

    # 42 full lines fill an A4 page at 10pt/1.7 (17 pt a line in 717 pt); the 43rd ends it.
    long = '<p style="text-indent: 0">' + "测" * 48 * 42 + "短句。</p>"
    assert render(long) == []
    assert render(long, ".body p { widows: 1 }") == ["a paragraph's last line alone at the page top"]
    # 40 lines and a paragraph's gap leave room for one line of the next paragraph.
    after = '<p style="text-indent: 0">' + "测" * 48 * 40 + "</p><p>" + "续" * 48 * 3 + "</p>"
    assert render(after) == []
    assert render(after, ".body p { orphans: 1 }") == ["a paragraph's first line alone at the page foot"]
    # The first line holds 46 characters after its indent: the call after the 46th.
    noted = str(galley_body('<div class="article-body"><p>' + "测" * 45 + '特<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>'
                            '，后文。</p><div class="footnote"><ol><li id="fn:1"><p>注。</p></li></ol></div></div>', ""))
    assert 'class="fn-glue"' in noted
    assert render(noted) == []
    assert render(noted.replace('<span class="fn-glue">', "<span>")) == ["starts with a call or a closing mark"]


def test_a_note_call_is_glued_to_the_character_before_and_the_marks_after():
    from journal.publishing.pdf import galley_body

    def ref(n):
        return f'<sup id="fnref:{n}"><a class="footnote-ref" href="#fn:{n}">{n}</a></sup>'

    page = ('<div class="article-body"><p>依赖特征' + ref(1) + '，“2+2”秩序<span class="punct-half">；</span>' + ref(2)
            + '“离岸”。后文。”' + ref(3) + ref(4) + '）完</p><div class="footnote"><ol>'
            + "".join(f'<li id="fn:{i}"><p>注{i}。</p></li>' for i in range(1, 5)) + "</ol></div></div>")
    root = lxml_html.fragment_fromstring(str(galley_body(page, "")), create_parent="div")
    glued = [g.text_content() for g in root.find_class("fn-glue")]
    assert glued == ["征注1。，", "序；注2。", "文。”注3。注4。）"]
    assert root.text_content().startswith("依赖特征注1。，“2+2”秩序；")


def test_the_cache_key_covers_the_libraries():
    from importlib.metadata import version

    from journal.publishing import pdf

    env = pdf.environment([], [ROOT / "overrides" / "pdf"])
    assert f"weasyprint {version('weasyprint')}" in env and f"pydyf {version('pydyf')}" in env
    assert "template galley.css " in env and "template issue.html " in env


def test_a_galley_is_its_body_with_its_issue_pages_footers_laid_over(tmp_path):
    """stamp: a two-page body placed at page 3 of a five-page issue carries footers 3 and 4 of 5
    and page labels 3, 4, keeps its text and its structure tree (the footers are artifacts,
    outside it), and is refused pages the footer sheet does not have."""
    from journal.publishing import pdf

    css = (ROOT / "overrides" / "pdf" / "galley.css").read_text(encoding="utf-8")
    cjk = pdf.required_families(css)
    html = ('<html lang="zh-CN"><head><title>t</title></head><body><div class="body">'
            + "<p>" + "测" * 48 * 50 + "</p><p>" + "<a href=\"https://x.test/\">链接</a>。</p></div></body></html>")
    body = pdf.render_one("t.md", html, str(tmp_path), css, cjk)
    sheet = pdf.render_one("s", pdf.footer_sheet(5), str(tmp_path), css, cjk, "", None)
    assert not body.errors and not sheet.errors and (body.pages, sheet.pages) == (2, 5)
    assert footers(write(tmp_path / "body.pdf", body.pdf)) == [None, None]  # the body has no footer
    assert footers(write(tmp_path / "sheet.pdf", sheet.pdf)) == [(k, 5) for k in range(1, 6)]
    galley = pdf.stamp("t.md", str(tmp_path / "body.pdf"), str(tmp_path / "sheet.pdf"), 3, cjk)
    assert not galley.errors and galley.pages == 2
    path = write(tmp_path / "galley.pdf", galley.pdf)
    assert footers(path) == [(3, 5), (4, 5)]
    reader = PdfReader(path)
    assert reader.page_labels == ["3", "4"]
    assert structure(reader) == structure(PdfReader(tmp_path / "body.pdf"))
    check_parent_tree(reader)
    info = pdf_info(path)
    assert info["Tagged"] == "yes" and info["Title"] == "t"
    strip = re.compile(r"PDF第\d+页/本期共5页（非印刷版页码）")
    assert [strip.sub("", squeeze(p)) for p in run_pdftotext(path).split("\f")] == \
        [squeeze(p) for p in run_pdftotext(tmp_path / "body.pdf").split("\f")]
    late = pdf.stamp("t.md", str(tmp_path / "body.pdf"), str(tmp_path / "sheet.pdf"), 5, cjk)
    assert late.pdf == b"" and "not in the issue's footer sheet" in late.errors[0]


def test_a_body_reports_the_pages_and_fonts_its_pdf_holds(tmp_path):
    """render_one takes a body's page count and embedded fonts from the PDF's objects as
    WeasyPrint writes them (no second parse): they are what pdfinfo and pdffonts read from its
    bytes; a body set in no CJK font is refused, naming the fonts it embeds."""
    from journal.publishing import pdf

    css = (ROOT / "overrides" / "pdf" / "galley.css").read_text(encoding="utf-8")
    cjk = pdf.required_families(css)
    html = ('<html lang="zh-CN"><head><title>t</title></head><body><div class="body"><h2>标题</h2>'
            + "<p>" + "测" * 48 * 60 + "</p><p>English <i>text</i>.</p></div></body></html>")
    body = pdf.render_one("t.md", html, str(tmp_path), css, cjk)
    path = write(tmp_path / "body.pdf", body.pdf)
    assert not body.errors and body.pages == int(pdf_info(path)["Pages"]) == 2
    read_back = sorted({name.split("+")[-1] for name, _, embedded, _, _ in pdf_fonts(path) if embedded})
    assert list(body.fonts) == read_back and pdf.has_face(body.fonts, cjk) and len(read_back) >= 3
    english = '<html lang="en"><head><title>t</title></head><body><p>English only.</p></body></html>'
    latin = pdf.render_one("t.md", english, str(tmp_path), "html { font-family: \"DejaVu Sans\" }", cjk)
    assert latin.fonts == tuple(pdf.embedded_fonts(latin.pdf)) == ("DejaVu-Sans",)
    assert "no CJK font embedded (embedded: DejaVu-Sans;" in latin.errors[-1]


def write(path, data):
    path.write_bytes(data)
    return path


def test_a_longer_article_renders_alone_and_the_galleys_after_it_are_only_stamped(tmp_path):
    """A correction that adds pages to an issue's first article: the next build renders that
    article's body, the issue's footer sheet and cover, stamps the issue's galleys again and
    joins its PDF (the cache gains those entries, keyed by the new first pages and total);
    every other entry, the other articles' bodies among them, is reused untouched."""
    docs = docs_with_assets(ARCHIVE, tmp_path / "docs")
    cache = tmp_path / "cache"
    assert build_site(docs, tmp_path / "site", JOURNAL_CACHE_DIR=str(cache)).returncode == 0
    entries = {p: p.stat().st_mtime_ns for p in (cache / "pdf").glob("*.pdf")}
    issue = ARCHIVE_ISSUES[0]
    before = [len(PdfReader(pdf_of(tmp_path / "site", a)).pages) for a in issue.articles]
    source = docs / issue.articles[0].src_uri
    text = source.read_text(encoding="utf-8")
    source.write_text(text + "\n" + "\n\n".join("补充段落。" + "测" * 300 for _ in range(12)) + "\n", encoding="utf-8")
    again = build_site(docs, tmp_path / "site", JOURNAL_CACHE_DIR=str(cache))
    assert again.returncode == 0, again.stderr
    now = {p: p.stat().st_mtime_ns for p in (cache / "pdf").glob("*.pdf")}
    assert {p: t for p, t in now.items() if p in entries} == entries  # nothing rewritten
    assert len(set(now) - set(entries)) == 1 + 1 + 1 + len(issue.articles) + 1  # body, sheet, cover, galleys, issue
    after = [len(PdfReader(pdf_of(tmp_path / "site", a)).pages) for a in issue.articles]
    assert after[0] > before[0] and after[1:] == before[1:]
    second = footers(pdf_of(tmp_path / "site", issue.articles[1]))
    assert second[0] == (after[0] + 1, sum(after))

"""In Chromium: the cite box shows every style and file of the registry (journal.citations);
the online GB/T form carries the reader's date and copies; APA copies as rich text with the
journal in italics; GB/T is set with no gap before its ASCII commas; a browser print of an article starts with the
journal, issue and print pages, shows no interface, and leaves no page half empty."""

import datetime
import re
import subprocess

import pytest

from bench import browser as browser_helper
from journal import citations
from tests.publishing.conftest import page_fill, pdf_text, squeeze

ARTICLE = "/2026/01/zhang-san/"


@pytest.fixture(scope="module")
def archive_server(published):
    base, httpd = browser_helper.serve(published)
    yield base
    httpd.shutdown()


@pytest.fixture
def cite_page(page, archive_server):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(archive_server + ARTICLE)
    page.click("details.cite-box > summary")
    return page


def test_online_form_gets_the_reader_s_date_and_copies(cite_page):
    page = cite_page
    today = page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; })()")
    date = datetime.date(*today).isoformat()
    text = page.locator("#cite-gbt7714-online").inner_text().strip()
    assert f"[J/OL]. 国际问题研究, 2026(1): 1-4[{date}]. " in text and text.endswith("/2026/01/zhang-san/.")
    page.click('button[data-clipboard-target="#cite-gbt7714-online"]')
    page.wait_for_timeout(300)
    assert page.evaluate("navigator.clipboard.readText()").strip() == text
    assert page.locator(".cite-status").inner_text() == "已复制"


def test_the_cite_box_shows_every_style_and_file_of_the_registry(cite_page):
    page = cite_page
    labels = page.locator(".cite-box .cite-label").all_inner_texts()
    assert len(labels) == len(citations.STYLES)
    for style, label in zip(citations.STYLES, labels):
        assert label.startswith(style.label), (style.key, label)
        text = page.locator(f"#cite-{style.key}")
        assert text.is_visible() and text.inner_text().strip(), style.key
    links = page.locator(".cite-box a[data-cite-file]")
    assert links.evaluate_all("els => els.map(a => a.dataset.citeFile)") == [f.key for f in citations.FILES]
    for href in links.evaluate_all("els => els.map(a => a.href)"):  # each file is there
        assert page.request.get(href).ok, href


@pytest.mark.parametrize("key", [s.key for s in citations.STYLES])
def test_every_style_copies_what_it_shows(cite_page, key):
    page = cite_page
    page.click(f'button[data-clipboard-target="#cite-{key}"]')
    page.wait_for_timeout(200)
    assert page.evaluate("navigator.clipboard.readText()").strip() == page.locator(f"#cite-{key}").inner_text().strip()


def test_the_open_cite_box_fits_a_phone(page, archive_server):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(archive_server + ARTICLE)
    page.click("details.cite-box > summary")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.locator("details.cite-box").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    # Every tap target at least 24×24 px (WCAG 2.2, 2.5.8), every label at least ~12 px.
    targets = page.locator("details.cite-box summary, details.cite-box button, .cite-downloads a").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [e.textContent.trim(), r.width, r.height]; })")
    assert len(targets) == 1 + len(citations.STYLES) + len(citations.FILES) + 1  # (+ the JATS XML file)
    assert all(w >= 24 and h >= 24 for _, w, h in targets), targets
    sizes = page.locator("details.cite-box *").evaluate_all("""els => els
        .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) && e.getClientRects().length)
        .map(e => [e.textContent.trim().slice(0, 20), parseFloat(getComputedStyle(e).fontSize)])""")
    assert sizes and all(size >= 11.9 for _, size in sizes), [s for s in sizes if s[1] < 11.9]


def test_the_cite_box_speaks_the_page_s_language(cite_page):
    """A Chinese page: each tooltip is Chinese (the style's name aside), the English label
    beside the Chinese is its own element marked lang="en"; after a copy the label comes back whole."""
    page = cite_page
    titles = page.locator(".cite-box button.cite-copy").evaluate_all("els => els.map(b => b.title)")
    assert titles == [f"复制 {s.label}" + (f"（{s.variant}）" if s.variant else "") for s in citations.STYLES]
    assert not any("Copy" in t or (s.variant_en and s.variant_en in t) for s, t in zip(citations.STYLES, titles))
    english = page.locator(".cite-box .label-en").evaluate_all("els => els.map(e => [e.lang, e.textContent])")
    assert english and all(lang == "en" and not re.search(r"[\u3000-\u9fff\uff00-\uffef]", text) for lang, text in english)
    button = page.locator('button[data-clipboard-target="#cite-apa"]')
    before = button.inner_html()
    button.click()
    page.wait_for_timeout(200)
    assert button.inner_text() == "已复制"
    button.click()  # a second click while it says 已复制
    page.wait_for_timeout(1800)
    assert button.inner_html() == before


def test_gbt7714_has_no_gap_before_its_ascii_commas(cite_page):
    """Issue 20: text-autospace set a gap in `王帆 , 温盈晖 .`; a citation is set as printed."""
    gaps = cite_page.evaluate("""() => {
        const node = document.querySelector('#cite-gbt7714').firstChild, text = node.textContent, out = [];
        for (let i = 1; i < text.length; i++) {
            if (!/[,.]/.test(text[i]) || !/[\u4e00-\u9fff]/.test(text[i - 1])) continue;
            const before = document.createRange(), mark = document.createRange();
            before.setStart(node, i - 1); before.setEnd(node, i);
            mark.setStart(node, i); mark.setEnd(node, i + 1);
            out.push(mark.getBoundingClientRect().left - before.getBoundingClientRect().right);
        }
        return out;
    }""")
    assert gaps and all(abs(g) < 0.5 for g in gaps), gaps


def test_apa_copies_as_rich_text_with_the_journal_in_italics(cite_page):
    page = cite_page
    page.click('button[data-clipboard-target="#cite-apa"]')
    page.wait_for_timeout(300)
    copied = page.evaluate("""async () => {
        const [item] = await navigator.clipboard.read();
        return {html: await (await item.getType('text/html')).text(), plain: await (await item.getType('text/plain')).text()};
    }""")
    assert "<i>Guoji Wenti Yanjiu</i>" in copied["html"] and "<i>国际问题研究</i>" not in copied["html"]
    assert copied["plain"] == page.locator("#cite-apa").inner_text().strip()
    assert "[A new article in the archive]" in copied["plain"]


def test_cite_icon_is_not_the_pencil(cite_page):
    mask = cite_page.evaluate("""getComputedStyle(document.querySelector('details.cite-box > summary'), '::before').maskImage
        || getComputedStyle(document.querySelector('details.cite-box > summary'), '::before').webkitMaskImage""")
    assert "M14 17h3l2-4V7h-6v6h3M6 17h3l2-4V7H5v6h3z" in mask.replace("%20", " ")


def test_browser_print_starts_with_where_the_article_stands_and_wastes_no_page(page, server, tmp_path):
    """A long live article printed by Chromium (A4, print stylesheet)."""
    page.goto(server + "/2026/02/wu-xinbo/")
    page.emulate_media(media="print")
    assert page.locator(".article-print-masthead").is_visible()
    for hidden in (".md-header", ".md-sidebar--primary", ".cite-box", ".md-footer", ".article-actions"):
        assert not page.locator(hidden).first.is_visible(), hidden
    path = tmp_path / "print.pdf"
    page.pdf(path=str(path), prefer_css_page_size=True)
    pages = pdf_text(path).split("\f")[:-1]
    first = pages[0]
    assert squeeze("《国际问题研究》2026 年第 2 期（总第 232 期）· 印刷版第 35–48 页") in squeeze(first)
    assert "引用本文" in first and "RIS" not in first and "复制" not in first
    # every page but the last is filled to its foot (a block kept whole would leave a gap)
    fills = page_fill(path)
    assert len(fills) == len(pages) and all(f > 0.8 for f in fills[:-1]), fills
    assert re.search(r"^\s*1\s*/\s*\d+\s*$", first, re.M)  # page numbers

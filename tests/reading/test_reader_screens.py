"""Issue 20 as a reader sees it, in Chromium at 390 and 1280 px, light and dark: the issue
line, the first phone screen, folded bios, the notes (heading, contrast, Latin face, 24×24 tap
targets, no sideways scroll), the English pages, the About and 404 pages.

Screenshots of each are written to $JOURNAL_SCREENSHOTS (default: pytest's temporary folder)
for a person to look at; the assertions do not read them."""

import os
import subprocess
from pathlib import Path

import pytest

from bench import browser as browser_helper
from tests.reading.conftest import ARTICLE

LONGEST = "/2026/02/wang-fan/"  # the longest article, with the most notes
ENGLISH = "/en/2026/02/"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    folder = Path(os.environ.get("JOURNAL_SCREENSHOTS") or tmp_path_factory.mktemp("screens"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_page(browser, size, scheme):
    phone = size == "phone"
    context = browser.new_context(viewport=SIZES[size], color_scheme=scheme, locale="zh-CN",
                                  is_mobile=phone, has_touch=phone, device_scale_factor=1)
    return context, context.new_page()


@pytest.fixture(params=[(s, c) for s in SIZES for c in ("light", "dark")], ids=lambda p: f"{p[0]}-{p[1]}")
def reader(request, browser):
    size, scheme = request.param
    context, page = open_page(browser, size, scheme)
    page.size, page.scheme = size, scheme
    yield page
    context.close()


def test_the_issue_line_is_on_screen_and_leads_to_the_issue(reader, reading_server, shots):
    reader.goto(reading_server + ARTICLE)
    line = reader.locator(".article-issue-line")
    assert line.is_visible()
    assert "《国际问题研究》2026 年第 2 期" in line.inner_text()
    reader.screenshot(path=str(shots / f"article-{reader.size}-{reader.scheme}.png"))
    line.locator("a").click()
    reader.wait_for_load_state()
    assert reader.url == reading_server + "/2026/02/"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", [LONGEST, ENGLISH, "/en/", "/about/"])
def test_no_sideways_scroll_on_a_phone(browser, reading_server, url, scheme):
    context, page = open_page(browser, "phone", scheme)
    try:
        page.goto(reading_server + url)
        page.wait_for_timeout(200)
        widths = page.evaluate("() => [document.documentElement.scrollWidth, document.body.scrollWidth, innerWidth]")
        assert widths[0] == widths[2] == 390 and widths[1] <= widths[2], widths
    finally:
        context.close()


def test_the_first_phone_screen_shows_titles_authors_and_the_abstract(browser, reading_server):
    context, page = open_page(browser, "phone", "light")
    try:
        for url in ("/2026/02/wang-fan/", "/2026/02/zhang-chaozhe/", "/2026/02/bai-jiayu/"):
            page.goto(reading_server + url)
            boxes = page.evaluate("""() => Object.fromEntries(['.article-title', '.article-title-en', '.article-authors',
                '.article-abstracts .tabbed-block:not([hidden]) p, .article-abstract-single p'].map(s => {
                  const e = [...document.querySelectorAll(s)].find(e => e.offsetParent !== null);
                  return [s, e ? e.getBoundingClientRect().top : null]; }))""")
            for selector, top in boxes.items():
                assert top is not None and top < 844 - 40, (url, selector, top)
            # Bios folded behind the names: in the page, not on the first screen.
            assert page.locator(".article-author-bio").first.is_hidden()
    finally:
        context.close()


def test_an_opened_bio_has_no_lone_last_character(browser, reading_server):
    context, page = open_page(browser, "phone", "light")
    try:
        for url in ("/2026/02/wang-fan/", "/2026/02/zhang-chaozhe/", "/2026/02/bai-jiayu/", "/2026/02/du-lan/",
                    "/2026/02/xu-haina/", "/2026/02/wu-xinbo/", "/2026/02/yang-jiemian/"):
            page.goto(reading_server + url)
            for summary in page.locator("details.article-person > summary").all():
                summary.click()
            lasts = page.evaluate("""() => [...document.querySelectorAll('.article-author-bio')].map(bio => {
                const text = bio.firstChild, n = text.length, range = document.createRange();
                const top = i => { range.setStart(text, i); range.setEnd(text, i + 1); return range.getBoundingClientRect().top; };
                let k = 1; while (k < n && Math.abs(top(n - 1 - k) - top(n - 1)) < 2) k++;
                return [bio.textContent, k, bio.getClientRects().length]; })""")
            for text, on_last_line, _ in lasts:
                assert on_last_line >= 2 or len(text) < 2, (url, text)
    finally:
        context.close()


def test_notes_have_a_heading_full_contrast_and_24px_targets(reader, reading_server, shots):
    reader.goto(reading_server + LONGEST)
    reader.wait_for_timeout(300)  # notes.js turns markers into buttons on a touch screen
    toc_link = reader.locator('.md-nav--secondary a[href="#notes"]')
    assert toc_link.count() >= 1 and "注释" in toc_link.first.inner_text()
    facts = reader.evaluate("""() => {
      const size = e => { const b = e.getBoundingClientRect(); return [b.width, b.height]; };
      const markers = [...document.querySelectorAll('sup[id^="fnref"] > :is(a, button)')].map(size);
      const backs = [...document.querySelectorAll('.footnote-backref')].map(size);
      const body = getComputedStyle(document.querySelector('.article-body')).color;
      const note = getComputedStyle(document.querySelector('.footnote li p')).color;
      return {markers, backs, body, note, family: getComputedStyle(document.querySelector('.footnote')).fontFamily};
    }""")
    assert facts["markers"] and all(w >= 24 and h >= 24 for w, h in facts["markers"]), facts["markers"][:3]
    assert facts["backs"] and all(w >= 24 and h >= 24 for w, h in facts["backs"]), facts["backs"][:3]
    assert facts["note"] == facts["body"]
    reader.locator("#notes").scroll_into_view_if_needed()
    reader.evaluate("() => window.scrollBy(0, -80)")
    reader.screenshot(path=str(shots / f"notes-{reader.size}-{reader.scheme}.png"))


def test_markers_leave_the_line_height_as_it_was(browser, reading_server):
    """Each paragraph is as tall with the 24 px targets as with plain inline markers."""
    for size in SIZES:
        context, page = open_page(browser, size, "light")
        try:
            page.goto(reading_server + LONGEST)
            page.wait_for_timeout(300)
            measure = """() => [...document.querySelectorAll('.article-body > p')].filter(p => p.querySelector('sup'))
                .map(p => Math.round(p.getBoundingClientRect().height))"""
            with_targets = page.evaluate(measure)
            # (The pages' CSP refuses a <style> element; the CSSOM is allowed.)
            page.evaluate("""() => document.querySelectorAll('sup[id^="fnref"] > :is(a, button)').forEach(e => {
                for (const [k, v] of [['display', 'inline'], ['min-width', '0'], ['min-height', '0'], ['margin', '0'],
                                      ['padding', '0'], ['line-height', 'inherit']]) e.style.setProperty(k, v, 'important'); })""")
            assert page.evaluate(measure) == with_targets, size
        finally:
            context.close()


def test_the_notes_face_is_latin_first_with_a_font_this_machine_has():
    """The first family of the notes' stack that fontconfig has here is a Latin one, and it
    comes before the CJK fallback (journal.css/reader.css; Debian: fonts-liberation,
    fonts-dejavu)."""
    css = Path(__file__).resolve().parents[2] / "overrides/assets/stylesheets/reader.css"
    rule = css.read_text(encoding="utf-8").split(".md-typeset .footnote { color: var(--md-default-fg-color);", 1)[1]
    stack = [f.strip().strip('"') for f in rule.split("font-family:", 1)[1].split(";", 1)[0].split(",")]
    assert stack[-1].startswith("var(--journal-serif)")
    installed = set(subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout.replace("\n", ",").split(","))
    first = next(f for f in stack if f in installed)
    assert "CJK" not in first and stack.index(first) < len(stack) - 1, first


def test_english_pages_in_english(reader, reading_server, shots):
    reader.goto(reading_server + ENGLISH)
    assert reader.evaluate("() => document.documentElement.lang") == "en"
    reader.wait_for_timeout(300)
    assert reader.locator(".hant-toggle").count() == 0 or reader.locator(".hant-toggle").is_hidden()
    labels = reader.evaluate("() => [...document.querySelectorAll(':is([title], [aria-label], [placeholder]):not(.hant-toggle)')]"
                             ".filter(e => e.matches('.md-search__input') || !e.closest('.md-search')).map(e => "
                             "[e.title, e.getAttribute('aria-label'), e.placeholder || ''].join(' '))")
    joined = " ".join(labels)
    assert not any("\u4e00" <= c <= "\u9fff" for c in joined.replace("国际问题研究", "")), joined
    align = reader.evaluate("() => getComputedStyle(document.querySelector('.issue-en-abstract')).textAlign")
    assert align in ("start", "left")
    reader.screenshot(path=str(shots / f"english-{reader.size}-{reader.scheme}.png"))


def test_the_english_abstract_on_an_article_is_ragged_right(browser, reading_server):
    context, page = open_page(browser, "phone", "light")
    try:
        page.goto(reading_server + ARTICLE + "#abstract-en")
        page.wait_for_timeout(200)
        block = page.locator(".article-abstracts .tabbed-block[lang='en'] p")
        assert block.evaluate("e => getComputedStyle(e).textAlign") in ("start", "left")
    finally:
        context.close()


def test_about_page(reader, reading_server, shots):
    reader.goto(reading_server + "/about/")
    text = reader.locator("article").inner_text()
    assert "中国国际问题研究院" in text and "0452-8832" in text and "待补" in text
    reader.screenshot(path=str(shots / f"about-{reader.size}-{reader.scheme}.png"), full_page=reader.size == "phone")


def test_the_404_page(reader, site, tmp_path_factory, shots):
    """A missing address, served as GitHub Pages serves the project: under its path, 404.html."""
    html = (site / "404.html").read_text(encoding="utf-8")
    prefix = html.split('href="', 1)[0] and html.split('assets/stylesheets/', 1)[0].rsplit('"', 1)[1]
    root = tmp_path_factory.mktemp("pages")
    target = root / prefix.strip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(site)
    base, httpd = browser_helper.serve(root)
    try:
        reader.goto(base + prefix + "404.html")
        assert reader.locator("h1").inner_text().startswith("找不到这一页")
        assert "Page not found" in reader.locator("h1").inner_text()
        assert reader.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") != "static"
        reader.screenshot(path=str(shots / f"404-{reader.size}-{reader.scheme}.png"))
    finally:
        httpd.shutdown()


def test_a_reader_who_chose_traditional_still_gets_english_pages_in_english(browser, reading_server):
    context, page = open_page(browser, "desktop", "light")
    try:
        page.goto(reading_server + "/2026/02/")
        page.evaluate("() => localStorage.setItem('journal.script', 'hant')")
        page.goto(reading_server + ENGLISH)
        page.wait_for_timeout(800)
        assert page.evaluate("() => document.documentElement.lang") == "en"
        assert page.locator(".hant-toggle").count() == 0
    finally:
        context.close()


def test_folded_bios_are_printed(browser, reading_server):
    context, page = open_page(browser, "desktop", "light")
    try:
        page.goto(reading_server + "/2026/02/zhang-chaozhe/")
        assert page.locator(".article-author-bio").first.is_hidden()
        page.emulate_media(media="print")
        assert page.locator(".article-author-bio").first.is_visible()
    finally:
        context.close()

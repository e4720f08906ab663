"""The article page in headless Chromium, as a reader uses it."""

import pytest

from tests.conftest import ROOT
from journal.catalog import pages_on_disk, read_catalog

ARTICLES = [a for issue in read_catalog(pages_on_disk(ROOT / "docs")) for a in issue.articles]
SHOTS = ROOT / "build" / "screenshots"


def url_of(server, article):
    return f"{server}/{article.src_uri[:-len('.md')]}/"


@pytest.fixture
def article_page(page, server):
    article = next(a for a in ARTICLES if a.src_uri.endswith("wang-fan.md"))
    page.goto(url_of(server, article))
    return page


def test_footnote_reference_jumps_to_its_note_and_back(article_page):
    page = article_page
    page.click('a.footnote-ref[href="#fn:3"]')
    page.wait_for_function("() => location.hash === '#fn:3'")
    note = page.locator('li[id="fn:3"]')
    assert note.is_visible()
    assert "Nina Silove" in note.inner_text() or note.inner_text().strip()
    page.click('li[id="fn:3"] a.footnote-backref')
    page.wait_for_function("() => location.hash === '#fnref:3'")
    assert page.locator('sup[id="fnref:3"]').is_visible()


def test_footnote_hover_preview_shows_the_note(article_page):
    page = article_page
    ref = page.locator('a.footnote-ref[href="#fn:1"]')
    ref.scroll_into_view_if_needed()
    ref.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5000)
    expected = page.locator('li[id="fn:1"]').inner_text().strip()[:20]
    assert expected in tooltip.inner_text()


def test_keyword_link_opens_its_index_entry(article_page):
    page = article_page
    link = page.locator("a.article-keyword").first
    keyword = link.inner_text().strip()
    link.click()
    page.wait_for_load_state()
    assert "/keywords/" in page.url
    target = page.locator(":target")
    assert keyword in target.inner_text()


def test_cite_copy_button_copies_the_reference(article_page, browser):
    page = article_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("details.cite-box > summary")
    expected = page.locator("#cite-gbt7714").inner_text().strip()
    page.click('button[data-clipboard-target="#cite-gbt7714"]')
    page.wait_for_timeout(300)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == expected and "[J]. 国际问题研究" in copied


def test_abstract_tabs_switch_to_english(article_page):
    page = article_page
    english = page.locator('.article-abstracts .tabbed-block[lang="en"]')
    assert not english.is_visible()
    page.click('label[for="abstract-en"]')
    assert english.is_visible()


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_desktop_and_phone(page, server, width):
    """Screenshots to look at (build/screenshots/); asserts the page fits the screen."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    for name, path in (("home", "/"), ("article", "/2026/02/wu-xinbo/")):
        page.goto(server + path)
        page.wait_for_timeout(200)
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"))
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than a {width}px screen"


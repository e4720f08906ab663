"""简/繁: the toggle shows the whole page in Traditional characters (OpenCC s2t, vendored
opencc-js loaded from the site itself), remembered across pages, reversible to the exact
published text; citations stay Simplified; journalToSimplified for the search box."""

import hashlib
from urllib.parse import urlparse

import pytest

from tests.conftest import ROOT
from tests.reading.conftest import ARTICLE

VENDORED = ROOT / "overrides" / "assets" / "javascripts" / "vendor" / "opencc-full.js"
NPM = ROOT / "node_modules" / "opencc-js" / "dist" / "umd" / "full.js"


def _wait_lang(page, lang):
    for _ in range(100):
        if page.evaluate("() => document.documentElement.lang") == lang:
            return
        page.wait_for_timeout(100)
    pytest.fail(f"the page never became lang={lang}")


def test_the_vendored_converter_is_the_pinned_npm_file():
    if not NPM.is_file():
        pytest.skip("node_modules not installed (npm ci)")
    assert hashlib.sha256(VENDORED.read_bytes()).digest() == hashlib.sha256(NPM.read_bytes()).digest()


def test_the_converter_loads_only_when_asked(desktop, reading_server):
    desktop.goto(reading_server + ARTICLE)
    desktop.wait_for_timeout(300)
    assert not any("opencc" in url for url in desktop.context.requests)


def test_the_toggle_converts_the_page_remembers_it_and_converts_back(desktop, reading_server):
    desktop.goto(reading_server + ARTICLE)
    original = desktop.locator(".article-body").inner_text()
    cite = desktop.locator("#cite-gbt7714").text_content()
    toggle = desktop.locator("button.hant-toggle")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    _wait_lang(desktop, "zh-Hant")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert "戰略收縮背景下美國對外政策的調整" in desktop.locator("h1.article-title").inner_text()
    assert "國際問題研究" in desktop.title()
    assert desktop.locator("#cite-gbt7714").text_content() == cite  # cite what was published
    english = desktop.locator(".article-title-en").inner_text()
    assert english.startswith("The Adjustments")
    # remembered on the next page
    desktop.goto(reading_server + "/2026/02/")
    _wait_lang(desktop, "zh-Hant")
    assert "國際問題研究" in desktop.locator(".issue-journal").inner_text()
    # and back to the published text, exactly
    desktop.goto(reading_server + ARTICLE)
    _wait_lang(desktop, "zh-Hant")
    desktop.locator("button.hant-toggle").click()
    _wait_lang(desktop, "zh-CN")
    assert desktop.locator(".article-body").inner_text() == original
    hosts = {urlparse(u).netloc for u in desktop.context.requests if u.startswith("http")}
    assert hosts == {urlparse(reading_server).netloc}  # no request leaves the site


def test_journal_to_simplified_for_the_search_box(desktop, reading_server):
    desktop.goto(reading_server + ARTICLE)
    desktop.evaluate("() => journalToSimplified.ready()")
    assert desktop.evaluate("() => journalToSimplified('國際問題研究：戰略收縮')") == "国际问题研究：战略收缩"
    assert desktop.evaluate("() => journalToSimplified('战略 strategy')") == "战略 strategy"

"""简/繁: the toggle shows the whole page in Traditional characters (OpenCC s2t, vendored
opencc-js loaded from the site itself), remembered across pages, reversible to the exact
published text; citations stay Simplified; journalSpellings for the search box (the search
itself: tests/search/test_search.py and tests/test_bundle.py)."""

import filecmp
import subprocess
from urllib.parse import urlparse

import pytest

from tests.conftest import ROOT, wait_for_lang
from tests.reading.conftest import ARTICLE

VENDOR = ROOT / "overrides" / "assets" / "javascripts" / "vendor"


def test_the_vendored_files_are_what_tools_vendor_opencc_writes(tmp_path):
    """The pinned opencc-js (package-lock.json, installed by make test) and the query table made
    from it: `make vendor` must have been run after an upgrade."""
    subprocess.run(["node", str(ROOT / "tools" / "vendor-opencc.cjs"), str(tmp_path)], check=True)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(p.name for p in VENDOR.iterdir())
    _, mismatch, errors = filecmp.cmpfiles(tmp_path, VENDOR, names, shallow=False)
    assert mismatch == [] and errors == []


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
    wait_for_lang(desktop, "zh-Hant")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert "戰略收縮背景下美國對外政策的調整" in desktop.locator("h1.article-title").inner_text()
    assert "國際問題研究" in desktop.title()
    assert desktop.locator("#cite-gbt7714").text_content() == cite  # cite what was published
    english = desktop.locator(".article-title-en").inner_text()
    assert english.startswith("The Adjustments")
    # remembered on the next page
    desktop.goto(reading_server + "/2026/02/")
    wait_for_lang(desktop, "zh-Hant")
    assert "國際問題研究" in desktop.locator(".issue-journal").inner_text()
    # and back to the published text, exactly
    desktop.goto(reading_server + ARTICLE)
    wait_for_lang(desktop, "zh-Hant")
    desktop.locator("button.hant-toggle").click()
    wait_for_lang(desktop, "zh-CN")
    assert desktop.locator(".article-body").inner_text() == original
    hosts = {urlparse(u).netloc for u in desktop.context.requests if u.startswith("http")}
    assert hosts == {urlparse(reading_server).netloc}  # no request leaves the site


def _vendor_requests(page):
    return sorted({urlparse(u).path.rsplit("/", 1)[-1] for u in page.context.requests if "/vendor/" in u})


def test_a_simplified_query_is_searched_as_typed_and_fetches_only_the_table(desktop, reading_server):
    desktop.goto(reading_server + ARTICLE)
    assert desktop.evaluate("() => journalSpellings('战略 strategy')") == ["战略 strategy"]
    assert desktop.evaluate("() => journalSpellings('Trump')") == ["Trump"]
    assert _vendor_requests(desktop) == ["opencc-query.js"]


def test_a_traditional_query_is_searched_in_its_simplified_spellings(desktop, reading_server):
    desktop.goto(reading_server + ARTICLE)
    assert desktop.evaluate("() => journalSpellings('國際問題研究')") == ["國際問題研究", "国际问题研究"]
    # s2t writes 坐标 as 座標, which t2s reads back as 座标: both are searched.
    assert desktop.evaluate("() => journalSpellings('縱座標')") == ["縱座標", "纵座标", "纵坐标"]
    assert _vendor_requests(desktop) == ["opencc-query.js", "opencc-t2cn.js"]


def test_on_a_traditional_page_the_search_uses_the_converter_already_there(desktop, reading_server):
    desktop.goto(reading_server + ARTICLE)
    desktop.locator("button.hant-toggle").click()
    wait_for_lang(desktop, "zh-Hant")
    assert desktop.evaluate("() => journalSpellings('戰略收縮')") == ["戰略收縮", "战略收缩"]
    assert _vendor_requests(desktop) == ["opencc-full.js", "opencc-query.js"]


def test_a_table_that_does_not_load_leaves_the_search_working_as_typed(desktop, reading_server):
    from bench import archive_search
    desktop.route("**/vendor/opencc-query.js", lambda route: route.abort())
    desktop.goto(reading_server + ARTICLE)
    # wang-fan has 北极; with later issues imported, the newest copy comes first.
    assert [r["slug"].split("/")[-1] for r in archive_search.search(desktop, "北极")][:1] == ["wang-fan"]

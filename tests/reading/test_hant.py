"""简/繁: the toggle shows the whole page in Traditional characters as Taiwan writes them (OpenCC
s2twp, vendored opencc-js loaded from the site itself) with 「」 in Chinese text, remembered
across pages, reversible to the exact published text; citations stay Simplified;
journalSpellings for the search box (the search itself: tests/search/test_search.py,
tests/search/test_taiwan_queries.py and tests/test_bundle.py)."""

import filecmp
import subprocess
from urllib.parse import urlparse

import pytest

from tests.conftest import ROOT, wait_for_lang
from tests.reading.conftest import ARTICLE

VENDOR = ROOT / "overrides" / "assets" / "javascripts" / "vendor"
HANT = "zh-Hant-TW"


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
    wait_for_lang(desktop, HANT)
    assert toggle.get_attribute("aria-pressed") == "true"
    assert "戰略收縮背景下美國對外政策的調整" in desktop.locator("h1.article-title").inner_text()
    assert "國際問題研究" in desktop.title()
    assert desktop.locator("#cite-gbt7714").text_content() == cite  # cite what was published
    english = desktop.locator(".article-title-en").inner_text()
    assert english.startswith("The Adjustments")
    # remembered on the next page
    desktop.goto(reading_server + "/2026/02/")
    wait_for_lang(desktop, HANT)
    assert "國際問題研究" in desktop.locator(".issue-journal").inner_text()
    # and back to the published text, exactly
    desktop.goto(reading_server + ARTICLE)
    wait_for_lang(desktop, HANT)
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


def test_on_a_traditional_page_a_traditional_query_fetches_the_small_converter(desktop, reading_server):
    """The toggle's converter (cn2t) goes one way only; a query in Traditional fetches t2cn."""
    desktop.goto(reading_server + ARTICLE)
    desktop.locator("button.hant-toggle").click()
    wait_for_lang(desktop, HANT)
    assert desktop.evaluate("() => journalSpellings('戰略收縮')") == ["戰略收縮", "战略收缩"]
    assert _vendor_requests(desktop) == ["opencc-cn2t.js", "opencc-query.js", "opencc-t2cn.js"]


def test_a_table_that_does_not_load_leaves_the_search_working_as_typed(desktop, reading_server):
    from bench import archive_search
    desktop.route("**/vendor/opencc-query.js", lambda route: route.abort())
    desktop.goto(reading_server + ARTICLE)
    # wang-fan has 北极; with later issues imported, the newest copy comes first.
    assert [r["slug"].split("/")[-1] for r in archive_search.search(desktop, "北极")][:1] == ["wang-fan"]


def test_a_taiwan_usage_query_is_searched_in_the_published_words(desktop, reading_server):
    """tw2sp: the words a reader of the 繁 page sees or types, read back as the index holds them."""
    desktop.goto(reading_server + ARTICLE)
    spellings = lambda q: desktop.evaluate("q => journalSpellings(q)", q)
    assert "软件" in spellings("軟體")
    assert "信息" in spellings("資訊")
    assert "互联网" in spellings("網際網路")
    assert "为" in "".join(spellings("爲"))  # the old forms as before
    # A Taiwan phrase of characters Simplified shares is a Simplified word on a 简 page ...
    assert spellings("建立") == ["建立"] and spellings("人工智慧") == ["人工智慧"]
    assert _vendor_requests(desktop) == ["opencc-query.js", "opencc-t2cn.js"]
    # ... and what the reader sees on a 繁 page
    desktop.locator("button.hant-toggle").click()
    wait_for_lang(desktop, HANT)
    assert "人工智能" in spellings("人工智慧")


def _article_in_taiwan_usage(page, server):
    page.goto(server + ARTICLE)
    original = page.locator(".article-body").inner_text()
    page.locator("button.hant-toggle").click()
    wait_for_lang(page, HANT)
    return original, page.locator(".article-body").inner_text()


def test_the_page_in_traditional_follows_taiwan_usage(desktop, reading_server):
    original, shown = _article_in_taiwan_usage(desktop, reading_server)
    assert original.count("为") > 20 and original.count("着") > 3  # the article has them to convert
    assert "爲" not in shown and "為" in shown
    # Taiwan writes 著 for every 着 of this article (意味着 -> 意味著, 随着 -> 隨著)
    assert "意味著" in shown and "着" not in shown


def test_chinese_quotes_become_corner_brackets_and_latin_quotes_stay(desktop, reading_server):
    original, shown = _article_in_taiwan_usage(desktop, reading_server)
    assert original.count("“") > 10 and "「" not in original
    assert shown.count("「") > 10 and shown.count("「") == shown.count("」")
    notes = desktop.locator(".footnote").inner_text()
    english = [line for line in notes.splitlines() if "“" in line and not any("\u4e00" <= c <= "\u9fff" for c in line)]
    assert english, "the notes have an English reference with quotation marks"
    for line in english:  # left as published
        assert "「" not in line and "“" in line and "”" in line
    # the English abstract is not converted at all
    assert "「" not in desktop.locator("[lang^='en']").first.inner_text()


def test_quotes_are_read_across_the_nodes_of_a_block_and_in_text_added_later(desktop, reading_server):
    """A pair may open and close in different text nodes (a search result's <mark>, a note
    marker after it); text added to the page in 繁 is converted as it comes."""
    _article_in_taiwan_usage(desktop, reading_server)
    added = desktop.evaluate("""() => new Promise(resolve => {
        const p = document.createElement("p");
        p.innerHTML = '所谓“<mark>战略</mark>收缩”<sup>3</sup>是 “2+2”<sup>4</sup>对话；'
          + 'Walt, “Don’t Go,” <i>Foreign Affairs</i>; 参见“Japan-U.S. Committee,” Ministry';
        document.querySelector(".article-body").appendChild(p);
        setTimeout(() => resolve(p.textContent), 300);
    })""")
    assert added.startswith("所謂「戰略收縮」3是 「2+2」4對話；")
    assert "Walt, “Don’t Go,” Foreign Affairs; 參見“Japan-U.S. Committee,” Ministry" in added

"""A reader of the page shown in 繁 (Taiwan usage, OpenCC s2twp) copies or types the words as
Taiwan writes them (軟體 for 软件, 資訊 for 信息, 人工智慧 for 人工智能): the search box finds the
articles that hold the published Simplified words, on the website and in the offline bundle
from file:// (hant.js journalSpellings, tw2sp)."""

import json
import subprocess

import pytest

from bench import archive_search
from tests.conftest import ROOT, wait_for_lang
from tests.search.test_search import ISSUE, QUERIES, article_texts
from tests.test_bundle import QUERY_ISSUE, fresh_bundle, fresh_offline_page  # noqa: F401 (fixtures)

HANT = "zh-Hant-TW"
# Words whose Taiwan form is another word, not only other characters.
WORDS = {"軟體": "软件", "資訊": "信息", "網際網路": "互联网", "人工智慧": "人工智能", "演算法": "算法"}


def convert(texts, to):
    """`texts` by the pinned opencc-js run in node (not the site's copy: the site must agree with
    the package)."""
    script = ("const c = require(process.argv[1]).Converter({from: 'cn', to: process.argv[2]});"
              "process.stdout.write(JSON.stringify(JSON.parse(require('fs').readFileSync(0, 'utf8')).map(c)))")
    done = subprocess.run(["node", "-e", script, str(ROOT / "node_modules" / "opencc-js"), to],
                          input=json.dumps(texts), capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def taiwan_entries():
    """The list's queries that Taiwan writes otherwise than s2t does (偽 for 僞, 人工智慧)."""
    queries = [entry["query"] for entry in QUERIES]
    return [(entry, tw) for entry, t, tw in zip(QUERIES, convert(queries, "t"), convert(queries, "twp")) if tw != t]


def test_the_words_are_what_taiwan_usage_writes():
    assert convert(list(WORDS.values()), "twp") == list(WORDS)


def _on_a_traditional_page(page, url):
    page.goto(url)
    page.locator("button.hant-toggle").click()
    wait_for_lang(page, HANT)


def _finds(page, word, simplified, issue):
    texts = article_texts()
    want = {slug for slug, text in texts.items() if simplified in text}
    assert want, f"no article of {issue} has {simplified}"
    results = archive_search.search(page, word)
    inside = [r["slug"].split("/")[-1] for r in results if r["slug"].startswith(issue + "/")]
    assert want <= set(inside), (word, sorted(want - set(inside)))
    assert inside[0] in want, (word, inside[:3])


def test_taiwan_words_typed_on_a_traditional_page_find_the_published_words(browser, search_server):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _on_a_traditional_page(page, search_server[0] + f"/{ISSUE}/wang-fan/")
    for word, simplified in WORDS.items():
        _finds(page, word, simplified, ISSUE)
    page.close()


def test_the_lists_queries_in_taiwan_usage_find_what_the_simplified_queries_find(browser, search_server):
    entries = taiwan_entries()
    assert any(tw != entry["query"] and "人工智慧" in tw for entry, tw in entries), entries
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _on_a_traditional_page(page, search_server[0] + f"/{ISSUE}/wang-fan/")
    outcomes = [(entry, archive_search.search(page, tw)) for entry, tw in entries]
    page.close()
    result = archive_search.score(outcomes, ISSUE)
    assert result["missed"] == [] and result["false_hits"] == [] and result["wrong_first"] == []


def test_a_taiwan_word_finds_its_article_from_disk(fresh_offline_page):  # noqa: F811
    """From file://, the converters load from the bundle's own vendor/ (every request outside
    the folder is refused and recorded)."""
    page = fresh_offline_page
    _on_a_traditional_page(page, (page.folder / QUERY_ISSUE / "wang-fan.html").as_uri())
    for word in ("軟體", "網際網路", "人工智慧"):
        _finds(page, word, WORDS[word], QUERY_ISSUE)
    assert all(u.startswith((page.folder.as_uri(), "data:", "about:", "blob:")) for u in page.requests)
    assert any(u.endswith("vendor/opencc-cn2t.js") for u in page.requests)
    assert any(u.endswith("vendor/opencc-t2cn.js") for u in page.requests)

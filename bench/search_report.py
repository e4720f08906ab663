"""How well Chinese search works, measured as a reader meets it: queries typed into the real
search box of the built site in headless Chromium.

    python -m bench.search_report [site]

Prints, for the query list in tests/search/search_queries.yaml, each query's results and overall
recall, false hits and right-article-first. tests/search/test_search.py asserts on the same run.
"""

import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import yaml

from . import ROOT
from .browser import launch, served

QUERIES = ROOT / "tests" / "search" / "search_queries.yaml"


def load_queries(path=QUERIES):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def result_pages(page):
    """Slugs of the pages in the result list, in the order shown."""
    hrefs = page.eval_on_selector_all(
        ".md-search-result__list > .md-search-result__item > a.md-search-result__link",
        "links => links.map(a => a.getAttribute('href'))",
    )
    slugs = [urlparse(h).path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html") for h in hrefs]
    return list(dict.fromkeys(slugs))  # a page's further sections repeat its link


# Material's result line while it is not showing results: "键入以开始搜索" (type to start),
# "正在初始化搜索引擎" (the worker is still building its index).
NOT_RESULTS = ("键入", "初始化")


def type_query(page, query, timeout=10.0):
    """Type like a reader (key events; Material searches on keyup), then wait until the results
    settle: search is ready and the result line and list are unchanged for three polls 120 ms
    apart. Returns the result slugs. The tests and the benchmarks all wait this way."""
    box = page.locator(".md-search__input")
    box.click()
    box.press("Control+A")
    box.press("Backspace")
    page.keyboard.type(query, delay=20)
    page.keyboard.press("End")  # a key-up after the last character, as an IME commit gives
    deadline, last, stable = time.monotonic() + timeout, None, 0
    while time.monotonic() < deadline:
        page.wait_for_timeout(120)
        meta = page.locator(".md-search-result__meta").inner_text()
        current = (meta, tuple(result_pages(page)))
        stable = stable + 1 if current == last and not any(m in meta for m in NOT_RESULTS) else 0
        if stable >= 3:
            return list(current[1])
        last = current
    raise TimeoutError(f"search results for {query!r} did not settle within {timeout} s")


def run_queries(page, start_url, queries):
    """[(entry, result slugs, seconds to settled results)] for every query, typed on one page."""
    page.goto(start_url)
    outcomes = []
    for entry in queries:
        start = time.monotonic()
        found = type_query(page, entry["query"])
        outcomes.append((entry, found, time.monotonic() - start))
    return outcomes


def score(outcomes):
    expected = sum(len(e["articles"]) for e, _, _ in outcomes)
    recalled = sum(len(set(e["articles"]) & set(found)) for e, found, _ in outcomes)
    false_hits = [(e["query"], sorted(set(found) - set(e["articles"]))) for e, found, _ in outcomes if set(found) - set(e["articles"])]
    firsts = [(e, found) for e, found, _ in outcomes if e.get("first")]
    right_first = sum(1 for e, found in firsts if found[:1] == [e["first"]])
    return {
        "queries": len(outcomes),
        "recall": recalled / expected if expected else 1.0,
        "missed": [(e["query"], sorted(set(e["articles"]) - set(found))) for e, found, _ in outcomes if set(e["articles"]) - set(found)],
        "false_hits": false_hits,
        "right_first": (right_first, len(firsts)),
        "wrong_first": [(e["query"], e["first"], found[:1]) for e, found in firsts if found[:1] != [e["first"]]],
    }


def main(argv=None):
    from playwright.sync_api import sync_playwright

    site = Path((argv or sys.argv[1:] or [ROOT / "site"])[0])
    data = load_queries()
    with served(site) as (base_url, _), sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        outcomes = run_queries(page, base_url + "/", data["queries"])
        browser.close()
    for entry, found, seconds in outcomes:
        mark = "ok " if set(found) == set(entry["articles"]) else "BAD"
        print(f"{mark} {entry['query']:<14} {entry['kind']:<8} found {','.join(found) or '-'}")
    result = score(outcomes)
    seconds = sorted(s for _, _, s in outcomes)
    print(f"\nqueries: {result['queries']}")
    print(f"recall: {result['recall']:.1%}  missed: {result['missed'] or 'none'}")
    print(f"false hits: {len(result['false_hits'])} queries {result['false_hits'] or ''}")
    print(f"right article first: {result['right_first'][0]}/{result['right_first'][1]} {result['wrong_first'] or ''}")
    print(f"typing to settled results: median {seconds[len(seconds) // 2]:.2f} s (includes the settle wait)")
    return 0 if not (result["missed"] or result["false_hits"] or result["wrong_first"]) else 1


if __name__ == "__main__":
    sys.exit(main())

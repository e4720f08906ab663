"""Search over a growing archive, measured as a reader meets it (zh-search: its own index, index_files.py).

    python -m bench.archive_search [1 10 50 300]

For archives of 1, 10, 50 and 300 issues made with the real importer (bench.growth: copies of
this issue under other numbers), built with the project's mkdocs.yml into a temporary folder:

- build: wall time of the clean build, and of writing the search index alone (the plugin's
  log line); the index on disk (files, bytes);
- per query (Chinese and English), in a fresh browser context (empty cache), from an article
  page: bytes fetched for search from opening the box to the first result shown (gzip, as a
  web server sends them: every file counted gzipped), time from the last key to the first result, and whether the first result inside
  the query list's issue is the right article and every article shown holds the query.

The synthetic issues repeat one issue's text: the same words at the same positions, which
gzip folds together across copies, so index chunks of a real archive are larger. DESIGN.md
(src/journal/search/) has the figures of an archive whose copies are made distinct.

The browser helpers (`search`, `settled_results`) are also what tests/search/ drives.
`timings` and `run` are step 4 of `python -m bench` (and growth's search figures): the same
first-result measurement for a few queries on one page of an already built site.
"""

import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

from . import ROOT
from .browser import launch, served
from .search_report import load_queries

PY = sys.executable
CHINESE = ("特朗普", "中美关系", "南海仲裁案", "人类命运共同体", "联合国海洋法公约", "北极")
ENGLISH = ("maritime", "AUKUS", "Belt and Road")
ARTICLE = "wang-fan"
STATUS = ".md-search-result__meta"
ITEMS = ".md-search-result__list > .md-search-result__item"
WAITING = ("键入", "初始化", "Type to", "Searching")  # the status line before results: type to start, engine starting


# ---- driving the search box (shared with tests/search) ---------------------------------------

def slug_of(href):
    """'2026/02/wang-fan' for .../2026/02/wang-fan/#fn:9 or .../2026/02/wang-fan.html."""
    path = urlparse(href).path.rstrip("/").removesuffix(".html")
    return "/".join(path.split("/")[-3:])


def settled_results(page, timeout=20.0, load_all=True):
    """Wait until the status line shows results and stops changing; with `load_all`, press
    显示更多结果 until every result is listed. Returns [{slug, links, text}] per article."""
    deadline, last, stable = time.monotonic() + timeout, None, 0
    while time.monotonic() < deadline:
        page.wait_for_timeout(80)
        status = page.locator(STATUS).inner_text()
        more = page.locator(".journal-search__more")
        if load_all and not any(w in status for w in WAITING) and more.is_visible():
            more.click()
            stable = 0
            continue
        current = (status, page.locator(ITEMS).count())
        stable = stable + 1 if current == last and not any(w in status for w in WAITING) else 0
        if stable >= 3:
            break
        last = current
    else:
        raise TimeoutError(f"search results did not settle within {timeout} s")
    return page.eval_on_selector_all(ITEMS, """items => items.map(li => ({
        links: [...li.querySelectorAll('a')].map(a => a.href),
        text: li.innerText,
        marks: [...li.querySelectorAll('mark')].map(m => m.textContent),
        group: li.dataset.group || 'exact',
        score: li.dataset.score,
        missing: li.querySelector('.journal-search__missing')?.textContent || '',
    }))""")


def search(page, query, **kwargs):
    """Type `query` into the search box like a reader and return the settled results."""
    box = page.locator(".md-search__input")
    box.click()
    box.press("Control+A")
    box.press("Backspace")
    page.keyboard.type(query, delay=15)
    results = settled_results(page, **kwargs)
    for r in results:
        r["slug"] = slug_of(r["links"][0])
    return results


def score(outcomes, issue):
    """Recall, false hits and right-first over [(entry, results)], counting only articles of
    `issue` (e.g. "2026/02"): results in other issues are neither hits nor false hits."""
    expected = recalled = 0
    missed, false_hits, wrong_first, firsts = [], [], [], 0
    for entry, results in outcomes:
        inside = [r["slug"].split("/")[-1] for r in results if r["slug"].startswith(issue + "/")]
        want = set(entry["articles"])
        expected += len(want)
        recalled += len(want & set(inside))
        if want - set(inside):
            missed.append((entry["query"], sorted(want - set(inside))))
        # An article listed under "every word, not together" or "most of the words" is marked
        # as such: not a false hit of the query as typed.
        exact = {r["slug"].split("/")[-1] for r in results if r["slug"].startswith(issue + "/") and r.get("group", "exact") == "exact"}
        if exact - want:
            false_hits.append((entry["query"], sorted(exact - want)))
        if entry.get("first"):
            firsts += 1
            if inside[:1] != [entry["first"]]:
                wrong_first.append((entry["query"], entry["first"], inside[:1]))
    return {"recall": recalled / expected if expected else 1.0, "missed": missed, "false_hits": false_hits,
            "wrong_first": wrong_first, "right_first": (firsts - len(wrong_first), firsts)}


# ---- the measurement ------------------------------------------------------------------------

def build(docs, site):
    """A clean strict build of docs/ with the project's mkdocs.yml: (seconds, index seconds)."""
    shutil.rmtree(site, ignore_errors=True)
    # No PDF galleys: they are not search, and take minutes for 50 issues (JOURNAL_PDF=false).
    env = dict(os.environ, DOCS_DIR=str(docs), NO_MKDOCS_2_WARNING="1", JOURNAL_PDF="false")
    start = time.perf_counter()
    proc = subprocess.run([PY, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise RuntimeError(f"build failed:\n{proc.stderr[-3000:]}")
    index = re.search(r"zh-search: (\d+) records of (\d+) articles in ([\d.]+) s", proc.stderr)
    return seconds, float(index.group(3)), int(index.group(1))


def wire_bytes(site, path):
    """What a server sends for `path`: a file stored gzipped as it is, text gzipped."""
    file = Path(site) / path.lstrip("/")
    if not file.is_file():
        return 0
    data = file.read_bytes()
    return len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, 6))


def first_result(browser, base_url, server, site, query, path):
    """Fresh context: open the article, open search, type; (bytes for search, ms last key →
    first result, ms search opened → first result, slugs shown)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    problems = []  # what to report if no result shows
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))
    page.goto(base_url + path, wait_until="load")
    mark = len(server.requests)
    opened = time.perf_counter()
    page.locator(".md-search__input").click()
    page.keyboard.type(query, delay=15)
    typed = time.perf_counter()
    try:
        page.locator(ITEMS).first.wait_for(state="visible", timeout=60_000)
    except Exception as error:
        status = page.locator(".md-search-result__meta").text_content()
        box = page.locator(".md-search__input").input_value()
        requests = [f"{p} {code}" for p, code, _ in server.requests[mark:]]
        context.close()
        raise RuntimeError(f"no result for {query!r} in 60 s: box {box!r}, status {status!r}; "
                           f"{problems}; requests {requests}") from error
    shown = time.perf_counter()
    fetched = [p for p, status, _ in server.requests[mark:] if status == 200]
    # The index and the dialog's scripts, and for a Chinese query the table of Traditional
    # characters (vendor/opencc-query.js; hant.js) that decides whether to convert it.
    search_bytes = sum(wire_bytes(site, p) for p in fetched if any(s in p for s in ("/search/", "/search-", "/vendor/opencc")))
    results = settled_results(page, load_all=False)
    context.close()
    return search_bytes, (shown - typed) * 1000, (shown - opened) * 1000, [slug_of(r["links"][0]) for r in results], fetched


def timings(browser, base_url, server, site, queries, path, rounds=1):
    """`first_result` for every query, `rounds` times: {bytes, last_key_ms, open_ms} lists."""
    rows = [first_result(browser, base_url, server, site, q, path) for _ in range(rounds) for q in queries]
    return {"queries": list(queries), "bytes": [r[0] for r in rows], "last_key_ms": [r[1] for r in rows],
            "open_ms": [r[2] for r in rows]}


def run(browser, base_url, server, site, path, rounds):
    """Step 4 of `python -m bench`: search from the article page, a fresh context per query."""
    from .report import heading, kib, median, spread, table

    heading("4. Search in Chromium (the journal's dialog), from the article page with an empty cache")
    res = timings(browser, base_url, server, site, CHINESE + ENGLISH, path, rounds)
    table(["what", "median (min-max, n)"], [
        ["last key -> first result shown", spread(res["last_key_ms"], "ms", 0)],
        ["search opened -> first result shown (typing included)", spread(res["open_ms"], "ms", 0)],
        ["bytes fetched for search (gzip as sent)", f"{kib(median(res['bytes']))} ({kib(min(res['bytes']))}-{kib(max(res['bytes']))})"],
    ])
    print(f"  queries: {', '.join(res['queries'])}; {rounds} round(s), a fresh context per query.")
    return res


def index_stats(site):
    """The index on disk (index_files.py): files, bytes, and its entry's bytes (fetched by
    every first search)."""
    folder = Path(site) / "search" / "index"
    files = [p for p in folder.rglob("*") if p.is_file()]
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files),
            "meta": wire_bytes(site, "search/index/index.json")}


def measure(size, pool, work, browser, queries):
    from .growth import archive_docs

    docs = archive_docs(pool, size, Path(work) / f"docs-{size}")
    site = Path(work) / f"site-{size}"
    seconds, index_seconds, records = build(docs, site)
    stats = index_stats(site)
    issue = load_queries()["issue"]
    rows = []
    with served(site) as (base_url, server):
        for entry in queries:
            nbytes, last_key_ms, open_ms, slugs, _ = first_result(browser, base_url, server, site, entry["query"], f"/{issue}/{ARTICLE}/")
            inside = [s.split("/")[-1] for s in slugs if s.startswith(issue + "/")]
            wrong = [s for s in slugs if s.split("/")[-1] not in entry["articles"]]
            rows.append({"query": entry["query"], "bytes": nbytes, "last_key_ms": last_key_ms, "open_ms": open_ms,
                         "right_first": not entry.get("first") or inside[:1] == [entry["first"]], "false_hits": wrong})
    shutil.rmtree(site, ignore_errors=True)
    return {"issues": size, "build_s": seconds, "index_s": index_seconds, "records": records, **stats, "queries": rows}


def report(results):
    kib = lambda n: f"{n / 1024:.0f} KiB"  # noqa: E731
    print("\n| issues | records | build (index) | index on disk | index entry (gzip) "
          "| first search: KiB gzip median / max | last key → first result: median / max | right first, false hits |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        q = r["queries"]
        b = [x["bytes"] for x in q]
        t = [x["last_key_ms"] for x in q]
        ok = sum(x["right_first"] for x in q)
        false = sum(len(x["false_hits"]) for x in q)
        print(f"| {r['issues']} | {r['records']} | {r['build_s']:.0f} s ({r['index_s']:.1f} s) | {r['files']} files, {r['bytes'] / 2**20:.1f} MiB "
              f"| {kib(r['meta'])} | {kib(statistics.median(b))} / {kib(max(b))} "
              f"| {statistics.median(t):.0f} / {max(t):.0f} ms | {ok}/{len(q)}, {false} |")
    for r in results:
        print(f"\n{r['issues']} issues, per query (KiB gzip fetched for search; ms last key → first result; ms search opened → first result):")
        for x in r["queries"]:
            print(f"  {x['query']:<14} {x['bytes'] / 1024:6.0f} KiB {x['last_key_ms']:6.0f} ms {x['open_ms']:6.0f} ms"
                  f"{'' if x['right_first'] else '  WRONG FIRST'}{'  FALSE HITS ' + str(x['false_hits']) if x['false_hits'] else ''}")


def make_pool(count, work, distinct=False):
    """bench.growth's pool of `count` issues, newest first. The journal has 232 issues, and
    numbering back from 2026/02 (总第 232 期) would reach 总第 0 期, which the importer
    rightly refuses: above 232 issues the copies are numbered up to 总第 `count` 期 instead.
    With `distinct`, every copy but the real issue has its text shuffled (`distinct_text`)."""
    from .growth import REAL, import_issue_copy, issue_numbers

    pool = Path(work) / "pool-docs"
    newest = REAL if count <= REAL[2] else (REAL[0], REAL[1], count)
    out = []
    for year, number, total in issue_numbers(count, newest=newest):
        folder = import_issue_copy(year, number, total, pool, work)
        if distinct and (year, number, total) != REAL:
            distinct_text(folder, total)
        out.append((year, number, folder))
    return out


SENTENCE = re.compile(r"[^。！？]*[。！？]|[^。！？]+$")


def distinct_text(folder, seed):
    """Each article's body with its paragraphs shuffled within each section and its sentences
    shuffled within each paragraph (footnote references travel with their sentence): the same
    words at other positions, so gzip cannot fold the copies' index chunks together as it folds
    exact copies. (The vocabulary stays the issue's: a real archive's word shards are larger.)"""
    import random

    rng = random.Random(seed)
    for path in Path(folder).glob("*.md"):
        if path.name == "index.md":
            continue
        text = path.read_text(encoding="utf-8")
        _, head, body = text.split("---\n", 2)
        blocks = body.split("\n\n")
        plain = lambda b: b and not b.startswith(("#", "[^", "<", ">", "-", "|", "!", "注：", "资料来源")) and not re.match(r"\d+\. ", b)  # noqa: E731
        out, run = [], []
        for block in blocks + [None]:
            if block is not None and plain(block) and "\n" not in block:
                sentences = SENTENCE.findall(block)
                rng.shuffle(sentences)
                run.append("".join(sentences))
                continue
            rng.shuffle(run)
            out += run
            run = []
            if block is not None:
                out.append(block)
        path.write_text("---\n" + head + "---\n" + "\n\n".join(out), encoding="utf-8")


def main(argv=None):
    from playwright.sync_api import sync_playwright

    sizes = [int(a) for a in (argv if argv is not None else sys.argv[1:])] or [1, 10, 50, 300]
    data = load_queries()
    queries = [q for q in data["queries"] if q["query"] in CHINESE + ENGLISH]
    with tempfile.TemporaryDirectory(prefix="archive-search-") as work:
        start = time.perf_counter()
        pool = make_pool(max(sizes), Path(work) / "pool")
        print(f"imported {len(pool)} issues in {time.perf_counter() - start:.0f} s", flush=True)
        results = []
        with sync_playwright() as p:
            browser = launch(p)
            for size in sizes:
                results.append(measure(size, pool, work, browser, queries))
                print(f"  {size} issues measured", flush=True)
            browser.close()
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())

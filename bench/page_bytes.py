"""3. What a reader's browser fetches: bytes per page on a first visit, in Chromium.

For each page (the home page and the longest article), a fresh browser context (empty cache)
loads it and every response body is counted, by kind (HTML, CSS, JS, search JS: the dialog's
scripts, search index: search/'s JSON files, fonts, images): raw
bytes, and gzip as a web server would send them. "of which page itself" leaves out search.
Then a query is typed, to show what opening search adds (the search index is fetched only
then), and a second page is opened in the same tab: what the server sends again, and how long
from typing the query there to its settled results.

The server's own request log (bench/browser.py) is compared with what Playwright saw, so a
request Playwright missed is printed rather than silently left out. Single runs: bytes do
not vary between runs; the second page's search time does (see archive_search for medians).

`nav_bytes` (used by growth) is the part of a page's HTML taken by the site navigation.
"""

import html.parser
import time
from urllib.parse import urlparse

from .report import GZIP_LEVEL, gz, heading, kib, table
from .archive_search import search

CATEGORIES = ["HTML", "CSS", "JS", "search JS", "search index", "fonts", "images", "other"]
SEARCH = ("search index", "search JS")


def category(url, resource_type):
    path = urlparse(url).path
    ext = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    name = path.rsplit("/", 1)[-1]
    if "/search/" in path and ext == "json":
        return "search index"
    if name.startswith("search-") and ext == "js":
        return "search JS"
    if resource_type == "document":
        return "HTML"
    if resource_type == "stylesheet" or ext == "css":
        return "CSS"
    if resource_type == "script" or ext in ("js", "mjs"):
        return "JS"
    if resource_type == "font" or ext in ("woff", "woff2", "ttf", "otf"):
        return "fonts"
    if resource_type == "image" or ext in ("png", "svg", "jpg", "jpeg", "gif", "webp", "ico", "avif"):
        return "images"
    return "other"


def summarise(responses):
    """({category: {raw, gzip, requests}}, [(path, category, raw bytes)]) of the responses' bodies."""
    cats = {c: {"raw": 0, "gzip": 0, "requests": 0} for c in CATEGORIES}
    files = []
    for r in responses:
        try:
            body = r.body()
        except Exception:  # redirects have no body
            continue
        cat = category(r.url, r.request.resource_type)
        cats[cat]["raw"] += len(body)
        cats[cat]["gzip"] += gz(body)
        cats[cat]["requests"] += 1
        files.append((urlparse(r.url).path, cat, len(body)))
    return cats, files


def total(cats, leave_out=()):
    """{'requests', 'raw', 'gzip'} summed over the categories not in `leave_out`."""
    kept = [c for name, c in cats.items() if name not in leave_out]
    return {key: sum(c[key] for c in kept) for key in ("requests", "raw", "gzip")}


def fetched_bytes(browser, base_url, server, path, query, then_path=None):
    """What Chromium fetches for `path` (fresh cache), then what typing `query` adds; then,
    optionally, `then_path` in the same tab with search opened: requests, bytes the server sent,
    and ms from typing `query` there to settled results. `server` is browser.serve()'s, for its log."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    responses = []
    context.on("response", lambda response: responses.append(response))  # a bound builtin is refused
    page = context.new_page()
    mark = len(server.requests)
    start = time.perf_counter()
    page.goto(base_url + path, wait_until="load")
    load_seconds = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(800)  # an eagerly fetched search index would arrive here and count as on load
    on_load = list(responses)
    served_on_load = server.requests[mark:]
    mark = len(server.requests)
    search(page, query, timeout=60)
    page.wait_for_timeout(300)
    served_on_search = server.requests[mark:]
    load_cats, load_files = summarise(on_load)
    search_cats, _ = summarise(responses[len(on_load):])
    seen = {p for p, _, _ in load_files}
    result = {
        "url": base_url + path, "load_seconds": load_seconds,
        "on_load": load_cats, "on_load_files": load_files,
        "served_not_seen_by_playwright": [e for e in served_on_load if e[0] not in seen and e[0] + "index.html" not in seen],
        "on_search": search_cats, "served_on_search": served_on_search,
    }
    if then_path:
        mark = len(server.requests)
        page.goto(base_url + then_path, wait_until="load")
        page.wait_for_load_state("networkidle")
        typed = time.perf_counter()  # the reader searches again on the next page
        search(page, query, timeout=60, load_all=False)
        ready_ms = (time.perf_counter() - typed) * 1000
        again = server.requests[mark:]
        result["second_page"] = {
            "url": base_url + then_path,
            "ready_ms": ready_ms,
            "requests": len(again),
            "status": {str(code): sum(1 for _, c, _ in again if c == code) for code in sorted({c for _, c, _ in again})},
            "bytes_sent": sum(b for _, _, b in again),
            "search_index": [c for p, c, _ in again if "/search/index/" in p],
        }
    context.close()
    return result


class PrimaryNav(html.parser.HTMLParser):
    """Character span of <nav class="md-nav md-nav--primary">…</nav> (the site navigation)."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.depth, self.start, self.end = 0, None, None

    def handle_starttag(self, tag, attrs):
        if tag != "nav" or self.end is not None:
            return
        if self.start is None and "md-nav--primary" in (dict(attrs).get("class") or ""):
            self.start, self.depth = self.getpos(), 1
        elif self.start is not None:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "nav" and self.start is not None and self.end is None:
            self.depth -= 1
            if self.depth == 0:
                self.end = self.getpos()


def nav_bytes(html_text):
    """UTF-8 bytes of the page's site navigation, or None if it has none."""
    parser = PrimaryNav()
    parser.feed(html_text)
    if parser.start is None or parser.end is None:
        return None
    lines = html_text.splitlines(keepends=True)
    offset = lambda pos: sum(len(line) for line in lines[: pos[0] - 1]) + pos[1]  # noqa: E731
    return len(html_text[offset(parser.start): offset(parser.end) + len("</nav>")].encode("utf-8"))


def print_bytes(results):
    headers, rows = ["resource"], [[cat] for cat in CATEGORIES] + [["TOTAL on load"], ["  of which page itself"]]
    for res in results:
        headers += [f"{urlparse(res['url']).path} req", "raw", "gzip"]
        for row, cat in zip(rows, CATEGORIES):
            c = res["on_load"][cat]
            row += [str(c["requests"]), kib(c["raw"]), kib(c["gzip"])] if c["requests"] else ["0", "-", "-"]
        for row, t in zip(rows[-2:], (total(res["on_load"]), total(res["on_load"], SEARCH))):
            row += [str(t["requests"]), kib(t["raw"]), kib(t["gzip"])]
    table(headers, rows)


def run(browser, base_url, server, pages):
    """`pages`: [(name, path, next path)]."""
    heading(f"3. Bytes fetched by Chromium (fresh cache), from the response bodies; gzip level {GZIP_LEVEL}")
    results = [fetched_bytes(browser, base_url, server, path, "北极", then_path=then) for _, path, then in pages]
    print_bytes(results)
    for res in results:
        fetched = "ON PAGE LOAD (before the search box is touched)" if res["on_load"]["search index"]["requests"] else "not on load"
        added = total(res["on_search"])
        print(f"  {urlparse(res['url']).path}: search index fetched {fetched}; typing a query then fetched "
              f"{added['requests']} more responses ({kib(added['raw'])}; server log: {len(res['served_on_search'])} requests).")
        if res["served_not_seen_by_playwright"]:
            print(f"    served but not seen by Playwright: {res['served_not_seen_by_playwright']}")
        sp = res.get("second_page")
        if sp:
            print(f"    then {urlparse(sp['url']).path} in the same tab: {sp['requests']} requests to the server "
                  f"(status {sp['status']}), {kib(sp['bytes_sent'])} sent; search index statuses "
                  f"{sp['search_index'] or 'not requested'} (the local server sends Last-Modified, no Cache-Control); "
                  f"searching there took {sp['ready_ms']:.0f} ms (typing and settle wait included).")
    return results

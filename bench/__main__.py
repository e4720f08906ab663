"""Benchmarks of the import, the build and the built site (`make bench`; not part of the tests).

    python -m bench [--quick] [--no-lighthouse] [--json build/bench.json]

1. import: convert() + render in memory, and the full CLI import into a temporary docs folder;
2. clean `mkdocs build`, with the search plugin and the zh_search hook, and without them;
3. bytes a reader's browser fetches for the home page and the longest article (Chromium);
4. Chinese search in Chromium: search ready, first query, further queries;
5. Lighthouse scores of both pages, and what stands in the way of 100;
6. growth: synthetic archives of 1, 10 and 50 issues made through the real importer
   (bench/growth.py): build time, site size, search index, per-page HTML, search.

Everything is built and served from temporary folders: docs/, site/ and sources/ are only read.
The machine is shared and noisy: timings are medians of several runs (min-max shown), and
ratios are taken between runs interleaved in the same benchmark. Read them as estimates.
"""

import argparse
import functools
import gzip
import html.parser
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

from . import growth, search_report
from journal.catalog import is_article
from journal.importer.pipeline import convert
from journal.importer.render import render_issue

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "sources" / "2026-02" / "issue.md"
PY = sys.executable
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
LH_CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"
LH_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
GZIP_LEVEL = 6  # a typical web server's level (nginx's gzip_comp_level is 1..9; GitHub Pages compresses too)
SEARCH_KINDS = ["word", "phrase", "name", "latin", "english", "absent"]

# In-page probes: input events on the search box, mutations of the result list, and when the
# worker is ready (Material replaces "正在初始化搜索引擎" once the worker has built its index).
PROBE = r"""(() => {
  const b = window.__bench = {inputs: [], mutations: [], ready: null};
  document.addEventListener('input', e => {
    const t = e.target;
    if (t instanceof HTMLInputElement && t.matches('.md-search__input')) b.inputs.push([performance.now(), t.value]);
  }, true);
  const attach = () => {
    const res = document.querySelector('.md-search-result');
    if (!res) return;
    const check = now => {
      const meta = res.querySelector('.md-search-result__meta');
      if (b.ready === null && meta && meta.textContent.trim() && !meta.textContent.includes('初始化')) b.ready = now;
    };
    new MutationObserver(() => { const now = performance.now(); b.mutations.push(now); check(now); })
      .observe(res, {childList: true, subtree: true, characterData: true});
    check(performance.now());
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', attach); else attach();
})();"""


# ---------------------------------------------------------------------------------- helpers

def median(values):
    return statistics.median(values) if values else float("nan")


def spread(values, unit="s", digits=2):
    """'1.23 s (1.10-1.40, n=5)'"""
    if not values:
        return "-"
    if len(values) == 1:
        return f"{values[0]:.{digits}f} {unit} (n=1)"
    return f"{median(values):.{digits}f} {unit} ({min(values):.{digits}f}-{max(values):.{digits}f}, n={len(values)})"


def gz(data):
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL))


def kib(n):
    if n is None:
        return "-"
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MiB"
    return f"{n / 1024:.1f} KiB"


def table(headers, rows):
    def width(text):  # CJK characters take two columns
        return sum(2 if ord(c) > 0x2E80 else 1 for c in str(text))
    cols = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(str(c) + " " * (w - width(c)) for c, w in zip(cells, cols)).rstrip()
    out = [line(headers), line(["-" * w for w in cols])] + [line(r) for r in rows]
    print("\n".join("  " + l for l in out))


def heading(text):
    print(f"\n{'=' * 78}\n{text}\n{'=' * 78}")


def clean_env():
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("OFFLINE", None)
    return env


def run_timed(cmd, cwd=ROOT, env=None):
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env or clean_env(), capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return seconds, proc


# ------------------------------------------------------------------------ temporary project

NOSEARCH_NOTE = "search plugin `enabled: false` and the zh_search hook removed (it refuses to run without search)"


def make_project(work, docs_source):
    """A copy of the project's build inputs under `work`: mkdocs.yml (and a no-search variant),
    overrides/, build_tools/, and docs/ copied from `docs_source`."""
    proj = Path(work)
    proj.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (proj / "mkdocs.yml").write_text(text, encoding="utf-8")
    nosearch = text.replace("  - build_tools/zh_search.py\n", "")
    nosearch = nosearch.replace("  - search:\n      lang: zh\n", "  - search:\n      enabled: false\n      lang: zh\n")
    if "zh_search.py" in nosearch or "enabled: false" not in nosearch:
        raise RuntimeError("mkdocs.yml changed: cannot derive the no-search config (update benchmark.make_project)")
    (proj / "mkdocs-nosearch.yml").write_text(nosearch, encoding="utf-8")
    shutil.copytree(ROOT / "overrides", proj / "overrides")
    shutil.copytree(ROOT / "build_tools", proj / "build_tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(docs_source, proj / "docs")
    return proj


def build(proj, site, search=True):
    """A clean build into `site` (must not exist); returns seconds."""
    config = proj / ("mkdocs.yml" if search else "mkdocs-nosearch.yml")
    shutil.rmtree(site, ignore_errors=True)
    seconds, _ = run_timed([PY, "-m", "mkdocs", "build", "--quiet", "-f", str(config), "--site-dir", str(site)], cwd=proj)
    return seconds


def article_pages(docs, site):
    """{slug path like 2026/02/wang-fan: html Path} for every article page."""
    from mkdocs.utils.meta import get_data
    pages = {}
    for md in sorted(Path(docs).rglob("*.md")):
        _, meta = get_data(md.read_text(encoding="utf-8"))
        if is_article(meta):
            stem = md.relative_to(docs).with_suffix("").as_posix()
            pages[stem] = Path(site) / stem / "index.html"
    return pages


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
    parser = PrimaryNav()
    parser.feed(html_text)
    if parser.start is None or parser.end is None:
        return None
    lines = html_text.splitlines(keepends=True)
    offset = lambda pos: sum(len(l) for l in lines[: pos[0] - 1]) + pos[1]
    return len(html_text[offset(parser.start): offset(parser.end) + len("</nav>")].encode("utf-8"))


def site_stats(site):
    files = [p for p in Path(site).rglob("*") if p.is_file()]
    return {
        "bytes": sum(p.stat().st_size for p in files),
        "html_bytes": sum(p.stat().st_size for p in files if p.suffix == ".html"),
        "files": len(files),
        "html_pages": sum(1 for p in files if p.suffix == ".html"),
    }


def file_sizes(path):
    data = Path(path).read_bytes()
    return {"raw": len(data), "gzip": gz(data)}


# ---------------------------------------------------------------------------- local server

class Server:
    """The site on 127.0.0.1 (ephemeral port), logging every request: (path, status, bytes)."""

    def __init__(self, site):
        self.log, lock = [], threading.Lock()
        log = self.log

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def log_request(self, code="-", size="-"):
                sent = 0
                if int(code) == 200:
                    path = Path(self.translate_path(self.path))
                    if path.is_dir():
                        path = path / "index.html"
                    sent = path.stat().st_size if path.is_file() else 0
                with lock:
                    log.append((urlparse(self.path).path, int(code), sent))

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def mark(self):
        return len(self.log)

    def since(self, mark):
        return list(self.log[mark:])

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=search_report.CHROMIUM_ARGS)


def new_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.add_init_script(PROBE)
    return context


# ---------------------------------------------------------------- 3. bytes a browser fetches

def category(url, resource_type):
    path = urlparse(url).path
    ext = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    if path.endswith("search/search_index.json"):
        return "search index"
    if "/workers/" in path or "/lunr/" in path:
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


CATEGORIES = ["HTML", "CSS", "JS", "search JS", "search index", "fonts", "images", "other"]


def fetched_bytes(browser, server, url, query, then_url=None):
    """What Chromium fetches for `url` (fresh cache): per category raw and gzip bytes from the
    response bodies; then what typing `query` adds; then, optionally, a second page in the same
    browser session (what the server sends again)."""
    context = new_context(browser)
    responses = []
    context.on("response", lambda r: responses.append(r))
    page = context.new_page()
    mark = server.mark()
    start = time.perf_counter()
    page.goto(url, wait_until="load")
    load_seconds = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    # The index is loaded when the reader opens search (lazy-search-index.js), so nothing
    # waits for search here: an eagerly fetched index would show up in on_load below.
    page.wait_for_timeout(800)
    on_load = list(responses)
    served_on_load = server.since(mark)
    mark = server.mark()
    search_report.type_query(page, query, timeout=60)
    page.wait_for_timeout(300)
    on_search = responses[len(on_load):]
    served_on_search = server.since(mark)

    def summarise(resps):
        cats = {c: {"raw": 0, "gzip": 0, "requests": 0} for c in CATEGORIES}
        files = []
        for r in resps:
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

    load_cats, load_files = summarise(on_load)
    search_cats, search_files = summarise(on_search)
    seen = {p for p, _, _ in load_files}
    missed = [entry for entry in served_on_load if entry[0] not in seen and entry[0] + "index.html" not in seen]
    result = {
        "url": url, "load_seconds": load_seconds,
        "on_load": load_cats, "on_load_files": load_files, "served_not_seen_by_playwright": missed,
        "on_search": search_cats, "served_on_search": served_on_search,
    }
    if then_url:
        mark = server.mark()
        page.goto(then_url, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.locator(".md-search__input").click()  # the reader opens search on the next page
        page.wait_for_function("window.__bench.ready !== null", timeout=180_000)
        again = server.since(mark)
        result["second_page"] = {
            "ready_ms": page.evaluate("window.__bench.ready"),
            "url": then_url,
            "requests": len(again),
            "status": {str(code): sum(1 for _, c, _ in again if c == code) for code in sorted({c for _, c, _ in again})},
            "bytes_sent": sum(b for _, _, b in again),
            "search_index": [c for p, c, _ in again if p.endswith("search_index.json")],
        }
    context.close()
    return result


def print_bytes(results):
    rows = []
    for cat in CATEGORIES:
        cells = []
        for res in results:
            c = res["on_load"][cat]
            cells += [f"{c['requests']}", kib(c["raw"]), kib(c["gzip"])] if c["requests"] else ["0", "-", "-"]
        rows.append([cat] + cells)
    totals = []
    for res in results:
        raw = sum(c["raw"] for c in res["on_load"].values())
        gzb = sum(c["gzip"] for c in res["on_load"].values())
        totals += [str(sum(c["requests"] for c in res["on_load"].values())), kib(raw), kib(gzb)]
    rows.append(["TOTAL on load"] + totals)
    without = []
    for res in results:
        keep = [c for k, c in res["on_load"].items() if k not in ("search index", "search JS")]
        without += [str(sum(c["requests"] for c in keep)), kib(sum(c["raw"] for c in keep)), kib(sum(c["gzip"] for c in keep))]
    rows.append(["  of which page itself"] + without)
    headers = ["resource"]
    for res in results:
        name = urlparse(res["url"]).path
        headers += [f"{name} req", "raw", "gzip"]
    table(headers, rows)


# ------------------------------------------------------------------------ 4. search in Chromium

def pick_queries(data, per_kind=2, limit=10):
    picked = []
    for kind in SEARCH_KINDS:
        picked += [q for q in data["queries"] if q["kind"] == kind][:per_kind]
    return picked[:limit]


def latency_ms(page, query):
    """ms from the input event that completed `query` to the last change of the result list."""
    bench = page.evaluate("window.__bench")
    typed = [t for t, value in bench["inputs"] if value == query]
    if not typed:
        return None
    after = [m for m in bench["mutations"] if m >= typed[-1]]
    return (max(after) - typed[-1]) if after else None


def reset_probe(page):
    page.evaluate("window.__bench.inputs = []; window.__bench.mutations = []")


def first_query(page, url, query):
    """Load `url` and type `query` at once, as a reader who searches right away. Returns
    (ms from navigation start to search ready, ms from last keystroke to results, slugs)."""
    page.goto(url, wait_until="load")
    box = page.locator(".md-search__input")
    box.click()
    reset_probe(page)
    page.keyboard.type(query, delay=20)
    page.keyboard.press("End")
    page.wait_for_function("window.__bench.ready !== null", timeout=180_000)
    last, stable, deadline = None, 0, time.monotonic() + 60
    while time.monotonic() < deadline:  # settle: result list unchanged for 5 polls
        page.wait_for_timeout(100)
        meta = page.locator(".md-search-result__meta").inner_text()
        count = page.evaluate("window.__bench.mutations.length")
        current = (meta, count)
        stable = stable + 1 if current == last and "初始化" not in meta and "键入" not in meta else 0
        if stable >= 5:
            break
        last = current
    ready = page.evaluate("window.__bench.ready")
    return ready, latency_ms(page, query), search_report.result_pages(page)


def search_timings(browser, base, queries, rounds=3, path="/"):
    """Per round: a fresh browser context, first query typed right after load, then the rest."""
    firsts, readies, later, settled, ok = [], [], [], [], [0, 0]
    for _ in range(rounds):
        context = new_context(browser)
        page = context.new_page()
        ready, ms, found = first_query(page, base + path, queries[0]["query"])
        readies.append(ready)
        if ms is not None:
            firsts.append(ms)
        ok[0] += set(found) == set(queries[0]["articles"])
        ok[1] += 1
        for entry in queries[1:]:
            reset_probe(page)
            start = time.monotonic()
            found = search_report.type_query(page, entry["query"], timeout=60)
            settled.append(time.monotonic() - start)
            ms = latency_ms(page, entry["query"])
            if ms is not None:
                later.append(ms)
            ok[0] += set(found) == set(entry["articles"])
            ok[1] += 1
        context.close()
    return {"ready_ms": readies, "first_ms": firsts, "later_ms": later, "settled_s": settled, "as_expected": ok}


# ------------------------------------------------------------------------------ 5. Lighthouse

def lighthouse(url, out_json):
    if not LIGHTHOUSE.exists():
        return {"error": f"{LIGHTHOUSE.relative_to(ROOT)} not found (run `npm ci`)"}
    cmd = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={out_json}", "--quiet",
           f"--only-categories={','.join(LH_CATEGORIES)}", f"--chrome-flags={LH_CHROME_FLAGS}"]
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return {"error": "lighthouse did not finish within 300 s"}
    seconds = time.perf_counter() - start
    if proc.returncode != 0 or not Path(out_json).exists():
        return {"error": f"exit {proc.returncode}: {(proc.stderr or proc.stdout).strip()[-1500:]}"}
    report = json.loads(Path(out_json).read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        return {"error": f"runtimeError {report['runtimeError']}"}
    audits, result = report["audits"], {"seconds": seconds, "scores": {}, "failing": {}, "metrics": {},
                                        "warnings": report.get("runWarnings", [])}
    for cat in LH_CATEGORIES:
        data = report["categories"].get(cat, {})
        score = data.get("score")
        result["scores"][cat] = None if score is None else round(score * 100)
        failing = []
        for ref in data.get("auditRefs", []):
            audit = audits.get(ref["id"], {})
            mode = audit.get("scoreDisplayMode")
            if audit.get("score") is None or mode in ("notApplicable", "informative", "manual", "error"):
                continue
            if audit["score"] < 1:
                items = (audit.get("details") or {}).get("items") or []
                items = items if isinstance(items, list) else []
                where = []
                for item in items[:3]:
                    node = item.get("node") if isinstance(item, dict) else None
                    if isinstance(node, dict):
                        where.append((node.get("selector") or node.get("snippet") or "")[:90])
                failing.append({"id": ref["id"], "title": audit.get("title", ""), "score": audit["score"],
                                "weight": ref.get("weight", 0), "display": audit.get("displayValue", ""),
                                "items": len(items), "where": where})
        failing.sort(key=lambda a: (-a["weight"], a["score"]))
        result["failing"][cat] = failing
    for metric in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                   "cumulative-layout-shift", "speed-index", "interactive", "total-byte-weight"):
        if metric in audits:
            result["metrics"][metric] = audits[metric].get("displayValue", "")
    return result


def lighthouse_runs(url, work, name, runs):
    """`runs` Lighthouse runs; the median score per category, and the run with the median
    performance score for its audits. Stops at the first failure."""
    done = []
    for i in range(runs):
        res = lighthouse(url, Path(work) / f"lh-{name}-{i}.json")
        if "error" in res:
            return res
        done.append(res)
    scores = {c: [r["scores"][c] for r in done] for c in LH_CATEGORIES}
    chosen = sorted(done, key=lambda r: r["scores"]["performance"] or 0)[len(done) // 2]
    return dict(chosen, runs=len(done), all_scores=scores,
                scores={c: (median([v for v in vals if v is not None]) if any(v is not None for v in vals) else None)
                        for c, vals in scores.items()})


def print_lighthouse(name, res):
    print(f"\n  {name}")
    if "error" in res:
        print(f"    LIGHTHOUSE FAILED: {res['error']}")
        return
    runs = res.get("runs", 1)
    print("    scores (median of %d run%s): " % (runs, "s" if runs > 1 else "")
          + "  ".join(f"{c} {res['scores'][c]:g}" for c in LH_CATEGORIES))
    if runs > 1:
        print("    each run: " + "  ".join(f"{c} {'/'.join(str(v) for v in res['all_scores'][c])}" for c in LH_CATEGORIES))
    print("    metrics (simulated slow-4G mobile, run with the median performance): "
          + ", ".join(f"{k} {v}" for k, v in res["metrics"].items()))
    for cat in LH_CATEGORIES:
        if res["scores"][cat] is None or res["scores"][cat] >= 100:
            continue
        scored = [a for a in res["failing"][cat] if a["weight"]]
        diagnostics = [a for a in res["failing"][cat] if not a["weight"]]
        print(f"    {cat} < 100 because of (audits with weight, from the median run):")
        for a in scored:
            shown = f" [{a['display']}]" if a["display"] else ""
            print(f"      - {a['id']} (score {a['score']:.2f}, weight {a['weight']}): {a['title']}{shown}")
            if a["where"]:
                print(f"          {a['items']} element(s), e.g. " + " | ".join(a["where"]))
        if not scored:
            print("      (no weighted audit below 1; the category score rounds below 100)")
        if diagnostics:
            print("      diagnostics that do not count in the score: " + ", ".join(
                a["id"] + (f" [{a['display']}]" if a["display"] else "") for a in diagnostics))
    for w in res["warnings"]:
        print(f"    run warning: {w}")


# ---------------------------------------------------------------------------------- sections

def bench_import(work, runs):
    heading("1. Import of sources/2026-02/issue.md")
    in_memory = []
    pages = None
    convert(SOURCE)  # warm-up: first-call costs (regex compilation, YAML) are not the steady state
    for _ in range(runs):
        start = time.perf_counter()
        issue, warnings = convert(SOURCE)
        pages = render_issue(issue)
        in_memory.append(time.perf_counter() - start)
    src = Path(work) / "import-src"
    src.mkdir()
    shutil.copyfile(SOURCE, src / "issue.md")
    shutil.copyfile(SOURCE.with_name("corrections.yaml"), src / "corrections.yaml")
    cli = []
    for i in range(runs):
        docs = Path(work) / f"import-docs-{i}"
        seconds, proc = run_timed([PY, "-m", "build_tools", "import", str(src / "issue.md"), "--docs", str(docs)])
        cli.append(seconds)
    startup = [run_timed([PY, "-c", "import build_tools.__main__"])[0] for _ in range(runs)]
    table(["what", "time: median (min-max, n)"], [
        ["convert() + render_issue(), in memory", spread(in_memory, "s", 3)],
        ["CLI `python -m build_tools import` to temp docs", spread(cli, "s", 3)],
        ["  of which: interpreter start + imports", spread(startup, "s", 3)],
    ])
    print(f"  {len(pages)} pages, {sum(len(t.encode()) for t in pages.values()) / 1024:.0f} KiB of Markdown; "
          f"source {SOURCE.stat().st_size / 1024:.0f} KiB; CLI said: {proc.stdout.strip()}")
    return {"in_memory_s": in_memory, "cli_s": cli, "startup_s": startup, "pages": len(pages)}


def bench_build(work, runs):
    heading("2. Clean `mkdocs build` of this issue: with search vs without")
    proj = make_project(Path(work) / "proj", ROOT / "docs")
    with_search, without = [], []
    for i in range(runs):  # interleaved, so both see the same machine load
        with_search.append(build(proj, Path(work) / "site-search"))
        without.append(build(proj, Path(work) / "site-nosearch", search=False))
    jieba_init = []
    for _ in range(3):
        _, proc = run_timed([PY, "-c", "import time, logging, jieba; jieba.setLogLevel(logging.WARNING); "
                                       "t = time.perf_counter(); jieba.initialize(); print(time.perf_counter() - t)"])
        jieba_init.append(float(proc.stdout.strip().splitlines()[-1]))
    ratios = [a / b for a, b in zip(with_search, without)]
    diffs = [a - b for a, b in zip(with_search, without)]
    site = Path(work) / "site-search"
    index = file_sizes(site / "search" / "search_index.json")
    table(["build", "wall time (fresh process): median (min-max, n)"], [
        ["with search + zh_search hook (as shipped)", spread(with_search)],
        ["without search (" + "plugin disabled, no hook)", spread(without)],
        ["difference (per interleaved pair)", spread(diffs)],
        ["ratio with/without (per pair)", spread(ratios, "x")],
        ["  jieba dictionary load alone (jieba.initialize)", spread(jieba_init)],
    ])
    share = median(diffs) / median(with_search)
    print(f"  search indexing is ~{share:.0%} of the clean build (median difference / median build).")
    print(f"  no-search variant: {NOSEARCH_NOTE}; it also drops the search box from every page.")
    stats = site_stats(site)
    print(f"  site: {stats['html_pages']} HTML pages, {stats['files']} files, {kib(stats['bytes'])}; "
          f"search_index.json {kib(index['raw'])} raw, {kib(index['gzip'])} gzip")
    return proj, site, {"with_search_s": with_search, "without_search_s": without, "diff_s": diffs,
                        "ratio": ratios, "jieba_init_s": jieba_init, "search_index": index, "site": stats}


def bench_bytes(browser, server, pages):
    heading("3. Bytes fetched by Chromium (fresh cache), from the response bodies; gzip level %d" % GZIP_LEVEL)
    results = []
    for name, path, then in pages:
        results.append(fetched_bytes(browser, server, server.base + path, "北极", then_url=server.base + then))
    print_bytes(results)
    for res in results:
        name = urlparse(res["url"]).path
        idx = res["on_load"]["search index"]
        when = "ON PAGE LOAD (before the search box is touched)" if idx["requests"] else "not on load"
        extra = sum(c["raw"] for c in res["on_search"].values())
        print(f"  {name}: search_index.json fetched {when}; typing a query then fetched "
              f"{sum(c['requests'] for c in res['on_search'].values())} more responses ({kib(extra)}; server log: {len(res['served_on_search'])} requests).")
        if res["served_not_seen_by_playwright"]:
            print(f"    served but not seen by Playwright: {res['served_not_seen_by_playwright']}")
        sp = res.get("second_page")
        if sp:
            print(f"    then {urlparse(sp['url']).path} in the same tab: {sp['requests']} requests to the server "
                  f"(status {sp['status']}), {kib(sp['bytes_sent'])} sent; search_index.json status {sp['search_index'] or 'not requested'} "
                  f"(the local server sends Last-Modified, no Cache-Control).")
    return results


def bench_search(browser, base, rounds):
    heading("4. Search in Chromium: typing to results shown")
    data = search_report.load_queries()
    queries = pick_queries(data)
    res = search_timings(browser, base, queries, rounds=rounds)
    table(["what", "median (min-max, n)"], [
        ["search ready after navigation start (worker has the index)", spread(res["ready_ms"], "ms", 0)],
        [f"FIRST query ({queries[0]['query']}) typed right after load: last key -> results", spread(res["first_ms"], "ms", 0)],
        [f"further queries ({len(queries) - 1} per round): last key -> results", spread(res["later_ms"], "ms", 0)],
        ["further queries, search_report.type_query incl. typing + settle wait", spread(res["settled_s"], "s", 2)],
    ])
    print(f"  queries: {', '.join(q['query'] for q in queries)}; {rounds} rounds (fresh context each); "
          f"results as expected in {res['as_expected'][0]}/{res['as_expected'][1]} typings.")
    print("  'last key -> results': from the input event that completed the query to the last change of the")
    print("  result list (in-page performance.now()); Material searches on each keystroke.")
    return {"queries": [q["query"] for q in queries], **res}


def bench_lighthouse(server, pages, work, runs):
    heading("5. Lighthouse 13 (default mobile emulation, simulated throttling), served from localhost")
    results = {}
    for name, path, _ in pages:
        results[name] = lighthouse_runs(server.base + path, work, name.replace(" ", "-"), runs)
        print_lighthouse(f"{name} ({path})", results[name])
    return results


def bench_growth(work, browser, sizes, build_runs, slug, lh_runs):
    heading("6. Growth: archives of %s issues, each imported through `python -m build_tools import`" % "/".join(map(str, sizes)))
    start = time.perf_counter()
    pool = growth.make_pool(max(sizes), Path(work) / "growth")
    pool_seconds = time.perf_counter() - start
    print(f"  imported {len(pool)} issues ({pool[-1][0]}/{pool[-1][1]:02d} .. {pool[0][0]}/{pool[0][1]:02d}) in {pool_seconds:.1f} s "
          f"({pool_seconds / len(pool) * 1000:.0f} ms per issue, in-process CLI entry point)")
    out = []
    data = search_report.load_queries()
    queries = [q for q in data["queries"] if q["query"] in ("北极", "中美关系", "深度伪造", "王帆")]
    for size, runs in zip(sizes, build_runs):
        docs = growth.archive_docs(pool, size, Path(work) / f"growth-docs-{size}")
        proj = make_project(Path(work) / f"growth-proj-{size}", docs)
        site = Path(work) / f"growth-site-{size}"
        times = [build(proj, site) for _ in range(runs)]
        nosearch = build(proj, Path(work) / f"growth-site-{size}-nosearch", search=False)
        shutil.rmtree(Path(work) / f"growth-site-{size}-nosearch", ignore_errors=True)
        stats = site_stats(site)
        index = file_sizes(site / "search" / "search_index.json")
        article_html = site / slug / "index.html"
        article = file_sizes(article_html)
        nav = nav_bytes(article_html.read_text(encoding="utf-8"))
        home = file_sizes(site / "index.html")
        keywords = file_sizes(site / "keywords" / "index.html")
        md_pages = len(list(Path(docs).rglob("*.md"))) + 2  # + the generated keyword and author pages
        server = Server(site)
        try:
            load = fetched_bytes(browser, server, f"{server.base}/{slug}/", "北极", then_url=f"{server.base}/")
            search = search_timings(browser, server.base, queries, rounds=1, path=f"/{slug}/")
        finally:
            server.close()
        lh = None
        if lh_runs and size == max(sizes):
            server = Server(site)
            try:
                lh = lighthouse_runs(f"{server.base}/{slug}/", work, f"growth-{size}", lh_runs)
            finally:
                server.close()
        total_raw = sum(c["raw"] for c in load["on_load"].values())
        total_gz = sum(c["gzip"] for c in load["on_load"].values())
        entry = {"issues": size, "build_s": times, "build_nosearch_s": nosearch, "site": stats, "md_pages": md_pages,
                 "search_index": index, "article_html": article, "article_nav_bytes": nav, "home_html": home,
                 "keywords_html": keywords, "article_first_visit": {"raw": total_raw, "gzip": total_gz},
                 "search": search, "lighthouse": lh, "second_page_ready_ms": load["second_page"]["ready_ms"],
                 "second_page_sent": load["second_page"]["bytes_sent"]}
        out.append(entry)
        shutil.rmtree(site, ignore_errors=True)
        print(f"  {size:>3} issues: build {spread(times)}, no-search build {nosearch:.2f} s, "
              f"{stats['html_pages']} HTML pages, {kib(stats['bytes'])} on disk")
    print()
    table(["issues", "build (median)", "per issue", "no-search", "search share", "site on disk", "all HTML",
           "HTML pages", "md pages", "search index raw / gzip"], [
        [e["issues"], f"{median(e['build_s']):.2f} s (n={len(e['build_s'])})", f"{median(e['build_s']) / e['issues']:.2f} s",
         f"{e['build_nosearch_s']:.2f} s (n=1)", f"{1 - e['build_nosearch_s'] / median(e['build_s']):.0%}",
         kib(e["site"]["bytes"]), kib(e["site"]["html_bytes"]), e["site"]["html_pages"], e["md_pages"],
         f"{kib(e['search_index']['raw'])} / {kib(e['search_index']['gzip'])}"] for e in out])
    print()
    table(["issues", f"article page {slug} raw / gzip", "nav part", "home raw / gzip", "keyword index raw",
           "first visit of the article (all bytes) raw / gzip"], [
        [e["issues"], f"{kib(e['article_html']['raw'])} / {kib(e['article_html']['gzip'])}",
         f"{kib(e['article_nav_bytes'])} ({e['article_nav_bytes'] / e['article_html']['raw']:.0%})" if e["article_nav_bytes"] else "-",
         f"{kib(e['home_html']['raw'])} / {kib(e['home_html']['gzip'])}", kib(e["keywords_html"]["raw"]),
         f"{kib(e['article_first_visit']['raw'])} / {kib(e['article_first_visit']['gzip'])}"] for e in out])
    print()
    table(["issues", "search ready after nav start", "first query: last key -> results", "further queries (median)",
           "search ready on the next page view, once opened"], [
        [e["issues"], spread(e["search"]["ready_ms"], "ms", 0), spread(e["search"]["first_ms"], "ms", 0),
         spread(e["search"]["later_ms"], "ms", 0),
         f"{e['second_page_ready_ms']:.0f} ms (n=1)" if e["second_page_ready_ms"] is not None else "-"] for e in out])
    print("  (search measured on the article page, one fresh context per size; queries: "
          + ", ".join(q["query"] for q in queries) + ")")
    print("\n  Linearity of build time (with search):")
    for a, b in zip(out, out[1:]):
        ta, tb = median(a["build_s"]), median(b["build_s"])
        print(f"    {a['issues']:>2} -> {b['issues']:>2} issues: x{b['issues'] / a['issues']:.0f} issues, x{tb / ta:.1f} time; "
              f"marginal {(tb - ta) / (b['issues'] - a['issues']):.2f} s per added issue")
    print("  Without search (HTML only; n=1 each):")
    for a, b in zip(out, out[1:]):
        ta, tb = a["build_nosearch_s"], b["build_nosearch_s"]
        print(f"    {a['issues']:>2} -> {b['issues']:>2} issues: x{b['issues'] / a['issues']:.0f} issues, x{tb / ta:.1f} time; "
              f"marginal {(tb - ta) / (b['issues'] - a['issues']):.2f} s per added issue")
    print("  All HTML bytes (every page carries its nav):")
    for a, b in zip(out, out[1:]):
        print(f"    {a['issues']:>2} -> {b['issues']:>2} issues: x{b['issues'] / a['issues']:.0f} issues, "
              f"x{b['site']['html_bytes'] / a['site']['html_bytes']:.1f} HTML bytes")
    first, last = out[0], out[-1]
    print(f"    per-issue time {median(first['build_s']) / first['issues']:.2f} s at {first['issues']} vs "
          f"{median(last['build_s']) / last['issues']:.2f} s at {last['issues']} (includes ~fixed start-up cost); "
          f"article page grows x{last['article_html']['raw'] / first['article_html']['raw']:.1f} for the same text.")
    for e in out:
        if e["lighthouse"]:
            print_lighthouse(f"Lighthouse, article page at {e['issues']} issues", e["lighthouse"])
    return {"pool_import_s": pool_seconds, "sizes": out}


# ------------------------------------------------------------------------------------ main

def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, growth up to 10 issues (a smoke test)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--json", default=str(ROOT / "build" / "bench.json"), help="also write results here ('' = no)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    quick = args.quick
    import_runs, build_runs, search_rounds, lh_runs = (3, 2, 1, 1) if quick else (7, 4, 3, 3)
    sizes, growth_runs = ([1, 10], [1, 1]) if quick else ([1, 10, 50], [3, 2, 2])
    started = time.perf_counter()
    print(f"benchmark: Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} at start; timings are medians (min-max, n runs)")
    results = {"started": time.strftime("%Y-%m-%d %H:%M:%S"), "loadavg_start": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        results["import"] = bench_import(work, import_runs)
        proj, site, results["build"] = bench_build(work, build_runs)
        articles = article_pages(proj / "docs", site)
        slug = max(articles, key=lambda s: articles[s].stat().st_size)
        pages = [("home", "/", f"/{slug}/"), ("longest article", f"/{slug}/", "/")]
        print(f"  longest article by HTML size: {slug} ({kib(articles[slug].stat().st_size)})")
        server = Server(site)
        try:
            with sync_playwright() as p:
                browser = launch(p)
                results["bytes"] = bench_bytes(browser, server, pages)
                results["search"] = bench_search(browser, server.base, search_rounds)
                browser.close()
            if args.no_lighthouse:
                results["lighthouse"] = "skipped"
            else:
                results["lighthouse"] = bench_lighthouse(server, pages, work, lh_runs)
        finally:
            server.close()
        with sync_playwright() as p:
            browser = launch(p)
            results["growth"] = bench_growth(work, browser, sizes, growth_runs, slug,
                                             lh_runs=0 if args.no_lighthouse or quick else 2)
            browser.close()
    total = time.perf_counter() - started
    results["total_s"] = total
    results["loadavg_end"] = os.getloadavg()
    print(f"\nbenchmark took {total / 60:.1f} min; load average at end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.json:
        path = Path(args.json)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        print(f"results also in {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

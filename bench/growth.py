"""6. Growth: how the build and the site grow with the archive, at 1, 10 and 50 issues.

An archive of N issues is this issue's source imported N times through the real importer
(`python -m journal import`, in-process), each time under another year and number: the
masthead line and the articles' 〔文章编号〕 are rewritten in a temporary copy of the source,
the corrections file is copied beside it, and the import writes docs/YYYY/NN/. Six issues a
year, so 50 issues are about eight years. The home page comes from the real
docs/. Nothing under the project's docs/ or sources/ is written.

At each size, measured on a clean build:
- build time with search (median of several builds) and without (one build), and the
  marginal seconds per added issue between sizes: linear growth shows as a constant margin;
- site size on disk, all HTML, the search index (search/index/: bytes on disk);
- page HTML sizes (raw / gzip): the longest article (and how much of it is the navigation),
  the home page, the archive page (往期目录), the keyword index and the author index. The
  archive lists every issue and the indexes link every article, so these grow with the
  archive; read the "per added issue" lines. The copies share their keywords and authors, so
  the indexes have the same entries with N times the links each: the number of links, what
  makes the raw bytes, is what a real archive of N issues would have. Gzip figures of these
  listings are optimistic: N copies of the same titles compress far better than N different
  issues would; read the raw growth as the trend;
- on the article page, in Chromium: bytes of a first visit, per query the time from the last
  key to the first result and the bytes fetched for it (bench/archive_search.py), and the
  time to settled results when searching again on the next page view;
- at the largest size, with Lighthouse, the article's scores.
"""

import contextlib
import io
import re
import shutil
import time
from pathlib import Path

from journal.__main__ import main as cli_main
from journal.importer.parse import MASTHEAD

from . import ROOT, SOURCE, archive_search, building, lighthouse, page_bytes
from .browser import served
from .report import heading, kib, median, raw_gzip, sizes, spread, table

REAL = (2026, 2, 232)  # year, number, total number of the real issue
ARTICLE_NUMBER = re.compile(r"\((\d{4})\)\s*(\d+)\s*期")
# The pages that list the whole archive (path in the site); the article's page is measured beside them.
LISTINGS = {"home": "index.html", "archive": "archive/index.html",
            "keyword index": "keywords/index.html", "author index": "authors/index.html"}
QUERIES = ("北极", "中美关系", "深度伪造", "王帆")


def issue_numbers(count, newest=REAL, per_year=6):
    """[(year, number, total)] of `count` bimonthly issues, newest (the real one) first."""
    year, number, total = newest
    out = []
    for _ in range(count):
        out.append((year, number, total))
        number, total = number - 1, total - 1
        if number == 0:
            year, number = year - 1, per_year
    return out


def rewrite_source(text, year, number, total):
    """The source as if it were issue `number` of `year`: masthead and article numbers."""
    lines = text.split("\n")
    masthead = [i for i, line in enumerate(lines) if MASTHEAD.search(line)]
    if len(masthead) != 1:
        raise RuntimeError(f"expected one masthead line in the source, found {len(masthead)}")
    month = 2 * number - 1  # bimonthly: No. 1 in January, No. 2 in March, ... (as 2026/2: 15 March)
    lines[masthead[0]] = MASTHEAD.sub(
        f"{year} 年第 {number} 期（总第 {total} 期） 双月刊 {year} 年 {month} 月 15 日出版", lines[masthead[0]])
    for i, line in enumerate(lines):
        if "〔文章编号〕" in line:
            lines[i] = ARTICLE_NUMBER.sub(f"({year}) {number} 期", line)
    return "\n".join(lines)


def import_issue_copy(year, number, total, docs, work, source=SOURCE):
    """Import one synthetic issue into `docs` through the CLI entry point; returns its folder."""
    folder = Path(work) / f"src-{year}-{number:02d}"
    folder.mkdir(parents=True, exist_ok=True)
    text = source.read_text(encoding="utf-8")
    if (year, number, total) != REAL:
        text = rewrite_source(text, year, number, total)
    (folder / "issue.md").write_text(text, encoding="utf-8", newline="")
    shutil.copyfile(source.with_name("corrections.yaml"), folder / "corrections.yaml")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli_main(["import", str(folder / "issue.md"), "--docs", str(docs)])
    if status != 0:
        raise RuntimeError(f"import of synthetic issue {year}/{number:02d} failed (exit {status}):\n"
                           + out.getvalue() + err.getvalue())
    target = Path(docs) / f"{year}" / f"{number:02d}"
    if not (target / "index.md").is_file():
        raise RuntimeError(f"import did not write {target}/index.md")
    return target


def base_docs(docs, real_docs=ROOT / "docs"):
    """A docs folder with the real home page, no issues (styles and scripts live in overrides/)."""
    docs = Path(docs)
    docs.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(real_docs / "index.md", docs / "index.md")
    return docs


def make_pool(count, work):
    """Import `count` issues once into work/pool-docs; returns [(year, number, folder)] newest first."""
    pool = Path(work) / "pool-docs"
    pool.mkdir(parents=True, exist_ok=True)
    issues = []
    for year, number, total in issue_numbers(count):
        folder = import_issue_copy(year, number, total, pool, work)
        issues.append((year, number, folder))
    return issues


def archive_docs(pool_issues, count, docs):
    """docs/ with the home page and the newest `count` issues of the pool."""
    docs = base_docs(docs)
    for year, number, folder in pool_issues[:count]:
        shutil.copytree(folder, docs / f"{year}" / f"{number:02d}")
    return docs


def measure(work, browser, pool, size, runs, slug, queries, lh_runs):
    """Build an archive of the newest `size` issues of the pool and measure it (see above)."""
    docs = archive_docs(pool, size, Path(work) / f"growth-docs-{size}")
    proj = building.make_project(Path(work) / f"growth-proj-{size}", docs)
    site, site_nosearch = Path(work) / f"growth-site-{size}", Path(work) / f"growth-site-{size}-nosearch"
    times = [building.build(proj, site) for _ in range(runs)]
    nosearch = building.build(proj, site_nosearch, search=False)
    shutil.rmtree(site_nosearch, ignore_errors=True)
    article = site / slug / "index.html"
    with served(site) as (base_url, server):
        load = page_bytes.fetched_bytes(browser, base_url, server, f"/{slug}/", "北极", then_path="/")
        search = archive_search.timings(browser, base_url, server, site, queries, f"/{slug}/")
        lh = lighthouse.lighthouse_runs(f"{base_url}/{slug}/", work, f"growth-{size}", lh_runs) if lh_runs else None
    entry = {
        "issues": size, "build_s": times, "build_nosearch_s": nosearch, "site": building.site_stats(site),
        "search_index": archive_search.index_stats(site),
        "pages": {"article": sizes(article), **{name: sizes(site / path) for name, path in LISTINGS.items()}},
        "article_nav_bytes": page_bytes.nav_bytes(article.read_text(encoding="utf-8")),
        "article_first_visit": page_bytes.total(load["on_load"]),
        "search": search, "second_page_ready_ms": load["second_page"]["ready_ms"],
        "second_page_sent": load["second_page"]["bytes_sent"], "lighthouse": lh,
    }
    shutil.rmtree(site, ignore_errors=True)
    return entry


def per_added_issue(what, out, value, show):
    """One line per pair of sizes: how `value(entry)` grew, and by how much per added issue."""
    steps = []
    for a, b in zip(out, out[1:]):
        va, vb = value(a), value(b)
        margin = (vb - va) / (b["issues"] - a["issues"])
        steps.append(f"{a['issues']} -> {b['issues']}: x{vb / va:.1f}, {'+' if margin >= 0 else '-'}{show(abs(margin))} per issue")
    print(f"    {what:<34} " + "; ".join(steps))


def run(work, browser, counts, runs_for, slug, lh_runs):
    """`runs_for(size)`: how many builds with search at that size; Lighthouse at the largest."""
    heading(f"6. Growth: archives of {'/'.join(map(str, counts))} issues, each imported through `python -m journal import`")
    start = time.perf_counter()
    pool = make_pool(max(counts), Path(work) / "growth")
    pool_seconds = time.perf_counter() - start
    print(f"  imported {len(pool)} issues ({pool[-1][0]}/{pool[-1][1]:02d} .. {pool[0][0]}/{pool[0][1]:02d}) in {pool_seconds:.1f} s "
          f"({pool_seconds / len(pool) * 1000:.0f} ms per issue, in-process CLI entry point)", flush=True)
    out = []
    for size in counts:
        e = measure(work, browser, pool, size, runs_for(size), slug, QUERIES, lh_runs if size == max(counts) else 0)
        out.append(e)
        print(f"  {size:>3} issues: build {spread(e['build_s'])}, no-search build {e['build_nosearch_s']:.2f} s, "
              f"{e['site']['html_pages']} HTML pages, {kib(e['site']['bytes'])} on disk", flush=True)
    print()
    table(["issues", "build (median)", "per issue", "no-search", "search share", "site on disk", "all HTML",
           "HTML pages", "search index"], [
        [e["issues"], f"{median(e['build_s']):.2f} s (n={len(e['build_s'])})", f"{median(e['build_s']) / e['issues']:.2f} s",
         f"{e['build_nosearch_s']:.2f} s (n=1)", f"{1 - e['build_nosearch_s'] / median(e['build_s']):.0%}",
         kib(e["site"]["bytes"]), kib(e["site"]["html_bytes"]), e["site"]["html_pages"], f"{e['search_index']['files']} files, {kib(e['search_index']['bytes'])}"]
        for e in out])
    print("\n  Page HTML, raw / gzip:")
    table(["issues", f"article {slug}", "its nav part"] + list(LISTINGS), [
        [e["issues"], raw_gzip(e["pages"]["article"]),
         f"{kib(e['article_nav_bytes'])} ({e['article_nav_bytes'] / e['pages']['article']['raw']:.0%})" if e["article_nav_bytes"] else "-"]
        + [raw_gzip(e["pages"][name]) for name in LISTINGS] for e in out])
    print()
    table(["issues", "article first visit, all bytes raw / gzip", "last key -> first result",
           "search opened -> first result", "KiB fetched for search (median)", "search on the next page, settled"], [
        [e["issues"], raw_gzip(e["article_first_visit"]), spread(e["search"]["last_key_ms"], "ms", 0),
         spread(e["search"]["open_ms"], "ms", 0), kib(median(e["search"]["bytes"])),
         f"{e['second_page_ready_ms']:.0f} ms (n=1)" if e["second_page_ready_ms"] is not None else "-"] for e in out])
    print(f"  (search on the article page, a fresh context per query; queries: {', '.join(QUERIES)})")
    print("  Listings' gzip sizes are optimistic: the synthetic issues repeat the same titles (see bench/growth.py).")
    if len(out) > 1:
        print("\n  Growth between sizes (linear growth: the same '+ per issue' at every step):")
        seconds = lambda v: f"{v:.2f} s"  # noqa: E731
        per_added_issue("build with search (median)", out, lambda e: median(e["build_s"]), seconds)
        per_added_issue("build without search (n=1)", out, lambda e: e["build_nosearch_s"], seconds)
        per_added_issue("site on disk", out, lambda e: e["site"]["bytes"], kib)
        per_added_issue("search index on disk", out, lambda e: e["search_index"]["bytes"], kib)
        for name in ["article", *LISTINGS]:
            per_added_issue(f"{name} page HTML, raw", out, lambda e, n=name: e["pages"][n]["raw"], kib)
            per_added_issue(f"{name} page HTML, gzip", out, lambda e, n=name: e["pages"][n]["gzip"], kib)
    for e in out:
        if e["lighthouse"]:
            lighthouse.print_lighthouse(f"Lighthouse, article page at {e['issues']} issues", e["lighthouse"])
    return {"pool_import_s": pool_seconds, "sizes": out}

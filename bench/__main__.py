"""Benchmarks of the import, the build and the built site (`make bench`; not part of the tests).

    python -m bench [--quick] [--no-lighthouse] [--sizes 1,10,50] [--scale 232] [--zips]
                    [--scale-no-pdf [--pdf-sample 3]] [--keep-archive build/archives]
                    [--only scale,stock] [--json build/bench.json]

In order, one module each:
1. bench/importing.py     import of the issue, in memory and through the CLI;
2. bench/building.py      clean `mkdocs build`, with search and without;
3. bench/page_bytes.py    bytes Chromium fetches for the home page and the longest article;
4. bench/archive_search.py  search in Chromium: last key -> first result, bytes fetched for it;
   bench/search_quality.py  what readers type (tests/search/reader_queries.yaml) beside jieba + BM25;
5. bench/lighthouse.py    Lighthouse scores of both pages, and what stands in the way of 100;
6. bench/growth.py        synthetic archives of 1, 10 and 50 issues made through the real importer;
7. bench/scale.py         the whole archive (--scale, default 232 issues of varied text): clean
                          builds with and without PDFs (and without search), peak memory of each
                          process, a one-line fix, site and zips;
8. bench/stock.py         one issue against stock Material (median of 5), cProfile, import times.

Everything is built and served from temporary folders: docs/, site/ and sources/ are only read.
The machine is shared and noisy (2 cores): timings are medians of several runs (min-max shown),
and ratios are taken between runs interleaved in the same benchmark. Read them as estimates.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from . import ROOT, archive_search, building, growth, importing, lighthouse, page_bytes, scale, search_quality, stock
from .browser import launch, served
from .report import kib


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, growth up to 10 issues (a smoke test)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--sizes", help="archive sizes for growth, e.g. 1,10 (default 1,10,50; --quick 1,10)")
    parser.add_argument("--scale", default="232", help="archive sizes for section 7, e.g. 10,50 ('' = skip)")
    parser.add_argument("--zips", action="store_true", help="section 7 also makes the offline zips (one build per issue)")
    parser.add_argument("--scale-no-pdf", action="store_true",
                        help="section 7 without the galleys (their rate and sizes from --pdf-sample issues apart)")
    parser.add_argument("--pdf-sample", type=int, default=3, help="with --scale-no-pdf: issues whose galleys are rendered")
    parser.add_argument("--keep-archive", default="", help="section 7 keeps its imported archives here and reuses them")
    parser.add_argument("--only", default="", help="run only these sections, e.g. scale,stock")
    parser.add_argument("--json", default=str(ROOT / "build" / "bench.json"), help="also write results here ('' = no)")
    args = parser.parse_args(argv)
    only = set(filter(None, args.only.split(",")))
    from playwright.sync_api import sync_playwright

    quick = args.quick
    import_runs, build_runs, search_rounds, lh_runs = (3, 2, 1, 1) if quick else (7, 4, 3, 3)
    counts = [int(n) for n in args.sizes.split(",")] if args.sizes else [1, 10] if quick else [1, 10, 50]
    growth_runs = (lambda size: 1) if quick else (lambda size: 3 if size == 1 else 2)
    growth_lh_runs = 0 if args.no_lighthouse or quick else 2
    started = time.perf_counter()
    print(f"benchmark: Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} at start; timings are medians (min-max, n runs)")
    results = {"started": time.strftime("%Y-%m-%d %H:%M:%S"), "loadavg_start": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        if not only or "stock" in only:
            results["stock"] = stock.run(work, 3 if quick else 5)
        if args.scale and (not only or "scale" in only):
            results["scale"] = scale.run(work, [int(n) for n in args.scale.split(",")], args.zips, keep=args.keep_archive or None,
                                         pdf=not args.scale_no_pdf, sample=args.pdf_sample if args.scale_no_pdf else 0)
        if only and not only - {"stock", "scale"}:
            return _finish(results, started, args)
        results["import"] = importing.run(work, import_runs)
        proj, site, results["build"] = building.run(work, build_runs)
        slug = building.longest_article(proj / "docs", site)
        print(f"  longest article by HTML size: {slug} ({kib((site / slug / 'index.html').stat().st_size)})")
        pages = [("home", "/", f"/{slug}/"), ("longest article", f"/{slug}/", "/")]
        with served(site) as (base_url, server):
            with sync_playwright() as p:  # closed before Lighthouse starts its own Chromium
                browser = launch(p)
                results["bytes"] = page_bytes.run(browser, base_url, server, pages)
                results["search"] = archive_search.run(browser, base_url, server, site, f"/{slug}/", search_rounds)
                browser.close()
            results["lighthouse"] = "skipped" if args.no_lighthouse else lighthouse.run(base_url, pages, work, lh_runs)
        print("\n## 4b. Search quality: what readers type (bench/search_quality.py), beside jieba + BM25")
        results["search_quality"] = search_quality.run(site)["scores"]
        with sync_playwright() as p:
            browser = launch(p)
            results["growth"] = growth.run(work, browser, counts, growth_runs, slug, growth_lh_runs)
            browser.close()
    return _finish(results, started, args)


def _finish(results, started, args):
    results["total_s"] = time.perf_counter() - started
    results["loadavg_end"] = os.getloadavg()
    print(f"\nbenchmark took {results['total_s'] / 60:.1f} min; load average at end "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.json:
        path = Path(args.json)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        print(f"results also in {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

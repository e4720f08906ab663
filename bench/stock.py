"""8. One issue against stock Material, and where the project's build spends its time.

Stock: a mkdocs.yml with only `site_name`, the Material theme (language zh) and the project's
`markdown_extensions:` block copied verbatim, building the same docs/ (Material's own search
plugin on, MkDocs's default). The project: mkdocs.yml as shipped, without the PDF galleys
(JOURNAL_PDF=false: they are measured by bench/scale.py). Both are fresh `mkdocs build`
processes into empty folders, interleaved run after run (so both meet the same load on this
shared machine); the ratio is taken per pair and its median printed.

Then where the project's time goes: one build under cProfile (the top functions by their own
time, and the time per package: journal's plugins, Python-Markdown, Jinja, …), and
`python -X importtime` of the three plugins (what importing them costs before any work).
"""

import io
import os
import pstats
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from . import ROOT, building
from .report import PY, clean_env, heading, median, run_timed, spread, table

PLUGINS = ("journal.search.plugin", "journal.site.plugin", "journal.publishing.plugin")


def extensions_block(text):
    """mkdocs.yml's `markdown_extensions:` block, verbatim."""
    lines, out, inside = text.splitlines(keepends=True), [], False
    for line in lines:
        if line.startswith("markdown_extensions:"):
            inside = True
        elif inside and line.strip() and not line.startswith((" ", "#")):
            break
        if inside:
            out.append(line)
    return "".join(out)


def stock_project(work, docs_source=ROOT / "docs", search=True):
    proj = Path(work) / ("stock" if search else "stock-nosearch")
    proj.mkdir(parents=True, exist_ok=True)
    config = ("site_name: 国际问题研究\nuse_directory_urls: true\ntheme:\n  name: material\n  language: zh\n"
              + ("" if search else "plugins: []\n") + "\n"
              + extensions_block((ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
    (proj / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(docs_source, proj / "docs", dirs_exist_ok=True)
    return proj


def timed(proj, site, config="mkdocs.yml", **env):
    shutil.rmtree(site, ignore_errors=True)
    # Not --quiet: the project's page cache is off under -q (render_cache.py), and the output is
    # captured anyway.
    seconds, _ = run_timed([PY, "-m", "mkdocs", "build", "-f", proj / config, "--site-dir", site],
                           cwd=proj, **env)
    return seconds


def ratio(work, runs=5):
    """The project against stock, with search (mkdocs.yml as shipped against Material's search
    plugin) and without (JOURNAL_SEARCH=false against `plugins: []`), all four interleaved."""
    proj = building.make_project(Path(work) / "ours", ROOT / "docs")
    if not (proj / "data").exists():  # the About page's facts (data/journal.yaml)
        shutil.copytree(ROOT / "data", proj / "data")
    stock, stock_bare = stock_project(work), stock_project(work, search=False)
    # The project's modules byte-compiled, as pip compiled Material's and MkDocs' at install: a
    # build reads .pyc files but, under PYTHONDONTWRITEBYTECODE (set on the machine this was
    # measured on), never writes them, so without this every timed build compiled the project's
    # 60-odd modules from source (0.1-0.2 s) and stock compiled none.
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "src")], check=True, capture_output=True)
    # The project's compiled templates (site/template_cache.py) and its libraries' answers
    # (journal.memo: jieba.posseg's cuts of the titles, pypinyin's readings) in a cache of this
    # run's own, filled by a first build that is not timed: what every build after the first meets.
    # The caches of the build's own outputs (the pages' rendered Markdown, the index's batches,
    # the JATS files: build_cache.py) are off in the like-for-like runs: stock renders every page, so does the
    # project there. A rebuild with them warm, as a correction's deploy meets them, is timed apart.
    cache = {"JOURNAL_CACHE_DIR": str(Path(work) / "cache")}
    cold = dict(cache, JOURNAL_PAGE_CACHE="", JOURNAL_INDEX_CACHE="", JOURNAL_JATS_CACHE="")
    first = timed(proj, Path(work) / "site-ours", JOURNAL_PDF="false", **cold)
    timed(proj, Path(work) / "site-ours", JOURNAL_PDF="false", **cache)  # fills the output caches
    times = {"ours": [], "stock": [], "ours_nosearch": [], "stock_nosearch": [], "ours_warm": []}
    for _ in range(runs):
        times["ours"].append(timed(proj, Path(work) / "site-ours", JOURNAL_PDF="false", **cold))
        times["stock"].append(timed(stock, Path(work) / "site-stock"))
        times["ours_nosearch"].append(timed(proj, Path(work) / "site-ours", JOURNAL_PDF="false", JOURNAL_SEARCH="false", **cold))
        times["stock_nosearch"].append(timed(stock_bare, Path(work) / "site-stock"))
        times["ours_warm"].append(timed(proj, Path(work) / "site-ours", JOURNAL_PDF="false", **cache))
    ratios = [a / b for a, b in zip(times["ours"], times["stock"])]
    bare = [a / b for a, b in zip(times["ours_nosearch"], times["stock_nosearch"])]
    warm = [a / b for a, b in zip(times["ours_warm"], times["stock"])]
    table(["build of this issue (fresh process, interleaved)", "wall time: median (min-max, n)"], [
        ["the project (mkdocs.yml as shipped, no PDFs)", spread(times["ours"])],
        ["stock Material, same pages and Markdown extensions (its search on)", spread(times["stock"])],
        ["ratio project/stock (per pair)", spread(ratios, "x")],
        ["the project without search (JOURNAL_SEARCH=false)", spread(times["ours_nosearch"])],
        ["stock Material without search (plugins: [])", spread(times["stock_nosearch"])],
        ["ratio without search (per pair)", spread(bare, "x")],
        ["the project as shipped, its page and index caches warm (a rebuild)", spread(times["ours_warm"])],
        ["ratio of that rebuild to stock with search (per pair)", spread(warm, "x")],
    ])
    print(f"  (the project's first build, templates not yet compiled nor titles tagged: {first:.2f} s; load average {os.getloadavg()[0]:.1f})")
    return proj, {"first_s": first, **{f"{k}_s": v for k, v in times.items()}, "ratio": ratios, "ratio_nosearch": bare,
                  "ratio_warm": warm}


def package_of(filename):
    """A profile entry's file -> the package it belongs to, for the per-package sums."""
    path = filename.replace("\\", "/")
    for marker in ("/site-packages/", "/src/"):
        if marker in path:
            parts = path.split(marker, 1)[1].split("/")
            return "/".join(parts[:2]) if parts[0] == "journal" else parts[0]
    if path == "~":
        return "(built-in calls: waiting, I/O, compile)"
    if path.startswith("<") or "/lib/python" in path:
        return "(python)"
    return path


def profile(proj, work, search=True, top=8):
    """cProfile of one build of the project, in a fresh process (JOURNAL_PDF=false): own time
    by package, the slowest functions, and the journal's own by cumulative time."""
    site = Path(work) / "site-profile"
    shutil.rmtree(site, ignore_errors=True)
    env = dict(clean_env(), JOURNAL_PDF="false", JOURNAL_SEARCH="true" if search else "false",
               JOURNAL_CACHE_DIR=str(Path(work) / "cache"), JOURNAL_PAGE_CACHE="", JOURNAL_INDEX_CACHE="", JOURNAL_JATS_CACHE="")
    script = (f"import sys; sys.argv = ['mkdocs', 'build', '--quiet', '-f', "
              f"{str(proj / 'mkdocs.yml')!r}, '--site-dir', {str(site)!r}]\n"
              "from mkdocs.__main__ import cli\ntry:\n    cli()\nexcept SystemExit:\n    pass\n")
    out = Path(work) / "build.prof"
    subprocess.run([PY, "-c", "import cProfile, sys; cProfile.run(sys.argv[1], sys.argv[2])", script, str(out)],
                   cwd=proj, env=env, check=True, capture_output=True)
    stats = pstats.Stats(str(out))
    total = stats.total_tt
    per_package = defaultdict(float)
    rows = []
    for (filename, line, name), (cc, nc, tt, ct, callers) in stats.stats.items():
        per_package[package_of(filename)] += tt
        rows.append((tt, ct, nc, f"{package_of(filename)}:{name}"))
    rows.sort(reverse=True)
    what = "with search" if search else "without search (JOURNAL_SEARCH=false)"
    print(f"\n  Where the time goes, {what}: cProfile of one build, {total:.2f} s profiled (profiling slows it). Own time by package:")
    packages = sorted(per_package.items(), key=lambda kv: -kv[1])[:top]
    table(["package", "own time", "share"], [[p, f"{t:.2f} s", f"{t / total:.0%}"] for p, t in packages])
    print("  Slowest functions by own time:")
    table(["function", "own", "cumulative", "calls"], [[n, f"{tt:.3f} s", f"{ct:.3f} s", nc] for tt, ct, nc, n in rows[:top]])
    cumulative = io.StringIO()
    pstats.Stats(str(out), stream=cumulative).sort_stats("cumulative").print_stats(r"journal/", top)
    journal_rows = [line for line in cumulative.getvalue().splitlines() if "journal/" in line][:top]
    print("  The journal's own functions by cumulative time (calls, own, own/call, cumulative, cumulative/call):\n"
          + "\n".join("    " + line.strip().replace(str(Path(__file__).resolve().parents[1]) + "/", "") for line in journal_rows))
    return {"total_s": total, "packages": dict(packages), "top": [(n, tt, ct) for tt, ct, nc, n in rows[:top]]}


def import_times(top=8):
    """`python -X importtime` of the three plugins: the slowest modules (cumulative µs)."""
    proc = subprocess.run([PY, "-X", "importtime", "-c", "import " + ", ".join(PLUGINS)],
                          env=clean_env(), capture_output=True, text=True, check=True)
    rows = []
    for line in proc.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)", line)
        if match:
            rows.append((int(match[2]), int(match[1]), len(match[3]), match[4]))
    total = sum(own for _, own, _, _ in rows)
    print(f"\n  Importing the three plugins: {total / 1e6:.2f} s of import time in all (python -X importtime); slowest:")
    heavy = sorted(rows, reverse=True)
    shown = [r for r in heavy if r[2] <= 5][:top]
    table(["module (indent = nesting)", "cumulative", "own"],
          [[" " * (depth - 1) + name, f"{cum / 1e3:.0f} ms", f"{own / 1e3:.0f} ms"] for cum, own, depth, name in shown])
    return {"total_s": total / 1e6, "top": [(name, cum / 1e6) for cum, _, _, name in shown]}


def run(work, runs=5):
    heading("8. One issue: the project's build against stock Material; where the time goes")
    proj, result = ratio(work, runs)
    result["profile"] = profile(proj, work)
    result["profile_nosearch"] = profile(proj, work, search=False)
    result["imports"] = import_times()
    return result


def main(argv=None):
    import argparse
    import json
    import tempfile

    parser = argparse.ArgumentParser(prog="python -m bench.stock")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", default="")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-stock-") as work:
        result = run(work, args.runs)
    print(f"\n  median ratio: {median(result['ratio']):.2f}x with search, {median(result['ratio_nosearch']):.2f}x without")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

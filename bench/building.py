"""2. Build speed: a clean `mkdocs build` of this issue, with search and without; and the PDF
galleys, from an empty cache and from a full one.

"With search" is mkdocs.yml as shipped. "Without" is the same file with the `zh-search` plugin
entry removed (no search index is written; the pages keep the dialog's scripts), so the
difference is what Chinese search indexing costs. The two builds alternate, run after run, so
both meet the same machine load; the difference and the ratio are taken per pair. Each build
is a fresh process into an empty folder, start-up included, without the PDF galleys
(JOURNAL_PDF=false): they are measured on their own, since their cache (JOURNAL_PDF_CACHE, here a
temporary folder) makes a build's time depend on what was built before. `make build` = the build with search +
the PDFs (cold the first time, warm after).

Also used by bench/growth.py: `make_project` (a temporary copy of the build inputs over any
docs folder) and `build`.
"""

import re
import shutil
from pathlib import Path

from journal import catalog

from . import ROOT
from .archive_search import index_stats
from .report import PY, heading, kib, median, run_timed, spread, table

NO_SEARCH = ("zh-search",)  # the plugin entries the no-search variant drops
ENTRY = re.compile(r"^  - ([\w./-]+):?\s*(#.*)?$")  # a plugin entry of mkdocs.yml's `plugins:` list


def without_plugins(text, names):
    """mkdocs.yml's text with the plugin entries `names` removed: each entry's `  - name` line,
    its indented options, and the comment lines right above it."""
    out, held, in_plugins, dropping, found = [], [], False, False, set()
    for line in text.splitlines(keepends=True):
        if not in_plugins:
            out.append(line)
            in_plugins = line.rstrip() == "plugins:"
        elif line.strip() and not line.startswith(" "):  # the next top-level key ends the list
            out += held + [line]
            held, in_plugins = [], False
        elif line.startswith("  #"):  # a comment about the next entry
            held.append(line)
        elif match := ENTRY.match(line):
            dropping = match.group(1) in names
            found.add(match.group(1))
            if not dropping:
                out += held + [line]
            held = []
        elif not dropping:
            out.append(line)
    out += held
    if not set(names) <= found:
        raise RuntimeError(f"mkdocs.yml has no plugin entries {sorted(set(names) - found)}: update bench/building.py")
    return "".join(out)


def make_project(work, docs_source):
    """A copy of the build inputs under `work`: mkdocs.yml, mkdocs-nosearch.yml, overrides/,
    data/ (the About page's facts), and docs/ copied from `docs_source`. The plugins are the
    installed `journal` package."""
    proj = Path(work)
    proj.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (proj / "mkdocs.yml").write_text(text, encoding="utf-8")
    (proj / "mkdocs-nosearch.yml").write_text(without_plugins(text, NO_SEARCH), encoding="utf-8")
    shutil.copytree(ROOT / "overrides", proj / "overrides")
    shutil.copytree(ROOT / "data", proj / "data")
    shutil.copytree(docs_source, proj / "docs")
    return proj


def build(proj, site, search=True, pdf_cache=None):
    """A clean build into `site` (emptied first); returns wall seconds. No PDF galleys unless
    `pdf_cache` names their cache folder."""
    config = proj / ("mkdocs.yml" if search else "mkdocs-nosearch.yml")
    shutil.rmtree(site, ignore_errors=True)
    pdf = {"JOURNAL_PDF": "true", "JOURNAL_PDF_CACHE": str(pdf_cache)} if pdf_cache else {"JOURNAL_PDF": "false"}
    seconds, _ = run_timed([PY, "-m", "mkdocs", "build", "--quiet", "-f", config, "--site-dir", site], cwd=proj, **pdf)
    return seconds


def site_stats(site):
    files = [p for p in Path(site).rglob("*") if p.is_file()]
    return {
        "bytes": sum(p.stat().st_size for p in files),
        "html_bytes": sum(p.stat().st_size for p in files if p.suffix == ".html"),
        "files": len(files),
        "html_pages": sum(1 for p in files if p.suffix == ".html"),
    }


def longest_article(docs, site):
    """The article with the largest HTML page: its path without suffix, e.g. '2026/02/wang-fan'."""
    issues = catalog.read_catalog(catalog.pages_on_disk(docs))
    stems = [a.src_uri[: -len(".md")] for issue in issues for a in issue.articles]
    return max(stems, key=lambda stem: (Path(site) / stem / "index.html").stat().st_size)


def run(work, runs):
    """Returns (project folder, built site with search, results)."""
    heading("2. Clean `mkdocs build` of this issue: with search vs without; the PDF galleys")
    proj = make_project(Path(work) / "proj", ROOT / "docs")
    site = Path(work) / "site-search"
    with_search, without = [], []
    for _ in range(runs):  # interleaved, so both see the same machine load
        with_search.append(build(proj, site))
        without.append(build(proj, Path(work) / "site-nosearch", search=False))
    # The build with search and the PDF galleys (make build): from an empty cache, then again
    # from the cache that filled.
    cold, warm = [], []
    for n in range(max(1, runs // 2)):
        cache = Path(work) / f"pdf-cache-{n}"
        cold.append(build(proj, Path(work) / "site-pdf", pdf_cache=cache))
        warm.append(build(proj, Path(work) / "site-pdf", pdf_cache=cache))
    shutil.rmtree(Path(work) / "site-pdf", ignore_errors=True)
    ratios = [a / b for a, b in zip(with_search, without)]
    diffs = [a - b for a, b in zip(with_search, without)]
    index = index_stats(site)
    table(["build", "wall time (fresh process): median (min-max, n)"], [
        ["with zh-search (as shipped)", spread(with_search)],
        ["without search (zh-search removed)", spread(without)],
        ["difference (per interleaved pair)", spread(diffs)],
        ["ratio with/without (per pair)", spread(ratios, "x")],
        ["with search and the PDF galleys, empty cache (make build, first time)", spread(cold)],
        ["with search and the PDF galleys from the cache (make build, again)", spread(warm)],
    ])
    print(f"  search indexing is ~{median(diffs) / median(with_search):.0%} of the clean build (median difference / median build).")
    stats = site_stats(site)
    print(f"  site: {stats['html_pages']} HTML pages, {stats['files']} files, {kib(stats['bytes'])}; "
          f"search/index/ {index['files']} files, {kib(index['bytes'])}")
    return proj, site, {"with_search_s": with_search, "without_search_s": without, "diff_s": diffs,
                        "ratio": ratios, "pdf_cold_s": cold, "pdf_warm_s": warm, "search_index": index, "site": stats}

"""7. Scale: the whole archive (232 issues), built as the deploy builds it.

An archive of N issues is imported through the real importer (`python -m journal import`,
in-process), one synthetic issue at a time, each the real source made different by
bench/varied.py (people renamed, sentences reshuffled across articles and issues, per issue
seed), under its own year and number (bench/growth.py's masthead rewrite). The project is a
temporary copy of the build inputs (bench/building.py's make_project) with its own cache folder
(JOURNAL_CACHE_DIR): nothing of the checkout or of the user's cache is read or written.

Measured at each size, each build a fresh `mkdocs build --strict` process:
- a clean build without the PDFs or the search index (JOURNAL_PDF=false JOURNAL_SEARCH=false):
  what the pages and the journal's plugins cost, wall time and peak memory;
- a clean build without the PDFs (the search index made, as deployed): wall time, peaks;
- a clean build with the PDFs from an empty cache (rendered on every core, pdf.py): wall
  time, peaks, and how long the galleys took (the plugin's own log line); or, with --no-pdf,
  the newest --pdf-sample issues' galleys rendered apart, their rate and sizes extrapolated to
  the whole archive (and printed as an extrapolation);
- a rebuild after a one-line correction to one article (a sentence of the newest issue's
  first article changed on disk; the PDFs, the pages' rendered Markdown and the index's batches
  in the cache as the last clean build left them, which started with them empty): wall time,
  and how many PDFs were made;
- the site on disk (all files; the PDFs apart);
- optionally (--zips) the offline zips, `python -m journal.bundle` in the project: each zip's
  size, the archive zip's and the sum of the issue zips'.

Peak memory is given per process (report.run_peaks: each one's own high-water mark): the
build process itself, the largest worker (a PDF or search index worker),
and the most the whole tree held at one sample. The workers run at once, so the machine needs
up to workers x a worker's peak beside the build process.

With --keep DIR the imported archives are kept in DIR and reused by later runs (the import
does not depend on the build); --import-only prepares them and builds nothing.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from . import ROOT, SOURCE, building, varied
from .growth import issue_numbers, rewrite_source
from .report import PY, clean_env, heading, kib, run_peaks, table

PDF_LOG = re.compile(r"PDF galleys: (\d+) PDF\(s\) made, (\d+) from the cache, in ([\d.]+) s")


def corrected_source(source=SOURCE):
    """(the source's text with its corrections applied, a corrections.yaml keeping only `allow`)."""
    from journal.importer.corrections import apply_corrections, load_corrections
    from journal.importer.source import read_source

    path = source.with_name("corrections.yaml")
    corrections = load_corrections(path)
    text = "\n".join(line.text for line in apply_corrections(read_source(source), corrections, path))
    allow = {"allow": [{"text": t, "reason": "as in the real source"} for t in corrections.allowed]}
    return text, yaml.safe_dump(allow, allow_unicode=True)


def real_authors(source=SOURCE):
    from journal.importer.pipeline import convert

    issue, _ = convert(source)
    return sorted({a.name for article in issue.articles for a in article.authors}, key=len, reverse=True)


def import_varied(count, docs, work):
    """Import `count` varied issues into `docs`; returns [(year, number)] newest first and seconds."""
    import contextlib
    import io

    from journal.__main__ import main as cli_main

    text, allow = corrected_source()
    authors = real_authors()
    start, made = time.perf_counter(), []
    for year, number, total in issue_numbers(count):
        folder = Path(work) / f"src-{year}-{number:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        body = varied.vary(rewrite_source(text, year, number, total), year, number, authors)
        (folder / "issue.md").write_text(body, encoding="utf-8", newline="")
        (folder / "corrections.yaml").write_text(allow, encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli_main(["import", str(folder / "issue.md"), "--docs", str(docs)])
        if status != 0:
            raise RuntimeError(f"import of varied issue {year}/{number:02d} failed:\n{out.getvalue()}{err.getvalue()}")
        made.append((year, number))
    return made, time.perf_counter() - start


COMPLETE = ".imported"  # written last in a kept archive's docs folder: the import finished


def import_archive(count, docs, work):
    """docs/ with the real home page and `count` varied issues; import seconds."""
    docs.mkdir(parents=True)
    shutil.copyfile(ROOT / "docs" / "index.md", docs / "index.md")
    _, seconds = import_varied(count, docs, Path(work) / f"sources-{count}")
    return seconds


def make_archive(count, work, keep=None):
    """A project (mkdocs.yml, overrides/, docs/ with the real home page and `count`
    varied issues); returns (project folder, import seconds).

    With `keep` (a folder), the imported docs are kept in keep/docs-N and reused by the next
    run: the import does not depend on the build, and 232 issues take long to import. The
    project always gets the checkout's current mkdocs.yml and overrides/, and a copy of the
    docs (the one-line correction edits the copy, never the kept archive). A kept archive is
    reused only when its import finished (the marker file); import seconds are then those of
    the run that made it."""
    if keep is None:
        docs = Path(work) / f"docs-{count}"
        seconds = import_archive(count, docs, work)
        proj = building.make_project(Path(work) / f"proj-{count}", docs)
        shutil.rmtree(docs)
        return proj, seconds
    docs = Path(keep) / f"docs-{count}"
    marker = docs / COMPLETE
    if not marker.is_file():
        shutil.rmtree(docs, ignore_errors=True)
        shutil.rmtree(Path(keep) / f"sources-{count}", ignore_errors=True)
        seconds = import_archive(count, docs, keep)
        shutil.rmtree(Path(keep) / f"sources-{count}", ignore_errors=True)
        marker.write_text(f"{seconds:.1f}\n", encoding="utf-8")
    proj = building.make_project(Path(work) / f"proj-{count}", docs)
    (proj / "docs" / COMPLETE).unlink()
    return proj, float(marker.read_text(encoding="utf-8"))


# The caches of the build's own outputs (src/journal/build_cache.py): emptied before every clean
# build, which fills them; the correction's rebuild meets them as the clean build left them.
OUTPUT_CACHES = ("pages", "search-index", "jats")


def timed_build(proj, site, cache, pdf, clean=True, search=True):
    """One `mkdocs build --strict` as a fresh process: (seconds, peaks, stderr); peaks as
    report.run_peaks gives them (the build process, the largest worker, all at once)."""
    if clean:
        shutil.rmtree(site, ignore_errors=True)
        for name in OUTPUT_CACHES:
            shutil.rmtree(Path(cache) / name, ignore_errors=True)
    env = dict(clean_env(), JOURNAL_CACHE_DIR=str(cache), JOURNAL_PDF="true" if pdf else "false",
               JOURNAL_SEARCH="true" if search else "false")
    env.pop("JOURNAL_PDF_CACHE", None)
    seconds, proc, peaks = run_peaks([PY, "-m", "mkdocs", "build", "--strict", "-f", proj / "mkdocs.yml",
                                      "--site-dir", site], cwd=proj, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"build failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    return seconds, peaks, proc.stderr


def peaks_line(peaks):
    parts = [f"build process {kib(peaks['build'])}"]
    if peaks["worker"]:
        parts.append(f"largest worker {kib(peaks['worker'])}")
    return ", ".join(parts) + (f" (all at once {kib(peaks['together'])}; {kib(peaks.get('shared_once', 0))} with pages "
                               "shared after fork counted once)")


def pdf_figures(stderr):
    match = PDF_LOG.search(stderr)
    return {"made": int(match[1]), "cached": int(match[2]), "seconds": float(match[3])} if match else None


def correct_one_line(proj):
    """Change one sentence of the body of the newest issue's first article on disk (as an
    editor's fix would); returns the page's path relative to docs/."""
    from journal import catalog

    docs = proj / "docs"
    newest = catalog.read_catalog(catalog.pages_on_disk(docs))[0]
    page = docs / newest.articles[0].src_uri
    lines = page.read_text(encoding="utf-8").split("\n")
    end = lines.index("---", 1)  # a sentence of the body, not of the front matter (the abstract)
    body = next(i for i, line in enumerate(lines) if i > end and len(line) > 60 and "。" in line and not line.startswith(("[^", "#")))
    lines[body] = lines[body].replace("。", "（更正）。", 1)
    page.write_text("\n".join(lines), encoding="utf-8")
    return newest.articles[0].src_uri


def site_sizes(site):
    files = [p for p in Path(site).rglob("*") if p.is_file()]
    pdfs = [p for p in files if p.suffix == ".pdf"]
    issue_pdfs = [p for p in pdfs if p.name.startswith("guoji-wenti-yanjiu-")]
    return {"bytes": sum(p.stat().st_size for p in files), "files": len(files),
            "pdf_bytes": sum(p.stat().st_size for p in pdfs), "pdfs": len(pdfs),
            "issue_pdf_bytes": sum(p.stat().st_size for p in issue_pdfs)}


def zips(proj, cache):
    """`python -m journal.bundle` in the project: (seconds, {zip name: bytes})."""
    env = dict(clean_env(), JOURNAL_CACHE_DIR=str(cache))
    start = time.perf_counter()
    proc = subprocess.run([PY, "-m", "journal.bundle"], cwd=proj, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"bundle failed:\n{proc.stderr[-4000:]}")
    return time.perf_counter() - start, {p.name: p.stat().st_size for p in sorted((proj / "dist").glob("*.zip"))}


def pdf_sample(work, count, keep):
    """The PDF galleys of the newest `count` issues (the same text as in the larger archives:
    each issue's text depends on its year and number only), rendered from an empty cache on
    every core: {made, seconds, per_second, article_pdf_bytes, issue_pdf_bytes, peaks}, to
    extrapolate from when the whole archive's PDFs take too long to render."""
    proj, _ = make_archive(count, Path(work) / "pdf-sample", keep)
    site, cache = Path(work) / "pdf-sample" / "site", Path(work) / "pdf-sample" / "cache"
    seconds, peaks, log = timed_build(proj, site, cache, pdf=True, search=False)
    galleys, sizes = pdf_figures(log), site_sizes(site)
    articles = sum(1 for p in site.rglob("*.pdf") if not p.name.startswith("guoji-wenti-yanjiu-"))
    shutil.rmtree(Path(work) / "pdf-sample", ignore_errors=True)
    return {"issues": count, "build_s": seconds, "made": galleys["made"], "seconds": galleys["seconds"],
            "per_second": galleys["made"] / galleys["seconds"], "articles": articles,
            "article_pdf_bytes": (sizes["pdf_bytes"] - sizes["issue_pdf_bytes"]) / articles,
            "issue_pdf_bytes": sizes["issue_pdf_bytes"] / count, "peaks": peaks}


def measure(work, count, with_zips=False, keep=None, pdf=True, search=True, sample=0):
    """One archive size. Without `pdf`, the builds make no galleys and `sample` issues' galleys
    are rendered apart to extrapolate (rate, sizes); without `search`, no search index."""
    proj, import_s = make_archive(count, work, keep)
    cache, site = Path(work) / f"cache-{count}", Path(work) / f"site-{count}"
    load = lambda: " ".join(f"{x:.1f}" for x in os.getloadavg())  # noqa: E731
    print(f"  {count} issues imported in {import_s:.1f} s", flush=True)
    entry = {"issues": count, "import_s": import_s, "pdf": pdf, "search": search}
    entry["bare_s"], entry["bare_peaks"], _ = timed_build(proj, site, cache, pdf=False, search=False)
    print(f"  clean build without PDFs or search: {entry['bare_s']:.1f} s; {peaks_line(entry['bare_peaks'])}; "
          f"load {load()}", flush=True)
    if search:
        entry["nopdf_s"], entry["nopdf_peaks"], _ = timed_build(proj, site, cache, pdf=False)
        print(f"  clean build without PDFs: {entry['nopdf_s']:.1f} s; {peaks_line(entry['nopdf_peaks'])}; "
              f"load {load()}", flush=True)
    entry["galleys"] = None
    if pdf:
        entry["pdf_s"], entry["pdf_peaks"], log = timed_build(proj, site, cache, pdf=True, search=search)
        entry["galleys"] = pdf_figures(log)
        print(f"  clean build with PDFs (empty cache): {entry['pdf_s']:.1f} s; {peaks_line(entry['pdf_peaks'])}; "
              f"galleys {entry['galleys']}; load {load()}", flush=True)
    elif sample:
        x = entry["pdf_sample"] = pdf_sample(work, sample, keep)
        print(f"  PDF galleys of the newest {sample} issues apart: {x['made']} PDFs in {x['seconds']:.1f} s on "
              f"{os.cpu_count()} cores ({x['per_second']:.2f} a second); {peaks_line(x['peaks'])}; load {load()}", flush=True)
    entry["site"] = site_sizes(site)
    entry["corrected"] = correct_one_line(proj)
    entry["fix_s"], entry["fix_peaks"], log = timed_build(proj, site, cache, pdf=pdf, clean=False, search=search)
    entry["fix_galleys"] = pdf_figures(log)
    print(f"  rebuild after a one-line correction to {entry['corrected']}: {entry['fix_s']:.1f} s; "
          f"galleys {entry['fix_galleys']}; load {load()}", flush=True)
    print(f"  site: {kib(entry['site']['bytes'])} in {entry['site']['files']} files, of which PDFs "
          f"{kib(entry['site']['pdf_bytes'])}", flush=True)
    if with_zips and pdf:
        entry["zips_s"], entry["zips"] = zips(proj, cache)
        archive = next(v for k, v in entry["zips"].items() if "archive" in k)
        print(f"  offline zips: {len(entry['zips'])} in {entry['zips_s']:.0f} s; archive zip {kib(archive)}, "
              f"issue zips {kib(sum(entry['zips'].values()) - archive)} in all", flush=True)
    shutil.rmtree(proj, ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    return entry


def extrapolate_pdfs(entry):
    """What the galleys of the whole archive would take, from the sample's rate and sizes (not measured)."""
    x = entry.get("pdf_sample")
    if not x:
        return None
    articles = x["articles"] / x["issues"] * entry["issues"]
    made = articles + 2 * entry["issues"]  # each article, each issue's cover and its joined PDF
    return {"made": made, "seconds": made / x["per_second"],
            "article_pdf_bytes": articles * x["article_pdf_bytes"], "issue_pdf_bytes": entry["issues"] * x["issue_pdf_bytes"]}


def extrapolate(out, target):
    """Linear fit through the two largest sizes, to `target` issues: {what: value}."""
    a, b = out[-2], out[-1]
    span = b["issues"] - a["issues"]

    def at(value):
        va, vb = value(a), value(b)
        return None if va is None or vb is None else vb + (vb - va) / span * (target - b["issues"])
    return {"issues": target, "bare_s": at(lambda e: e["bare_s"]), "nopdf_s": at(lambda e: e.get("nopdf_s")),
            "pdf_s": at(lambda e: e.get("pdf_s")), "fix_s": at(lambda e: e["fix_s"]),
            "bare_peak": at(lambda e: e["bare_peaks"]["build"]),
            "site_bytes": at(lambda e: e["site"]["bytes"])}


def run(work, counts, with_zips=False, target=232, keep=None, pdf=True, search=True, sample=0):
    heading(f"7. Scale: archives of {'/'.join(map(str, counts))} varied issues, clean builds "
            f"{'with and without PDFs' if pdf else f'without PDFs (galleys of {sample} issues apart)'}"
            f"{'' if search else ', no search index'}")
    out = []
    for count in counts:
        out.append(measure(Path(work) / f"scale-{count}", count, with_zips, keep, pdf, search, sample))
    seconds = lambda e, key: f"{e[key]:.1f} s" if e.get(key) is not None else "-"  # noqa: E731
    peak = lambda e, key, role: kib(e[key][role]) if e.get(key) else "-"  # noqa: E731
    table(["issues", "clean, no PDFs or search", "its peak", "clean, no PDFs", "peak: build", "all at once (PSS)",
           "clean, PDFs (empty cache)", "peak: build", "PDF worker", "all at once (PSS)", "PDFs made (s)", "one-line fix",
           "PDFs made on fix", "site", "of which PDFs", "issue PDFs"], [
        [e["issues"], seconds(e, "bare_s"), peak(e, "bare_peaks", "build"), seconds(e, "nopdf_s"),
         peak(e, "nopdf_peaks", "build"), peak(e, "nopdf_peaks", "shared_once"), seconds(e, "pdf_s"),
         peak(e, "pdf_peaks", "build"), peak(e, "pdf_peaks", "worker"), peak(e, "pdf_peaks", "shared_once"),
         f"{e['galleys']['made']} ({e['galleys']['seconds']:.0f} s)" if e["galleys"] else "-",
         f"{e['fix_s']:.1f} s" + (f" ({e['fix_s'] / e['pdf_s']:.0%})" if e.get("pdf_s") else ""),
         e["fix_galleys"]["made"] if e["fix_galleys"] else "-",
         kib(e["site"]["bytes"]), kib(e["site"]["pdf_bytes"]), kib(e["site"]["issue_pdf_bytes"])] for e in out])
    result = {"sizes": out}
    for e in out:
        if (x := extrapolate_pdfs(e)) is not None:
            e["pdfs_extrapolated"] = x
            print(f"\n  {e['issues']} issues' galleys, extrapolated from the {e['pdf_sample']['issues']}-issue sample "
                  f"(not measured): {x['made']:.0f} PDFs in {x['seconds'] / 60:.1f} min on {os.cpu_count()} cores; "
                  f"article PDFs {kib(x['article_pdf_bytes'])}, issue PDFs {kib(x['issue_pdf_bytes'])}; the site with "
                  f"them {kib(e['site']['bytes'] + x['article_pdf_bytes'] + x['issue_pdf_bytes'])} "
                  f"({kib(e['site']['bytes'] + x['article_pdf_bytes'])} without the issue PDFs)")
    if out[-1]["issues"] < target and len(out) > 1:
        x = result["extrapolated"] = extrapolate(out, target)
        fmt = lambda v, f: "-" if v is None else f(v)  # noqa: E731
        print(f"\n  Extrapolated linearly from {out[-2]['issues']} and {out[-1]['issues']} issues to {target} (not measured): "
              f"clean build without PDFs or search {fmt(x['bare_s'], lambda v: f'{v / 60:.1f} min')} (peak "
              f"{kib(x['bare_peak'])}), without PDFs {fmt(x['nopdf_s'], lambda v: f'{v / 60:.1f} min')}, "
              f"with PDFs {fmt(x['pdf_s'], lambda v: f'{v / 60:.1f} min')}, one-line fix "
              f"{x['fix_s'] / 60:.1f} min, site {kib(x['site_bytes'])}.")
    return result


def main(argv=None):
    """`python -m bench.scale 10,50 [--zips] [--keep DIR [--import-only]] [--no-pdf [--pdf-sample N]]
    [--no-search] [--json FILE]`: this section alone."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(prog="python -m bench.scale")
    parser.add_argument("sizes", nargs="?", default="10,50")
    parser.add_argument("--zips", action="store_true", help="also make the offline zips (one build per issue)")
    parser.add_argument("--keep", default="", help="keep the imported archives in this folder and reuse them")
    parser.add_argument("--import-only", action="store_true", help="with --keep: import the archives, build nothing")
    parser.add_argument("--no-pdf", action="store_true", help="build without the galleys (see --pdf-sample)")
    parser.add_argument("--pdf-sample", type=int, default=0, help="with --no-pdf: render the newest N issues' galleys apart")
    parser.add_argument("--no-search", action="store_true", help="no search index in any build")
    parser.add_argument("--json", default="")
    args = parser.parse_args(argv)
    if args.import_only:
        if not args.keep:
            parser.error("--import-only needs --keep")
        with tempfile.TemporaryDirectory(prefix="bench-scale-") as work:
            for count in (int(n) for n in args.sizes.split(",")):
                _, seconds = make_archive(count, work, args.keep)
                print(f"{count} issues in {Path(args.keep) / f'docs-{count}'} (imported in {seconds:.1f} s)", flush=True)
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as work:
        result = run(work, [int(n) for n in args.sizes.split(",")], args.zips, keep=args.keep or None,
                     pdf=not args.no_pdf, search=not args.no_search, sample=args.pdf_sample)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

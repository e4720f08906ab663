"""7. Scale: the whole archive (232 issues), built as the deploy builds it.

An archive of N issues is imported through the real importer (`python -m journal import`,
in-process), one synthetic issue at a time, each the real source made different by
bench/varied.py (people renamed, sentences reshuffled across articles and issues, per issue
seed), under its own year and number (bench/growth.py's masthead rewrite). The project is a
temporary copy of the build inputs (bench/building.py's make_project) with its own cache folder
(JOURNAL_CACHE_DIR): nothing of the checkout or of the user's cache is read or written.

Measured at each size, each build a fresh `mkdocs build --strict` process:
- a clean build without the PDFs (JOURNAL_PDF=false): wall time, peak memory;
- a clean build with the PDFs from an empty cache (rendered on every core, pdf.py): wall
  time, peak memory, and how long the galleys took (the plugin's own log line);
- a rebuild after a one-line correction to one article (a sentence of the newest issue's
  first article changed on disk, the PDF cache full): wall time, and how many PDFs were made;
- the site on disk (all files; the PDFs apart);
- optionally (--zips) the offline zips, `python -m journal.bundle` in the project: each zip's
  size, the archive zip's and the sum of the issue zips'.

Peak memory is the largest resident set of any one process of the build (the mkdocs process
or one PDF worker), from getrusage(RUSAGE_CHILDREN) of a wrapper process that runs the build
and nothing else: the workers' sets add up while they run at once, so the machine needs up to
(workers + 1) x that figure at worst.
"""

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from . import ROOT, SOURCE, building, varied
from .growth import issue_numbers, rewrite_source
from .report import PY, clean_env, heading, kib, table

# Runs a command and prints its children's peak RSS (KiB on Linux) as the last stdout line.
PEAK = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
        "print('peak-kib', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)")
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


def make_archive(count, work):
    """A project (mkdocs.yml, overrides/, docs/ with the real home page and `count`
    varied issues); returns (project folder, import seconds)."""
    docs = Path(work) / f"docs-{count}"
    docs.mkdir(parents=True)
    shutil.copyfile(ROOT / "docs" / "index.md", docs / "index.md")
    _, seconds = import_varied(count, docs, Path(work) / f"sources-{count}")
    proj = building.make_project(Path(work) / f"proj-{count}", docs)
    shutil.rmtree(docs)
    return proj, seconds


def timed_build(proj, site, cache, pdf, clean=True):
    """One `mkdocs build --strict` as a fresh process: (seconds, peak KiB, stderr)."""
    if clean:
        shutil.rmtree(site, ignore_errors=True)
    env = dict(clean_env(), JOURNAL_CACHE_DIR=str(cache), JOURNAL_PDF="true" if pdf else "false")
    env.pop("JOURNAL_PDF_CACHE", None)
    start = time.perf_counter()
    proc = subprocess.run([PY, "-c", PEAK, PY, "-m", "mkdocs", "build", "--strict", "-f", str(proj / "mkdocs.yml"),
                           "--site-dir", str(site)], cwd=proj, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"build failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    peak = int(proc.stdout.strip().splitlines()[-1].split()[1])
    return seconds, peak * 1024, proc.stderr


def pdf_figures(stderr):
    match = PDF_LOG.search(stderr)
    return {"made": int(match[1]), "cached": int(match[2]), "seconds": float(match[3])} if match else None


def correct_one_line(proj):
    """Change one sentence of the newest issue's first article on disk (as an editor's fix
    would); returns the page's path relative to docs/."""
    from journal import catalog

    docs = proj / "docs"
    newest = catalog.read_catalog(catalog.pages_on_disk(docs))[0]
    page = docs / newest.articles[0].src_uri
    lines = page.read_text(encoding="utf-8").split("\n")
    body = next(i for i, line in enumerate(lines) if i > 5 and len(line) > 60 and "。" in line and not line.startswith(("[^", "#", "---")))
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


def measure(work, count, with_zips=False):
    proj, import_s = make_archive(count, work)
    cache, site = Path(work) / f"cache-{count}", Path(work) / f"site-{count}"
    print(f"  {count} issues imported in {import_s:.1f} s", flush=True)
    nopdf_s, nopdf_peak, _ = timed_build(proj, site, cache, pdf=False)
    print(f"  clean build without PDFs: {nopdf_s:.1f} s, peak {kib(nopdf_peak)}", flush=True)
    pdf_s, pdf_peak, log = timed_build(proj, site, cache, pdf=True)
    galleys = pdf_figures(log)
    print(f"  clean build with PDFs (empty cache): {pdf_s:.1f} s, peak {kib(pdf_peak)}; galleys {galleys}", flush=True)
    sizes = site_sizes(site)
    corrected = correct_one_line(proj)
    fix_s, fix_peak, log = timed_build(proj, site, cache, pdf=True, clean=False)
    fix_galleys = pdf_figures(log)
    print(f"  rebuild after a one-line correction to {corrected}: {fix_s:.1f} s; galleys {fix_galleys}", flush=True)
    entry = {"issues": count, "import_s": import_s, "nopdf_s": nopdf_s, "nopdf_peak": nopdf_peak,
             "pdf_s": pdf_s, "pdf_peak": pdf_peak, "galleys": galleys, "fix_s": fix_s, "fix_peak": fix_peak,
             "fix_galleys": fix_galleys, "site": sizes, "corrected": corrected}
    if with_zips:
        entry["zips_s"], entry["zips"] = zips(proj, cache)
        archive = next(v for k, v in entry["zips"].items() if "archive" in k)
        print(f"  offline zips: {len(entry['zips'])} in {entry['zips_s']:.0f} s; archive zip {kib(archive)}, "
              f"issue zips {kib(sum(entry['zips'].values()) - archive)} in all", flush=True)
    shutil.rmtree(proj, ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    return entry


def extrapolate(out, target):
    """Linear fit through the two largest sizes, to `target` issues: {what: value}."""
    a, b = out[-2], out[-1]
    span = b["issues"] - a["issues"]

    def at(value):
        va, vb = value(a), value(b)
        return vb + (vb - va) / span * (target - b["issues"])
    return {"issues": target, "nopdf_s": at(lambda e: e["nopdf_s"]), "pdf_s": at(lambda e: e["pdf_s"]),
            "fix_s": at(lambda e: e["fix_s"]), "nopdf_peak": at(lambda e: e["nopdf_peak"]),
            "pdf_peak": at(lambda e: e["pdf_peak"]), "site_bytes": at(lambda e: e["site"]["bytes"])}


def run(work, counts, with_zips=False, target=232):
    heading(f"7. Scale: archives of {'/'.join(map(str, counts))} varied issues, clean builds with and without PDFs")
    out = []
    for count in counts:
        out.append(measure(Path(work) / f"scale-{count}", count, with_zips))
    table(["issues", "clean, no PDFs", "peak", "clean, PDFs (empty cache)", "peak", "PDFs made (s)",
           "one-line fix", "PDFs made on fix", "site", "of which PDFs", "issue PDFs"], [
        [e["issues"], f"{e['nopdf_s']:.1f} s", kib(e["nopdf_peak"]), f"{e['pdf_s']:.1f} s", kib(e["pdf_peak"]),
         f"{e['galleys']['made']} ({e['galleys']['seconds']:.0f} s)" if e["galleys"] else "-",
         f"{e['fix_s']:.1f} s ({e['fix_s'] / e['pdf_s']:.0%})", e["fix_galleys"]["made"] if e["fix_galleys"] else "-",
         kib(e["site"]["bytes"]), kib(e["site"]["pdf_bytes"]), kib(e["site"]["issue_pdf_bytes"])] for e in out])
    result = {"sizes": out}
    if out[-1]["issues"] < target and len(out) > 1:
        x = result["extrapolated"] = extrapolate(out, target)
        print(f"\n  Extrapolated linearly from {out[-2]['issues']} and {out[-1]['issues']} issues to {target} (not measured): "
              f"clean build without PDFs {x['nopdf_s'] / 60:.1f} min (peak {kib(x['nopdf_peak'])}), with PDFs from an empty "
              f"cache {x['pdf_s'] / 60:.1f} min (peak {kib(x['pdf_peak'])}), one-line fix {x['fix_s'] / 60:.1f} min, "
              f"site {kib(x['site_bytes'])}.")
    return result


def main(argv=None):
    """`python -m bench.scale 10,50 [--zips] [--json FILE]`: this section alone."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(prog="python -m bench.scale")
    parser.add_argument("sizes", nargs="?", default="10,50")
    parser.add_argument("--zips", action="store_true", help="also make the offline zips (one build per issue)")
    parser.add_argument("--json", default="")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as work:
        result = run(work, [int(n) for n in args.sizes.split(",")], args.zips)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

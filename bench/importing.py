"""1. Import speed: sources/2026-02/issue.md made into pages, two ways.

- in memory: `convert()` + `render_issue()`, after one warm-up call (regex compilation, YAML
  loading are first-call costs, not the steady state);
- through the CLI, `python -m journal import SOURCE --docs TMP`, a fresh process each run
  (what `make import` costs), and beside it the interpreter start-up plus imports alone, so
  the difference is the import's own work.

Medians of `runs` runs (min-max). Only temporary folders are written.
"""

import shutil
import time
from pathlib import Path

from journal.importer.pipeline import convert
from journal.importer.render import render_issue

from . import SOURCE
from .report import PY, heading, run_timed, spread, table


def run(work, runs):
    heading("1. Import of sources/2026-02/issue.md")
    convert(SOURCE)  # warm-up
    in_memory, pages = [], None
    for _ in range(runs):
        start = time.perf_counter()
        issue, _warnings = convert(SOURCE)
        pages = render_issue(issue)
        in_memory.append(time.perf_counter() - start)
    src = Path(work) / "import-src"  # the CLI writes imported.yaml beside the source
    src.mkdir()
    shutil.copyfile(SOURCE, src / "issue.md")
    shutil.copyfile(SOURCE.with_name("corrections.yaml"), src / "corrections.yaml")
    cli = []
    for i in range(runs):
        seconds, proc = run_timed([PY, "-m", "journal", "import", src / "issue.md", "--docs", Path(work) / f"import-docs-{i}"])
        cli.append(seconds)
    startup = [run_timed([PY, "-c", "import journal.__main__"])[0] for _ in range(runs)]
    table(["what", "time: median (min-max, n)"], [
        ["convert() + render_issue(), in memory", spread(in_memory, "s", 3)],
        ["CLI `python -m journal import` to temp docs", spread(cli, "s", 3)],
        ["  of which: interpreter start + imports", spread(startup, "s", 3)],
    ])
    print(f"  {len(pages)} pages, {sum(len(t.encode()) for t in pages.values()) / 1024:.0f} KiB of Markdown; "
          f"source {SOURCE.stat().st_size / 1024:.0f} KiB; CLI said: {proc.stdout.strip()}")
    return {"in_memory_s": in_memory, "cli_s": cli, "startup_s": startup, "pages": len(pages)}

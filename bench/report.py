"""How the benchmarks time things and print them: one place for the statistics, sizes and tables.

The machine is shared and noisy (2 cores): a timing is a median of several runs, printed as
'1.23 s (1.10-1.40, n=5)', i.e. median (min-max, number of runs). Read the spread before the
median: when min and max are far apart, something else was running. Commands are timed as
fresh processes (`run_timed`), start-up included, as `make` would run them. Sizes are bytes
on disk ('raw') and gzip at level 6, what a web server typically sends.
"""

import gzip
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from . import ROOT

PY = sys.executable
GZIP_LEVEL = 6  # a typical web server's level (nginx's gzip_comp_level is 1..9; GitHub Pages compresses too)


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
    """Bytes after gzip at GZIP_LEVEL."""
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL))


def sizes(path):
    """{'raw': bytes on disk, 'gzip': bytes gzipped} of a file."""
    data = Path(path).read_bytes()
    return {"raw": len(data), "gzip": gz(data)}


def kib(n):
    if n is None:
        return "-"
    if abs(n) >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MiB"
    if abs(n) >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n:.0f} B"


def raw_gzip(s):
    """'123.4 KiB / 40.1 KiB' of a sizes() dict."""
    return f"{kib(s['raw'])} / {kib(s['gzip'])}"


def table(headers, rows):
    def width(text):  # CJK characters take two columns
        return sum(2 if ord(c) > 0x2E80 else 1 for c in str(text))
    cols = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(str(c) + " " * (w - width(c)) for c, w in zip(cells, cols)).rstrip()  # noqa: E731
    out = [line(headers), line(["-" * w for w in cols])] + [line(r) for r in rows]
    print("\n".join("  " + row for row in out))


def heading(text):
    print(f"\n{'=' * 78}\n{text}\n{'=' * 78}", flush=True)


def clean_env():
    """The environment of a plain `mkdocs build`: no offline bundle, the default docs folder."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("OFFLINE", None)
    env.pop("DOCS_DIR", None)
    return env


def run_timed(cmd, cwd=ROOT, **env):
    """Run `cmd` as a fresh process (`env`: variables to set); returns (wall seconds,
    CompletedProcess). Fails loudly."""
    start = time.perf_counter()
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=dict(clean_env(), **env), capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return seconds, proc

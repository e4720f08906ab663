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
    # The caches under JOURNAL_CACHE_DIR, as each bench sets it, not the caller's own.
    for name in ("JOURNAL_PAGE_CACHE", "JOURNAL_INDEX_CACHE", "JOURNAL_JATS_CACHE", "JOURNAL_MEMO", "JOURNAL_JINJA_CACHE"):
        env.pop(name, None)
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


def _descendants(pid):
    out, todo = [], [pid]
    while todo:
        pid = todo.pop()
        out.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    todo += [int(x) for x in f.read().split()]
        except OSError:
            pass
    return out


def _memory(pid):
    """(VmHWM, VmRSS in bytes, command line) of a live process, or None."""
    try:
        with open(f"/proc/{pid}/status") as f:
            fields = dict(line.split(":", 1) for line in f if line.startswith(("VmHWM:", "VmRSS:")))
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmdline = f.read().decode(errors="replace")
    except OSError:
        return None
    if len(fields) != 2:  # a zombie
        return None
    return int(fields["VmHWM"].split()[0]) * 1024, int(fields["VmRSS"].split()[0]) * 1024, cmdline


def _pss(pid):
    """The process's proportional set size in bytes (a page shared by n processes counts 1/n:
    what the machine holds for it), or 0 if it cannot be read."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def run_peaks(cmd, cwd, env, every=0.2):
    """Run `cmd`; returns (wall seconds, CompletedProcess-like (returncode, stdout, stderr),
    {"build": peak bytes of the process itself, "worker":
    of the largest other child (a PDF worker), "together": the most the tree held at one
    sample, resident sets added, "shared_once": the same with proportional sets (pages a
    forked worker shares with the build counted once: what the machine needs)}). Each process's own high-water mark (/proc/PID/status VmHWM, Linux) read every
    `every` seconds while it lives, so a process's peak is missed only if it lives less than that."""
    import tempfile
    import threading

    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([str(c) for c in cmd], cwd=cwd, env=env, stdout=out, stderr=err)
        peaks = {"build": 0, "worker": 0, "together": 0, "shared_once": 0}
        done = threading.Event()
        seen_before = set()  # (pid, command line) of the previous sample

        def sample():
            nonlocal seen_before
            while not done.is_set():
                together, shared_once, seen_now = 0, 0, set()
                for pid in _descendants(proc.pid):
                    seen = _memory(pid)
                    if seen is None:
                        continue
                    hwm, rss, cmdline = seen
                    seen_now.add((pid, cmdline))
                    together += rss
                    shared_once += _pss(pid)
                    role = "build" if pid == proc.pid else "worker"
                    # A child caught between fork and exec (git) has the build's
                    # command line and its resident set: a worker only if seen twice as such.
                    if role != "worker" or (pid, cmdline) in seen_before:
                        peaks[role] = max(peaks[role], hwm)
                seen_before = seen_now
                peaks["together"] = max(peaks["together"], together)
                peaks["shared_once"] = max(peaks["shared_once"], shared_once)
                done.wait(every)
        thread = threading.Thread(target=sample, daemon=True)
        thread.start()
        returncode = proc.wait()
        done.set()
        thread.join()
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        result = subprocess.CompletedProcess(cmd, returncode, out.read().decode(errors="replace"),
                                             err.read().decode(errors="replace"))
    return seconds, result, peaks

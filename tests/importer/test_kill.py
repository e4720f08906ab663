"""SIGKILL at any moment of an import leaves docs/ whole: the issue folder is the old import or
the new one, never a mix, docs/ holds no temporary file, and the next import mends the rest.

Each case imports the real source over an import of a modified copy of it (another date in
the masthead, so every page differs) and kills the importer after a delay. The importer runs
in a child process forked from this one: it is the command line's own `main()`, but without
the ~0.5 s it takes a fresh interpreter to import the site's dependencies (pypinyin), which
would put most kills before the import starts and the whole test far over its time budget.

The write phase takes a few milliseconds, too short for a timer to hit reliably, so the
child stretches it: an audit hook (PEP 578, installed in the child only; write.py has no test
hook) pauses before every file-system change the import makes and logs it. A kill then lands
between two steps of the write, which is where it matters; inside one step (a rename, the
swap) the kernel already makes it all or nothing.
"""

import os
import shutil
import signal
import sys
import time

import pytest
import yaml

from journal.__main__ import main
from journal.importer.pipeline import SCRATCH_PREFIX
from journal.importer.write import digest, recover, work_folder

from tests.importer.importer_fixtures import REAL_CORRECTIONS, REAL_SOURCE, replace_once

PAUSE = 0.004  # seconds before each file-system change in the child's write phase
BEFORE_WRITE, IN_WRITE, PAST_END = 6, 26, 3  # delays: 35 in all
FOLDER = "2026/02"
CHANGES = {"os.mkdir", "os.rename", "os.remove", "os.rmdir", "shutil.rmtree", "shutil.copyfile", "shutil.copytree"}
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def everything_under(folder):
    """Every path, hidden ones and folders included."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def import_quietly(source, docs):
    with open(os.devnull, "w") as null:
        saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = null
        try:
            return main(["import", str(source), "--docs", str(docs)])
        finally:
            sys.stdout, sys.stderr = saved


def fork_import(source, docs, log):
    """Start the import in a child process; returns its pid. The child logs and pauses before
    each file-system change from its first one on (docs/ being made: the write phase)."""
    pid = os.fork()
    if pid:
        return pid
    status = 70
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        descriptor = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND)

        def pause_before_changes(event, args):
            changes = event in CHANGES or (event == "open" and isinstance(args[2], int) and args[2] & WRITE_FLAGS)
            # the import's check of its pages in a scratch folder (pipeline.validate) is not the write
            if changes and SCRATCH_PREFIX not in str(args[0]):
                os.write(descriptor, f"{time.monotonic():.6f} {event} {args[0]}\n".encode())
                time.sleep(PAUSE)

        sys.addaudithook(pause_before_changes)
        status = main(["import", str(source), "--docs", str(docs)])
    finally:
        os._exit(status)


def read_log(log):
    if not log.exists():
        return []
    return [(float(t), rest) for t, rest in (line.split(" ", 1) for line in log.read_text().splitlines())]


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """The old import (docs, manifest) of a modified copy, and the new pages of the real source."""
    root = tmp_path_factory.mktemp("versions")
    old_src = root / "old-src"
    old_src.mkdir()
    text = REAL_SOURCE.read_text(encoding="utf-8")
    (old_src / "issue.md").write_text(replace_once(text, "2026 年 3 月 15 日出版", "2026 年 3 月 16 日出版"), encoding="utf-8")
    shutil.copy(REAL_CORRECTIONS, old_src / "corrections.yaml")
    assert import_quietly(old_src / "issue.md", root / "old-docs") == 0
    new_src = root / "new-src"
    shutil.copytree(old_src, new_src)
    (new_src / "issue.md").write_text(text, encoding="utf-8")
    assert import_quietly(new_src / "issue.md", root / "new-docs") == 0
    old, new = snapshot(root / "old-docs" / FOLDER), snapshot(root / "new-docs" / FOLDER)
    assert old.keys() == new.keys() and all(old[name] != new[name] for name in old)
    return root, old, new


def make_case(folder, versions):
    """A docs folder holding the old import, and beside it the real source with the old manifest."""
    root = versions[0]
    shutil.copytree(root / "old-docs", folder / "docs")
    shutil.copytree(root / "old-src", folder / "src")
    shutil.copy(REAL_SOURCE, folder / "src" / "issue.md")
    return folder / "src" / "issue.md", folder / "docs"


def run_and_kill(folder, versions, delay=None, after_write_starts=False):
    """Import in a child and SIGKILL it `delay` seconds after it started, or after its write
    phase started (its first logged step: the time to get there varies by a tenth of a second
    on a busy machine, more than the whole write phase). Returns (killed, log, seconds)."""
    source, docs = make_case(folder, versions)
    log = folder / "child.log"
    start = time.monotonic()
    pid = fork_import(source, docs, log)
    if delay is not None:
        origin = start
        if after_write_starts:
            while not log.exists() or not log.stat().st_size:
                if os.waitpid(pid, os.WNOHANG)[0]:
                    pytest.fail("the import ended before writing anything")
                time.sleep(0.0005)
            origin = time.monotonic()
        time.sleep(max(0.0, delay - (time.monotonic() - origin)))
        os.kill(pid, signal.SIGKILL)  # a child that already ended is a zombie until waited for
    _, status = os.waitpid(pid, 0)
    seconds = time.monotonic() - start
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert killed or os.waitstatus_to_exitcode(status) == 0, f"the import failed on its own: {status}"
    return killed, [(t - start, rest) for t, rest in read_log(log)], seconds


def delays_over(versions, folder):
    """Calibrate on one run that is not killed; then delays spread before the write phase (from
    the start), over it (from its first step), and past the end (from the start)."""
    _, log, seconds = run_and_kill(folder, versions)
    write_start, write_time = log[0][0], log[-1][0] + PAUSE - log[0][0]
    before = [(write_start * i / BEFORE_WRITE, False) for i in range(BEFORE_WRITE)]
    during = [(write_time * (i + 0.5) / IN_WRITE, True) for i in range(IN_WRITE)]
    after = [(seconds * (1.5 + 0.5 * i), False) for i in range(PAST_END)]
    return before + during + after, len(log), write_start, seconds


def test_a_kill_at_any_moment_leaves_the_old_or_the_new_import_and_the_next_import_mends_it(tmp_path, versions):
    _, old, new = versions
    delays, steps, write_start, seconds = delays_over(versions, tmp_path / "calibration")
    layout = ["2026", FOLDER] + [f"{FOLDER}/{name}" for name in sorted(new)]
    outcomes = []
    for n, (delay, after_write_starts) in enumerate(delays):
        folder = tmp_path / f"kill-{n:02d}"
        killed, log, _ = run_and_kill(folder, versions, delay, after_write_starts)
        docs, manifest = folder / "docs", folder / "src" / "imported.yaml"
        now = snapshot(docs / FOLDER)
        # Right after the kill, before anything mends it:
        assert now in (old, new), f"delay {delay:.3f}s: the issue folder mixes two imports"
        assert everything_under(docs) == layout, f"delay {delay:.3f}s: stray files under docs/"
        # What the next import does first: the manifest agrees with the pages again.
        recover(docs)
        pages = yaml.safe_load(manifest.read_text(encoding="utf-8"))["pages"]
        assert pages == {f"{FOLDER}/{name}": digest(text.decode("utf-8")) for name, text in now.items()}
        assert not work_folder(docs).exists() and list(folder.rglob("*.tmp")) == []
        # And a normal import then brings the new pages.
        assert import_quietly(folder / "src" / "issue.md", docs) == 0
        assert snapshot(docs / FOLDER) == new and everything_under(docs) == layout
        assert not work_folder(docs).exists() and list(folder.rglob("*.tmp")) == []
        phase = ("finished" if not killed else "before the write" if not log
                 else "in the write, old pages live" if now == old else "in the write, new pages live")
        outcomes.append((delay, len(log), phase))
        shutil.rmtree(folder)

    counts = {phase: sum(1 for *_, p in outcomes if p == phase) for phase in
              ("before the write", "in the write, old pages live", "in the write, new pages live", "finished")}
    print(f"\n{len(delays)} kills from 0 to {delays[-1][0]:.3f}s; unkilled run {seconds:.3f}s, write phase from "
          f"{write_start:.3f}s, {steps} file-system changes; landed: {counts}; "
          f"write steps reached: {sorted({steps_done for _, steps_done, p in outcomes if p.startswith('in')})}")
    # The kills must have tested something: both sides of the swap, and more than a few times.
    assert counts["in the write, old pages live"] >= 3 and counts["in the write, new pages live"] >= 3, counts

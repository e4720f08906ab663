"""Write an issue's pages under docs/ all or nothing, even if the import is killed, and never
over a page someone edited.

The files of an import are its pages and its figures' pictures (bytes, copied from the
source's images/ folder): both go through the same staging, swap and manifest, so a picture
is never live without its page nor its page without it.

Once imported, the pages are the canonical text that readers correct through pull requests.
A manifest beside the source records the hash of each page as the importer wrote it; a page
whose hash no longer matches was edited since, and a second import refuses to overwrite it
unless forced.

All or nothing, even under SIGKILL: the issue's new folder is staged complete in a work folder
beside docs/ (hidden, `.docs.import/`, so docs/ itself never holds a temporary file) and then
swapped with docs/YYYY/NN by one renameat2(RENAME_EXCHANGE). The kernel exchanges the two
directory entries in a single step, so at every instant docs/YYYY/NN is the whole old folder
or the whole new one, never a mix and never missing. The manifest lives in another folder and
cannot join that one step, so a journal written before the swap records the staged folder,
its pages' hashes and where the manifest goes; the next import, before anything else, rolls
an interrupted one forward (the swap happened: write the manifest) or back (it did not: drop
the staging).
"""

import ctypes
import errno
import fcntl
import hashlib
import os
import shutil
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

import yaml

from ..diagnostics import Diagnostic

MANIFEST_HEADER = "# Written by `python -m build_tools import`: the pages as imported.\n"
STAGED = "issue"  # in the work folder: the new issue folder, and after the swap the old one
JOURNAL = "journal.yaml"  # in the work folder: there from "staging complete" to "manifest written"


class EditedPagesError(ExceptionGroup):
    """The refusal to overwrite edited pages: one Diagnostic per page, and nothing was written."""

    def __new__(cls, pages):
        diagnostics = [
            Diagnostic(page, None, "edited since the last import; keep the edit (do nothing), "
                                   "or re-import with --force to overwrite it")
            for page in pages
        ]
        group = super().__new__(cls, f"{len(diagnostics)} page(s) edited since the last import", diagnostics)
        group.pages = list(pages)
        return group

    def __init__(self, pages):
        super().__init__(self.message, self.exceptions)

    def derive(self, diagnostics):
        return EditedPagesError([Path(d.path) for d in diagnostics])


def as_bytes(content):
    """A page's text as UTF-8, or a picture's bytes as they are: both are written the same way."""
    return content if isinstance(content, bytes) else content.encode("utf-8")


def digest(content):
    return hashlib.sha256(as_bytes(content)).hexdigest()


def read_manifest(path):
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return data.get("pages", {})


def manifest_text(hashes):
    return MANIFEST_HEADER + yaml.dump({"pages": dict(sorted(hashes.items()))}, sort_keys=True)


def edited_pages(pages, docs, manifest):
    """Pages (and pictures) on disk that differ from both this import and what the last import wrote."""
    edited = []
    for name, content in pages.items():
        target = docs / name
        if not target.exists():
            continue
        current = target.read_bytes()
        if current != as_bytes(content) and manifest.get(name) != digest(current):
            edited.append(target)
    return edited


def write_pages(pages, docs, manifest_path, force=False):
    """Replace the issue folder that holds `pages` ({path under docs: text, or a picture's
    bytes}, all in one folder) with those files, and record their hashes in the manifest."""
    docs, manifest_path = Path(docs), Path(manifest_path).absolute()
    folder = issue_folder_of(pages)
    docs.mkdir(parents=True, exist_ok=True)
    with _locked(docs):
        recover(docs)
        edited = edited_pages(pages, docs, read_manifest(manifest_path))
        if edited and not force:
            raise EditedPagesError(edited)
        target = docs / folder
        if target.is_symlink() or (target.exists() and not target.is_dir()):
            raise Diagnostic(target, None, "is not a folder; expected the issue's folder of pages (or nothing)")
        hashes = {name: digest(content) for name, content in pages.items()}
        work = work_folder(docs)
        _stage(work, target, pages)
        inode = (work / STAGED).stat().st_ino
        _write_journal(work, {"folder": folder, "inode": inode, "manifest": str(manifest_path), "pages": hashes})
        _swap(work, target)
        _finish(work, manifest_path, hashes)


def issue_folder_of(pages):
    """'2026/02': the one folder under docs/ that all pages of an import live in."""
    folders = {str(PurePosixPath(name).parent) for name in pages}
    if len(folders) != 1 or folders == {"."}:
        raise ValueError(f"the pages of one import must share one folder below docs/, not {sorted(folders)}")
    return folders.pop()


def work_folder(docs):
    """Beside docs/, on its filesystem (a rename cannot cross filesystems), hidden, one per docs/."""
    docs = Path(docs).resolve()
    return docs.parent / f".{docs.name}.import"


def recover(docs):
    """Finish or undo an import that was killed, so docs/ and the manifest agree again.

    A journal means the staging was complete; it names the staged folder by its inode, which a
    rename keeps. If the issue folder under docs/ is that inode, the swap happened and the new
    pages are live: write their manifest. If not, it never happened: drop the staging."""
    work = work_folder(docs)
    journal = work / JOURNAL
    if journal.exists():
        plan = yaml.safe_load(journal.read_text(encoding="utf-8"))
        manifest_path = Path(plan["manifest"])
        _temporary(manifest_path).unlink(missing_ok=True)
        target = Path(docs) / plan["folder"]
        if target.is_dir() and target.stat().st_ino == plan["inode"]:
            _finish(work, manifest_path, plan["pages"])
    if work.exists():
        shutil.rmtree(work)


def _stage(work, target, pages):
    """The complete new folder in work/issue: this import's pages, and whatever else the old
    folder holds that the import does not write (an editor's file stays). A failure here
    leaves docs/ untouched and no work folder."""
    staged = work / STAGED
    try:
        staged.mkdir(parents=True)
        if target.is_dir():
            _carry_over(target, staged, {PurePosixPath(name).name for name in pages})
        for name, content in pages.items():
            _write_file(staged / PurePosixPath(name).name, content)
        _fsync(staged)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def _write_journal(work, plan):
    """Renamed into place, so a journal is either absent or complete."""
    _write_file(work / "journal.tmp", yaml.safe_dump(plan, allow_unicode=True))
    os.replace(work / "journal.tmp", work / JOURNAL)
    _fsync(work)


def _carry_over(old, new, replaced):
    for entry in os.scandir(old):
        if entry.name in replaced:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.copytree(entry.path, new / entry.name, symlinks=True)
        else:
            shutil.copy2(entry.path, new / entry.name, follow_symlinks=False)


def _swap(work, target):
    staged = work / STAGED
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if target.exists():
            _exchange(staged, target)  # work/issue now holds the old folder
        else:
            os.rename(staged, target)  # a first import: rename(2) is atomic too
    except OSError as err:
        shutil.rmtree(work, ignore_errors=True)
        raise Diagnostic(target, None, f"cannot swap in the new folder ({err.strerror}); expected docs/ on a "
                                       "local Linux filesystem (ext4, xfs, btrfs, tmpfs); nothing was changed") from None
    _fsync(target.parent)


def _finish(work, manifest_path, hashes):
    """The new pages are live: record them in the manifest, then drop the journal and the old folder."""
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary(manifest_path)
    _write_file(temporary, manifest_text(hashes))
    os.replace(temporary, manifest_path)
    _fsync(manifest_path.parent)
    (work / JOURNAL).unlink()  # first, so a kill during the removal below has nothing to redo
    shutil.rmtree(work)


def _temporary(path):
    return path.with_name(f".{path.name}.tmp")


def _write_file(path, content):
    """Write and flush to disk: the journal and the swap must not reach the disk before the
    contents they vouch for (this matters on power loss; a kill alone loses nothing written)."""
    with open(path, "wb") as file:
        file.write(as_bytes(content))
        file.flush()
        os.fsync(file.fileno())


def _fsync(folder):
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextmanager
def _locked(docs):
    """One import at a time per docs/ (a second waits): recovery must never take a running
    import's work folder for a killed one's. The kernel drops the lock when a process dies."""
    descriptor = os.open(docs, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


_RENAME_EXCHANGE = 2  # <linux/fs.h>
_AT_FDCWD = -100


def _exchange(a, b):
    """Swap two directory entries in one step: Linux renameat2(2) with RENAME_EXCHANGE (glibc 2.28+)."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2() is not available (Linux with glibc 2.28 or later needed)")
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"renameat2(RENAME_EXCHANGE): {os.strerror(code)}", str(a), None, str(b))

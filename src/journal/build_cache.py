"""What the build's caches of its own outputs share: where they are kept, the code their
entries depend on, and when an entry is deleted.

The rendered pages (site/render_cache.py), the search index's batches
(search/index_files.py) and the JATS files (exports/plugin.py) are kept in the project's
cache (publishing.config.cache_root(), outside the checkout; CI keeps it between deploys of
main, pull requests start empty), one file per entry, named by a digest of everything the
entry is made of (`key`). An entry is written whole or not at all, after its checksum
(`store`), and checked when read (`load`): one that is absent, damaged or of the wrong shape
is made again.
"""

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from .publishing.config import cache_root

KEEP_DAYS = 7  # an entry no build used for that long is deleted (`prune`)
PACKAGE = Path(__file__).resolve().parent  # src/journal


def folder(name, env):
    """cache_root()/name, or the folder the environment variable `env` names; None (no
    cache) when it is set empty."""
    value = os.environ.get(env)
    if value is not None:
        return Path(value) if value else None
    return cache_root() / name


@lru_cache(maxsize=1)
def code_digest():
    """A digest of the code an entry is made by: every module of the project (src/journal),
    every installed distribution's name and version (Markdown and its extensions, lxml with its
    libxml2, jieba…), and Python's own (its html.parser, unicodedata, zlib): an entry
    made by other code is never used."""
    import sys
    import unicodedata
    import zlib
    from importlib.metadata import distributions

    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    installed = sorted(f"{d.metadata['Name']} {d.version}" for d in distributions())
    for part in (sys.version, unicodedata.unidata_version, zlib.ZLIB_RUNTIME_VERSION, *installed):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def key(*parts):
    """An entry's name: a digest of `parts` (strings) and of the code (`code_digest`)."""
    digest = hashlib.blake2b(code_digest().encode(), digest_size=20)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def store(path, data):
    """`data` into `path` after its checksum, whole or not at all (a staging name, then a
    rename); nothing if the folder cannot be written (the build goes on without the entry)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = path.with_name(f".{path.name}.{os.getpid()}")
        staging.write_bytes(_checksum(data) + data)
        os.replace(staging, path)
    except OSError:
        pass


def load(path):
    """What `store` put in `path`, or None if it is absent or damaged (then made again)."""
    try:
        stored = Path(path).read_bytes()
    except OSError:
        return None
    return stored[16:] if stored[:16] == _checksum(stored[16:]) else None


def _checksum(data):
    return hashlib.blake2b(data, digest_size=16).digest()


def touch(path):
    """Mark an entry used now (`prune` keeps it another KEEP_DAYS)."""
    try:
        os.utime(path)
    except OSError:
        pass


def prune(directory, used):
    """Delete the files of `directory` not in `used` (names) that no build had used in the
    KEEP_DAYS before the folder's last use (its newest file): another build may share the folder
    (make serve, the offline bundle's builds, whose entries differ), and a deploy weeks after
    the last restores a folder whose every file is older than that. A leftover of an
    interrupted write goes as old."""
    if directory is None or not Path(directory).is_dir():
        return
    try:
        times = {path: path.stat().st_mtime for path in Path(directory).iterdir()}
    except OSError:
        return
    if not times:
        return
    oldest = max(times.values()) - KEEP_DAYS * 86400
    for path, mtime in times.items():
        if path.name not in used and mtime < oldest:
            try:
                path.unlink()
            except OSError:
                pass

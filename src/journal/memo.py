"""Answers of a slow-to-load library, kept between builds.

Some libraries cost more to load than all the work asked of them in a build: jieba's tagger
(1-2 s: its dictionary, word tags and HMM tables) for the pinyin titles' proper nouns, pypinyin
(0.2-0.5 s: its phrase dictionary, and the segmenter trained from it at import) for a few
hundred names and keywords. Their answer is a function of the text and of the library's version
(the dictionaries ship in the package; the project adds nothing to them), so a `Memo` keeps the
answers in the project's cache (publishing.config.cache_root()/memo/<name>-<version>.json) and
loads the library only for a text it has not seen. The version is read from the installed
package's metadata, without importing it.

An entry the caller's `valid` rejects is computed again; an unreadable file counts as empty.
New answers are written when the process ends (the texts a build asks about are only all known
then: a build, `make serve`'s rebuilds, a tool alike), merged with what the file holds by then
(builds running at once) and replacing it whole. JOURNAL_MEMO= empty keeps the answers in
memory only (every process loads the libraries); a path puts the files in that folder.
"""

import atexit
import json
import os
import tempfile
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path


def _directory():
    # imported here: journal.model uses the memo, and a tool reading the model needs no MkDocs
    from .publishing.config import cache_root

    value = os.environ.get("JOURNAL_MEMO")
    if value is not None:
        return Path(value) if value else None
    return cache_root() / "memo"


class Memo:
    """{key: answer (JSON)} of `compute(key)`, for one version of `package`."""

    def __init__(self, name, package, compute, valid):
        directory = _directory()
        self.path = directory / f"{name}-{version(package)}.json" if directory else None
        self.compute, self.valid = compute, valid
        self.stored = self._read()
        self.new = {}

    def _read(self):
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # absent or unreadable: as if empty, written anew
        return data if isinstance(data, dict) else {}

    def get(self, key):
        if key in self.new:
            return self.new[key]
        stored = self.stored.get(key)
        if stored is not None and self.valid(key, stored):
            return stored
        answer = self.compute(key)
        if not self.new and self.path is not None:
            atexit.register(self.save)
        self.new[key] = answer
        return answer

    def save(self):
        """Merge this process's new answers into the file; nothing written when there are none."""
        if not self.new or self.path is None:
            return
        merged = {**self._read(), **self.new}
        temp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(merged, out, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
            os.replace(temp, self.path)
        except OSError:
            if temp:
                Path(temp).unlink(missing_ok=True)
            return  # a read-only cache: the next process computes these again
        self.stored, self.new = merged, {}


def strings(value, depth):
    """`value` is a list of strings (depth 1), of lists of strings (depth 2), …"""
    if depth == 0:
        return isinstance(value, str)
    return isinstance(value, list) and all(strings(item, depth - 1) for item in value)


# --- pypinyin ----------------------------------------------------------------------------------

def _lazy_pinyin(key):
    from pypinyin import Style, lazy_pinyin  # imported here: only a text not yet in the memo pays for it

    v_to_u, text = key.split("\0", 1)
    return lazy_pinyin(text, style=Style.NORMAL, errors="default", v_to_u=v_to_u == "u")


def _heteronyms(text):
    from pypinyin import Style, pinyin

    return pinyin(text, style=Style.NORMAL, heteronym=True, errors="ignore")


@lru_cache(maxsize=1)
def _memos():
    return (Memo("lazy-pinyin", "pypinyin", _lazy_pinyin, lambda key, value: strings(value, 1)),
            Memo("heteronyms", "pypinyin", _heteronyms, lambda key, value: strings(value, 2)))


def lazy_pinyin(text, v_to_u=False):
    """pypinyin.lazy_pinyin(text, style=Style.NORMAL, errors="default", v_to_u=v_to_u), as a new list."""
    return list(_memos()[0].get(f"{'u' if v_to_u else 'v'}\0{text}"))


def heteronyms(text):
    """pypinyin.pinyin(text, style=Style.NORMAL, heteronym=True, errors="ignore"), as new lists."""
    return [list(options) for options in _memos()[1].get(text)]

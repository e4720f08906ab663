"""jieba's part-of-speech cut of each title, kept between builds.

The pinyin titles (pinyin.py) capitalise a place, a person or an organisation by jieba.posseg's
tags. Loading the tagger (jieba's dictionary, then the tagger's own word tags and HMM tables)
costs 1-2 s of every build, more than all the citations' own work, and it tags the same titles
every time. A text's cut depends only on the text and on jieba: its dictionary and tables ship in
the package, so its version stands for them (the project adds no words to jieba). The cuts are
kept in the project's cache (publishing.config.cache_root()/citations/posseg-<jieba version>.json),
so a build whose titles are all there never imports jieba.posseg; only a new or edited title
loads it. The file holds the tagger's answer as it was, not the pinyin: pinyin.py's rules can
change without making the cache wrong.

An entry is used only if it is a list of [word, tag] strings whose words, put together, give the
text back; an unreadable file counts as empty and is written anew. Builds running at once each
merge what the file holds when they write it, and replace it whole (never half-written).
JOURNAL_PINYIN_CACHE= empty keeps the cuts in memory only (every build tags again); a path puts
the file in that folder.
"""

import atexit
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from ..publishing.config import cache_root

# Which cut: jieba.posseg.cut(text) with its defaults (HMM on for runs the dictionary lacks).
KIND = "posseg"


@lru_cache(maxsize=1)
def _jieba():
    import jieba  # the package only (0.04 s): its dictionary loads on the first cut

    jieba.setLogLevel(60)
    return jieba


@lru_cache(maxsize=1)
def _tagger():
    import jieba.posseg  # imported here: only a title not yet in the cache pays for the tagger

    _jieba()
    return jieba.posseg


def _directory():
    value = os.environ.get("JOURNAL_PINYIN_CACHE")
    if value is not None:
        return Path(value) if value else None
    return cache_root() / "citations"


def _valid(text, cut):
    return (isinstance(cut, list) and all(isinstance(pair, list) and len(pair) == 2
                                          and all(isinstance(s, str) for s in pair) for pair in cut)
            and "".join(word for word, _ in cut) == text)


class Cuts:
    """{text: ((word, tag), ...)} of one jieba version, read from `path` (None: memory only)."""

    def __init__(self, path):
        self.path = path
        self.cuts = self._read()
        self.new = {}

    def _read(self):
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # absent or unreadable: as if empty, written anew
        return data if isinstance(data, dict) else {}

    def cut(self, text):
        found = self.new.get(text)
        if found is not None:
            return found
        stored = self.cuts.get(text)
        if _valid(text, stored):
            return tuple((word, tag) for word, tag in stored)
        found = tuple((pair.word, pair.flag) for pair in _tagger().cut(text))
        if not self.new and self.path is not None:
            # Written when the process ends: the titles a build tags are only all known then
            # (a build, `make serve`'s rebuilds, a tool using journal.citations alike).
            atexit.register(self.save)
        self.new[text] = found
        return found

    def save(self):
        """Merge this process's new cuts into the file; nothing written when there are none."""
        if not self.new or self.path is None:
            return
        merged = {**self._read(), **{text: [list(pair) for pair in cut] for text, cut in self.new.items()}}
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
            return  # a read-only cache: the next build tags these titles again
        self.cuts, self.new = merged, {}


@lru_cache(maxsize=1)
def cuts():
    """The process's cuts, for the jieba installed."""
    directory = _directory()
    version = _jieba().__version__
    return Cuts(directory / f"{KIND}-{version}.json" if directory else None)


def cut(text):
    """jieba.posseg.cut(text) as ((word, tag), ...), from the cache when it holds the text."""
    return cuts().cut(text)

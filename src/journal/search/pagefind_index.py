"""The search index, written here in Pagefind 1.5.2's file format; Pagefind's own browser code
(pagefind.js, its worker and WebAssembly, from the binary: engine.py) reads it unchanged.

Why not Pagefind's indexer: it holds about 1 KB for every distinct word of every record until
the end (some 14 GiB at 232 issues, README "Where a build's memory goes"), it indexes the
pieces of our ASCII-coded Chinese words (中美, `_0ffx0p72` → `ffx`: junk words that Latin
queries then find) and every meta value as words ("haina" found a URL slug), and it cuts the
word list into chunks of a fixed size (20,000 positions, ~18 KiB gzip) that a query fetches
whole, one per character pair. Here each record's words become their postings at once, kept
as encoded bytes (a few bytes a position), only the words tokens.py says a query can ask for
are indexed, and the chunk size is ours (`chunk_size`).

The files (all gzip; CBOR or JSON after the signature `pagefind_dcd`), as Pagefind writes them:

- `pagefind-entry.json`: the version, and per language the page list's name and page count;
- `pagefind.<hash>.pf_meta`: [version, pages [[fragment name, word count]], chunks [[first
  word, last word, name]] (the bounds shortened to the shortest prefixes that still tell
  neighbouring chunks apart), filters [[name, file name]], sorts [], indexed meta fields []];
- `index/<name>.pf_index`: [[[word, [[page, positions, meta positions]], []] …]] in word
  order; a page is given as the step from the word's page before, and positions as a weight
  marker (-13: half weight, a part of a joined word; -25: full), the first position, then the
  steps between positions;
- `filter/<name>.pf_filter`: [filter, [[value, [pages]] …]];
- `fragment/<name>.pf_fragment`: the record as JSON (url, content, word_count, filters, meta,
  anchors), fetched when a result is shown.

A word's position is its place among the content's space-separated words (every word counts,
punctuation and SPACE/NEWLINE too, as in Pagefind): a Chinese run's pairs stand at consecutive
positions, so a phrase of pairs matches only where the characters occur as typed.
tests/search/test_pagefind_index.py checks these files against Pagefind's own for the same
records, and the browser tests search them.
"""

import gzip
import hashlib
import json
import shutil
from pathlib import Path

import cbor2

from .tokens import terms

SIGNATURE = b"pagefind_dcd"
FULL, PART = -25, -13  # weight markers: Pagefind's default weight, and half of it
CHUNK_SIZE = 20_000  # positions (and pages) per index chunk, Pagefind's own figure
EMPTY = cbor2.dumps([])


def _pack(data):
    # mtime 0: the same index gives the same bytes (file names are hashes of the content).
    return gzip.compress(SIGNATURE + data, compresslevel=6, mtime=0)


def _weighted(marker, positions):
    """A weight's marker, then the positions, each after the one before (Pagefind 1.5 stores
    the first of a weight's positions, then the steps: 416, 1311 is 416 and 1727)."""
    if not positions:
        return []
    return [marker, positions[0]] + [b - a for a, b in zip(positions, positions[1:])]


def _name(data, length=7):
    return "zh_" + hashlib.sha1(data).hexdigest()[:length]


class IndexWriter:
    """`add` records in result order, then `finish(engine_files)`: the index is written into
    `target.partial` as it grows and renamed to `target` at the end (an interrupted build
    leaves no half index where the site expects one)."""

    def __init__(self, target, language="zh", chunk_size=CHUNK_SIZE):
        self.target = Path(target)
        self.staging = self.target.with_name(self.target.name + ".partial")
        self.language = language
        self.chunk_size = chunk_size
        self.postings = {}  # word -> [its pages, each encoded [page step, positions, []]; their size in
        #                   Pagefind's count (positions and pages); the last page]
        self.pages = []  # [fragment name, word count]
        self.filters = {}  # filter -> value -> [pages]
        self.names = {}  # file name -> SHA-1 of its content (to tell a collision from the same file)
        shutil.rmtree(self.staging, ignore_errors=True)
        (self.staging / "fragment").mkdir(parents=True)

    def add(self, url, content, meta, filters=None):
        """A record: its URL, its content (tokens.encode), the strings a result shows (`meta`,
        not indexed) and the values it can be filtered by ({"a": ["2026.3"]})."""
        page = len(self.pages)
        words = content.split(" ")
        self._index(page, words)
        filters = filters or {}
        for name, values in filters.items():
            for value in values:
                self.filters.setdefault(name, {}).setdefault(value, []).append(page)
        fragment = json.dumps({"url": url, "content": content, "word_count": len(words), "filters": filters,
                               "meta": meta, "anchors": []}, ensure_ascii=False, separators=(",", ":")).encode()
        self.pages.append([self._fragment(fragment), len(words)])

    def _index(self, page, words):
        full, part = {}, {}
        for position, word in enumerate(words):
            for term, is_part in terms(word):
                (part if is_part else full).setdefault(term, []).append(position)
        for term in full.keys() | part.keys():
            locs = _weighted(PART, part.get(term)) + _weighted(FULL, full.get(term))
            entry = self.postings.get(term)
            if entry is None:
                entry = self.postings[term] = [bytearray(), 0, 0]
            entry[0] += cbor2.dumps([page - entry[2], locs, []])  # a page number after the word's last
            entry[1] += len(locs) + 1
            entry[2] = page

    def _fragment(self, data):
        return self._write("fragment", data, ".pf_fragment")

    def discard(self):
        """Leave nothing behind (a record could not be added)."""
        shutil.rmtree(self.staging, ignore_errors=True)

    def finish(self, engine_files):
        """Write the word index, the filters and the page list beside the fragments, with
        Pagefind's browser code (`engine_files`: {name: bytes}, its entry among them), and put
        the folder in place of `target`. The number of records."""
        try:
            chunks = self._chunks()
            filters = [[name, self._write("filter", cbor2.dumps([name, [[v, p] for v, p in values.items()]]), ".pf_filter")]
                       for name, values in sorted(self.filters.items())]
            meta = cbor2.dumps([json.loads(engine_files["pagefind-entry.json"])["version"], self.pages, chunks, filters, [], []])
            meta_name = _name(meta, 10)
            (self.staging / f"pagefind.{meta_name}.pf_meta").write_bytes(_pack(meta))
            for name, data in engine_files.items():
                if name == "pagefind-entry.json":
                    entry = json.loads(data)
                    entry["languages"] = {self.language: {"hash": meta_name, "wasm": None, "page_count": len(self.pages)}}
                    data = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
                (self.staging / name).write_bytes(data)
        except BaseException:
            self.discard()
            raise
        shutil.rmtree(self.target, ignore_errors=True)
        self.staging.rename(self.target)
        return len(self.pages)

    def _chunks(self):
        """Write the words in order, cut into chunks of about `chunk_size` positions; their
        [first word, last word, name] for the page list."""
        bounds, chunk, size = [], [], 0
        for word in sorted(self.postings):
            pages, count, _ = self.postings.pop(word)
            chunk.append([word, cbor2.loads(b"\x9f" + bytes(pages) + b"\xff"), []])
            size += count
            if size >= self.chunk_size:
                bounds.append(self._chunk(chunk))
                chunk, size = [], 0
        if chunk:
            bounds.append(self._chunk(chunk))
        for left, right in zip(bounds, bounds[1:]):  # the shortest prefixes that tell them apart
            left[1], right[0] = shortest_prefixes(left[1], right[0])
        return bounds

    def _chunk(self, words):
        return [words[0][0], words[-1][0], self._write("index", cbor2.dumps([words]), ".pf_index")]

    def _write(self, folder, data, suffix):
        """Write `data` under a name made of its hash (as Pagefind names its files, a longer
        prefix of the hash where another file has the shorter one); the name."""
        digest, length = hashlib.sha1(data).digest(), 7
        while (name := _name(data, length)) in self.names and self.names[name] != digest:
            length += 1
        if name not in self.names:  # the same content twice (two identical records): one file
            self.names[name] = digest
            (self.staging / folder).mkdir(exist_ok=True)
            (self.staging / folder / f"{name}{suffix}").write_bytes(_pack(data))
        return name


def shortest_prefixes(last, first):
    """The last word of a chunk and the first of the next, each cut one character past their
    common prefix (Pagefind's chunk bounds: a query word is looked for in the chunks whose
    bounds it falls between)."""
    common = 0
    while common < min(len(last), len(first)) and last[common] == first[common]:
        common += 1
    return last[:common + 1], first[:common + 1]

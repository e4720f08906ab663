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
  anchors), fetched when a result is shown; its content is the record's text (Pagefind's
  indexer stores the words it was given, here tokens.encode's: a third larger in gzip).

A word's position is its place among tokens.encode's space-separated words (every word counts,
punctuation and SPACE/NEWLINE too, as in Pagefind): a Chinese run's pairs stand at consecutive
positions, so a phrase of pairs matches only where the characters occur as typed.
tests/search/test_pagefind_index.py checks these files against Pagefind's own for the same
records, and the browser tests search them.
"""

import gzip
import hashlib
import json
import shutil
from collections import defaultdict
from pathlib import Path

import cbor2

from .tokens import encode, terms

SIGNATURE = b"pagefind_dcd"
FULL, PART = -25, -13  # weight markers: Pagefind's default weight, and half of it
CHUNK_SIZE = 5_000  # positions (and pages) per index chunk (Pagefind: 20,000); zh-search chunk_size
EMPTY = cbor2.dumps([])


def _pack(data):
    # mtime 0: the same index gives the same bytes (file names are hashes of the content).
    return gzip.compress(SIGNATURE + data, compresslevel=6, mtime=0)


# The postings are most of the index: millions of small numbers, encoded here from a table of
# cbor2's own encodings (cbor2.dumps per page and word took 13 of 40 s at 50 issues, and on
# whole chunks it encodes about 1 MB/s). Everything else is encoded by cbor2.
_SMALL = [cbor2.dumps(n) for n in range(1 << 16)]
_FULL, _HALF = cbor2.dumps(FULL), cbor2.dumps(PART)
_ONCE = cbor2.dumps([FULL, 0])[:-1]  # the head of [-25, position]: array of 2, -25


def _ints(values):
    return b"".join([_SMALL[v] if v < 65536 else cbor2.dumps(v) for v in values])


def _head(length):
    """The head of a CBOR array of `length` items: an unsigned number's encoding with the major
    type 4 (array) instead of 0 (RFC 8949, 3.1)."""
    encoded = _SMALL[length] if length < 65536 else cbor2.dumps(length)
    return bytes((encoded[0] | 0x80,)) + encoded[1:]


def _steps(positions):
    """The first position, then the step to each next one (Pagefind 1.5 stores a weight's
    positions so: 416, 1311 is 416 and 1727)."""
    return _ints([positions[0]] + [b - a for a, b in zip(positions, positions[1:])])


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
        # word -> [its pages, CBOR-encoded one after another; the last page; how many pages; their
        # size in Pagefind's count (positions and pages)]
        self.postings = {}
        self.terms = {}  # a content word -> its index words (tokens.terms), looked up once
        self.pages = []  # [fragment number, word count]
        self.filters = {}  # filter -> value -> [pages]
        self.counts = {}  # folder -> files written there
        self.digest = hashlib.sha1()  # of every file written: the index's name (`finish`)
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir(parents=True)

    def add(self, url, text, meta, filters=None):
        """A record: its URL, its text, the strings a result shows (`meta`, not indexed) and the
        values it can be filtered by ({"a": ["2026.3"]}). The index holds the text's words
        (tokens.encode); the record's fragment holds the text itself, which the browser shows
        and checks (as tokens it was a third larger in gzip)."""
        page = len(self.pages)
        words = encode(text).split(" ")
        self._index(page, words)
        filters = filters or {}
        for name, values in filters.items():
            for value in values:
                self.filters.setdefault(name, {}).setdefault(value, []).append(page)
        fragment = json.dumps({"url": url, "content": text, "word_count": len(words), "filters": filters,
                               "meta": meta, "anchors": []}, ensure_ascii=False, separators=(",", ":")).encode()
        self.pages.append([self._fragment(fragment), len(words)])

    def _index(self, page, words):
        at = defaultdict(list)  # each distinct content word's positions (a pair's are its term's)
        for position, word in enumerate(words):
            at[word].append(position)
        full, part = {}, {}
        for word, positions in at.items():
            found = self.terms.get(word)
            if found is None:
                found = self.terms[word] = terms(word)
            for term, is_part in found:
                into = part if is_part else full
                into[term] = sorted(into[term] + positions) if term in into else positions  # China, china
        postings, small = self.postings, _SMALL
        for term in full.keys() | part.keys():
            entry = postings.get(term)
            if entry is None:
                entry = postings[term] = [bytearray(), 0, 0, 0]
            step, halves, wholes = page - entry[1], part.get(term), full.get(term)  # step: from the word's page before
            if halves is None and len(wholes) == 1 and step < 65536 and wholes[0] < 65536:
                # Most words stand once in a record: [step, [-25, position], []] from the table.
                entry[0] += b"\x83" + small[step] + _ONCE + small[wholes[0]] + b"\x80"
                entry[3] += 3
            else:
                count = (len(halves) + 1 if halves else 0) + (len(wholes) + 1 if wholes else 0)
                entry[0] += b"".join((b"\x83", _ints((step,)), _head(count), _HALF + _steps(halves) if halves else b"",
                                      _FULL + _steps(wholes) if wholes else b"", b"\x80"))
                entry[3] += count + 1
            entry[1] = page
            entry[2] += 1

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
            build = self._name_files()
            pages = [[build + number, count] for number, count in self.pages]
            chunks = [[first, last, build + number] for first, last, number in chunks]
            filters = [[name, build + number] for name, number in filters]
            meta = cbor2.dumps([json.loads(engine_files["pagefind-entry.json"])["version"], pages, chunks, filters, [], []])
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
        bounds, chunk, size, chunk_words = [], [], 0, None
        for word in sorted(self.postings):
            encoded, _, page_count, positions = self.postings.pop(word)
            chunk.append(b"\x83" + cbor2.dumps(word) + _head(page_count) + encoded + b"\x80")
            chunk_words = chunk_words or word
            size += positions
            if size >= self.chunk_size:
                bounds.append(self._chunk(chunk, chunk_words, word))
                chunk, size, chunk_words = [], 0, None
        if chunk:
            bounds.append(self._chunk(chunk, chunk_words, word))
        for left, right in zip(bounds, bounds[1:]):  # the shortest prefixes that tell them apart
            left[1], right[0] = shortest_prefixes(left[1], right[0])
        return bounds

    def _chunk(self, words, first, last):
        """[[words]]: Pagefind's WordIndex, an array of one field."""
        return [first, last, self._write("index", b"\x81" + _head(len(words)) + b"".join(words), ".pf_index")]

    def _write(self, folder, data, suffix):
        """Write `data` as the next file of `folder` (0, 1, … a, b in hexadecimal); its number."""
        number = format(self.counts.get(folder, 0), "x")
        self.counts[folder] = self.counts.get(folder, 0) + 1
        (self.staging / folder).mkdir(exist_ok=True)
        (self.staging / folder / f"{number}{suffix}").write_bytes(_pack(data))
        self.digest.update(data)
        return number

    def _name_files(self):
        """Move each folder's files into a folder named for the whole index, `fragment/<name>/`;
        the name and "/", which the page list puts before each file's number. Pagefind names
        each file by its own hash; a number under the index's name is as safe from a stale
        cache (another index, another name) and the page list, which a first search fetches
        whole, names thousands of files: 41 → 28 KiB at 50 issues."""
        build = self.digest.hexdigest()[:10]
        for folder in self.counts:
            (self.staging / folder).rename(self.staging / "files")
            (self.staging / folder).mkdir()
            (self.staging / "files").rename(self.staging / folder / build)
        return build + "/"


def shortest_prefixes(last, first):
    """The last word of a chunk and the first of the next, each cut one character past their
    common prefix (Pagefind's chunk bounds: a query word is looked for in the chunks whose
    bounds it falls between)."""
    common = 0
    while common < min(len(last), len(first)) and last[common] == first[common]:
        common += 1
    return last[:common + 1], first[:common + 1]

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

The files (all gzip; CBOR or JSON after the signature `pagefind_dcd`), as Pagefind writes them
but for their names: Pagefind names each by its hash; here a folder's files are numbered under
a folder named for the whole index (`fragment/<index>/1f.pf_fragment`, `_name_files`):

- `pagefind-entry.json`: the version, and per language the page list's name and page count;
- `pagefind.<hash>.pf_meta`: [version, pages [[fragment name, word count]], chunks [[first
  word, last word, name]] (the bounds shortened to the shortest prefixes that still tell
  neighbouring chunks apart), filters [[name, file name]], sorts [], indexed meta fields []];
- `index/<index>/<n>.pf_index`: [[[word, [[page, positions, meta positions]], []] …]] in word
  order; a page is given as the step from the word's page before, and positions as a weight
  marker (-13: half weight, a part of a joined word; -25: full), the first position, then the
  steps between positions;
- `filter/<index>/<n>.pf_filter`: [filter, [[value, [pages]] …]];
- `fragment/<index>/<page>.pf_fragment`: the record as JSON (url, content, word_count, filters, meta,
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
import zlib
from collections import defaultdict, deque
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import cbor2

from .. import build_cache
from .tokens import encode, terms

SIGNATURE = b"pagefind_dcd"
FULL, PART = -25, -13  # weight markers: Pagefind's default weight, and half of it
CHUNK_SIZE = 5_000  # positions (and pages) per index chunk (Pagefind: 20,000); zh-search chunk_size
BATCH = 100  # records a worker indexes at a time
# Batches not in the cache indexed in this process before a pool is started: a correction's
# one or two (a pool forks the whole build, ~0.7 GiB more resident at 232 issues, for ~1 s of work).
INLINE_MISSES = 3


def _pack(data):
    # mtime 0: the same records give the same bytes (the index's name is a hash of its files).
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


def index_records(staging, records, entry=None):
    """Index `records` ([(page, url, text, meta, filters)], consecutive pages) and write their
    fragments into `staging`/fragment/ (in a worker process, or in the build's own): the
    postings {word: [its pages encoded, last page, pages, size, first page]}, each record's
    word count and its fragment's SHA-1, in page order. A word's first page is stored as a
    step from page 0 (the records before these are another batch's: `IndexWriter._merge`).
    With `entry` (a path in the index cache), all of it is kept there too (`cached_records`)."""
    postings, cache, counts, digests, fragments = {}, {}, [], [], []
    for page, url, text, meta, filters in records:
        words = encode(text).split(" ")
        _index(postings, cache, page, words)
        data = json.dumps({"url": url, "content": text, "word_count": len(words), "filters": filters,
                           "meta": meta, "anchors": []}, ensure_ascii=False, separators=(",", ":")).encode()
        fragments.append(_pack(data))
        (Path(staging) / "fragment" / f"{page:x}.pf_fragment").write_bytes(fragments[-1])
        counts.append(len(words))
        digests.append(hashlib.sha1(data).digest())
    if entry is not None:
        payload = cbor2.dumps([postings, counts, digests, fragments])
        build_cache.store(Path(entry), zlib.compress(payload, 1))
    return postings, counts, digests


# --- the index cache -------------------------------------------------------------------------
# A batch's postings and fragments are a function of its records (pages included) and of this
# code: kept in the project's cache (build_cache.py: cache_root()/search-index, one file per
# batch named by their digest; JOURNAL_INDEX_CACHE= empty turns it off), a rebuild indexes only
# the batches whose records changed (a one-line correction: one of ~140 at 232 issues). Adding
# an issue moves every later record to another page: those batches are indexed again.

INDEX_CACHE_ENV = "JOURNAL_INDEX_CACHE"


def index_cache_folder():
    return build_cache.folder("search-index", INDEX_CACHE_ENV)


def batch_name(records):
    """The cache file's name for a batch of records (as `index_records` takes them)."""
    return build_cache.key(json.dumps(records, ensure_ascii=False, separators=(",", ":"))) + ".cbor.z"


def cached_records(staging, records, entry):
    """What `index_records` made of `records`, from the cache file `entry`, their fragments
    written into `staging`; None if the file is absent, damaged or not of their shape."""
    data = build_cache.load(entry)
    if data is None:
        return None
    try:
        postings, counts, digests, fragments = cbor2.loads(zlib.decompress(data))
    except (ValueError, zlib.error, cbor2.CBORDecodeError):
        return None
    if not (isinstance(postings, dict) and all(isinstance(x, list) and len(x) == len(records)
                                               for x in (counts, digests, fragments))):
        return None
    for (page, *_), packed in zip(records, fragments):
        (Path(staging) / "fragment" / f"{page:x}.pf_fragment").write_bytes(packed)
    return postings, counts, digests


def _index(postings, cache, page, words):
    """Add one record's words to `postings` (`cache`: content word -> its index words)."""
    at = defaultdict(list)  # each distinct content word's positions (a pair's are its term's)
    for position, word in enumerate(words):
        at[word].append(position)
    full, part = {}, {}
    for word, positions in at.items():
        found = cache.get(word)
        if found is None:
            found = cache[word] = terms(word)
        for term, is_part in found:
            into = part if is_part else full
            into[term] = sorted(into[term] + positions) if term in into else positions  # China, china
    small = _SMALL
    for term in full.keys() | part.keys():
        entry = postings.get(term)
        if entry is None:
            entry = postings[term] = [bytearray(), 0, 0, 0, page]
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


class IndexWriter:
    """`add` records in result order, then `finish(engine_files)`: the index is written into
    `target.partial` as it grows and renamed to `target` at the end (an interrupted build
    leaves no half index where the site expects one). With `workers` > 1, batches of
    records are indexed in that many processes and their postings merged here in page order
    (the same files as with one; Python indexes ~10 ms a body record, 14,000 of them at 232
    issues)."""

    def __init__(self, target, language="zh", chunk_size=CHUNK_SIZE, workers=1, batch=BATCH, cache=None):
        self.target = Path(target)
        self.cache = Path(cache) if cache else None  # the index cache's folder (index_cache_folder)
        self.used, self.hits, self.misses, self.batches = set(), 0, 0, 0
        self.staging = self.target.with_name(self.target.name + ".partial")
        self.language = language
        self.chunk_size = chunk_size
        self.workers, self.batch_size = workers, batch
        # word -> [its pages, CBOR-encoded one after another; the last page; how many pages; their
        # size in Pagefind's count (positions and pages); the first page]
        self.postings = {}
        self.pages = []  # [fragment number, word count]
        self.filters = {}  # filter -> value -> [pages]
        self.counts = {"fragment": 0}  # folder -> files written there
        self.digest = hashlib.sha1()  # of every file written: the index's name (`finish`)
        self.batch, self.pending, self.pool, self.added = [], deque(), None, 0
        shutil.rmtree(self.staging, ignore_errors=True)
        (self.staging / "fragment").mkdir(parents=True)

    def add(self, url, text, meta, filters=None):
        """A record: its URL, its text, the strings a result shows (`meta`, not indexed) and the
        values it can be filtered by ({"a": ["2026.3"]}). The index holds the text's words
        (tokens.encode); the record's fragment holds the text itself, which the browser shows
        and checks (as tokens it was a third larger in gzip)."""
        page, filters = self.added, filters or {}
        self.added += 1
        for name, values in filters.items():
            for value in values:
                self.filters.setdefault(name, {}).setdefault(value, []).append(page)
        self.batch.append((page, url, text, meta, filters))
        if len(self.batch) >= self.batch_size:
            try:
                self._submit()
            except BaseException:
                self.discard()
                raise

    def _submit(self):
        batch, self.batch = self.batch, []
        if not batch:
            return
        self.batches += 1
        entry = found = None
        if self.cache is not None:
            name = batch_name(batch)
            self.used.add(name)
            entry = self.cache / name
            found = cached_records(self.staging, batch, entry)
        if found is not None:
            self.hits += 1
            build_cache.touch(entry)
            if not self.pending:
                self._merge(found)
                return
            done = Future()  # merged in page order, after the batches still in the pool
            done.set_result(found)
            self.pending.append(done)
        else:
            self.misses += 1
            if self.workers <= 1 or (self.pool is None and self.misses <= INLINE_MISSES):
                # Here while no pool was needed: pending is empty then, so page order holds.
                self._merge(index_records(self.staging, batch, entry))
                return
            if self.pool is None:
                self.pool = ProcessPoolExecutor(max_workers=self.workers)
            self.pending.append(self.pool.submit(index_records, self.staging, batch, entry))
        # A few batches ahead, not the whole archive: cached ones waiting behind a batch still
        # in the pool count too (held decoded, they were 600 MiB more at 232 issues).
        while len(self.pending) > 2 * self.workers:
            self._merge(self.pending.popleft().result())

    def _merge(self, result):
        """A batch's postings after those of the batches before it (in page order)."""
        postings, counts, digests = result
        for word, (encoded, last, pages, size, first) in postings.items():
            entry = self.postings.get(word)
            if entry is None:  # its first step, from page 0, is right
                self.postings[word] = [encoded if isinstance(encoded, bytearray) else bytearray(encoded), last, pages, size, first]
                continue
            # The first page's step was counted from page 0: from the word's last page instead.
            entry[0] += b"\x83" + _ints((first - entry[1],))
            entry[0] += memoryview(encoded)[1 + len(_ints((first,))):]
            entry[1] = last
            entry[2] += pages
            entry[3] += size
        for count, digest in zip(counts, digests):
            self.pages.append([format(len(self.pages), "x"), count])
            self.digest.update(digest)
        self.counts["fragment"] = len(self.pages)

    def discard(self):
        """Leave nothing behind (a record could not be added)."""
        self._stop_pool()
        shutil.rmtree(self.staging, ignore_errors=True)

    def _stop_pool(self):
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None
        self.pending.clear()

    def finish(self, engine_files):
        """Write the word index, the filters and the page list beside the fragments, with
        Pagefind's browser code (`engine_files`: {name: bytes}, its entry among them), and put
        the folder in place of `target`. The number of records."""
        try:
            self._submit()
            while self.pending:
                self._merge(self.pending.popleft().result())
            self._stop_pool()
            chunks = self._chunks()
            filters = [[name, self._write("filter", cbor2.dumps([name, [[v, p] for v, p in values.items()]]), ".pf_filter")]
                       for name, values in sorted(self.filters.items())]
            build = self._name_files()
            pages = [[build + number, count] for number, count in self.pages]
            chunks = [[first, last, build + number] for first, last, number in chunks]
            filters = [[name, build + number] for name, number in filters]
            meta = cbor2.dumps([json.loads(engine_files["pagefind-entry.json"])["version"], pages, chunks, filters, [], []])
            meta_name = f"{self.language}_{hashlib.sha1(meta).hexdigest()[:10]}"  # as Pagefind names it
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
        build_cache.prune(self.cache, self.used)
        return len(self.pages)

    def _chunks(self):
        """Write the words in order, cut into chunks of about `chunk_size` positions; their
        [first word, last word, name] for the page list."""
        bounds, chunk, size, chunk_words = [], [], 0, None
        for word in sorted(self.postings):
            encoded, _, page_count, positions, _ = self.postings.pop(word)
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

"""The website's search index: which records hold each term (tokens.py), in small files the
browser fetches one at a time, only those a query needs (overrides/assets/javascripts/search-web.js).

Files, under search/index/ (JSON; the web server gzips them):

- `index.json`, the entry (fetched first, the only name that never changes): the index's
  name, how many term files there are, and where each article's records are — for each tier
  (h head, a abstracts, b body, n notes) the number of records of every article, in article
  order (records.article_order: numbered newest issue first), and the articles' years as runs
  ([[2026, 7], [2025, 42]]). Records are numbered in result order (records.in_order: tier,
  then article, then reading order), so a record's number says its article and tier:
  ~0.3 KB gzip at 300 issues, where Pagefind's page list and filters were 199 KiB.
- `<name>/t/<k>.json`: {term: [first record, step, step …]} for the terms whose hash
  (tokens.shard) is k. There are about as many files as the index holds `SHARD_POSTINGS`-sized
  groups of postings (a power of two), so one costs a few KB at any size of the archive.
- `<name>/r/<n>.json`: record n as a result shows it — url, title, authors, issue, year,
  tier, places ([[offset, anchor, label]]) and its text — fetched when it is shown and checked
  against the query.

`<name>` is a digest of every file, so a page holding a stale entry never mixes two indexes.

Why not Pagefind (this index replaced it, issue 17): a first search fetched its page list and
filters whole (118 + 81 KiB at 300 issues) and the positions of every word asked (~19 KiB a
chunk), 297–633 KiB median at 300 issues. The positions served the phrase check, which the
browser does on the records' text anyway.

About `BATCH` records are indexed at a time (where a batch ends depends on the records' texts
alone: `ends_batch`), in worker processes for a large archive, and kept in the index cache
(build_cache.py: search-index/, a file per batch named by its texts, its records numbered from
0): a one-line correction indexes one batch again, and so does, for every tier, a new issue.
"""

import hashlib
import json
import marshal
import shutil
import sys
import zlib
from array import array
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .. import build_cache
from .tokens import record_terms, shard

FORMAT = 1
BATCH = 100  # records indexed at a time (a worker's task, a cache file), on average (`ends_batch`)
MAX_BATCH = 4  # times BATCH: a batch ends there whatever its texts
SHARD_POSTINGS = 2_000  # (term, record) pairs a term file holds on average: ~2-4 KB gzip
TIERS = "habn"
# Batches not in the cache indexed in this process before a pool is started: a correction's
# one or two (starting a pool's fresh processes costs ~0.3 s each, for ~1 s of work).
INLINE_MISSES = 3
INDEX_CACHE_ENV = "JOURNAL_INDEX_CACHE"


def index_cache_folder():
    return build_cache.folder("search-index", INDEX_CACHE_ENV)


def batch_postings(texts):
    """{term: the numbers within the batch (0, 1 …) of the records holding it, as uint32 bytes}."""
    out = {}
    for number, text in enumerate(texts):
        for term in record_terms(text):
            found = out.get(term)
            if found is None:
                out[term] = found = array("I")
            found.append(number)
    return {term: numbers.tobytes() for term, numbers in out.items()}


def batch_name(texts):
    """The cache file's name for a batch: its texts, not where it stands (`ends_batch`)."""
    return build_cache.key(json.dumps(texts, ensure_ascii=False)) + ".marshal.z"


def ends_batch(text, size):
    """Whether a batch ends after the record holding `text`: about one record in `size`, chosen
    by the text alone, so a batch is the same records wherever it stands. A record added or
    removed (an issue imported: its records come first in every tier; a paragraph past
    record_size) changes its own batch; the batches after it keep their texts, only their
    first number moves, which is not in their key: they come from the cache."""
    return zlib.crc32(text.encode()) % size == 0


def cached_postings(entry):
    """What `batch_postings` made of a batch, from the cache file `entry`; None if absent or damaged."""
    data = build_cache.load(entry)
    if data is None:
        return None
    try:
        postings = marshal.loads(zlib.decompress(data))
    except (ValueError, EOFError, TypeError, zlib.error):
        return None
    if not isinstance(postings, dict) or not all(isinstance(k, str) and isinstance(v, bytes) for k, v in postings.items()):
        return None
    return postings


def worker_pool(workers):
    """Processes started fresh (spawn), not forked from the build: a batch needs only its texts,
    and a forked worker shares the build's heap, which its garbage collector and reference counts
    then copy page by page (at 232 issues the build holds ~0.8 GiB when the index is made; the
    PDF workers grew so to 1.5 GiB each, publishing/pdf.py). Starting one costs ~0.3 s."""
    import multiprocessing

    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))


def steps(held):
    """uint32 bytes of [3, 5, 6] → [3, 2, 1]: the first record, then the step to each next
    (small numbers, which gzip packs well: a term in most records is a run of 1s)."""
    if len(held) == 4:  # most terms: one record
        return [int.from_bytes(held, sys.byteorder)]  # as array("I") reads it
    numbers = array("I", held)
    return [numbers[0]] + [b - a for a, b in zip(numbers, numbers[1:])]


class IndexWriter:
    """`add` records in result order, then `finish()`: the files are written into
    `target.partial` and renamed to `target` at the end (an interrupted build leaves no half
    index where the site expects one)."""

    def __init__(self, target, workers=1, cache=None, batch=BATCH, per_file=SHARD_POSTINGS):
        self.target = Path(target)
        self.staging = self.target.with_name(self.target.name + ".partial")
        self.workers, self.batch_size, self.per_file = workers, batch, per_file
        self.cache = Path(cache) if cache else None
        self.used, self.hits, self.misses, self.batches = set(), 0, 0, 0
        self.postings = {}  # term -> uint32 record numbers, ascending (bytes, or a bytearray once appended to)
        self.tiers = {t: [] for t in TIERS}  # tier -> records of each article, in article order
        self.years = []  # [[year, articles]] in article order
        self.articles = 0
        self.texts, self.pending, self.pool = [], deque(), None
        self.count = 0
        self.digest = hashlib.sha1()
        shutil.rmtree(self.staging, ignore_errors=True)
        for folder in ("r", "t"):  # records' files, term files
            (self.staging / "files" / folder).mkdir(parents=True)

    def add(self, text, shown, year, article, tier):
        """A record: its text, what a result shows of it (`shown`: url, title, authors, issue,
        places …), its article's year and number (records.article_order) and its tier (h a b n).
        Records come in result order: by tier, then article."""
        try:
            self._add(text, shown, year, article, tier)
        except BaseException:
            self.discard()
            raise

    def _add(self, text, shown, year, article, tier):
        counts = self.tiers[tier]
        if any(self.tiers[t] for t in TIERS[TIERS.index(tier) + 1:]) or article < len(counts) - 1:
            raise ValueError(f"record {self.count} ({shown.get('url')}): expected records in result order "
                             "(tier, then article), as records.in_order gives them")
        if tier != "h" and article >= self.articles:  # its year comes with its head
            raise ValueError(f"record {self.count} ({shown.get('url')}): expected article {article}'s head record first")
        while len(counts) <= article:
            counts.append(0)
        counts[article] += 1
        while self.articles <= article:
            if self.years and self.years[-1][0] == year:
                self.years[-1][1] += 1
            else:
                self.years.append([year, 1])
            self.articles += 1
        data = json.dumps({**shown, "year": str(year), "tier": tier, "text": text}, ensure_ascii=False,
                          separators=(",", ":")).encode()
        self._write(f"r/{self.count}.json", data)
        self.count += 1
        self.texts.append(text)
        if ends_batch(text, self.batch_size) or len(self.texts) >= MAX_BATCH * self.batch_size:
            self._submit()

    def _submit(self):
        texts, self.texts = self.texts, []
        if not texts:
            return
        first = self.count - len(texts)
        self.batches += 1
        entry = found = None
        if self.cache is not None:
            name = batch_name(texts)
            self.used.add(name)
            entry = self.cache / name
            found = cached_postings(entry)
        if found is not None:
            self.hits += 1
            build_cache.touch(entry)
            self.pending.append((first, found))
        else:
            self.misses += 1
            if self.workers <= 1 or (self.pool is None and self.misses <= INLINE_MISSES):
                self.pending.append((first, self._keep(entry, batch_postings(texts))))
            else:
                if self.pool is None:
                    self.pool = worker_pool(self.workers)
                future = self.pool.submit(batch_postings, texts)
                future.entry = entry
                self.pending.append((first, future))
        # Merged in record order, a few batches behind: not the whole archive held twice.
        while len(self.pending) > 2 * self.workers:
            self._merge(*self.pending.popleft())

    def _keep(self, entry, postings):
        if entry is not None:
            build_cache.store(entry, zlib.compress(marshal.dumps(postings), 1))
        return postings

    def _merge(self, first, done):
        """A batch's postings after those before it, its records numbered from `first`."""
        if not isinstance(done, dict):  # a batch from the pool
            done = self._keep(done.entry, done.result())
        for term, numbers in done.items():
            if first:
                numbers = array("I", [n + first for n in array("I", numbers)]).tobytes()
            held = self.postings.get(term)
            if held is None:
                self.postings[term] = numbers  # bytes: most terms are in one batch
            elif isinstance(held, bytes):  # its second batch: from now on appended in place
                self.postings[term] = bytearray(held) + numbers
            else:
                held += numbers

    def discard(self):
        """Leave nothing behind (a record could not be added)."""
        self._stop_pool()
        shutil.rmtree(self.staging, ignore_errors=True)

    def _stop_pool(self):
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None
        self.pending.clear()

    def finish(self):
        """Write the term files and the entry, and put the folder in place of `target`; the
        number of records."""
        try:
            self._submit()
            while self.pending:
                self._merge(*self.pending.popleft())
            self._stop_pool()
            total = sum(len(numbers) for numbers in self.postings.values()) // 4
            count = 1
            while count * self.per_file < total:
                count *= 2
            files = [[] for _ in range(count)]
            for term in self.postings:
                files[shard(term, count)].append(term)
            for k, terms in enumerate(files):  # one file's lists at a time: as numbers, 30x their bytes
                lists = {term: steps(self.postings.pop(term)) for term in sorted(terms)}
                self._write(f"t/{k}.json", json.dumps(lists, ensure_ascii=False, separators=(",", ":")).encode())
            name = self.digest.hexdigest()[:12]
            (self.staging / "files").rename(self.staging / name)
            entry = {"format": FORMAT, "name": name, "shards": count, "records": self.count, "years": self.years,
                     "tiers": {t: counts + [0] * (self.articles - len(counts)) for t, counts in self.tiers.items()}}
            (self.staging / "index.json").write_text(json.dumps(entry, separators=(",", ":")), encoding="utf-8")
        except BaseException:
            self.discard()
            raise
        # The old index out of the way, the new one in, then the old one deleted: no moment
        # without a whole index, whatever fails.
        old = self.target.with_name(self.target.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.target.exists():
            self.target.rename(old)
        try:
            self.staging.rename(self.target)
        except BaseException:
            if old.exists():
                old.rename(self.target)
            raise
        shutil.rmtree(old, ignore_errors=True)
        build_cache.prune(self.cache, self.used)
        return self.count

    def _write(self, name, data):
        (self.staging / "files" / name).write_bytes(data)
        self.digest.update(name.encode() + b"\0")
        self.digest.update(data)

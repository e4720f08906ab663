"""pagefind_index.IndexWriter writes Pagefind 1.5.2's files: for the same records, every word it
indexes has the pages and positions Pagefind's own indexer gives it (the browser code reading
them is Pagefind's, and tests/search/test_search.py searches such an index in Chromium)."""

import gzip
import json

import cbor2
import pytest

from journal.search.engine import PagefindWriter, browser_files
from journal.search import pagefind_index
from journal.search.pagefind_index import SIGNATURE, IndexWriter, shortest_prefixes
from journal.search.tokens import encode

RECORDS = [
    ("/a/#head-0", "中美关系的新阶段\nSino-US relations: burden-sharing, 2+2 and the 5Es", {"a": ["2026.0"], "t": ["h"]}),
    ("/a/#body-1", "中美关系。美国对外政策的调整（2025年）\n“一带一路”倡议 Belt and Road Initiative (BRI)", {"a": ["2026.0"], "t": ["b"]}),
    ("/b/#body-2", "上海合作组织（上合组织）与 COVID-19 疫情；中美关系", {"a": ["2026.1"], "t": ["b"]}),
    ("/b/#notes-3", "参见 https://www.un.org/sg/en/content/sg/speeches 以及 G20 峰会", {"a": ["2026.1"], "t": ["n"]}),
    ("/b/#notes-4", "Hugo Chávez and the café, a cafe; ΟΔΟΣ", {"a": ["2026.1"], "t": ["n"]}),
]


def unpack(data):
    data = gzip.decompress(data)
    assert data.startswith(SIGNATURE)
    return data[len(SIGNATURE):]


def postings(files):
    """{word: {page: sorted positions}} with page steps and position steps added up. Pagefind
    keeps an accented spelling as a variant of the plain word (chavez: chávez), whose pages
    count as the word's: pagefind.js drops accents from a query word before looking it up."""
    out = {}
    for path, data in files.items():
        if str(path).startswith("index/"):
            for word, pages, variants in cbor2.loads(unpack(data))[0]:
                found = out.setdefault(word, {})
                for _spelling, variant_pages in [(word, pages)] + variants:
                    for page, positions in pages_of(variant_pages).items():
                        found[page] = sorted(found.get(page, []) + positions)
    return out


def pages_of(pages):
    page, found = 0, {}
    for step, locs, _meta in pages:
        page += step
        positions, last = [], None
        for value in locs:
            if value < 0:
                last = None  # a weight marker: the next position is whole again
            else:
                last = value if last is None else last + value
                positions.append(last)
        if positions:
            found[page] = positions
    return found


def ours(tmp_path, chunk_size=20_000, **options):
    return written(tmp_path, RECORDS, chunk_size=chunk_size, **options)[0]


def written(tmp_path, records, chunk_size=20_000, **options):
    """(the index's files, the writer) of `records`."""
    writer = IndexWriter(tmp_path / "pagefind", chunk_size=chunk_size, **options)
    for url, text, filters in records:
        writer.add(url, text, {"title": "标题 Title"}, filters=filters)
    writer.finish(browser_files())
    return {p.relative_to(tmp_path / "pagefind").as_posix(): p.read_bytes() for p in (tmp_path / "pagefind").rglob("*") if p.is_file()}, writer


def pagefinds():
    writer = PagefindWriter(language="zh")
    for url, text, filters in RECORDS:
        writer.add(url, encode(text), {"title": "标题 Title"}, filters=filters)
    return {path.as_posix(): data for path, data in writer.files().items()}


def test_every_word_has_pagefinds_pages_and_positions(tmp_path):
    mine, theirs = postings(ours(tmp_path)), postings(pagefinds())
    assert "_0ffx0p72" in mine  # 中美 (a pair) and Latin words are there
    assert {"burdensharing", "burden", "sharing", "22", "5es", "covid19", "g20", "chavez", "cafe", "οδοσ"} <= mine.keys()
    assert "chávez" not in mine  # the browser asks for chavez whatever the reader types
    for word, pages in mine.items():
        assert theirs.get(word) == pages, word


def test_what_is_left_out_is_no_word_a_query_asks_for(tmp_path):
    """Pagefind also indexes the meta (标题 and Title of every record) and the letters inside
    our coded Chinese words (中美, `_0ffx0p72` → ffx): the browser never asks for those."""
    mine, theirs = postings(ours(tmp_path)), postings(pagefinds())
    assert "title" in theirs and "title" not in mine
    assert "ffx" in theirs and "ffx" not in mine
    assert all(not w.startswith("_") or len(w) not in (5, 9) for w in theirs.keys() - mine.keys())


def test_the_page_list_and_fragments_are_pagefinds(tmp_path):
    mine, theirs = ours(tmp_path), pagefinds()
    meta = lambda files: cbor2.loads(unpack(next(d for p, d in files.items() if p.endswith(".pf_meta"))))
    ours_meta, their_meta = meta(mine), meta(theirs)
    assert ours_meta[0] == their_meta[0] == "1.5.2"
    assert [wc for _, wc in ours_meta[1]] == [wc for _, wc in their_meta[1]]
    fragment = lambda files, name: json.loads(unpack(files[f"fragment/{name}.pf_fragment"]))
    for (mine_name, _), (their_name, _), (_, text, _) in zip(ours_meta[1], their_meta[1], RECORDS):
        a, b = fragment(mine, mine_name), fragment(theirs, their_name)
        assert {k: a[k] for k in ("url", "word_count", "filters", "meta")} == {k: b[k] for k in ("url", "word_count", "filters", "meta")}
        assert a["content"] == text  # the text itself, which the browser shows (Pagefind's: the encoded words)
    entry = json.loads(mine["pagefind-entry.json"])
    assert entry["languages"]["zh"]["page_count"] == len(RECORDS)
    assert f"pagefind.{entry['languages']['zh']['hash']}.pf_meta" in mine
    filters = {cbor2.loads(unpack(mine[f"filter/{h}.pf_filter"]))[0]: cbor2.loads(unpack(mine[f"filter/{h}.pf_filter"]))[1] for _, h in ours_meta[3]}
    assert dict(filters["a"]) == {"2026.0": [0, 1], "2026.1": [2, 3, 4]}


def chunk_for(term, chunks):
    """The chunk Pagefind's WebAssembly loads for a word (pagefind_web request_indexes): the
    first whose bounds hold it; failing that, the first whose bounds, cut to the word's
    length, hold it."""
    strict = next((c for c in chunks if c[0] <= term <= c[1]), None)
    return strict or next((c for c in chunks if term[:len(c[0])] >= c[0][:len(term)] and term[:len(c[1])] <= c[1][:len(term)]), None)


def test_small_chunks_keep_every_word_where_the_browser_looks(tmp_path):
    files = ours(tmp_path, chunk_size=8)
    chunks = cbor2.loads(unpack(next(d for p, d in files.items() if p.endswith(".pf_meta"))))[2]
    assert len(chunks) > 10
    held = {name: {w for w, _, _ in cbor2.loads(unpack(files[f"index/{name}.pf_index"]))[0]} for _, _, name in chunks}
    for word in postings(files):
        assert word in held[chunk_for(word, chunks)[2]], word
    assert postings(files) == postings(ours(tmp_path / "large"))


def test_chunk_bounds_are_the_shortest_telling_prefixes():
    assert shortest_prefixes("apple", "apricot") == ("app", "apr")
    assert shortest_prefixes("cath", "cathartic") == ("cath", "catha")
    assert shortest_prefixes("_0fhp0gzq", "_0fhq0aaa") == ("_0fhp", "_0fhq")


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failed_record_leaves_nothing(tmp_path, workers):
    """A record that cannot be written (meta must be strings) fails the index when its batch is
    indexed, here or in a worker; the folder of a half index goes, the old index stays."""
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "old").write_text("the last good index")
    writer = IndexWriter(tmp_path / "pagefind", workers=workers, batch=1)
    writer.add("/a/", "中美", {})
    with pytest.raises(TypeError):
        writer.add("/b/", "中美", {"title": object()})
        writer.add("/c/", "中美", {})
        writer.finish(browser_files())
    assert [p.name for p in tmp_path.iterdir()] == ["pagefind"]
    assert (tmp_path / "pagefind" / "old").read_text() == "the last good index"


def test_the_same_records_give_the_same_files(tmp_path):
    assert ours(tmp_path / "one") == ours(tmp_path / "two")


def test_workers_write_the_same_index(tmp_path):
    """Batches of one record indexed in two processes and merged: the same files, byte for
    byte, as one process (each word's first page in a batch is re-counted from its page before)."""
    assert ours(tmp_path / "one") == ours(tmp_path / "two", workers=2, batch=1)
    assert ours(tmp_path / "three", batch=3) == ours(tmp_path / "one-again")


@pytest.mark.parametrize("workers,inline", [(1, 3), (2, 3), (2, 0)])
def test_the_index_cache_gives_the_same_files(tmp_path, workers, inline, monkeypatch):
    """Batches kept in the index cache and used again: the same files, byte for byte, as an
    index made without a cache; a changed record indexes its own batch again, and only it
    (in this process, or with `inline` 0 in the pool, the cached batches after it waiting)."""
    monkeypatch.setattr(pagefind_index, "INLINE_MISSES", inline)
    cache = tmp_path / "cache"
    plain = ours(tmp_path / "plain")
    cold, writer = written(tmp_path / "cold", RECORDS, batch=2, workers=workers, cache=cache)
    assert cold == plain and (writer.hits, writer.batches) == (0, 3) and len(list(cache.iterdir())) == 3
    warm, writer = written(tmp_path / "warm", RECORDS, batch=2, workers=workers, cache=cache)
    assert warm == plain and writer.hits == 3
    changed = [RECORDS[0], (RECORDS[1][0], RECORDS[1][1] + " 上合组织", RECORDS[1][2]), *RECORDS[2:]]
    corrected, writer = written(tmp_path / "corrected", changed, batch=2, workers=workers, cache=cache)
    assert writer.hits == 2  # the batches of records 2-3 and 4, after the changed one
    assert corrected == written(tmp_path / "corrected-plain", changed)[0] != plain


def test_a_damaged_cache_entry_is_indexed_again(tmp_path):
    cache = tmp_path / "cache"
    plain = ours(tmp_path / "plain")
    written(tmp_path / "cold", RECORDS, batch=2, cache=cache)
    entries = sorted(cache.iterdir())
    entries[0].write_bytes(b"not an entry")
    entries[1].write_bytes(entries[1].read_bytes()[:-5])  # cut short
    again, writer = written(tmp_path / "again", RECORDS, batch=2, cache=cache)
    assert again == plain and writer.hits == 1

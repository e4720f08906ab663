"""The website's search index (src/journal/search/index_files.py): what its files say, that the
same records always give the same bytes (with workers, with the cache, after a correction), and
that a failure leaves the last good index."""

import json

import pytest

from journal.search import index_files
from journal.search.index_files import IndexWriter
from journal.search.tokens import shard

# (text, article, tier), in result order: tier, then article.
RECORDS = [
    ("中美关系的演变", 0, "h"), ("上海合作组织", 1, "h"),
    ("摘要：中美", 0, "a"),
    ("美国对外政策的调整", 0, "b"), ("特朗普第二任期 AUKUS", 0, "b"), ("Burden-sharing among U.S. allies", 1, "b"),
    ("注释 中美关系", 1, "n"),
]
YEARS = {0: 2026, 1: 2025}


def written(folder, records=RECORDS, years=YEARS, **options):
    """Index `records` into `folder`/index; ({relative path: bytes}, the writer)."""
    writer = IndexWriter(folder / "index", **options)
    for n, (text, article, tier) in enumerate(records):
        writer.add(text, {"url": f"a{article}/", "places": [[0, f"#p{n}", "正文"]]}, years[article], article, tier)
    writer.finish()
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted((folder / "index").rglob("*")) if p.is_file()}, writer


def ours(folder, **options):
    return written(folder, **options)[0]


def holding(files, term):
    """The records the index lists under `term`, as the browser reads them."""
    entry = json.loads(files["index/index.json"])
    steps = json.loads(files[f"index/{entry['name']}/t/{shard(term, entry['shards'])}.json"]).get(term, [])
    out, at = [], 0
    for step in steps:
        at += step
        out.append(at)
    return out


def test_the_entry_says_each_record_s_article_and_tier(tmp_path):
    files = ours(tmp_path)
    entry = json.loads(files["index/index.json"])
    assert entry["records"] == len(RECORDS) and entry["years"] == [[2026, 1], [2025, 1]]
    assert entry["tiers"] == {"h": [1, 1], "a": [1, 0], "b": [2, 1], "n": [0, 1]}
    assert {p for p in files if p.startswith(f"index/{entry['name']}/t/")} == {
        f"index/{entry['name']}/t/{k}.json" for k in range(entry["shards"])}
    record = json.loads(files[f"index/{entry['name']}/r/3.json"])
    assert record == {"url": "a0/", "places": [[0, "#p3", "正文"]], "year": "2026", "tier": "b", "text": "美国对外政策的调整"}


def test_a_term_lists_the_records_that_hold_it(tmp_path):
    files = ours(tmp_path, per_file=2)
    assert json.loads(files["index/index.json"])["shards"] >= 8
    assert holding(files, "中美") == [0, 2, 6]
    assert holding(files, "美") == [0, 2, 3, 6]
    assert holding(files, "aukus") == holding(files, "au") == holding(files, "aukus ") == [4]
    assert holding(files, "burden ") == holding(files, "sharing") == [5]
    assert holding(files, "us ") == [5]  # U.S.
    assert holding(files, "美中") == [] and holding(files, "auk ") == []


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failed_record_leaves_nothing(tmp_path, workers):
    """A record out of result order fails the index; the folder of a half index goes, the old
    index stays."""
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / "old").write_text("the last good index")
    writer = IndexWriter(tmp_path / "index", workers=workers, batch=1)
    writer.add("中美", {}, 2026, 0, "h")
    writer.add("中美", {}, 2026, 0, "b")
    with pytest.raises(ValueError, match="expected records in result order"):
        writer.add("中美", {}, 2026, 1, "h")
    assert [p.name for p in tmp_path.iterdir()] == ["index"]
    assert (tmp_path / "index" / "old").read_text() == "the last good index"


def test_the_same_records_give_the_same_files(tmp_path):
    assert ours(tmp_path / "one") == ours(tmp_path / "two")


def test_workers_write_the_same_index(tmp_path):
    assert ours(tmp_path / "one") == ours(tmp_path / "two", workers=2, batch=1)
    assert ours(tmp_path / "three", batch=3) == ours(tmp_path / "one-again")


@pytest.mark.parametrize("workers,inline", [(1, 3), (2, 3), (2, 0)])
def test_the_index_cache_gives_the_same_files(tmp_path, workers, inline, monkeypatch):
    """Batches kept in the index cache and used again: the same files, byte for byte, as an
    index made without a cache; a changed record indexes its own batch again (in this process,
    or with `inline` 0 in the pool), at most with the next one (its end may move)."""
    monkeypatch.setattr(index_files, "INLINE_MISSES", inline)
    cache = tmp_path / "cache"
    plain = ours(tmp_path / "plain")
    cold, writer = written(tmp_path / "cold", batch=2, workers=workers, cache=cache)
    assert cold == plain and writer.hits == 0 and writer.batches == len(list(cache.iterdir())) > 2
    warm, writer = written(tmp_path / "warm", batch=2, workers=workers, cache=cache)
    assert warm == plain and writer.hits == writer.batches
    changed = [*RECORDS[:3], (RECORDS[3][0] + " 上合组织", *RECORDS[3][1:]), *RECORDS[4:]]
    corrected, writer = written(tmp_path / "corrected", changed, batch=2, workers=workers, cache=cache)
    assert 1 <= writer.misses <= 2 and writer.hits == writer.batches - writer.misses > 0
    assert corrected == ours(tmp_path / "corrected-plain", records=changed) != plain
    assert holding(corrected, "上合") == [3]


def test_records_added_before_the_others_leave_their_batches_in_the_cache(tmp_path):
    """A new issue's records come first in every tier: the batches of the records after them
    keep their texts, only their numbers move, and come from the cache."""
    cache = tmp_path / "cache"
    written(tmp_path / "cold", batch=2, cache=cache)
    new = [("新一期的文章", 0, "h"), ("新一期正文", 0, "b")]
    moved = [(text, article + 1, tier) for text, article, tier in RECORDS]
    added = sorted(new + moved, key=lambda r: ("habn".index(r[2]), r[1]))
    years = {0: 2026, 1: 2026, 2: 2025}
    again, writer = written(tmp_path / "again", added, years, batch=2, cache=cache)
    assert writer.misses <= len(new) and writer.hits == writer.batches - writer.misses > 0
    assert again == ours(tmp_path / "plain", records=added, years=years)
    assert holding(again, "中美") == [1, 3, 8]


def test_a_damaged_cache_entry_is_indexed_again(tmp_path):
    cache = tmp_path / "cache"
    plain = ours(tmp_path / "plain")
    written(tmp_path / "cold", batch=2, cache=cache)
    entries = sorted(cache.iterdir())
    entries[0].write_bytes(b"not an entry")
    entries[1].write_bytes(entries[1].read_bytes()[:-5])  # cut short
    again, writer = written(tmp_path / "again", batch=2, cache=cache)
    assert again == plain and writer.hits == writer.batches - 2

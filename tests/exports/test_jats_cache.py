"""Each article's JATS file kept between builds (journal-exports' JatsCache): made once for the
same article, body and links; made again when any of them or the code changes, or when the
kept file is damaged."""

from journal.exports.plugin import JatsCache


def cache_in(tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNAL_JATS_CACHE", str(tmp_path))
    return JatsCache()


def test_made_once_for_the_same_inputs(tmp_path, monkeypatch):
    calls = []

    def make(article, body, links):
        calls.append(body)
        return f"<?xml version='1.0'?><article>{article}{body}{links['url']}</article>".encode()

    first = cache_in(tmp_path, monkeypatch).made(make, "甲", "<p>正文</p>", {"url": "/a/"})
    again = cache_in(tmp_path, monkeypatch).made(make, "甲", "<p>正文</p>", {"url": "/a/"})
    assert first == again and len(calls) == 1
    assert cache_in(tmp_path, monkeypatch).made(make, "甲", "<p>更正</p>", {"url": "/a/"}).endswith(b"<p>\xe6\x9b\xb4\xe6\xad\xa3</p>/a/</article>")
    assert b"/b/" in cache_in(tmp_path, monkeypatch).made(make, "甲", "<p>正文</p>", {"url": "/b/"})
    assert len(calls) == 3
    for entry in tmp_path.iterdir():
        entry.write_bytes(entry.read_bytes()[:-3])  # damaged: made again, the same
    assert cache_in(tmp_path, monkeypatch).made(make, "甲", "<p>正文</p>", {"url": "/a/"}) == first and len(calls) == 4
    monkeypatch.setattr("journal.build_cache.code_digest", lambda: "other code")
    cache_in(tmp_path, monkeypatch).made(make, "甲", "<p>正文</p>", {"url": "/a/"})
    assert len(calls) == 5


def test_off_when_set_empty(tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNAL_JATS_CACHE", "")
    calls = []
    cache = JatsCache()
    for _ in range(2):
        cache.made(lambda *args: calls.append(args) or b"<?xml?>", "甲", "", {"url": ""})
    assert len(calls) == 2 and not list(tmp_path.iterdir())

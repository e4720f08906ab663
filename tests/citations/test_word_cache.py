"""The pinyin titles' cache of jieba.posseg cuts (journal.citations.word_cache): every string the
cite box and the citation files print is the same byte for byte whether the cuts come from the
tagger, from a cache being filled, or from the cache on disk; a build that finds its titles in
the cache never loads the tagger; a damaged cache is tagged again, never believed."""

import json
import os
import subprocess
import sys

import pytest
from mkdocs.utils.meta import get_data

from journal import citations
from journal.catalog import pages_on_disk, read_catalog
from journal.citations import Where, pinyin, word_cache
from journal.model import Article
from tests.conftest import ARCHIVE, ROOT

CASES = ROOT / "tests" / "fixtures" / "cases"
WHERE = Where("https://j.example.org/2026/02/x/")


def articles():
    """Every article of docs/, the test archive and the importer's fixture cases."""
    found = []
    for docs in (ROOT / "docs", ARCHIVE):
        found += [entry.article for issue in read_catalog(pages_on_disk(docs)) for entry in issue.articles]
    for page in sorted(CASES.glob("*/expected/**/*.md")):
        if page.name != "index.md":
            expected = next(p for p in page.parents if p.name == "expected")
            meta = get_data(page.read_text(encoding="utf-8"))[1]
            found.append(Article.from_meta(page.relative_to(expected).as_posix(), meta))
    return found


def printed(article):
    """Every string the cite box and the files print for `article`."""
    return ([(style.key, str(text.html), text.plain) for style, text in citations.cite_box(article, WHERE)]
            + [(fmt.key, fmt.article_file(article, WHERE)) for fmt in citations.FILES])


def fresh(monkeypatch, cache):
    """A new process's state: nothing in memory, the cache at `cache` ('' = memory only)."""
    monkeypatch.setenv("JOURNAL_PINYIN_CACHE", str(cache))
    word_cache.cuts.cache_clear()
    pinyin.words.cache_clear()


@pytest.fixture(autouse=True)
def forget():
    """The next test (of any file) starts from the cache its environment names."""
    yield
    word_cache.cuts.cache_clear()
    pinyin.words.cache_clear()


@pytest.fixture(scope="module")
def everything():
    found = articles()
    assert len(found) >= 20 and len({a.title for a in found}) >= 15  # the check sees many titles
    return found


def test_the_printed_strings_are_the_same_with_and_without_the_cache(everything, monkeypatch, tmp_path):
    fresh(monkeypatch, "")
    tagged = [printed(a) for a in everything]  # the tagger itself, as before the cache
    fresh(monkeypatch, tmp_path)
    filling = [printed(a) for a in everything]
    word_cache.cuts().save()
    assert list(tmp_path.glob("posseg-*.json"))
    fresh(monkeypatch, tmp_path)

    def no_tagger():
        raise AssertionError("a title in the cache was tagged again")

    monkeypatch.setattr(word_cache, "_tagger", no_tagger)
    from_disk = [printed(a) for a in everything]
    assert filling == tagged
    assert from_disk == tagged


def test_a_build_whose_titles_are_cached_never_loads_the_tagger(tmp_path):
    script = ("import hashlib, sys\n"
              "from tests.citations.test_word_cache import articles, printed\n"
              "out = repr([printed(a) for a in articles()]).encode()\n"
              "print(hashlib.sha256(out).hexdigest(), 'jieba.posseg' in sys.modules)\n")
    env = dict(os.environ, JOURNAL_PINYIN_CACHE=str(tmp_path))
    runs = [subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                           check=True).stdout.split() for _ in range(2)]
    assert runs[0][1] == "True"  # the first process tagged the titles (and wrote them down)
    assert runs[1] == [runs[0][0], "False"]  # the second found them all: same output, no tagger


def test_a_damaged_cache_is_tagged_again(monkeypatch, tmp_path):
    title = "中巴命运共同体：核心特征、价值意义与深化路径"
    fresh(monkeypatch, "")
    expected = pinyin.sentence(title)
    fresh(monkeypatch, tmp_path)
    path = word_cache.cuts().path
    wrong = [["中巴", "ns"], ["命运", "n"]]  # words that do not give the title back
    path.write_text(json.dumps({title: wrong, "x": "not a cut"}), encoding="utf-8")
    fresh(monkeypatch, tmp_path)
    assert pinyin.sentence(title) == expected
    path.write_text("{not json", encoding="utf-8")
    fresh(monkeypatch, tmp_path)
    assert pinyin.sentence(title) == expected
    word_cache.cuts().save()
    assert json.loads(path.read_text(encoding="utf-8"))[title.replace("——", "\u2e3a")] != wrong


def test_the_file_is_named_by_jieba_version(monkeypatch, tmp_path):
    import jieba

    fresh(monkeypatch, tmp_path)
    assert word_cache.cuts().path == tmp_path / f"posseg-{jieba.__version__}.json"

"""The answers of jieba.posseg (journal.citations.word_cache) and pypinyin (journal.memo) kept
between builds: every string the cite box and the citation files print, every name's split and
the keyword and author indexes' order are the same whether the answers come from the libraries,
from a cache being filled, or from the cache on disk; a process that finds its texts in the
cache never imports either library; a damaged cache is computed again, never believed."""

import json
import os
import subprocess
import sys

import pytest
from mkdocs.utils.meta import get_data

from journal import citations, memo
from journal.catalog import author_index, keyword_index, pages_on_disk, read_catalog
from journal.citations import Where, pinyin, word_cache
from journal import model
from journal.model import Article
from tests.conftest import ARCHIVE, ROOT

CASES = ROOT / "tests" / "fixtures" / "cases"
WHERE = Where("https://j.example.org/2026/02/x/")


def articles():
    """Every article of docs/, the test archive and the importer's fixture cases."""
    found = [entry.article for issue in issues() for entry in issue.articles]
    for page in sorted(CASES.glob("*/expected/**/*.md")):
        if page.name != "index.md":
            expected = next(p for p in page.parents if p.name == "expected")
            meta = get_data(page.read_text(encoding="utf-8"))[1]
            found.append(Article.from_meta(page.relative_to(expected).as_posix(), meta))
    return found


def printed(article):
    """Every string the cite box and the files print for `article`, and its people's splits."""
    return ([(style.key, str(text.html), text.plain) for style, text in citations.cite_box(article, WHERE)]
            + [(fmt.key, fmt.article_file(article, WHERE)) for fmt in citations.FILES]
            + [(person.name, model.split_name(person.name, person.name_en)) for person, _ in article.people])


def issues():
    """The issues of docs/ and of the test archive, read as the plugin reads them."""
    return [issue for docs in (ROOT / "docs", ARCHIVE) for issue in read_catalog(pages_on_disk(docs))]


def indexes():
    """The keyword and author indexes' order (the keywords and names as listed)."""
    return [k for k, _ in keyword_index(issues())], [n for n, _, _ in author_index(issues())]


def fresh(monkeypatch, cache):
    """A new process's state: nothing in memory, the cache at `cache` ('' = memory only)."""
    monkeypatch.setenv("JOURNAL_MEMO", str(cache))
    forget_all()


def forget_all():
    word_cache.cuts.cache_clear()
    memo._memos.cache_clear()
    pinyin.words.cache_clear()


@pytest.fixture(autouse=True)
def forget():
    """The next test (of any file) starts from the cache its environment names."""
    yield
    forget_all()


@pytest.fixture(scope="module")
def everything():
    found = articles()
    assert len(found) >= 20 and len({a.title for a in found}) >= 15  # the check sees many titles
    return found


def test_the_printed_strings_and_orders_are_the_same_with_and_without_the_cache(everything, monkeypatch, tmp_path):
    fresh(monkeypatch, "")
    direct = [printed(a) for a in everything], indexes()  # the libraries themselves, as before the cache
    fresh(monkeypatch, tmp_path)
    filling = [printed(a) for a in everything], indexes()
    for kept in (word_cache.cuts(), *memo._memos()):
        kept.save()
    assert {p.name.split("-")[0] for p in tmp_path.glob("*.json")} == {"posseg", "lazy", "heteronyms"}
    fresh(monkeypatch, tmp_path)

    def not_again(key):
        raise AssertionError(f"{key!r} was in the cache and was computed again")

    for kept in (word_cache.cuts(), *memo._memos()):
        monkeypatch.setattr(kept, "compute", not_again)
    from_disk = [printed(a) for a in everything], indexes()
    assert filling == direct
    assert from_disk == direct
    assert len(direct[1][0]) >= 20 and len(direct[1][1]) >= 10  # orders of many keywords and names


def test_a_process_whose_texts_are_cached_never_loads_the_libraries(tmp_path):
    script = ("import hashlib, sys\n"
              "from tests.citations.test_word_cache import articles, printed\n"
              "out = repr([printed(a) for a in articles()]).encode()\n"
              "print(hashlib.sha256(out).hexdigest(), {'jieba', 'pypinyin'} & set(sys.modules) == {'jieba', 'pypinyin'},\n"
              "      {'jieba', 'pypinyin'} & set(sys.modules) == set())\n")
    env = dict(os.environ, JOURNAL_MEMO=str(tmp_path))
    runs = [subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                           check=True).stdout.split() for _ in range(2)]
    assert runs[0][1:] == ["True", "False"]  # the first process loaded both (and wrote the answers down)
    assert runs[1] == [runs[0][0], "False", "True"]  # the second found them all: same output, neither loaded


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
    assert json.loads(path.read_text(encoding="utf-8"))[title] != wrong


def test_a_cached_reading_of_the_wrong_shape_is_read_again(monkeypatch, tmp_path):
    fresh(monkeypatch, "")
    expected = model.split_name("单晓青", "SHAN Xiaoqing"), pinyin.headline("国际问题研究")
    fresh(monkeypatch, tmp_path)
    lazy, heteronyms = memo._memos()
    heteronyms.path.write_text(json.dumps({"单晓青": ["dan", "xiao", "qing"]}), encoding="utf-8")
    lazy.path.write_text(json.dumps({"u\0国际": [1, 2]}), encoding="utf-8")
    fresh(monkeypatch, tmp_path)
    assert (model.split_name("单晓青", "SHAN Xiaoqing"), pinyin.headline("国际问题研究")) == expected
    assert expected[0] == ("单", "晓青")


def test_the_files_are_named_by_the_libraries_versions(monkeypatch, tmp_path):
    import jieba
    import pypinyin

    fresh(monkeypatch, tmp_path)
    assert word_cache.cuts().path == tmp_path / f"posseg-{jieba.__version__}.json"
    assert memo._memos()[0].path == tmp_path / f"lazy-pinyin-{pypinyin.__version__}.json"


def test_processes_saving_at_once_keep_each_others_answers(monkeypatch, tmp_path):
    monkeypatch.setenv("JOURNAL_MEMO", str(tmp_path))
    first, second = (memo.Memo("t", "pypinyin", str.upper, lambda key, value: memo.strings(value, 0)) for _ in range(2))
    assert (first.get("a"), second.get("b")) == ("A", "B")
    first.save()
    second.save()  # read the file again before writing: "a" stays
    assert json.loads(second.path.read_text(encoding="utf-8")) == {"a": "A", "b": "B"}
    assert not list(tmp_path.glob("*.tmp"))

"""Chinese search: the query list typed into the real search box, and the hook's guards."""

import json
import re

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

from bench import search_report
from journal.search import plugin as zh_search
from tests.conftest import ROOT

DATA = search_report.load_queries()
QUERIES = DATA["queries"]


def article_texts():
    """What search can see of each article: its front matter text and its body."""
    texts = {}
    for path in sorted((ROOT / "docs" / DATA["issue"]).glob("*.md")):
        body, meta = get_data(path.read_text(encoding="utf-8"))
        if "authors" not in meta:
            continue
        people = " ".join(f"{a['name']} {a['name_en']} {a['bio']}" for a in meta["authors"])
        fields = [meta["column"], meta["title"], meta["title_en"], meta["abstract"], meta["abstract_en"],
                  " ".join(meta["keywords"]), people, meta.get("funding", ""), body]
        texts[path.stem] = " ".join(fields).lower()
    return texts


def test_the_list_has_40_queries_of_every_kind():
    assert len(QUERIES) >= 40
    assert {q["kind"] for q in QUERIES} == {"word", "phrase", "name", "latin", "english", "absent"}


def test_the_list_matches_the_pages_text():
    """Each query's articles are exactly those whose text contains every piece of it."""
    texts = article_texts()
    for entry in QUERIES:
        pieces = entry["query"].lower().split()
        expected = sorted(slug for slug, text in texts.items() if all(p in text for p in pieces))
        assert entry["articles"] == expected, entry["query"]


@pytest.fixture(scope="module")
def outcomes(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield search_report.run_queries(page, server + "/", QUERIES)
    page.close()


def test_every_query_finds_every_article_that_has_it_and_no_other(outcomes):
    result = search_report.score(outcomes)
    assert result["missed"] == [] and result["recall"] == 1.0
    assert result["false_hits"] == []


def test_the_right_article_comes_first(outcomes):
    result = search_report.score(outcomes)
    assert result["wrong_first"] == [], result["wrong_first"]
    assert result["right_first"][1] >= 30


def test_index_is_utf8_with_punctuation_separators(site):
    raw = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "战略收缩" in raw and not re.search(r"\\u[4-9][0-9a-f]{3}", raw), "Chinese is ASCII-escaped"
    config = json.loads(raw)["config"]
    separator = re.compile(config["separator"])
    assert [t for t in separator.split("“2+2”机制（AUKUS）与“5Es”") if t] == ["2+2", "机制", "AUKUS", "与", "5Es"]
    assert config["pipeline"] == []


def test_worker_is_patched(site):
    worker = (site / zh_search.WORKER).read_text(encoding="utf-8")
    assert "self.__zhSearch" in worker and zh_search.PATCH_TO in worker


def test_a_material_upgrade_stops_the_build(monkeypatch):
    """Changed theme files must fail loudly, not fall back to the stock search."""
    pinned = dict(zh_search.PINNED)
    pinned[next(iter(pinned))] = "0" * 64
    monkeypatch.setattr(zh_search, "PINNED", pinned)
    with pytest.raises(PluginError, match="changed"):
        plugin = zh_search.ZhSearchPlugin()
        plugin.load_config({})
        plugin.on_config(None)

"""Which records the website fetches for a listed article (search-web.js `records`), run in node
over an index the real writer made (index_files.py), with a `fetch` that reads its files and
logs each record fetched: every fetched record is one request (DESIGN.md), and a record counts
for a term only when its text holds it."""

import json
import os
import subprocess

from journal.search.index_files import IndexWriter
from tests.conftest import ROOT

JS = ROOT / "overrides" / "assets" / "javascripts"

SCRIPT = """globalThis.window = globalThis
const fs = require("fs"), fetched = []
globalThis.fetch = async url => {
  const path = new URL(url).pathname, record = path.match(/\\/r\\/(\\d+)\\.json$/)
  if (record) fetched.push(Number(record[1]))
  return fs.existsSync(path) ? { ok: true, json: async () => JSON.parse(fs.readFileSync(path, "utf8")) } : { ok: false, status: 404 }
}
require(process.argv[1]); require(process.argv[2])
const [units, each] = JSON.parse(process.argv[4])
const source = JournalSearch.sources.web(new URL(process.argv[3]))
source.records("2026.0", units, each).then(records => process.stdout.write(JSON.stringify({
  fetched, texts: records.map(r => r.text), more: records.more,
})))"""


def fetch(tmp_path, texts, units, each=1, others=()):
    """`texts`: the body records of article 2026.0, in reading order; `others`: article 2026.1's."""
    writer = IndexWriter(tmp_path / "search" / "index", per_file=2)  # many term files: the browser must pick the right one
    for article, tier in ((0, "h"), (1, "h")):
        writer.add("题目", {"url": f"2026/02/a{article}/"}, 2026, article, tier)
    for article, records in ((0, texts), (1, others)):
        for text in records:
            writer.add(text, {"url": f"2026/02/a{article}/"}, 2026, article, "b")
    writer.finish()
    assert json.loads((tmp_path / "search" / "index" / "index.json").read_text(encoding="utf-8"))["shards"] >= 8
    done = subprocess.run(
        ["node", "-e", SCRIPT, str(JS / "search-query.js"), str(JS / "search-web.js"), (tmp_path / "search").as_uri() + "/",
         json.dumps([units, each])],
        capture_output=True, text=True, check=True, env=os.environ)
    return json.loads(done.stdout)


def unit(text, han=False):
    return {"text": text, "han": han, "spellings": [text], "whole": []}


def test_a_record_that_holds_every_term_is_the_one_fetched(tmp_path):
    texts = ["maritime law", "maritime dispute settlement", "dispute resolution"]
    out = fetch(tmp_path, texts, [unit("maritime"), unit("dispute")])
    assert out["fetched"] == [3]  # records 2 and 4 hold one term each; 3 holds both
    assert out["texts"] == [texts[1]] and out["more"] is True


def test_only_the_article_s_own_records_are_fetched(tmp_path):
    out = fetch(tmp_path, ["no such word here", "maritime law"], [unit("maritime")], others=["maritime dispute"])
    assert out["fetched"] == [3] and out["texts"] == ["maritime law"]


def test_a_candidate_that_lacks_the_name_as_asked_is_passed_over(tmp_path):
    # Each word of "belt and road" is in the first record, apart: the index lists it, its text does not hold the name.
    texts = ["a road and a belt", "the belt and road initiative", "belt and road again"]
    out = fetch(tmp_path, texts, [unit("belt and road")])
    assert out["fetched"] == [2, 3]
    assert out["texts"] == [texts[1]]  # the first is not returned: it holds no unit


def test_a_chinese_piece_whose_pairs_stand_apart_is_passed_over(tmp_path):
    # 美国对 and 国对外 both in the first, 美国对外 only in the second
    texts = ["美国对华政策与中国对外开放", "美国对外政策"]
    out = fetch(tmp_path, texts, [unit("美国对外", han=True)])
    assert out["fetched"] == [2, 3] and out["texts"] == [texts[1]]


def test_an_article_whose_candidates_lack_a_term_costs_a_few_fetches_not_all(tmp_path):
    texts = ["a road and a belt"] * 10
    out = fetch(tmp_path, texts, [unit("belt and road")])
    assert len(out["fetched"]) == 3  # the first and two more (RETRIES)
    assert out["texts"] == []  # the dialog then does not list the article


def test_a_term_named_like_an_object_s_property_is_just_absent(tmp_path):
    out = fetch(tmp_path, ["maritime law"], [unit("constructor"), unit("__proto__")])
    assert out["fetched"] == [] and out["texts"] == []

"""Which records the website fetches for a listed article (search-pagefind.js `records`), run in
node with a stand-in Pagefind module that answers from a table and records each fetch: every
fetched record is one request (DESIGN.md), and a record counts for a term only when its text
holds it."""

import json
import os
import subprocess

from tests.conftest import ROOT

JS = ROOT / "overrides" / "assets" / "javascripts"

# A Pagefind stand-in: `search` answers the ids of `d.answers[term]`, in that order; `data()`
# logs the id and gives the record's text.
ENGINE = """
const d = JSON.parse(process.env.TABLE)
globalThis.fetched = globalThis.fetched || []
export const options = async () => {}
export const init = async () => {}
export const filters = async () => ({})
export const search = async term => ({
  results: (d.answers[term] || []).map(id => ({ id, data: async () => {
    globalThis.fetched.push(id)
    const m = { order: String(d.order[id]), tier: "b", url: "2026/02/x/", title: "", authors: "", issue: "", year: "2026", places: "[]" }
    return { meta: m, content: d.texts[id] }
  } })),
})
"""

SCRIPT = """globalThis.window = globalThis
require(process.argv[1]); require(process.argv[2])
const [units, each] = JSON.parse(process.argv[4])
const source = JournalSearch.sources.pagefind(new URL(process.argv[3]))
source.records("2026.2", units, each).then(records => process.stdout.write(JSON.stringify({
  fetched: globalThis.fetched, texts: records.map(r => r.text), more: records.more,
})))"""


def fetch(tmp_path, texts, answers, units, each=1):
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "pagefind.js").write_text(ENGINE, encoding="utf-8")
    table = {"texts": texts, "answers": answers, "order": {k: i for i, k in enumerate(texts)}}
    done = subprocess.run(
        ["node", "-e", SCRIPT, str(JS / "search-query.js"), str(JS / "search-pagefind.js"), tmp_path.as_uri() + "/",
         json.dumps([units, each])],
        capture_output=True, text=True, check=True, env={**os.environ, "TABLE": json.dumps(table)})
    return json.loads(done.stdout)


def unit(text):
    return {"text": text, "han": False, "spellings": [text], "whole": []}


def test_a_record_that_holds_every_term_is_the_one_fetched(tmp_path):
    texts = {"r1": "maritime law", "r2": "maritime dispute settlement", "r3": "dispute resolution"}
    out = fetch(tmp_path, texts, {"maritime": ["r1", "r2"], "dispute": ["r3", "r2"]},
                [unit("maritime"), unit("dispute")])
    assert out["fetched"] == ["r2"]  # Pagefind lists r1 and r3 first; r2 holds both
    assert out["texts"] == [texts["r2"]] and out["more"] is True


def test_a_candidate_that_lacks_the_name_is_passed_over(tmp_path):
    # Pagefind answers "belt and road" by its first word: the first candidate has belt, not the name.
    texts = {"r1": "a belt of roads", "r2": "the belt and road initiative", "r3": "belt and road again"}
    out = fetch(tmp_path, texts, {"belt": ["r1", "r2", "r3"]}, [unit("belt and road")])
    assert out["fetched"] == ["r1", "r2"]
    assert out["texts"] == [texts["r2"]]  # r1 is not returned: it holds no unit


def test_an_article_whose_candidates_lack_a_term_costs_a_few_fetches_not_all(tmp_path):
    texts = {f"r{i}": "a belt of roads" for i in range(10)}
    out = fetch(tmp_path, texts, {"belt": list(texts)}, [unit("belt and road")])
    assert len(out["fetched"]) == 3  # the first and two more (RETRIES)
    assert out["texts"] == []  # the dialog then does not list the article

"""What a query asks the engine for (search-query.js), run in node with a stand-in engine that
records what it is asked: each index word asked is a Pagefind chunk fetched (DESIGN.md)."""

import json
import subprocess

from tests.conftest import ROOT

QUERY_JS = ROOT / "overrides" / "assets" / "javascripts" / "search-query.js"

# `found` articles per asked piece; returns the pieces asked, the counts' articles, what was skipped.
SCRIPT = """globalThis.window = globalThis; require(process.argv[1]);
const U = JournalSearch.understand, d = JSON.parse(require('fs').readFileSync(0, 'utf8'))
const asked = []
const pieceCounts = async piece => {
  asked.push(piece.text)
  const n = d.found[piece.text] ?? 0, b = {}
  for (let i = 0; i < n; i++) b[`2026.${i}`] = 1
  return { h: {}, a: {}, b, n: {} }
}
U.unitCounts(d.unit, null, pieceCounts).then(out => process.stdout.write(JSON.stringify({
  asked, articles: [...out.keys()], skipped: out.skipped, via: Object.fromEntries([...out].map(([k, c]) => [k, [...c.via]])),
})))"""

UNIT = {"text": "海洋法公约", "han": True, "whole": ["unclos", "united nations convention on the law of the sea"],
        "spellings": ["海洋法公约", "联合国海洋法公约", "unclos", "united nations convention on the law of the sea"]}


def counts(found):
    data = json.dumps({"unit": UNIT, "found": found}, ensure_ascii=False)
    done = subprocess.run(["node", "-e", SCRIPT, str(QUERY_JS)], input=data, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_a_costly_other_name_is_asked_only_while_too_few_articles_are_found():
    few = counts({"海洋法公约": 3, "unclos": 1, "united": 5, "nations": 5, "convention": 5, "law": 5, "sea": 5})
    assert {"海洋法公约", "unclos", "united", "nations", "convention", "law", "sea"} == set(few["asked"])
    assert "of" not in few["asked"] and "the" not in few["asked"]  # small words of a name
    assert "联合国海洋法公约" not in few["asked"]  # holds 海洋法公约: finds nothing more
    assert len(few["articles"]) == 5 and few["skipped"] == []
    many = counts({"海洋法公约": 12, "unclos": 2})
    assert set(many["asked"]) == {"海洋法公约", "unclos"}
    assert many["skipped"] == ["united nations convention on the law of the sea"]
    assert len(many["articles"]) == 12


def test_an_article_s_counts_say_which_spellings_it_holds():
    out = counts({"海洋法公约": 1, "unclos": 2})
    assert out["via"] == {"2026.0": ["海洋法公约", "unclos"], "2026.1": ["unclos"]}

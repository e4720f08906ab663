"""The index side (src/journal/search/tokens.py) and the query side (search-query.js) agree:
the words a query asks for are words the index holds for a text with the query in it.
search-query.js runs in node."""

import json
import shutil
import subprocess

import pytest

from journal.search import tokens
from tests.conftest import ROOT

QUERY_JS = ROOT / "overrides" / "assets" / "javascripts" / "search-query.js"
TEXTS = [
    "美澳“2+2”机制与AUKUS机制高度联动，推动同盟间核潜艇合作",
    "巴方“5Es”发展框架与中方“一带一路”倡议；burden-sharing among U.S. allies",
    "特朗普第二任期以来，中美关系的演变经历了三个阶段\n第二段 ChatGPT、深度伪造",
    "〇与𠀀：罕见字 and Überraschung; Hugo Chávez, China's and America’s F-35 in İstanbul, ２＋２",
]


def run_js(expression):
    if not shutil.which("node"):
        pytest.fail("node is not installed (.ci/install-debian-packages installs it)")
    script = f"globalThis.window = globalThis; {QUERY_JS.read_text(encoding='utf-8')}\nconsole.log(JSON.stringify({expression}))"
    return json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)


@pytest.mark.parametrize("query", ["中美关系", "特朗普", "关", "系", "aukus", "2+2", "5Es", "burden-sharing", "U.S.", "与AUKUS机制", "𠀀",
                                   "überr", "Chávez", "China's", "America’s", "İstanbul", "２＋２", "F-35", "s"])
def test_a_query_asks_for_terms_the_index_holds(query):
    asked = run_js(f"JournalSearch.query.pieces({json.dumps(query)}).map(p => JournalSearch.query.lookups(p))")
    held = set().union(*(tokens.record_terms(text) for text in TEXTS))
    assert asked and all(terms and set(terms) <= held for terms in asked), (query, asked)


def test_a_whole_name_is_asked_as_the_word_itself():
    assert run_js('JournalSearch.query.lookups({han: false, text: "AI"}, true)') == ["ai "]
    assert "ai " not in tokens.record_terms("the aims of AIIB") and "ai" in tokens.record_terms("the aims")
    assert "ai " in tokens.record_terms("生成式AI的治理")


def test_the_index_holds_runs_characters_and_latin_starts():
    assert tokens.record_terms("中美关系") == {"中美", "美关", "关系", "中美关", "美关系", "中", "美", "关", "系"}
    assert tokens.record_terms("Burden-sharing") == {
        "burdensharing ", "burden ", "sharing ", *("burdensharing"[:n] for n in range(1, 14)),
        *("sharing"[:n] for n in range(1, 8))}
    assert {"china", "s", "s "} <= tokens.record_terms("China's") and "２２" in tokens.record_terms("２＋２")


def test_pieces_split_at_punctuation_and_script_and_keep_joined_latin():
    assert run_js('JournalSearch.query.pieces("“2+2”机制（AUKUS）与“5Es” 战略 收缩").map(p => p.text)') == \
        ["2+2", "机制", "aukus", "与", "5es", "战略", "收缩"]
    assert run_js('JournalSearch.query.pieces("，。“”").length') == 0


def test_matches_require_every_piece_and_latin_at_a_word_start():
    m = "JournalSearch.query.matches"
    p = "JournalSearch.query.pieces"
    assert run_js(f'{m}("美澳与AUKUS机制", {p}("aukus 机制"))') == [[3, 8], [8, 10]]
    assert run_js(f'{m}("xaukus 机制", {p}("aukus"))') is None
    assert run_js(f'{m}("战略收缩", {p}("战略 重"))') is None
    assert run_js(f'{m}("“2+2”对话", {p}("2+2"))') == [[1, 4]]
    assert run_js(f'{m}("12+2", {p}("2+2"))') is None

"""Query segmentation: the browser cuts a query as jieba does, over the words the build ships
(src/journal/search/vocab.py, search-query.js `segment`); the thesaurus file is checked."""

import json
import subprocess

import jieba

from journal.search import thesaurus, vocab
from tests.conftest import ROOT

QUERY_JS = ROOT / "overrides" / "assets" / "javascripts" / "search-query.js"
QUERIES = ["特朗普第二任期对华政策", "生成式人工智能恐怖主义风险", "东南亚国家安全对话机制", "海洋争端裁判方法",
           "中美元首会晤", "战略收缩背景下的大国竞争", "算法推荐恐怖主义", "仲裁庭管辖权扩张"]


def test_python_javascript_and_jieba_cut_the_queries_alike():
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "2026" / "02").glob("*.md")]
    words = vocab.build(texts)
    python = [vocab.segment(q, words.words, words.total) for q in QUERIES]
    assert python == [jieba.lcut(q, HMM=False) for q in QUERIES]
    script = ("globalThis.window = globalThis; require(process.argv[1]);"
              "const d = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "const m = new Map(Object.entries(d.words));"
              "process.stdout.write(JSON.stringify(d.queries.map(q => JournalSearch.understand.segment(q, m, d.total))))")
    data = json.dumps({"words": words.words, "total": words.total, "queries": QUERIES}, ensure_ascii=False)
    done = subprocess.run(["node", "-e", script, str(QUERY_JS)], input=data, capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == python


def test_shards_hold_each_word_once_and_keywords_whole(tmp_path):
    words = vocab.build(["中巴命运共同体的价值"], names=["中巴命运共同体"])
    words.write(tmp_path)
    shards = [json.loads(p.read_text(encoding="utf-8")) for p in tmp_path.glob("[0-9]*.json")]
    merged = {w: f for shard in shards for w, f in shard.items()}
    assert sum(len(s) for s in shards) == len(merged) == len(words.words)
    assert vocab.segment("中巴命运共同体", words.words, words.total) == ["中巴命运共同体"]


def test_the_thesaurus_is_sound():
    assert thesaurus.check_thesaurus() == []
    assert len(thesaurus.load()) >= 20


def test_a_bad_thesaurus_is_reported_at_its_line(tmp_path):
    path = tmp_path / "thesaurus.yaml"
    path.write_text("- [北约, NATO]\n- [NATO, 北大西洋公约组织]\n- [独一]\n- [12, 十二]\n- 不是列表\n", encoding="utf-8")
    problems = thesaurus.check_thesaurus(path, shown="thesaurus.yaml")
    lines = {(p.line, p.message.split(":")[0]) for p in problems}
    assert any(line == 2 and "one group only" in p.message for p in problems for line in [p.line]), problems
    assert any(p.line == 3 and "at least two" in p.message for p in problems)
    assert any(p.line == 4 and "expected a name" in p.message for p in problems)
    assert any(p.line == 5 and "expected a group" in p.message for p in problems)
    assert all(str(p).startswith("thesaurus.yaml:") for p in problems) and lines

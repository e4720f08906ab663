"""An article page as search sees it (page_text.py), and the records the index holds in the
order results are listed (records.py)."""

import markdown
import pytest
from mkdocs.utils.meta import get_data

from journal.model import Article
from journal.search import page_text, records
from tests.conftest import ROOT

META = {
    "title": "战略收缩背景下美国对外政策的调整", "title_en": "The Adjustments", "column": "区域与国别",
    "authors": [{"name": "王帆", "name_en": "WANG Fan", "bio": "外交学院教授"}], "keywords": ["战略收缩", "大国竞争"],
    "abstract": "当前，美国对外政策……", "abstract_en": "The United States'", "first_page": 49,
    "issue": {"year": 2026, "number": 2}, "article_number": "0452 8832 (2026) 2 期 0049-26", "clc": "D871.20",
}
BODY = """<p>引言第一段“单极时刻”<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>，战略\u200b收缩。</p>
<h2 id="sec-1">一、具体表现<a class="headerlink" href="#sec-1" title="Permanent link">&para;</a></h2>
<p>第一节正文。</p>
<h3 id="sec-1-1">（一）再平衡<a class="headerlink" href="#sec-1-1">&para;</a></h3><p>AI 扩大 规模</p>
<div class="footnote"><hr /><ol>
<li id="fn:1"><p>Charles Krauthammer, “The Unipolar Moment,”&#160;<a class="footnote-backref" href="#fnref:1">&#8617;</a></p></li>
<li id="fn:2"><p>菲律宾所提南海仲裁案。</p></li>
</ol></div>"""


def article(url="2026/02/wang-fan/", **changes):
    return page_text.article_from(url, Article.from_meta(url, {**META, **changes}), BODY)


def test_places_are_head_fields_sections_and_notes():
    a = article()
    assert [p.label for p in a.head] == ["标题", "英文标题", "作者", "关键词", "栏目"]
    assert [p.label for p in a.abstract] == ["提要", "Abstract"]
    assert [(p.anchor, p.label) for p in a.body] == [("", "引言"), ("sec-1", "一、具体表现"), ("sec-1-1", "（一）再平衡")]
    assert [(p.anchor, p.label, p.text) for p in a.notes] == [
        ("fn:1", "注 1", "Charles Krauthammer, “The Unipolar Moment,”"), ("fn:2", "注 2", "菲律宾所提南海仲裁案。")]


def test_text_is_clean():
    a = article()
    intro = a.body[0].text
    assert intro == "引言第一段“单极时刻”，战略收缩。"  # no reference number, no zero-width space
    assert a.body[2].text == "（一）再平衡\nAI 扩大规模"  # a space between Chinese characters is an artefact
    head = "\n".join(p.text for p in a.head + a.abstract)
    assert "0452" not in head and "D871" not in head  # pages and codes are not search text
    assert a.head[2].text == "王帆 WANG Fan 外交学院教授"


def test_records_group_places_up_to_the_size_and_keep_their_offsets():
    a = article()
    recs = records.article_records(a, size=32)
    assert [records.TIERS[r.tier] for r in recs] == ["head", "abstract", "body", "body", "notes", "notes"]
    body = recs[2]
    assert [o[1] for o in body.offsets()] == ["", "sec-1"]
    for offset, anchor, label in body.offsets():
        place = next(p for p in body.places if p.anchor == anchor)
        assert body.text[offset:offset + len(place.text)] == place.text
    astral = page_text.Place("x", "x", "𠀀中")
    assert records.Record(a, 2, [astral, astral]).offsets()[1][0] == 4  # UTF-16: 𠀀 counts two


def test_results_order_where_then_newest_issue_then_print_order():
    old = article("2025/06/a/", issue={"year": 2025, "number": 6})
    new_late = article("2026/02/b/", first_page=80)
    new_early = article("2026/02/c/", first_page=5)
    order = [(records.TIERS[r.tier], r.article.url) for r in records.in_order([old, new_late, new_early], size=4000)]
    assert order[:3] == [("head", "2026/02/c/"), ("head", "2026/02/b/"), ("head", "2025/06/a/")]
    assert [t for t, _ in order] == sorted((t for t, _ in order), key=records.TIERS.index)


def test_every_live_article_keeps_every_footnote_and_section():
    for path in sorted((ROOT / "docs").glob("*/*/*.md")):
        body, meta = get_data(path.read_text(encoding="utf-8"))
        if "authors" not in meta:
            continue
        notes = body.count("\n[^")
        html = markdown.markdown(body, extensions=["footnotes", "attr_list", "md_in_html"])
        a = page_text.article_from("x/", Article.from_meta(path.name, meta), html)
        assert len(a.notes) == notes, path.name
        assert all("\u200b" not in p.text for p in a.body + a.notes)


@pytest.mark.parametrize("size", [2000, 4000, 8000])
def test_no_record_is_larger_than_the_size_unless_one_place_is(size):
    a = article()
    for r in records.article_records(a, size):
        assert len(r.text) <= size or len(r.places) == 1


def test_english_heads_come_from_the_model_and_stay_out_of_the_records():
    """The English heads are a file of their own, fetched on the English pages only, not
    carried by every record to every reader."""
    a = article(authors=[{"name": "王帆", "name_en": "WANG Fan"}, {"name": "温盈晖", "name_en": "WEN Yinghui"}])
    b = article("2025/06/zhang-san/", title_en="", authors=[{"name": "张三"}], issue={"year": 2025, "number": 6})
    assert records.english_heads([a, b]) == {
        "2026-02": {"2026/02/wang-fan/": ["The Adjustments", "WANG Fan, WEN Yinghui", "2026, No. 2"]},
        "2025-06": {"2025/06/zhang-san/": ["", "张三", "2025, No. 6"]},  # no English: the dialog shows the Chinese
    }
    for record in records.article_records(a, 4000):
        meta = " ".join(str(v) for v in record.shown().values())
        assert "Adjustments" not in meta and "WEN" not in meta.upper().split()
    # The English pages' dialog names every label of ours (search.html reads LABELS_EN).
    labels = {label for label, _ in page_text.HEAD + page_text.ABSTRACT} | {page_text.INTRODUCTION}
    assert labels <= set(page_text.LABELS_EN)

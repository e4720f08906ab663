"""footnotes.py: page-foot notes numbered per page -> article-wide footnotes in reading order."""

import re

import pytest

from journal.diagnostics import Diagnostic
from journal.importer.footnotes import extract_footnotes
from journal.importer.model import Article, Line

PATH = "issue.md"


def article_of(body, title="测试文章", funding_mark=False):
    lines = [Line(n, t) for n, t in enumerate(body.split("\n"), start=100)]
    return Article(title=title, line=99, body_lines=lines, has_funding_mark=funding_mark)


def line_number(body, fragment):
    hits = [n for n, t in enumerate(body.split("\n"), start=100) if fragment in t]
    assert len(hits) == 1
    return hits[0]


def extract(body, **kwargs):
    article = article_of(body, **kwargs)
    items = extract_footnotes(article, PATH)
    return article, items


def extract_error(body, **kwargs):
    with pytest.raises(Diagnostic) as err:
        extract(body, **kwargs)
    assert err.value.path == PATH
    return err.value


THREE_PAGES = """\
甲页一处。<sup>[1]</sup>甲页二处。<sup>[2]</sup>

---

[1] 甲页注一

[2] 甲页注二

乙页一处。<sup>[1]</sup>

---

[1] 乙页注一

丙页一处。<sup>[1]</sup>丙页二处。<sup> [2] </sup>

丙页三处。<sup>[3]</sup>

---

[1] 丙页注一

[2] 丙页注二

[3] 丙页注三"""


def test_numbers_restarting_per_page_become_article_wide_in_reading_order():
    article, items = extract(THREE_PAGES)
    assert [n.number for n in article.footnotes] == [1, 2, 3, 4, 5, 6]
    assert [n.text for n in article.footnotes] == ["甲页注一", "甲页注二", "乙页注一", "丙页注一", "丙页注二", "丙页注三"]
    refs = re.findall(r"\[\^(\d+)\]", "".join(text for _, text, _ in items))
    assert refs == ["1", "2", "3", "4", "5", "6"]
    assert not any("<sup>" in text for _, text, _ in items)
    assert article.footnotes[2].line == line_number(THREE_PAGES, "乙页注一")


def test_references_out_of_note_order_are_numbered_as_they_are_met():
    article, items = extract("先二<sup>[2]</sup>后一<sup>[1]</sup>\n\n---\n\n[1] 注一\n\n[2] 注二")
    assert items[0][1] == "先二[^1]后一[^2]"
    assert [(n.number, n.text) for n in article.footnotes] == [(1, "注二"), (2, "注一")]


def test_note_block_without_a_rule():
    body = "第一页。<sup>[1]</sup>\n\n[1] 没有横线的注\n\n第二页。<sup>[1]</sup>\n\n---\n\n[1] 有横线的注"
    article, items = extract(body)
    assert [(n.number, n.text) for n in article.footnotes] == [(1, "没有横线的注"), (2, "有横线的注")]
    assert [text for _, text, _ in items] == ["第一页。[^1]", "第二页。[^2]"]


def test_notes_are_not_body_text_and_items_keep_their_lines():
    body = "## 一、标题\n\n正文。<sup>[1]</sup>\n\n---\n\n[1] 注\n\n续文。"
    _, items = extract(body)
    assert items == [
        ("head", "## 一、标题", line_number(body, "一、标题")),
        ("para", "正文。[^1]", line_number(body, "正文")),
        ("para", "续文。", line_number(body, "续文")),
    ]


def test_reference_without_a_note_names_its_line():
    body = "一处。<sup>[1]</sup>二处。<sup>[2]</sup>\n\n---\n\n[1] 只有一条注"
    error = extract_error(body)
    assert error.line == line_number(body, "二处")
    assert "[2]" in error.message and "测试文章" in error.message
    assert f"line {line_number(body, '只有一条注')}" in error.message


def test_reference_on_a_page_without_any_note_block():
    body = "正文。<sup>[1]</sup>\n\n续文。"
    error = extract_error(body)
    assert error.line == line_number(body, "正文")
    assert "no note block" in error.message


def test_note_without_a_reference_names_its_line():
    body = "一处。<sup>[1]</sup>\n\n---\n\n[1] 注一\n\n[2] 多余的注"
    error = extract_error(body)
    assert error.line == line_number(body, "多余的注")
    assert "[2]" in error.message and "not referenced" in error.message


def test_a_note_twice_in_one_block():
    body = "一处。<sup>[1]</sup>\n\n---\n\n[1] 注一\n\n[1] 又是注一"
    error = extract_error(body)
    assert error.line == line_number(body, "又是注一")


def test_a_reference_twice_on_one_page():
    body = "一处。<sup>[1]</sup>\n\n又一处。<sup>[1]</sup>\n\n---\n\n[1] 注一"
    error = extract_error(body)
    assert error.line == line_number(body, "又一处")


@pytest.mark.parametrize("mark", ["\\*", "*"])
def test_funding_note_is_taken_out_of_the_body(mark):
    body = f"{mark} 本文是某基金项目的成果。\n\n正文。"
    article, items = extract(body, funding_mark=True)
    assert article.funding == "本文是某基金项目的成果。"
    assert [text for _, text, _ in items] == ["正文。"]


def test_bold_or_italic_text_is_not_a_funding_note():
    article, items = extract("**重点**在这里。\n\n*Foreign Affairs* 一文。")
    assert article.funding == ""
    assert len(items) == 2


def test_a_title_with_a_star_needs_a_funding_note():
    error = extract_error("正文。", funding_mark=True)
    assert error.line == 99
    assert "funding" in error.message


def test_responsible_editor_is_taken_out_of_the_body():
    body = "正文。<sup>[1]</sup>\n\n【责任编辑：宁因辉】\n\n---\n\n[1] 注"
    article, items = extract(body)
    assert article.editor == "宁因辉"
    assert [text for _, text, _ in items] == ["正文。[^1]"]
    assert [n.text for n in article.footnotes] == ["注"]

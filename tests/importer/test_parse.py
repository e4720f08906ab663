"""parse.py: masthead, contents, English contents, articles, abstracts, and their agreement."""

import re

import pytest

from journal.diagnostics import Diagnostic
from journal.importer.parse import parse_issue, squeeze
from journal.importer.source import decode_lines

from tests.importer.importer_fixtures import TINY_ISSUE, line_of, replace_once

PATH = "sources/test/issue.md"
CJK_SPACE = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")


def parse(text):
    return parse_issue(decode_lines(text.encode("utf-8"), PATH), PATH)


def parse_error(text):
    with pytest.raises(Diagnostic) as err:
        parse(text)
    assert err.value.path == PATH
    return err.value


@pytest.fixture(scope="module")
def issue():
    return parse(TINY_ISSUE)


def test_masthead(issue):
    assert (issue.year, issue.number, issue.total) == (2026, 2, 232)
    assert issue.published == "2026-03-15"
    assert issue.frequency == "双月刊"
    assert issue.journal == "國際問題研究"


def test_contents_list_with_columns(issue):
    assert [(e.column, e.page, e.text) for e in issue.contents] == [
        ("测试栏目", 1, "第一篇文章：测试 张三"),
        ("另一栏目", 5, "第二篇文章 李四 王五"),
    ]


def test_articles_take_column_and_english_title_from_the_contents(issue):
    first, second = issue.articles
    assert (first.column, second.column) == ("测试栏目", "另一栏目")
    assert first.title_en == "The First Article: A Test"
    assert second.title_en == "The Second Article"  # the line break before *AUTHORS* is gone


def test_spaces_in_cjk_title_and_names_are_removed_to_match_the_contents(issue):
    first = issue.articles[0]
    assert "# 第一篇文章： 测试" in TINY_ISSUE and "□ 张 三" in TINY_ISSUE
    assert first.title == "第一篇文章：测试" and issue.contents[0].text.startswith(first.title + " ")
    assert [a.name for a in first.authors] == ["张三"]
    for article in issue.articles:
        assert not CJK_SPACE.search(article.title)
        assert not any(CJK_SPACE.search(a.name) for a in article.authors)


def test_squeeze_drops_every_space():
    assert squeeze("吴 凡") == "吴凡"
    assert squeeze(" 中巴命运共同体：核心特征、价值意义 与深化路径 ") == "中巴命运共同体：核心特征、价值意义与深化路径"


def test_authors_get_english_names_and_bios_even_when_a_bio_wraps(issue):
    first, second = issue.articles
    assert [(a.name, a.name_en, a.bio) for a in first.authors] == [("张三", "ZHANG San", "测试大学教授")]
    assert [(a.name, a.name_en) for a in second.authors] == [("李四", "LI Si"), ("王五", "WANG Wu")]
    assert [a.bio for a in second.authors] == ["某研究院研究员", "某大学博士研究生"]


def test_labels(issue):
    first, second = issue.articles
    assert first.abstract == "本文是第一篇文章的提要。"
    assert first.keywords == ["测试", "文章"]  # split at 、
    assert second.keywords == ["甲", "乙"]  # split at ；
    assert (first.clc, first.document_code) == ("D820", "A")
    assert second.clc == "D822"


def test_pages_and_issn_from_the_article_number(issue):
    first, second = issue.articles
    assert (first.first_page, first.last_page) == (1, 4)
    assert (second.first_page, second.last_page) == (5, 8)
    assert first.issn == second.issn == "0452-8832"
    assert first.number_line == line_of(TINY_ISSUE, "0001-4")


def test_funding_mark_and_body_start(issue):
    first, second = issue.articles
    assert not first.has_funding_mark and second.has_funding_mark
    assert "<sup>" not in second.title and "*" not in second.title
    # The body starts right after 〔文章编号〕.
    assert first.body_lines[0].number == line_of(TINY_ISSUE, "0001-4") + 1
    assert first.body_lines[1].text == "## 一、引言"
    assert not any(l.text.startswith("〔") for l in first.body_lines)


def test_english_abstract_paragraphs_are_kept_with_their_lines(issue):
    first = issue.articles[0]
    assert [l.text for l in first.abstract_en_lines] == [
        "This abstract is cut at the Asia-", "Pacific page break and goes on."]
    assert first.abstract_en_lines[0].number == line_of(TINY_ISSUE, "cut at the Asia-")


# --- bad input -----------------------------------------------------------------------------

def test_article_without_abstract_label():
    error = parse_error(replace_once(TINY_ISSUE, "〔提 要〕 本文是第一篇文章的提要。\n", ""))
    assert error.line == line_of(TINY_ISSUE, "# 第一篇文章")
    assert "〔提 要〕" in error.message and "第一篇文章" in error.message


def test_article_without_article_number():
    error = parse_error(replace_once(TINY_ISSUE, "〔文章编号〕 0452 8832 (2026) 2 期 0001-4\n", ""))
    assert error.line == line_of(TINY_ISSUE, "# 第一篇文章")
    assert "〔文章编号〕" in error.message


def test_unreadable_article_number():
    text = replace_once(TINY_ISSUE, "(2026) 2 期 0005-4", "(2026) 第二期")
    error = parse_error(text)
    assert error.line == line_of(text, "(2026) 第二期")
    assert "ISSN" in error.message


def test_text_before_the_abstract_label():
    text = replace_once(TINY_ISSUE, "□ 李四 王五\n", "□ 李四 王五\n\n多余的一行\n")
    error = parse_error(text)
    assert error.line == line_of(text, "多余的一行")


def test_bios_that_do_not_match_the_byline():
    text = replace_once(TINY_ISSUE, "王五，某大学", "赵六，某大学")
    error = parse_error(text)
    assert error.line == line_of(text, "〔作者简介〕 李四")
    assert "赵六" in error.message and "byline" in error.message


def test_fewer_abstracts_than_articles():
    text = TINY_ISSUE[: TINY_ISSUE.index("## **The Second Article**")]
    error = parse_error(text)
    assert "no English abstract for '第二篇文章'" in error.message
    assert "The Second Article" in error.message


def test_fewer_abstracts_than_articles_names_a_line():
    text = TINY_ISSUE[: TINY_ISSUE.index("## **The Second Article**")]
    error = parse_error(text)
    assert error.line is not None


def test_more_contents_entries_than_articles():
    text = replace_once(TINY_ISSUE, "- 5 第二篇文章 李四 王五\n", "- 5 第二篇文章 李四 王五\n- 9 第三篇文章 赵六\n")
    error = parse_error(text)
    assert "Chinese contents" in error.message


def test_title_that_differs_from_the_contents_list():
    text = replace_once(TINY_ISSUE, "# 第二篇文章<sup>", "# 第二篇论文<sup>")
    error = parse_error(text)
    assert error.line == line_of(text, "# 第二篇论文")
    assert "第二篇论文" in error.message and "第二篇文章" in error.message
    assert f"line {line_of(text, '- 5 第二篇文章')}" in error.message


def test_authors_that_differ_from_the_contents_list():
    text = replace_once(TINY_ISSUE, "- 5 第二篇文章 李四 王五", "- 5 第二篇文章 李四 王六")
    error = parse_error(text)
    assert error.line == line_of(text, "# 第二篇文章")
    assert "王六" in error.message


def test_first_page_that_differs_from_the_contents_list():
    text = replace_once(TINY_ISSUE, "- 5 第二篇文章", "- 6 第二篇文章")
    error = parse_error(text)
    assert error.line == line_of(text, "0005-4")
    assert "5" in error.message and "6" in error.message


def test_abstract_title_that_differs_from_the_english_contents():
    text = replace_once(TINY_ISSUE, "## **The Second Article**", "## **The 2nd Article**")
    error = parse_error(text)
    assert error.line == line_of(text, "## **The 2nd Article**")


def test_english_contents_entry_without_authors():
    text = replace_once(TINY_ISSUE, "The First Article: A Test *ZHANG San*", "The First Article: A Test")
    error = parse_error(text)
    assert error.line == line_of(TINY_ISSUE, "The First Article: A Test *ZHANG San*")
    assert "*AUTHORS*" in error.message


def test_truncated_source():
    text = TINY_ISSUE[: TINY_ISSUE.index("最后一段。")] + "最后"
    error = parse_error(text)
    assert error.line == len(text.split("\n"))  # the last line there is
    assert "truncated" in error.message and "# Abstracts" in error.message


def test_source_without_english_contents():
    error = parse_error(replace_once(TINY_ISSUE, "# Table of Contents\n", ""))
    assert "Table of Contents" in error.message


def test_source_without_masthead():
    error = parse_error(replace_once(TINY_ISSUE, "2026 年第 2 期（总第 232 期） 双月刊 2026 年 3 月 15 日出版", ""))
    assert "masthead" in error.message


# --- the end of the source -----------------------------------------------------------------

def test_text_after_the_last_abstract_is_refused():
    text = TINY_ISSUE.rstrip("\n") + "\n\nAppended text that belongs to no abstract.\n\nMore of it.\n"
    error = parse_error(text)
    assert error.line == line_of(text, "Appended text")
    assert "after the last abstract" in error.message and "'The Second Article'" in error.message
    assert f"line {line_of(text, 'The second abstract.')}" in error.message


def test_the_last_abstract_may_be_cut_by_a_page_break():
    text = replace_once(TINY_ISSUE, "The second abstract.", "The second abstract is cut at the\n\npage break here.")
    assert [l.text for l in parse(text).articles[1].abstract_en_lines] == [
        "The second abstract is cut at the", "page break here."]


def test_text_after_a_cut_and_rejoined_last_abstract_is_refused():
    text = replace_once(TINY_ISSUE, "The second abstract.", "The second abstract is cut at the\n\npage break here.\n\nFiller.")
    assert parse_error(text).line == line_of(text, "Filler.")


def test_an_abstract_before_the_last_may_have_two_paragraphs():
    # Only the last abstract runs to the end of the file; the others end at the next title.
    text = replace_once(TINY_ISSUE, "Pacific page break and goes on.", "Pacific page break and goes on.\n\nA second paragraph.")
    assert len(parse(text).articles[0].abstract_en_lines) == 3

"""Refusals of sources whose structure breaks an expectation: each names the line where the
source broke it and the article it belongs to (next-issue template, next_issue.py)."""

from dataclasses import replace

import pytest

from journal.diagnostics import Diagnostic
from journal.importer.pipeline import build_pages

from .next_issue import SECOND, TABLE_BODY, Art, source


def refusal(tmp_path, articles):
    path = tmp_path / "issue.md"
    text = source(articles)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(Diagnostic) as err:
        build_pages(path)
    return err.value, text


def line_of(text, fragment):
    hits = [n for n, line in enumerate(text.split("\n"), start=1) if fragment in line]
    assert len(hits) == 1, hits
    return hits[0]


def test_an_article_missing_from_the_contents_is_named_at_its_title(tmp_path):
    first, second = Art(), SECOND
    path = tmp_path / "issue.md"
    text = source([first, second]).replace(f"- 11 {second.title} 李华\n", "")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(Diagnostic) as err:
        build_pages(path)
    assert err.value.line == line_of(text, f"# {second.title}") and second.title in err.value.message


def test_a_contents_entry_without_article_is_named_at_its_line(tmp_path):
    path = tmp_path / "issue.md"
    text = source([Art()]).replace("- 1 全球治理变革的新趋势 张明\n", "- 1 全球治理变革的新趋势 张明\n- 11 第二篇 李华\n")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(Diagnostic) as err:
        build_pages(path)
    assert err.value.line == line_of(text, "- 11 第二篇") and "Chinese contents" in err.value.message


def test_a_translator_without_a_bio_is_refused_naming_the_article(tmp_path):
    error, text = refusal(tmp_path, [Art(byline="〔俄〕伊万·彼得罗夫 著 刘洋 译", names_en="Ivan PETROV, LIU Yang",
                                         bios="〔作者简介〕 伊万·彼得罗夫，俄罗斯科学院研究员")])
    assert error.line == line_of(text, "□ 〔俄〕") and "刘洋" in error.message and "全球治理变革的新趋势" in error.message


def test_a_foreign_author_may_go_without_a_bio(tmp_path):
    path = tmp_path / "issue.md"
    path.write_text(source([Art(byline="〔俄〕伊万·彼得罗夫 著 刘洋 译", names_en="Ivan PETROV, LIU Yang", bios="",
                                labels="〔译者简介〕 刘洋，四川大学南亚研究所副研究员")]), encoding="utf-8")
    issue, _, _ = build_pages(path)
    (author,) = issue.articles[0].authors
    assert (author.name, author.nationality, author.bio) == ("伊万·彼得罗夫", "俄", "")


def test_translator_bios_without_a_translator_in_the_byline_are_refused(tmp_path):
    error, text = refusal(tmp_path, [Art(labels="〔译者简介〕 刘洋，四川大学南亚研究所副研究员")])
    assert error.line == line_of(text, "〔译者简介〕") and "全球治理变革的新趋势" in error.message


def test_an_unreadable_reviewed_book_is_refused_at_its_label(tmp_path):
    error, text = refusal(tmp_path, [Art(column="书评", labels="〔书 目〕 一本书", abstract="", keywords="", abstract_en="")])
    assert error.line == line_of(text, "〔书 目〕") and "全球治理变革的新趋势" in error.message


def test_a_research_article_without_abstract_is_refused_but_a_review_is_not(tmp_path):
    error, text = refusal(tmp_path, [Art(abstract="")])
    assert error.line == line_of(text, "# 全球治理") and "〔提 要〕" in error.message and "全球治理变革的新趋势" in error.message


def test_english_names_that_do_not_count_the_authors_are_refused_at_the_english_entry(tmp_path):
    error, text = refusal(tmp_path, [Art(byline="白佳玉 王怡", names_en="BAI Jiayu",
                                         bios="〔作者简介〕 白佳玉，南开大学教授\n\n王怡，南开大学博士研究生")])
    assert error.line == line_of(text, "*BAI Jiayu*") and "全球治理变革的新趋势" in error.message


def test_a_table_that_never_closes_is_refused_at_its_first_line(tmp_path):
    error, text = refusal(tmp_path, [Art(body=TABLE_BODY.replace("</table>", ""))])
    assert error.line == line_of(text, "<table>") and "全球治理变革的新趋势" in error.message


def test_a_table_number_printed_twice_is_refused(tmp_path):
    body = TABLE_BODY + "\n" + TABLE_BODY.replace("<sup>[1]</sup>", "").replace("---\n\n[1] 参见中国海关总署网站。\n", "")
    error, text = refusal(tmp_path, [Art(body=body)])
    assert "表1" in error.message and "全球治理变革的新趋势" in error.message


def test_a_second_article_with_its_abstract_missing_is_named(tmp_path):
    error, text = refusal(tmp_path, [Art(), replace(SECOND, abstract_en="")])
    assert error.line == line_of(text, "# Abstracts") and SECOND.title in error.message


def test_a_note_reference_inside_a_table_is_refused_at_the_table(tmp_path):
    body = TABLE_BODY.replace("<td>164.5</td>", "<td>164.5<sup>[1]</sup></td>").replace("见表1。<sup>[1]</sup>", "见表1。")
    error, text = refusal(tmp_path, [Art(body=body)])
    assert error.line == line_of(text, "<table>") and "note reference inside a table" in error.message


def test_an_empty_byline_is_refused_at_its_line(tmp_path):
    error, text = refusal(tmp_path, [Art(byline="〔俄〕", bios="")])
    assert error.line == line_of(text, "□ 〔俄〕") and "全球治理变革的新趋势" in error.message


@pytest.mark.parametrize("bios", ["〔作者简介〕 张明，中国国际问题研究院研究员\n\nJohn Smith，牛津大学教授",
                                  "〔作者简介〕 张明，中国国际问题研究院研究员"])
def test_a_latin_name_with_a_space_is_one_author_with_or_without_a_bio(tmp_path, bios):
    path = tmp_path / "issue.md"
    path.write_text(source([Art(byline="张明 John Smith", names_en="ZHANG Ming & John Smith", bios=bios)]), encoding="utf-8")
    issue, pages, _ = build_pages(path)
    assert [(a.name, a.name_en) for a in issue.articles[0].authors] == [("张明", "ZHANG Ming"), ("John Smith", "John Smith")]


@pytest.mark.parametrize("names_en", ["Ivan PETROV", "Ivan PETROV, translated by LIU Yang"])
def test_a_translators_english_name_is_the_contents_or_else_pinyin(tmp_path, names_en):
    path = tmp_path / "issue.md"
    path.write_text(source([Art(byline="〔俄〕伊万·彼得罗夫 著 刘洋 译", names_en=names_en, bios="",
                                labels="〔译者简介〕 刘洋，四川大学南亚研究所副研究员")]), encoding="utf-8")
    issue, _, _ = build_pages(path)
    article = issue.articles[0]
    assert [a.name_en for a in article.authors] == ["Ivan PETROV"] and [t.name_en for t in article.translators] == ["LIU Yang"]


def test_pinyin_names_take_the_journals_form():
    from journal.importer.parse import pinyin_name

    assert [pinyin_name(n) for n in ("刘洋", "温盈晖", "欧阳修", "John Smith")] == ["LIU Yang", "WEN Yinghui", "OUYANG Xiu", "John Smith"]


def test_a_bio_with_several_affiliations_on_lines_of_their_own(tmp_path):
    path = tmp_path / "issue.md"
    path.write_text(source([Art(bios="〔作者简介〕 张明，中国国际问题研究院研究员\n\n张明，北京大学国际关系学院兼职教授")]),
                    encoding="utf-8")
    issue, _, _ = build_pages(path)
    assert [a.bio for a in issue.articles[0].authors] == ["中国国际问题研究院研究员；北京大学国际关系学院兼职教授"]

"""repair.py: cut paragraphs rejoined, heading levels from numbering, OCR debris cleaned, warnings.

Each fixture shows one print artefact and checks the property its repair must have.
"""

import re

import pytest

from journal.importer.footnotes import extract_footnotes
from journal.importer.model import Article, Heading, Line, Paragraph
from journal.importer.repair import (
    build_body, clean_links, clean_text, ends_sentence, full_width_punctuation, heading_level,
    join_page_breaks, join_paragraphs, joiner, strip_tags, suspicious,
)

HAN = "\u4e00-\u9fff"


def paras(*texts, start=1):
    return [("para", t, n) for n, t in enumerate(texts, start=start)]


def joined(*texts):
    return [text for _, text, _ in join_page_breaks(paras(*texts))]


# --- page breaks ---------------------------------------------------------------------------

def test_cjk_cut_across_a_footnote_block_joins_without_a_space():
    body = (
        "第一页提到注释。<sup>[1]</sup>人类命运共同体作为思想的核心\n\n---\n\n[1] 第一页的注。\n\n"
        "理念,已从愿景演进到新境界。"
    )
    article = Article(title="测试", line=1, body_lines=[Line(n, t) for n, t in enumerate(body.split("\n"), 10)])
    items = extract_footnotes(article, "issue.md")
    body_blocks, warnings = build_body(items)
    assert len(body_blocks) == 1 and isinstance(body_blocks[0], Paragraph)
    text = body_blocks[0].text
    assert "核心理念" in text  # no space where the page cut the word
    assert not re.search(f"[{HAN}] +[{HAN}]", text)
    assert text.endswith("新境界。") and "[^1]" in text
    assert body_blocks[0].line == 10  # the paragraph keeps the line where it starts
    assert [n.text for n in article.footnotes] == ["第一页的注。"]
    assert warnings == []


def test_latin_cut_gets_exactly_one_space():
    [text] = joined("参见 Foreign", "  Affairs 杂志的文章。")
    assert "Foreign Affairs" in text
    assert "Foreign  Affairs" not in text


def test_hyphen_cut_gets_no_space():
    [text] = joined("the Asia-", "Pacific region.")
    assert text == "the Asia-Pacific region."


def test_hyphen_cut_before_a_digit_gets_no_space():
    [text] = joined("见该书第15-", "16页。")
    assert "15-16" in text


def test_cut_between_cjk_and_latin_gets_no_space():
    [text] = joined("生成式", "AI 的普及。")
    assert "生成式AI" in text


def test_finished_sentence_then_new_paragraph_stays_two_paragraphs():
    assert len(joined("第一段结束。", "第二段开始。")) == 2
    assert len(joined("第一段以引语结束。”", "第二段。")) == 2
    assert len(joined("第一段带注释结束。[^3]", "第二段。")) == 2
    assert len(joined("The sentence ends.", "Another paragraph.")) == 2


def test_a_heading_is_never_joined_into_a_paragraph():
    items = [("para", "没有结束的", 1), ("head", "## 二、标题", 2), ("para", "正文。", 3)]
    assert [kind for kind, _, _ in join_page_breaks(items)] == ["para", "head", "para"]


def test_a_cut_may_span_several_page_breaks():
    assert joined("一段很长的", "文字跨过了", "两个页面。", "新段落。") == ["一段很长的文字跨过了两个页面。", "新段落。"]


@pytest.mark.parametrize("text, ends", [
    ("句子结束。", True), ("问题？", True), ("引语。”", True), ("注释。[^12]", True), ("如下：", True),
    ("U.S.", True), ("没有结束", False), ("在（括号）", False), ("Asia-", False), ("", False),
])
def test_ends_sentence(text, ends):
    assert ends_sentence(text) is ends


@pytest.mark.parametrize("before, after, expected", [
    ("中文", "中文", ""), ("word", "word", " "), ("Asia-", "Pacific", ""), ("中文", "word", ""),
    ("word", "中文", ""), ("引语”", "继续", ""), ("", "x", ""),
])
def test_joiner(before, after, expected):
    assert joiner(before, after) == expected


def test_english_abstract_paragraphs_are_rejoined():
    lines = [Line(1, "Changes in the Asia-"), Line(3, "Pacific security landscape. It"), Line(5, "goes on."),
             Line(7, "A new paragraph.")]
    assert join_paragraphs(lines) == [
        "Changes in the Asia-Pacific security landscape. It goes on.", "A new paragraph."]


# --- headings ------------------------------------------------------------------------------

LADDER = [
    ("#### 一、引言", 2, "一、引言"),
    ("# （一）全角括号", 3, "（一）全角括号"),
    ("## (二) 半角括号", 3, "（二）半角括号"),
    ("# 1.紧贴", 4, "1. 紧贴"),
    ("### 2. 有空格", 4, "2. 有空格"),
    ("## 二、正文", 2, "二、正文"),
    ("### （一）新的一节", 3, "（一）新的一节"),
    ("#### 结语", 2, "结语"),
    ("# 五、结语", 2, "五、结语"),
]


def ladder_body(rows=LADDER):
    body, warnings = build_body([("head", source, n) for n, (source, _, _) in enumerate(rows, start=1)])
    assert warnings == []
    assert all(isinstance(block, Heading) for block in body)
    return body


def test_heading_levels_follow_the_numbering_not_the_hash_count():
    body = ladder_body()
    assert [(h.level, h.text) for h in body] == [(level, text) for _, level, text in LADDER]


def test_heading_anchors_are_non_empty_unique_and_follow_the_outline():
    anchors = [h.anchor for h in ladder_body()]
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", a) for a in anchors)
    assert len(set(anchors)) == len(anchors)
    assert anchors[0] != anchors[5]  # 一、 and 二、 differ
    assert anchors[1].startswith(anchors[0] + "-") and anchors[3].startswith(anchors[2] + "-")


def test_heading_anchors_survive_a_fix_in_the_heading_text():
    fixed = [(source.replace("引言", "导论").replace("正文", "主体"), level, text) for source, level, text in LADDER]
    assert [h.anchor for h in ladder_body(fixed)] == [h.anchor for h in ladder_body()]


def test_heading_without_numbering_is_level_two_with_a_warning():
    body, warnings = build_body([("head", "### 附录", 42)])
    assert (body[0].level, body[0].text) == (2, "附录")
    assert body[0].anchor
    assert [line for line, _ in warnings] == [42]
    assert "附录" in warnings[0][1]


@pytest.mark.parametrize("text, level", [
    ("三、标题", 2), ("十二、标题", 2), ("（十）标题", 3), ("(三)标题", 3), ("12. 标题", 4), ("结 语", 2),
    ("2026年中美关系", None), ("结语与展望", None),
])
def test_heading_level(text, level):
    assert heading_level(text) == level


# --- clean text ----------------------------------------------------------------------------

def test_link_whose_text_is_its_escaped_url_becomes_an_autolink():
    assert clean_links("见[https://a.b/x\\\\_y](https://a.b/x_y)。") == "见<https://a.b/x_y>。"
    assert clean_links("[https://a.b/x\\_y](https://a.b/x_y)") == "<https://a.b/x_y>"


def test_link_with_other_text_stays_a_link_without_escapes():
    assert clean_links("[人民网\\_报道](https://a.b/x_y)") == "[人民网_报道](https://a.b/x_y)"


def test_html_debris_is_stripped_but_autolinks_stay():
    text = strip_tags("见<https://a.b/c?d=1>。</a></p></div><span class=\"x\">正文</span><br/>")
    assert text == "见<https://a.b/c?d=1>。正文"


def test_angle_brackets_that_are_not_tags_stay():
    assert strip_tags("a < b and c > d") == "a < b and c > d"


@pytest.mark.parametrize("text, expected", [
    ("中国,美国", "中国，美国"),
    ("他指出:合作", "他指出：合作"),
    ("第一;第二", "第一；第二"),
    ("2018年3月,中国", "2018年3月，中国"),
    ("中国,2018年", "中国，2018年"),
    ("中国(北京)", "中国（北京）"),
    ("“引语”,然后", "“引语”，然后"),
])
def test_half_width_punctuation_between_cjk_becomes_full_width(text, expected):
    assert full_width_punctuation(text) == expected


@pytest.mark.parametrize("text", [
    "Smith, 2018, p.12。",
    "见 Smith 2018, p.12, 第3页",
    "所谓(the Blob)的说法",
    "比分为1:2和3;4，共1,000人",
    "见<https://a.b/x,y;z:w(1)>。",
    "[报道](https://a.b/c,d)",
])
def test_half_width_punctuation_in_latin_text_numbers_and_urls_stays(text):
    assert full_width_punctuation(text) == text


def test_clean_text_does_all_three_and_trims():
    text = clean_text("  中国,美国[https://a.b/x\\_y](https://a.b/x_y)<sup>x</sup>  ")
    assert text == "中国，美国<https://a.b/x_y>x"


# --- warnings ------------------------------------------------------------------------------

def test_clean_text_warns_about_nothing():
    assert suspicious("中国，美国。见<https://a.b/c>。《书》“引语”（括号）【注】〔标〕") == []


@pytest.mark.parametrize("text, word", [
    ("文字<span>", "tag"),
    ("文字 data-bbox=1", "debris"),
    ("a &lt; b", "debris"),
    ("“没有结束", "“”"),
    ("《书名", "《》"),
    ("括号）", "（）"),
    ("中国 外交", "space"),
])
def test_suspicious_text_gives_a_warning(text, word):
    found = suspicious(text)
    assert len(found) == 1 and word in found[0]


def test_allow_list_silences_only_the_allowed_spaced_text():
    text = "守正创新 接续努力，中国 外交。"
    assert len(suspicious(text)) == 2
    found = suspicious(text, allowed=["守正创新 接续努力"])
    assert len(found) == 1 and "中国 外交" in found[0]


def test_build_body_reports_warnings_with_their_source_line():
    items = paras("第一段。", "第二段有“引号。", "第三段中国 外交。", start=7)
    body, warnings = build_body(items)
    assert len(body) == 3
    assert [line for line, _ in warnings] == [8, 9]


def test_spaced_cjk_in_a_heading_gives_a_warning():
    body, warnings = build_body([("head", "## 一、中国 外交", 5)])
    assert [line for line, _ in warnings] == [5]
    assert "中国 外交" in warnings[0][1]


def test_build_body_cleans_paragraphs():
    body, warnings = build_body(paras("中国,美国</p></div>[https://a.b/x\\_y](https://a.b/x_y)。"))
    assert body[0].text == "中国，美国<https://a.b/x_y>。"
    assert warnings == []


# --- issue 11: the last text defects, one rule each ------------------------------------------

from journal.importer.repair import (  # noqa: E402
    full_width_parentheses, no_space_after_note_marker, no_space_between_han_and_latin, unescape_markdown,
)


def test_an_escape_python_markdown_does_not_know_loses_its_backslash():
    assert unescape_markdown(r"Record \$1.5 Trillion, \$200") == "Record $1.5 Trillion, $200"
    assert unescape_markdown(r"a \* b \_c\_ \[x\]") == r"a \* b \_c\_ \[x\]"  # Markdown's own escapes stay


def test_a_comma_between_two_shared_quotes_stays_half_width():
    text = "The Three Meanings of ‘Grand Strategy’,” *Security Studies*"
    assert full_width_punctuation(text) == text
    assert full_width_punctuation("他说“是”,然后") == "他说“是”，然后"  # a Han character decides


def test_a_comma_between_han_and_a_url_is_full_width():
    assert full_width_punctuation("2025年11月6日,<https://example.com>") == "2025年11月6日，<https://example.com>"
    assert full_width_punctuation("2018, <https://example.com>") == "2018, <https://example.com>"


def test_latin_in_parentheses_inside_a_chinese_sentence_takes_full_width_parentheses():
    assert full_width_parentheses("“建制派”(the Blob)通过") == "“建制派”（the Blob）通过"
    assert full_width_parentheses("“免疫理论”(inoculation theory), 认为") == "“免疫理论”（inoculation theory），认为"
    assert full_width_parentheses("Foreign Affairs (2018), p.12") == "Foreign Affairs (2018), p.12"
    assert full_width_parentheses("参见 Smith (2018).") == "参见 Smith (2018)."


def test_no_space_after_a_note_marker_in_chinese_text():
    assert no_space_after_note_marker("秩序；[^4] “离岸平衡”") == "秩序；[^4]“离岸平衡”"
    assert no_space_after_note_marker("pp.39-42.[^3] The next") == "pp.39-42.[^3] The next"


def test_one_rule_for_han_beside_latin_and_digits_no_literal_space():
    assert no_space_between_han_and_latin("自 2025 年 9 月") == "自2025年9月"
    assert no_space_between_han_and_latin("参见 Nina Silove, 第 5 页") == "参见Nina Silove, 第5页"
    assert no_space_between_han_and_latin("参见 *Security Studies* 杂志，约 50% 的") == "参见*Security Studies*杂志，约50%的"
    assert no_space_between_han_and_latin("Foreign Affairs 2018") == "Foreign Affairs 2018"


def test_clean_text_applies_every_rule():
    text = clean_text("见“建制派”(the Blob)通过；[^4] 自 2025 年 9 月起 \\$200")
    assert text == "见“建制派”（the Blob）通过；[^4]自2025年9月起 $200"

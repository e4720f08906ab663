"""Typed body blocks: how the dump's tables, figures, lists and quotes are read and rendered,
the pictures' checks, the OCR check, the import's check of its own pages and its report.

Rendering is compared with golden Markdown here (and in test_fixtures.py), not through the
content check: which constructs the check accepts is its own allow-list."""

import time

import pytest

from journal.__main__ import main
from journal.diagnostics import Diagnostic
from journal.importer.blocks import gather
from journal.importer.model import Article, Figure, ListBlock, Quote, Table
from journal.importer.parse import split_english_names, tidy
from journal.importer.pictures import MAX_PICTURE_BYTES, read_picture
from journal.importer.pipeline import import_issue
from journal.importer.render import render_figure, render_list, render_quote, render_table, report_line
from journal.importer.repair import full_width_punctuation, likely_misreads
from journal.importer.write import EditedPagesError, digest, read_manifest

from .next_issue import FIGURE_BODY, TABLE_BODY, Art, jpeg, png, source, write_case

ARTICLE = Article(title="测试文章", line=1)


def table_of(html, caption="表2 标题", after=()):
    items = [("para", caption, 10), ("table", html, 11)] + [("para", text, 12 + n) for n, text in enumerate(after)]
    blocks = gather(items, ARTICLE, "issue.md")
    assert len(blocks) == 1 and isinstance(blocks[0], Table)
    return blocks[0]


# --- tables ---------------------------------------------------------------------------------

def test_a_dump_table_without_thead_takes_its_first_row_and_the_rows_its_cells_span_as_header():
    table = table_of('<table><tr><td rowspan="2">年份</td><td colspan="2">贸易额</td></tr>'
                     '<tr><td>出口</td><td>进口</td></tr><tr><td>2015</td><td>1</td><td>2</td></tr></table>')
    assert [[c.text for c in row] for row in table.head] == [["年份", "贸易额"], ["出口", "进口"]]
    assert [(c.rowspan, c.colspan, c.scope) for c in table.head[0]] == [(2, 1, "col"), (1, 2, "col")]
    assert [(c.header, c.scope) for c in table.body[0]] == [(True, "row"), (False, ""), (False, "")]


def test_thead_rows_or_leading_th_rows_are_the_header_when_the_dump_has_them():
    table = table_of("<table><thead><tr><th>a</th></tr><tr><th>b</th></tr></thead><tbody><tr><td>1</td></tr>"
                     "<tr><td>2</td></tr></tbody></table>")
    assert [[c.text for c in row] for row in table.head] == [["a"], ["b"]]
    table = table_of("<table><tr><th>国家</th><th>数值</th></tr><tr><td>中国</td><td>1</td></tr></table>")
    assert len(table.head) == 1 and [c.text for c in table.body[0]] == ["中国", "1"]


def test_a_table_is_one_html_block_its_cell_text_escaped_and_its_notes_under_it():
    table = table_of('<table><tr><td>指标</td><td>值</td></tr><tr><td>A &amp; B <b>粗</b></td>'
                     '<td>&lt;script&gt;x<sup>a</sup><br/>y</td></tr></table>',
                     after=["注：a 数据暂缺。", "资料来源：作者整理。", "正文继续。"][:2])
    assert render_table(table, ARTICLE) == "\n".join([
        '<table id="table-2">',
        "<caption>表2\u3000标题</caption>",
        "<thead>",
        '<tr><th scope="col">指标</th><th scope="col">值</th></tr>',
        "</thead>",
        "<tbody>",
        '<tr><th scope="row">A &amp; B粗</th><td>&lt;script&gt;x<sup>a</sup><br>y</td></tr>',
        "</tbody>",
        "</table>",
    ]) + "\n\n注：a 数据暂缺。\n\n资料来源：作者整理。"


def test_a_paragraph_after_the_source_line_is_not_part_of_the_table():
    items = [("para", "表1 标题", 1), ("table", "<table><tr><td>a</td></tr><tr><td>b</td></tr></table>", 2),
             ("para", "资料来源：作者整理。", 3), ("para", "正文继续。", 4)]
    blocks = gather(items, ARTICLE, "issue.md")
    assert isinstance(blocks[0], Table) and blocks[0].after == ("资料来源：作者整理。",) and blocks[1] == ("para", "正文继续。", 4)


def test_a_table_without_caption_is_refused_at_its_line_naming_the_article():
    with pytest.raises(Diagnostic) as err:
        gather([("para", "正文。", 1), ("table", "<table><tr><td>a</td></tr></table>", 2)], ARTICLE, "issue.md")
    assert err.value.line == 2 and "测试文章" in err.value.message and "表N" in err.value.message


def test_a_table_in_a_table_is_refused():
    with pytest.raises(Diagnostic) as err:
        table_of("<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>")
    assert err.value.line == 11


# --- figures, lists, quotes -----------------------------------------------------------------

def test_a_figure_takes_its_caption_and_source_lines_and_renders_as_one_block():
    items = [("picture", "images/ab12.jpg", 5), ("para", "图3 趋势 [说明]", 6), ("para", "资料来源：作者 <制作>。", 7)]
    (figure,) = gather(items, ARTICLE, "issue.md")
    assert (figure.number, figure.caption, figure.source, figure.image) == (3, "趋势 [说明]", ("资料来源：作者 <制作>。",), "ab12.jpg")
    figure = Figure(3, "趋势 [说明]", ("资料来源：作者 <制作>。",), "ab12.jpg", "wang-fan-figure-3.jpg")
    assert render_figure(figure, ARTICLE) == "\n".join([
        '<figure id="figure-3" markdown="span">',
        "![图3\u3000趋势 \\[说明\\]](wang-fan-figure-3.jpg)",
        "<figcaption>图3\u3000趋势 [说明]<br>资料来源：作者 &lt;制作&gt;。</figcaption>",
        "</figure>",
    ])


@pytest.mark.parametrize("path", ["images/../secret.jpg", "/etc/passwd", "http://example.com/a.png", "images/a/b.png"])
def test_a_picture_outside_the_images_folder_is_refused(path):
    with pytest.raises(Diagnostic) as err:
        gather([("picture", path, 5), ("para", "图1 标题", 6)], ARTICLE, "issue.md")
    assert err.value.line == 5


def test_lists_and_quotes_render_one_item_or_paragraph_a_line():
    blocks = gather([("bullet", "甲", 1), ("bullet", "乙[^1]", 2), ("numbered", "1. 丙", 3), ("numbered", "2. 丁", 4),
                     ("quote", "第一段。", 5), ("quote", "", 6), ("quote", "第二", 7), ("quote", "段。", 8),
                     ("quote", "第三段。", 9)], ARTICLE, "x")
    assert [type(b) for b in blocks] == [ListBlock, ListBlock, Quote]
    assert render_list(blocks[0], ARTICLE) == "- 甲\n- 乙[^1]"
    assert render_list(blocks[1], ARTICLE) == "1. 丙\n2. 丁"
    assert render_quote(blocks[2], ARTICLE) == "> 第一段。\n>\n> 第二段。\n>\n> 第三段。"


def test_a_lone_parenthesised_number_is_a_paragraph_two_are_a_list():
    assert gather([("numbered", "（1）只有一段。", 1)], ARTICLE, "x") == [("para", "（1）只有一段。", 1)]
    (block,) = gather([("numbered", "（1）甲", 1), ("numbered", "（2）乙", 2)], ARTICLE, "x")
    assert block == ListBlock(True, ("甲", "乙"), 1)


# --- pictures -------------------------------------------------------------------------------

def write_picture(tmp_path, name, data):
    (tmp_path / "images").mkdir(exist_ok=True)
    (tmp_path / "images" / name).write_bytes(data)


def test_a_pictures_type_is_read_from_its_bytes(tmp_path):
    write_picture(tmp_path, "a.jpg", png())
    assert read_picture(tmp_path, "a.jpg", 3, ARTICLE, "x")[0] == "png"
    write_picture(tmp_path, "b.png", jpeg())
    assert read_picture(tmp_path, "b.png", 3, ARTICLE, "x")[0] == "jpg"


@pytest.mark.parametrize("name, data, words", [
    ("s.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "SVG"),
    ("s.png", b'<?xml version="1.0"?><svg/>', "SVG"),
    ("t.png", b"plain text", "not a PNG"),
    ("big.png", b"\x89PNG\r\n\x1a\n" + b"\0" * MAX_PICTURE_BYTES, "larger than 5 MiB"),
])
def test_svg_unknown_and_oversized_pictures_are_refused_at_their_line(tmp_path, name, data, words):
    write_picture(tmp_path, name, data)
    with pytest.raises(Diagnostic) as err:
        read_picture(tmp_path, name, 7, ARTICLE, "x")
    assert err.value.line == 7 and words in err.value.message and "测试文章" in err.value.message


def test_a_picture_goes_through_the_all_or_nothing_write_and_the_manifest(tmp_path):
    path = write_case("figure", tmp_path / "src")
    docs = tmp_path / "docs"
    import_issue(path, docs, check=False)
    picture = docs / "2026" / "03" / "zhang-ming-figure-1.jpg"
    assert picture.read_bytes() == (tmp_path / "src" / "images" / "3f2a9c81d0.jpg").read_bytes()
    manifest = read_manifest(tmp_path / "src" / "imported.yaml")
    assert manifest["2026/03/zhang-ming-figure-1.jpg"] == digest(picture.read_bytes())
    import_issue(path, docs, check=False)  # unchanged: imports again
    picture.write_bytes(png())  # an editor replaced the picture: kept unless forced
    with pytest.raises(EditedPagesError) as err:
        import_issue(path, docs, check=False)
    assert err.value.pages == [picture]
    import_issue(path, docs, force=True, check=False)
    assert picture.read_bytes() == (tmp_path / "src" / "images" / "3f2a9c81d0.jpg").read_bytes()


# --- the import checks its own pages and reports what it made ---------------------------------

def test_the_import_runs_the_content_check_on_its_pages_and_writes_nothing_when_it_refuses(tmp_path, monkeypatch, capsys):
    seen = []

    def refuse(docs):
        seen.append(sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")))
        return [Diagnostic(docs / "2026" / "03" / "zhang-ming.md", 9, "expected something else")]

    monkeypatch.setattr("journal.checks.check_docs", refuse)
    path = write_case("two-articles", tmp_path / "src")
    assert main(["import", str(path), "--docs", str(tmp_path / "docs")]) == 1
    assert seen == [["2026/03/index.md", "2026/03/li-hua.md", "2026/03/zhang-ming.md"]]
    err = capsys.readouterr().err
    assert f"{tmp_path / 'docs' / '2026' / '03' / 'zhang-ming.md'}:9: " in err and "expected something else" in err
    assert not (tmp_path / "docs" / "2026").exists() and not (tmp_path / "src" / "imported.yaml").exists()


def test_the_report_says_what_was_made(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("journal.checks.check_docs", lambda docs: [])
    text = source([Art(body=TABLE_BODY + "\n" + FIGURE_BODY.replace("图1", "图2").replace("## 一、", "## 二、"))])
    folder = tmp_path / "src"
    write_case("figure", folder)
    (folder / "issue.md").write_text(text, encoding="utf-8")
    assert main(["import", str(folder / "issue.md"), "--docs", str(tmp_path / "docs")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("wrote 2 pages: 2 notes, 1 table, 1 figure under "), out


def test_report_line_counts_and_plurals():
    counts = {"notes": 312, "tables": 2, "figures": 1, "lists": 1, "quotes": 0}
    assert report_line(8, counts) == "wrote 8 pages: 312 notes, 2 tables, 1 figure, 1 list"
    assert report_line(1, {"notes": 1, "tables": 0}) == "wrote 1 page: 1 note"


# --- names, OCR, linear patterns --------------------------------------------------------------

@pytest.mark.parametrize("text, names", [
    ("BAI Jiayu, WANG Yi & ZHANG Chen", ["BAI Jiayu", "WANG Yi", "ZHANG Chen"]),
    ("LIU Yang and Muhammad ASIF", ["LIU Yang", "Muhammad ASIF"]),
    ("A B, C D, and E F", ["A B", "C D", "E F"]),
    ("ZHANG San", ["ZHANG San"]),
])
def test_english_names_are_split_at_commas_and_ampersands_and_and(text, names):
    assert split_english_names(text) == names


def test_tidy_keeps_spaces_between_latin_words_only():
    assert tidy("生成式 AI 与国际 安全治理") == "生成式AI与国际安全治理"
    assert tidy("John  Smith") == "John Smith" and tidy("吴 凡") == "吴凡"


def test_likely_misreads_and_what_is_not_one():
    assert likely_misreads("当 he 国资产") == [(2, "he")]
    assert likely_misreads("资源and手段") == [(2, "and")]
    assert likely_misreads("参见 Nina Silove 的文章，以及 AI 治理、5G 网络和（the Blob）") == []
    assert likely_misreads("当 he 国资产", allowed=["当 he 国"]) == []


def seconds(function, *args):
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def test_the_parentheses_rule_is_linear_on_an_adversarial_run():
    # One '(' before a long run of Han characters that never closes, many times over: the old
    # pattern backtracked over every split of each run (quadratic); this must take well under a second.
    text = ("中(" + "中" * 20000) * 5
    assert seconds(full_width_punctuation, text) < 1.0
    assert full_width_punctuation("前(中文)后") == "前（中文）后" and full_width_punctuation("前(ab)后") == "前(ab)后"


def test_the_misread_rule_is_linear_on_an_adversarial_run():
    text = ("中 " + "a" * 20000 + " 1") * 5
    assert seconds(likely_misreads, text) < 1.0


def test_four_heading_levels_keep_every_later_anchor_in_its_place():
    from journal.importer.repair import build_body

    titles = ["## 一、甲", "## （一）乙", "# 1. 丙", "## （1）丁", "#### (2)戊", "## 二、己", "### 三、庚", "## 结论"]
    body, warnings = build_body([("head", t, n) for n, t in enumerate(titles, start=1)])
    assert warnings == []
    assert [(h.level, h.text, h.anchor) for h in body] == [
        (2, "一、甲", "sec-1"), (3, "（一）乙", "sec-1-1"), (4, "1. 丙", "sec-1-1-1"), (5, "（1）丁", "sec-1-1-1-1"),
        (5, "（2）戊", "sec-1-1-1-2"), (2, "二、己", "sec-2"), (2, "三、庚", "sec-3"), (2, "结论", "sec-4")]


def test_a_tables_lines_under_it_are_its_notes_and_its_source():
    table = table_of("<table><tr><td>a</td></tr><tr><td>b</td></tr></table>", after=["注：甲。", "资料来源：乙。"])
    assert (table.notes, table.source) == (("注：甲。",), ("资料来源：乙。",))


def test_a_paragraph_cut_by_a_table_goes_on_before_it_but_one_before_a_list_does_not():
    from journal.importer.repair import build_body

    items = [("para", "正文前半，", 1), ("para", "表1 标题", 2), ("table", "<table><tr><td>a</td></tr></table>", 3),
             ("para", "资料来源：作者。", 4), ("para", "正文后半。", 5), ("para", "下列三点：", 6), ("bullet", "甲", 7),
             ("para", "另一段。", 8)]
    body, _ = build_body(items, article=ARTICLE, path="x")
    assert [getattr(b, "text", type(b).__name__) for b in body] == ["正文前半，正文后半。", "Table", "下列三点：", "ListBlock", "另一段。"]


def test_a_figure_caption_set_above_the_picture_is_taken_and_none_at_all_is_refused():
    (figure,) = gather([("para", "图2 标题", 4), ("picture", "images/a.png", 5), ("para", "资料来源：甲。", 6)], ARTICLE, "x")
    assert (figure.number, figure.caption, figure.source) == (2, "标题", ("资料来源：甲。",))
    with pytest.raises(Diagnostic) as err:
        gather([("para", "正文。", 4), ("picture", "images/a.png", 5), ("para", "资料来源：甲。", 6)], ARTICLE, "x")
    assert err.value.line == 5 and "测试文章" in err.value.message and "图N" in err.value.message


def test_a_row_header_spanning_rows_leaves_the_rows_below_without_one():
    table = table_of('<table><tr><td>地区</td><td>国家</td><td>值</td></tr>'
                     '<tr><td rowspan="2">南亚</td><td>巴基斯坦</td><td>1</td></tr><tr><td>印度</td><td>2</td></tr></table>')
    assert [[(c.text, c.header) for c in row] for row in table.body] == [
        [("南亚", True), ("巴基斯坦", False), ("1", False)], [("印度", False), ("2", False)]]

"""checks/body.py: the Markdown a page's body may hold, as an allow-list."""

import random
import re
from html.parser import HTMLParser

import markdown
import pytest

from journal.checks.body import check_body
from journal.checks.links import Site, check_links
from journal.checks.page import Page
from tests.checks.helpers import ARTICLE, ROOT, edit, line_of, only_problem, problems

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def add(docs, snippet):
    """`snippet` in the article's second-section paragraph; returns its line."""
    edit(docs, "正文，见", snippet + "正文，见")
    return line_of(docs, "正文，见")


# --- what is allowed -----------------------------------------------------------------------

def test_everything_allowed(docs):
    (docs / "2026/02/figure-1.png").write_bytes(PNG)
    add(docs, '*斜体*与**粗体**，10<sup>3</sup>，H<sub>2</sub>O，<abbr title="World Trade Organization">WTO</abbr><br/>，'
              '![图 1 示意](figure-1.png "图 1")，[写信](mailto:editor@example.org)，<https://example.org/a?b=1&c=2>，'
              'The data: one online=two, metadata:x, “javascript” and a < link > b. ')
    edit(docs, "## 一、第一节 {#sec-1}", "### （一）小节 {#sec-1}")
    assert problems(docs) == []


def test_ordinary_text_is_not_markup(docs):
    add(docs, "a < b，c > d，3 * 4，R&D，AT&T，1 + 1 = 2，[方括号]，(圆括号)，!感叹，#1 号，")
    assert problems(docs) == []


# --- blocks --------------------------------------------------------------------------------

@pytest.mark.parametrize("line, says", [
    ("    indented code", "a line may not start with a space or a tab"),
    (">> a nested quote", "every line of a block quote starts '> '"),
    (">a quote", "every line of a block quote starts '> '"),
    ("-\tan item", "every line of a list is one item, '- ' and the item's text"),
    ("* an item", "'* ' or '+ ' at the start of a line makes a list: write list items as '- 项'"),
    ("+ an item", "'* ' or '+ ' at the start of a line makes a list: write list items as '- 项'"),
    ("2. an item", "a numbered list counts 1., 2., 3. … from 1: write '1. ' here"),
    ("---", "a line of only '-', '=', '*' or '_' draws a rule"),
    ("===", "a line of only '-', '=', '*' or '_' draws a rule"),
    ("* * *", "a line of only '-', '=', '*' or '_' draws a rule"),
    ('=== "Tab"', "'===' at the start of a line opens a tab"),
    ("[x]: https://example.org/", "'[name]: address' defines a link target"),
    ("[TOC]", "'[TOC]' inserts a table of contents"),
    ("///Footnotes Go Here///", "this text moves the footnotes"),
    ("#标题", "write headings as '## 标题' or '## 标题 {#sec-1}'"),
    ("####### 七级", "write headings as '## 标题' or '## 标题 {#sec-1}'"),
])
def test_blocks_other_than_paragraphs_headings_and_footnotes(docs, line, says):
    edit(docs, "\n\n## 二、第二节", f"\n\n{line}\n\n## 二、第二节")
    assert only_problem(docs).startswith(f"{ARTICLE}:{line_of(docs, '## 二、第二节') - 2}: {says}")


@pytest.mark.parametrize("anchor", ["{#Sec-1}", "{#sec_1}", "{#fn:2}", "{: #sec-9}", "{#sec-9 .big}", "{#sec-9 onclick=x}"])
def test_heading_anchor_form(docs, anchor):
    # Changed on purpose: '{#fn:2}' used to be reported as clashing with a footnote's id; an
    # anchor is now only lower-case letters, digits and hyphens, so it cannot.
    edit(docs, "## 二、第二节 {#sec-2}", f"## 二、第二节 {anchor}")
    edit(docs, "(#sec-2)", "(#sec-1)")
    edit(docs, "(article.md#sec-2)", "(article.md#sec-1)", page="2026/02/other.md")
    line = line_of(docs, "二、第二节")
    found = problems(docs)
    assert found and all(p.startswith(f"{ARTICLE}:{line}: ") for p in found), found
    assert any("a heading's anchor is written {#sec-1}" in p or "'{' is only for a heading's anchor" in p for p in found)


# --- '{', backticks, character references, invisible characters ---------------------------

@pytest.mark.parametrize("snippet", ['{style="background:url(https://x)"}', "{: .big }", "{hidden}", "[点此](#sec-1){: onclick=alert(1) }"])
def test_attribute_lists_are_refused(docs, snippet):
    line = add(docs, snippet)
    assert only_problem(docs) == (f"{ARTICLE}:{line}: '{{' is only for a heading's anchor, '## 标题 {{#sec-1}}': elsewhere "
                                  "Markdown reads '{…}' as HTML attributes for the text before it")


def test_backticks(docs):
    line = add(docs, "``code``")
    found = problems(docs)
    assert len(found) == 4 and all(p.startswith(f"{ARTICLE}:{line}: backticks are not allowed") for p in found)


@pytest.mark.parametrize("reference", ["&#x202e;", "&#106;", "&nbsp;", "&lt;"])
def test_character_references(docs, reference):
    line = add(docs, reference)
    assert only_problem(docs) == f"{ARTICLE}:{line}: character reference {reference!r} is not allowed: type the character itself"


@pytest.mark.parametrize("char, name", [("\u202e", "RIGHT-TO-LEFT OVERRIDE"), ("\u2066", "LEFT-TO-RIGHT ISOLATE"), ("\u200b", "ZERO WIDTH SPACE"),
                                        ("\ufeff", "ZERO WIDTH NO-BREAK SPACE"), ("\x00", "a control character"), ("\x1b", "a control character")])
def test_invisible_characters(docs, char, name):
    line = add(docs, f"a{char}b")
    assert only_problem(docs) == (f"{ARTICLE}:{line}: invisible character U+{ord(char):04X} ({name}): control, direction-changing "
                                  "(bidi) and zero-width characters hide or reorder what a reader sees; delete it")


# --- links and pictures --------------------------------------------------------------------

@pytest.mark.parametrize("snippet", ["[x](a b)", "[x](<a.md>)", '[x](a.md "title)', "[x](a\\b.md)", "[x]( a.md)"])
def test_links_in_one_form(docs, snippet):
    line = add(docs, snippet)
    assert f"{ARTICLE}:{line}: a link is written [text](address) or [text](address \"title\")" in "\n".join(problems(docs))


@pytest.mark.parametrize("target", ["https://example.org/x.png", "data:image/png;base64,iVBO", "../01/x.png", "sub/x.png", "X.PNG", "x.svg"])
def test_pictures_only_from_the_page_folder(docs, target):
    line = add(docs, f"![图]({target})")
    assert f"{ARTICLE}:{line}: a picture must be a .png, .jpg, .jpeg, .webp or .gif file in this page's folder" in "\n".join(problems(docs))


def test_picture_description_without_brackets(docs):
    (docs / "2026/02/x.png").write_bytes(PNG)
    line = add(docs, "![a [b] c](x.png)")
    assert f"{ARTICLE}:{line}: a picture is written ![说明](figure-1.png), the description without brackets" in problems(docs)


def test_missing_picture(docs):
    line = add(docs, "![图](gone.png)")
    assert only_problem(docs) == f"{ARTICLE}:{line}: link target does not exist: 'gone.png' (docs/2026/02/gone.png)"


# --- inline HTML ---------------------------------------------------------------------------

def test_raw_html_outside_the_allow_list(docs):
    line = add(docs, '<div class="x">正文</div>，<span style="color:red">见</span><!-- 注释 -->')
    allowed = '<sup>, <sub>, <br>, <abbr title="…">'
    assert problems(docs) == [
        f"{ARTICLE}:{line}: raw HTML <div> not allowed (allowed: {allowed}; otherwise use Markdown)",
        f"{ARTICLE}:{line}: raw HTML </div> not allowed (allowed: {allowed}; otherwise use Markdown)",
        f"{ARTICLE}:{line}: raw HTML <span> not allowed (allowed: {allowed}; otherwise use Markdown)",
        f"{ARTICLE}:{line}: raw HTML </span> not allowed (allowed: {allowed}; otherwise use Markdown)",
        f"{ARTICLE}:{line}: raw HTML not allowed: HTML comment '<!--…'",
    ]


@pytest.mark.parametrize("snippet, says", [
    ('<abbr title="x" onmouseover="alert(1)">x</abbr>', "attribute 'onmouseover' not allowed on <abbr> (allowed: only title)"),
    ("<abbr title='\">' onmouseover=alert(1)>x</abbr>", "attribute 'onmouseover' not allowed on <abbr> (allowed: only title)"),
    ('<sup class="x">3</sup>', "attribute 'class' not allowed on <sup> (allowed: none)"),
    ("<abbr title='x'>x</abbr>", 'write <abbr> plainly, as <abbr title="…">'),
    ('<abbr title="a&quot;b">x</abbr>', 'write <abbr> plainly, as <abbr title="…">'),
    ("<SUP>3</SUP>", "write <sup> plainly, as <sup>"),
    ("a<b", "'<' here would start raw HTML"),
    ("<ftp://example.org/>", "raw HTML <ftp:> not allowed"),
])
def test_allowed_tags_written_plainly_with_their_attributes(docs, snippet, says):
    line = add(docs, snippet)
    assert any(p.startswith(f"{ARTICLE}:{line}: {says}") for p in problems(docs)), problems(docs)


def test_a_tag_over_two_lines_is_read_as_a_browser_reads_it(docs):
    edit(docs, "正文，见", "<abbr\nonclick=alert(1) title=\"x\">x</abbr>正文，见")
    assert only_problem(docs).startswith(f"{ARTICLE}:{line_of(docs, 'onclick') - 1}: attribute 'onclick' not allowed on <abbr>")


@pytest.mark.parametrize("snippet", ["[^]", "[^a b]", "[^:]", "[^注]"])
def test_footnote_labels(docs, snippet):
    # '[^]:[^:]:' crashed Python-Markdown's footnotes (found by fuzzing the check against it).
    line = add(docs, snippet)
    assert f"{ARTICLE}:{line}: a footnote is written [^12], its label a number (or letters, digits and hyphens)" in "\n".join(problems(docs))


@pytest.mark.parametrize("line", ["~~~", "~~~~ python", "| a | b |\n|---|---|", "a | b\n--- | ---", ":-:|:-:"])
def test_code_fences_and_tables(docs, line):
    # MkDocs always adds the tables and fenced_code extensions to those of mkdocs.yml.
    edit(docs, "\n\n## 二、第二节", f"\n\n{line}\n\n## 二、第二节")
    assert any("code block" in p or "table" in p for p in problems(docs)), problems(docs)


# --- what passes renders to allowed HTML ---------------------------------------------------

# Pieces a hostile page is made of; random pages of them that pass the check are rendered
# with the Markdown extensions MkDocs runs for this site, and must hold only allowed HTML.
PIECES = ["a", "中", " ", "\t", "<", ">", "/", "!", "[", "]", "(", ")", "{", "}", "#", "*", "_", "-", "=", ":", '"', "'", "&",
          ";", "\\", "`", "^", "1", ".", "|", "~", "+", "@", "\u3000", "    ", "<sup>", "</sup>", '<abbr title="x">', "<br/>",
          "script", "javascript:", "onclick=", "https://e.org/x", "[^1]", "](", "![", "{#a}", "x.png", "&#106;", "<https://e.org>",
          "<mailto:a@b.c>", "<!--", "<?", "<!", "[TOC]", "~~~", "|---|", ":-:", "[x][y]", "*[x]: y", "=== \"x\""]
LINE_STARTS = ["", "", "", "[^1]: ", "## ", "### x {#a} ", "\u3000", "<sup>", "![", "[", "1. ", "- ", "> ", "=", "|", "~~~", "{"]
RENDERED = {  # tag -> attributes, of what the extensions make of the allowed Markdown
    "p": set(), "h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"}, "a": {"href", "title", "class", "id"},
    "img": {"src", "alt", "title"}, "em": set(), "strong": set(), "sup": {"id"}, "sub": set(), "abbr": {"title"}, "br": set(),
    "div": {"class"}, "hr": set(), "ol": set(), "li": {"id"}, "ul": set(), "blockquote": set(),
    # the table and figure blocks, as written (raw HTML: Markdown passes them through)
    "table": {"id"}, "caption": set(), "thead": set(), "tbody": set(), "tr": set(), "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"}, "figure": {"id"}, "figcaption": set(),
}
# What the site's own extensions add: the 注释 / Notes heading (journal.site.notes) and the class
# of a table's notes (journal.site.block_notes); never from the page's text.
RENDERED["h2"] = {"id", "class"}
RENDERED["span"] = {"class", "lang"}
RENDERED["p"] = {"class"}


class Rendered(HTMLParser):
    """Everything in rendered HTML that is not in RENDERED, or a link or picture going elsewhere."""

    def __init__(self):
        super().__init__()
        self.outside = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name not in RENDERED.get(tag, ()):
                self.outside.append((tag, name, value))
            elif name in ("href", "src") and re.match(r"(?![a-z]*[:/])|(https?|mailto):", re.sub(r"[\x00-\x20]", "", value).lower()) is None:
                self.outside.append((tag, name, value))
        if tag not in RENDERED:
            self.outside.append(tag)

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.outside.append("comment")


@pytest.fixture(scope="module")
def render():
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))  # its extensions, and the two MkDocs adds
    return lambda text: markdown.markdown(text, extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def test_what_passes_renders_to_allowed_html_only(render):
    rng = random.Random(20261124)
    checked = 0
    for _ in range(10_000):
        text = "".join(rng.choice(LINE_STARTS) + "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 8))) + rng.choice(["\n", "\n\n"])
                       for _ in range(rng.randint(1, 5)))
        page = Page("2026/02/a.md", "a.md", "article", body=text)
        site = Site({"2026/02/x.png"}, {"2026/02/a.md": {"a"}})
        if check_body(page) or check_links(page, site):
            continue
        checked += 1
        html = Rendered()
        html.feed(render(text))
        assert not html.outside, (text, html.outside)
    assert checked > 500, checked  # enough pages pass to mean something


# --- the contract's blocks: lists, quotes, tables, figures ---------------------------------

TABLE = """<table id="table-1">
<caption>表1　2015—2025年中巴贸易额（亿美元）</caption>
<thead>
<tr><th scope="col">年份</th><th scope="col" colspan="2">贸易额</th></tr>
</thead>
<tbody>
<tr><th scope="row">2015</th><td>189.3<sup>a</sup></td><td rowspan="2">—</td></tr>
<tr><th scope="row">2016</th><td>R&amp;D &lt; 1<br>x</td></tr>
</tbody>
</table>"""
FIGURE = """<figure id="figure-1" markdown="span">
![图1　2015—2025年中巴贸易额](article-figure-1.png)
<figcaption>图1　2015—2025年中巴贸易额<br>资料来源：作者根据……制作。</figcaption>
</figure>"""
LISTS_AND_QUOTE = "- 一项[^1]\n- 另一项，*强调*\n\n正文。\n\n1. 第一项\n2. 第二项\n\n> 引文[^2]\n>\n> 引文的第二段"


def block(docs, text):
    """`text` as blocks of their own before the article's second heading; returns its first line."""
    edit(docs, "\n\n## 二、第二节", f"\n\n{text}\n\n## 二、第二节")
    return line_of(docs, text.split("\n")[0])


def test_the_contract_blocks_are_allowed(docs):
    (docs / "2026/02/article-figure-1.png").write_bytes(PNG)
    block(docs, f"{TABLE}\n\n资料来源：某处。\n\n{FIGURE}\n\n{LISTS_AND_QUOTE}\n\n#### 1. 四级 {{#sec-1-1-1}}\n\n##### （1）五级 {{#sec-1-1-1-1}}")
    assert problems(docs) == []


@pytest.mark.parametrize("text, at, says", [
    ("- 一项\n续行", 1, "every line of a list is one item, '- ' and the item's text"),
    ("- 一项\n  - 嵌套", 1, "a line may not start with a space or a tab"),
    ("- - 嵌套", 0, "'- ' here would make a list inside another block"),
    ("- > 引文", 0, "'>' here would make a block quote inside another block"),
    ("- # 标题", 0, "'#' here would make a heading inside a list or a quote"),
    ("1. 一\n3. 三", 1, "a numbered list counts 1., 2., 3. … from 1: write '2. ' here, not '3. '"),
    ("- 一\n\n1. 一", 2, "two lists with only an empty line between them make one list"),
    ("> 一\n\n> 二", 2, "two block quotes with only an empty line between them make one"),
    ("> ## 标题", 0, "'#' here would make a heading inside a list or a quote"),
    ("> - 一项", 0, "'- ' here would make a list inside another block"),
    ("> > 嵌套", 0, "'>' here would make a block quote inside another block"),
    ("> a|b\n> |-|", 1, "a line of only '|', '-' and ':' makes the line above it a table"),
    ("段落甲\n- 一项", 1, "a list starts after an empty line"),
    ("段落甲\n> 引文", 1, "a block quote starts after an empty line"),
    ("# 一级", 0, "write headings as '## 标题' or '## 标题 {#sec-1}': 2 to 5 '#'"),
    ("###### 六级", 0, "write headings as '## 标题' or '## 标题 {#sec-1}': 2 to 5 '#'"),
])
def test_lists_and_quotes_in_their_one_form(docs, text, at, says):
    first = block(docs, text)
    found = problems(docs)
    assert any(p.startswith(f"{ARTICLE}:{first + at}: {says}") for p in found), found


@pytest.mark.parametrize("change, says", [
    (('<table id="table-1">', '<table id="table-1" onclick="x()">'), "attribute 'onclick' not allowed on <table> (allowed: only id)"),
    (('<table id="table-1">', '<table id="t1">'), "<table id=…> must be table-N, N the table's number, got 't1'"),
    (('<table id="table-1">', "<table>"), '<table> needs its id="…"'),
    (('<td>189.3', '<td style="color:red">189.3'), "attribute 'style' not allowed on <td>"),
    (('<td>189.3', '<td><script>alert(1)</script>189.3'), "<script> is not allowed in a table"),
    (('<td>189.3', '<td background="https://evil.example/x.png">189.3'), "attribute 'background' not allowed on <td>"),
    (('<td>189.3', '<td><img src="x.png">189.3'), "<img> is not allowed in a table"),
    (('<td>189.3', '<td colspan="99999">189.3'), "<td colspan=…> must be columns spanned, 1 to 50, got '99999'"),
    (('<td>189.3', '<td colspan="51">189.3'), "<td colspan=…> must be columns spanned, 1 to 50, got '51'"),
    (('<td>189.3', "<td colspan='2'>189.3"), "write <td> plainly"),
    (('<td>189.3', '<TD>189.3'), "write <td> plainly"),
    (('<th scope="row">2015', '<th>2015'), '<th> needs its scope="…"'),
    (('<th scope="row">2015', '<th scope="rowgroup">2015'), "<th scope=…> must be col for a column's header"),
    (('189.3<sup>a</sup>', '189.3<sup><sup>a</sup></sup>'), "<sup> is not allowed inside <sup>"),
    (('189.3<sup>a</sup>', '189.3[^1]'), "<td> holds plain text: Markdown is not read here"),
    (('189.3<sup>a</sup>', '[x](https://evil.example/)'), "<td> holds plain text: Markdown is not read here"),
    (('189.3<sup>a</sup>', '&#x202e;'), "character reference '&#x202e;' is not allowed"),
    (('189.3<sup>a</sup>', '<!-- x -->'), "raw HTML not allowed in a table: HTML comment"),
    (('189.3<sup>a</sup>', 'a<b>x</b>'), "<b> is not allowed in a table"),
    (('189.3<sup>a</sup>', 'a<b'), "'<' here would start raw HTML the parser cannot read"),
    (("<tbody>\n", "<tbody>\n<td>x</td>\n"), "<td> is not allowed inside <tbody>: <tbody> holds <tr>"),
    (("</thead>\n", "</thead>\n<p>x</p>\n"), "<p> is not allowed in a table"),
    (("</thead>\n", "</thead>\n文字\n"), "<table> holds no text, only <caption>, <thead>, <tbody>"),
    (("<caption>表1　2015—2025年中巴贸易额（亿美元）</caption>\n", ""), "a <table> holds <caption>, <thead>, <tbody> in this order: <caption> is missing"),
    (("<thead>", "<caption>二</caption>\n<thead>"), "a <table> holds <caption>, <thead>, <tbody>, in this order, each at most once"),
    (("</tr>\n</tbody>", "\n</tbody>"), "</tbody> does not close <tr>"),
    (("\n</table>", ""), "a table ends with '</table>' on a line of its own"),
    (("\n</table>", "\n</table>\n<script>alert(1)</script>"), "a table ends with '</table>' on a line of its own"),
    (("</tbody>\n", "</tbody>\n\n"), "<table> is not closed"),
    (('<td rowspan="2">—</td>', "<td>—</td>"), "this row is 2 columns wide and the table's first row 3"),
    (('<td rowspan="2">—</td>', '<td rowspan="3">—</td>'), "a cell's rowspan runs past the last row of its <thead> or <tbody>"),
    (('<th scope="col" colspan="2">贸易额</th>', '<th scope="col">贸易额</th>'), "this row is 3 columns wide and the table's first row 2"),
])
def test_tables_read_with_a_parser(docs, change, says):
    first = block(docs, TABLE.replace(*change))
    found = problems(docs)
    assert any(p.startswith(f"{ARTICLE}:") and says in p for p in found), found
    lines = [int(p.split(":")[1]) for p in found if says in p]
    assert all(first <= line < first + 14 for line in lines), (first, found)


@pytest.mark.parametrize("change, says", [
    (("article-figure-1.png", "https://evil.example/x.png"), "a picture must be a .png"),
    (("article-figure-1.png", "../01/article-figure-1.png"), "a picture must be a .png"),
    (("article-figure-1.png", "other-figure-1.png"), "a figure's picture is beside the page, named article-figure-1.png"),
    (("article-figure-1.png", "article-figure-2.png"), "a figure's picture is beside the page, named article-figure-1.png"),
    (('markdown="span">', 'markdown="span" onclick="x()">'), "attribute 'onclick' not allowed on <figure>"),
    (('markdown="span">', 'markdown="1">'), "<figure markdown=…> must be span"),
    (('<figcaption>', '<figcaption class="x">'), "attribute 'class' not allowed on <figcaption>"),
    (("制作。", "制作[^1]。"), "<figcaption> holds plain text: Markdown is not read here"),
    (("制作。", "<a href=\"https://evil.example/\">制作</a>"), "<a> is not allowed in a figure"),
    (("](article-figure-1.png)", '](article-figure-1.png "t")'), "a figure's second line is its picture"),
    (("</figure>", "正文\n</figure>"), "a figure is exactly four lines"),
])
def test_figures_in_their_one_shape(docs, change, says):
    (docs / "2026/02/article-figure-1.png").write_bytes(PNG)
    (docs / "2026/02/article-figure-2.png").write_bytes(PNG)
    (docs / "2026/02/other-figure-1.png").write_bytes(PNG)
    block(docs, FIGURE.replace(*change))
    found = problems(docs)
    assert any(p.startswith(f"{ARTICLE}:") and says in p for p in found), found


def test_an_id_once_per_page(docs):
    first = block(docs, f"{TABLE}\n\n段落。\n\n{TABLE}")
    second = first + TABLE.count("\n") + 4
    assert only_problem(docs) == (f"{ARTICLE}:{second}: id=\"table-1\" is given twice on this page: "
                                  "number the tables 1, 2, 3 …")


def test_table_tags_outside_a_table_block(docs):
    line = add(docs, "<td>x</td>")
    assert problems(docs)[0].startswith(f"{ARTICLE}:{line}: raw HTML <td> not allowed here: a table is a block of its own")


def test_the_contract_blocks_render_as_such(render):
    html = render(f"{TABLE}\n\n资料来源：某处。\n\n{FIGURE}\n\n{LISTS_AND_QUOTE}\n\n[^1]: 注一。\n\n[^2]: 注二。\n")
    tags = Tags()
    tags.feed(html)
    order = [tag for tag in tags.started if tag in ("table", "caption", "thead", "tbody", "th", "td", "figure", "img", "figcaption",
                                                    "ul", "ol", "li", "blockquote")]
    assert order[:4] == ["table", "caption", "thead", "th"] and order.count("td") == 3
    assert order[order.index("figure"):order.index("figure") + 3] == ["figure", "img", "figcaption"]
    assert order.count("ul") == 1 and order.count("ol") == 2 and order.count("blockquote") == 1  # the second ol: the footnotes
    assert ('img', (('alt', '图1　2015—2025年中巴贸易额'), ('src', 'article-figure-1.png'))) in tags.attributes
    assert "<p class=\"block-note\">资料来源：某处。</p>" in html  # marked by journal.site.block_notes


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.started, self.attributes = [], []

    def handle_starttag(self, tag, attrs):
        self.started.append(tag)
        self.attributes.append((tag, tuple(sorted(attrs))))

    handle_startendtag = handle_starttag


# Mutations of the contract's blocks: each insertion that still passes the check must render
# only allowed HTML.
BLOCK_PIECES = PIECES + ["<td>", "</td>", "<tr>", "</tr>", "<th scope=\"col\">", "</table>", "<table id=\"table-2\">", "<caption>",
                         "</figcaption>", "<figure id=\"figure-2\" markdown=\"span\">", "\n", "\n\n", "- ", "> ", "1. ", "<sup>",
                         "&amp;", "&lt;", "<script>", "onclick=\"x\"", " colspan=\"2\"", "<img src=x>"]


def test_mutated_blocks_render_to_allowed_html_only(render):
    rng = random.Random(20261204)
    base = f"{TABLE}\n\n{FIGURE}\n\n{LISTS_AND_QUOTE}\n\n[^1]: 注一。\n\n[^2]: 注二。\n"
    checked = 0
    for _ in range(3000):
        text = base
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(BLOCK_PIECES) + text[at:]
        page = Page("2026/02/article.md", "article.md", "article", body=text)
        site = Site({"2026/02/article-figure-1.png", "2026/02/x.png"}, {"2026/02/article.md": {"a"}})
        if check_body(page) or check_links(page, site):
            continue
        checked += 1
        html = Rendered()
        html.feed(render(text))
        assert not html.outside, (text, html.outside)
    assert checked > 100, checked

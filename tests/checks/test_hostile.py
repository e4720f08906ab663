"""Hostile input: what a pull request could try, each reported at its path and line.

Each row is (what it tries, the change to a copy of the fixture pages, the page and line the
report must name, what the report starts with). Every row also runs the check over the real
docs/, which must stay clean, and in bounded time: nothing a page holds can make the check slow.
"""

import os
import time
from dataclasses import dataclass
from typing import Callable

import pytest

from journal.checks import check_docs
from tests.checks.helpers import ROOT, alias_bomb, edit, line_of

ART = "2026/02/article.md"


@dataclass
class Row:
    name: str
    change: Callable
    page: str  # relative to docs/
    at: object  # the line: a number, or text on that line after the change
    says: str  # how the message starts


def front(old, new, page=ART):
    return lambda docs: edit(docs, old, new, page)


def body(snippet):
    """`snippet` in a paragraph of the article."""
    return lambda docs: edit(docs, "正文，见", snippet + "正文，见")


def line(text):
    """`text` as a line of its own before the article's second heading."""
    return lambda docs: edit(docs, "\n\n## 二、第二节", f"\n\n{text}\n\n## 二、第二节")


def write(rel, content):
    def change(docs):
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return change


def symlink(rel, target):
    return lambda docs: os.symlink(target, docs / rel)


def fifo(rel):
    return lambda docs: os.mkfifo(docs / rel)


def table(old, new):
    """The contract's table, changed, as a block of its own before the article's second heading."""
    return line(TABLE.replace(old, new))


def figure(old, new):
    def change(docs):
        (docs / "2026/02/article-figure-1.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16)
        line(FIGURE.replace(old, new))(docs)
    return change


TABLE = """<table id="table-1">
<caption>表1　贸易额</caption>
<thead>
<tr><th scope="col">年份</th><th scope="col">贸易额</th></tr>
</thead>
<tbody>
<tr><th scope="row">2015</th><td>189.3</td></tr>
</tbody>
</table>"""
FIGURE = """<figure id="figure-1" markdown="span">
![图1　贸易额](article-figure-1.png)
<figcaption>图1　贸易额<br>资料来源：作者。</figcaption>
</figure>"""
PAGE = "---\ntitle: 额外\n---\n\n正文。\n"
LINK_ONLY = "only https://, http:// and mailto: links are allowed"
PLAIN = "must be plain text: no HTML"

ROWS = [
    # --- front matter: unknown keys (theme settings Material prints or obeys) ---------------
    Row("script in a description key", front("title: 国际问题研究\n", "title: 国际问题研究\ndescription: <script>alert(1)</script>\n", "index.md"),
        "index.md", "description:", "unknown field 'description'"),
    Row("meta refresh in description", front("title: 国际问题研究\n", "title: 国际问题研究\ndescription: '<meta http-equiv=\"refresh\" "
                                             "content=\"0;url=https://evil.example/\">'\n", "index.md"), "index.md", "description:", "unknown field 'description'"),
    Row("template: 404.html", front("editor: 王五\n", "editor: 王五\ntemplate: 404.html\n"), ART, "template:", "unknown field 'template'"),
    Row("search: {exclude: true}", front("editor: 王五\n", "editor: 王五\nsearch: {exclude: true}\n"), ART, "search:", "unknown field 'search'"),
    Row("hide on the contents page", front("frequency: 双月刊\n", "frequency: 双月刊\nhide: [navigation, toc]\n", "2026/02/index.md"),
        "2026/02/index.md", "hide:", "unknown field 'hide'"),
    Row("subtitle on the home page", front("title: 国际问题研究\n", "title: 国际问题研究\nsubtitle: <b>x</b>\n", "index.md"),
        "index.md", "subtitle:", "unknown field 'subtitle'"),
    Row("duplicate key hiding a correction", front("editor: 王五\n", "editor: 王五\ntitle: 另一个标题\n"), ART, "另一个标题",
        "field 'title' appears twice (first at line 2)"),
    # --- front matter: markup and invisible characters in text ------------------------------
    Row("script in the title", front("title: 小小的测试文章", "title: 小小的测试文章<script>alert(1)</script>"), ART, 2, f"title {PLAIN}"),
    Row("Markdown link in the title", front("title: 小小的测试文章", "title: 小小的测试文章](https://evil.example) [x"), ART, 2, f"title {PLAIN}"),
    Row("HTML in a bio", front("bio: 某大学教授", "bio: 某大学教授<img src=x onerror=alert(1)>"), ART, "bio:", f"authors[0].bio {PLAIN}"),
    Row("Markdown link in a keyword", front("- 元首外交", "- 元首外交](https://evil.example) [x"), ART, "元首外交", f"keywords[1] {PLAIN}"),
    Row("javascript link in the abstract", front("abstract: 提要。", 'abstract: "提要 [x](JAVA\\tSCRIPT:alert(1))"'), ART, "abstract:",
        f"abstract {PLAIN}"),
    Row("iframe in a keyword", front("- 元首外交", "- 元首外交<iframe src=x>"), ART, "元首外交", f"keywords[1] {PLAIN}"),
    Row("backticks in the English abstract", front("abstract_en: 'Abstract: short.'", "abstract_en: 'Abstract: `short`.'"), ART, "abstract_en",
        f"abstract_en {PLAIN}"),
    Row("script in the issue's frequency", front("frequency: 双月刊", "frequency: 双月刊<script>x</script>", "2026/02/index.md"),
        "2026/02/index.md", "frequency:", f"frequency {PLAIN}"),
    Row("bidi override in the title", front("title: 小小的测试文章", "title: 小小的\u202e测试文章"), ART, 2, f"title {PLAIN}"),
    Row("zero-width space in a keyword", front("- 中美关系", "- 中美\u200b关系"), ART, "中美", f"keywords[0] {PLAIN}"),
    Row("line separator in the title", front("title: 小小的测试文章", "title: 小小的\u2028测试文章"), ART, 2,
        "front matter holds U+2028 (LINE SEPARATOR)"),
    Row("next-line control in an abstract", front("abstract: 提要。", "abstract: 提\x85要。"), ART, "abstract:", "front matter holds U+0085"),
    Row("ESC byte in the front matter", front("editor: 王五", "editor: 王\x1b五"), ART, "editor:", "front matter is not valid YAML: unacceptable character #x001b"),
    Row("1,000-character title", front("title: 小小的测试文章", "title: " + "长" * 1000), ART, 2, "title must be at most 300 characters long, got 1000"),
    Row("100,000-character title", front("title: 小小的测试文章", "title: " + "x" * 100_000), ART, 2, "front matter is 100,"),
    Row("5-million-character title", front("title: 小小的测试文章", "title: " + "x" * 5_000_000), ART, 1, "the page is 5,0"),
    # --- front matter: YAML that does more than hold values ---------------------------------
    Row("YAML alias bomb", front("editor: 王五\n", "editor: 王五\n" + alias_bomb()), ART, "a0:", "YAML anchor '&a0' is not allowed"),
    Row("!ENV tag reading a secret", front("editor: 王五", "editor: !ENV [GITHUB_TOKEN]"), ART, "editor:", "YAML tag '!ENV' is not allowed"),
    Row("python object tag", front("editor: 王五", "editor: !!python/object/apply:os.system ['id']"), ART, "editor:",
        "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    Row("merge key", front("editor: 王五", "editor: 王五\n<<: {template: 404.html}"), ART, "<<:", "YAML merge key '<<' is not allowed"),
    # --- body: raw HTML ----------------------------------------------------------------------
    Row("raw script", body("<script>alert(1)</script>"), ART, "<script>", "raw HTML <script> not allowed"),
    Row("upper-case SCRIPT", body("<SCRIPT>alert(1)</SCRIPT>"), ART, "<SCRIPT>", "raw HTML <script> not allowed"),
    Row("iframe", body('<iframe src="https://evil.example/"></iframe>'), ART, "<iframe", "raw HTML <iframe> not allowed"),
    Row("object", body('<object data="x.swf"></object>'), ART, "<object", "raw HTML <object> not allowed"),
    Row("embed", body('<embed src="x.swf">'), ART, "<embed", "raw HTML <embed> not allowed"),
    Row("a with an entity-encoded javascript: href", body('<a href="&#106;avascript:alert(1)">点此</a>'), ART, "<a href", "raw HTML <a> not allowed"),
    Row("style element", body("<style>body{display:none}</style>"), ART, "<style>", "raw HTML <style> not allowed"),
    Row("svg onload", body("<svg onload=alert(1)>"), ART, "<svg", "raw HTML <svg> not allowed"),
    Row("img onerror", body('<img src="x.png" onerror="alert(1)">'), ART, "<img", "raw HTML <img> not allowed"),
    Row("quoted '>' in an img attribute", body("<img title='\">' onerror=alert(1) src=x>"), ART, "<img", "raw HTML <img> not allowed"),
    Row("quoted '>' in an abbr attribute", body("<abbr title='\">' onmouseover=alert(1)>x</abbr>"), ART, "onmouseover",
        "attribute 'onmouseover' not allowed on <abbr>"),
    Row("event handler beside an allowed attribute", body('<abbr title="x" onmouseover="alert(1)">x</abbr>'), ART, "onmouseover",
        "attribute 'onmouseover' not allowed on <abbr>"),
    Row("an allowed tag over two lines", body("两行<sup\nonclick=alert(1)>3</sup>"), ART, "两行<sup", "attribute 'onclick' not allowed on <sup>"),
    Row("md_in_html block", line('<div markdown="1">**x**</div>'), ART, "<div", "raw HTML <div> not allowed"),
    Row("HTML comment hiding text", body("<!-- 隐藏 -->"), ART, "<!--", "raw HTML not allowed: HTML comment"),
    Row("unclosed tag", body("<img src=x onerror=alert(1)//"), ART, "<img", "'<' here would start raw HTML"),
    Row("processing instruction", body("<?php echo 1; ?>"), ART, "<?php", "raw HTML not allowed: processing instruction"),
    # --- body: attribute lists ---------------------------------------------------------------
    Row("attr_list style on a paragraph", body('正文{style="background:url(https://evil.example/x)"}'), ART, "style=", "'{' is only for a heading's anchor"),
    Row("attr_list on a line of its own", line("{: onclick=alert(1) }"), ART, "onclick", "'{' is only for a heading's anchor"),
    Row("attr_list href on a link", body("[点此](#sec-1){href=javascript:alert(1)}"), ART, "href=", "'{' is only for a heading's anchor"),
    Row("attr_list onclick", body("*强调*{onclick=alert(1)}"), ART, "onclick", "'{' is only for a heading's anchor"),
    Row("class and onclick on a heading", front("## 二、第二节 {#sec-2}", "## 二、第二节 {#sec-2 .md-button onclick=alert(1)}"), ART, "二、第二节",
        "a heading's anchor is written {#sec-1}"),
    # --- body: links and pictures ------------------------------------------------------------
    Row("javascript: link", body("[点此](javascript:alert(1))"), ART, "javascript", LINK_ONLY),
    Row("JaVaScRiPt: link", body("[点此](JaVaScRiPt:alert(1))"), ART, "JaVaScRiPt", LINK_ONLY),
    Row("java&#x09;script: link", body("[点此](java&#x09;script:alert(1))"), ART, "java&", LINK_ONLY),
    Row("&#106;avascript: link", body("[点此](&#106;avascript:alert(1))"), ART, "&#106;", LINK_ONLY),
    Row("javascript&colon; link", body("[点此](javascript&colon;alert(1))"), ART, "&colon;", LINK_ONLY),
    Row("vbscript: link", body("[点此](vbscript:msgbox(1))"), ART, "vbscript", LINK_ONLY),
    Row("data: link", body("[点此](data:text/html;base64,PHNjcmlwdD4=)"), ART, "data:", LINK_ONLY),
    Row("data: picture", body("![图](data:image/svg+xml;base64,PHN2Zz4=)"), ART, "data:", "a picture must be a .png, .jpg, .jpeg, .webp or .gif file"),
    Row("picture from another host", body("![图](https://evil.example/track.png)"), ART, "evil.example", "a picture must be a .png"),
    Row("javascript: autolink", body("<javascript:alert(1)>"), ART, "<javascript", "raw HTML <javascript:alert(1)> not allowed"),
    Row("quote in an autolink", body('<https://example.org/"onmouseover=alert(1)>'), ART, "onmouseover", "malformed URL"),
    Row("user name before the host", body("[外交部](https://www.mfa.gov.cn@evil.example/)"), ART, "evil.example", "malformed URL"),
    Row("protocol-relative link", body("[点此](//evil.example/)"), ART, "//evil", "write the full https:// address"),
    Row("backslashes for slashes", body("[点此](\\\\evil.example/)"), ART, "evil.example", "a link is written [text](address)"),
    Row("link reference definition", line("[x]: javascript:alert(1)"), ART, "[x]:", "'[name]: address' defines a link target"),
    # --- body: other blocks, characters, size ------------------------------------------------
    Row("tab block", line('=== "标签"'), ART, "===", "'===' at the start of a line opens a tab"),
    Row("tab block inside a footnote", front("[^2]: 注二", '[^2]: === "标签"'), ART, "[^2]:", "in a footnote's text: '===' at the start"),
    Row("list inside a footnote", front("[^2]: 注二", "[^2]: - 注二"), ART, "[^2]:", "in a footnote's text: '- ', '* ' or '+ '"),
    Row("table", line("a|b\n|-|"), ART, "|-|", "a line of only '|', '-' and ':' makes the line above it a table"),
    Row("fenced code", line("~~~\n<script>\n~~~"), ART, "~~~", "'~~~' at the start of a line opens a code block"),
    Row("footnote labels that crash the build", line("[^]:[^:]:\n[^1]:"), ART, "[^]:", "a footnote is written [^12]"),
    Row("[TOC] inside emphasis", body("*[TOC]*"), ART, "[TOC]", "'[TOC]' inserts a table of contents"),
    Row("indented code", line("    code"), ART, "    code", "a line may not start with a space or a tab"),
    Row("character reference for a bidi override", body("&#x202e;"), ART, "&#x202e;", "character reference '&#x202e;' is not allowed"),
    Row("bidi override in the body", body("\u202e"), ART, "\u202e", "invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    Row("bidi isolate in the body", body("\u2067"), ART, "\u2067", "invisible character U+2067 (RIGHT-TO-LEFT ISOLATE)"),
    Row("zero-width joiner in the body", body("\u200d"), ART, "\u200d", "invisible character U+200D (ZERO WIDTH JOINER)"),
    Row("NUL byte in the body", body("\x00"), ART, "\x00", "invisible character U+0000"),
    Row("ESC byte in the body", body("\x1b[31m"), ART, "\x1b", "invisible character U+001B"),
    Row("C1 control in the body", body("\x85"), ART, "\x85", "invisible character U+0085"),
    Row("2 MB body", body("长" * 700_000), ART, 1, "the page is 2,"),
    Row("a page of problems", body("`" * 5000), ART, "`", "backticks are not allowed"),
    # --- body: tables, figures, lists, quotes (the contract's blocks) --------------------------
    Row("table with onclick", table('<table id="table-1">', '<table id="table-1" onclick="alert(1)">'), ART, "<table id",
        "attribute 'onclick' not allowed on <table>"),
    Row("table with style", table('<table id="table-1">', '<table id="table-1" style="position:fixed">'), ART, "<table id",
        "attribute 'style' not allowed on <table>"),
    Row("script inside a cell", table("<td>189.3", "<td><script>alert(1)</script>"), ART, "<script>", "<script> is not allowed in a table"),
    Row("cell with a URL attribute", table("<td>189.3", '<td background="https://evil.example/x.png">'), ART, "background",
        "attribute 'background' not allowed on <td>"),
    Row("picture in a cell", table("<td>189.3", '<td><img src="x.png" onerror="alert(1)">'), ART, "<img", "<img> is not allowed in a table"),
    Row("link in a caption", table("表1　贸易额", '<a href="javascript:alert(1)">表1</a>'), ART, "<caption>", "<a> is not allowed in a table"),
    Row("event handler on a header cell", table('<th scope="col">年份', '<th scope="col" onmouseover="alert(1)">年份'), ART, "onmouseover",
        "attribute 'onmouseover' not allowed on <th>"),
    Row("table not closed", table("\n</table>", ""), ART, "</tbody>", "a table ends with '</table>' on a line of its own"),
    Row("table closed after an empty line", table("</tbody>\n", "</tbody>\n\n"), ART, "<table id", "<table> is not closed"),
    Row("colspan=99999", table("<td>189.3", '<td colspan="99999">189.3'), ART, "99999", "<td colspan=…> must be columns spanned, 1 to 50"),
    Row("script after the table's end", table("\n</table>", "\n</table>\n<script>alert(1)</script>"), ART, "<script>",
        "<script> is not allowed in a table"),
    Row("comment hiding text in a table", table("189.3", "<!-- x -->189.3"), ART, "<!--", "raw HTML not allowed in a table: HTML comment"),
    Row("md_in_html on a table", table('<table id="table-1">', '<table id="table-1" markdown="1">'), ART, "<table id",
        "attribute 'markdown' not allowed on <table>"),
    Row("a table inside a paragraph", body('文字<table id="table-9"><tr><td>x</td></tr></table>'), ART, "<table id",
        "raw HTML <table> not allowed here: a table is a block of its own"),
    Row("figure whose picture is on another host", figure("article-figure-1.png", "https://evil.example/track.png"), ART, "evil.example",
        "a picture must be a .png"),
    Row("figure whose picture is in another folder", figure("article-figure-1.png", "../01/article-figure-1.png"), ART, "../01",
        "a picture must be a .png"),
    Row("figure with an extra attribute", figure('markdown="span">', 'markdown="span" onclick="alert(1)">'), ART, "<figure",
        "attribute 'onclick' not allowed on <figure>"),
    Row("figure with a script", figure("资料来源：作者。", "<script>alert(1)</script>"), ART, "<figcaption>", "<script> is not allowed in a figure"),
    Row("list nested by indentation", line("- 一项\n    - 嵌套"), ART, "    - 嵌套", "a line may not start with a space or a tab"),
    Row("list nested by markers", line("- - 嵌套"), ART, "- - 嵌套", "'- ' here would make a list inside another block"),
    Row("list item continued on a second line", line("- 一项\n续行"), ART, "续行", "every line of a list is one item"),
    Row("quote containing a heading", line("> ## 标题"), ART, "> ## 标题", "'#' here would make a heading inside a list or a quote"),
    Row("quote containing a table", line("> " + TABLE.replace("\n", "\n> ")), ART, "> <table", "raw HTML <table> not allowed here"),
    Row("quote nested in a quote", line("> > 嵌套"), ART, "> > 嵌套", "'>' here would make a block quote inside another block"),
    Row("quote containing code", line("> ~~~\n> <script>\n> ~~~"), ART, "> ~~~", "'~~~' at the start of a line opens a code block"),
    Row("300,000 unclosed '<' in a paragraph", body("a<" * 300_000), ART, "a<", "'<' here would start raw HTML"),
    Row("300,000 unclosed '<' in a table", table("表1　贸易额", "a<" * 300_000), ART, "<caption>", "'<' here would start raw HTML"),
    Row("100,000 nested sup in a table", table("189.3", "<sup>" * 100_000), ART, "<sup><sup>", "<sup> is not allowed inside <sup>"),
    # --- files -------------------------------------------------------------------------------
    Row(".html file", write("evil.html", "<script>alert(1)</script>"), "evil.html", 1, "a .html file has no place here"),
    Row(".svg file", write("2026/02/figure.svg", "<svg onload=alert(1)/>"), "2026/02/figure.svg", 1, "a .svg file has no place here"),
    Row("HTML named .png", write("2026/02/figure.png", "<script>alert(1)</script>"), "2026/02/figure.png", 1, "the file is not a PNG picture"),
    Row("script under docs/", write("2026/02/x.js", "alert(1)"), "2026/02/x.js", 1, "expected content only under docs/: a .js file"),
    Row("stylesheet under docs/", write("assets/stylesheets/x.css", "body{display:none}"), "assets/stylesheets/x.css", 1,
        "expected content only under docs/: a .css file changes how every page looks or runs; put it in overrides/assets/stylesheets/"),
    Row("a page below an article", write("2026/02/article/index.md", PAGE), "2026/02/article/index.md", 1,
        "two sources for one address: this page and docs/2026/02/article.md"),
    Row("orphan page", write("extra.md", PAGE), "extra.md", 1, "this page would be outside the navigation"),
    Row("README as a second index", write("2026/02/README.md", PAGE), "2026/02/README.md", 1, "an article's file name is lower-case letters"),
    Row("symbolic link to a file outside docs/", symlink("2026/02/passwd.md", "/etc/passwd"), "2026/02/passwd.md", 1, "symbolic link"),
    Row("symbolic link to a folder", symlink("2026/02/etc", "/etc"), "2026/02/etc", 1, "symbolic link to a folder"),
    Row("named pipe", fifo("2026/02/pipe.md"), "2026/02/pipe.md", 1, "not a regular file"),
    Row("file name with a bidi override", write("2026/02/gpj.\u202emd", PAGE), "2026/02/gpj.\\u202emd", 1,
        "the file's name holds a character that is not UTF-8 or cannot be seen"),
    Row("file name with a newline", write("2026/02/a\nb.md", PAGE), "2026/02/a\\nb.md", 1, "the file's name holds a character"),
    Row("file name that is not UTF-8", write(os.fsdecode(b"2026/02/\xff.md"), PAGE), "2026/02/\\udcff.md", 1, "the file's name holds a character"),
    # --- the pages of an issue ---------------------------------------------------------------
    Row("overlapping pages", front("first_page: 49", "first_page: 40", "2026/02/other.md"), "2026/02/other.md", "first_page",
        "pages 40–60 overlap pages 35–48 of docs/2026/02/article.md"),
    Row("issue number of another folder", front("  number: 2\n", "  number: 3\n"), ART, "  number:", "issue.number is 3, but the page is in docs/2026/02/"),
]


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_hostile_input_is_reported_at_its_line(docs, row):
    row.change(docs)
    at = row.at if isinstance(row.at, int) else line_of(docs, row.at, row.page)
    start = time.perf_counter()
    found = [str(problem) for problem in check_docs(docs)]
    # A bound far above the usual ~10 ms (the machine is shared), far below the minutes an alias
    # bomb or a quadratic pattern would take: this is a denial-of-service guard, not a benchmark.
    assert time.perf_counter() - start < 10.0, "the check must stay fast whatever a page holds"
    expected = f"docs/{row.page}:{at}: {row.says}"
    assert any(problem.startswith(expected) for problem in found), f"{expected!r} not in {found}"
    assert check_docs(ROOT / "docs") == []


def test_a_page_of_problems_is_summed_up(docs):
    body("`" * 5000)(docs)
    found = [str(problem) for problem in check_docs(docs) if problem.path.endswith("article.md")]
    assert len(found) == 51
    assert found[-1].endswith("… and 4950 more problems on this page, not shown")


def test_every_row_names_a_distinct_attack():
    names = [row.name for row in ROWS]
    assert len(names) == len(set(names))

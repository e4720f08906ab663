"""build_tools/check_content.py: the content check CI runs on readers' pull requests.

Each test copies the fixture pages (tests/fixtures/content/) into tmp_path as a tiny docs/
folder — a home page, an issue contents page and two articles, all clean — then breaks one
thing and checks the problem reported: its line, and what it says.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from journal.checks import check_docs, main

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLE = "docs/2026/02/article.md"


@pytest.fixture
def docs(tmp_path, monkeypatch):
    """tmp_path/docs with the fixture pages; the working directory is tmp_path, so messages
    name pages as docs/2026/02/article.md."""
    issue = tmp_path / "docs" / "2026" / "02"
    issue.mkdir(parents=True)
    shutil.copy(FIXTURES / "home.md", tmp_path / "docs" / "index.md")
    shutil.copy(FIXTURES / "index.md", issue / "index.md")
    shutil.copy(FIXTURES / "article.md", issue / "article.md")
    shutil.copy(FIXTURES / "article.md", issue / "other.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "docs"


def edit(docs, old, new, page="2026/02/article.md"):
    path = docs / page
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not exactly once in {page}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(docs, text, page="2026/02/article.md"):
    lines = (docs / page).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if text in line)


def problems(docs):
    return [str(problem) for problem in check_docs(docs)[0]]


def only_problem(docs):
    found = problems(docs)
    assert len(found) == 1, found
    return found[0]


def test_fixture_pages_are_clean(docs):
    assert problems(docs) == []
    assert main([str(docs)]) == 0


# --- front matter -------------------------------------------------------------------------

def test_missing_title(docs):
    edit(docs, "title: 小小的测试文章\n", "")
    assert only_problem(docs) == f"{ARTICLE}:2: missing required field 'title'"


def test_page_number_not_a_number(docs):
    edit(docs, "first_page: 35\n", "first_page: 35a\n")
    assert only_problem(docs) == f"{ARTICLE}:{line_of(docs, 'first_page')}: first_page must be a whole number, got '35a'"


def test_last_page_before_first_page(docs):
    edit(docs, "last_page: 48", "last_page: 30")
    assert only_problem(docs) == f"{ARTICLE}:{line_of(docs, 'last_page')}: last_page (30) is before first_page (35)"


def test_page_number_with_leading_zero_is_read_as_octal(docs):
    edit(docs, "first_page: 35", "first_page: 035")
    assert "first_page must be written as plain digits, got '035' (YAML reads it as 29)" in only_problem(docs)


def test_issn_pattern_and_nested_key_line(docs):
    edit(docs, "  issn: 0452-8832", "  issn: 0452-883")
    assert only_problem(docs) == f"{ARTICLE}:{line_of(docs, 'issn')}: issue.issn must look like 0452-8832, got '0452-883'"


def test_unquoted_date(docs):
    edit(docs, "published: '2026-03-15'", "published: 2026-03-15")
    message = only_problem(docs)
    assert message.startswith(f"{ARTICLE}:{line_of(docs, 'published')}: issue.published must be text in quotes")


def test_author_without_bio_and_empty_keywords(docs):
    edit(docs, "  bio: 某大学教授\n", "")
    edit(docs, "keywords:\n- 中美关系\n- 元首外交\n", "keywords: []\n")
    assert problems(docs) == [
        f"{ARTICLE}:6: missing required field 'authors[0].bio'",
        f"{ARTICLE}:{line_of(docs, 'keywords')}: keywords must not be an empty list",
    ]


def test_unknown_key_is_a_typo(docs):
    edit(docs, "editor: 王五", "editer: 王五")
    missing, unknown = problems(docs)
    assert missing == f"{ARTICLE}:2: missing required field 'editor'"
    assert unknown.startswith(f"{ARTICLE}:{line_of(docs, 'editer')}: unknown field 'editer' (a typo? known fields: title, ")


def test_theme_keys_are_allowed_on_articles(docs):
    edit(docs, "title: 小小的测试文章\n", "title: 小小的测试文章\nhide:\n- navigation\nsearch:\n  boost: 2\n")
    assert problems(docs) == []


def test_duplicate_key(docs):
    edit(docs, "clc: D822.371.2\n", "clc: D822.371.2\nclc: D822\n")
    assert only_problem(docs) == f"{ARTICLE}:18: field 'clc' appears twice (first at line 17); YAML keeps only the last"


def test_invalid_yaml_is_a_clear_message_not_a_traceback(docs, capsys):
    edit(docs, "column: 区域与国别\n", "column: [区域与国别\n")
    assert main([str(docs)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    (message,) = out.splitlines()
    assert re.fullmatch(rf"{ARTICLE}:\d+: front matter is not valid YAML: .+", message), message


def test_invalid_yaml_through_the_command_line(docs):
    edit(docs, "abstract: 提要。", "abstract: '提要。")
    result = subprocess.run(
        [sys.executable, "-m", "journal.checks", "docs"], cwd=docs.parent,
        capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.fullmatch(rf"{ARTICLE}:\d+: front matter is not valid YAML: [^\n]+\n", result.stdout), result.stdout


def test_missing_front_matter(docs):
    text = (docs / "2026/02/article.md").read_text(encoding="utf-8")
    (docs / "2026/02/article.md").write_text(text.split("---\n", 2)[2], encoding="utf-8")
    assert f"{ARTICLE}:1: missing front matter" in only_problem(docs)


def test_unclosed_front_matter(docs):
    edit(docs, "---\n\n\n引言", "\n\n引言")
    assert f"{ARTICLE}:1: front matter has no closing '---' line" in problems(docs)[0]


def test_front_matter_that_is_not_a_mapping(docs):
    (docs / "2026/02/third.md").write_text("---\n- a list\n---\n\n正文。\n", encoding="utf-8")
    assert only_problem(docs).startswith("docs/2026/02/third.md:2: front matter must be a mapping")


def test_page_that_is_not_utf8(docs):
    (docs / "2026/02/other.md").write_bytes("---\ntitle: 标题\n".encode("gb18030"))
    assert only_problem(docs) == "docs/2026/02/other.md:2: not UTF-8 text (byte 0xb1)"


def test_issue_page_schema(docs):
    edit(docs, "  year: 2026\n", "  year: '2026'\n", page="2026/02/index.md")
    assert only_problem(docs) == "docs/2026/02/index.md:6: issue.year must be a whole number, got '2026'"


# --- footnotes and anchors ---------------------------------------------------------------

def test_footnote_without_definition_and_definition_without_reference(docs):
    edit(docs, "见第二节[^1]", "见第二节[^3]")
    assert problems(docs) == [
        f"{ARTICLE}:{line_of(docs, '[^3]')}: footnote [^3] is referenced but has no definition '[^3]: …'",
        f"{ARTICLE}:{line_of(docs, '[^1]:')}: footnote [^1] is defined but never referenced",
    ]


def test_duplicate_footnote_definition(docs):
    edit(docs, "[^2]: 注二", "[^1]: 又一个注一\n\n[^2]: 注二")
    first, second = line_of(docs, "[^1]: 注一"), line_of(docs, "又一个注一")
    assert only_problem(docs) == f"{ARTICLE}:{second}: footnote [^1] is defined twice (first at line {first})"


def test_footnote_in_code_is_text(docs):
    edit(docs, "引言，", "引言 `[^9]` 与 `<div>`，")
    assert problems(docs) == []


def test_duplicate_anchor(docs):
    edit(docs, "## 二、第二节 {#sec-2}", "## 二、第二节 {#sec-1}")
    found = problems(docs)
    assert f"{ARTICLE}:{line_of(docs, '二、第二节')}: duplicate anchor '#sec-1' (first at line {line_of(docs, '一、第一节')})" in found
    assert f"{ARTICLE}:{line_of(docs, '(#sec-2)')}: no anchor '#sec-2' on this page" in found


def test_anchor_clashing_with_footnote_id(docs):
    edit(docs, "{#sec-1}", "{#fn:2}")
    found = problems(docs)
    assert f"{ARTICLE}:{line_of(docs, '{#fn:2}')}: anchor '#fn:2' is also the id of footnote [^2]" in found


# --- links ---------------------------------------------------------------------------------

def test_link_to_missing_page_and_anchor(docs):
    edit(docs, "(index.md)", "(indx.md)")
    edit(docs, "(other.md#sec-1)", "(other.md#sec-9)")
    assert problems(docs) == [
        f"{ARTICLE}:{line_of(docs, 'indx.md')}: link to a page that does not exist: 'indx.md' (docs/2026/02/indx.md)",
        f"{ARTICLE}:{line_of(docs, 'sec-9')}: no anchor '#sec-9' in docs/2026/02/other.md (link 'other.md#sec-9')",
    ]


def test_generated_pages_and_files_are_accepted(docs):
    edit(docs, "(index.md)", "(../../authors.md#张三)和[RIS](other.ris)")
    assert problems(docs) == []


def test_link_outside_docs_and_absolute(docs):
    edit(docs, "(index.md)", "(../../../README.md)")
    edit(docs, "(#sec-2)", "(/2026/02/index.md)")
    found = problems(docs)
    assert len(found) == 2
    assert "points outside docs/" in found[0] + found[1]
    assert "must be relative to this page" in found[0] + found[1]


@pytest.mark.parametrize("url", ["https://exa mple.com/", "http://", "https://example/x", "ftp://example.com/", "mailto:a@b.c", "https://example.com:99999/"])
def test_malformed_external_links(docs, url):
    edit(docs, "(https://www.mfa.gov.cn/ \"外交部\")", f"({url})")
    message = only_problem(docs)
    assert message.startswith(f"{ARTICLE}:{line_of(docs, '[^2]: 注二')}: ")
    assert "malformed URL" in message or "only http:// and https:// links" in message


def test_malformed_autolink(docs):
    edit(docs, "<https://www.mfa.gov.cn/web", "<https://www..mfa.gov.cn/web")
    assert "malformed URL" in only_problem(docs)


# --- raw HTML --------------------------------------------------------------------------------

def test_raw_html_outside_the_allow_list(docs):
    edit(docs, "正文，见", '<div class="x">正文</div>，<span style="color:red">见</span><!-- 注释 -->')
    line = line_of(docs, "<div")
    assert problems(docs) == [
        f"{ARTICLE}:{line}: raw HTML <div> not allowed (allowed: <br>, <sup>, <sub>, <abbr>, <span>; otherwise use Markdown)",
        f"{ARTICLE}:{line}: raw HTML </div> not allowed (allowed: <br>, <sup>, <sub>, <abbr>, <span>; otherwise use Markdown)",
        f"{ARTICLE}:{line}: attribute 'style' not allowed on <span>",
        f"{ARTICLE}:{line}: raw HTML not allowed: HTML comment '<!--…'",
    ]


# --- safety: each hostile input on its own -------------------------------------------------

HOSTILE_BODY = {
    "script": ("<script>alert(1)</script>", "<script> is not allowed"),
    "onerror": ('<img src="x.png" onerror="alert(1)">', "event-handler attribute 'onerror=' is not allowed"),
    "onclick attr list": ("[点此](#sec-1){: onclick=alert(1) }", "event-handler attribute 'onclick=' is not allowed"),
    "javascript link": ("[点此](javascript:alert(1))", "'javascript:' URL is not allowed"),
    "JaVaScRiPt mixed case": ("[点此](JaVaScRiPt:alert(1))", "'javascript:' URL is not allowed"),
    "entity tab trick": ("[点此](java&#x09;script:alert(1))", "'javascript:' URL is not allowed"),
    "entity letter trick": ('<a href="&#106;avascript:alert(1)">点此</a>', "'javascript:' URL is not allowed"),
    "data URL": ("[点此](data:text/html;base64,PHNjcmlwdD4=)", "'data:' URL is not allowed"),
    "data URL in img": ("![图](data:image/svg+xml,<svg onload=alert(1)>)", "'data:' URL is not allowed"),
    "iframe": ('<iframe src="https://example.com/"></iframe>', "<iframe> is not allowed"),
    "object": ('<object data="x.swf"></object>', "<object> is not allowed"),
    "embed": ('<embed src="x.swf">', "<embed> is not allowed"),
    "style": ("<style>body{display:none}</style>", "<style> is not allowed"),
}


@pytest.mark.parametrize("name", HOSTILE_BODY)
def test_hostile_body(docs, name, capsys):
    snippet, expected = HOSTILE_BODY[name]
    edit(docs, "正文，见", snippet + "正文，见")
    line = line_of(docs, snippet)
    assert main([str(docs)]) == 1
    out = capsys.readouterr().out
    assert f"{ARTICLE}:{line}: {expected}" in out, out


HOSTILE_FRONT_MATTER = {
    "script in title": ("title: 小小的测试文章", "title: 小小的测试文章<script>alert(1)</script>", "title", "<script> is not allowed"),
    "onerror in bio": ("bio: 某大学教授", "bio: '某大学教授<img src=x onerror=alert(1)>'", "bio", "event-handler attribute 'onerror='"),
    "javascript in abstract": ("abstract: 提要。", 'abstract: "提要 [x](JAVA\\tSCRIPT:alert(1))"', "abstract:", "'javascript:' URL is not allowed"),
    "data URL as a value": ("clc: D822.371.2", "clc: 'data:text/html,<b>x</b>'", "clc", "'data:' URL is not allowed"),
    "iframe in a keyword": ("- 元首外交", "- 元首外交<iframe src=x>", "元首外交", "<iframe> is not allowed"),
}


@pytest.mark.parametrize("name", HOSTILE_FRONT_MATTER)
def test_hostile_front_matter(docs, name):
    old, new, where, expected = HOSTILE_FRONT_MATTER[name]
    edit(docs, old, new)
    found = problems(docs)
    assert any(p.startswith(f"{ARTICLE}:{line_of(docs, where)}: {expected}") and "in front matter value" in p for p in found), found


def test_hostile_front_matter_on_the_home_page(docs):
    edit(docs, "title: 国际问题研究", "title: 国际问题研究<script>x</script>", page="index.md")
    assert only_problem(docs).startswith("docs/index.md:2: <script> is not allowed")


def test_hostile_text_in_invalid_yaml_is_still_reported(docs):
    edit(docs, "column: 区域与国别", "column: [<script>")
    found = problems(docs)
    assert any("front matter is not valid YAML" in p for p in found)
    assert f"{ARTICLE}:{line_of(docs, '<script>')}: <script> is not allowed (it can run script or change the page) — in the front matter" in found


def test_ordinary_words_are_not_hostile(docs):
    edit(docs, "正文，见", "The data: one online=two, metadata:x, “javascript” and a < link > b. 正文，见")
    assert problems(docs) == []


# --- all at once, and the real pages -------------------------------------------------------

def test_every_problem_in_one_run(docs, capsys):
    edit(docs, "first_page: 35", "first_page: x")
    edit(docs, "见第二节[^1]", "见第二节[^7]")
    edit(docs, "(index.md)", "(gone.md)")
    edit(docs, "正文，见", "<script>alert(1)</script>正文，见")
    edit(docs, "  issn: 0452-8832", "  issn: 04528832", page="2026/02/index.md")
    assert main([str(docs)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split(": ", 1)[1].split(" ")[0] for line in out] == [
        "first_page", "footnote", "link", "<script>", "footnote", "issue.issn",
    ], out
    assert all(re.match(r"docs/2026/02/(article|index)\.md:\d+: ", line) for line in out)


def test_real_docs_are_clean(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main([]) == 0, capsys.readouterr().out


def test_command_line_on_the_real_docs():
    result = subprocess.run([sys.executable, "-m", "journal.checks"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""

"""checks/frontmatter.py: front matter read safely as YAML, then checked against the schema."""

import re
import subprocess
import sys
import time

from journal.checks import main

from tests.checks.helpers import ARTICLE, ROOT, alias_bomb, edit, line_of, only_problem, problems


# --- the schema, at the line of the key ----------------------------------------------------

def test_missing_title(docs):
    edit(docs, "title: 小小的测试文章\n", "")
    assert only_problem(docs) == f"{ARTICLE}:2: missing required field 'title'"


def test_page_number_not_a_number(docs):
    edit(docs, "first_page: 35\n", "first_page: 35a\n")
    assert only_problem(docs) == f"{ARTICLE}:{line_of(docs, 'first_page')}: first_page must be a whole number, got '35a'"


def test_page_number_written_as_a_decimal(docs):
    edit(docs, "first_page: 35\n", "first_page: 35.0\n")
    assert only_problem(docs) == f"{ARTICLE}:{line_of(docs, 'first_page')}: first_page must be a whole number, got 35.0 (a number)"


def test_last_page_before_first_page(docs):
    edit(docs, "last_page: 48", "last_page: 30")
    assert only_problem(docs) == f"{ARTICLE}:{line_of(docs, 'last_page')}: last_page (30) is before first_page (35)"


def test_issn_pattern_and_nested_key_line(docs):
    edit(docs, "  issn: 0452-8832", "  issn: 0452-883")
    assert only_problem(docs) == f"{ARTICLE}:{line_of(docs, 'issn')}: issue.issn must look like 0452-8832, got '0452-883'"


def test_unquoted_date(docs):
    edit(docs, "published: '2026-03-15'", "published: 2026-03-15")
    assert only_problem(docs) == (f"{ARTICLE}:{line_of(docs, 'published')}: issue.published must be text in quotes, "
                                  "like '2026-03-15', got an unquoted date (2026-03-15)")


def test_impossible_date(docs):
    edit(docs, "published: '2026-03-15'", "published: '2026-02-30'")
    assert "issue.published must be a real date written YYYY-MM-DD" in only_problem(docs)


def test_author_without_bio_and_empty_keywords(docs):
    edit(docs, "  bio: 某大学教授\n", "")
    edit(docs, "keywords:\n- 中美关系\n- 元首外交\n", "keywords: []\n")
    assert problems(docs) == [
        f"{ARTICLE}:6: missing required field 'authors[0].bio'",
        f"{ARTICLE}:{line_of(docs, 'keywords')}: keywords must not be an empty list",
    ]


def test_blank_text(docs):
    edit(docs, "editor: 王五", "editor: '  '")
    assert only_problem(docs) == f"{ARTICLE}:{line_of(docs, 'editor')}: editor must not be empty"


def test_text_too_long(docs):
    edit(docs, "title: 小小的测试文章", "title: " + "长" * 301)
    assert only_problem(docs) == (f"{ARTICLE}:2: title must be at most 300 characters long, got 301: "
                                  "is other text pasted into it?")


def test_unknown_key_is_a_typo(docs):
    edit(docs, "editor: 王五", "editer: 王五")
    missing, unknown = problems(docs)
    assert missing == f"{ARTICLE}:2: missing required field 'editor'"
    assert unknown.startswith(f"{ARTICLE}:{line_of(docs, 'editer')}: unknown field 'editer' (a typo? known fields: kind, title, ")


def test_theme_keys_are_refused(docs):
    # Changed on purpose: template, hide and search used to be allowed on every page. The
    # plugin now sets them by a page's place, and Material prints some of them unescaped.
    edit(docs, "title: 小小的测试文章\n", "title: 小小的测试文章\nhide:\n- navigation\nsearch:\n  boost: 2\n")
    edit(docs, "title: 国际问题研究\n", "title: 国际问题研究\ntemplate: home.html\n", page="index.md")
    assert [p.split(" (a typo?")[0] for p in problems(docs)] == [
        f"{ARTICLE}:3: unknown field 'hide'",
        f"{ARTICLE}:5: unknown field 'search'",
        "docs/index.md:3: unknown field 'template'",
    ]


def test_duplicate_key(docs):
    edit(docs, "clc: D822.371.2\n", "clc: D822.371.2\nclc: D822\n")
    assert only_problem(docs) == f"{ARTICLE}:18: field 'clc' appears twice (first at line 17); YAML keeps only the last"


def test_markup_in_a_value(docs):
    edit(docs, "column: 区域与国别", "column: 区域<b>与</b>国别")
    assert only_problem(docs).startswith(f"{ARTICLE}:4: column must be plain text: no HTML ('<', '>'), no backticks, "
                                         "no Markdown link '[…](…)', no control, direction-changing (bidi) or "
                                         "zero-width characters, no noncharacters, on one line (no line break); "
                                         "at character 3: '<b>与</b>国别'")


def test_issue_page_schema(docs):
    edit(docs, "  year: 2026\n", "  year: '2026'\n", page="2026/02/index.md")
    assert only_problem(docs) == "docs/2026/02/index.md:6: issue.year must be a whole number, got '2026'"


def test_home_page_holds_only_a_title(docs):
    edit(docs, "title: 国际问题研究\n", "title: 国际问题研究\nsubtitle: 网络版\n", page="index.md")
    assert only_problem(docs).startswith("docs/index.md:3: unknown field 'subtitle' (a typo? known fields: title)")


# --- what YAML reads without a word --------------------------------------------------------

def test_page_number_with_leading_zero_is_read_as_octal(docs):
    edit(docs, "first_page: 35", "first_page: 035")
    assert only_problem(docs) == (f"{ARTICLE}:{line_of(docs, 'first_page')}: first_page must be written as plain digits, "
                                  "got '035' (YAML reads it as 29)")


def test_other_spellings_of_whole_numbers(docs):
    edit(docs, "last_page: 48", "last_page: 4_8")
    edit(docs, "  total: 232", "  total: 0xe8")
    found = problems(docs)
    assert f"{ARTICLE}:{line_of(docs, 'last_page')}: last_page must be written as plain digits, got '4_8' (YAML reads it as 48)" in found
    assert f"{ARTICLE}:{line_of(docs, 'total')}: issue.total must be written as plain digits, got '0xe8' (YAML reads it as 232)" in found


def test_yes_is_not_text(docs):
    edit(docs, "document_code: A", "document_code: yes")
    assert only_problem(docs).endswith("document_code must be text in quotes, like 'A', got true (YAML reads yes/no/true/false so)")


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


def test_control_character_in_yaml_at_its_line(docs):
    edit(docs, "editor: 王五", "editor: 王\x1b五")
    assert only_problem(docs).startswith(f"{ARTICLE}:{line_of(docs, 'editor')}: front matter is not valid YAML: unacceptable character #x001b")


def test_missing_front_matter(docs):
    text = (docs / "2026/02/article.md").read_text(encoding="utf-8")
    (docs / "2026/02/article.md").write_text(text.split("---\n", 2)[2], encoding="utf-8")
    assert f"{ARTICLE}:1: missing front matter: an article page starts with '---'" in only_problem(docs)


def test_unclosed_front_matter(docs):
    edit(docs, "---\n\n\n引言", "\n\n引言")
    assert only_problem(docs) == f"{ARTICLE}:1: front matter has no closing '---' line, so MkDocs would show it as text"


def test_front_matter_that_is_not_a_mapping(docs):
    (docs / "2026/02/third.md").write_text("---\n- a list\n---\n\n正文。\n", encoding="utf-8")
    assert only_problem(docs).startswith("docs/2026/02/third.md:2: front matter must be a mapping")


def test_page_that_is_not_utf8(docs):
    (docs / "2026/02/other.md").write_bytes("---\ntitle: 标题\n".encode("gb18030"))
    assert only_problem(docs).startswith("docs/2026/02/other.md:2: not UTF-8 text (byte 0xb1)")


# --- refused before anything is built ------------------------------------------------------

def test_anchor_and_alias(docs):
    edit(docs, "editor: 王五", "editor: &who 王五\nalias: *who")
    assert only_problem(docs) == f"{ARTICLE}:{line_of(docs, 'editor')}: YAML anchor '&who' is not allowed: write each value out in full"


def test_alias_bomb_is_refused_at_once(docs):
    edit(docs, "editor: 王五\n", "editor: 王五\n" + alias_bomb())
    start = time.perf_counter()
    message = only_problem(docs)
    assert time.perf_counter() - start < 0.5
    assert message == f"{ARTICLE}:{line_of(docs, 'a0:')}: YAML anchor '&a0' is not allowed: write each value out in full"


def test_tags(docs):
    edit(docs, "editor: 王五", "editor: !ENV [GITHUB_TOKEN]")
    assert only_problem(docs) == f"{ARTICLE}:{line_of(docs, 'editor')}: YAML tag '!ENV' is not allowed: write the plain value (text in quotes if need be)"


def test_python_tag(docs):
    edit(docs, "editor: 王五", "editor: !!python/object/apply:os.system ['true']")
    assert "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" in only_problem(docs)


def test_merge_key(docs):
    edit(docs, "editor: 王五", "editor: 王五\n<<: {template: home.html}")
    assert only_problem(docs) == f"{ARTICLE}:{line_of(docs, '<<')}: YAML merge key '<<' is not allowed: write each field out in full"


def test_front_matter_size_is_bounded(docs):
    edit(docs, "abstract: 提要。", "abstract: " + "提" * 30_000)  # 90,000 bytes
    assert only_problem(docs).startswith(f"{ARTICLE}:2: front matter is 90,")


def test_a_line_break_in_a_single_line_field(docs):
    # A title over two lines would split the article's RIS record in two (issue 19).
    edit(docs, "title: 小小的测试文章", 'title: "小小的测试文章\\nER  - "')
    assert only_problem(docs).startswith(f"{ARTICLE}:2: title must be plain text: ")
    assert "on one line (no line break); at character 8" in only_problem(docs)


def test_a_noncharacter_is_refused_with_its_field(docs):
    edit(docs, "editor: 王五", 'editor: "王五\\uFFFF"')
    assert only_problem(docs).startswith(f"{ARTICLE}:{line_of(docs, 'editor')}: editor must be plain text: ")


def test_a_book_review_needs_no_abstract(docs):
    edit(docs, "abstract: 提要。\nabstract_en: 'Abstract: short.'\nkeywords:\n- 中美关系\n- 元首外交\n",
         "kind: review\nreviewed_book:\n  title: 书名\n  authors:\n  - 某人\n  publisher: 某出版社\n  year: 2025\n")
    assert problems(docs) == []


def test_an_article_without_abstract_is_refused_at_its_front_matter(docs):
    edit(docs, "abstract: 提要。\n", "")
    assert only_problem(docs).startswith(f"{ARTICLE}:2: missing required field 'abstract': an article (kind: article, or no kind)")

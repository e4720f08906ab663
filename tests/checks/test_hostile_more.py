"""More hostile input (issue 19's third review): the classes test_hostile.py did not cover, in
its table style. Each row is (what it tries, the change to a copy of the fixture pages, the page
and line the report must name, what the report starts with), and the check stays fast.

Exports (RIS and BibTeX forged through a field) are tested through their serializers in
tests/citations/; the bounds' exact numbers in test_limits.py."""

import time

import pytest

from journal.checks import check_docs, limits
from tests.checks.helpers import ROOT, line_of
from tests.checks.test_hostile import ART, Row, body, front, line

INVISIBLE = "invisible character U+{:04X}"
TEXT_IS_ADDRESS = "the link text is the address"


def article_refs(count, label="1"):
    return "正文" + f"见[^{label}]" * count


ROWS = [
    # --- invisible characters by category (finding 10) ----------------------------------------
    Row("soft hyphen in the body", body("国际\u00ad关系"), ART, "国际\u00ad关系", INVISIBLE.format(0xAD)),
    Row("Unicode tag characters hiding ASCII in the body", body("中国\U000e0065\U000e0076\U000e0069\U000e006c"), ART, "中国",
        INVISIBLE.format(0xE0065)),
    Row("Hangul filler in the body", body("张\u3164三"), ART, "张\u3164三", INVISIBLE.format(0x3164)),
    Row("half-width Hangul filler in the body", body("张\uffa0三"), ART, "张\uffa0三", INVISIBLE.format(0xFFA0)),
    Row("noncharacter U+FFFF in the body", body("标题\uffff"), ART, "标题\uffff", "noncharacter U+FFFF"),
    Row("tag characters in an author's name", front("name: 张三", "name: 张三\U000e0041\U000e0042"), ART, "name: 张三",
        f"authors[0].name: {INVISIBLE.format(0xE0041)}"),
    Row("soft hyphen in the title", front("title: 小小的测试文章", "title: 小小的\u00ad测试文章"), ART, 2, f"title: {INVISIBLE.format(0xAD)}"),
    Row("Hangul filler as a whole name", front("name: 张三", "name: \u3164"), ART, "name: ", "authors[0].name: "),
    Row("escaped noncharacter in the title (finding 11)", front("title: 小小的测试文章", 'title: "小小的测试文章\\uFFFF"'), ART, 2,
        "title must be plain text: no HTML"),  # the schema's single-line text rule names it first
    Row("escaped tag character in a keyword", front("- 中美关系", '- "中美关系\\U000E0041"'), ART, "中美关系", "keywords[0]: "),
    # --- links: text against target, hosts (finding 5) --------------------------------------
    Row("link text one URL, target another", body("[https://www.mfa.gov.cn/web/](https://evil.example/web/)"), ART,
        "evil.example", TEXT_IS_ADDRESS),
    Row("link text a domain, target elsewhere", body("[外交部网站 www.mfa.gov.cn](https://evil.example/)"), ART, "evil.example",
        "the link text names 'www.mfa.gov.cn'"),
    Row("Cyrillic letter in a host", body("[外交部](https://www.mfа.gov.cn/)"), ART, "mfа.gov.cn",
        "the host name 'www.mfа.gov.cn'"),
    Row("punycode homograph host", body("[苹果](https://xn--80ak6aa92e.com/)"), ART, "xn--80ak6aa92e", "the host name 'xn--80ak6aa92e.com'"),
    Row("non-ASCII host", body("[中国](https://中国.example/)"), ART, "中国.example", "the host name '中国.example'"),
    Row("Cyrillic letter in a mail domain", body("[编辑部](mailto:editor@mfа.gov.cn)"), ART, "editor@", "the host name 'mfа.gov.cn'"),
    # --- bounds (findings 6, 9, 11) -------------------------------------------------------------
    Row("notes in one paragraph", line(article_refs(limits.MAX_REFERENCES_PER_PARAGRAPH + 1)), ART, "见[^1]",
        f"a paragraph cites at most {limits.MAX_REFERENCES_PER_PARAGRAPH} footnotes"),
    # The fixture cites [^1] once: the 21st citation is in 第19段, the 501st <br> in 第4段.
    Row("one note cited thousands of times", line("\n\n".join(f"第{n}段[^1]" for n in range(4000))), ART, "第19段[^1]",
        f"footnote [^1] is cited 4,001 times; a note may be cited at most {limits.MAX_CITATIONS} times"),
    Row("16,000 '[' in a paragraph", line("正文" + "[" * 16_000), ART, "正文[[[", "a paragraph holds at most"),
    Row("40,000 <br>", line("\n\n".join(f"第{n}段" + "<br>" * 100 for n in range(400))), ART, "第4段<br>", f"a page holds at most {limits.MAX_LINE_BREAKS} '<br>'"),
    Row("<sup> nested 1,000 deep", line("正文" + "<sup>" * 1000 + "x" + "</sup>" * 1000), ART, "正文<sup>",
        f"inline tags nest at most {limits.MAX_INLINE_DEPTH} deep"),
    Row("front matter nested 20,000 deep", front("clc: D822.371.2", "clc: D822.371.2\nextra: " + "[" * 20_000 + "]" * 20_000), ART,
        "extra:", "front matter nests lists and mappings more than"),
    Row("front matter block lists 20,000 deep", front("clc: D822.371.2", "clc: D822.371.2\nextra:\n" + "- " * 20_000 + "x"), ART,
        "- - -", "front matter nests lists and mappings more than"),
    Row("mailto with a long run of labels (finding 9)", body("[编辑部](mailto:x@" + "a." * 20_000 + "@)"), ART, "mailto:x@",
        "malformed mail address"),
]

PATCHED_ROWS = [
    Row("a run of '[^' (finding 9)", line("[^" * 100_000), ART, "[^[^", "a footnote is written [^12]"),
    Row("a run of '[^1' (finding 9)", line("[^1" * 100_000), ART, "[^1[^1", "a footnote is written [^12]"),
    Row("a run of '<a' (the HTML scan)", line("<a" * 100_000), ART, "<a<a", "'<' here would start raw HTML"),
    Row("a run of '<https://'", line("<https://" * 40_000), ART, "<https://", "'<' here would start raw HTML"),
]


def run(docs, row, bound):
    row.change(docs)
    at = row.at if isinstance(row.at, int) else line_of(docs, row.at, row.page)
    start = time.perf_counter()
    found = [str(problem) for problem in check_docs(docs)]
    assert time.perf_counter() - start < bound, "the check must stay fast whatever a page holds"
    expected = f"docs/{row.page}:{at}: {row.says}"
    assert any(problem.startswith(expected) for problem in found), f"{expected!r} not in {found[:5]}"


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_hostile_input_is_reported_at_its_line(docs, row):
    run(docs, row, 10.0)  # generous: the machine is shared; quadratic took minutes


@pytest.mark.parametrize("row", PATCHED_ROWS, ids=[row.name for row in PATCHED_ROWS])
def test_runs_that_were_quadratic_are_read_in_linear_time(docs, row):
    run(docs, row, 10.0)  # 200-800 KB: quadratic took minutes to hours


def test_the_real_pages_stay_clean():
    assert check_docs(ROOT / "docs") == []


def test_every_row_names_a_distinct_attack():
    names = [row.name for row in ROWS + PATCHED_ROWS]
    assert len(names) == len(set(names))

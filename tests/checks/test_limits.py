"""checks/limits.py and the front matter's nesting: bounds that hold (issue 19, findings 6, 9, 11).

Each bound: a page at the bound passes, one past it is reported at the line of the first thing
over it; and the check stays fast on long adversarial input (a generous bound: the machine is
shared and noisy; what was quadratic took minutes)."""

import time

import pytest

from journal.checks import frontmatter, limits
from tests.checks.helpers import ARTICLE, edit, line_of, only_problem, problems

def paragraph(docs, text):
    """`text` as a paragraph of its own before the article's second heading; its line."""
    edit(docs, "\n\n## 二、第二节", f"\n\n{text}\n\n## 二、第二节")
    return line_of(docs, text.split("\n")[0][:20])


def notes(docs, count, first=3):
    """`count` more notes, [^first] on, each cited once in a paragraph of its own."""
    labels = range(first, first + count)
    edit(docs, "\n\n## 二、第二节", "\n\n" + "\n\n".join(f"正文{n}。[^{n}]" for n in labels) + "\n\n## 二、第二节")
    path = docs / "2026/02/article.md"  # definitions at the end, after the fixture's
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "".join(f"\n\n[^{n}]: 注{n}。" for n in labels) + "\n",
                    encoding="utf-8")


def test_notes_per_article(docs):
    notes(docs, limits.MAX_NOTES - 2)  # the fixture has two
    assert problems(docs) == []
    notes(docs, 1, first=limits.MAX_NOTES + 1)
    line = line_of(docs, f"[^{limits.MAX_NOTES + 1}]: ")
    assert only_problem(docs).startswith(f"{ARTICLE}:{line}: an article holds at most {limits.MAX_NOTES} footnotes")


def test_references_per_paragraph(docs):
    refs = "".join(f"见[^1]" for _ in range(limits.MAX_REFERENCES_PER_PARAGRAPH // 2)) + \
        "".join(f"见[^2]" for _ in range(limits.MAX_REFERENCES_PER_PARAGRAPH // 2))
    line = paragraph(docs, "正文" + refs)
    assert problems(docs) == []
    edit(docs, "正文" + refs, "正文" + refs + "又见[^1]")
    assert only_problem(docs).startswith(
        f"{ARTICLE}:{line}: a paragraph cites at most {limits.MAX_REFERENCES_PER_PARAGRAPH} footnotes; "
        f"this one cites {limits.MAX_REFERENCES_PER_PARAGRAPH + 1}")


def test_citations_of_one_note(docs):
    cited = limits.MAX_CITATIONS - 1  # the fixture cites [^1] once
    edit(docs, "\n\n## 二、第二节", "".join(f"\n\n第{n}段[^1]。" for n in range(cited)) + "\n\n## 二、第二节")
    assert problems(docs) == []
    edit(docs, "\n\n## 二、第二节", "\n\n再一段[^1]。\n\n## 二、第二节")
    assert only_problem(docs).startswith(
        f"{ARTICLE}:{line_of(docs, '再一段')}: footnote [^1] is cited {limits.MAX_CITATIONS + 1} times; a note may be cited at most {limits.MAX_CITATIONS} times")


def test_brackets_per_paragraph_and_page(docs):
    text = "正文" + "［[" * limits.MAX_BRACKETS_PER_PARAGRAPH  # full-width brackets: text, not counted
    line = paragraph(docs, text)
    found = problems(docs)
    assert not [p for p in found if "'['" in p]
    edit(docs, text, text + "[")
    found = problems(docs)
    assert f"{ARTICLE}:{line}: a paragraph holds at most {limits.MAX_BRACKETS_PER_PARAGRAPH} '['" in "\n".join(found)


def test_brackets_per_page(docs):
    per = limits.MAX_BRACKETS_PER_PARAGRAPH
    paragraph(docs, "\n\n".join(f"第{n}段" + "［[" * per for n in range(limits.MAX_BRACKETS // per + 1)))
    found = [p for p in problems(docs) if "'['" in p]
    assert len(found) == 1 and f"a page holds at most {limits.MAX_BRACKETS:,} '['" in found[0]
    text = (docs / "2026/02/article.md").read_text(encoding="utf-8")
    body = text.index("\n---\n", 4)  # the front matter holds no '['
    at = body
    for _ in range(limits.MAX_BRACKETS + 1):
        at = text.index("[", at + 1)
    assert found[0].startswith(f"{ARTICLE}:{text.count(chr(10), 0, at) + 1}:")


def test_line_breaks_per_page(docs):
    text = "正文" + "一<br>" * (limits.MAX_LINE_BREAKS - 1)  # the fixture has one
    paragraph(docs, text)
    assert problems(docs) == []
    edit(docs, text, text + "二<br>")
    assert only_problem(docs).startswith(f"{ARTICLE}:{line_of(docs, text[:20])}: a page holds at most {limits.MAX_LINE_BREAKS} '<br>'")


@pytest.mark.parametrize("closed", [True, False])
def test_inline_tags_nest_a_bounded_depth(docs, closed):
    deepest = limits.MAX_INLINE_DEPTH
    text = "正文" + "<sup>" * deepest + "x" + ("</sup>" * deepest if closed else "")
    line = paragraph(docs, text)
    assert problems(docs) == []
    edit(docs, text, "正文<sub>" + text[2:] + ("</sub>" if closed else ""))
    assert only_problem(docs).startswith(f"{ARTICLE}:{line}: inline tags nest at most {deepest} deep")


def test_inline_depth_counts_each_paragraph_apart(docs):
    paragraph(docs, "\n\n".join("正文<sup>x" for _ in range(limits.MAX_INLINE_DEPTH + 3)))
    assert not [p for p in problems(docs) if "nest" in p]


def test_articles_per_issue(docs):
    article = (docs / "2026/02/other.md").read_text(encoding="utf-8")
    for n in range(limits.MAX_ARTICLES - 2):  # other.md is one; article.md another
        (docs / f"2026/02/extra-{n}.md").write_text(article, encoding="utf-8")
    assert not [p for p in problems(docs) if "an issue holds" in p]  # (their pages overlap: not this test's)
    (docs / "2026/02/one-more.md").write_text(article, encoding="utf-8")
    found = [p for p in problems(docs) if "an issue holds" in p]
    assert found == [f"docs/2026/02/index.md:1: an issue holds at most {limits.MAX_ARTICLES} articles (a real one about 10); "
                     f"this one holds {limits.MAX_ARTICLES + 1}"]


@pytest.mark.parametrize("nesting", [
    "[" * 20_000 + "]" * 20_000,
    "{a: " * 12_000 + "x" + "}" * 12_000,  # within the 64 KiB a front matter may hold
    "\n" + "- " * 20_000 + "x",
], ids=["lists", "mappings", "block lists"])
def test_front_matter_nesting_is_bounded(docs, nesting):
    """Issue 19, finding 11: 20,000 deep crashed the check with a traceback."""
    edit(docs, "clc: D822.371.2", "clc: D822.371.2\nextra: " + nesting)
    line = line_of(docs, "extra: ")
    started = time.perf_counter()
    found = only_problem(docs)
    assert time.perf_counter() - started < 2
    assert found.startswith(f"{ARTICLE}:")
    assert f"front matter nests lists and mappings more than {frontmatter.MAX_DEPTH} deep" in found
    assert int(found.split(":")[1]) >= line


def test_front_matter_at_the_depth_bound_passes(docs):
    depth = frontmatter.MAX_DEPTH - 1  # the front matter itself is the first mapping
    edit(docs, "clc: D822.371.2", "clc: D822.371.2\nextra: " + "[" * depth + "]" * depth)
    assert "nests lists" not in "\n".join(problems(docs))


# --- linear time on long adversarial input -------------------------------------------------

MIB = 1024 * 1024


# markdown.py's note references scanned the rest of the line from each '[^' (quadratic in a
# run of them) until the label stopped at '['.


@pytest.mark.parametrize("unit", [
    "[^", "[^1", "[^a",
    "[", "<sup>", "<br>", "[x](https://a.b/)", "[^1]", "mailto:x@a.", "<sup>x</sup>", "a.b.c/ ",
])
def test_the_limits_and_links_are_linear(docs, unit):
    """About 1 MiB of one unit on a line of its own and in as many paragraphs: a few seconds
    at most for the bounds and the links (quadratic took minutes to hours)."""
    from journal.checks import links
    from journal.checks.page import read_page
    count = (MIB - 100_000) // (len(unit.encode()) + 2)
    edit(docs, "\n\n## 二、第二节", "\n\n" + unit * (count // 2) + "\n\n" + f"{unit}\n\n" * (count // 2) + "\n\n## 二、第二节")
    path = docs / "2026/02/article.md"
    page, _ = read_page(path, "2026/02/article.md", ARTICLE, path.stat().st_size)
    started = time.perf_counter()
    limits.check_page(page)
    links.check_links(page, links.Site(set(), {"2026/02/article.md": set()}))
    assert time.perf_counter() - started < 4

"""The check run again in one process (as `make serve` runs it on every save) reuses what it
found on unchanged pages (journal/checks/memo.py) and still finds every change: on the saved
page, on another page whose link the change broke, and in the pages compared together."""

from journal.checks import check_docs
from journal.checks.memo import Memo
from tests.checks.helpers import ARTICLE, edit, line_of


def test_a_second_run_reuses_unchanged_pages_and_finds_a_new_problem(docs):
    memo = Memo()
    assert check_docs(docs, memo) == []
    first = dict(memo.pages)
    edit(docs, "正文，见[另一篇的第一节]", "正文`代码`，见[另一篇的第一节]")
    found = [str(p) for p in check_docs(docs, memo)]
    assert found and all(p.startswith(f"{ARTICLE}:{line_of(docs, '代码')}: backticks are not allowed") for p in found), found
    reused = [k for k in memo.pages if k in first]
    assert {k[0] for k in reused} == {"index.md", "2026/02/index.md", "2026/02/other.md"}  # the saved page checked again
    assert all(memo.pages[k] is first[k] for k in reused)


def test_a_changed_anchor_is_found_on_the_unchanged_page_that_links_to_it(docs):
    memo = Memo()
    assert check_docs(docs, memo) == []
    edit(docs, "## 二、第二节 {#sec-2}", "## 二、第二节 {#sec-two}")
    found = [str(p) for p in check_docs(docs, memo)]
    other = "docs/2026/02/other.md"
    assert f"{other}:{line_of(docs, '另一篇的正文', '2026/02/other.md')}: no anchor '#sec-2' in docs/2026/02/article.md (link 'article.md#sec-2')" in found
    edit(docs, "## 二、第二节 {#sec-two}", "## 二、第二节 {#sec-2}")
    assert check_docs(docs, memo) == []


def test_front_matter_compared_across_pages_is_read_from_the_memo(docs):
    memo = Memo()
    assert check_docs(docs, memo) == []
    edit(docs, "first_page: 49", "first_page: 40", page="2026/02/other.md")  # other.md's pages now overlap article.md's
    found = [str(p) for p in check_docs(docs, memo)]
    assert any("overlap pages 35–48" in p for p in found), found
    assert [str(p) for p in check_docs(docs, memo)] == found  # the same from the memo alone

"""checks/links.py: links and anchors resolve; external links are https, http or mailto."""

import pytest

from tests.checks.helpers import ARTICLE, edit, line_of, only_problem, problems

MFA_LINK = '(https://www.mfa.gov.cn/ "外交部")'


def test_link_to_missing_page_and_anchor(docs):
    edit(docs, "(index.md)", "(indx.md)")
    edit(docs, "(other.md#sec-1)", "(other.md#sec-9)")
    assert problems(docs) == [
        f"{ARTICLE}:{line_of(docs, 'indx.md')}: link to a page that does not exist: 'indx.md' (docs/2026/02/indx.md)",
        f"{ARTICLE}:{line_of(docs, 'sec-9')}: no anchor '#sec-9' in docs/2026/02/other.md (link 'other.md#sec-9')",
    ]


def test_generated_pages_and_files_are_accepted(docs):
    edit(docs, "(index.md)", "(../../authors.md#张三)和[RIS](other.ris)、[往期](../../archive.md#y2026)")
    assert problems(docs) == []


def test_generated_pages_have_only_the_anchors_the_front_matter_makes(docs):
    edit(docs, "(index.md)", "(../../keywords.md#没有的词)")
    assert only_problem(docs) == (f"{ARTICLE}:{line_of(docs, '没有的词')}: no anchor '#没有的词' on the generated page keywords.md "
                                  "(no keyword, author or year makes it; link '../../keywords.md#没有的词')")


def test_citation_files_only_beside_articles(docs):
    edit(docs, "(index.md)", "(index.ris)")
    assert "link target does not exist: 'index.ris'" in only_problem(docs)


def test_link_outside_docs_and_absolute(docs):
    edit(docs, "(index.md)", "(../../../README.md)")
    edit(docs, "(#sec-2)", "(/2026/02/index.md)")
    found = problems(docs)
    assert len(found) == 2
    assert "points outside docs/" in found[0] + found[1]
    assert "must be relative to this page" in found[0] + found[1]


def test_link_to_a_folder(docs):
    edit(docs, "(index.md)", "(../02/)")
    assert "link to the page's .md file, not the folder: '../02/'" in only_problem(docs)


@pytest.mark.parametrize("url, says", [
    ("https://exa mple.com/", "a link is written [text](address)"),
    ("http://", "malformed URL 'http://': no host name"),
    ("https://example/x", "malformed URL 'https://example/x': example host name"),
    ("ftp://example.com/", "only https://, http:// and mailto: links are allowed, got 'ftp://example.com/'"),
    ("mailto:nobody", "malformed mail address 'mailto:nobody'"),
    ("https://example.com:99999/", "malformed URL 'https://example.com:99999/': port 99999"),
    ("https://www.mfa.gov.cn@evil.example/", "malformed URL 'https://www.mfa.gov.cn@evil.example/': write https://host.example/path"),
    ("//example.com/x", "write the full https:// address, not '//example.com/x'"),
])
def test_malformed_external_links(docs, url, says):
    # Changed on purpose: mailto: links are now allowed (mailto:a@b.c was refused).
    edit(docs, MFA_LINK, f"({url})")
    assert only_problem(docs).startswith(f"{ARTICLE}:{line_of(docs, '[^2]: 注二')}: {says}")


@pytest.mark.parametrize("url", ["https://www.mfa.gov.cn/", "http://example.org/a_(b)?q=1&r=2#x", "mailto:editor@example.org",
                                 "HTTPS://EXAMPLE.ORG/", "https://203.0.113.9:8443/x@y", "https://xn--fiqs8s.example/"])
def test_wellformed_external_links(docs, url):
    edit(docs, MFA_LINK, f"({url})")
    assert problems(docs) == []


def test_malformed_autolink(docs):
    edit(docs, "<https://www.mfa.gov.cn/web", "<https://www..mfa.gov.cn/web")
    assert "malformed URL" in only_problem(docs)


def test_duplicate_anchor(docs):
    edit(docs, "## 二、第二节 {#sec-2}", "## 二、第二节 {#sec-1}")
    found = problems(docs)
    assert f"{ARTICLE}:{line_of(docs, '二、第二节')}: duplicate anchor '#sec-1' (first at line {line_of(docs, '一、第一节')})" in found
    assert f"{ARTICLE}:{line_of(docs, '(#sec-2)')}: no anchor '#sec-2' on this page" in found
    other = line_of(docs, "article.md#sec-2", page="2026/02/other.md")
    assert f"docs/2026/02/other.md:{other}: no anchor '#sec-2' in docs/2026/02/article.md (link 'article.md#sec-2')" in found


def test_footnote_and_slug_anchors(docs):
    edit(docs, "(#fn:1)", "(#fnref:2)")
    edit(docs, "## 二、第二节 {#sec-2}", "## Second Part")
    edit(docs, "(#sec-2)", "(#second-part)")
    edit(docs, "(article.md#sec-2)", "(article.md#second-part)", page="2026/02/other.md")
    assert problems(docs) == []


def test_links_to_an_unreadable_page_are_not_blamed_on_the_link(docs):
    (docs / "2026/02/other.md").write_bytes(b"\xff")
    assert only_problem(docs).startswith("docs/2026/02/other.md:1: not UTF-8 text")


# --- what a link's text shows, against where it leads (issue 19, finding 5) ------------------

def link(docs, text, url):
    edit(docs, "[外交部网站](https://www.mfa.gov.cn/ \"外交部\")", f"[{text}]({url})")
    return line_of(docs, "[^2]: 注二")


@pytest.mark.parametrize("text, url", [
    ("https://www.mfa.gov.cn/web/", "https://evil.example/web/"),  # the attack of the finding
    ("https://www.mfa.gov.cn/web/", "https://www.mfa.gov.cn/web/other"),
    ("https://www.mfa.gov.cn/", "http://www.mfa.gov.cn/"),  # the scheme shown is the scheme
    ("www.mfa.gov.cn/web/", "https://evil.example/web/"),
    ("*https://www.mfa.gov.cn/*", "https://evil.example/"),
    ("外交部网站 www.mfa.gov.cn", "https://evil.example/"),
    ("外交部网站（mfa.gov.cn）", "https://mfa.gov.cn.evil.example/"),
    ("见 https://www.mfa.gov.cn/ 所载", "https://evil.example/"),
    ("mfa.gov.cn [官网]", "https://evil.example/"),  # brackets inside the text are counted
    ("mfa.gov.cn", "index.md"),
    ("editor@mfa.gov.cn", "mailto:editor@evil.example"),
])
def test_link_text_that_shows_an_address_leads_there(docs, text, url):
    line = link(docs, text, url)
    found = only_problem(docs)
    assert found.startswith(f"{ARTICLE}:{line}: the link text ")
    assert "make them the same" in found or "link that site, or reword the text" in found


@pytest.mark.parametrize("text, url", [
    ("https://www.mfa.gov.cn/web/", "https://www.mfa.gov.cn/web/"),
    ("https://WWW.MFA.GOV.CN/web/%7Ex", "https://www.mfa.gov.cn:443/web/~x"),  # normalised alike
    ("https://www.mfa.gov.cn", "https://www.mfa.gov.cn/"),
    ("www.mfa.gov.cn/web/", "https://www.mfa.gov.cn/web/"),
    ("mfa.gov.cn", "http://mfa.gov.cn/"),
    ("外交部网站（www.mfa.gov.cn）", "https://www.mfa.gov.cn/web/wjzb/"),
    ("外交部网站（mfa.gov.cn）", "https://www.fmprc.mfa.gov.cn/"),  # a host under the one named
    ("U.S.-China relations, e.g. No.1 and Vol.2", "https://example.org/"),  # no host name shown
    ("外交部网站", "https://www.mfa.gov.cn/"),
    ("editor@example.org", "mailto:editor@example.org"),
])
def test_link_text_that_leads_where_it_says_passes(docs, text, url):
    link(docs, text, url)
    assert problems(docs) == []


@pytest.mark.parametrize("url, says", [
    ("https://www.mfа.gov.cn/", "holds U+0430 (CYRILLIC SMALL LETTER A): write the host in ASCII"),  # Cyrillic а
    ("https://中国.example/", "holds U+4E2D (CJK UNIFIED IDEOGRAPH-4E2D): write the host in ASCII (an internationalised name in its xn-- form: xn--fiqs8s.example)"),
    ("https://xn--80ak6aa92e.com/", "reads with U+0430 (CYRILLIC SMALL LETTER A), which looks like a Latin letter"),  # аррӏе.com
    ("mailto:editor@mfа.gov.cn", "holds U+0430 (CYRILLIC SMALL LETTER A)"),
])
def test_hosts_are_ascii_and_no_homographs(docs, url, says):
    line = link(docs, "外交部网站", url)
    found = only_problem(docs)
    assert found.startswith(f"{ARTICLE}:{line}: the host name ") and says in found


def test_a_homograph_in_the_link_text_is_refused(docs):
    line = link(docs, "www.mfа.gov.cn", "https://www.mfa.gov.cn/")  # Cyrillic а in the text only
    assert only_problem(docs).startswith(f"{ARTICLE}:{line}: the link text shows the host 'www.mfа.gov.cn' with U+0430")


def test_link_text_is_read_in_linear_time(docs):
    """Many links, long texts and bracket runs: each '](' reads back at most a bounded stretch."""
    import time
    edit(docs, "正文，见", "[www.mfa.gov.cn" + "]" * 2000 + "[" * 100_000 + "x](https://www.mfa.gov.cn/)" * 12_000
         + ("[" + "mfa.gov.cn " * 180 + "](https://evil.example/)") * 200 + "正文，见")
    started = time.perf_counter()
    found = problems(docs)
    assert time.perf_counter() - started < 5
    assert any("the link text names 'mfa.gov.cn' but the link leads to 'https://evil.example/'" in problem for problem in found)


def test_a_mailto_with_a_long_run_of_labels_is_refused_in_linear_time(docs):
    """Issue 19, finding 9: 'mailto:x@a.a.a…@' took seconds for 40 KB (every split of the run tried)."""
    import time
    edit(docs, MFA_LINK, "(mailto:x@" + "a." * 200_000 + "@)")
    started = time.perf_counter()
    assert "malformed mail address" in only_problem(docs)
    assert time.perf_counter() - started < 2

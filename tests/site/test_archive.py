"""The archive as readers meet it, on the frozen two-issue fixture (tests/fixtures/archive/):
the home page leads with the newest issue, 往期目录 lists every issue by year, each contents
page links the issues beside it, and the indexes cover all issues in pinyin order."""

from urllib.parse import unquote, urljoin

import pytest

from tests.html_tools import read

NEWEST, OLDER = "2026/01", "2025/06"


def page(site, url):
    return read(site / url / "index.html") if url else read(site / "index.html")


def resolves(site, from_url, href):
    """The built file a relative link on the page at from_url leads to."""
    target = unquote(urljoin("/" + from_url, href).split("#")[0]).lstrip("/")
    return (site / target / "index.html") if not target.endswith(".html") else site / target


def test_home_leads_with_the_newest_issue(archive_site):
    doc = page(archive_site, "")
    assert doc.texts("issue-number") == ["2026 年第 1 期（总第 231 期）"]
    assert doc.texts("issue-column-title") == ["测试栏目", "另一栏目"]
    assert doc.texts("issue-article-title") == ["档案中的新文章", "安全与合作"]
    hrefs = [a["href"] for _, a in doc.with_class("issue-article-title")]
    assert hrefs == [f"{NEWEST}/zhang-san/", f"{NEWEST}/li-si/"]
    archive = [a["href"] for _, a in doc.with_class("archive-link")]
    assert len(archive) == 1 and resolves(archive_site, "", archive[0]) == archive_site / "archive" / "index.html"


def test_archive_lists_every_issue_newest_first_by_year(archive_site):
    doc = page(archive_site, "archive/")
    assert [a.get("id") for t, a in doc.tags if t == "h2"] == ["y2026", "y2025"]
    assert doc.texts("archive-issue-link") == ["2026 年第 1 期（总第 231 期）", "2025 年第 6 期（总第 230 期）"]
    hrefs = [a["href"] for _, a in doc.with_class("archive-issue-link")]
    assert [resolves(archive_site, "archive/", h) for h in hrefs] == [
        archive_site / NEWEST / "index.html", archive_site / OLDER / "index.html"]


@pytest.mark.parametrize("issue, older, newer", [(NEWEST, OLDER, None), (OLDER, None, NEWEST)])
def test_contents_page_looks_like_the_home_page_and_links_its_neighbours(archive_site, issue, older, newer):
    doc = page(archive_site, issue + "/")
    assert len(doc.texts("issue-number")) == 1 and "ISSN 0452-8832" in doc.texts("issue-date")[0]
    assert doc.texts("issue-column-title") == ["测试栏目", "另一栏目"]
    for cls, expected in (("issue-older", older), ("issue-newer", newer)):
        links = [a["href"] for _, a in doc.with_class(cls)]
        if expected is None:
            assert links == []
        else:
            assert len(links) == 1
            assert resolves(archive_site, issue + "/", links[0]) == archive_site / expected / "index.html"


def test_keyword_index_covers_all_issues_in_pinyin_order(archive_site):
    doc = page(archive_site, "keywords/")
    keywords = [text for tag, a, text in doc.elements if tag == "dt"]
    # 安全 (an) before 测试 (ce) before 档案 (dang) ... Latin keywords filed by their letter.
    assert keywords == ["安全", "测试", "档案", "甲", "文章", "乙", "Zeta"]
    entry = doc.texts("index-entry")[keywords.index("测试")]
    assert "档案中的新文章" in entry and "第一篇文章：测试" in entry
    assert "（2026 年第 1 期）" in entry and "（2025 年第 6 期）" in entry
    assert [text for tag, a, text in doc.elements if tag == "h2"] == ["A", "C", "D", "J", "W", "Y", "Z"]


def test_author_index_covers_all_issues_in_pinyin_order(archive_site):
    doc = page(archive_site, "authors/")
    names = [text.split()[0] for tag, a, text in doc.elements if tag == "dt"]
    assert names == ["李四", "王五", "张三"]  # li, wang, zhang: not code-point order (张 < 李 < 王)
    zhang = doc.texts("index-entry")[2]
    assert "ZHANG San" in zhang and "测试大学教授" in zhang and zhang.count("期）") == 2


def test_index_pages_are_compact(archive_site):
    """One line per keyword, not a heading per keyword (4,361 px for 29 keywords before)."""
    doc = page(archive_site, "keywords/")
    assert [t for t, a in doc.tags if t in ("h3", "h4")] == []


def test_nav_has_home_every_issue_and_the_listings(archive_site):
    html = (archive_site / "2025" / "06" / "li-si" / "index.html").read_text(encoding="utf-8")
    doc = read(archive_site / "2025" / "06" / "li-si" / "index.html")
    titles = [text for tag, a, text in doc.elements if tag == "a" and "md-nav__link" in a.get("class", "")]
    for title in ("首页", "2026 年第 1 期（总第 231 期）", "2025 年第 6 期（总第 230 期）", "往期目录", "关键词索引", "作者索引"):
        assert any(title in t for t in titles), title
    assert html.count("md-nav__link") > 0


def test_keyword_links_on_articles_reach_their_index_entry(archive_site):
    doc = page(archive_site, f"{NEWEST}/li-si/")
    index = page(archive_site, "keywords/")
    for _, a in doc.with_class("article-keyword"):
        target = resolves(archive_site, f"{NEWEST}/li-si/", a["href"])
        assert target == archive_site / "keywords" / "index.html"
        assert unquote(a["href"].split("#")[1]) in index.ids()

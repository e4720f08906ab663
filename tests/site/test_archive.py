"""The archive as readers meet it, on the frozen two-issue fixture (tests/fixtures/archive/):
the home page leads with the newest issue, 往期目录 lists every issue by year, each contents
page links the issues beside it, and the indexes cover all issues in pinyin order."""

from html.parser import HTMLParser
from urllib.parse import unquote, urljoin

import pytest

from tests.html_tools import VOID, read
from tests.site.nav_text import hidden_class

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


class Sidebar(HTMLParser):
    """The links of Material's primary navigation, the page's own contents (the secondary nav
    Material nests in it for small screens) left out: [(href, depth, text)], depth counting
    the nav levels around the link (1: the top level); the text as the page shows it (the
    label's half in the other language hidden: tests/site/nav_text.py)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.links, self._open, self._link, self.hide = [], [], None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "html":
            self.hide = hidden_class(attrs.get("lang"))
        if tag not in VOID:
            self._open.append((tag, classes))
        navs = [c for t, c in self._open if t == "nav" and "md-nav" in c]
        inside = navs and "md-nav--primary" in navs[0] and not any("md-nav--secondary" in c for c in navs)
        if tag == "a" and inside and "md-nav__link" in classes:
            self._link = [attrs["href"], len(navs), ""]

    def handle_endtag(self, tag):
        while self._open and self._open.pop()[0] != tag:
            pass
        if tag == "a" and self._link:
            self._link[2] = " ".join(self._link[2].split())
            self.links.append(tuple(self._link))
            self._link = None

    def handle_data(self, data):
        if self._link and not any(self.hide in classes for _, classes in self._open):
            self._link[2] += data


def sidebar(site, url):
    """[(the page a nav link leads to, relative to the site, its depth, its text)] on the page at url."""
    path = site / url / "index.html"
    return [(resolves(site, url, href).parent.relative_to(site).as_posix(), depth, text)
            for href, depth, text in Sidebar(path.read_text(encoding="utf-8")).links]


LISTINGS = [("archive", 1, "往期目录 Back issues"), ("keywords", 1, "关键词索引 Keywords"),
            ("authors", 1, "作者索引 Authors"), ("about", 1, "关于本刊 About")]


def test_an_article_s_nav_has_the_years_and_opens_only_its_year_and_issue(archive_site):
    """navigation.prune: an article carries the list of years, its year's issues and its
    issue's articles, never every issue of the archive."""
    links = sidebar(archive_site, f"{OLDER}/li-si/")
    assert [(target, depth) for target, depth, _ in links if target.startswith(OLDER)] == [
        (OLDER, 2), (f"{OLDER}/zhang-san", 3), (f"{OLDER}/li-si", 3)]
    assert [link for link in links if not link[0].startswith(OLDER)] == [
        (".", 1, "首页 Home"), ("2026", 1, "2026 年"), ("2025", 1, "2025 年"), *LISTINGS]
    assert [text for target, _, text in links if target == OLDER] == ["2025 年第 6 期（总第 230 期）"]


def test_a_year_page_opens_its_issues_in_the_nav(archive_site):
    links = sidebar(archive_site, "2026/")
    assert [target for target, _, _ in links] == [".", "2026", NEWEST, "2025", *[t for t, _, _ in LISTINGS]]
    assert [text for target, _, text in links if target == NEWEST] == ["2026 年第 1 期（总第 231 期）"]


def test_home_and_english_pages_list_the_years_not_every_issue(archive_site):
    for url in ("", "en/", f"en/{NEWEST}/", "en/2026/", "archive/"):
        links = sidebar(archive_site, url)
        assert [(target, depth) for target, depth, _ in links] == [
            (".", 1), ("2026", 1), ("2025", 1), *[(t, d) for t, d, _ in LISTINGS]], url
        # The same nav, in the page's language: English only on the English pages.
        english = url.startswith("en/")
        assert [text for _, _, text in links] == (
            ["Home", "2026", "2025", "Back issues", "Keywords", "Authors", "About"] if english
            else ["首页 Home", "2026 年", "2025 年", *[text for _, _, text in LISTINGS]]), url


def test_each_year_has_an_english_page_linked_both_ways(archive_site):
    """/en/2026/: the year's issues in English, outside the nav; linked from /en/ and from the
    Chinese year page, and linking back; hreflang pairs in sitemap.xml, not in <head>."""
    for year, issues in (("2026", [NEWEST]), ("2025", [OLDER])):
        doc = page(archive_site, f"en/{year}/")
        assert doc.find_all("html")[0]["lang"] == "en"
        assert doc.texts("archive-issue-link") == [f"{year}, No. {int(i[-2:])} (Total No. {231 if i == NEWEST else 230})"
                                                  for i in issues]
        hrefs = [a["href"] for _, a in doc.with_class("archive-issue-link")]
        assert [resolves(archive_site, f"en/{year}/", h).parent.relative_to(archive_site).as_posix() for h in hrefs] == [
            f"en/{i}" for i in issues]
        targets = {resolves(archive_site, f"en/{year}/", a["href"]).parent.relative_to(archive_site).as_posix()
                   for a in doc.find_all("a") if "href" in a}
        assert {year, "en"} <= targets
        assert not doc.find_all("link", rel="alternate", hreflang="zh-CN")
        chinese = page(archive_site, f"{year}/")
        assert f"en/{year}" in {resolves(archive_site, f"{year}/", a["href"]).parent.relative_to(archive_site).as_posix()
                                for a in chinese.find_all("a") if "href" in a}
    index = page(archive_site, "en/")
    assert {"en/2026", "en/2025"} <= {resolves(archive_site, "en/", a["href"]).parent.relative_to(archive_site).as_posix()
                                      for a in index.find_all("a") if "href" in a}


def footer(site, url):
    """(previous, next) of the page's footer (上一篇/下一篇), as pages of the site, or None."""
    doc = page(site, url)
    found = {}
    for _, a in doc.with_class("md-footer__link"):
        side = "prev" if "md-footer__link--prev" in a["class"] else "next"
        found[side] = resolves(site, url, a["href"]).parent.relative_to(site).as_posix()
    return found.get("prev"), found.get("next")


def test_previous_and_next_go_through_each_issue_s_articles_not_the_year_pages(archive_site):
    """From the home page, 下一篇 leads through each issue's contents and its articles in print
    order, issue after issue, then the listings; 上一篇 leads back the same way. A year's page is
    no stop on that path: its own neighbours are the newer and the older year."""
    reading = [".", NEWEST, f"{NEWEST}/zhang-san", f"{NEWEST}/li-si", OLDER, f"{OLDER}/zhang-san",
               f"{OLDER}/li-si", "archive", "keywords", "authors", "about"]
    for before, here, after in zip([None, *reading], reading, [*reading[1:], None]):
        assert footer(archive_site, "" if here == "." else here + "/") == (before, after), here
    assert footer(archive_site, "2026/") == (None, "2025")
    assert footer(archive_site, "2025/") == ("2026", None)
    assert footer(archive_site, f"en/{NEWEST}/") == (None, None)


def test_keyword_links_on_articles_reach_their_index_entry(archive_site):
    doc = page(archive_site, f"{NEWEST}/li-si/")
    index = page(archive_site, "keywords/")
    for _, a in doc.with_class("article-keyword"):
        target = resolves(archive_site, f"{NEWEST}/li-si/", a["href"])
        assert target == archive_site / "keywords" / "index.html"
        assert unquote(a["href"].split("#")[1]) in index.ids()

"""The English-only reader: an English contents page per issue (en/YYYY/NN/), English titles
that link to the article with its English abstract open, the abstract tab following the
browser's language, English labels beside the Chinese ones."""

import re

import pytest

from tests.conftest import ARCHIVE
from tests.html_tools import read
from tests.reading.conftest import ARTICLE


def test_every_issue_has_an_english_contents_page_listing_every_article(archive_site):
    for issue in sorted(p.parent for p in ARCHIVE.glob("*/*/index.md")):
        year, number = issue.parts[-2:]
        slugs = sorted(p.stem for p in issue.glob("*.md") if p.name != "index.md")
        html = (archive_site / "en" / year / number / "index.html").read_text(encoding="utf-8")
        doc = read(archive_site / "en" / year / number / "index.html")
        links = [a["href"] for tag, a, _ in doc.elements if tag == "a" and a.get("href", "").endswith("#abstract-en")]
        assert sorted(h.split("/")[-2] for h in links) == slugs, (year, number, links)
        assert '<div lang="en" class="issue-en">' in html
        assert html.count('class="issue-en-abstract"') == len(slugs)


def test_english_titles_on_home_and_contents_pages_are_links(archive_site):
    for page in ("index.html", "2026/01/index.html"):
        html = (archive_site / page).read_text(encoding="utf-8")
        assert '<a class="issue-article-title-en" lang="en" href="' in html
        assert "#abstract-en" in html and 'hreflang="en">Contents in English</a>' in html


def test_the_english_contents_page_is_outside_the_nav_and_search(reading_site):
    html = (reading_site / "en" / "2026" / "02" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="issue-en-article"') == 7
    nav = (reading_site / "2026" / "02" / "wang-fan" / "index.html").read_text(encoding="utf-8")
    assert "en/2026/02/" not in nav.split('class="md-content"')[0]


def test_a_browser_set_to_english_gets_the_english_abstract(english_reader, reading_server):
    english_reader.goto(reading_server + ARTICLE)
    english_reader.locator("#abstract-en").wait_for(state="attached")
    english_reader.wait_for_timeout(200)
    assert english_reader.evaluate("() => document.getElementById('abstract-en').checked")


def test_a_chinese_browser_gets_the_chinese_abstract_unless_the_link_asks(desktop, reading_server):
    desktop.goto(reading_server + ARTICLE)
    assert desktop.evaluate("() => document.getElementById('abstract-zh').checked")
    desktop.goto(reading_server + ARTICLE + "#abstract-en")
    desktop.wait_for_timeout(200)
    assert desktop.evaluate("() => document.getElementById('abstract-en').checked")
    assert desktop.locator(".article-abstracts .tabbed-block[lang='en']").is_visible()


def test_english_labels_beside_the_chinese_in_the_header_and_cite_box(reading_site):
    html = (reading_site / "2026" / "02" / "wang-fan" / "index.html").read_text(encoding="utf-8")
    for label in ("Pages", "Article no.", "CLC no.", "Document code", "Keywords", "Cite this article", "Copy", "Download"):
        assert f'<span class="label-en" lang="en">{label}</span>' in html, label


def test_previous_and_next_say_pian_and_the_nav_is_bilingual(reading_site):
    html = (reading_site / "2026" / "02" / "wang-fan" / "index.html").read_text(encoding="utf-8")
    assert "上一篇" in html and "下一篇" in html and "上一页" not in html and "下一页" not in html
    assert '<span class="nav-nowrap">（总第 232 期）</span>' in html
    for zh, en in (("首页", "Home"), ("往期目录", "Back issues"), ("关键词索引", "Keywords"), ("作者索引", "Authors")):
        assert f'<span class="nav-zh" lang="zh-CN">{zh} </span><span lang="en">{en}</span>' in html, en


HAN = re.compile(r"[\u3400-\u9fff]")
ENGLISH_NAV = ["International Studies", "Home", "2026", "Back issues", "Keywords", "Authors", "About"]


def nav_lines(page):
    """The primary nav's text as the reader sees it (hidden halves and closed levels left out)."""
    text = page.locator("nav.md-nav--primary").first.inner_text()
    return [line.strip() for line in text.split("\n") if line.strip()]


@pytest.mark.parametrize("url", ["/en/", "/en/2026/02/", "/en/2026/"])
def test_the_nav_of_an_english_page_reads_in_english(browser, reading_server, url):
    """Issue 20 item 3: one nav for every page, each label in both languages; an English page
    shows the English halves only, on a desktop and in a phone's drawer."""
    for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        context = browser.new_context(viewport=viewport, locale="en-US")
        page = context.new_page()
        page.goto(reading_server + url)
        if viewport["width"] == 390:
            page.click("label.md-header__button[for=__drawer]")
            page.wait_for_timeout(300)
            assert page.locator("nav.md-nav--primary").first.is_visible()
        lines = [line for line in nav_lines(page) if line != "About the journal"]  # the header's About link, in the drawer
        assert lines == ENGLISH_NAV, (url, viewport)
        assert not any(HAN.search(line) for line in nav_lines(page)), (url, viewport)
        assert not HAN.search(page.title()), page.title()
        context.close()


def test_the_nav_of_a_chinese_page_reads_as_before(desktop, reading_server):
    desktop.goto(reading_server + ARTICLE)
    lines = nav_lines(desktop)
    assert lines[:2] == ["国际问题研究", "首页 Home"]
    # The article's own year and issue are open (later issues may come before them).
    year, issue = lines.index("2026 年"), lines.index("2026 年第 2 期（总第 232 期）")
    assert 2 <= year < issue
    assert lines[-4:] == ["往期目录 Back issues", "关键词索引 Keywords", "作者索引 Authors", "关于本刊 About"]
    assert not any("No." in line for line in lines)


def test_the_cite_icon_takes_the_light_link_colour_in_dark_mode(browser, reading_server):
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(reading_server + ARTICLE)
        colours[scheme] = page.evaluate("""() => getComputedStyle(
            document.querySelector('details.cite-box > summary'), '::before').backgroundColor""")
        context.close()
    assert colours["light"] == "rgb(142, 27, 27)"
    assert colours["dark"] == "rgb(255, 157, 157)"


def test_a_click_on_an_english_title_opens_the_article(desktop, reading_server):
    """Material's bundle takes over clicks on links under any <link rel="alternate"> of the head:
    with an hreflang link to /2026/02/ a click here went to the Chinese contents page."""
    failed = []
    desktop.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    desktop.goto(reading_server + "/en/2026/02/")
    desktop.wait_for_load_state("networkidle")
    link = desktop.locator(".issue-en-article a[href$='wang-fan/#abstract-en']").first
    link.click()
    desktop.wait_for_url("**/2026/02/wang-fan/#abstract-en")
    desktop.wait_for_load_state("networkidle")
    assert desktop.evaluate("() => document.getElementById('abstract-en').checked")
    desktop.goto(reading_server + "/2026/02/")
    desktop.wait_for_load_state("networkidle")
    assert failed == []

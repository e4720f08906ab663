"""Issue 20, read from the built site's HTML and feeds: the issue line on every article, the
注释 heading in the page's contents, the English interface on /en/ pages, hreflang both ways,
/en/ and the year pages, the About and 404 pages, the e-mail route for errors, no edit pencil,
the feeds' channel link. (tests/reading/test_reader_screens.py opens the same pages in Chromium.)"""

import dataclasses
import re
from pathlib import PurePosixPath
from urllib.parse import parse_qs, urljoin, urlsplit
from xml.etree import ElementTree

import markdown
import pytest
import yaml

from journal.catalog import pages_on_disk, read_catalog
from journal.diagnostics import Diagnostic
from journal.site import about
from tests.conftest import ROOT
from tests.html_tools import Document, read

DATA = about.load(ROOT / "data" / "journal.yaml")
SITE_URL = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("theme:")[0].replace("!ENV", ""),
                     Loader=yaml.SafeLoader)["site_url"][1]


def issues():
    return read_catalog(pages_on_disk(ROOT / "docs"))


def articles():
    return [(issue, entry.article) for issue in issues() for entry in issue.articles]


def page_of(site, src_uri):
    path = PurePosixPath(src_uri)
    folder = path.parent if path.name == "index.md" else path.with_suffix("")
    return site / folder / "index.html"


def resolve(site, page, href):
    """The file a relative link on `page` leads to."""
    url = urljoin("http://x/" + str(page.relative_to(site).parent) + "/", href.split("#")[0])
    target = site / urlsplit(url).path.lstrip("/")
    return target / "index.html" if not target.suffix else target


def test_every_article_says_its_issue_and_pages_and_links_the_issue(site):
    for issue, article in articles():
        page = page_of(site, article.src_uri)
        doc = read(page)
        (line,) = doc.texts("article-issue-line")
        assert f"《{article.issue.journal}》{article.issue.label}" in line and f"{article.first_page}–{article.last_page}" in line
        html = page.read_text(encoding="utf-8")
        snippet = html.split('<p class="article-issue-line">', 1)[1].split("</p>", 1)[0]
        (link,) = Document(snippet).find_all("a")
        assert resolve(site, page, link["href"]) == page_of(site, issue.src_uri)


def test_the_notes_heading_is_in_the_page_contents(site):
    for _, article in articles():
        html = page_of(site, article.src_uri).read_text(encoding="utf-8")
        if 'class="footnote"' not in html:
            continue
        doc = read(page_of(site, article.src_uri))
        assert [a for a in doc.find_all("h2") if a.get("id") == "notes"], article.src_uri
        toc = html.split('md-nav--secondary', 1)[1].split('class="md-content"', 1)[0]
        assert 'href="#notes"' in toc and "注释" in toc, article.src_uri


def test_the_notes_extension_adds_one_heading_and_only_where_there_are_notes():
    extensions = ["footnotes", "journal.site.notes", "toc"]
    md = markdown.Markdown(extensions=extensions)
    html = md.convert("正文[^1]与[^2]。\n\n[^1]: 注一\n[^2]: 注二")
    assert html.count('<h2 class="notes-heading" id="notes">注释 <span class="label-en" lang="en">Notes</span></h2>') == 1
    assert html.index('id="notes"') < html.index('id="fn:1"')
    assert [t["id"] for t in md.toc_tokens] == ["notes"]
    assert "notes" not in markdown.markdown("没有注释。", extensions=extensions)


@pytest.mark.parametrize("src", ["en/index.md", "en/2026/02/index.md", "en/2026/index.md"])
def test_english_pages_have_an_english_interface(site, src):
    page = page_of(site, src)
    html = page.read_text(encoding="utf-8")
    doc = read(page)
    (root,) = doc.find_all("html")
    assert root["lang"] == "en"
    for label in ("Back to top", "Switch to dark mode", "Switch to light mode",
                  "About the journal", "International Studies"):
        assert label in html, label
    for chinese in ("回到页面顶部", "切换到", "跳转至", "页眉", "导航栏", "更正与贡献", "上一篇", "下一篇"):
        assert chinese not in html, chinese
    inputs = [a for a in doc.find_all("input") if "md-search__input" in a.get("class", "")]
    assert all(a.get("placeholder") == "Search" for a in inputs)
    # The name over the nav, on its logo, in <title> and on the feeds: the journal's English name.
    (title,) = [text for tag, _, text in doc.elements if tag == "title"]
    feeds = [a["title"] for a in doc.find_all("link", rel="alternate")]
    logos = [a for a in doc.find_all("a") if a.get("data-md-component") == "logo"]
    nav_title = [text for tag, a, text in doc.elements if tag == "label" and a.get("for") == "__drawer"
                 and "md-nav__title" in a.get("class", "")]
    assert feeds == ["International Studies · Atom", "International Studies · RSS"]
    assert len(logos) == 2 and all(a["title"] == a["aria-label"] == "International Studies" for a in logos)
    assert [" ".join(t.split()) for t in nav_title] == ["International Studies"]
    for text in (title, *feeds, *nav_title):
        assert not HAN.search(text), text


HAN = re.compile(r"[\u3400-\u9fff]")


def test_no_label_runs_its_two_languages_together(site):
    """A nav label carries Chinese and English (tests/site/nav_text.py); Material and the
    journal print page titles, tags stripped, in <title>, the footer's previous/next and
    aria-labels: none reads '2026 年第 2 期2026, No. 2' or '首页Home' there."""
    run_together = re.compile(r"[\u3400-\u9fff）](?:\d{4}|Home|Back issues|Keywords|Authors|About)")  # no space between
    checked = 0
    for page in sorted(site.rglob("*.html")):
        doc = read(page)
        texts = [text for tag, _, text in doc.elements if tag == "title"]
        texts += [text for tag, a, text in doc.elements if "md-footer__title" in a.get("class", "")]
        texts += [a[k] for _, a in doc.tags for k in ("aria-label", "title") if k in a]
        for text in texts:
            folded = " ".join(text.split())
            assert not run_together.search(folded), (page, folded)
            assert "Total No." not in folded or not HAN.search(folded), (page, folded)
            checked += 1
    assert checked > 100


def test_chinese_pages_keep_the_chinese_interface(site):
    html = page_of(site, "2026/02/wang-fan.md").read_text(encoding="utf-8")
    assert '<html lang="zh-CN"' in html and "回到页面顶部" in html and "切换到深色模式" in html
    assert "Back to top" not in html


def test_no_head_link_that_material_takes_for_another_language(site):
    """Material's bundle takes every <link rel="alternate"> for the site in another language: it
    fetches sitemap.xml beside it and takes over clicks on links under it (an hreflang link to
    /2026/02/ sent a click on an article of the English contents page to the Chinese contents).
    So the head links only the feeds (beside them is the site's own sitemap.xml); the hreflang
    alternates are in sitemap.xml (the next test)."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 15  # articles, contents, English pages, indexes, About, 404
    feeds = {"application/atom+xml", "application/rss+xml"}
    for page in pages:
        for link in read(page).find_all("link", rel="alternate"):
            assert link.get("type") in feeds and not link.get("hreflang"), (page, link)
            assert resolve(site, page, link["href"]).parent == site, (page, link)


def test_the_english_list_and_the_year_pages_list_every_issue(site):
    all_issues = issues()
    en = site / "en" / "index.html"
    links = [a["href"] for tag, a, _ in read(en).elements if tag == "a" and "archive-issue-link" in a.get("class", "")]
    assert [resolve(site, en, h) for h in links] == [site / "en" / PurePosixPath(i.src_uri).parent / "index.html" for i in all_issues]
    for year in {i.issue.year for i in all_issues}:
        page = site / str(year) / "index.html"
        doc = read(page)
        links = [a["href"] for tag, a, _ in doc.elements if tag == "a" and "archive-issue-link" in a.get("class", "")]
        expected = [page_of(site, i.src_uri) for i in all_issues if i.issue.year == year]
        assert [resolve(site, page, h) for h in links] == expected
        assert f"{year} 年" in doc.text


def test_the_about_page_prints_the_data_and_marks_what_is_unknown(site):
    doc = read(site / "about" / "index.html")
    text = " ".join(doc.text.split())
    for value in (DATA.publisher, DATA.issn, DATA.frequency):
        assert value in text
    pending = [v for v in (DATA.editor_in_chief, DATA.cn, DATA.submission, DATA.reuse) if DATA.is_pending(v)]
    assert len(doc.texts("about-pending")) >= len(pending)
    assert any("/issues" in a.get("href", "") for a in doc.find_all("a"))
    # The contributors' routes (the repository and its edit links) live here.
    assert "更正与贡献" in text


def test_every_article_offers_an_error_report_and_no_placeholder_address(site):
    """By e-mail once data/journal.yaml has a real address; until then (as now) on GitHub
    only: never a mailto: to an address that cannot answer."""
    for _, article in articles():
        doc = read(page_of(site, article.src_uri))
        mails = [a for a in doc.find_all("a") if a.get("href", "").startswith("mailto:")]
        github = [a for a in doc.find_all("a") if "article-report-github" in a.get("class", "")]
        assert len(github) == 1 and github[0]["href"].endswith("/issues")
        if DATA.report_email_known:
            (mail,) = mails
            assert urlsplit(mail["href"]).path == DATA.report_email
        else:
            assert mails == [] and DATA.report_email.endswith(".invalid")


def test_the_mailto_link_carries_the_title_once_the_address_is_known():
    known = dataclasses.replace(DATA, report_email="bjb@example.org", report_email_known=True)
    link = known.report_mailto("题目 A", "https://example.org/2026/02/a/")
    parts = urlsplit(link)
    assert parts.path == "bjb@example.org" and "题目 A" in parse_qs(parts.query)["subject"][0]
    assert " " not in link and "\n" not in link
    assert dataclasses.replace(DATA, report_email_known=False).report_mailto("题目", "u") is None


def test_no_edit_pencil_on_article_pages(site):
    for _, article in articles():
        doc = read(page_of(site, article.src_uri))
        assert not doc.find_all("a", rel="edit"), article.src_uri
        assert not [a for a in doc.find_all("a") if "/edit/" in a.get("href", "")], article.src_uri


def test_the_header_links_the_about_page_not_the_repository(site):
    page = page_of(site, "2026/02/wang-fan.md")
    sources = [a for a in read(page).find_all("a") if "md-source" in a.get("class", "")]
    assert sources  # the header's, and the drawer's copy on a phone
    for source in sources:
        assert resolve(site, page, source["href"]) == site / "about" / "index.html"


def test_the_404_page_is_bilingual(site):
    doc = read(site / "404.html")
    (h1,) = [t for tag, a, t in doc.elements if tag == "h1"]
    assert "找不到" in h1 and "Page not found" in h1
    assert "404 - Not found" not in doc.text


def test_the_seal_is_the_favicon_and_logo_and_needs_no_font(site):
    for name in ("logo.svg", "favicon.svg"):
        svg = ElementTree.parse(site / "assets" / "images" / name).getroot()
        assert not list(svg.iter("{http://www.w3.org/2000/svg}text")), name
        assert list(svg.iter("{http://www.w3.org/2000/svg}path")), name
    icons = [a["href"] for a in read(site / "index.html").find_all("link", rel="icon")]
    assert any(h.endswith("assets/images/favicon.svg") for h in icons)
    assert (site / "assets" / "images" / "favicon-32.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_feeds_channel_link_is_the_home_page(site):
    rss = ElementTree.parse(site / "feed.rss").getroot()
    assert rss.find("channel/link").text == SITE_URL
    atom = ElementTree.parse(site / "feed.atom").getroot()
    ns = "{http://www.w3.org/2005/Atom}"
    links = {link.get("rel"): link.get("href") for link in atom.findall(f"{ns}link")}
    assert links["alternate"] == SITE_URL and links["self"].endswith("feed.atom")


def test_the_data_file_is_checked(tmp_path):
    good = (ROOT / "data" / "journal.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "journal.yaml"
    bad.write_text(good + "mascot: 熊猫\n", encoding="utf-8")
    with pytest.raises(Diagnostic) as error:
        about.load(bad)
    assert error.value.line == len(good.splitlines()) + 1 and "mascot" in error.value.message
    bad.write_text(good.replace("issn: 0452-8832", "issn:"), encoding="utf-8")
    with pytest.raises(Diagnostic, match="issn"):
        about.load(bad)


def test_the_mailto_link_encodes_every_part():
    link = dataclasses.replace(DATA, report_email_known=True).report_mailto("A & B? #1 <x>", "https://example.org/a b/")
    query = parse_qs(urlsplit(link).query)
    assert query["subject"][0].endswith("A & B? #1 <x>") and "https://example.org/a b/" in query["body"][0]
    assert not set(" &#<>?").intersection(link.split("?", 1)[1].replace("&body=", ""))


def test_the_sitemap_carries_the_hreflang_alternates_absolute(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    alternates = {url.find("s:loc", ns).text: {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
                  for url in root.findall("s:url", ns)}
    base = SITE_URL.rstrip("/")
    for issue in issues():
        folder = PurePosixPath(issue.src_uri).parent
        zh, en = f"{base}/{folder}/", f"{base}/en/{folder}/"
        assert alternates[zh] == alternates[en] == {"zh-CN": zh, "en": en, "x-default": zh}
    assert alternates[f"{base}/archive/"] == alternates[f"{base}/en/"] == {
        "zh-CN": f"{base}/archive/", "en": f"{base}/en/", "x-default": f"{base}/archive/"}
    for year in {i.issue.year for i in issues()}:
        zh, en = f"{base}/{year}/", f"{base}/en/{year}/"
        assert alternates[zh] == alternates[en] == {"zh-CN": zh, "en": en, "x-default": zh}
    assert alternates[f"{base}/2026/02/wang-fan/"] == {}


def test_harvesters_find_the_oai_repository_from_every_article_and_the_about_page(site):
    """Issue 20 item 8: the OAI-PMH static repository is linked, not only written."""
    oai = site / "oai" / "static-repository.xml"
    assert oai.is_file()
    for _, article in articles():
        page = page_of(site, article.src_uri)
        hrefs = [a["href"] for a in read(page).find_all("a") if a.get("href", "").endswith("static-repository.xml")]
        assert [resolve(site, page, h) for h in hrefs] == [oai], page
    about_page = site / "about" / "index.html"
    targets = {resolve(site, about_page, a["href"]) for a in read(about_page).find_all("a") if a.get("href")}
    assert {oai, site / "feed.rss", site / "feed.atom", site / "sitemap.xml"} <= targets
    assert all(t.is_file() for t in (oai, site / "feed.rss", site / "feed.atom", site / "sitemap.xml"))

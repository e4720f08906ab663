"""The offline bundle, unzipped and opened from disk with the network refused."""

import zipfile
from pathlib import Path

import pytest

from bench import search_report
from tests.conftest import ROOT

ZIP = ROOT / "dist" / "guoji-wenti-yanjiu-2026-02-offline.zip"


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory):
    if not ZIP.exists():
        pytest.fail(f"{ZIP.relative_to(ROOT)} is missing: `make test` runs `make bundle` first")
    folder = tmp_path_factory.mktemp("bundle")
    with zipfile.ZipFile(ZIP) as archive:
        archive.extractall(folder)
    return folder


@pytest.fixture
def offline_page(browser, unzipped):
    """A page that may load only files inside the unzipped folder; every request is recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests = []

    def guard(route):
        url = route.request.url
        requests.append(url)
        if url.startswith(unzipped.as_uri()) or url.startswith(("data:", "about:", "blob:")):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.requests = requests
    page.folder = unzipped
    yield page
    outside = [u for u in requests if not u.startswith(unzipped.as_uri()) and not u.startswith(("data:", "about:", "blob:"))]
    context.close()
    assert outside == [], f"requests leaving the bundle folder: {outside}"


def test_zip_holds_every_page_and_the_search_shim(unzipped):
    names = {p.relative_to(unzipped).as_posix() for p in unzipped.rglob("*") if p.is_file()}
    assert "index.html" in names and "2026/02/wang-fan.html" in names
    assert "assets/javascripts/iframe-worker/shim.js" in names
    assert "search/search_index.js" in names
    assert not any(n.endswith("404.html") or n.startswith("sitemap") for n in names)


def test_navigation_between_pages_from_disk(offline_page):
    page = offline_page
    page.goto((page.folder / "index.html").as_uri())
    page.click("a.issue-article-title >> nth=3")
    page.wait_for_load_state()
    assert page.url.endswith("2026/02/wang-fan.html")
    assert page.locator("h1.article-title").inner_text().startswith("战略收缩")
    styled = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
    assert styled in ("sticky", "fixed"), "Material's stylesheet did not load"
    page.click("nav.md-nav--primary >> text=关键词索引")
    page.wait_for_load_state()
    assert page.url.endswith("keywords.html")


def test_chinese_search_works_from_disk_as_on_the_website(offline_page):
    """The website's query list, typed into the bundle's search box from file://."""
    queries = search_report.load_queries()["queries"]
    outcomes = search_report.run_queries(offline_page, (offline_page.folder / "index.html").as_uri(), queries)
    result = search_report.score(outcomes)
    assert result["missed"] == [] and result["false_hits"] == [] and result["wrong_first"] == []


def test_footnote_preview_and_cite_box_from_disk(offline_page):
    page = offline_page
    page.goto((page.folder / "2026" / "02" / "wang-fan.html").as_uri())
    ref = page.locator('a.footnote-ref[href="#fn:1"]')
    ref.scroll_into_view_if_needed()
    ref.hover()
    page.locator(".md-tooltip2--active").wait_for(state="visible", timeout=5000)
    page.click("details.cite-box > summary")
    assert "[J]. 国际问题研究" in page.locator("#cite-gbt7714").inner_text()
    ris = page.locator("a[download]").first.get_attribute("href")
    assert (page.folder / "2026" / "02" / ris).exists()

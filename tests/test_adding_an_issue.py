"""Adding an issue is an import and nothing else: the web editor's routine, end to end.

A second issue made from the real source under the next number (masthead and 〔文章编号〕
rewritten, as bench/growth.py makes its archives) is imported with the command-line importer
beside the live docs/, with no edit to code, mkdocs.yml, templates or tests. The content check
passes, the strict build passes, the home page leads with the new issue, 往期目录 lists every
issue, and search finds the articles of both."""

import os
import shutil
import subprocess
import sys

import pytest

from bench import browser as browser_helper
from bench.growth import rewrite_source
from journal import catalog
from journal.checks import check_docs
from tests.conftest import ROOT, SOURCE, build_site
from tests.html_tools import read

LIVE = catalog.read_catalog(catalog.pages_on_disk(ROOT / "docs"))


def next_issue(issue):
    """(year, number, total) of the issue after `issue` (bimonthly: six a year)."""
    info = issue.meta["issue"]
    year, number = (info["year"], info["number"] + 1) if info["number"] < 6 else (info["year"] + 1, 1)
    return year, number, info["total"] + 1


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """(docs, site, new issue folder) after importing the next issue beside the live ones."""
    work = tmp_path_factory.mktemp("grown")
    docs = work / "docs"
    shutil.copytree(ROOT / "docs", docs)
    year, number, total = next_issue(LIVE[0])
    folder = work / "sources" / f"{year}-{number:02d}"
    folder.mkdir(parents=True)
    (folder / "issue.md").write_text(rewrite_source(SOURCE.read_text(encoding="utf-8"), year, number, total), encoding="utf-8")
    shutil.copy(SOURCE.with_name("corrections.yaml"), folder)
    result = subprocess.run([sys.executable, "-m", "journal", "import", str(folder / "issue.md"), "--docs", str(docs)],
                            cwd=ROOT, capture_output=True, text=True, env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    built = build_site(docs, work / "site")
    assert built.returncode == 0, built.stderr
    return docs, work / "site", catalog.issue_folder(year, number)


def test_the_new_issue_passes_the_content_check(grown):
    docs, _, _ = grown
    assert [str(d) for d in check_docs(docs)] == []


def test_home_leads_with_the_new_issue_and_the_archive_lists_every_issue(grown):
    docs, site, new = grown
    issues = catalog.read_catalog(catalog.pages_on_disk(docs))
    assert catalog.issue_dir_of(issues[0].src_uri) == new and len(issues) == len(LIVE) + 1
    home = read(site / "index.html")
    assert home.texts("issue-number") == [issues[0].meta["title"]]
    assert all(a["href"].startswith(new + "/") for _, a in home.with_class("issue-article-title"))
    archive = read(site / "archive" / "index.html")
    assert archive.texts("archive-issue-link") == [issue.meta["title"] for issue in issues]


def test_search_finds_the_articles_of_both_issues(grown, browser):
    _, site, new = grown
    # The live issue imported from the same source (sources/2026-02 → 2026/02): not always the
    # newest, once a later issue is imported.
    old = SOURCE.parent.name.replace("-", "/")
    same = next(issue for issue in LIVE if catalog.issue_dir_of(issue.src_uri) == old)
    title = same.articles[0].meta["title"]
    base, httpd = browser_helper.serve(site)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(base + "/")
        page.locator(".md-search__input").click()
        page.keyboard.type(title, delay=10)
        page.keyboard.press("End")
        slug = same.articles[0].src_uri.split("/")[-1][: -len(".md")]
        # Results are drawn article by article (the first one's records are fetched first):
        # wait until both issues' copies are listed, or time out.
        page.wait_for_function(
            """paths => { const hrefs = [...document.querySelectorAll('.md-search-result__item > a.md-search-result__link')].map(a => a.href)
                          return paths.every(p => hrefs.some(h => h.includes(p))) }""",
            arg=[f"/{new}/{slug}/", f"/{old}/{slug}/"], timeout=15_000)
        hrefs = page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link", "as => as.map(a => a.href)")
    finally:
        page.close()
        httpd.shutdown()
    assert any(f"/{new}/{slug}/" in h for h in hrefs) and any(f"/{old}/{slug}/" in h for h in hrefs)

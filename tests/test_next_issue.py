"""The next issue as an editor would receive it, with what a later issue prints that 2026-02
does not: a data table, a figure with its picture, a bulleted and a numbered list, three
authors (tests/fixtures/next-issue/, made by tests/importer/next_issue.py).

It is imported with the command line beside the live docs/ under the next number, as
test_adding_an_issue.py does with the real source; then the content check and the strict
build pass, and the site shows the table as a table, the figure with its picture and caption,
the lists as lists and every author in the header and the Highwire tags."""

import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from bench import archive_search, browser as browser_helper
from bench.growth import rewrite_source
from journal import bundle, catalog
from journal.checks import check_docs
from tests.conftest import ROOT, build_site
from tests.test_adding_an_issue import LIVE, next_issue

FIXTURE = ROOT / "tests" / "fixtures" / "next-issue"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """(docs, site, new issue folder, the import's report) after importing the fixture."""
    work = tmp_path_factory.mktemp("next-issue")
    docs = work / "docs"
    shutil.copytree(ROOT / "docs", docs)
    year, number, total = next_issue(LIVE[0])
    folder = work / "sources" / f"{year}-{number:02d}"
    shutil.copytree(FIXTURE / "images", folder / "images")
    (folder / "issue.md").write_text(rewrite_source((FIXTURE / "issue.md").read_text(encoding="utf-8"), year, number, total),
                                     encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "journal", "import", str(folder / "issue.md"), "--docs", str(docs)],
                            cwd=ROOT, capture_output=True, text=True, env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    built = build_site(docs, work / "site")
    assert built.returncode == 0, built.stderr
    return docs, work / "site", catalog.issue_folder(year, number), result.stdout


def test_the_import_reports_the_table_the_figure_and_the_lists(imported):
    *_, report = imported
    assert report.startswith("wrote 3 pages: ") and "1 table, 1 figure, 2 lists" in report, report


def test_the_new_issue_passes_the_content_check(imported):
    docs, *_ = imported
    assert [str(d) for d in check_docs(docs)] == []


def test_the_picture_is_beside_its_page_and_in_the_site(imported):
    docs, site, new, _ = imported
    picture = (FIXTURE / "images" / "3f2a9c81d0.jpg").read_bytes()
    assert (docs / new / "li-hua-figure-1.jpg").read_bytes() == picture
    assert (site / new / "li-hua-figure-1.jpg").read_bytes() == picture  # MkDocs copies it as it lies in docs/


def test_the_table_figure_lists_and_authors_are_on_the_pages(imported):
    _, site, new, _ = imported
    table_page = (site / new / "bai-jiayu" / "index.html").read_text(encoding="utf-8")
    assert '<table id="table-1">' in table_page and '<th scope="col" colspan="2">贸易额</th>' in table_page
    assert "<caption>表1\u30002015—2025年中巴贸易额（亿美元）</caption>" in table_page
    assert "<li>基础设施建设" in table_page and "<ol>" in table_page
    assert table_page.count('name="citation_author"') == 3
    figure_page = (site / new / "li-hua" / "index.html").read_text(encoding="utf-8")
    assert '<figure id="figure-1">' in figure_page or '<figure id="figure-1"' in figure_page
    assert 'alt="图1\u30002015—2025年中巴贸易额"' in figure_page and "<figcaption>" in figure_page


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_images(path):
    """How many pictures the PDF draws (pdfimages -list: a header of two lines, then one a picture)."""
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    return len(listing.splitlines()) - 2


def test_the_table_and_the_figure_are_in_the_pdf_galleys(imported):
    _, site, new, _ = imported
    table = pdf_text(site / new / "bai-jiayu.pdf")
    assert "表1" in table and "164.5" in table and "231.8" in table
    figure = site / new / "li-hua.pdf"
    assert "图1" in pdf_text(figure) and pdf_images(figure) >= 1
    issue_pdf = next((site / new).glob("*.pdf"), None)
    assert issue_pdf is not None


def test_the_search_box_finds_a_table_cell(imported, browser):
    _, site, new, _ = imported
    base, httpd = browser_helper.serve(site)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(base + "/")
        hrefs = [result["links"][0] for result in archive_search.search(page, "164.5")]
    finally:
        page.close()
        httpd.shutdown()
    assert any(f"/{new}/bai-jiayu/" in h for h in hrefs), hrefs


def test_the_issue_zip_carries_the_figure_and_the_table(imported, tmp_path):
    docs, _, new, _ = imported
    zip_path = tmp_path / "issue.zip"
    bundle.make_bundle(docs, [new], zip_path, tmp_path, ROOT / "mkdocs.yml")
    with zipfile.ZipFile(zip_path) as archive:
        top = bundle.top_folder(zip_path)
        names = {n.removeprefix(f"{top}/") for n in archive.namelist()}
        assert f"{new}/li-hua-figure-1.jpg" in names
        # The offline build has file URLs: a page is bai-jiayu.html, not bai-jiayu/index.html.
        page = archive.read(f"{top}/{new}/bai-jiayu.html").decode("utf-8")
    assert '<table id="table-1">' in page and "164.5" in page

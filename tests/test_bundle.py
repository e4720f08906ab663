"""The offline bundles, unzipped and opened from disk with the network refused.

`make bundle` writes one zip for the whole archive and one per issue; the browser tests open
the zip of the issue the search query list was written for (tests/search/search_queries.yaml)."""

import zipfile

import pytest

from bench import archive_search, search_report
from journal import bundle, catalog
from tests.conftest import ROOT

DIST = ROOT / "dist"
ISSUES = catalog.read_catalog(catalog.pages_on_disk(ROOT / "docs"))
QUERY_ISSUE = search_report.load_queries()["issue"]  # e.g. 2026/02


def names_in(zip_path):
    """The zip's files, relative to its one top folder (which every name must be in)."""
    top = bundle.top_folder(zip_path) + "/"
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
    assert all(n.startswith(top) for n in names), [n for n in names if not n.startswith(top)][:5]
    return {n[len(top):] for n in names}


def test_one_zip_for_the_archive_and_one_per_issue():
    expected = {bundle.zip_name("archive")} | {bundle.zip_name(catalog.issue_dir_of(i.src_uri).replace("/", "-")) for i in ISSUES}
    assert {p.name for p in DIST.glob(bundle.zip_name("*"))} == expected


def test_the_archive_zip_holds_every_issue_and_an_issue_zip_only_its_own():
    archive = names_in(DIST / bundle.zip_name("archive"))
    for issue in ISSUES:
        folder = catalog.issue_dir_of(issue.src_uri)
        pages = {a.src_uri[: -len(".md")] + ".html" for a in issue.articles} | {f"{folder}/index.html"}
        assert pages <= archive
        own = names_in(DIST / bundle.zip_name(folder.replace("/", "-")))
        assert pages <= own and {"index.html", "archive.html", "keywords.html", "authors.html"} <= own
        assert not any(catalog.issue_dir_of(n) not in (None, folder) for n in own if n.endswith(".html"))


def test_remote_loads_are_found_in_html_and_css(tmp_path):
    (tmp_path / "a.html").write_text(
        '<p style="background:url(https://x.example/a.png)">x</p>'
        '<img title=\'">\' srcset="a.png 1x, //x.example/b.png 2x">'
        '<link rel="preload" href="https://x.example/f.woff2"><a href="https://ok.example/">a link is fine</a>'
        "<style>@import 'https://x.example/s.css';</style>", encoding="utf-8")
    (tmp_path / "b.css").write_text("body{background:URL( 'http://x.example/c.png' )}", encoding="utf-8")
    found = bundle.remote_loads(tmp_path)
    assert len(found["a.html"]) == 4 and len(found["b.css"]) == 1
    assert not any("ok.example" in hit for hit in found["a.html"])


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory):
    zip_path = DIST / bundle.zip_name(QUERY_ISSUE.replace("/", "-"))
    if not zip_path.exists():
        pytest.fail(f"{zip_path.relative_to(ROOT)} is missing: `make test` runs `make bundle` first")
    folder = tmp_path_factory.mktemp("bundle")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(folder)
    assert [p.name for p in folder.iterdir()] == [bundle.top_folder(zip_path)]  # one folder, nothing spilled
    return folder / bundle.top_folder(zip_path)


@pytest.fixture(scope="module")
def fresh_bundle(tmp_path_factory):
    """The query list's issue bundled now by journal.bundle into a temporary folder, unzipped:
    search is tested on what the current code makes, not on an older dist/."""
    work = tmp_path_factory.mktemp("fresh-bundle")
    zip_path = work / bundle.zip_name(QUERY_ISSUE.replace("/", "-"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JOURNAL_PDF", "false")  # galleys are not search
        bundle.make_bundle(ROOT / "docs", [QUERY_ISSUE], zip_path, work / "build")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(work / "unzipped")
    return work / "unzipped" / bundle.top_folder(zip_path)


def guarded_page(browser, folder):
    """A page that may load only files inside `folder`; every request is recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests = []

    def guard(route):
        url = route.request.url
        requests.append(url)
        if url.startswith(folder.as_uri()) or url.startswith(("data:", "about:", "blob:")):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.requests = requests
    page.folder = folder
    return context, page


def outside_requests(page):
    return [u for u in page.requests if not u.startswith(page.folder.as_uri()) and not u.startswith(("data:", "about:", "blob:"))]


def _guarded(browser, folder):
    """Yields a guarded page of `folder`; afterwards, no request may have left it."""
    context, page = guarded_page(browser, folder)
    yield page
    context.close()
    assert outside_requests(page) == [], "requests leaving the bundle folder"


@pytest.fixture
def offline_page(browser, unzipped):
    """A page of the dist/ bundle that may load only files inside it."""
    yield from _guarded(browser, unzipped)


@pytest.fixture
def fresh_offline_page(browser, fresh_bundle):
    """A page of the bundle the current code makes (fresh_bundle)."""
    yield from _guarded(browser, fresh_bundle)


def test_zip_holds_every_page_and_the_offline_search_index(fresh_bundle):
    names = {p.relative_to(fresh_bundle).as_posix() for p in fresh_bundle.rglob("*") if p.is_file()}
    assert "index.html" in names and f"{QUERY_ISSUE}/wang-fan.html" in names
    assert not any("iframe-worker" in n for n in names)  # search runs no worker: no shim
    # Search from file:// reads one script; the website's index (fetched in pieces) is left out.
    assert "search/offline-index.js" in names and not any(n.startswith("search/index") for n in names)
    assert not any(n.endswith("404.html") or n.startswith("sitemap") for n in names)


def test_navigation_between_pages_from_disk(offline_page):
    page = offline_page
    page.goto((page.folder / "index.html").as_uri())
    page.click("a.issue-article-title >> nth=3")
    page.wait_for_load_state()
    assert page.url.endswith(f"{QUERY_ISSUE}/wang-fan.html")
    assert page.locator("h1.article-title").inner_text().startswith("战略收缩")
    styled = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
    assert styled in ("sticky", "fixed"), "Material's stylesheet did not load"
    page.click("nav.md-nav--primary >> text=关键词索引")
    page.wait_for_load_state()
    assert page.url.endswith("keywords.html")


def test_chinese_search_works_from_disk_as_on_the_website(fresh_offline_page):
    """The website's query list, typed into the bundle's search box from file://, counted as
    on the website (tests/search/test_search.py): inside the list's issue."""
    page = fresh_offline_page
    page.goto((page.folder / "index.html").as_uri())
    outcomes = [(entry, archive_search.search(page, entry["query"])) for entry in search_report.load_queries()["queries"]]
    result = archive_search.score(outcomes, QUERY_ISSUE)
    assert result["missed"] == [] and result["false_hits"] == [] and result["wrong_first"] == []


def test_a_note_only_term_links_to_its_note_from_disk(fresh_offline_page):
    page = fresh_offline_page
    page.goto((page.folder / QUERY_ISSUE / "wang-fan.html").as_uri())
    bai = next(r for r in archive_search.search(page, "南海仲裁案") if r["slug"].endswith("bai-jiayu"))
    assert bai["links"][1].endswith("bai-jiayu.html#fn:9") and "菲律宾所提南海仲裁案" in bai["text"]


def test_a_query_typed_in_traditional_finds_its_article_from_disk(fresh_offline_page):
    """The converter and its table load from the bundle (vendor/), not from another host."""
    page = fresh_offline_page
    page.goto((page.folder / "index.html").as_uri())
    assert [r["slug"] for r in archive_search.search(page, "戰略收縮")][:1] == [f"{QUERY_ISSUE}/wang-fan"]
    assert [r["slug"] for r in archive_search.search(page, "縱座標")] == [f"{QUERY_ISSUE}/zhang-chaozhe"]
    assert any(u.endswith("vendor/opencc-t2cn.js") for u in page.requests)


def test_footnote_preview_and_cite_box_from_disk(offline_page):
    page = offline_page
    page.goto((page.folder / QUERY_ISSUE / "wang-fan.html").as_uri())
    ref = page.locator('a.footnote-ref[href="#fn:1"]')
    ref.scroll_into_view_if_needed()
    ref.hover()
    page.locator(".md-tooltip2--active").wait_for(state="visible", timeout=5000)
    page.click("details.cite-box > summary")
    assert "[J]. 国际问题研究" in page.locator("#cite-gbt7714").inner_text()
    ris = page.locator("a[download]").first.get_attribute("href")
    assert (page.folder / QUERY_ISSUE / ris).exists()


# --- which project, which links, which PDFs (issue 18) -----------------------------------------

def small_project(root):
    """A project of its own: mkdocs.yml, overrides/, data/ and the frozen two-issue archive as docs/."""
    import shutil

    from tests.conftest import ARCHIVE, docs_with_assets

    root.mkdir(parents=True)
    shutil.copyfile(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    shutil.copytree(ROOT / "data", root / "data")
    docs_with_assets(ARCHIVE, root / "docs")
    return root


def run_bundle(cwd, **env):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DOCS_DIR", "OFFLINE")} | env
    return subprocess.run([sys.executable, "-m", "journal.bundle"], cwd=cwd, env=env, capture_output=True, text=True)


def test_the_project_is_found_from_the_working_directory(tmp_path):
    project = small_project(tmp_path / "p")
    (project / "docs" / "2026").mkdir(exist_ok=True)
    assert bundle.find_project(project / "docs" / "2026") == (project.resolve(), project.resolve() / "mkdocs.yml")
    assert bundle.docs_dir_of(project / "mkdocs.yml") == (project / "docs").resolve()
    with pytest.raises(bundle.Diagnostic, match="expected a mkdocs.yml"):
        bundle.find_project(tmp_path)
    result = run_bundle(tmp_path)
    assert result.returncode == 1 and "expected a mkdocs.yml" in result.stderr


def test_a_symbolic_link_under_docs_stops_the_bundle_naming_it(tmp_path):
    project = small_project(tmp_path / "p")
    secret = tmp_path / "outside.md"
    secret.write_text("not the journal's", encoding="utf-8")
    link = project / "docs" / "2026" / "01" / "extra.md"
    link.symlink_to(secret)
    result = run_bundle(project)
    assert result.returncode == 1 and str(link) in result.stderr and "symbolic link" in result.stderr, result.stderr
    assert not (project / "dist").exists() or not list((project / "dist").glob("*.zip"))


def test_bundle_writes_into_the_project_it_is_run_in_and_no_zip_has_a_pdf_twice(tmp_path):
    project = small_project(tmp_path / "p")
    before = {p: p.stat().st_mtime_ns for p in DIST.glob("*.zip")} if DIST.exists() else {}
    result = run_bundle(project, JOURNAL_CACHE_DIR=str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    zips = sorted(p.name for p in (project / "dist").glob("*.zip"))
    assert zips == sorted([bundle.zip_name("archive"), bundle.zip_name("2026-01"), bundle.zip_name("2025-06")])
    assert ({p: p.stat().st_mtime_ns for p in DIST.glob("*.zip")} if DIST.exists() else {}) == before  # not this checkout's
    archive = names_in(project / "dist" / bundle.zip_name("archive"))
    articles = {n for n in archive if n.endswith(".pdf") and "guoji-wenti-yanjiu-" not in n}
    assert len(articles) == 4 and not any(n.endswith(".pdf") and "guoji-wenti-yanjiu-" in n for n in archive)
    issue = names_in(project / "dist" / bundle.zip_name("2026-01"))
    assert {"2026/01/li-si.pdf", "2026/01/zhang-san.pdf"} <= issue
    assert not any(n.endswith(".pdf") and "guoji-wenti-yanjiu-" in n for n in issue)  # the issue PDF: on the website
    for label in ("archive", "2026-01"):
        zip_path = project / "dist" / bundle.zip_name(label)
        with zipfile.ZipFile(zip_path) as z:
            page = z.read(f"{bundle.top_folder(zip_path)}/2026/01/index.html").decode("utf-8")
        assert "guoji-wenti-yanjiu-2026-01.pdf" not in page  # no link to a PDF the zip does not hold

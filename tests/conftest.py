"""Shared fixtures: the real source, the built site, a local server and headless Chromium."""

from pathlib import Path

import pytest

from build_tools import search_report

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "sources" / "2026-02" / "issue.md"
SITE = ROOT / "site"
CHROMIUM = search_report.CHROMIUM


@pytest.fixture(scope="session")
def site():
    """The site `make build` wrote; `make test` builds it first."""
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built: run `make test` (it runs `make build` first)")
    return SITE


@pytest.fixture(scope="session")
def server(site):
    """The built site served on 127.0.0.1, as a reader's browser would get it."""
    base_url, httpd = search_report.serve(site)
    yield base_url
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: apt-get install chromium chromium-driver")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=search_report.CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()

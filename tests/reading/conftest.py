"""Issue 11, reading: the live docs/ built into a temporary folder (so these tests never
depend on, or write, the shared site/), served on 127.0.0.1, and pages in Chromium as a
desktop reader, a phone reader and an English-only reader get them."""

import pytest

from bench import browser as browser_helper
from tests.conftest import ROOT, build_site

ARTICLE = "/2026/02/wang-fan/"


@pytest.fixture(scope="session")
def reading_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("reading") / "site"
    result = build_site(ROOT / "docs", site)
    if result.returncode:
        pytest.fail(f"docs/ did not build:\n{result.stderr}")
    return site


@pytest.fixture(scope="session")
def reading_server(reading_site):
    base_url, httpd = browser_helper.serve(reading_site)
    yield base_url
    httpd.shutdown()


def _context(browser, **options):
    context = browser.new_context(**options)
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    context.requests = requests
    return context


@pytest.fixture
def desktop(browser):
    context = _context(browser, viewport={"width": 1280, "height": 900}, locale="zh-CN")
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser):
    context = _context(browser, viewport={"width": 390, "height": 844}, locale="zh-CN",
                       has_touch=True, is_mobile=True, device_scale_factor=2)
    yield context.new_page()
    context.close()


@pytest.fixture
def english_reader(browser):
    context = _context(browser, viewport={"width": 1280, "height": 900}, locale="en-US")
    yield context.new_page()
    context.close()

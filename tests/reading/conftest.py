"""Issue 11, reading: the live site (`make build`), served on 127.0.0.1, and pages in Chromium as a
desktop reader, a phone reader and an English-only reader get them."""

import pytest


ARTICLE = "/2026/02/wang-fan/"


@pytest.fixture(scope="session")
def reading_site(site):
    """The site `make build` made of the live docs/ (tests/conftest.py)."""
    return site


@pytest.fixture(scope="session")
def reading_server(server):
    return server


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

"""Search tests run on the site `make build` made of the live docs/, and build what else they
need (archives, hostile pages) into temporary folders."""

import pytest

from bench import browser as browser_helper



@pytest.fixture(scope="session")
def search_site(site):
    """The website with its Pagefind index: the site `make build` made (tests/conftest.py)."""
    return site


@pytest.fixture(scope="session")
def search_server(search_site):
    base_url, httpd = browser_helper.serve(search_site)
    yield base_url, httpd
    httpd.shutdown()

"""Search tests build what they need into temporary folders (never the shared site/): the live
docs/ as the website, with the project's mkdocs.yml."""

import pytest

from bench import browser as browser_helper
from tests.conftest import ROOT, build_site


@pytest.fixture(scope="session")
def search_site(tmp_path_factory):
    """The live docs/ built into a temporary folder: the website with its Pagefind index."""
    site = tmp_path_factory.mktemp("search-site") / "site"
    result = build_site(ROOT / "docs", site, JOURNAL_PDF="false")  # galleys are not search
    if result.returncode:
        pytest.fail(f"the site did not build:\n{result.stderr}")
    return site


@pytest.fixture(scope="session")
def search_server(search_site):
    base_url, httpd = browser_helper.serve(search_site)
    yield base_url, httpd
    httpd.shutdown()

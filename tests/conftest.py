"""Shared fixtures: the built site, the frozen two-issue archive, a local server, Chromium.

Two sites are under test:
- `site`: what `make build` made of the live docs/ (the issues as published). Tests over it
  assert what must hold of any archive: every page valid, every link resolved, every note
  linked both ways, search exact on the query list of tests/search/.
- `archive_site`: tests/fixtures/archive/ (two small issues, frozen) built into a temporary
  folder with the same mkdocs.yml. Tests of what the archive shows (home leads with the newest
  issue, back issues, indexes) count on its known contents, not on the live docs/.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench import browser as browser_helper

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "sources" / "2026-02" / "issue.md"
SITE = ROOT / "site"
ARCHIVE = ROOT / "tests" / "fixtures" / "archive"


def build_site(docs, site, **env):
    """`mkdocs build --strict` of the project's mkdocs.yml over another docs folder."""
    env = dict(os.environ, DOCS_DIR=str(docs), NO_MKDOCS_2_WARNING="1", **env)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )


def docs_with_assets(source, target):
    """A docs folder made of `source`'s pages. (Styles and scripts are in overrides/, which the
    project's mkdocs.yml serves: docs/ holds content only; the name is kept for its callers.)"""
    shutil.copytree(source, target)
    return target


def wait_for_lang(page, lang, timeout=10_000):
    """Wait until <html lang> is `lang`. Predicates are given as functions: an expression
    string is run through eval, which the pages' CSP refuses."""
    page.wait_for_function("lang => document.documentElement.lang === lang", arg=lang, timeout=timeout)


@pytest.fixture(scope="session")
def site():
    """The site `make build` wrote; `make test` builds it first."""
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built: run `make test` (it runs `make build` first)")
    return SITE


@pytest.fixture(scope="session")
def archive_site(tmp_path_factory):
    """The frozen two-issue archive, built."""
    work = tmp_path_factory.mktemp("archive")
    docs = docs_with_assets(ARCHIVE, work / "docs")
    result = build_site(docs, work / "site")
    if result.returncode:
        pytest.fail(f"the fixture archive did not build:\n{result.stderr}")
    return work / "site"


@pytest.fixture(scope="session")
def server(site):
    """The built site served on 127.0.0.1, as a reader's browser would get it."""
    base_url, httpd = browser_helper.serve(site)
    yield base_url
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        try:
            chromium = browser_helper.launch(p)
        except RuntimeError as err:
            pytest.fail(str(err))
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()

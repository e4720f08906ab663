"""Every page of the built site is valid HTML, by the Nu Html Checker (vnu.jar).

One java run checks all pages. Errors that Material for MkDocs' own templates emit are
allowed only by name below (message + the markup it is about + the template that makes it);
anything else, in particular from overrides/ or our Markdown and hooks, fails the test."""

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MATERIAL = ".venv/lib/python3.11/site-packages/material/templates"


@dataclass(frozen=True)
class ThemeError:
    message: str  # regex, matched in full against vnu's message
    extract: str  # regex, searched in vnu's extract of the offending markup
    template: str  # where Material emits it
    reason: str

    def matches(self, msg):
        return re.fullmatch(self.message, msg.get("message", "")) and re.search(self.extract, msg.get("extract", ""))


THEME_ERRORS = [
    ThemeError(
        message=re.escape("Attribute “autocomplete” is only allowed when the input type is ")
        + r"“color”, .*",
        extract=r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" autocomplete="off">',
        template=f"{MATERIAL}/base.html (the hidden drawer and search toggles)",
        reason="Material puts autocomplete=off on its checkbox toggles so Firefox does not "
        "restore their state on reload; autocomplete is not allowed on checkboxes.",
    ),
]


def _java():
    return shutil.which("java")


@pytest.fixture(scope="module")
def vnu_messages(site):
    java = _java()
    if not java:
        pytest.fail("java is not installed: the Nu Html Checker needs Java 11+ "
                    "(Debian: apt-get install default-jre-headless)")
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR.relative_to(ROOT)} is missing: run `npm ci` (package.json has vnu-jar)")
    pages = sorted(site.rglob("*.html"))
    assert pages, "site/ has no HTML pages"
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html", "--stdout",
         *map(str, pages)],
        capture_output=True, text=True, timeout=600,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu.jar gave no JSON (exit {result.returncode}):\n"
                    f"{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return site, pages, report.get("messages", [])


def _where(site, msg):
    url = msg.get("url", "")
    path = url[len("file:"):] if url.startswith("file:") else url
    try:
        path = Path(path).relative_to(site).as_posix()
    except ValueError:
        pass
    return f"{path}:{msg.get('lastLine', '?')}"


def _is_error(msg):
    return msg.get("type") in ("error", "non-document-error") or msg.get("subType") == "fatal"


def test_every_page_was_checked(vnu_messages):
    site, pages, messages = vnu_messages
    fatal = [m for m in messages if m.get("type") == "non-document-error" or m.get("subType") == "fatal"]
    assert not fatal, "vnu could not check some pages:\n" + "\n".join(
        f"{_where(site, m)}: {m.get('message')}" for m in fatal)


def test_no_html_errors_beyond_the_themes_own(vnu_messages):
    site, pages, messages = vnu_messages
    ours = [m for m in messages if _is_error(m) and not any(t.matches(m) for t in THEME_ERRORS)]
    report = [
        f"{_where(site, m)}: {m.get('message')}\n    {(m.get('extract') or '').strip()}"
        for m in ours
    ]
    if ours:
        pytest.fail(
            f"{len(ours)} HTML error(s) in {len(pages)} pages that are not Material's own "
            "(fix the template in overrides/, the Markdown or the hook):\n" + "\n".join(report),
            pytrace=False,
        )


def test_theme_allowlist_is_still_needed(vnu_messages):
    """An allowed theme error that no longer occurs (Material fixed it, or we dropped the
    feature) should be removed from THEME_ERRORS, so the list stays honest."""
    site, pages, messages = vnu_messages
    unused = [t.template for t in THEME_ERRORS if not any(_is_error(m) and t.matches(m) for m in messages)]
    assert not unused, "THEME_ERRORS entries that match nothing any more:\n" + "\n".join(unused)

"""axe-core in headless Chromium: no serious or critical WCAG 2.0/2.1/2.2 A/AA violations on
the pages and states a reader meets, in the light and the dark colour scheme.

Material follows the reader's prefers-color-scheme on a first visit (the palette in
mkdocs.yml has one scheme per media query), so the dark run emulates prefers-color-scheme:
dark before loading and checks that Material switched <body> to the slate scheme.

Violations that Material for MkDocs' own CSS causes are allowed only by name (rule id +
target selector + reason) in THEME_VIOLATIONS; everything else fails, printed with rule,
impact, target selectors and axe's summary of what to fix."""

import re
from dataclasses import dataclass

import pytest

from tests.conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}
ARTICLE = "/2026/02/wang-fan/"
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme → Material scheme


@dataclass(frozen=True)
class ThemeViolation:
    rule: str
    target: str  # regex, matched in full against the node's axe target selector
    schemes: tuple  # the colour schemes it occurs in
    reason: str

    def matches(self, rule, target, scheme):
        return rule == self.rule and scheme in self.schemes and re.fullmatch(self.target, target)


# Material's footer line and search result count failed contrast here (4.47:1 and 4.41:1);
# journal.css now colours both, so nothing from the theme needs allowing.
THEME_VIOLATIONS = []


# ---- page states ----------------------------------------------------------------------------

def _open_search(page):
    page.click(".md-search__input")
    page.locator(".md-search__input").focus()
    page.keyboard.type("战略")
    page.keyboard.press("End")  # CJK text is inserted without key events; Material searches on keyup
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)


def _show_footnote_preview(page):
    ref = page.locator("a.footnote-ref").first
    ref.scroll_into_view_if_needed()
    ref.hover()
    page.locator(".md-tooltip2--active").wait_for(state="visible", timeout=5_000)


def _open_cite_box_and_english_abstract(page):
    page.click("details.cite-box > summary")
    page.click('label[for="abstract-en"]')
    page.locator("#cite-apa").wait_for(state="visible")


def _open_bios(page):
    for summary in page.locator("details.article-person > summary").all():
        summary.click()


SCENARIOS = {
    "home": ("/", None),
    "issue-contents": ("/2026/02/", None),
    "article-search-open": (ARTICLE, _open_search),
    "article-footnote-preview": (ARTICLE, _show_footnote_preview),
    "article-cite-box-open": (ARTICLE, _open_cite_box_and_english_abstract),
    "keyword-index": ("/keywords/", None),
    "author-index": ("/authors/", None),
    "archive": ("/archive/", None),
    # Issue 20: bios opened, the English pages, a year, About.
    "article-bios-open": (ARTICLE, _open_bios),
    "english-contents": ("/en/2026/02/", None),
    "english-issues": ("/en/", None),
    "year": ("/2026/", None),
    "about": ("/about/", None),
}


# ---- running axe ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def axe_source():
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (package.json has axe-core)")
    return AXE.read_text(encoding="utf-8")


def run_axe(page, axe_source):
    # The site's CSP allows script only from its own files: serve axe as one of them rather
    # than injecting it inline, so the page is audited with its policy in force.
    origin = page.url.split("/", 3)[:3]
    axe_url = "/".join(origin) + "/__axe__.js"
    page.route(axe_url, lambda route: route.fulfill(body=axe_source, content_type="text/javascript"))
    page.add_script_tag(url=axe_url)
    return page.evaluate(
        """tags => axe.run(document, {
               runOnly: {type: "tag", values: tags},
               resultTypes: ["violations"],
           })""",
        TAGS,
    )


def _settle(page):
    """Let transitions (tooltip fade-in, search overlay) finish before colours are measured."""
    try:
        page.wait_for_function(
            "() => document.getAnimations().every(a => a.playState !== 'running')", timeout=3_000)
    except Exception:  # an endless animation: measure anyway
        pass


def split_violations(result, scheme):
    """(failing, allowed, minor) lists of (violation, node)."""
    failing, allowed, minor = [], [], []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            impact = node.get("impact") or violation.get("impact")
            target = " ".join(_target(node))
            if any(t.matches(violation["id"], target, scheme) for t in THEME_VIOLATIONS):
                allowed.append((violation, node))
            elif impact in FAILING_IMPACTS:
                failing.append((violation, node))
            else:
                minor.append((violation, node))
    return failing, allowed, minor


def _target(node):
    # Targets inside iframes or shadow DOM are nested lists.
    return [t if isinstance(t, str) else " >>> ".join(t) for t in node.get("target", [])]


def describe(pairs, limit=12):
    lines, by_rule = [], {}
    for violation, node in pairs:
        by_rule.setdefault(violation["id"], (violation, []))[1].append(node)
    for rule, (violation, nodes) in by_rule.items():
        lines.append(f"[{violation.get('impact')}] {rule}: {violation['help']} "
                     f"({len(nodes)} element(s)) {violation.get('helpUrl', '')}")
        for node in nodes[:limit]:
            summary = " ".join(line.strip() for line in (node.get("failureSummary") or "").splitlines()[1:3])
            lines.append(f"    {' '.join(_target(node))}\n        {summary}")
        if len(nodes) > limit:
            lines.append(f"    … and {len(nodes) - limit} more")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_no_serious_accessibility_violations(page, server, axe_source, scenario, scheme):
    path, prepare = SCENARIOS[scenario]
    page.emulate_media(color_scheme=scheme)  # before load: Material picks the palette on load
    page.goto(server + path)
    page.wait_for_function(
        "s => document.body.getAttribute('data-md-color-scheme') === s", arg=SCHEMES[scheme],
        timeout=5_000)
    if prepare:
        prepare(page)
    _settle(page)
    failing, allowed, minor = split_violations(run_axe(page, axe_source), scheme)
    if minor:
        print(f"{scenario} ({scheme}), moderate/minor, not failing:\n{describe(minor)}")
    if allowed:
        print(f"{scenario} ({scheme}), Material's own, allowed:\n{describe(allowed)}")
    if failing:
        pytest.fail(
            f"{path} [{scenario}, {scheme} scheme]: {len(failing)} serious/critical axe "
            f"violation(s)\n{describe(failing)}",
            pytrace=False,
        )

"""axe-core over the states issue 11 adds: the English contents page, a note open in place
on a phone, a page shown in Traditional characters; light and dark. 0 serious/critical."""

import pytest

from tests.reading.conftest import ARTICLE
from tests.site.test_accessibility import _settle, axe_source, describe, run_axe, split_violations  # noqa: F401


def _open_note(page):
    marker = page.locator(".note-ref").nth(3)
    marker.evaluate("el => el.scrollIntoView({block: 'center'})")
    marker.click()
    page.locator("#note-popover").wait_for(state="visible")


def _traditional(page):
    page.click("button.hant-toggle")
    for _ in range(100):
        if page.evaluate("() => document.documentElement.lang") == "zh-Hant-TW":
            return
        page.wait_for_timeout(100)


SCENARIOS = {
    "english-contents": ("/en/2026/02/", None, False),
    "phone-note-open": (ARTICLE, _open_note, True),
    "traditional": (ARTICLE, _traditional, False),
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_no_serious_violations(browser, reading_server, axe_source, scenario, scheme):  # noqa: F811
    path, prepare, phone = SCENARIOS[scenario]
    options = dict(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True) if phone else \
        dict(viewport={"width": 1280, "height": 900})
    context = browser.new_context(locale="zh-CN", color_scheme=scheme, **options)
    page = context.new_page()
    try:
        page.goto(reading_server + path)
        if prepare:
            prepare(page)
        _settle(page)
        failing, _, _ = split_violations(run_axe(page, axe_source), scheme)
        assert not failing, describe(failing)
    finally:
        context.close()

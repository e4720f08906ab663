"""overrides/partials/nav.html is Material's, but for the journal's name over the nav and on its
logo, which an English page (journal.lang "en") gives in English, as the header does."""

import re
from pathlib import Path

import material

from tests.conftest import ROOT

MATERIAL_NAV = Path(material.__file__).parent / "templates" / "partials" / "nav.html"


def test_the_nav_is_material_s_but_for_the_journal_s_name():
    """A Material upgrade that changes the nav must be noticed (copy it again)."""
    ours = (ROOT / "overrides" / "partials" / "nav.html").read_text(encoding="utf-8")
    theirs = MATERIAL_NAV.read_text(encoding="utf-8")
    strip = lambda text: re.sub(r"\A\{#-.*?-#\}\n", "", text, flags=re.S)  # noqa: E731
    english = '{% set site_title = journal.name_en if journal is defined and journal.lang == "en" else config.site_name %}\n'
    expected = english + (strip(theirs)
                          .replace('title="{{ config.site_name | e }}"', 'title="{{ site_title | e }}"')
                          .replace('aria-label="{{ config.site_name }}"', 'aria-label="{{ site_title | e }}"')
                          .replace("    {{ config.site_name }}\n", "    {{ site_title | e }}\n"))
    assert "config.site_name" not in expected.split("\n", 1)[1]
    assert strip(ours) == expected

"""The zh-search plugin in the build: what it writes, the header it brings, what it refuses."""

import json
import re
from pathlib import Path

import material
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from journal.search import plugin as zh_search
from tests.conftest import ROOT

MATERIAL_HEADER = Path(material.__file__).parent / "templates" / "partials" / "header.html"


def test_the_header_is_material_s_but_for_the_plugin_it_asks_for():
    """A Material upgrade that changes the header must be noticed (copy it again)."""
    ours = (zh_search.TEMPLATES / "partials" / "header.html").read_text(encoding="utf-8")
    theirs = MATERIAL_HEADER.read_text(encoding="utf-8")
    strip = lambda text: re.sub(r"\A\{#-.*?-#\}\n", "", text, flags=re.S)  # noqa: E731
    english = ('{% set english = journal is defined and journal.lang == "en" %}\n'
               '{% set site_title = journal.name_en if english else config.site_name %}\n')
    expected = english + (strip(theirs).replace('"material/search"', '"zh-search"')
                          .replace('title="{{ config.site_name | e }}"', 'title="{{ site_title | e }}"')
                          .replace('aria-label="{{ config.site_name }}"', 'aria-label="{{ site_title | e }}"')
                          .replace("{{ config.site_name }}\n", "{{ site_title | e }}\n")
                          .replace("aria-label=\"{{ lang.t('header') }}\"",
                                   "aria-label=\"{{ 'Header' if english else lang.t('header') }}\""))
    assert strip(ours) == expected


def test_the_website_has_its_own_index_and_nothing_of_material_s_search(search_site):
    folder = search_site / "search" / "index"
    entry = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    files = folder / entry["name"]
    assert len(list((files / "t").iterdir())) == entry["shards"] and len(list((files / "r").iterdir())) == entry["records"]
    assert {p.name for p in folder.iterdir()} == {"index.json", entry["name"]}  # one index, no other
    assert not (search_site / "search" / "search_index.json").exists() and not (search_site / "search" / "pagefind").exists()
    html = (search_site / "2026" / "02" / "wang-fan" / "index.html").read_text(encoding="utf-8")
    assert 'class="md-search journal-search"' in html and 'data-search-mode="web"' in html
    assert 'name="search"' not in html and 'data-md-component="search' not in html


def test_material_s_search_plugin_beside_it_stops_the_build(tmp_path):
    config_file = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("  - zh-search", "  - search\n  - zh-search", 1)
    config_file.write_text(text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}"), encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "journal.yaml").write_bytes((ROOT / "data" / "journal.yaml").read_bytes())  # the About page's facts
    config = load_config(str(config_file), docs_dir=str(ROOT / "docs"))
    with pytest.raises(PluginError, match="replaces it"):
        config.plugins.on_config(config)

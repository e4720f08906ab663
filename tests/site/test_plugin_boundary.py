"""The plugins' boundary (issue 18, item 6): what leaves each MkDocs plugin of the package.

- Bad content or bad configuration stops `mkdocs build` with MkDocs's "Error: …" (exit 1, no
  traceback), the message `path:line: expected …`, the path relative to the project.
- `enabled: false` runs none of a plugin's work. journal, journal-publishing and journal-exports
  do not declare the option, so MkDocs's own applies: it loads the plugin not at all. zh-search
  declares it (the header partial it brings, Material's but for the plugin's name, reads it)
  and returns at once from every event.
- Each plugin logs through `mkdocs.plugins.get_plugin_logger`.

Each build is of a small project made in a temporary folder (the project's mkdocs.yml,
overrides/ and data/, and the content check's four clean pages as docs/), run from there as an
editor runs it, without PDFs (the galley tests build those).
"""

import ast
import os
import re
import shutil
import subprocess
import sys

import pytest
from mkdocs.config import load_config

from tests.checks.helpers import FIXTURES as PAGES
from tests.conftest import ROOT

PLUGINS = ("zh-search", "journal", "journal-publishing", "journal-exports")
MODULES = sorted((ROOT / "src" / "journal").glob("*/plugin.py"))


def make_project(folder):
    folder.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    shutil.copytree(ROOT / "data", folder / "data")
    issue = folder / "docs" / "2026" / "02"
    issue.mkdir(parents=True)
    shutil.copy(PAGES / "home.md", folder / "docs" / "index.md")
    for name in ("index.md", "article.md", "other.md"):
        shutil.copy(PAGES / name, issue / name)
    return folder


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "project")


def build(project, *, cwd=None, **env):
    """`mkdocs build --strict` of `project`, run in it as an editor runs it (or from `cwd`)."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DOCS_DIR", "JOURNAL_", "OFFLINE"))}
    environment.update({"NO_MKDOCS_2_WARNING": "1", "JOURNAL_PDF": "false", "JOURNAL_SEARCH": "false", **env})
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(project / "mkdocs.yml")], cwd=cwd or project,
                          env=environment, capture_output=True, text=True, timeout=600)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not exactly once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path, text):
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if text in line)


def refused(result, where, says):
    """The build failed with MkDocs's error for a PluginError ("Aborted with a BuildError!",
    then the message logged as an error), and no traceback."""
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    assert "Aborted with a BuildError!" in output, output
    where = where.pattern if isinstance(where, re.Pattern) else re.escape(where)  # a pattern: a line YAML's parser names
    assert re.search(rf"(?:^|^ERROR +- +){where}: {re.escape(says)}", output, re.M), output
    return output


# --- errors leave a plugin as PluginError, path:line: expected … ----------------------------

def test_journal_a_bad_page(project):
    page = project / "docs" / "2026" / "02" / "article.md"
    edit(page, "first_page: 35", "first_page: 三十五")
    refused(build(project), f"docs/2026/02/article.md:{line_of(page, 'first_page:')}", "first_page")


@pytest.mark.parametrize("where", ["outside", "docs/2026"])
def test_journal_names_the_page_from_the_project_wherever_mkdocs_is_run(project, where):
    page = project / "docs" / "2026" / "02" / "article.md"
    edit(page, "first_page: 35", "first_page: 三十五")
    cwd = project.parent if where == "outside" else project / where
    refused(build(project, cwd=cwd), f"docs/2026/02/article.md:{line_of(page, 'first_page:')}", "first_page")


def test_journal_a_bad_data_file(project):
    data = project / "data" / "journal.yaml"
    data.write_text(data.read_text(encoding="utf-8") + "\nbroken: [unclosed\n", encoding="utf-8")
    refused(build(project), re.compile(r"data/journal\.yaml:[0-9]+"), "expected valid YAML")


def test_zh_search_a_bad_option(project):
    config = project / "mkdocs.yml"
    edit(config, "  - zh-search:\n", "  - zh-search:\n      record_size: 0\n")
    refused(build(project, JOURNAL_SEARCH="true"), f"mkdocs.yml:{line_of(config, 'record_size: 0')}",
            "zh-search: record_size: expected a number of characters above 0, got 0")


@pytest.mark.parametrize("written", ["search", "material/search"])
def test_zh_search_material_s_search_beside_it(project, written):
    config = project / "mkdocs.yml"
    edit(config, "  - zh-search:\n", f"  - {written}\n  - zh-search:\n")
    refused(build(project, JOURNAL_SEARCH="true"), f"mkdocs.yml:{line_of(config, f'  - {written}')}",
            f"zh-search: expected no `{written}` plugin in mkdocs.yml beside zh-search")


def test_publishing_without_the_journal_plugin(project):
    config = project / "mkdocs.yml"
    edit(config, "  - journal\n", "  - journal:\n      enabled: false\n")
    refused(build(project), f"mkdocs.yml:{line_of(config, '  - journal-publishing:')}",
            "journal-publishing: expected the journal plugin in mkdocs.yml's plugins, enabled")


def test_publishing_without_the_galley_stylesheet(project):
    (project / "overrides" / "pdf" / "galley.css").unlink()
    refused(build(project, JOURNAL_PDF="true"), "overrides/pdf/galley.css", "expected the PDF galleys' stylesheet")


def test_exports_a_bad_option(project):
    config = project / "mkdocs.yml"
    refused(build(project, JOURNAL_CONTACT_EMAIL="not an address"), f"mkdocs.yml:{line_of(config, 'depositor_email:')}",
            "journal-exports: depositor_email: expected an e-mail address, got 'not an address'")


def test_exports_a_doi_suffix_with_an_unknown_field(project):
    config = project / "mkdocs.yml"
    edit(config, "  - journal-exports:\n", "  - journal-exports:\n      doi_suffix: \"{volume}.{position}\"\n")
    refused(build(project), f"mkdocs.yml:{line_of(config, 'doi_suffix:')}",
            "journal-exports: doi_suffix: expected a pattern of the fields issn, year, issue, position, first_page and slug, "
            "got '{volume}.{position}'")


def test_exports_a_bad_doi_prefix_from_the_environment(project):
    config = project / "mkdocs.yml"  # not written in mkdocs.yml: the plugin's line
    refused(build(project, JOURNAL_DOI_PREFIX="doi:10.1/x"), f"mkdocs.yml:{line_of(config, '  - journal-exports:')}",
            "journal-exports: doi_prefix: expected a DOI prefix such as 10.12345")


# --- enabled: false --------------------------------------------------------------------------

def test_only_zh_search_declares_enabled():
    config = load_config(str(ROOT / "mkdocs.yml"))
    declaring = {name for name in PLUGINS if "enabled" in dict(config.plugins[name].config_scheme)}
    assert declaring == {"zh-search"}


@pytest.mark.parametrize("name", [name for name in PLUGINS if name != "zh-search"])
def test_a_disabled_plugin_is_out_of_the_build(project, name):
    """MkDocs registers none of a disabled plugin's events: none of its work can run."""
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    text = re.sub(rf"^  - {re.escape(name)}(:)?\n", lambda m: f"  - {name}:\n      enabled: false\n", text, count=1, flags=re.M)
    text = re.sub(rf"^(  - {re.escape(name)}:\n      enabled: false\n)      enabled: .*\n", r"\1", text, count=1, flags=re.M)
    config_file.write_text(text, encoding="utf-8")
    enabled = load_config(str(make_project(project.parent / "enabled") / "mkdocs.yml"))
    disabled = load_config(str(config_file))
    plugin_class = type(enabled.plugins[name])
    assert name not in disabled.plugins
    for event, methods in disabled.plugins.events.items():
        assert not any(isinstance(getattr(m, "__self__", None), plugin_class) for m in methods), event
    assert any(isinstance(getattr(m, "__self__", None), plugin_class) for ms in enabled.plugins.events.values() for m in ms)


def test_a_build_without_search_exports_and_publishing_writes_none_of_their_files(project):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  - journal-exports:\n", "  - journal-exports:\n      enabled: false\n")
    text = text.replace("  - journal-publishing:\n", "  - journal-publishing:\n      enabled: false\n")
    config.write_text(text, encoding="utf-8")
    result = build(project, JOURNAL_SEARCH="false")  # zh-search: enabled: !ENV [JOURNAL_SEARCH, true]
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    assert (site / "archive" / "index.html").is_file()
    html = (site / "2026" / "02" / "article" / "index.html").read_text(encoding="utf-8")
    written = {p.relative_to(site).as_posix() for p in site.rglob("*")}
    assert not (site / "search").exists() and "journal-search" not in html and "data-search-mode" not in html  # zh-search
    assert not {"feed.atom", "feed.rss"} & written  # journal-publishing
    assert not [p for p in written if p.endswith(".jats.xml") or p.startswith("oai/")]  # journal-exports


@pytest.mark.parametrize("value, on", [("false", False), ("true", True)])
def test_the_project_s_search_is_switched_by_the_environment(monkeypatch, value, on):
    """make serve turns search off with JOURNAL_SEARCH=false: the `enabled` MkDocs reads."""
    monkeypatch.setenv("JOURNAL_SEARCH", value)
    assert load_config(str(ROOT / "mkdocs.yml")).plugins["zh-search"].config.enabled is on


# --- one logger per plugin -------------------------------------------------------------------

@pytest.mark.parametrize("module", MODULES, ids=[m.parent.name for m in MODULES])
def test_plugin_code_logs_through_get_plugin_logger(module):
    """No logging.getLogger("mkdocs…") in plugin code: get_plugin_logger(__name__) names the
    module and puts the plugin's prefix on every line (and strict mode still counts warnings)."""
    for path in sorted(module.parent.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "getLogger" and node.args:
                name = node.args[0]
                assert not (isinstance(name, ast.Constant) and str(name.value).startswith("mkdocs")), f"{path}:{node.lineno}"
    text = module.read_text(encoding="utf-8")
    if re.search(r"\blog\.", text):
        assert "log = get_plugin_logger(__name__)" in text

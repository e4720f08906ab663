"""The build lets go of the pages' text (journal-publishing's park/release, issue 18): MkDocs
would keep every page's Markdown and HTML to the end of the build. The site must be the same
byte for byte as a build that keeps them, and the text must really be gone while the templates
render and after the build."""

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from journal.publishing.plugin import PublishingPlugin
from tests.conftest import ARCHIVE, ROOT, docs_with_assets

ENV = {"JOURNAL_PDF": "false", "JOURNAL_SEARCH": "false", "NO_MKDOCS_2_WARNING": "1"}


def build_in_process(docs, site, monkeypatch):
    """`mkdocs build --strict` of the project's mkdocs.yml over `docs`, in this process, so the
    pages can be looked at afterwards; returns the config (its plugins hold the state)."""
    for key, value in {**ENV, "DOCS_DIR": str(docs)}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(ROOT)
    pages = []
    # The pages of this build, as the plugins saw them (MkDocs does not hand them back).
    original = PublishingPlugin.on_pre_page

    def seen(self, page, config, files):
        pages.append(page)
        return original(self, page, config, files)
    monkeypatch.setattr(PublishingPlugin, "on_pre_page", seen)  # before the plugins load
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return config, pages


def files_of(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(Path(site).rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    return docs_with_assets(ARCHIVE, tmp_path_factory.mktemp("memory") / "docs")


def test_text_is_released_and_the_site_is_the_same(docs, tmp_path, monkeypatch):
    parked_when_templates_start = []
    original_on_env = PublishingPlugin.on_env

    def on_env(self, env, config, files):
        result = original_on_env(self, env, config, files)
        parked_when_templates_start.append(
            [f.src_uri for f in files.documentation_pages() if f.page is not None and f.page.content is not None])
        return result
    with monkeypatch.context() as patch:
        patch.setattr(PublishingPlugin, "on_env", on_env)
        config, pages = build_in_process(docs, tmp_path / "released", patch)
    publishing = config.plugins["journal-publishing"]
    assert len(pages) > 10
    # Before the first template: no page holds its HTML (all parked, compressed).
    assert parked_when_templates_start == [[]]
    # After: every page's text let go, nothing left parked.
    assert [p.file.src_uri for p in pages if p.content is not None or p.markdown] == []
    assert publishing.parked == {}
    # The same build with nothing parked or released gives the same site, byte for byte.
    with monkeypatch.context() as patch:
        patch.setattr(PublishingPlugin, "park", lambda self: None)
        patch.setattr(PublishingPlugin, "on_post_page", lambda self, output, page, config: output)
        _, kept = build_in_process(docs, tmp_path / "kept", patch)
    assert all(p.content is not None for p in kept)  # the control really kept them
    released, control = files_of(tmp_path / "released"), files_of(tmp_path / "kept")
    assert released.keys() == control.keys()
    assert [name for name in released if released[name] != control[name]] == []


def test_page_titles_survive_the_release(docs, tmp_path, monkeypatch):
    """MkDocs' Page.title reads the Markdown: every nav entry and <title> keeps its title."""
    _, pages = build_in_process(docs, tmp_path / "site", monkeypatch)
    untitled = [p.file.src_uri for p in pages if not p.title or p.title == "None"]
    assert untitled == []
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert ">None<" not in home and "<title>None" not in home

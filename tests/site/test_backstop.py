"""Behind the content check, the strict build itself refuses a broken link or anchor
(mkdocs.yml `validation:`), so one slipping past the check still cannot be published."""

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

import journal.site.plugin
from tests.conftest import ARCHIVE, ROOT, docs_with_assets


@pytest.mark.parametrize("link", ["[x](li-si.md#no-such-anchor)", "[x](no-such-page.md)"])
def test_the_strict_build_refuses_a_broken_link_even_without_the_check(tmp_path, monkeypatch, link):
    docs = docs_with_assets(ARCHIVE, tmp_path / "docs")
    article = docs / "2026" / "01" / "zhang-san.md"
    article.write_text(article.read_text(encoding="utf-8") + f"\n见{link}。\n", encoding="utf-8")
    monkeypatch.setattr(journal.site.plugin, "check_docs", lambda docs_dir: [])
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(tmp_path / "site"), strict=True)
    with pytest.raises(Abort, match="warning"):
        build(config)

"""The build refuses what the pull-request check refuses, with the same message: every row
of the hostile-input table (tests/checks/test_hostile.py), run through the journal plugin as
`mkdocs build` runs it, so a change that skipped `make check` still cannot be published."""

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from tests.checks.helpers import docs  # noqa: F401  (the fixture)
from tests.checks.helpers import line_of
from tests.checks.test_hostile import ROWS
from tests.conftest import ROOT


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_the_build_refuses_each_hostile_input(docs, row):  # noqa: F811
    row.change(docs)
    at = row.at if isinstance(row.at, int) else line_of(docs, row.at, row.page)
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs))
    with pytest.raises(PluginError) as refused:
        config.plugins["journal"].on_config(config)
    assert f"docs/{row.page}:{at}: {row.says}" in str(refused.value)


def test_the_clean_fixture_builds(docs):  # noqa: F811
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs))
    assert config.plugins["journal"].on_config(config) is config

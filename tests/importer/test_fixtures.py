"""Next-issue fixtures, one per case the journal prints and one per source defect.

Each good fixture (tests/fixtures/cases/<case>/issue.md, made by tests/importer/next_issue.py) must
become exactly its golden files (tests/fixtures/cases/<case>/expected/, pages and pictures); each
defect must be refused at its line, naming its article, with nothing written.

The golden comparison uses build_pages (everything the import would write, before the content
check), so it holds whatever the check accepts; the import's own check of its output is
tested in test_blocks.py. After a deliberate change of the output, regenerate with
UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/importer/test_fixtures.py and review the diff.
"""

import difflib
import os
import re
import shutil
from pathlib import Path

import pytest

from journal.__main__ import main
from journal.importer.pipeline import build_pages

from .next_issue import CASES, FIXTURES, NEXT_ISSUE, NEXT_ISSUE_FOLDER, PICTURES, source, write_case

GOOD = [name for name in CASES if not name.startswith("defect-")]


def expected_files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", list(CASES))
def test_the_committed_fixture_is_the_generators(name):
    folder = FIXTURES / name
    assert (folder / "issue.md").read_text(encoding="utf-8") == source(CASES[name])
    for picture in PICTURES.get(name, {}):
        assert (folder / "images" / picture).is_file()


def test_the_committed_next_issue_is_the_generators():
    assert (NEXT_ISSUE_FOLDER / "issue.md").read_text(encoding="utf-8") == source(NEXT_ISSUE)
    _, pages, warnings = build_pages(NEXT_ISSUE_FOLDER / "issue.md")
    assert warnings == [] and any(name.endswith("-figure-1.jpg") for name in pages)


@pytest.mark.parametrize("name", GOOD)
def test_a_good_fixture_becomes_its_golden_pages(name):
    folder = FIXTURES / name
    _, pages, warnings = build_pages(folder / "issue.md")
    assert [str(w) for w in warnings] == []
    got = {path: content if isinstance(content, bytes) else content.encode("utf-8") for path, content in pages.items()}
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(folder / "expected", ignore_errors=True)
        for path, content in got.items():
            (folder / "expected" / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / "expected" / path).write_bytes(content)
    expected = expected_files(folder / "expected")
    assert sorted(got) == sorted(expected)
    for path in expected:
        if path.endswith(".md"):
            old, new = expected[path].decode("utf-8"), got[path].decode("utf-8")
            diff = "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), path, path))
            assert not diff, diff
        else:
            assert got[path] == expected[path], path


DEFECTS = {
    # case: (fragment on the line the refusal must name, the article it must name, words it must say)
    "defect-missing-abstract-en": ("# Abstracts", "中国与东南亚国家关系的新进展", "no English abstract"),
    "defect-missing-picture": ("![](images/missing0001.jpg)", "全球治理变革的新趋势", "missing0001.jpg"),
    "defect-ocr-misread": ("当 he 国资产", "中国与东南亚国家关系的新进展", "likely OCR misread"),
}


@pytest.mark.parametrize("name", list(DEFECTS))
def test_a_defect_is_refused_at_its_line_naming_the_article_and_nothing_is_written(name, tmp_path, capsys):
    fragment, title, words = DEFECTS[name]
    path = write_case(name, tmp_path / "src")
    text = path.read_text(encoding="utf-8")
    line = [n for n, l in enumerate(text.split("\n"), start=1) if fragment in l]
    assert len(line) == 1
    docs = tmp_path / "docs"
    assert main(["import", str(path), "--docs", str(docs)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:{line[0]}: " in err and f"'{title}'" in err and words in err, err
    assert not docs.exists() or not any(docs.rglob("*"))
    assert not (path.parent / "imported.yaml").exists()


def test_a_misread_accepted_by_an_allow_entry_or_fixed_by_a_correction_imports(tmp_path):
    path = write_case("defect-ocr-misread", tmp_path)
    (tmp_path / "corrections.yaml").write_text("allow:\n- text: 当 he 国\n  reason: printed so\n", encoding="utf-8")
    _, pages, _ = build_pages(path)
    assert "当he国资产" in pages["2026/03/li-hua.md"]
    (tmp_path / "corrections.yaml").write_text(
        "corrections:\n- find: 当 he 国资产\n  replace: 当他国资产\n  reason: OCR misread (print has 当他国资产)\n", encoding="utf-8")
    _, pages, _ = build_pages(path)
    assert "当他国资产受损" in pages["2026/03/li-hua.md"]


def test_the_real_issue_has_its_two_misreads_corrected():
    real = Path(__file__).resolve().parents[2] / "sources" / "2026-02" / "issue.md"
    _, pages, _ = build_pages(real)
    assert "当他国资产" in pages["2026/02/wang-fan.md"] and "资源和手段" in pages["2026/02/wu-xinbo.md"]
    han_latin_han = re.compile(r"[\u4e00-\u9fff][a-z]+[\u4e00-\u9fff]")
    assert not any(han_latin_han.search(page) for page in pages.values() if isinstance(page, str))

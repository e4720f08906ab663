"""journal.checks: every problem of every file in one run, from Python and the command line."""

import re
import shutil
import subprocess
import sys

from journal.checks import check_docs, main
from tests.checks.helpers import ROOT, edit, problems

ARCHIVE = ROOT / "tests" / "fixtures" / "archive"


def test_fixture_pages_are_clean(docs):
    assert problems(docs) == []
    assert main([str(docs)]) == 0


def test_every_problem_in_one_run(docs, capsys):
    edit(docs, "first_page: 35", "first_page: x")
    edit(docs, "见第二节[^1]", "见第二节[^7]")
    edit(docs, "(index.md)", "(gone.md)")
    edit(docs, "正文，见", "<script>alert(1)</script>正文，见")
    edit(docs, "  issn: 0452-8832", "  issn: 04528832", page="2026/02/index.md")
    assert main([str(docs)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split(": ", 1)[1].split(" ")[0] for line in out] == [
        "first_page", "footnote", "link", "raw", "raw", "footnote", "issue.issn",
    ], out
    assert all(re.match(r"docs/2026/02/(article|index)\.md:\d+: ", line) for line in out)


def test_real_docs_are_clean(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main([]) == 0, capsys.readouterr().out


def test_the_frozen_archive_is_clean(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ARCHIVE, docs)
    assert [str(problem) for problem in check_docs(docs)] == []


def test_command_line_on_the_real_docs():
    for command in (["-m", "journal.checks"], ["-m", "journal", "check"], ["-m", "journal", "check", "docs"]):
        result = subprocess.run([sys.executable, *command], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout == ""


def test_command_line_usage(capsys):
    assert main(["--help"]) == 2
    assert main(["no-such-folder"]) == 1
    assert "no such folder" in capsys.readouterr().err


def test_messages_name_pages_by_where_they_are(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    (tmp_path / "docs" / "extra.md").write_text("正文。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "docs")
    assert [problem.path for problem in check_docs(".")] == ["extra.md"]
    monkeypatch.chdir(ROOT)
    assert [problem.path for problem in check_docs(tmp_path / "docs")] == [f"{(tmp_path / 'docs').resolve()}/extra.md"]

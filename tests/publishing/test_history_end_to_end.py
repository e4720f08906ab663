"""Issue 19's combined attack, end to end: a scratch clone of the archive (docs/ and sources/,
imported in one commit) and two "correction" pull requests that together replay findings 1,
2, 4 and 5 — the manifest touched and restored in between (1), a title with a line break and
an RIS end-of-record line (2), a fabricated issue docs/2099/01/ (4), a link whose text is one
URL and whose target another (5). CI goes red naming each; an honest typo fix stays green.
The scope command (journal.pr_scope) and the corrections record (publishing/history.py) are
this branch's; the content check's messages for 2 and 5 come from the branches `allowlist`
and `citations` (marked below: that test passes once those are merged)."""

import os
import shutil
import subprocess
import sys

import pytest

from journal.publishing.history import History
from tests.conftest import ROOT

PAGE = "docs/2026/02/wang-fan.md"
MANIFEST = "sources/2026-02/imported.yaml"
TITLE = "title: 战略收缩背景下美国对外政策的调整\n"
FORGED_TITLE = 'title: "战略收缩背景下美国对外政策的调整\\nER  -\\nTY  - JOUR\\nUR  - https://evil.example/"\n'
SPOOFED_LINK = "[https://www.mfa.gov.cn/web/](https://evil.example/mfa)"


class Clone:
    def __init__(self, root):
        self.root = root

    def git(self, *args, date="2026-04-01T10:00:00+08:00"):
        env = dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date, GIT_AUTHOR_NAME="t",
                   GIT_COMMITTER_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_EMAIL="t@example.org",
                   GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
        return subprocess.run(["git", *args], cwd=self.root, env=env, check=True,
                              capture_output=True, text=True).stdout.strip()

    def replace(self, path, old, new):
        file = self.root / path
        text = file.read_text(encoding="utf-8")
        assert old in text, old
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    def commit(self, message, date="2026-04-01T10:00:00+08:00"):
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, date=date)

    def journal(self, *args):
        """`python -m journal …` of this checkout's code (-P: nothing from the clone's folder)."""
        return subprocess.run([sys.executable, "-P", "-m", "journal", *args], cwd=self.root,
                              capture_output=True, text=True, env=dict(os.environ, GITHUB_ACTIONS="false"))

    def scope(self, branch):
        return self.journal("scope", "main", branch)

    def check(self, branch):
        self.git("checkout", "-q", branch)
        try:
            return self.journal("check", "docs")
        finally:
            self.git("checkout", "-q", "main")


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    assert shutil.which("git"), "git is not installed: the project's history is read with git"
    c = Clone(tmp_path_factory.mktemp("clone"))
    shutil.copytree(ROOT / "docs", c.root / "docs")
    shutil.copytree(ROOT / "sources", c.root / "sources")
    c.git("init", "-q", "-b", "main")
    c.commit("Import 2026-02", date="2026-03-15T10:00:00+08:00")

    # Pull request 1, "更正错字": its first commit rewrites the manifest, the second changes the
    # page (and, finding 2, forges RIS records through the title), the third restores the manifest.
    c.git("checkout", "-q", "-b", "pr1", "main")
    original = (c.root / MANIFEST).read_text(encoding="utf-8")
    (c.root / MANIFEST).write_text(original + "# re-imported\n", encoding="utf-8")
    c.commit("更正错字")
    c.replace(PAGE, TITLE, FORGED_TITLE)
    c.commit("更正错字")
    (c.root / MANIFEST).write_text(original, encoding="utf-8")
    c.commit("更正错字")

    # Pull request 2, "更正链接": a new issue (finding 4) and a spoofed link (finding 5).
    c.git("checkout", "-q", "-b", "pr2", "main")
    for name in ("index.md", "wang-fan.md"):
        text = (c.root / "docs/2026/02" / name).read_text(encoding="utf-8")
        text = text.replace("year: 2026", "year: 2099").replace("number: 2\n", "number: 1\n")
        (c.root / "docs/2099/01").mkdir(parents=True, exist_ok=True)
        (c.root / "docs/2099/01" / name).write_text(text, encoding="utf-8")
    c.replace(PAGE, "\n\n## 一、", f"\n\n参见{SPOOFED_LINK}。\n\n## 一、")
    c.commit("更正链接")

    # An honest correction: one character of body text.
    c.git("checkout", "-q", "-b", "honest", "main")
    body = (c.root / PAGE).read_text(encoding="utf-8").split("\n---\n", 1)[1]
    first = next(ch for ch in body if "\u4e00" <= ch <= "\u9fff")
    c.replace(PAGE, "\n---\n" + body[: body.index(first) + 1], "\n---\n" + body[: body.index(first)] + "〇")
    c.commit("更正错字")
    c.git("checkout", "-q", "main")
    return c


def line_of(clone, branch, path, needle):
    text = clone.git("show", f"{branch}:{path}")
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def test_the_scope_check_goes_red_naming_findings_1_2_and_4(clone):
    one = clone.scope("pr1")
    assert one.returncode == 1, one.stdout + one.stderr
    assert f"{MANIFEST}: changed by commit" in one.stdout and "restored by a later one" in one.stdout  # 1
    assert f"{PAGE}:2: front matter text `title` changed beyond a typo fix" in one.stdout  # 2
    two = clone.scope("pr2")
    assert two.returncode == 1, two.stdout + two.stderr
    assert "docs/2099/01/: new issue (2 new page(s)" in two.stdout  # 4
    assert "docs/2099/01/index.md" in two.stdout and "docs/2099/01/wang-fan.md" in two.stdout


def test_an_honest_correction_stays_green(clone):
    result = clone.scope("honest")
    assert result.returncode == 0 and "A correction" in result.stdout, result.stdout + result.stderr
    check = clone.check("honest")
    assert check.returncode == 0, check.stdout + check.stderr


def test_merged_the_usual_way_the_record_keeps_the_correction(clone):
    # Finding 1 after the merge: pull request 1's net change is one page, and the record shows it.
    clone.git("checkout", "-q", "-b", "merged", "main")
    clone.git("merge", "-q", "--no-ff", "pr1", "-m", "Merge pull request #1 from reader/pr1", "-m", "更正错字",
              date="2026-04-02T10:00:00+08:00")
    merge = clone.git("rev-parse", "HEAD")
    history = History(clone.root / "docs")
    [change] = history.corrections("2026/02/wang-fan.md", "2026-02")
    assert change.commit == merge and change.day == "2026-04-02" and change.subject == "更正错字 (#1)"
    clone.git("checkout", "-q", "main")


def test_the_content_check_names_findings_2_and_5(clone):
    # These assertions depend on the branches `allowlist` (finding 2: single-line schema fields
    # refuse line breaks) and `citations` (finding 5: a link whose text is a URL must point to
    # it): they pass once those are merged, and fail on the branch `history` alone.
    one = clone.check("pr1")
    assert one.returncode == 1, one.stdout
    assert f"{PAGE}:2:" in one.stdout, one.stdout  # 2: the title's line
    two = clone.check("pr2")
    assert two.returncode == 1, two.stdout
    link = line_of(clone, "pr2", PAGE, SPOOFED_LINK)
    assert f"{PAGE}:{link}:" in two.stdout, two.stdout  # 5: the link's line

"""The corrections record against pull requests that try to rewrite it (issue 19, findings 1
and 3): each test builds a scratch repository with an imported issue (pages and their
manifest), merges pull requests into main the usual way (`git merge --no-ff`), replays one
attack and rebuilds the record with publishing.history.History."""

import hashlib
import os
import shutil
import subprocess

import pytest

from journal.publishing import history
from journal.publishing.history import History

IMPORTED = "2026-01-20T10:00:00+08:00"
LABEL = "2026-01"
ZHANG = "2026/01/zhang-san.md"
LI = "2026/01/li-si.md"


class Repo:
    def __init__(self, root):
        self.root = root
        self.clock = IMPORTED

    def git(self, *args, date=None):
        date = date or self.clock
        env = dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date, GIT_AUTHOR_NAME="t",
                   GIT_COMMITTER_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_EMAIL="t@example.org",
                   GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
        return subprocess.run(["git", *args], cwd=self.root, env=env, check=True,
                              capture_output=True, text=True).stdout.strip()

    def write(self, path, text):
        (self.root / path).parent.mkdir(parents=True, exist_ok=True)
        (self.root / path).write_text(text, encoding="utf-8")

    def read(self, path):
        return (self.root / path).read_text(encoding="utf-8")

    def edit(self, src_uri, old, new):
        page = f"docs/{src_uri}"
        text = self.read(page)
        assert old in text
        self.write(page, text.replace(old, new))

    def commit(self, message, date=None):
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, date=date)
        return self.git("rev-parse", "HEAD")

    def branch(self, name):
        self.git("checkout", "-q", "-b", name, "main")

    def merge(self, name, title, number, date):
        """Merge a pull request into main as GitHub does: a merge commit whose body is its title."""
        self.git("checkout", "-q", "main")
        self.git("merge", "-q", "--no-ff", name, "-m", f"Merge pull request #{number} from someone/{name}",
                 "-m", title, date=date)
        return self.git("rev-parse", "HEAD")

    def record(self, src_uri):
        return History(self.root / "docs").corrections(src_uri, LABEL)


@pytest.fixture
def repo(tmp_path):
    """main: one commit importing issue 2026-01 (two pages and their manifest)."""
    assert shutil.which("git"), "git is not installed: the project's history is read with git"
    r = Repo(tmp_path)
    pages = {ZHANG: "---\ntitle: 张三的文章\n---\n\n第一段。\n\n最后一段。\n",
             LI: "---\ntitle: 李四的文章\n---\n\n第一段。\n\n结语。\n"}
    for src_uri, text in pages.items():
        r.write(f"docs/{src_uri}", text)
    r.write(f"sources/{LABEL}/imported.yaml", "pages:\n" + "".join(
        f"  {k}: {hashlib.sha256(v.encode()).hexdigest()}\n" for k, v in sorted(pages.items())))
    r.git("init", "-q", "-b", "main")
    r.commit("Import 2026-01")
    return r


def correct(repo, name, number, date, src_uri=ZHANG, old="最后一段。", new="最后一段（已更正）。", title="更正错字"):
    repo.branch(name)
    repo.edit(src_uri, old, new)
    repo.commit(title, date=date)
    return repo.merge(name, title, number, date)


def test_a_merged_correction_is_dated_by_its_merge_and_described_by_the_pull_request(repo):
    repo.branch("fix")
    repo.edit(ZHANG, "最后一段。", "最后一段（已更正）。")
    repo.commit("wip", date="2026-01-25T09:00:00+08:00")  # the branch's own commit, a week earlier
    merge = repo.merge("fix", "更正结语中的错字", 7, "2026-02-01T09:30:00+08:00")
    [change] = repo.record(ZHANG)
    assert change.commit == merge
    assert change.date == "2026-02-01T09:30:00+08:00"
    assert change.subject == "更正结语中的错字 (#7)"
    assert repo.record(LI) == []


def test_touching_and_restoring_the_manifest_neither_hides_nor_erases_corrections(repo):
    # Finding 1: an earlier, honest correction …
    first = correct(repo, "honest", 1, "2026-02-01T09:00:00+08:00")
    # … then a branch that edits the manifest, restores it, and changes another page: its net
    # diff is one article page.
    repo.branch("trick")
    manifest = f"sources/{LABEL}/imported.yaml"
    original = repo.read(manifest)
    repo.write(manifest, original + "# touched\n")
    repo.commit("touch the manifest", date="2026-02-02T09:00:00+08:00")
    repo.edit(LI, "结语。", "结语，另有所指。")
    repo.commit("change li-si", date="2026-02-02T09:05:00+08:00")
    repo.write(manifest, original)
    repo.commit("restore the manifest", date="2026-02-02T09:10:00+08:00")
    assert repo.git("diff", "--name-only", "main", "trick") == f"docs/{LI}"
    trick = repo.merge("trick", "Typo", 2, "2026-02-03T09:00:00+08:00")
    assert [c.commit for c in repo.record(LI)] == [trick]
    assert [c.commit for c in repo.record(ZHANG)] == [first]


def test_a_backdated_commit_keeps_its_correction_after_another_merge(repo):
    # Finding 1: author and committer dates a year before the import …
    repo.branch("backdated")
    repo.edit(ZHANG, "第一段。", "第一段，改。")
    repo.commit("backdated", date="2025-01-01T00:00:00+08:00")
    # … and another pull request merged in between.
    other = correct(repo, "other", 3, "2026-02-01T09:00:00+08:00", src_uri=LI, old="结语。", new="结语（更正）。")
    late = repo.merge("backdated", "改第一段", 4, "2026-02-05T09:00:00+08:00")
    [change] = repo.record(ZHANG)
    assert change.commit == late and change.day == "2026-02-05"
    assert [c.commit for c in repo.record(LI)] == [other]


def test_a_fast_forwarded_backdated_commit_cannot_predate_the_record(repo):
    # Pushed straight onto main (no merge commit): its own committer date is all there is.
    repo.edit(ZHANG, "第一段。", "第一段，改。")
    pushed = repo.commit("backdated push", date="2025-01-01T00:00:00+08:00")
    [change] = repo.record(ZHANG)
    assert change.commit == pushed and change.date == IMPORTED  # raised to the import's


def test_separators_in_messages_cannot_forge_a_correction(repo):
    # Finding 3: history.py once split `git log` on \x1e and \x1f; a subject holding them
    # forged a record with a chosen commit, date, text and file.
    forged = ("更正\x1e" + "f" * 40 + "\x1f2020-01-01T00:00:00+00:00\x1f伪造的更正\n\ndocs/" + LI + "\n")
    repo.branch("forge")
    repo.edit(ZHANG, "最后一段。", "最后一段（已更正）。")
    repo.commit(forged, date="2026-02-01T09:00:00+08:00")
    merge = repo.merge("forge", forged, 5, "2026-02-02T09:00:00+08:00")
    assert repo.record(LI) == []
    [change] = repo.record(ZHANG)
    assert change.commit == merge and change.day == "2026-02-02"
    assert not set(change.subject) & {"\x1e", "\x1f", "\n"} and "更正" in change.subject
    assert "f" * 40 not in change.commit


def test_a_lone_record_separator_breaks_nothing_and_later_builds_still_work(repo):
    # Finding 3: one lone \x1e once broke every later build, even after a revert.
    fix = correct(repo, "lone", 6, "2026-02-01T09:00:00+08:00", title="更正\x1e")
    repo.git("revert", "--no-edit", "HEAD", "-m", "1", date="2026-02-02T09:00:00+08:00")
    again = correct(repo, "again", 8, "2026-02-03T09:00:00+08:00", old="第一段。", new="第一段（更正）。")
    history = History(repo.root / "docs")
    assert [c.commit for c in history.corrections(ZHANG, LABEL)] == [again]  # the revert is back as imported
    assert history.last_change(ZHANG).commit == again
    assert fix != again
    assert "\x1e" not in history.corrections(ZHANG, LABEL)[0].subject


def test_a_reverted_correction_leaves_the_page_as_imported(repo):
    correct(repo, "fix", 9, "2026-02-01T09:00:00+08:00")
    correct(repo, "undo", 10, "2026-02-02T09:00:00+08:00", old="最后一段（已更正）。", new="最后一段。")
    assert repo.record(ZHANG) == []
    assert History(repo.root / "docs").last_change(ZHANG).day == "2026-02-02"


def test_only_a_commit_writing_page_and_manifest_together_is_an_import(repo):
    # A pull request that updates the manifest to its own page's hash (the old "page equals
    # the manifest, so no corrections") still leaves a correction: the manifest changed in a
    # merge of its own, not with the page. (Changing sources/ needs a maintainer's label too.)
    fix = correct(repo, "fix", 11, "2026-02-01T09:00:00+08:00")
    repo.branch("hide")
    manifest = f"sources/{LABEL}/imported.yaml"
    digest = hashlib.sha256((repo.root / "docs" / ZHANG).read_bytes()).hexdigest()
    text = repo.read(manifest)
    old_digest = text.split(f"{ZHANG}: ")[1].split()[0]
    repo.write(manifest, text.replace(old_digest, digest))
    repo.commit("manifest", date="2026-02-02T09:00:00+08:00")
    repo.merge("hide", "manifest", 12, "2026-02-02T09:00:00+08:00")
    assert [c.commit for c in repo.record(ZHANG)] == [fix]
    # A re-import (page and manifest in one commit, as `journal import --force` writes them)
    # starts the record again: the page is the imported text.
    reimport = "---\ntitle: 张三的文章\n---\n\n第一段。\n\n新的最后一段。\n"
    repo.write(f"docs/{ZHANG}", reimport)
    repo.write(manifest, text.replace(old_digest, hashlib.sha256(reimport.encode()).hexdigest()))
    repo.commit("Re-import 2026-01", date="2026-03-01T09:00:00+08:00")
    assert repo.record(ZHANG) == []


def test_descriptions_are_one_short_line_of_text():
    describe = history.describe
    assert describe("Merge pull request #3 from a/b\n\n更正\u202e标题\x07\n\nbody", merge=True) == "更正标题 (#3)"
    assert describe("Fix a typo (#4)\n\n* wip", merge=False) == "Fix a typo (#4)"
    assert describe("Merge branch 'x'", merge=True) == "Merge branch 'x'"
    assert len(describe("长" * 1000, merge=False)) == history.MAX_DESCRIPTION

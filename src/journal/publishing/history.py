"""What git knows about the pages: when each last changed, and which changes were corrections.

The record comes from what changed on the branch being built, never from what a commit says
about itself (its dates, its order in `git log`, its message's characters):

- The branch's first-parent history (HEAD, its first parent, …): on main, each of these
  commits is one merge into main — a pull request's merge commit, a squash or a direct push.
  Commits inside a merged branch are never looked at: only what their merge changed
  (`git diff-tree` of each first-parent commit against its first parent). A branch that
  touches a file and restores it changes nothing in its merge.
- An article page's *import* is the first-parent commit that writes the page and, in the same
  commit, its issue's manifest `sources/YYYY-NN/imported.yaml` (written by the importer,
  importer/write.py) recording exactly that page's SHA-256. A page without such a commit
  (an issue imported before manifests, a page added by hand) counts from the commit that
  added it. A pull request that edits a manifest changes a file outside docs/YYYY/NN/*.md,
  which needs a maintainer's label (journal.pr_scope), so it cannot quietly re-import a page.
- Every later first-parent commit that changes the page's text is a *correction*, in the
  branch's order (not by date). A page that is again byte-for-byte as imported has none
  (a correction reverted leaves the text as printed).
- A correction's date is its first-parent commit's committer date (for a merge on GitHub, the
  moment of the merge), raised to the previous first-parent commit's if it is earlier, so a
  backdated commit can neither reorder nor predate the record.
- Its description is the reviewed pull request's, as the maintainer merged it: for GitHub's
  merge message ("Merge pull request #N from owner/branch", a blank line, the pull request's
  title) the title followed by "(#N)"; for a squash merge or any other commit its subject.
  Shown as one line of plain text: control and format characters dropped, at most 200
  characters.

Git's output is read in forms no message or file name can break: commit hashes, parent lists
and dates only on the lines of `git log` (no free text there), `git diff-tree -z` (NUL
separated; a path may hold any other byte), and objects through `git cat-file --batch`,
length-prefixed.

Without history (a folder outside any repository, a file never committed, git missing) the
answers are empty and the caller falls back to the issue's publication date. A copy of docs/
outside git (the offline bundle builds one) borrows docs/'s history for every page whose
text is byte-for-byte the same as in docs/.
"""

import hashlib
import os
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

GITHUB_MERGE = re.compile(r"Merge pull request #(\d+) from \S+")
ABSENT = re.compile(r"0+")  # the object id of "no file" in raw diff output
MAX_DESCRIPTION = 200


@dataclass(frozen=True)
class Change:
    commit: str  # full hash of the first-parent commit (the merge into the branch)
    date: str  # its committer date (never before the previous merge's), ISO 8601 with offset
    subject: str  # the reviewed pull request's title, or the commit's subject: one line

    @property
    def day(self):
        return self.date[:10]


@dataclass(frozen=True)
class _Event:
    """One first-parent commit's change to one file."""

    position: int  # in the first-parent history, 0 = oldest
    old: str  # blob id before ("000…" = absent)
    new: str  # blob id after ("000…" = deleted)


def _git(cwd, *args, stdin=None):
    """git's stdout as bytes, or None (git missing, not a repository, any failure)."""
    try:
        result = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def _text(data):
    return data.decode("utf-8", errors="surrogateescape")


def one_line(text):
    """A message's text as one printable line: no control, format, private-use, unassigned or
    separator characters other than spaces, which are folded; at most MAX_DESCRIPTION long."""
    kept = "".join(" " if unicodedata.category(ch) in ("Zs", "Zl", "Zp") or ch in "\t\n\r" else ch
                   for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\t\n\r")
    line = " ".join(kept.split())
    return line if len(line) <= MAX_DESCRIPTION else line[: MAX_DESCRIPTION - 1] + "…"


def describe(message, merge):
    """The description of a first-parent commit from its whole message (see the docstring)."""
    lines = message.split("\n")
    subject = lines[0]
    found = GITHUB_MERGE.fullmatch(subject.strip()) if merge else None
    if found:
        title = next((line for line in lines[1:] if line.strip()), "")
        if one_line(title):
            return one_line(f"{one_line(title)} (#{found.group(1)})")
    return one_line(subject)


class _Objects:
    """Blobs and commits by id, read with `git cat-file --batch` (length-prefixed output)."""

    def __init__(self, root):
        self.root = root
        self.cache = {}

    def read(self, ids):
        wanted = [i for i in dict.fromkeys(ids) if i not in self.cache]
        if wanted:
            out = _git(self.root, "cat-file", "--batch", stdin="".join(f"{i}\n" for i in wanted).encode()) or b""
            at = 0
            for object_id in wanted:
                end = out.find(b"\n", at)
                if end < 0:
                    break
                header = out[at:end].split(b" ")
                if len(header) != 3:  # "<id> missing"
                    self.cache[object_id] = None
                    at = end + 1
                    continue
                size = int(header[2])
                self.cache[object_id] = out[end + 1: end + 1 + size]
                at = end + 1 + size + 1
        return {i: self.cache.get(i) for i in ids}

    def message(self, commit):
        raw = self.read([commit])[commit] or b""
        _, _, message = raw.partition(b"\n\n")  # headers end at the first empty line
        return message.decode("utf-8", errors="replace")


def _later(date, floor):
    """`date`, or `floor` if that is the later instant (both ISO 8601 with offset)."""
    if floor is None:
        return date
    try:
        return floor if datetime.fromisoformat(floor) > datetime.fromisoformat(date) else date
    except ValueError:
        return date


class History:
    def __init__(self, docs_dir, fallback_docs=None):
        self.docs_dir = Path(docs_dir).resolve()
        self.commits = []  # first-parent history, oldest first: (hash, date, is a merge)
        self.events = {}  # repository path -> [_Event], oldest first
        self.root = None
        self.prefix = None  # docs folder, relative to the repository root
        self.borrowed = {}  # src_uri -> prefix of the folder whose history it borrows
        self.objects = None
        self._load(fallback_docs)

    def _load(self, fallback_docs):
        top = _git(self.docs_dir, "rev-parse", "--show-toplevel")
        if not top:
            return
        self.root = Path(_text(top).strip()).resolve()
        self.objects = _Objects(self.root)
        if _text(_git(self.root, "rev-parse", "--is-shallow-repository") or b"").strip() == "true":
            log.warning("shallow git clone: page dates and corrections need the whole history (fetch-depth: 0)")
        folders = [self.docs_dir]
        if fallback_docs and Path(fallback_docs).resolve() != self.docs_dir:
            folders.append(Path(fallback_docs).resolve())
        prefixes = []
        for folder in folders:
            try:
                prefixes.append(folder.relative_to(self.root).as_posix())
            except ValueError:
                prefixes.append(None)
        self.prefix = prefixes[0]
        # Hashes, parents and dates only: no free text on these lines.
        listing = _git(self.root, "log", "--first-parent", "--reverse", "--format=%H%x09%P%x09%cI", "HEAD")
        if not listing:
            return
        pairs = []
        floor = None
        for line in _text(listing).splitlines():
            commit, parents, date = line.split("\t")
            parents = parents.split()
            floor = _later(date, floor)
            self.commits.append((commit, floor, len(parents) > 1))
            pairs.append(f"{commit} {parents[0]}" if parents else commit)
        position = {commit: i for i, (commit, _, _) in enumerate(self.commits)}
        specs = [p or "." for p in prefixes if p is not None] + ["sources"]
        out = _git(self.root, "diff-tree", "--stdin", "--root", "-r", "-z", "--no-renames", "--raw", "--", *specs,
                   stdin=("\n".join(pairs) + "\n").encode())
        fields = out.split(b"\0") if out else []
        current, i = None, 0
        while i < len(fields):
            field = fields[i]
            if field.startswith(b":") and i + 1 < len(fields):
                _, _, old, new, _ = _text(field[1:]).split(" ", 4)
                path = _text(fields[i + 1])
                if current is not None:
                    self.events.setdefault(path, []).append(_Event(current, old, new))
                i += 2
                continue
            if field:
                current = position.get(_text(field).strip())
            i += 1
        if self.prefix is not None and any(k.startswith(self._join(self.prefix, "")) for k in self.events):
            return  # docs_dir has its own history
        if len(prefixes) > 1 and prefixes[1] is not None:
            fallback = Path(fallback_docs).resolve()
            for path in self.docs_dir.rglob("*.md"):
                src_uri = path.relative_to(self.docs_dir).as_posix()
                twin = fallback / src_uri
                if twin.is_file() and twin.read_bytes() == path.read_bytes():
                    self.borrowed[src_uri] = prefixes[1]

    @staticmethod
    def _join(prefix, src_uri):
        return f"{prefix}/{src_uri}" if prefix not in ("", ".") else src_uri

    def _path(self, src_uri):
        prefix = self.borrowed.get(src_uri, self.prefix)
        return None if prefix is None else self._join(prefix, src_uri)

    def _change(self, position):
        commit, date, merge = self.commits[position]
        return Change(commit, date, describe(self.objects.message(commit), merge))

    def log(self, src_uri):
        """[Change] of a page, newest first ([] without history)."""
        path = self._path(src_uri)
        events = self.events.get(path, []) if path else []
        return [self._change(e.position) for e in reversed(events)]

    def last_change(self, src_uri):
        path = self._path(src_uri)
        events = self.events.get(path, []) if path else []
        return self._change(events[-1].position) if events else None

    def _imported_here(self, event, src_uri, issue_label):
        """Does this commit's manifest of the issue record the page exactly as the commit wrote it?"""
        manifest = next((e for e in self.events.get(f"sources/{issue_label}/imported.yaml", [])
                         if e.position == event.position), None)
        if manifest is None or ABSENT.fullmatch(manifest.new):
            return False
        blobs = self.objects.read([manifest.new, event.new])
        try:
            recorded = (yaml.safe_load(blobs[manifest.new] or b"") or {}).get("pages", {}).get(src_uri)
        except (yaml.YAMLError, AttributeError, RecursionError):
            return False
        page = blobs[event.new]
        return isinstance(recorded, str) and page is not None and hashlib.sha256(page).hexdigest() == recorded

    def corrections(self, src_uri, issue_label):
        """[Change] that corrected an article since its issue's import, oldest first.

        `issue_label` is 'YYYY-NN' (the sources/ folder)."""
        path = self._path(src_uri)
        if path is None or self.root is None:
            return []
        imported, found = None, []
        for event in self.events.get(path, []):
            if ABSENT.fullmatch(event.new):  # deleted: nothing of it remains
                imported, found = None, []
            elif (ABSENT.fullmatch(event.old) or imported is None
                  or self._imported_here(event, src_uri, issue_label)):
                imported, found = event.new, []  # added, or (re-)imported
            elif event.new == imported:
                found = []  # again exactly as imported
            else:
                found.append(event.position)
        return [self._change(p) for p in found]


def commit_url(repo_url, commit):
    """The web page of a commit on GitHub, GitLab, Gitea/Forgejo alike: <repo>/commit/<hash>."""
    return f"{repo_url.rstrip('/')}/commit/{commit}" if repo_url else ""


def environment_fallback(config_file_path):
    """The repository's docs/ (beside mkdocs.yml), whose history a copy of it may borrow."""
    if not config_file_path:
        return None
    return os.path.join(os.path.dirname(os.path.abspath(config_file_path)), "docs")

"""What git knows about the pages: when each last changed, and which changes were corrections.

One `git log` over the docs folder and the import manifests (sources/YYYY-NN/imported.yaml)
at build start. A correction is a commit that touched an article page after the issue's
import commit (the last commit that touched its imported.yaml; an issue without one counts
from the commit that added the page), unless the page is again exactly as imported (its
SHA-256 is the manifest's), in which case it has no corrections.

Without history (a folder outside any repository, a file never committed, git missing) the
answers are empty and the caller falls back to the issue's publication date. A copy of docs/
outside git (the offline bundle builds one) borrows docs/'s history for every page whose
text is byte-for-byte the same as in docs/.
"""

import hashlib
import logging
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

log = logging.getLogger("mkdocs.plugins.journal-publishing")
RECORD, FIELD = "\x1e", "\x1f"


@dataclass(frozen=True)
class Change:
    commit: str  # full hash
    date: str  # committer date, ISO 8601 with offset
    subject: str

    @property
    def day(self):
        return self.date[:10]


def _git(cwd, *args):
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8")
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


class History:
    def __init__(self, docs_dir, fallback_docs=None):
        self.docs_dir = Path(docs_dir).resolve()
        self.changes = {}  # repository path -> [Change], newest first
        self.order = {}  # commit -> position in the log (0 = newest)
        self.root = None
        self.prefix = None  # docs folder, relative to the repository root
        self.borrowed = {}  # src_uri -> prefix of the folder whose history it borrows
        self._load(fallback_docs)

    def _load(self, fallback_docs):
        top = _git(self.docs_dir, "rev-parse", "--show-toplevel")
        if not top:
            return
        self.root = Path(top.strip()).resolve()
        if (_git(self.root, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
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
        specs = [p for p in prefixes if p is not None] + ["sources/*/imported.yaml"]
        out = _git(self.root, "log", "--no-renames", "--name-only", f"--format={RECORD}%H{FIELD}%cI{FIELD}%s", "--", *specs)
        if not out:
            return
        for position, record in enumerate(out.split(RECORD)[1:]):
            head, _, names = record.partition("\n")
            commit, date, subject = head.split(FIELD, 2)
            change = Change(commit, date, subject)
            self.order[commit] = position
            for name in names.split("\n"):
                if name.strip():
                    self.changes.setdefault(name.strip(), []).append(change)
        if self.prefix is not None and any(k.startswith(self.prefix + "/") for k in self.changes):
            return  # docs_dir has its own history
        if len(prefixes) > 1 and prefixes[1] is not None:
            fallback = Path(fallback_docs).resolve()
            for path in self.docs_dir.rglob("*.md"):
                src_uri = path.relative_to(self.docs_dir).as_posix()
                twin = fallback / src_uri
                if twin.is_file() and twin.read_bytes() == path.read_bytes():
                    self.borrowed[src_uri] = prefixes[1]

    def _path(self, src_uri):
        prefix = self.borrowed.get(src_uri, self.prefix)
        if prefix is None:
            return None
        return f"{prefix}/{src_uri}" if prefix not in ("", ".") else src_uri

    def log(self, src_uri):
        """[Change] of a page, newest first ([] without history)."""
        path = self._path(src_uri)
        return list(self.changes.get(path, [])) if path else []

    def last_change(self, src_uri):
        changes = self.log(src_uri)
        return changes[0] if changes else None

    def corrections(self, src_uri, issue_label):
        """[Change] that corrected an article since its issue's import, oldest first.

        `issue_label` is 'YYYY-NN' (the sources/ folder)."""
        changes = self.log(src_uri)
        if not changes or self.root is None:
            return []
        manifest = self.root / "sources" / issue_label / "imported.yaml"
        if manifest.is_file():
            try:
                recorded = (yaml.safe_load(manifest.read_text(encoding="utf-8")) or {}).get("pages", {}).get(src_uri)
            except (yaml.YAMLError, AttributeError):
                recorded = None
            page = self.docs_dir / src_uri
            if recorded and page.is_file() and hashlib.sha256(page.read_bytes()).hexdigest() == recorded:
                return []
        imports = self.changes.get(f"sources/{issue_label}/imported.yaml")
        baseline = imports[0] if imports else changes[-1]
        limit = self.order[baseline.commit]
        return [c for c in reversed(changes) if self.order[c.commit] < limit]


def commit_url(repo_url, commit):
    """The web page of a commit on GitHub, GitLab, Gitea/Forgejo alike: <repo>/commit/<hash>."""
    return f"{repo_url.rstrip('/')}/commit/{commit}" if repo_url else ""


def environment_fallback(config_file_path):
    """The repository's docs/ (beside mkdocs.yml), whose history a copy of it may borrow."""
    if not config_file_path:
        return None
    return os.path.join(os.path.dirname(os.path.abspath(config_file_path)), "docs")

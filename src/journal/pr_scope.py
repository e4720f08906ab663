"""Is a pull request a reader's correction, or does a maintainer have to look at it?

`python -m journal scope BASE HEAD [--labelled]` (the pull-request workflow's `scope` job, run
from the base branch's code, never the pull request's) compares HEAD with its merge base with
BASE. A **correction** changes only the text of pages that already exist:

- the Markdown body (after the front matter) of existing pages docs/YYYY/NN/*.md, and
- in their front matter, a typo-level edit of a text field: `title`, `subtitle`, `title_en`,
  `abstract`, `abstract_en` (also `reviewed_book.title`) or an author's or translator's `bio`.
  Typo-level: the old and new value are strings that differ in one spot, at most
  TYPO_CHARS characters replaced on each side, with no line break or other control
  character written in.

Everything else **needs a maintainer's label** (`code-change`), each named with its path:

- a new page, a new issue (a folder docs/YYYY/NN/ that did not exist), a deleted page, a page
  that is not a regular file (symlink, executable);
- any other front-matter change: authors (names, who, how many, their order), `pages`/
  `first_page`/`last_page`, `article_number`, dates, `issue`, `kind`, `keywords`, DOI, any key
  added or removed; front matter that cannot be compared (missing, over MAX_FRONT_MATTER
  bytes, nested deeper than MAX_DEPTH, anchors/aliases/tags, unreadable YAML);
- any file outside docs/YYYY/NN/*.md (code, templates, workflows, sources/ with the import
  manifests, assets);
- a commit of the pull request that changes such a file even if a later one restores it
  (GitHub's "rebase and merge" puts every commit on main, and the corrections record reads
  main's history: publishing/history.py);
- more than MAX_PAGES pages in one pull request.

The label counts only in the run that applying it started (the workflow passes --labelled for
a `labeled` event of `code-change`): that run's HEAD is the commit the maintainer labelled, and
every later push (`synchronize`) or reopening runs without it, so it goes red again until a
maintainer has looked at the new commits and applies the label again. See the workflow.

Git is read with `-z` (NUL-separated) throughout; paths are printed with control characters
escaped, and on GitHub Actions inside a `::stop-commands::` block, so no path or message can
issue a workflow command.
"""

import os
import re
import subprocess
import sys
import unicodedata
import uuid
from dataclasses import dataclass

import yaml

from .diagnostics import Diagnostic

ARTICLE_PAGE = re.compile(r"docs/(\d{4})/(\d{2})/[^/]+\.md")
TEXT_FIELD = re.compile(r"(title|subtitle|title_en|abstract|abstract_en|reviewed_book\.title|"
                        r"(authors|translators)\[\d+\]\.bio)")
TYPO_CHARS = 8
MAX_PAGES = 30
MAX_FRONT_MATTER = 64 * 1024
MAX_DEPTH = 20
REGULAR = "100644"
ABSENT = re.compile(r"0+")
LABEL = "code-change"


@dataclass(frozen=True)
class Entry:
    old_mode: str
    new_mode: str
    old: str  # blob ids, "000…" when absent
    new: str
    status: str
    path: str


def git(repo, *args):
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True)
    if result.returncode:
        raise Diagnostic("git", None, f"expected `git {' '.join(args)}` to work: "
                                      f"{result.stderr.decode('utf-8', 'replace').strip()}")
    return result.stdout


def raw_diff(repo, *args):
    """[Entry] from `git diff-tree -r -z --raw --no-renames …` (paths may hold any byte but NUL)."""
    fields = git(repo, "diff-tree", "-r", "-z", "--raw", "--no-renames", *args).split(b"\0")
    entries, i = [], 0
    while i + 1 < len(fields):
        if fields[i].startswith(b":"):
            old_mode, new_mode, old, new, status = fields[i][1:].decode().split(" ")
            entries.append(Entry(old_mode, new_mode, old, new, status[:1],
                                 fields[i + 1].decode("utf-8", "surrogateescape")))
            i += 2
        else:
            i += 1
    return entries


def blob(repo, object_id):
    return git(repo, "cat-file", "blob", object_id).decode("utf-8", "replace")


def shown(text):
    """A path or value as one printable line: control, format and line/paragraph separator
    characters escaped (\\n, \\u2028, …)."""
    return "".join(ascii(ch)[1:-1] if unicodedata.category(ch)[0] == "C" or unicodedata.category(ch) in ("Zl", "Zp")
                   else ch for ch in text)


# --- front matter ------------------------------------------------------------------------------

def front_matter(text):
    """(mapping or None, why not comparable or None, body)."""
    if not text.startswith("---\n"):
        return None, "has no front matter", text
    end = text.find("\n---\n", 3)
    if end < 0:
        return None, "has no closing '---'", text
    raw, body = text[4:end + 1], text[end + 5:]
    if len(raw.encode("utf-8")) > MAX_FRONT_MATTER:
        return None, f"has front matter over {MAX_FRONT_MATTER} bytes", body
    try:
        for token in yaml.scan(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken, yaml.TagToken)):
                return None, "has YAML anchors, aliases or tags in its front matter", body
        data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, RecursionError, ValueError):
        return None, "has front matter that is not readable YAML", body
    if not isinstance(data, dict):
        return None, "has front matter that is not a mapping", body
    return data, None, body


def flatten(value, prefix="", depth=0):
    """{'authors[0].name': '王凡', 'issue.year': 2026, …}: one entry per scalar. ValueError past
    MAX_DEPTH levels (real front matter has 3; YAML itself nests as deep as it is told)."""
    if depth > MAX_DEPTH:
        raise ValueError(prefix)
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else str(key), depth + 1))
        return out or {prefix: {}}
    if isinstance(value, list):
        out = {}
        for i, item in enumerate(value):
            out.update(flatten(item, f"{prefix}[{i}]", depth + 1))
        return out or {prefix: []}
    return {prefix: value}


def typo_level(old, new):
    """Do two strings differ in one spot of at most TYPO_CHARS characters a side, nothing
    written in that is a line break or another control or format character? (Linear.)"""
    if not isinstance(old, str) or not isinstance(new, str):
        return False
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    removed, added = old[start:len(old) - end], new[start:len(new) - end]
    return (len(removed) <= TYPO_CHARS and len(added) <= TYPO_CHARS
            and not any(unicodedata.category(ch)[0] in "CZ" and ch != " " for ch in added))


def key_line(text, key):
    """The line of a top-level front-matter key in a page (1-based), or None."""
    top = key.split(".")[0].split("[")[0]
    for number, line in enumerate(text.split("\n"), 1):
        if line.startswith(f"{top}:"):
            return number
        if number > 1 and line == "---":
            break
    return None


def front_matter_changes(path, old_text, new_text):
    """[Diagnostic] for a change of an existing page beyond its body and typo-level text."""
    old, old_problem, _ = front_matter(old_text)
    new, new_problem, _ = front_matter(new_text)
    if new_problem or old_problem:
        return [Diagnostic(path, 1, f"{new_problem or old_problem}: expected front matter both sides can be "
                                    "compared (a maintainer's label otherwise)")]
    try:
        before, after = flatten(old), flatten(new)
    except ValueError:
        return [Diagnostic(path, 1, f"front matter nested more than {MAX_DEPTH} levels deep: expected front "
                                    "matter both sides can be compared (a maintainer's label otherwise)")]
    problems = []
    for key in sorted(set(before) | set(after)):
        if before.get(key, KeyError) == after.get(key, KeyError):
            continue
        if key not in before:
            what = f"front matter field `{shown(key)}` added"
        elif key not in after:
            what = f"front matter field `{shown(key)}` removed"
        elif TEXT_FIELD.fullmatch(key) and typo_level(before[key], after[key]):
            continue
        elif TEXT_FIELD.fullmatch(key):
            what = (f"front matter text `{shown(key)}` changed beyond a typo fix (one spot, at most "
                    f"{TYPO_CHARS} characters, no line break)")
        else:
            what = f"front matter field `{shown(key)}` changed (bibliographic data)"
        problems.append(Diagnostic(path, key_line(new_text, key), f"{what}: expected only body text and "
                                                                 "typo fixes in a correction"))
    return problems


# --- the pull request ---------------------------------------------------------------------------

def classify(repo, base, head):
    """([Diagnostic] that need a maintainer's label, [str] article pages corrected)."""
    merge_base = git(repo, "merge-base", base, head).decode().strip()
    existing = {tuple(ARTICLE_PAGE.fullmatch(p).groups())
                for p in git(repo, "ls-tree", "-r", "-z", "--name-only", merge_base, "--", "docs").decode(
                    "utf-8", "surrogateescape").split("\0") if ARTICLE_PAGE.fullmatch(p)}
    problems, corrected, new_issues = [], [], {}
    for entry in raw_diff(repo, merge_base, head):
        path = shown(entry.path)
        page = ARTICLE_PAGE.fullmatch(entry.path)
        if not page:
            problems.append(Diagnostic(path, None, "changed outside the article pages docs/YYYY/NN/*.md"))
        elif ABSENT.fullmatch(entry.new):
            problems.append(Diagnostic(path, None, "page deleted: expected only changes to existing pages"))
        elif entry.new_mode != REGULAR or not ABSENT.fullmatch(entry.old) and entry.old_mode != REGULAR:
            problems.append(Diagnostic(path, None, f"not a regular file (mode {entry.new_mode}): "
                                                   "expected a Markdown page"))
        elif ABSENT.fullmatch(entry.old):
            if page.groups() not in existing:
                new_issues.setdefault("/".join(page.groups()), []).append(path)
            else:
                problems.append(Diagnostic(path, None, "new page: expected only changes to existing pages"))
        else:
            found = front_matter_changes(path, blob(repo, entry.old), blob(repo, entry.new))
            problems += found
            if not found:
                corrected.append(path)
    for folder, pages in sorted(new_issues.items()):
        problems.append(Diagnostic(f"docs/{folder}/", None, f"new issue ({len(pages)} new page(s): "
                                                            f"{', '.join(sorted(pages))}): expected only "
                                                            "changes to existing pages"))
    if len(corrected) > MAX_PAGES:
        problems.append(Diagnostic("docs/", None, f"{len(corrected)} pages changed: expected at most "
                                                  f"{MAX_PAGES} in one correction"))
    problems += commit_by_commit(repo, merge_base, head)
    return problems, corrected


def commit_by_commit(repo, merge_base, head):
    """Files outside the article pages that one of the pull request's commits changes, even if
    the head has them as before (each commit lands on main with a rebase merge)."""
    final = {e.path for e in raw_diff(repo, merge_base, head)}
    commits = git(repo, "rev-list", "--reverse", "--parents", f"{merge_base}..{head}").decode().split("\n")
    problems, seen = [], set()
    for line in filter(None, commits):
        commit, *parents = line.split()
        if len(parents) > 1:  # a merge: what it changes against every parent is its own
            paths = [p for p in git(repo, "diff-tree", "-r", "-z", "-c", "--name-only", "--no-commit-id",
                                    commit).decode("utf-8", "surrogateescape").split("\0") if p]
        else:
            paths = [e.path for e in raw_diff(repo, parents[0] if parents else "--root", commit)]
        for path in paths:
            if path in final or path in seen or ARTICLE_PAGE.fullmatch(path):
                continue
            seen.add(path)
            problems.append(Diagnostic(shown(path), None, f"changed by commit {commit[:12]} and restored by a "
                                                          "later one: expected every commit of a correction to "
                                                          "change article pages only (rebase merges keep each "
                                                          "commit, and the corrections record reads them)"))
    return problems


def run(repo, base, head, labelled, out=sys.stdout):
    """Print the verdict; 0 = a correction, or labelled; 1 = needs the label; 2 = git failed."""
    try:
        problems, corrected = classify(repo, base, head)
    except Diagnostic as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    on_github = os.environ.get("GITHUB_ACTIONS") == "true"
    if not problems:
        print(f"A correction: only body text and typo fixes of existing article pages change "
              f"({len(corrected)} page(s)).", file=out)
        return 0
    token = uuid.uuid4().hex
    if on_github:  # what follows is the contributor's text: no workflow command may be read out of it
        print(f"::stop-commands::{token}", file=out)
    print(f"Not only a correction ({len(problems)} change(s) need a maintainer's review):", file=out)
    for problem in problems:
        print(f"  {problem}", file=out)
    if on_github:
        print(f"::{token}::", file=out)
    if labelled:
        print(f"{'::notice title=Reviewed change::' if on_github else ''}Labelled {LABEL} for this commit: "
              "a maintainer reviewed the changes listed above.", file=out)
        return 0
    print(f"{'::error title=Not only a correction::' if on_github else ''}This pull request changes more than "
          f"body text and typo fixes of existing article pages (listed above). A maintainer must review it and "
          f"then apply the label {LABEL} (again after every push: a label covers only the commit it was "
          "applied to).", file=out)
    return 1

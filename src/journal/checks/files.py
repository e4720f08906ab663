"""Every file under docs/ accounted for, and the pages of each issue agreeing with each other.

docs/ holds content only, and what may be there is an allow-list, kept as data
(journal/schema/files.allow-list.yaml):

- pages (.md): the home page docs/index.md, an issue's contents page docs/YYYY/NN/index.md,
  and its articles docs/YYYY/NN/<name>.md. The navigation is built from exactly these, so
  any other page would be outside it, and two sources for one address (x.md and x/index.md)
  would overwrite each other;
- pictures (.png, .jpg, .jpeg, .webp, .gif) in an issue's folder, for its articles.

Anything else is refused: styles and scripts belong in overrides/ (the theme's custom_dir,
served at the same addresses), .html and .svg can carry script, other files would be published
unread, and a symbolic link could publish a file from outside docs/ (it is never followed).

Across pages: an article's and an issue page's `issue.year` and `issue.number` are those of
their folder; an article's `issue` is its contents page's; the articles of one issue do not
share a printed page.
"""

import os
import re
import stat
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path, PurePosixPath

import yaml

from journal import catalog
from journal.diagnostics import Diagnostic

# Package data, found beside the installed module (never from the project's checkout).
ALLOWED = yaml.safe_load(resources.files("journal.schema").joinpath("files.allow-list.yaml").read_text(encoding="utf-8"))
PAGES = tuple(ALLOWED["pages"])
# The first bytes of each kind of picture allowed: a file must be what its name says.
PICTURES = {suffix: tuple(bytes.fromhex(head) for head in heads) for suffix, heads in ALLOWED["pictures"].items()}
ELSEWHERE = ALLOWED["elsewhere"]  # suffix -> the folder of overrides/ where such a file belongs
# A figure of a printed page is well under 1 MB; 5 MiB bounds what every reader downloads.
MAX_PICTURE_BYTES = 5 * 1024 * 1024
ARTICLE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.md")
WHAT_BELONGS = ("under docs/ belong only content: .md pages, and pictures (" + ", ".join(PICTURES)
                + ") in an issue's folder docs/YYYY/NN/")


@dataclass
class Inventory:
    files: dict = field(default_factory=dict)  # every regular file, relative to docs/ -> its size
    problems: list = field(default_factory=list)

    @property
    def pages(self):
        return sorted(rel for rel in self.files if rel.endswith(".md"))


def inventory(docs, shown):
    """Every file under `docs` (symbolic links reported, never followed); `shown(rel)` is how a
    message names a file."""
    found = Inventory()
    for folder, subfolders, names in os.walk(docs):
        for name in sorted(subfolders):
            path = Path(folder, name)
            if path.is_symlink():
                rel = path.relative_to(docs).as_posix()
                found.problems.append(Diagnostic(shown(rel), 1, "symbolic link to a folder: not allowed under docs/ (it could publish "
                                                 "files from elsewhere); put the files themselves here"))
        for name in sorted(names):
            path = Path(folder, name)
            rel = path.relative_to(docs).as_posix()
            mode = path.lstat()
            if not printable(rel):
                found.problems.append(Diagnostic(shown(escaped(rel)), 1, "the file's name holds a character that is not UTF-8 "
                                                 "or cannot be seen (a control, bidi or zero-width character): rename it"))
            elif stat.S_ISLNK(mode.st_mode):
                found.problems.append(Diagnostic(shown(rel), 1, "symbolic link: not allowed under docs/ (it could publish a file "
                                                 "from elsewhere); put the file itself here"))
            elif not stat.S_ISREG(mode.st_mode):
                found.problems.append(Diagnostic(shown(rel), 1, "not a regular file: " + WHAT_BELONGS))
            else:
                found.files[rel] = mode.st_size
    if catalog.HOME not in found.files:
        found.problems.append(Diagnostic(shown(catalog.HOME), 1, "the home page is missing: the navigation starts with it"))
    pages = {}  # address -> the pages that would make it
    for rel in found.pages:
        pages.setdefault(address(rel), []).append(rel)
    for rel, size in sorted(found.files.items()):
        problem = file_problem(rel, pages) or picture_problem(Path(docs, rel), rel, size)
        if problem:
            found.problems.append(Diagnostic(shown(rel), 1, problem))
    return found


def printable(name):
    """A name messages can print as it is: UTF-8, and nothing invisible that would hide or
    reorder it (a newline would even break the 'path:line:' format)."""
    return name.isprintable() and name.encode("utf-8", "surrogateescape").decode("utf-8", "replace") == name


def escaped(name):
    return name.encode("unicode_escape", "backslashreplace").decode("ascii")


def file_problem(rel, pages):
    """Why the file `rel` has no place under docs/, or None."""
    suffix = PurePosixPath(rel).suffix
    if suffix in PAGES:
        return page_place_problem(rel, pages)
    if suffix in ELSEWHERE:
        return (f"expected content only under docs/: a {suffix} file changes how every page looks or runs; "
                f"put it in {ELSEWHERE[suffix]} (served at the same address) and list it in mkdocs.yml")
    if suffix in PICTURES:
        return None if catalog.issue_dir_of(rel) else "a picture belongs in the folder of the issue whose article shows it, docs/YYYY/NN/"
    why = " (.html and .svg files can carry script)" if suffix in (".html", ".htm", ".svg") else ""
    return f"a {suffix or 'file without extension'} file has no place here{why}: " + WHAT_BELONGS


def page_place_problem(rel, pages):
    """Why the page `rel` would not be in the navigation, or would share its address with
    another page (`pages`: address -> the pages that would make it)."""
    if rel == catalog.HOME or catalog.is_issue_index(rel):
        return None
    if catalog.is_article_path(rel):
        folder = catalog.issue_dir_of(rel)
        if not ARTICLE_NAME.fullmatch(PurePosixPath(rel).name):
            return ("an article's file name is lower-case letters, digits and hyphens, like wu-xinbo.md "
                    "(MkDocs reads README.md as index.md, and addresses are case-sensitive)")
        if f"{folder}/index.md" not in pages.get(f"/{folder}/", ()):
            return f"the issue folder docs/{folder}/ has no contents page index.md, so this article would be in no navigation"
        return None
    twin = next((other for other in pages[address(rel)] if other != rel), None)
    if twin:
        return f"two sources for one address: this page and docs/{twin} would both be {address(rel)}"
    folder = next((str(parent) for parent in PurePosixPath(rel).parents if is_issue_folder(str(parent))), None)
    if folder:
        return f"pages of an issue are .md files directly in its folder docs/{folder}/, not in a folder below it"
    return ("this page would be outside the navigation: the site's pages are docs/index.md, the issues' "
            "docs/YYYY/NN/index.md and their articles docs/YYYY/NN/<name>.md")


def address(rel):
    """The address MkDocs gives a page: x.md and x/index.md (or x/README.md) are both /x/."""
    path = PurePosixPath(rel).with_suffix("")
    if path.name in ("index", "README"):
        path = path.parent
    return "/" if str(path) == "." else f"/{path}/"


def is_issue_folder(folder):
    return catalog.issue_dir_of(f"{folder}/index.md") == folder


def picture_problem(path, rel, size):
    """A picture must be what its name says, and of a size a reader can download."""
    suffix = PurePosixPath(rel).suffix
    if suffix not in PICTURES or not catalog.issue_dir_of(rel):
        return None
    if size > MAX_PICTURE_BYTES:
        return f"the picture is {size:,} bytes; at most {MAX_PICTURE_BYTES:,}: save it smaller"
    with open(path, "rb") as file:
        head = file.read(12)
    if not head.startswith(PICTURES[suffix]) or (suffix == ".webp" and head[8:12] != b"WEBP"):
        return f"the file is not a {suffix[1:].upper()} picture, whatever its name says"
    return None


# ---------------------------------------------------------------------------------------------
# The pages of an issue, together
# ---------------------------------------------------------------------------------------------

def check_issues(pages):
    """[Diagnostic] for issue fields that disagree with the folder or the contents page, and
    articles of one issue whose printed pages overlap."""
    contents = {catalog.issue_dir_of(page.rel): page for page in pages if page.kind == "issue"}
    problems, articles = [], {}
    for page in pages:
        if page.kind not in ("issue", "article") or not isinstance(page.data, dict):
            continue
        problems += folder_problems(page)
        if page.kind == "article":
            folder = catalog.issue_dir_of(page.rel)
            problems += same_issue_problems(page, contents.get(folder))
            articles.setdefault(folder, []).append(page)
    for folder_articles in articles.values():
        problems += overlap_problems(folder_articles)
    return problems


def folder_problems(page):
    """issue.year and issue.number are the folder's: the folder is where the site puts the page."""
    issue = page.data.get("issue")
    if not isinstance(issue, dict):
        return []
    folder = catalog.issue_dir_of(page.rel)
    problems = []
    for key, expected in zip(("year", "number"), (int(part) for part in folder.split("/"))):
        value = issue.get(key)
        if ("issue", key) not in page.reported and value != expected:
            problems.append(page.problem(page.line_of(("issue", key)), f"issue.{key} is {value}, but the page is in docs/{folder}/: "
                                         f"write {key}: {expected}, or move the page to its issue's folder"))
    return problems


def same_issue_problems(article, contents):
    """An article's issue fields are its contents page's: they are shown side by side."""
    issue = article.data.get("issue")
    if contents is None or not isinstance(contents.data, dict):
        return []
    expected = contents.data.get("issue")
    if not isinstance(issue, dict) or not isinstance(expected, dict):
        return []
    problems = []
    for key, value in issue.items():
        if key in ("year", "number") or key not in expected or expected[key] == value:
            continue  # year and number: folder_problems; a missing key: the schema
        if ("issue", key) in article.reported or ("issue", key) in contents.reported:
            continue  # a value the schema found wrong: said there
        problems.append(article.problem(article.line_of(("issue", key)), f"issue.{key} is {value!r} here but {expected[key]!r} on "
                                        f"the contents page {contents.shown}: every page of an issue gives the same issue fields"))
    return problems


def overlap_problems(articles):
    """Reported on the later article of each overlapping pair, naming the earlier one."""
    ranged = []
    for page in articles:
        first, last = page.data.get("first_page"), page.data.get("last_page")
        if is_whole(first) and is_whole(last) and first <= last and not {("first_page",), ("last_page",)} & page.reported:
            ranged.append((first, last, page.rel, page))
    problems, widest = [], None
    for first, last, _, page in sorted(ranged, key=lambda item: item[:3]):
        if widest and first <= widest[1]:
            problems.append(page.problem(page.line_of(("first_page",)), f"pages {first}–{last} overlap pages {widest[0]}–{widest[1]} "
                                         f"of {widest[3].shown}: the articles of one issue do not share a printed page"))
        if widest is None or last > widest[1]:
            widest = (first, last, page.rel, page)
    return problems


def is_whole(value):
    return isinstance(value, int) and not isinstance(value, bool)

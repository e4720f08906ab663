"""The content check CI runs on every pull request: python -m journal check [docs].

Readers correct the pages under docs/ through pull requests. MkDocs is forgiving where we
must not be: it drops front matter that is not valid YAML, renders any raw HTML it is given,
and builds a page whose footnote has lost its definition. So before a correction is merged,
this check reads every file under docs/ and reports, all in one run, each problem as
`path:line: what is expected` (journal.diagnostics.Diagnostic).

One module per concern, each a few functions taking a page and returning diagnostics:

    files.py        every file under docs/ has its place; the pages of an issue agree
    page.py         a page read as MkDocs reads it: front matter and body
    frontmatter.py  YAML read safely, then the schema (journal.schema, kept as data)
    body.py         the Markdown a body may hold, as an allow-list
    footnotes.py    every [^n] defined once, every definition cited
    links.py        links and anchors resolve; external ones are https, http or mailto
    limits.py       bounds on notes, references, brackets, tags and articles per issue
    markdown.py     the pieces of Markdown these look for

It only reads files: nothing is fetched, nothing is written, no symbolic link is followed.
Fast enough to run before every build (the MkDocs plugin may call check_docs).
"""

import sys
from pathlib import Path

from journal.diagnostics import Diagnostic, report
from journal.search.thesaurus import check_thesaurus

from . import characters, files, limits, links
from .body import check_body
from .footnotes import check_footnotes
from .frontmatter import check_front_matter
from .memo import MEMO, Checked, key
from .page import read_page

# A page of many problems is one problem many times over: the rest are summed up.
MAX_PER_PAGE = 50


def check_docs(docs, memo=MEMO):
    """Every problem of every file under `docs`, in path and line order: [Diagnostic].

    The MkDocs plugin calls it at the start of every build. Every file is read every time; what
    a page's own checks found is reused from `memo` while its text is the same (memo.py): the
    preview (`make serve`) runs this on every save."""
    docs = Path(docs)
    shown = shown_as(docs)
    found = files.inventory(docs, shown)
    problems = list(found.problems)
    pages, unread = [], []
    for rel in found.pages:
        page, unreadable = read_page(docs / rel, rel, shown(rel), found.files[rel])
        problems += unreadable
        if page:
            pages.append(page)
        else:
            unread.append(rel)
    keys = {page.rel: key(page) for page in pages}
    checked = {}
    for page in pages:
        known = memo.pages.get(keys[page.rel])
        checked[keys[page.rel]] = own_checks(page) if known is None else restored(page, known)
    problems += files.check_issues(pages) + limits.check_issues(pages)
    site = links.Site(set(found.files), {page.rel: set(checked[keys[page.rel]].anchors) for page in pages})
    site.anchors.update(dict.fromkeys(unread))  # there, but their anchors are unknown: not checked
    site.anchors.update(links.generated_anchors(pages))
    known_links, found_links = memo.links_against(site), {}
    for page in pages:
        page_key = keys[page.rel]
        if not page.unclosed:  # else the body is the front matter too: its problem is said once
            found_links[page_key] = known_links.get(page_key)
            if found_links[page_key] is None:
                found_links[page_key] = tuple(links.check_links(page, site))
        problems += capped(list(checked[page_key].problems) + list(found_links.get(page_key, ())))
    memo.keep(checked, found_links, site)
    problems += check_thesaurus()  # the search thesaurus is data reviewed like content (issue 17)
    return sorted(problems, key=lambda problem: (problem.path, problem.line or 0))


def own_checks(page):
    """What the checks of `page` alone find (all but its links): fills page.data, page.lines
    and page.reported for the checks that compare pages."""
    problems = check_front_matter(page)
    if not page.unclosed:
        problems += limits.check_page(page) + check_body(page) + characters.check_body(page) + check_footnotes(page) + links.check_anchors(page)
    return Checked(page.data, page.lines, page.reported, tuple(problems), frozenset(links.page_anchors(page)))


def restored(page, checked):
    """`page` as own_checks left it the last time its text was the same."""
    page.data, page.lines, page.reported = checked.data, checked.lines, checked.reported
    return checked


def capped(problems):
    """At most MAX_PER_PAGE problems of one page, in line order, then how many more."""
    if len(problems) <= MAX_PER_PAGE:
        return problems
    problems = sorted(problems, key=lambda problem: problem.line or 0)
    last = problems[MAX_PER_PAGE - 1]
    more = Diagnostic(last.path, last.line, f"… and {len(problems) - MAX_PER_PAGE} more problems on this page, not shown")
    return problems[:MAX_PER_PAGE] + [more]


def shown_as(docs):
    """How messages name a file under `docs`: relative to the working directory when it is
    below it (docs/2026/02/wu-xinbo.md), else in full."""
    try:
        base = docs.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        base = docs.resolve().as_posix()
    return lambda rel: f"{base}/{rel}" if base != "." else rel


def main(argv=None):
    """python -m journal.checks [docs]: exit status 1 if there is any problem, 0 if none."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) > 1 or (argv and argv[0].startswith("-")):
        print("usage: python -m journal.checks [docs]", file=sys.stderr)
        return 2
    docs = Path(argv[0] if argv else "docs")
    if not docs.is_dir():
        print(f"{docs}: no such folder", file=sys.stderr)
        return 1
    problems = check_docs(docs)
    status = report(problems, sys.stdout)
    print(f"{len(problems)} problem(s)" if problems else f"{docs}: no problems", file=sys.stderr)
    return status

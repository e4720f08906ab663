"""One page as the checks see it: read as MkDocs reads it, split into front matter and body.

The other check modules take a Page and return diagnostics; only frontmatter.py adds to it
(the loaded data and the line of each key), for the checks that compare pages.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from journal import catalog
from journal.diagnostics import Diagnostic
from journal.importer.render import MAX_PAGE_BYTES

# The pattern MkDocs uses (mkdocs.utils.meta.YAML_RE): what it does not match, MkDocs renders
# as text, or reads as MultiMarkdown meta-data.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
OPENING_LINE = re.compile(r"-{3}[ \t]*\n")


@dataclass
class Page:
    rel: str  # relative to docs/, POSIX: 2026/02/wu-xinbo.md
    shown: str  # as messages name it: docs/2026/02/wu-xinbo.md
    kind: str | None  # "home", "issue", "article"; None for a page the site has no place for
    front_matter: str | None = None  # the YAML text; None when the page has none
    front_matter_line: int = 2  # file line of the YAML's first line
    unclosed: bool = False  # starts with '---' that nothing closes
    body: str = ""
    body_line: int = 1  # file line of the body's first line
    data: object = None  # the front matter loaded, once it is known to be safe and valid YAML
    lines: dict = field(default_factory=dict)  # ("issue", "year") -> file line of that key
    reported: set = field(default_factory=set)  # paths of the fields the schema found wrong
    _line_starts: list = None

    def problem(self, line, message):
        return Diagnostic(self.shown, line, message)

    def line_at(self, offset):
        """The file line of character `offset` of the body."""
        if self._line_starts is None:
            self._line_starts = [0] + [match.end() for match in re.finditer("\n", self.body)]
        return self.body_line + bisect_right(self._line_starts, offset) - 1

    def body_problem(self, offset, message):
        return Diagnostic(self.shown, self.line_at(offset), message)

    def line_of(self, path):
        """The file line of the front matter key at `path`, or of the nearest enclosing one."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, self.front_matter_line)


def page_kind(rel):
    if rel == catalog.HOME:
        return "home"
    if catalog.is_issue_index(rel):
        return "issue"
    if catalog.is_article_path(rel):
        return "article"
    return None


def read_page(path, rel, shown, size):
    """(Page or None, [Diagnostic]): None when the page is too big or not UTF-8 to check at all."""
    if size > MAX_PAGE_BYTES:
        # Checked before reading: nothing this size is an article, and every check would pay for it.
        return None, [Diagnostic(shown, 1, f"the page is {size:,} bytes; a page may hold at most {MAX_PAGE_BYTES:,} "
                                 "(the longest article is about 70,000): is other text pasted into it?")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")  # as MkDocs reads pages
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        return None, [Diagnostic(shown, line, f"not UTF-8 text (byte {raw[err.start]:#04x}): save the file as UTF-8")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    page = Page(rel, shown, page_kind(rel))
    match = FRONT_MATTER.match(text)
    if match:
        page.front_matter = match[1]
        body_start = match.end()
    else:
        body_start = 0
        page.unclosed = bool(OPENING_LINE.match(text))
    page.body_line = text.count("\n", 0, body_start) + 1
    page.body = text[body_start:]
    return page, []

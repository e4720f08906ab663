"""What the check found on each page, kept in memory for the next run in the same process.

`make serve` runs the whole-archive check on every save (the plugin's on_config), and a save
changes one page: at 50 issues the check was 41% of a rebuild. Every page is still read and
every cross-page check still runs; what a page's own checks found is reused when the page's
text is the same, and what its links found when, besides, every file and anchor of the site
is the same (a changed heading or a new file checks every page's links again).

The key is the page's place, its name in messages and a digest of its text, so nothing is
reused for a page that changed. Only the current run's pages are kept: the memory held is
what the last run found, not the text of the pages.
"""

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Checked:
    """A page's own results: the front matter as loaded (page.data, page.lines, page.reported,
    which the cross-page checks read), its problems, its anchors."""

    data: object
    lines: dict
    reported: set
    problems: tuple  # front matter, body, limits, characters, footnotes, duplicate anchors
    anchors: frozenset


@dataclass
class Memo:
    pages: dict = field(default_factory=dict)  # key -> Checked
    links: dict = field(default_factory=dict)  # key -> (Diagnostic, ...) found against `site`
    site: object = None  # the links.Site those link results were found against

    def links_against(self, site):
        """The link results found against `site`: none if any file or anchor differs."""
        return self.links if site == self.site else {}

    def keep(self, pages, links, site):
        """This run's results, and only them (a deleted or changed page's are dropped)."""
        self.pages, self.links, self.site = pages, links, site


def key(page):
    """(place, name in messages, digest of everything read_page made of the page's text)."""
    digest = hashlib.blake2b(digest_size=16)
    for part in (page.front_matter or "", str(page.front_matter_line), str(page.unclosed), str(page.body_line), page.body):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return page.rel, page.shown, digest.digest()


# One per process: `mkdocs serve` keeps the process, and with it this, between rebuilds.
MEMO = Memo()

"""How to cite an article: every citation style and every reference file, as one registry.

`STYLES`: the strings of the cite box (GB/T 7714—2025 print and online, APA 7, Chicago 18
author-date, notes and bibliography, MLA 9), each one function of journal.citations.styles
returning Text (plain for copying, HTML with italics and the reader's-date slot).
`FILES`: the reference files written beside each article (`2026/02/wu-xinbo.ris`) and once per
issue (`2026/02/issue.ris`): RIS, BibTeX, CSL-JSON, each a `record` function (one article) and a
`collection` function (several, one file), every value escaped by the format's serializer.

The cite box (overrides/partials/cite-box.html), its download links and the issue page's
links loop over these tuples; the journal plugin writes the files from `FILES`. A format added
here shows up in all of them with no template edited.

Every function reads the typed model (journal.model.Article, its IssueRef) and a `Where`
(URL, the reader's date, the day of the last correction). Highwire tags and JSON-LD, read by
indexers rather than readers, are in journal.citations.metadata.
"""

from collections.abc import Callable
from dataclasses import dataclass

from . import bibtex, csl_json, ris, styles
from .metadata import highwire, json_ld  # noqa: F401  (the plugins' <head>)
from .text import Text, Where  # noqa: F401


@dataclass(frozen=True)
class Style:
    """A citation string. `key` names it in the page (id="cite-<key>"); `online`: printed only
    when the site has an absolute URL to cite."""

    key: str
    label: str
    variant: str  # 印刷版, 网络版 …: what distinguishes it from a style of the same label
    variant_en: str
    cite: Callable  # (Article, Where) -> Text
    online: bool = False
    lang: str = "zh-CN"  # the citation's own language, for the element that holds it

    def text(self, article, where):
        return self.cite(article, where)


@dataclass(frozen=True)
class FileFormat:
    """A reference file: `suffix` after the article's stem (wu-xinbo.ris) or 'issue'."""

    key: str
    label: str
    suffix: str
    media_type: str
    record: Callable  # (Article, Where) -> str
    collection: Callable  # [str] -> str (the file)

    def article_path(self, article):
        """'2026/02/wu-xinbo.ris'."""
        return f"{article.stem}{self.suffix}"

    def issue_path(self, folder):
        """'2026/02/issue.ris' for the issue in `folder` ('2026/02')."""
        return f"{folder}/issue{self.suffix}"

    def article_file(self, article, where):
        return self.collection([self.record(article, where)])

    def issue_file(self, articles):
        """One file of [(Article, Where)], in print order."""
        return self.collection([self.record(article, where) for article, where in articles])


STYLES = (
    Style("gbt7714", "GB/T 7714—2025", "印刷版", "print", styles.gbt7714),
    Style("gbt7714-online", "GB/T 7714—2025", "网络版 [J/OL]，引用日期在复制时填入",
          "online; the date of citation is filled in when copied", styles.gbt7714_online, online=True),
    Style("apa", "APA 7", "", "", styles.apa, lang="en"),
    Style("chicago-author-date", "Chicago 18", "著者—出版年制", "author-date", styles.chicago_author_date, lang="en"),
    Style("chicago-note", "Chicago 18", "注释—参考书目制：脚注", "notes and bibliography: note", styles.chicago_note, lang="en"),
    Style("chicago-bibliography", "Chicago 18", "注释—参考书目制：参考书目", "notes and bibliography: bibliography",
          styles.chicago_bibliography, lang="en"),
    Style("mla", "MLA 9", "", "", styles.mla, lang="en"),
)

FILES = (
    FileFormat("ris", "RIS", ".ris", "application/x-research-info-systems", ris.article_record, ris.collection),
    FileFormat("bibtex", "BibTeX", ".bib", "application/x-bibtex", bibtex.article_entry, bibtex.collection),
    FileFormat("csl-json", "CSL-JSON", ".csl.json", "application/vnd.citationstyles.csl+json", csl_json.record,
               csl_json.collection),
)


def style(key):
    return next(s for s in STYLES if s.key == key)


def file_format(key):
    return next(f for f in FILES if f.key == key)


def cite_box(article, where):
    """[(Style, Text)] the cite box prints, in registry order: the online forms only with a URL."""
    return [(s, s.text(article, where)) for s in STYLES if where.url or not s.online]


def gbt7714(article):
    """The print form as plain text (the print masthead, the PDF galley's cite-as line)."""
    return styles.gbt7714(article, Where()).plain

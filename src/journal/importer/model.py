"""Dataclasses for one parsed issue, and the typed blocks an article's body is made of.

Nothing here knows about Markdown or MkDocs: render.py turns each block into Markdown with one
function per type. The parse-time model is mutable while the steps fill it in; the blocks are
frozen once built (repair.py and blocks.py make them from the source's lines).
"""

from dataclasses import dataclass, field

SOURCE_PREFIXES = ("资料来源", "数据来源", "来源")  # a table's or figure's source line; other lines under it are notes


@dataclass(frozen=True)
class Line:
    """One line of the source, with the line number it had there (kept through corrections)."""

    number: int
    text: str


@dataclass
class Author:
    name: str
    name_en: str = ""
    bio: str = ""
    nationality: str = ""  # 俄 for a byline's 〔俄〕; empty for a Chinese author


@dataclass
class Footnote:
    number: int  # article-wide, in reading order
    text: str
    line: int


# --- body blocks -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int


@dataclass(frozen=True)
class Heading:
    """Levels 2-5 from the numbering 一、 / （一） / 1. / （1）; the anchor from its place in the outline."""

    level: int
    text: str
    anchor: str
    line: int


@dataclass(frozen=True)
class Cell:
    """One table cell. `parts` is its content: text, and the inline tags a cell may hold, as
    ('text', '…') and ('tag', 'sup' | '/sup' | 'sub' | '/sub' | 'br'); render.py escapes the text."""

    parts: tuple
    header: bool = False
    scope: str = ""  # 'col' or 'row' for a header cell
    colspan: int = 1
    rowspan: int = 1

    @property
    def text(self):
        return "".join(value for kind, value in self.parts if kind == "text")


@dataclass(frozen=True)
class Table:
    number: int  # 表N as printed; the anchor is table-N
    caption: str  # the caption's text after '表N'
    head: tuple  # rows of header cells: ((Cell, …), …)
    body: tuple  # rows of cells
    after: tuple  # the 注： and 资料来源： lines under it, in printed order
    line: int

    @property
    def notes(self):
        return tuple(text for text in self.after if not text.startswith(SOURCE_PREFIXES))

    @property
    def source(self):
        return tuple(text for text in self.after if text.startswith(SOURCE_PREFIXES))


@dataclass(frozen=True)
class Figure:
    number: int  # 图N as printed; the anchor is figure-N
    caption: str  # after '图N'
    source: tuple  # the 资料来源： / 注： lines under it (in the figcaption)
    image: str  # the picture's name in sources/YYYY-NN/images/
    file: str  # its name beside the page: <slug>-figure-N.<ext>
    data: bytes = field(repr=False, default=b"")
    line: int = 0


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple  # one line of inline Markdown each
    line: int


@dataclass(frozen=True)
class Quote:
    paragraphs: tuple
    line: int


@dataclass(frozen=True)
class ReviewedBook:
    title: str
    authors: tuple
    publisher: str
    year: int
    pages: int = 0


# --- the issue -------------------------------------------------------------------------------

@dataclass
class Article:
    title: str
    line: int
    column: str = ""
    kind: str = "article"  # article | review | note, from the column (parse.KINDS)
    subtitle: str = ""
    title_en: str = ""
    authors: list = field(default_factory=list)  # [Author]
    translators: list = field(default_factory=list)  # [Author]
    reviewed_book: ReviewedBook = None
    abstract: str = ""
    abstract_en: str = ""
    keywords: list = field(default_factory=list)
    clc: str = ""  # 中图分类号
    document_code: str = ""  # 文献标识码
    article_number: str = ""  # 文章编号, as printed
    issn: str = ""
    first_page: int = 0
    last_page: int = 0
    funding: str = ""
    editor: str = ""
    body_lines: list = field(default_factory=list)  # [Line], raw, before footnotes and repair
    abstract_en_lines: list = field(default_factory=list)  # [Line], raw paragraphs of the English abstract
    number_line: int = 0  # where 〔文章编号〕 stands, for error messages
    byline_line: int = 0
    has_funding_mark: bool = False  # the title carries the * of a funding note
    labels: dict = field(default_factory=dict)  # 〔label〕 -> [text, line, [Line]]
    body: list = field(default_factory=list)  # [Paragraph | Heading | Table | Figure | ListBlock | Quote]
    footnotes: list = field(default_factory=list)  # [Footnote]
    slug: str = ""


@dataclass
class ContentsEntry:
    """One article as the printed contents list gives it: its page and the rest of the entry
    (title, maybe subtitle, names), spaces and all; parse.py matches it against the article."""

    column: str
    page: int
    text: str
    line: int


@dataclass
class Issue:
    source: str
    journal: str
    year: int
    number: int
    total: int
    published: str  # ISO date
    frequency: str = ""
    contents: list = field(default_factory=list)  # [ContentsEntry]
    articles: list = field(default_factory=list)  # [Article]

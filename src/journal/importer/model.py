"""Plain dataclasses for one parsed issue. Nothing here knows about Markdown or MkDocs."""

from dataclasses import dataclass, field


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


@dataclass
class Footnote:
    number: int  # article-wide, in reading order
    text: str
    line: int


@dataclass
class Paragraph:
    text: str
    line: int


@dataclass
class Heading:
    level: int
    text: str
    anchor: str
    line: int


@dataclass
class Article:
    title: str
    line: int
    column: str = ""
    title_en: str = ""
    authors: list = field(default_factory=list)  # [Author]
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
    has_funding_mark: bool = False  # the title carries the * of a funding note
    body: list = field(default_factory=list)  # [Paragraph | Heading], repaired
    footnotes: list = field(default_factory=list)  # [Footnote]
    slug: str = ""


@dataclass
class ContentsEntry:
    """One article as the printed contents list gives it."""

    column: str
    page: int
    title: str
    authors: list  # [str]
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

"""What search can see of an article: its places, each one a place a result can send a reader.

- the head's fields (title, English title, authors with their bios, keywords, column,
  funding, both abstracts), one labelled line each, at the top of the page: a hit in the
  authors shows the authors' line, never the page's header (no 页码 … 中图分类号 dump);
- each section of the body, from one heading with an id to the next (`#sec-2-1`); the text
  before the first heading is the 引言 (the top of the page);
- each footnote (`#fn:9`): a term that occurs only in note 9 links to note 9 and shows it.

The text is plain: no markup, no footnote reference numbers (they would glue digits to words:
“单极时刻”1), no zero-width or soft hyphen characters, one line per paragraph. Nothing here
knows MkDocs: the plugin hands in the article (journal.model.Article) and the body's HTML as
Markdown rendered it.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\ue000\ue001]")  # the last two: private use, never text
SPACES = re.compile(r"[^\S\n]+")
HAN_CHAR = "[\u3007\u3400-\u9fff\uf900-\ufaff]"
# A space between two Chinese characters is an artefact of line breaks in the source.
HAN_GAP = re.compile(f"(?<={HAN_CHAR}) (?={HAN_CHAR})")
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
# A table's cells and caption are blocks too: neighbouring cells must not run together
# (出口138.2 | 145.5 would index as 138.2145.5, and 2145 would match across two cells).
BLOCKS = {"p", "li", "div", "blockquote", "table", "tr", "td", "th", "caption", "pre", "ol", "ul", "dd", "dt",
          "br", "figcaption", "hr", *HEADINGS}
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base",
        "embed", "param", "track"}
# (field label, the model's attribute), in the order shown; HEAD are the strongest matches.
# A field the article leaves empty (a subtitle, translators, a review's abstract) is no place.
HEAD = [("标题", "title"), ("副标题", "subtitle"), ("英文标题", "title_en"), ("作者", "authors"),
        ("译者", "translators"), ("评论书目", "reviewed_book"), ("关键词", "keywords"), ("栏目", "column")]
ABSTRACT = [("提要", "abstract"), ("Abstract", "abstract_en"), ("基金项目", "funding")]
INTRODUCTION = "引言"  # the label of the text before the body's first heading
NOTE = "注 {}"  # a footnote's label: 注 9
# What the English pages' dialog calls the places whose label is ours, not the article's: the
# head fields, the abstracts, 引言 (anchor "": the top of the page) and the notes (anchor fn:N).
# The records keep one label (the Chinese), the dialog swaps it (search-ui.js `label`), so a
# record costs no byte more; a section keeps its heading as printed.
LABELS_EN = {"标题": "Title", "副标题": "Subtitle", "英文标题": "English title", "作者": "Authors",
             "译者": "Translators", "评论书目": "Book reviewed", "关键词": "Keywords", "栏目": "Column",
             "提要": "Chinese abstract", "Abstract": "Abstract", "基金项目": "Funding",
             INTRODUCTION: "Introduction"}
NOTE_EN = "Note {}"


@dataclass
class Place:
    anchor: str  # "" for the top of the page, "sec-2-1", "fn:9"
    label: str  # what a result calls it: "作者", "提要", a section heading, "注 9"
    text: str


@dataclass
class Article:
    url: str  # the page, relative to the site root: "2026/02/wang-fan/" (or ".html" offline)
    title: str
    authors: list
    issue: tuple  # (year, number)
    # What a result shows on the English pages: the English title, the authors' pinyin names
    # ("WANG Fan"), the issue as the English contents name it ("2026, No. 2"); "" when the
    # article has none (the dialog then shows the Chinese).
    title_en: str
    authors_en: list
    issue_en: str
    first_page: int  # print order within the issue
    keywords: list = field(default_factory=list)  # kept whole by query segmentation (vocab.py)
    head: list = field(default_factory=list)  # Places: title, authors, keywords, column
    abstract: list = field(default_factory=list)  # Places: both abstracts, funding
    body: list = field(default_factory=list)  # Places: 引言 and the sections
    notes: list = field(default_factory=list)  # Places: the footnotes

    @property
    def issue_label(self):
        return f"{self.issue[0]} 年第 {self.issue[1]} 期"


def clean(text):
    """Plain text, single spaces, no invisible characters, one line per paragraph."""
    text = SPACES.sub(" ", INVISIBLE.sub("", text))
    return HAN_GAP.sub("", "\n".join(line.strip() for line in text.split("\n") if line.strip()))


def field_text(article, key):
    """One field of the article (journal.model.Article) as one line of plain text."""
    value = getattr(article, key)
    if key in ("authors", "translators"):
        value = "；".join(" ".join(filter(None, (a.display_name, a.name_en, a.bio))) for a in value)
    elif key == "keywords":
        value = "；".join(value)
    elif key == "reviewed_book":
        value = value.line if value else ""
    return clean(str(value or "")).replace("\n", " ")


def article_from(url, article, body_html):
    """What search sees of a page: `article` is its model (journal.model.Article), `body_html`
    its body as rendered."""
    parser = BodyParser()
    parser.feed(body_html)
    parser.close()
    fields = lambda pairs: [Place("", label, text) for label, key in pairs if (text := field_text(article, key))]  # noqa: E731
    return Article(
        url=url, title=clean(article.full_title),
        authors=[clean(a.display_name) for a in article.authors],
        issue=article.issue.key,
        title_en=clean(article.title_en).replace("\n", " "),
        authors_en=[clean(a.name_en or a.display_name) for a in article.authors],
        issue_en=article.issue.label_en,
        first_page=article.first_page,
        keywords=[clean(k) for k in article.keywords],
        head=fields(HEAD), abstract=fields(ABSTRACT), body=parser.body(), notes=parser.footnotes(),
    )


class BodyParser(HTMLParser):
    """Splits a body's HTML into sections (at headings with an id) and footnotes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections = [["", INTRODUCTION, []]]  # [anchor, heading, text parts]
        self.notes = []  # [anchor, label, text parts]
        self.heading = None  # text parts of the heading being read
        self.skip = 0  # depth inside elements whose text is not the article's
        self.in_notes = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        is_ref = tag == "sup" and (attrs.get("id") or "").startswith("fnref")
        if self.skip or classes & {"headerlink", "footnote-backref"} or is_ref:
            self.skip += tag not in VOID  # a void element has no end tag
            return
        if tag == "div" and "footnote" in classes:
            self.in_notes = True
        if self.in_notes and tag == "li" and (attrs.get("id") or "").startswith("fn:"):
            self.notes.append([attrs["id"], NOTE.format(attrs["id"][3:]), []])
        elif not self.in_notes and tag in HEADINGS and attrs.get("id"):
            self.sections.append([attrs["id"], "", []])
            self.heading = []
        elif tag in BLOCKS:
            self.current().append("\n")

    def handle_endtag(self, tag):
        if self.skip:
            self.skip -= 1
        elif tag in HEADINGS and self.heading is not None:
            self.sections[-1][1] = clean("".join(self.heading))
            self.heading = None
            self.current().append("\n")
        elif tag in BLOCKS:
            self.current().append("\n")

    def handle_data(self, data):
        if self.skip:
            return
        if self.heading is not None:
            self.heading.append(data)
        self.current().append(data)

    def current(self):
        """The text parts being filled: the last note once notes began, else the last section."""
        return self.notes[-1][2] if self.in_notes and self.notes else self.sections[-1][2]

    def body(self):
        return [Place(anchor, heading or INTRODUCTION, text) for anchor, heading, parts in self.sections
                if (text := clean("".join(parts)))]

    def footnotes(self):
        return [Place(anchor, label, text) for anchor, label, parts in self.notes if (text := clean("".join(parts)))]

"""What the exports read about an article: one small adapter from the page's front matter.

`article_from_meta(src_uri, meta)` is the only place that reads front-matter keys. The typed
model (src/journal/model.py, branch `model`) will build the same facts once
(`Article.from_meta`); at merge time this function can take its values from there instead.

Also here, because every format needs them the same way:
- `clean()`: text as XML 1.0 allows it (control characters and noncharacters dropped; `<`, `&`,
  quotes and `]]>` stay as typed, the serializer escapes them);
- how a name splits into surname and given names, in Chinese and in pinyin;
- the affiliation rule (`affiliation()`).
"""

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from pypinyin import Style, lazy_pinyin

# XML 1.0's Char production, minus the noncharacters U+FDD0..U+FDEF and U+xFFFE/U+xFFFF.
# lxml refuses the rest outright; a hostile value must still give a valid file.
_NOT_XML = re.compile(
    "[^\t\n\r\u0020-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd\U00010000-\U0010ffff]"
    "|[\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)


def clean(value):
    """`value` as text XML 1.0 can carry (a character class: linear)."""
    return _NOT_XML.sub("", "" if value is None else str(value))


def one_line(value):
    return " ".join(clean(value).split())


# Titles and posts that end the affiliation in a bio (复旦大学美国研究中心主任、教授 →
# 复旦大学美国研究中心). The earliest in the bio wins, the longest at one place (副研究员 before
# 研究员); a word followed by a unit's character names a unit, not a title (研究生院, 编辑部).
TITLES = (
    "博士生导师", "硕士生导师", "博士研究生", "硕士研究生", "博士后研究人员", "博士后", "研究生",
    "特聘研究员", "高级研究员", "助理研究员", "副研究员", "研究员", "研究助理",
    "特聘教授", "讲席教授", "助理教授", "副教授", "教授", "讲师", "助教",
    "副主任", "主任", "副所长", "所长", "副院长", "院长", "副主编", "主编", "编辑", "学者",
    "执行主任", "秘书长", "首席专家", "专家", "博士", "硕士",
)
UNIT_ENDS = set("院部处所点系室组会")
_TITLE = re.compile("|".join(sorted(TITLES, key=len, reverse=True)))


def affiliation(bio):
    """The institution in an author's bio: the bio up to its first title or post (TITLES),
    without trailing 、，的; the whole bio when it names no title; '' for an empty bio or one
    that starts with a title (教授).
    Only the first affiliation of a bio that names several is taken."""
    bio = one_line(bio).rstrip("。.")
    for match in _TITLE.finditer(bio):
        if bio[match.end():match.end() + 1] in UNIT_ENDS:
            continue
        return bio[: match.start()].rstrip("、，,;；的 ")  # '' when the bio starts with a title
    return bio


@dataclass(frozen=True)
class Name:
    surname: str
    given: str

    @property
    def full(self):
        return f"{self.surname} {self.given}".strip()


@dataclass(frozen=True)
class Person:
    name: str  # as printed (吴心伯, 穆罕默德·阿西夫)
    name_en: str  # as printed (WU Xinbo)
    bio: str
    nationality: str = ""

    @property
    def affiliation(self):
        return affiliation(self.bio)

    @property
    def latin(self):
        """Surname and given names of the printed Latin name: the word(s) in capitals are the
        surname (WU Xinbo, Muhammad ASIF); without one, the last word (John Smith)."""
        words = one_line(self.name_en).split()
        if not words:
            return None
        caps = [w for w in words if w.isupper() and any(c.isalpha() for c in w)]
        if caps and len(caps) < len(words):
            surname = " ".join(w.title() for w in caps)
            given = " ".join(w for w in words if w not in caps)
        elif len(words) > 1:
            surname, given = words[-1], " ".join(words[:-1])
        else:
            surname, given = words[0].title() if words[0].isupper() else words[0], ""
        return Name(surname, given)

    @property
    def chinese(self):
        """The Chinese name split at the surname, when it is a Chinese name (not 穆罕默德·阿西夫
        or a Latin name): as many characters as the pinyin surname has syllables (欧阳 for
        OUYANG), else the first."""
        name = one_line(self.name)
        if not name or "·" in name or any(c.isascii() for c in name):
            return None
        latin = self.latin
        take = 1
        if latin:
            target = latin.surname.replace(" ", "").lower()
            syllables = lazy_pinyin(name, style=Style.NORMAL)
            joined = ""
            for count, syllable in enumerate(syllables[:3], 1):
                joined += syllable.lower()
                if joined == target:
                    take = count
                    break
        if take >= len(name):
            return Name(name, "")
        return Name(name[:take], name[take:])


@dataclass(frozen=True)
class ReviewedBook:
    title: str
    authors: tuple
    publisher: str
    year: int | None
    pages: int | None


@dataclass(frozen=True)
class Article:
    src_uri: str  # 2026/02/wu-xinbo.md
    kind: str  # article | review | note
    title: str
    subtitle: str
    title_en: str
    column: str
    authors: tuple
    translators: tuple
    abstract: str
    abstract_en: str
    keywords: tuple
    first_page: int | None
    last_page: int | None
    funding: str
    journal: str
    issn: str
    year: int
    number: int
    total: int | None
    published: str  # YYYY-MM-DD
    reviewed_book: ReviewedBook | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def stem(self):
        return self.src_uri[: -len(".md")]

    @property
    def slug(self):
        return PurePosixPath(self.stem).name

    @property
    def label(self):
        """'2026-02': the issue's label (the Crossref deposit's file name)."""
        return f"{self.year:04d}-{self.number:02d}"


def _people(values):
    people = []
    for value in values or []:
        if isinstance(value, dict):
            people.append(Person(one_line(value.get("name")), one_line(value.get("name_en")),
                                 clean(value.get("bio")).strip(), one_line(value.get("nationality"))))
    return tuple(people)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def article_from_meta(src_uri, meta):
    """The one adapter: an article page's front matter (as MkDocs read it) → `Article`."""
    issue = meta.get("issue") or {}
    book = meta.get("reviewed_book")
    reviewed = None
    if isinstance(book, dict):
        reviewed = ReviewedBook(one_line(book.get("title")), tuple(one_line(a) for a in book.get("authors") or []),
                                one_line(book.get("publisher")), _int(book.get("year")), _int(book.get("pages")))
    return Article(
        src_uri=src_uri,
        kind=str(meta.get("kind") or "article"),
        title=one_line(meta.get("title")),
        subtitle=one_line(meta.get("subtitle")),
        title_en=one_line(meta.get("title_en")),
        column=one_line(meta.get("column")),
        authors=_people(meta.get("authors")),
        translators=_people(meta.get("translators")),
        abstract=clean(meta.get("abstract")).strip(),
        abstract_en=clean(meta.get("abstract_en")).strip(),
        keywords=tuple(one_line(k) for k in meta.get("keywords") or [] if one_line(k)),
        first_page=_int(meta.get("first_page")),
        last_page=_int(meta.get("last_page")),
        funding=one_line(meta.get("funding")),
        journal=one_line(issue.get("journal")),
        issn=one_line(issue.get("issn")),
        year=int(issue.get("year")),
        number=int(issue.get("number")),
        total=_int(issue.get("total")),
        published=str(issue.get("published"))[:10],
        reviewed_book=reviewed,
    )


def paragraphs(text):
    """An abstract's paragraphs (blank or single line breaks separate them)."""
    return [" ".join(p.split()) for p in clean(text).splitlines() if p.strip()]

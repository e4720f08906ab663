"""The typed content model: an article, its authors and its issue, as the site reads them.

Front matter is read into these frozen dataclasses ONCE, after the schema check has passed
(`Article.from_meta(src_uri, meta)`, `Issue.from_meta(src_uri, meta, articles)`); every later
step — the catalog, the plugins, the templates (one `article` in the context), search, feeds,
the PDF galleys and the citation formats — reads attributes, never `meta["…"]`.
`to_front_matter()` goes the other way: exactly the dict the importer writes, keys in the
order it writes them (tests/test_model.py holds both directions on every live page).

Values that several places used to compute for themselves — the family/given split of a
name (citation_author, RIS, BibTeX, JSON-LD), the APA form of a romanised name, the page
range, the issue's label (2026 年第 2 期) and date, the page's sibling files (.ris, .bib,
.pdf) — are properties here, computed in one place.

Nothing here knows about MkDocs, HTML or a file format: the values are plain text, escaped by
whoever prints them (Jinja autoescape, the serializers).
"""

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath

from .affiliation import affiliation
from .memo import heteronyms

# kind -> what the journal calls it. `article` when the front matter says nothing.
KINDS = {"article": "研究论文", "review": "书评", "note": "学术动态"}
DEFAULT_KIND = "article"
# Two-character surnames, for a romanised name that does not settle the question.
COMPOUND_SURNAMES = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
                     "司徒", "夏侯", "令狐", "端木", "澹台", "申屠", "轩辕", "西门", "南宫", "百里", "呼延"}
_HAN_NAME = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_HAN = re.compile(r"[\u3400-\u9fff]")


# --- names ---------------------------------------------------------------------------------

def split_name_en(name_en):
    """'ZHANG Chaozhe' -> ('Zhang', 'Chaozhe'); 'OUYANG Hui' -> ('Ouyang', 'Hui').

    The family name is the words written in capitals, first (Chinese order) or last
    ('John SMITH'); a name with no word in capitals is taken as 'Family Given'."""
    words = name_en.split()
    if not words:
        return "", ""
    caps = [w.isupper() and any(c.isalpha() for c in w) for w in words]
    if caps[0]:
        n = next((i for i, c in enumerate(caps) if not c), len(words))
        family, given = words[:n], words[n:]
    elif caps[-1]:
        n = next(i for i in range(len(words) - 1, -1, -1) if not caps[i]) + 1
        family, given = words[n:], words[:n]
    else:
        family, given = words[:1], words[1:]
    title = lambda w: "-".join(part[:1].upper() + part[1:].lower() for part in w.split("-"))  # noqa: E731
    return " ".join(title(w) for w in family), " ".join(given)


def _romanised(text):
    return re.sub(r"[^a-z]", "", text.lower().replace("ü", "v"))


def _surname_length(name, family_en):
    """How many leading characters of `name` spell `family_en` in pinyin (heteronyms too:
    单 may be Shan), or None."""
    target = _romanised(family_en)
    readings = heteronyms(name)
    if len(readings) != len(name):
        return None
    prefixes = {""}
    for n, options in enumerate(readings[:-1], start=1):
        prefixes = {p + _romanised(o) for p in prefixes for o in options}
        prefixes = {p for p in prefixes if target.startswith(p)}
        if target in prefixes or (target.replace("yu", "v") in prefixes):
            return n
        if not prefixes:
            return None
    return None


def split_name(name, name_en=""):
    """(family, given) of a Chinese name: 张超哲 -> ('张', '超哲'), 欧阳辉 -> ('欧阳', '辉').

    Names with a middle dot (transliterated foreign names, 约翰·史密斯) end with the family
    name; a Latin name is split as its romanised form says."""
    name = name.strip()
    if "·" in name:
        given, _, family = name.rpartition("·")
        return family, given
    if len(name) < 2 or not _HAN_NAME.fullmatch(name):
        family_en, given_en = split_name_en(name_en)
        return (family_en, given_en) if family_en and not _HAN.search(name) else (name, "")
    n = _surname_length(name, split_name_en(name_en)[0])
    if n is None:
        n = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    return name[:n], name[n:]


def apa_name(name_en):
    """'ZHANG Chaozhe' -> 'Zhang, C.'; 'ZHANG San-feng' -> 'Zhang, S.-F.'."""
    family, given = split_name_en(name_en)
    initials = " ".join("-".join(f"{p[0].upper()}." for p in word.split("-") if p) for word in given.split())
    return f"{family}, {initials}" if initials else family


@dataclass(frozen=True)
class Author:
    """An author or a translator: `name` as printed (张超哲, 穆罕默德·阿西夫, John Smith),
    `name_en` romanised family name first in capitals (ZHANG Chaozhe), `bio` the 作者简介 (may
    be empty), `nationality` the printed prefix without its brackets (俄 for 〔俄〕)."""

    name: str
    name_en: str = ""
    bio: str = ""
    nationality: str = ""

    @classmethod
    def from_meta(cls, data):
        return cls(name=str(data.get("name", "")), name_en=str(data.get("name_en", "")),
                   bio=str(data.get("bio") or ""), nationality=str(data.get("nationality") or ""))

    def to_front_matter(self):
        data = {"name": self.name, "name_en": self.name_en, "bio": self.bio}
        if self.nationality:
            data["nationality"] = self.nationality
        return data

    @property
    def prefix(self):
        """'〔俄〕' for a foreign author, '' otherwise."""
        return f"〔{self.nationality}〕" if self.nationality else ""

    @property
    def display_name(self):
        """The name as the byline prints it: '〔俄〕伊万·彼得罗夫', '吴心伯'."""
        return self.prefix + self.name

    @cached_property
    def family_given(self):
        return split_name(self.name, self.name_en)

    @property
    def family(self):
        return self.family_given[0]

    @property
    def given(self):
        return self.family_given[1]

    @property
    def sorted_name(self):
        """'张, 超哲': family, comma, given (Highwire citation_author, RIS AU, BibTeX author)."""
        family, given = self.family_given
        return f"{family}, {given}" if given else family

    @property
    def apa_name(self):
        return apa_name(self.name_en)

    @property
    def affiliation(self):
        """'复旦大学美国研究中心' for the bio 复旦大学美国研究中心主任、教授 (journal.affiliation)."""
        return affiliation(self.bio)


# --- the issue -------------------------------------------------------------------------------

@dataclass(frozen=True)
class IssueRef:
    """The `issue:` mapping every page of an issue carries: which issue it belongs to."""

    journal: str
    issn: str
    year: int
    number: int
    total: int
    published: str  # ISO date, as the front matter writes it ('2026-03-15')

    @classmethod
    def from_meta(cls, data):
        return cls(journal=str(data.get("journal", "")), issn=str(data.get("issn", "")),
                   year=int(data.get("year") or 0), number=int(data.get("number") or 0),
                   total=int(data.get("total") or 0), published=str(data.get("published", "")))

    def to_front_matter(self):
        return {"journal": self.journal, "issn": self.issn, "year": self.year, "number": self.number,
                "total": self.total, "published": self.published}

    @property
    def key(self):
        """(year, number): the order of issues."""
        return (self.year, self.number)

    @property
    def label(self):
        """'2026 年第 2 期'."""
        return f"{self.year} 年第 {self.number} 期"

    @property
    def full_label(self):
        """'2026 年第 2 期（总第 232 期）': the contents page's title."""
        return f"{self.label}（总第 {self.total} 期）"

    @property
    def label_en(self):
        """'2026, No. 2'."""
        return f"{self.year}, No. {self.number}"

    @property
    def code(self):
        """'2026-02': the issue in file names (PDFs, offline zips) and correction labels."""
        return f"{self.year:04d}-{self.number:02d}"

    @property
    def folder(self):
        """'2026/02': where the issue lives under docs/."""
        return f"{self.year:04d}/{self.number:02d}"

    @property
    def published_label(self):
        """'2026 年 3 月 15 日'."""
        year, month, day = (int(part) for part in self.published.split("-"))
        return f"{year} 年 {month} 月 {day} 日"

    @property
    def published_slashed(self):
        """'2026/03/15' (Highwire dates, RIS DA)."""
        return self.published.replace("-", "/")


@dataclass(frozen=True)
class ReviewedBook:
    """The book a review (kind: review) discusses."""

    title: str
    authors: tuple = ()  # (str, ...) as printed
    publisher: str = ""
    year: int = 0
    pages: int | None = None

    @classmethod
    def from_meta(cls, data):
        pages = data.get("pages")
        return cls(title=str(data.get("title", "")), authors=tuple(str(a) for a in data.get("authors") or ()),
                   publisher=str(data.get("publisher", "")), year=int(data.get("year") or 0),
                   pages=int(pages) if pages is not None else None)

    def to_front_matter(self):
        data = {"title": self.title, "authors": list(self.authors), "publisher": self.publisher, "year": self.year}
        if self.pages is not None:
            data["pages"] = self.pages
        return data

    @property
    def line(self):
        """'《书名》，作者甲、作者乙著，出版社，2025 年': the plain-text form (search, feeds)."""
        parts = [f"《{self.title}》"]
        if self.authors:
            parts.append("、".join(self.authors) + "著")
        parts += [p for p in (self.publisher, f"{self.year} 年" if self.year else "") if p]
        if self.pages:
            parts.append(f"{self.pages} 页")
        return "，".join(parts)


# --- the article -----------------------------------------------------------------------------

def _authors(items):
    return tuple(Author.from_meta(a) for a in items or ())


@dataclass(frozen=True)
class Article:
    """One article page. `src_uri` is its place under docs/ ('2026/02/wu-xinbo.md'); the
    rest is its front matter, typed."""

    src_uri: str
    title: str
    title_en: str = ""
    kind: str = DEFAULT_KIND
    subtitle: str = ""
    column: str = ""
    authors: tuple = ()  # (Author, ...) in print order
    translators: tuple = ()  # (Author, ...)
    reviewed_book: ReviewedBook | None = None
    abstract: str = ""
    abstract_en: str = ""
    keywords: tuple = ()  # (str, ...)
    first_page: int = 0
    last_page: int = 0
    article_number: str = ""  # 文章编号, as printed
    clc: str = ""  # 中图分类号
    document_code: str = ""  # 文献标识码
    funding: str = ""
    editor: str = ""
    issue: IssueRef = field(default_factory=lambda: IssueRef("", "", 0, 0, 0, ""))

    @classmethod
    def from_meta(cls, src_uri, meta):
        """The article of a page whose front matter passed the schema check."""
        book = meta.get("reviewed_book")
        return cls(
            src_uri=src_uri,
            title=str(meta.get("title", "")),
            title_en=str(meta.get("title_en", "")),
            kind=str(meta.get("kind") or DEFAULT_KIND),
            subtitle=str(meta.get("subtitle") or ""),
            column=str(meta.get("column") or ""),
            authors=_authors(meta.get("authors")),
            translators=_authors(meta.get("translators")),
            reviewed_book=ReviewedBook.from_meta(book) if isinstance(book, dict) else None,
            abstract=str(meta.get("abstract") or ""),
            abstract_en=str(meta.get("abstract_en") or ""),
            keywords=tuple(str(k) for k in meta.get("keywords") or ()),
            first_page=int(meta.get("first_page") or 0),
            last_page=int(meta.get("last_page") or 0),
            article_number=str(meta.get("article_number") or ""),
            clc=str(meta.get("clc") or ""),
            document_code=str(meta.get("document_code") or ""),
            funding=str(meta.get("funding") or ""),
            editor=str(meta.get("editor") or ""),
            issue=IssueRef.from_meta(meta.get("issue") or {}),
        )

    def to_front_matter(self):
        """The front matter as the importer writes it: the keys of render.py in its order, the
        new keys of the content contract (issue 16) where they belong, optional keys only when
        they hold something."""
        data = {"title": self.title}
        if self.subtitle:
            data["subtitle"] = self.subtitle
        data["title_en"] = self.title_en
        data["kind"] = self.kind
        data["column"] = self.column
        data["authors"] = [a.to_front_matter() for a in self.authors]
        if self.translators:
            data["translators"] = [a.to_front_matter() for a in self.translators]
        if self.reviewed_book is not None:
            data["reviewed_book"] = self.reviewed_book.to_front_matter()
        # A research article always has both abstracts and keywords; a review or note only
        # when it has them.
        always = self.kind == DEFAULT_KIND
        for key, value in (("abstract", self.abstract), ("abstract_en", self.abstract_en),
                           ("keywords", list(self.keywords))):
            if value or always:
                data[key] = value
        data["first_page"] = self.first_page
        data["last_page"] = self.last_page
        data["article_number"] = self.article_number
        data["clc"] = self.clc
        data["document_code"] = self.document_code
        if self.funding:
            data["funding"] = self.funding
        data["editor"] = self.editor
        data["issue"] = self.issue.to_front_matter()
        return data

    # --- where it lives ---

    @property
    def stem(self):
        """'2026/02/wu-xinbo': the page's path without '.md' (its .ris, .bib, .pdf sit beside it)."""
        return self.src_uri[: -len(".md")] if self.src_uri.endswith(".md") else self.src_uri

    @property
    def slug(self):
        """'wu-xinbo'."""
        return PurePosixPath(self.stem).name

    @property
    def anchor(self):
        """'a-wu-xinbo': the article's anchor in its issue's PDF."""
        return f"a-{self.slug}"

    @property
    def issue_dir(self):
        """'2026/02': the folder of the page (not what its front matter says)."""
        return str(PurePosixPath(self.src_uri).parent)

    @property
    def ris_path(self):
        return f"{self.stem}.ris"

    @property
    def bib_path(self):
        return f"{self.stem}.bib"

    @property
    def pdf_path(self):
        return f"{self.stem}.pdf"

    # --- what it is ---

    @property
    def kind_label(self):
        return KINDS.get(self.kind, KINDS[DEFAULT_KIND])

    @property
    def is_review(self):
        return self.kind == "review"

    @property
    def has_abstracts(self):
        """Whether the header shows the 提要/Abstract tabs (a review or note may have none)."""
        return bool(self.abstract or self.abstract_en)

    @property
    def full_title(self):
        """Title and subtitle as one line: '标题——副标题' (the title alone when there is none)."""
        return f"{self.title}——{self.subtitle}" if self.subtitle else self.title

    @property
    def short_title(self):
        """The PDF running head's title: up to the first colon or dash."""
        return re.split(r"[：:—]", self.title, maxsplit=1)[0].strip() or self.title

    # --- pages ---

    @property
    def pages(self):
        """'35-48': the range as citation formats write it (GB/T 7714, JSON-LD pagination)."""
        return f"{self.first_page}-{self.last_page}"

    @property
    def page_range(self):
        """'35–48': the range as the page prints it (en dash; APA)."""
        return f"{self.first_page}–{self.last_page}"

    # --- people ---

    @property
    def author_names(self):
        """('吴心伯', ...): the authors' names, without nationality."""
        return tuple(a.name for a in self.authors)

    @property
    def translator_names(self):
        return tuple(t.name for t in self.translators)

    @property
    def byline(self):
        """The contents line's people: '吴心伯　王帆', or with translators
        '〔俄〕伊万·彼得罗夫 著　刘洋 译'."""
        names = "　".join(a.display_name for a in self.authors)
        if not self.translators:
            return names
        return f"{names} 著　" + "　".join(t.name for t in self.translators) + " 译"

    @property
    def people(self):
        """[(Author, role)] every person of the article: role '' for an author, '译者' for a
        translator (the author index lists both)."""
        return [(a, "") for a in self.authors] + [(t, "译者") for t in self.translators]


@dataclass(frozen=True)
class Issue:
    """An issue: its contents page (`src_uri`, docs/YYYY/NN/index.md) and its articles in print order."""

    src_uri: str
    title: str
    ref: IssueRef
    frequency: str = ""
    articles: tuple = ()  # (Article, ...) in print order

    @classmethod
    def from_meta(cls, src_uri, meta, articles=()):
        """The issue of a contents page; `articles` are sorted here into print order."""
        return cls(src_uri=src_uri, title=str(meta.get("title", "")), ref=IssueRef.from_meta(meta.get("issue") or {}),
                   frequency=str(meta.get("frequency") or ""),
                   articles=tuple(sorted(articles, key=lambda a: a.first_page)))

    def to_front_matter(self):
        data = {"title": self.title, "issue": self.ref.to_front_matter()}
        if self.frequency:
            data["frequency"] = self.frequency
        return data

    journal = property(lambda self: self.ref.journal)
    issn = property(lambda self: self.ref.issn)
    year = property(lambda self: self.ref.year)
    number = property(lambda self: self.ref.number)
    total = property(lambda self: self.ref.total)
    published = property(lambda self: self.ref.published)
    key = property(lambda self: self.ref.key)
    label = property(lambda self: self.ref.label)
    full_label = property(lambda self: self.ref.full_label)
    label_en = property(lambda self: self.ref.label_en)
    code = property(lambda self: self.ref.code)
    published_label = property(lambda self: self.ref.published_label)

    @property
    def folder(self):
        """'2026/02': the folder of the contents page."""
        return str(PurePosixPath(self.src_uri).parent)

    def columns(self):
        """[(column, [Article])] in print order, a column once per run of its articles."""
        grouped = []
        for article in self.articles:
            if not grouped or grouped[-1][0] != article.column:
                grouped.append((article.column, []))
            grouped[-1][1].append(article)
        return grouped

"""What the site knows about its issues and articles, read from the pages' front matter.

The one place that says where things live: an issue is the folder docs/YYYY/NN/ (year, two-digit
number); its index.md is the contents page and every other page in it is an article. The
plugin, the checks and the bundle all ask this module.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pymdownx.slugs import slugify

from .memo import lazy_pinyin
from .model import Article, Issue

ISSUE_DIR = re.compile(r"^(?P<year>\d{4})/(?P<number>\d{2})$")
HOME = "index.md"

_slug = slugify(case="lower", percent_encode=False)


def anchor_for(text):
    """A stable, non-empty anchor for a keyword or a name, Unicode kept (#人类命运共同体)."""
    return _slug(text, "-") or "x"


def issue_folder(year, number):
    """'2026/02': where issue `number` of `year` lives under docs/."""
    return f"{year:04d}/{number:02d}"


def issue_dir_of(src_uri):
    """'2026/02' for a page in an issue folder, else None."""
    parent = str(PurePosixPath(src_uri).parent)
    return parent if ISSUE_DIR.match(parent) else None


def is_issue_index(src_uri):
    return issue_dir_of(src_uri) is not None and PurePosixPath(src_uri).name == "index.md"


def is_article_path(src_uri):
    """Any page in an issue folder but its index.md is an article, whatever its front matter says."""
    return issue_dir_of(src_uri) is not None and PurePosixPath(src_uri).name != "index.md"


def is_article(meta):
    return isinstance(meta, dict) and "authors" in meta and "first_page" in meta


def pinyin_key(text):
    """Sort key in pinyin order (吴 before 杨), Latin letters case-folded among them."""
    return ("".join(lazy_pinyin(text)).lower(), text)


def initial(text):
    """The letter a keyword or name is filed under in an index: 'W' for 吴心伯."""
    first = pinyin_key(text)[0][:1].upper()
    return first if "A" <= first <= "Z" else "#"


@dataclass(frozen=True)
class ArticleEntry:
    """An article of the catalog: its page and its typed model (journal.model.Article)."""

    article: Article

    @property
    def src_uri(self):  # e.g. 2026/02/wu-xinbo.md
        return self.article.src_uri

    @property
    def issue_dir(self):
        return issue_dir_of(self.src_uri)

    @property
    def meta(self):
        """The front matter as written, for code not yet moved to the model. New code reads
        `article`."""
        return self.article.to_front_matter()


@dataclass
class IssueEntry:
    """An issue of the catalog: its typed model (journal.model.Issue, articles in print
    order) and an entry per article."""

    issue: Issue
    articles: list = field(default_factory=list)  # [ArticleEntry] in print order

    @property
    def src_uri(self):  # the issue's index.md
        return self.issue.src_uri

    @property
    def key(self):
        return self.issue.key

    @property
    def meta(self):
        """The contents page's front matter as written (see ArticleEntry.meta)."""
        return self.issue.to_front_matter()

    def columns(self):
        """[(column, [ArticleEntry])] in print order."""
        grouped = []
        for entry in self.articles:
            if not grouped or grouped[-1][0] != entry.article.column:
                grouped.append((entry.article.column, []))
            grouped[-1][1].append(entry)
        return grouped


def read_catalog(pages):
    """Issues, newest first, each with its articles in print order.

    `pages` is {src_uri: front matter} for every Markdown page (the plugin passes what MkDocs
    read; `pages_on_disk` reads a docs folder the same way for the checks and the tools). The
    front matter is read into the typed model here, once; everything after reads the model."""
    indexes, articles = {}, {}
    for src_uri, meta in sorted(pages.items()):
        if is_issue_index(src_uri) and isinstance(meta.get("issue"), dict):
            indexes[issue_dir_of(src_uri)] = (src_uri, meta)
        elif is_article_path(src_uri) and is_article(meta):
            articles.setdefault(issue_dir_of(src_uri), []).append(Article.from_meta(src_uri, meta))
    issues = []
    for folder, (src_uri, meta) in indexes.items():
        issue = Issue.from_meta(src_uri, meta, articles.get(folder, ()))
        issues.append(IssueEntry(issue, [ArticleEntry(a) for a in issue.articles]))
    return sorted(issues, key=lambda i: i.key, reverse=True)


# (path, modification time, size) -> front matter, from the last call in this process: `make
# serve` reads every page's front matter on every save, and a save changes one page (and its
# time). Only the last call's pages are kept. The dicts are shared: whoever reads them does not
# change them. A build is a fresh process: it reads every page.
_front_matter = {}


def pages_on_disk(docs_dir):
    """{src_uri: front matter} of every Markdown page under docs_dir, read as MkDocs reads it."""
    from mkdocs.utils.meta import get_data

    global _front_matter
    docs_dir = Path(docs_dir)
    pages, seen = {}, {}
    for path in docs_dir.rglob("*.md"):
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        meta = _front_matter.get(key)
        if meta is None:
            meta = get_data(path.read_text(encoding="utf-8"))[1]
        pages[path.relative_to(docs_dir).as_posix()] = seen[key] = meta
    _front_matter = seen
    return pages


def neighbours(issues, issue):
    """(older, newer) issue beside `issue` in the archive, either None at the ends."""
    at = issues.index(issue)
    older = issues[at + 1] if at + 1 < len(issues) else None
    newer = issues[at - 1] if at > 0 else None
    return older, newer


def by_year(issues):
    """[(year, [IssueEntry newest first])], newest year first."""
    years = {}
    for issue in issues:
        years.setdefault(issue.issue.year, []).append(issue)
    return list(years.items())


def keyword_index(issues):
    """[(keyword, [ArticleEntry newest first])] in pinyin order."""
    index = {}
    for issue in issues:
        for article in issue.articles:
            for keyword in article.article.keywords:
                index.setdefault(keyword, []).append(article)
    return sorted(index.items(), key=lambda item: pinyin_key(item[0]))


def author_index(issues):
    """[(name, name_en, [(bio, role, ArticleEntry)])] for every author and translator, in pinyin
    order; role is '' for an author, '译者' for a translator."""
    index = {}
    for issue in issues:
        for article in issue.articles:
            for person, role in article.article.people:
                entry = index.setdefault(person.name, [person.name_en, []])
                entry[1].append((person.bio, role, article))
    return [(name, name_en, entries) for name, (name_en, entries) in sorted(index.items(), key=lambda item: pinyin_key(item[0]))]

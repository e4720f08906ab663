"""What the site knows about its issues and articles, read from the pages' front matter.

The one place that says where things live: an issue is the folder docs/YYYY/NN/ (year, two-digit
number); its index.md is the contents page and every other page in it is an article. The
plugin, the checks and the bundle all ask this module.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pymdownx.slugs import slugify
from pypinyin import Style, lazy_pinyin

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
    return ("".join(lazy_pinyin(text, style=Style.NORMAL)).lower(), text)


def initial(text):
    """The letter a keyword or name is filed under in an index: 'W' for 吴心伯."""
    first = pinyin_key(text)[0][:1].upper()
    return first if "A" <= first <= "Z" else "#"


@dataclass
class ArticleEntry:
    src_uri: str  # e.g. 2026/02/wu-xinbo.md
    meta: dict

    @property
    def issue_dir(self):
        return issue_dir_of(self.src_uri)


@dataclass
class IssueEntry:
    src_uri: str  # the issue's index.md
    meta: dict
    articles: list = field(default_factory=list)

    @property
    def key(self):
        return (self.meta["issue"]["year"], self.meta["issue"]["number"])

    def columns(self):
        """[(column, [ArticleEntry])] in print order."""
        grouped = []
        for article in self.articles:
            if not grouped or grouped[-1][0] != article.meta.get("column"):
                grouped.append((article.meta.get("column"), []))
            grouped[-1][1].append(article)
        return grouped


def read_catalog(pages):
    """Issues, newest first, each with its articles in print order.

    `pages` is {src_uri: front matter} for every Markdown page (the plugin passes what MkDocs
    read; `pages_on_disk` reads a docs folder the same way for the checks and the tools)."""
    issues, articles = {}, []
    for src_uri, meta in sorted(pages.items()):
        if is_issue_index(src_uri) and isinstance(meta.get("issue"), dict):
            issues[issue_dir_of(src_uri)] = IssueEntry(src_uri, meta)
        elif is_article_path(src_uri) and is_article(meta):
            articles.append(ArticleEntry(src_uri, meta))
    for article in articles:
        if article.issue_dir in issues:
            issues[article.issue_dir].articles.append(article)
    for issue in issues.values():
        issue.articles.sort(key=lambda a: int(a.meta.get("first_page") or 0))
    return sorted(issues.values(), key=lambda i: i.key, reverse=True)


def pages_on_disk(docs_dir):
    """{src_uri: front matter} of every Markdown page under docs_dir, read as MkDocs reads it."""
    from mkdocs.utils.meta import get_data

    docs_dir = Path(docs_dir)
    return {
        path.relative_to(docs_dir).as_posix(): get_data(path.read_text(encoding="utf-8"))[1]
        for path in docs_dir.rglob("*.md")
    }


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
        years.setdefault(issue.meta["issue"]["year"], []).append(issue)
    return list(years.items())


def keyword_index(issues):
    """[(keyword, [ArticleEntry newest first])] in pinyin order."""
    index = {}
    for issue in issues:
        for article in issue.articles:
            for keyword in article.meta.get("keywords") or []:
                index.setdefault(keyword, []).append(article)
    return sorted(index.items(), key=lambda item: pinyin_key(item[0]))


def author_index(issues):
    """[(name, name_en, [(bio, ArticleEntry)])] for every author, in pinyin order."""
    index = {}
    for issue in issues:
        for article in issue.articles:
            for author in article.meta.get("authors") or []:
                entry = index.setdefault(author.get("name", ""), [author.get("name_en", ""), []])
                entry[1].append((author.get("bio", ""), article))
    return [(name, name_en, entries) for name, (name_en, entries) in sorted(index.items(), key=lambda item: pinyin_key(item[0]))]

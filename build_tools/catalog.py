"""What the site knows about its articles, read from the pages' front matter.

The hooks build this once per build (before pages are rendered) so the home page, the issue
contents, the keyword and author indexes and the navigation all come from the same place:
the front matter a reader may correct through a pull request.
"""

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from mkdocs.utils.meta import get_data
from pymdownx.slugs import slugify

_slug = slugify(case="lower", percent_encode=False)


def anchor_for(text):
    """A stable, non-empty anchor for a keyword or a name, Unicode kept (#人类命运共同体)."""
    return _slug(text, "-") or "x"


@dataclass
class ArticleEntry:
    src_uri: str  # e.g. 2026/02/wu-xinbo.md
    meta: dict

    @property
    def issue_dir(self):
        return str(PurePosixPath(self.src_uri).parent)


@dataclass
class IssueEntry:
    src_uri: str  # the issue's index.md
    meta: dict
    articles: list = field(default_factory=list)

    def columns(self):
        """[(column, [ArticleEntry])] in print order."""
        grouped = []
        for article in self.articles:
            if not grouped or grouped[-1][0] != article.meta.get("column"):
                grouped.append((article.meta.get("column"), []))
            grouped[-1][1].append(article)
        return grouped


def is_article(meta):
    return isinstance(meta, dict) and "authors" in meta and "first_page" in meta


def read_catalog(docs_dir):
    """Issues, newest first, each with its articles in print order, from the pages on disk."""
    docs_dir = Path(docs_dir)
    issues, articles = {}, []
    for path in sorted(docs_dir.rglob("*.md")):
        src_uri = path.relative_to(docs_dir).as_posix()
        _, meta = get_data(path.read_text(encoding="utf-8"))
        directory = str(PurePosixPath(src_uri).parent)
        if is_article(meta):
            articles.append(ArticleEntry(src_uri, meta))
        elif path.name == "index.md" and isinstance(meta.get("issue"), dict):
            issues[directory] = IssueEntry(src_uri, meta)
    for article in articles:
        if article.issue_dir in issues:
            issues[article.issue_dir].articles.append(article)
    for issue in issues.values():
        issue.articles.sort(key=lambda a: int(a.meta.get("first_page") or 0))
    return sorted(issues.values(), key=lambda i: (i.meta["issue"].get("year", 0), i.meta["issue"].get("number", 0)), reverse=True)


def keyword_index(issues):
    """{keyword: [ArticleEntry]} sorted by keyword (pinyin order is not attempted)."""
    index = {}
    for issue in issues:
        for article in issue.articles:
            for keyword in article.meta.get("keywords") or []:
                index.setdefault(keyword, []).append(article)
    return dict(sorted(index.items()))


def author_index(issues):
    """{name: (name_en, [(bio, ArticleEntry)])} for every author."""
    index = {}
    for issue in issues:
        for article in issue.articles:
            for author in article.meta.get("authors") or []:
                entry = index.setdefault(author.get("name", ""), [author.get("name_en", ""), []])
                entry[1].append((author.get("bio", ""), article))
    return dict(sorted(index.items(), key=lambda item: item[1][0].lower()))

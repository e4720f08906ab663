"""Write the parsed, repaired issue as Markdown pages with YAML front matter.

The front matter holds everything a template needs (schema in CONTRIBUTING.md); the body is
only the article's text and its footnotes, so the pages stay plain Markdown that another
builder could read.
"""

import re

import yaml

from ..catalog import issue_folder
from ..diagnostics import Diagnostic
from .model import Heading

# The longest page of 2026/2 (wang-fan) is 69 KB of Markdown; 1 MiB is fifteen times that. A
# bigger page is not an article but something pasted or appended into one, and it would go
# on into the site, its search index and every reader's download.
MAX_PAGE_BYTES = 1024 * 1024


def slug_for(article, taken):
    """Short, stable ASCII name from the first author's name in pinyin: 'wu-xinbo'."""
    base = re.sub(r"[^a-z0-9]+", "-", article.authors[0].name_en.lower()).strip("-") or "article"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def dump_front_matter(data):
    text = yaml.dump(data, allow_unicode=True, sort_keys=False, width=10**9, default_flow_style=False)
    return f"---\n{text}---\n"


def article_front_matter(article, issue):
    data = {
        "title": article.title,
        "title_en": article.title_en,
        "column": article.column,
        "authors": [{"name": a.name, "name_en": a.name_en, "bio": a.bio} for a in article.authors],
        "abstract": article.abstract,
        "abstract_en": article.abstract_en,
        "keywords": list(article.keywords),
        "first_page": article.first_page,
        "last_page": article.last_page,
        "article_number": article.article_number,
        "clc": article.clc,
        "document_code": article.document_code,
    }
    if article.funding:
        data["funding"] = article.funding
    data["editor"] = article.editor
    data["issue"] = issue_fields(issue)
    return data


def issue_fields(issue):
    return {
        # The masthead prints the name in traditional characters (國際問題研究); catalogues
        # and citations use the simplified form.
        "journal": "国际问题研究",
        "issn": issue.articles[0].issn,
        "year": issue.year,
        "number": issue.number,
        "total": issue.total,
        "published": issue.published,
    }


def render_article(article, issue):
    parts = [dump_front_matter(article_front_matter(article, issue))]
    for block in article.body:
        if isinstance(block, Heading):
            parts.append(f"{'#' * block.level} {block.text} {{#{block.anchor}}}")
        else:
            parts.append(block.text)
    for note in article.footnotes:
        parts.append(f"[^{note.number}]: {note.text}")
    return "\n\n".join(parts) + "\n"


def render_contents(issue):
    """The issue's contents page: only front matter. The site renders the contents, grouped by
    column as in print, from the articles' own front matter (overrides/issue.html), so a
    corrected title shows everywhere at once."""
    data = {"title": f"{issue.year} 年第 {issue.number} 期（总第 {issue.total} 期）", "issue": issue_fields(issue)}
    if issue.frequency:
        data["frequency"] = issue.frequency
    return dump_front_matter(data) + "\n"


def render_issue(issue):
    """{path relative to docs/: page text} for the whole issue."""
    folder = issue_folder(issue.year, issue.number)
    pages = {f"{folder}/index.md": render_contents(issue)}
    for article in issue.articles:
        pages[f"{folder}/{article.slug}.md"] = render_article(article, issue)
    return pages


def check_page_sizes(issue, pages, path):
    """Refuse an article whose page is far larger than any article, naming its title line."""
    folder = issue_folder(issue.year, issue.number)
    for article in issue.articles:
        size = len(pages[f"{folder}/{article.slug}.md"].encode("utf-8"))
        if size > MAX_PAGE_BYTES:
            raise Diagnostic(
                path, article.line,
                f"the article '{article.title}' makes a page of {size / 2**20:.1f} MiB; expected at most "
                f"{MAX_PAGE_BYTES // 2**20} MiB (the longest of 2026/2 is 69 KB): is text pasted into it?",
            )

"""Write the parsed, repaired issue as Markdown pages with YAML front matter.

The front matter holds everything a template needs (schema in CONTRIBUTING.md); the body is
only the article's text and its footnotes, so the pages stay plain Markdown that another
builder could read. Each block type of the body is rendered by one function (RENDERERS), in
the forms the content contract allows: headings with their anchors, `- ` and `1. ` lists,
`> ` quotes, and tables and figures as one raw HTML block each, written by a serializer that
escapes every text it prints (never by pasting the dump's HTML through).
"""

import html
import re

import yaml

from .. import model
from ..catalog import issue_folder
from ..diagnostics import Diagnostic
from .model import Figure, Heading, ListBlock, Paragraph, Quote, Table

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


def published(author):
    """A parsed author as the site's model has it (the one writer of front matter)."""
    return model.Author(name=author.name, name_en=author.name_en, bio=author.bio, nationality=author.nationality)


def issue_ref(issue):
    # The masthead prints the name in traditional characters (國際問題研究); catalogues
    # and citations use the simplified form.
    return model.IssueRef(journal="国际问题研究", issn=issue.articles[0].issn, year=issue.year,
                          number=issue.number, total=issue.total, published=issue.published)


def article_front_matter(article, issue):
    """The article's front matter, written by journal.model (the same model the site reads)."""
    book = article.reviewed_book
    return model.Article(
        src_uri=f"{issue_folder(issue.year, issue.number)}/{article.slug}.md",
        title=article.title, title_en=article.title_en, kind=article.kind, subtitle=article.subtitle,
        column=article.column, authors=tuple(published(a) for a in article.authors),
        translators=tuple(published(t) for t in article.translators),
        reviewed_book=model.ReviewedBook(title=book.title, authors=tuple(book.authors), publisher=book.publisher,
                                         year=book.year, pages=book.pages or None) if book else None,
        abstract=article.abstract, abstract_en=article.abstract_en, keywords=tuple(article.keywords),
        first_page=article.first_page, last_page=article.last_page, article_number=article.article_number,
        clc=article.clc, document_code=article.document_code, funding=article.funding, editor=article.editor,
        issue=issue_ref(issue),
    ).to_front_matter()


# --- body blocks ------------------------------------------------------------------------------

def render_paragraph(block, article):
    return block.text


def render_heading(block, article):
    return f"{'#' * block.level} {block.text} {{#{block.anchor}}}"


def render_list(block, article):
    if block.ordered:
        return "\n".join(f"{n}. {item}" for n, item in enumerate(block.items, start=1))
    return "\n".join(f"- {item}" for item in block.items)


def render_quote(block, article):
    return "\n>\n".join(f"> {paragraph}" for paragraph in block.paragraphs)


def escape(text):
    """Text into HTML: only &amp; &lt; &gt; (the contract's character references)."""
    return html.escape(text, quote=False)


def cell_html(cell):
    """A cell's content: its text escaped, and the three inline tags a cell may hold."""
    out = []
    for kind, value in cell.parts:
        if kind == "text":
            out.append(escape(value))
        else:
            out.append(f"<{value}>")
    return "".join(out)


def cell_tag(cell):
    name = "th" if cell.header else "td"
    attributes = f' scope="{cell.scope}"' if cell.header and cell.scope else ""
    if cell.colspan > 1:
        attributes += f' colspan="{cell.colspan}"'
    if cell.rowspan > 1:
        attributes += f' rowspan="{cell.rowspan}"'
    return f"<{name}{attributes}>{cell_html(cell)}</{name}>"


def render_table(block, article):
    """One raw HTML block with no blank line inside, then its notes and source as paragraphs."""
    lines = [f'<table id="table-{block.number}">', f"<caption>表{block.number}\u3000{escape(block.caption)}</caption>"]
    for section, rows in (("thead", block.head), ("tbody", block.body)):
        if rows:
            lines.append(f"<{section}>")
            lines.extend("<tr>" + "".join(cell_tag(cell) for cell in row) + "</tr>" for row in rows)
            lines.append(f"</{section}>")
    lines.append("</table>")
    return "\n\n".join(["\n".join(lines), *block.after])


def alt_text(text):
    """A caption as a Markdown image's alt text: brackets and backslashes escaped."""
    return re.sub(r"([\\\[\]])", r"\\\1", text)


def render_figure(block, article):
    caption = f"图{block.number}\u3000{block.caption}"
    figcaption = "<br>".join(escape(text) for text in (caption, *block.source))
    return "\n".join([
        f'<figure id="figure-{block.number}" markdown="span">',
        f"![{alt_text(caption)}]({block.file})",
        f"<figcaption>{figcaption}</figcaption>",
        "</figure>",
    ])


RENDERERS = {
    Paragraph: render_paragraph,
    Heading: render_heading,
    ListBlock: render_list,
    Quote: render_quote,
    Table: render_table,
    Figure: render_figure,
}


def render_block(block, article):
    return RENDERERS[type(block)](block, article)


def render_article(article, issue):
    parts = [dump_front_matter(article_front_matter(article, issue))]
    parts.extend(render_block(block, article) for block in article.body)
    for note in article.footnotes:
        parts.append(f"[^{note.number}]: {note.text}")
    return "\n\n".join(parts) + "\n"


def render_contents(issue):
    """The issue's contents page: only front matter. The site renders the contents, grouped by
    column as in print, from the articles' own front matter (overrides/issue.html), so a
    corrected title shows everywhere at once."""
    ref = issue_ref(issue)
    contents = model.Issue(src_uri=f"{ref.folder}/index.md", title=ref.full_label, ref=ref, frequency=issue.frequency)
    return dump_front_matter(contents.to_front_matter()) + "\n"


def render_issue(issue):
    """{path relative to docs/: page text, or a picture's bytes} for the whole issue."""
    folder = issue_folder(issue.year, issue.number)
    pages = {f"{folder}/index.md": render_contents(issue)}
    for article in issue.articles:
        pages[f"{folder}/{article.slug}.md"] = render_article(article, issue)
        for block in article.body:
            if isinstance(block, Figure):
                pages[f"{folder}/{block.file}"] = block.data
    return pages


def count_blocks(issue):
    """What an import made, for its report: {'notes': n, 'tables': n, …}."""
    counts = {"notes": sum(len(a.footnotes) for a in issue.articles)}
    for name, kind in (("tables", Table), ("figures", Figure), ("lists", ListBlock), ("quotes", Quote)):
        counts[name] = sum(isinstance(b, kind) for a in issue.articles for b in a.body)
    return counts


def report_line(pages, counts):
    """'wrote 8 pages: 312 notes, 2 tables, 1 figure, 1 list' (notes always, the rest when made)."""
    def plural(n, word):
        return f"{n} {word if n != 1 else word[:-1]}"

    made = [plural(counts["notes"], "notes")] + [plural(n, w) for w, n in counts.items() if w != "notes" and n]
    return f"wrote {plural(pages, 'pages')}: " + ", ".join(made)


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

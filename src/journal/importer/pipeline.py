"""The import pipeline: source text -> parsed issue -> repaired text -> Markdown pages."""

from pathlib import Path

from ..diagnostics import Diagnostic
from .corrections import apply_corrections, load_corrections
from .footnotes import extract_footnotes
from .parse import parse_issue
from .render import check_page_sizes, render_issue, slug_for
from .repair import build_body, clean_text, join_paragraphs, suspicious
from .source import read_source


def convert(source_path, corrections_path=None):
    """Read and repair the issue. Returns (issue, warnings); raises Diagnostic on bad input."""
    source_path = Path(source_path)
    corrections_path = Path(corrections_path or source_path.with_name("corrections.yaml"))
    corrections = load_corrections(corrections_path)
    lines = apply_corrections(read_source(source_path), corrections, corrections_path)
    issue = parse_issue(lines, source_path)
    warnings, taken = [], set()
    for article in issue.articles:
        items = extract_footnotes(article, source_path)
        article.body, body_warnings = build_body(items, corrections.allowed)
        warnings.extend(body_warnings)
        for note in article.footnotes:
            note.text = clean_text(note.text)
            warnings.extend((note.line, w) for w in suspicious(note.text, corrections.allowed))
        article.abstract = clean_text(article.abstract)
        article.abstract_en = "\n\n".join(join_paragraphs(article.abstract_en_lines))
        article.funding = clean_text(article.funding)
        for author in article.authors:
            author.bio = clean_text(author.bio)
        article.slug = slug_for(article, taken)
    return issue, [Diagnostic(source_path, line, message) for line, message in sorted(warnings)]


def import_issue(source_path, docs="docs", force=False, corrections_path=None):
    """Convert and write the pages; returns (written page paths, warnings)."""
    from .write import write_pages

    issue, warnings = convert(source_path, corrections_path)
    pages = render_issue(issue)
    check_page_sizes(issue, pages, source_path)
    write_pages(pages, docs, Path(source_path).with_name("imported.yaml"), force=force)
    return [Path(docs) / name for name in pages], warnings

"""The import pipeline: source text -> parsed issue -> repaired text -> Markdown pages.

An import validates its own output before writing: the pages it would write are checked by
the content check (journal.checks, what `make check` runs) in a scratch docs folder, and any
problem stops the import with nothing written.
"""

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from ..diagnostics import Diagnostic
from .corrections import apply_corrections, load_corrections
from .footnotes import extract_footnotes
from .model import Figure
from .parse import parse_issue
from .pictures import read_picture
from .render import check_page_sizes, count_blocks, render_issue, report_line, slug_for
from .repair import build_body, clean_text, join_paragraphs, likely_misreads, suspicious
from .source import read_source

SCRATCH_PREFIX = "journal-import-check-"  # the folder validate() checks the pages in


def convert(source_path, corrections_path=None):
    """Read and repair the issue. Returns (issue, warnings); raises Diagnostic on bad input."""
    source_path = Path(source_path)
    corrections_path = Path(corrections_path or source_path.with_name("corrections.yaml"))
    corrections = load_corrections(corrections_path)
    lines = apply_corrections(read_source(source_path), corrections, corrections_path)
    issue = parse_issue(lines, source_path)
    check_misreads(lines, issue, corrections, source_path)
    warnings, taken = [], set()
    for article in issue.articles:
        items = extract_footnotes(article, source_path)
        article.body, body_warnings = build_body(items, corrections.allowed, article, source_path)
        warnings.extend(body_warnings)
        for note in article.footnotes:
            note.text = clean_text(note.text)
            warnings.extend((note.line, w) for w in suspicious(note.text, corrections.allowed))
        article.abstract = clean_text(article.abstract)
        article.abstract_en = "\n\n".join(join_paragraphs(article.abstract_en_lines))
        article.funding = clean_text(article.funding)
        for author in article.authors + article.translators:
            author.bio = clean_text(author.bio)
        article.slug = slug_for(article, taken)
        article.body = [_with_picture(block, article, source_path) for block in article.body]
    return issue, [Diagnostic(source_path, line, message) for line, message in sorted(warnings)]


def _with_picture(block, article, source_path):
    if not isinstance(block, Figure):
        return block
    kind, data = read_picture(source_path.parent, block.image, block.line, article, source_path)
    return replace(block, file=f"{article.slug}-figure-{block.number}.{kind}", data=data)


def check_misreads(lines, issue, corrections, path):
    """A lowercase Latin word between Han characters stops the import (repair.MISREAD), naming
    the line and the article, until corrections.yaml fixes it or an `allow` entry accepts it."""
    starts = sorted((article.line, article.title) for article in issue.articles)
    for line in lines:
        found = likely_misreads(line.text, corrections.allowed)
        if not found:
            continue
        column, word = found[0]
        title = next((t for start, t in reversed(starts) if start <= line.number), None)
        where = f" of '{title}'" if title else ""
        context = line.text[max(0, column - 6): column + len(word) + 6].strip()
        raise Diagnostic(path, line.number, f"likely OCR misread: the lowercase word '{word}' between Han characters"
                                            f"{where} ('{context}'); expected Chinese text: fix it in corrections.yaml "
                                            "(find, replace, reason) or, if print has it so, add an `allow` entry")


def build_pages(source_path, corrections_path=None):
    """(issue, {path under docs/: text or bytes}, warnings): everything an import would write."""
    issue, warnings = convert(source_path, corrections_path)
    pages = render_issue(issue)
    check_page_sizes(issue, pages, source_path)
    return issue, pages, warnings


def validate(pages, docs):
    """The content check on the pages as they would be written: [Diagnostic] of the new issue.

    They are checked in a scratch docs folder holding the home page and the new issue's folder,
    so a problem of another issue already under docs/ neither stops nor excuses this one."""
    from ..checks import check_docs

    with tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX) as scratch:
        scratch_docs = Path(scratch) / "docs"
        scratch_docs.mkdir()
        home = Path(docs) / "index.md"
        if home.is_file() and not home.is_symlink():
            shutil.copyfile(home, scratch_docs / "index.md")
        for name, content in pages.items():
            target = scratch_docs / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        folder = str(Path(next(iter(pages))).parent)
        problems = [d for d in check_docs(scratch_docs)
                    if Path(d.path).resolve().is_relative_to((scratch_docs / folder).resolve())]
    # name the page as it will be, under docs/
    return [Diagnostic(Path(docs) / Path(d.path).resolve().relative_to(scratch_docs.resolve()), d.line,
                       f"the import would write a page the content check refuses: {d.message}") for d in problems]


class InvalidOutputError(ExceptionGroup):
    """The pages the import made fail the content check: one Diagnostic each, nothing written."""

    def __new__(cls, diagnostics):
        return super().__new__(cls, f"{len(diagnostics)} problem(s) in the pages made", diagnostics)

    def derive(self, diagnostics):
        return InvalidOutputError(list(diagnostics))


def import_issue(source_path, docs="docs", force=False, corrections_path=None, check=True):
    """Convert, check and write the pages; returns (written paths, warnings, report line)."""
    from .write import write_pages

    issue, pages, warnings = build_pages(source_path, corrections_path)
    if check:
        problems = validate(pages, docs)
        if problems:
            raise InvalidOutputError(problems)
    write_pages(pages, docs, Path(source_path).with_name("imported.yaml"), force=force)
    page_count = sum(1 for name in pages if name.endswith(".md"))
    return [Path(docs) / name for name in pages], warnings, report_line(page_count, count_blocks(issue))

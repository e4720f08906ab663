"""Settings of the `journal-publishing` MkDocs plugin."""

import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PublishingConfig(Config):
    # PDF galleys (article and issue) at build time; JOURNAL_PDF=false (mkdocs.yml's !ENV) skips
    # them for a quick preview (the links then point at files that are not there: never deploy
    # such a build).
    pdf = c.Type(bool, default=True)
    # make serve: every page says it is a preview without PDFs and search (JOURNAL_PREVIEW=true).
    preview = c.Type(bool, default=False)
    # The issue's PDF (cover + every article's pages) beside the articles'; the offline archive
    # zip sets JOURNAL_ISSUE_PDF=false so as not to carry every article's PDF twice (bundle.py).
    issue_pdf = c.Type(bool, default=True)
    # Rendered galleys, keyed by the SHA-256 of their input (pdf.py). Unset: outside the
    # checkout, in pdf_cache_dir()'s folder; a path here is relative to mkdocs.yml's folder;
    # empty: no cache. JOURNAL_PDF_CACHE overrides it (the tests set it empty or to a folder).
    pdf_cache = c.Optional(c.Type(str))
    # Worker processes for WeasyPrint (0: one per core).
    pdf_workers = c.Type(int, default=0)
    # Feeds at the site root.
    atom_feed = c.Type(str, default="feed.atom")
    rss_feed = c.Type(str, default="feed.rss")
    # The web edition's rights line, printed in the footer (and in the feeds' <rights>).
    copyright = c.Type(str, default="© 《国际问题研究》编辑部")
    # Published every two months.
    frequency = c.Type(str, default="双月刊")


def cache_root():
    """The project's cache outside the checkout: $JOURNAL_CACHE_DIR, else
    ${XDG_CACHE_HOME:-$HOME/.cache}/guoji-wenti-yanjiu (CI restores and saves this folder)."""
    explicit = os.environ.get("JOURNAL_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "guoji-wenti-yanjiu"


def pdf_cache_dir(option, project_root):
    """The PDF cache folder (None: no cache) from JOURNAL_PDF_CACHE, else the `pdf_cache`
    option, else cache_root()/pdf. Never build/pdf-cache in the checkout unless named: a
    cache there was keyed without the fonts (issue 18) and is not read."""
    value = os.environ.get("JOURNAL_PDF_CACHE", option)
    if value is None:
        return cache_root() / "pdf"
    return (Path(project_root) / value) if value else None

"""Settings of the `journal-publishing` MkDocs plugin."""

import os

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


def _env_flag(name, default):
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() not in ("0", "false", "no", "off", "")


class PublishingConfig(Config):
    enabled = c.Type(bool, default=True)
    # PDF galleys (article and issue) at build time; JOURNAL_PDF=false skips them for a quick
    # preview (the links then point at files that are not there: never deploy such a build).
    pdf = c.Type(bool, default=_env_flag("JOURNAL_PDF", True))
    # Rendered galleys, keyed by the SHA-256 of their input; relative to mkdocs.yml's folder.
    # Empty: no cache. JOURNAL_PDF_CACHE overrides it (the tests point it at a temporary folder).
    pdf_cache = c.Type(str, default=os.environ.get("JOURNAL_PDF_CACHE", "build/pdf-cache"))
    # Worker processes for WeasyPrint (0: one per core, at most 4).
    pdf_workers = c.Type(int, default=0)
    # Feeds at the site root.
    atom_feed = c.Type(str, default="feed.atom")
    rss_feed = c.Type(str, default="feed.rss")
    # The web edition's rights line, printed in the footer (and in the feeds' <rights>).
    copyright = c.Type(str, default="© 《国际问题研究》编辑部")
    # Published every two months.
    frequency = c.Type(str, default="双月刊")

"""Settings of the `zh-search` MkDocs plugin (mkdocs.yml: plugins: - zh-search)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ZhSearchConfig(Config):
    # Declared (the other plugins leave `enabled` to MkDocs, which then loads them not at all):
    # the header partial, Material's copied unchanged but for the plugin's name, reads it.
    # False: every event below returns at once (make serve: JOURNAL_SEARCH=false).
    enabled = c.Type(bool, default=True)
    # Characters of an article's body, or of its notes, one index record holds at most (whole
    # sections and notes; DESIGN.md): fewer records keep the page list a first search fetches
    # small, shorter ones keep each result's text small.
    record_size = c.Type(int, default=4000)

"""Settings of the `zh-search` MkDocs plugin (mkdocs.yml: plugins: - zh-search)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ZhSearchConfig(Config):
    # Characters of an article's body, or of its notes, one index record holds at most (whole
    # sections and notes; DESIGN.md): fewer records keep the page list a first search fetches
    # small, shorter ones keep each result's text small.
    record_size = c.Type(int, default=4000)

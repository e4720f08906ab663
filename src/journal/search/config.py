"""Settings of the `zh-search` MkDocs plugin (mkdocs.yml: plugins: - zh-search)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ZhSearchConfig(Config):
    enabled = c.Type(bool, default=True)

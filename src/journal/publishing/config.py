"""Settings of the `journal-publishing` MkDocs plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PublishingConfig(Config):
    enabled = c.Type(bool, default=True)

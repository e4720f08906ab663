"""The `journal-publishing` MkDocs plugin (to be filled in: PDF galleys, feeds, social metadata)."""

from mkdocs.plugins import BasePlugin

from .config import PublishingConfig


class PublishingPlugin(BasePlugin[PublishingConfig]):
    pass

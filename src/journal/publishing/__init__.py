"""The `journal-publishing` MkDocs plugin: what the site publishes beyond its pages."""

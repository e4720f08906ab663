"""Settings of the `journal` MkDocs plugin (mkdocs.yml: plugins: - journal: ...)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class JournalConfig(Config):
    # The journal's English name, shown beside the Chinese one.
    journal_en = c.Type(str, default="International Studies")
    # Pages the plugin generates (their URLs are part of the site's interface: keep them stable).
    archive_page = c.Type(str, default="archive.md")
    keywords_page = c.Type(str, default="keywords.md")
    authors_page = c.Type(str, default="authors.md")
    # 关于本刊 / About, from the data file below; the English list of issues; each year's issues
    # at YYYY/ (year_page is formatted with the year).
    about_page = c.Type(str, default="about.md")
    english_index_page = c.Type(str, default="en/index.md")
    year_page = c.Type(str, default="{year}/index.md")
    english_year_page = c.Type(str, default="en/{year}/index.md")  # the year's issues in English (/en/2026/)
    # The journal's facts (publisher, editor, CN/ISSN, licence, the e-mail for error reports),
    # relative to mkdocs.yml: src/journal/site/about.py reads and checks it.
    data_file = c.Type(str, default="data/journal.yaml")
    # Every page carries this Content-Security-Policy (a <meta> tag, first in <head>): script
    # only from the site's own files, never inline (so no inline event handler runs), nothing
    # fetched from another host, no <base>, no forms, no plugins. Anything that slipped past
    # the content check still cannot run or call out.
    content_security_policy = c.Type(str, default=(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; worker-src 'self' blob:; frame-src 'self'; "
        "manifest-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'"
    ))

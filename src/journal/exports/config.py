"""Settings of the `journal-exports` MkDocs plugin (mkdocs.yml: plugins: - journal-exports: ...)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from .crossref import DEFAULT_SUFFIX

# The contact address harvesters and Crossref see. Like SITE_URL, the environment sets the real
# one (JOURNAL_CONTACT_EMAIL, read by mkdocs.yml's !ENV when the config loads); the default only
# serves local builds and must not be deployed.
CONTACT = "editor@example.org"


class ExportsConfig(Config):
    # JATS 1.3 XML beside each article page: docs/2026/02/wu-xinbo.md → site/2026/02/wu-xinbo.jats.xml.
    jats = c.Type(bool, default=True)
    # The journal's DOI prefix (10.NNNN) once Crossref gives it one. Empty: no DOIs, no deposit.
    # mkdocs.yml sets it from JOURNAL_DOI_PREFIX.
    doi_prefix = c.Type(str, default="")
    # The DOI suffix pattern (fields: issn, year, issue, position, first_page, slug); see crossref.py.
    doi_suffix = c.Type(str, default=DEFAULT_SUFFIX)
    # The Crossref deposit of each issue (only with a doi_prefix): crossref/2026-02.xml.
    crossref_dir = c.Type(str, default="crossref")
    depositor_name = c.Type(str, default="《国际问题研究》编辑部")
    depositor_email = c.Type(str, default=CONTACT)
    registrant = c.Type(str, default="《国际问题研究》编辑部")
    # Printed as the publisher in JATS and Dublin Core.
    publisher = c.Type(str, default="《国际问题研究》编辑部")
    # The OAI-PMH static repository (one file, every article as Dublin Core).
    oai = c.Type(bool, default=True)
    oai_file = c.Type(str, default="oai/static-repository.xml")
    oai_repository_name = c.Type(str, default="《国际问题研究》网络版 International Studies online")
    oai_admin_email = c.Type(str, default=CONTACT)
    # The Static Repository Gateway's base URL (e.g. http://gateway.example.org/oai/), once the
    # journal has one: OAI's baseURL is then the gateway's address followed by the file's.
    oai_gateway = c.Type(str, default="")

"""Fixtures for the exports: the frozen two-issue archive built with a DOI prefix, and the
schemas the files are validated against.

Which schemas a fresh machine has (registries only: PyPI, Debian, npm), and the copies kept here:
- JATS: the official NISO JATS 1.3 Archiving and Interchange DTD (with MathML 3), shipped by
  Biopython (PyPI, pinned in requirements.txt) in Bio/Entrez/DTDs; and the JATS 1.3 Journal
  Publishing XSD (with MathML 3), the model the files declare, kept in tests/fixtures/schemas/jats/
  (NLM/NCBI's files as published; README.md there says where they come from).
- Crossref: the deposit schema 5.3.1 with everything it imports, from Crossref's schema bundle
  0.3.1, kept in tests/fixtures/schemas/crossref/ (no registry ships it). Its one import by URL
  (MathML 3 at w3.org) is answered from the bundle's own copy: nothing is fetched.
- OAI-PMH 2.0 and oai_dc XSDs: only Debian's python3-gavo ships them (with some 120 dependent
  packages); .ci/install-debian-packages unpacks its .deb into OAI_SCHEMAS for the four files.
  The Static Repository's own schema (static-repository.xsd) ships nowhere: the tests validate
  what a gateway answers from the file.
"""

from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import ARCHIVE, build_site, docs_with_assets

DOI_PREFIX = "10.99999"
SCHEMAS = Path(__file__).parents[1] / "fixtures" / "schemas"
OAI_SCHEMAS = Path("/usr/local/share/journal-schemas/oai")  # written by .ci/install-debian-packages
PARSER = etree.XMLParser(no_network=True, load_dtd=False, resolve_entities=False)


def parse(path_or_bytes):
    """An export parsed as a harvester would: no DTD loaded, no entity expanded, no network."""
    if isinstance(path_or_bytes, bytes):
        return etree.fromstring(path_or_bytes, PARSER).getroottree()
    return etree.parse(str(path_or_bytes), PARSER)


@pytest.fixture(scope="session")
def exported(tmp_path_factory):
    """The frozen archive built with a DOI prefix (so the Crossref deposits are made), no PDFs."""
    work = tmp_path_factory.mktemp("exported")
    docs = docs_with_assets(ARCHIVE, work / "docs")
    result = build_site(docs, work / "site", JOURNAL_DOI_PREFIX=DOI_PREFIX, JOURNAL_PDF="false",
                        SITE_URL="https://journal.example.org/gjwtyj/")
    if result.returncode:
        pytest.fail(f"the fixture archive did not build:\n{result.stderr}")
    return work / "site"


@pytest.fixture(scope="session")
def plain(tmp_path_factory):
    """The frozen archive built as configured by default (no DOI prefix)."""
    work = tmp_path_factory.mktemp("plain")
    docs = docs_with_assets(ARCHIVE, work / "docs")
    result = build_site(docs, work / "site", JOURNAL_PDF="false", JOURNAL_DOI_PREFIX="")
    if result.returncode:
        pytest.fail(f"the fixture archive did not build:\n{result.stderr}")
    return work / "site"


@pytest.fixture(scope="session")
def jats_dtd():
    import Bio

    path = Path(Bio.__file__).parent / "Entrez" / "DTDs" / "JATS-archivearticle1-3-mathml3.dtd"
    assert path.is_file(), "Biopython no longer ships the JATS 1.3 DTD"
    return etree.DTD(str(path))




class _Local(etree.Resolver):
    """The schemas' imports by URL, answered from the local folder (no network)."""

    def __init__(self, folder):
        super().__init__()
        self.folder = Path(folder)

    def resolve(self, url, pubid, context):
        name = url.rsplit("/", 1)[-1]
        if (self.folder / name).is_file():
            return self.resolve_filename(str(self.folder / name), context)
        return None


@pytest.fixture(scope="session")
def oai_xsd():
    """OAI-PMH.xsd with oai_dc.xsd (and what it imports), as one schema."""
    folder = OAI_SCHEMAS
    assert (folder / "OAI-PMH.xsd").is_file(), f"no OAI-PMH schemas in {folder}: run bash .ci/install-debian-packages"
    driver = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        f'<xs:import namespace="http://www.openarchives.org/OAI/2.0/" schemaLocation="{(folder / "OAI-PMH.xsd").as_uri()}"/>'
        f'<xs:import namespace="http://www.openarchives.org/OAI/2.0/oai_dc/" schemaLocation="{(folder / "oai_dc.xsd").as_uri()}"/>'
        "</xs:schema>"
    )
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Local(folder))
    return etree.XMLSchema(etree.fromstring(driver, parser, base_url=folder.as_uri() + "/"))


class _Bundled(etree.Resolver):
    """Crossref's one import by URL (MathML 3 at w3.org), answered from the bundle's copy."""

    MATHML = "http://www.w3.org/Math/XMLSchema/mathml3/"

    def resolve(self, url, pubid, context):
        if url.startswith(self.MATHML):
            local = SCHEMAS / "crossref" / "standard-modules" / "mathml3" / url[len(self.MATHML):]
            return self.resolve_filename(str(local), context)
        return None


def _schema(path):
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Bundled())
    return etree.XMLSchema(etree.parse(str(path), parser))


@pytest.fixture(scope="session")
def jats_xsd():
    """The JATS 1.3 Journal Publishing schema (MathML 3), the model the files declare."""
    return _schema(SCHEMAS / "jats" / "JATS-journalpublishing1-3-mathml3.xsd")


@pytest.fixture(scope="session")
def crossref_xsd():
    """Crossref's deposit schema 5.3.1."""
    return _schema(SCHEMAS / "crossref" / "crossref5.3.1.xsd")

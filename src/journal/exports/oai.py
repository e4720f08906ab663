"""An OAI-PMH Static Repository (OAI 2.0 guidelines, "Specification for an OAI Static Repository
and an OAI Static Repository Gateway"): one XML file with Identify, ListMetadataFormats and
ListRecords of every article as unqualified Dublin Core (oai_dc), written with lxml.

A Static Repository Gateway answers OAI-PMH requests from this file; `baseURL` is the gateway's
address followed by the file's (the `oai_gateway` option), or the file's own address while the
journal has no gateway.

Only oai_dc: JATS does not fit. OAI-PMH.xsd admits as a record's metadata one element of a
namespace ("##other"), and JATS's `article` has none; each record links the article's JATS file
instead (dc:relation).

The spec's restrictions are kept by construction: day granularity (YYYY-MM-DD), no deleted
records, no sets, no resumption token, every record with header and metadata.
"""

from urllib.parse import urlsplit

from lxml import etree

from .xmltext import clean, one_line

SR = "http://www.openarchives.org/OAI/2.0/static-repository"
OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = (f"{SR} http://www.openarchives.org/OAI/2.0/static-repository.xsd "
                   f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
DC_TYPES = {"article": "Text.Article", "review": "Text.Review", "note": "Text"}


def _el(parent, ns, tag, text=None, **attrs):
    element = etree.SubElement(parent, f"{{{ns}}}{tag}", {k: clean(v) for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = clean(text)
    return element


def repository_identifier(site_url):
    """The repository's name in OAI identifiers: the site's host (example.github.io)."""
    host = urlsplit(site_url or "").hostname or "localhost.localdomain"
    return host if "." in host else f"{host}.localdomain"


def identifier(site_url, article):
    """oai:<host>:<YYYY/NN/slug> (the OAI identifier format)."""
    return f"oai:{repository_identifier(site_url)}:{article.stem}"


def _dc(record_metadata, article, links):
    dc = etree.SubElement(record_metadata, f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC})
    issue = article.issue
    _el(dc, DC, "title", one_line(article.full_title), **{XML_LANG: "zh"})
    if article.title_en:
        _el(dc, DC, "title", one_line(article.title_en), **{XML_LANG: "en"})
    # Authors are creators, translators contributors; each in Chinese and romanised.
    for tag, people in (("creator", article.authors), ("contributor", article.translators)):
        for person in people:
            name, name_en = one_line(person.name), one_line(person.name_en)
            _el(dc, DC, tag, name or name_en, **{XML_LANG: "zh"})
            if name and name_en:
                _el(dc, DC, tag, name_en, **{XML_LANG: "en"})
    for keyword in article.keywords:
        if one_line(keyword):
            _el(dc, DC, "subject", one_line(keyword), **{XML_LANG: "zh"})
    if article.reviewed_book is not None:
        # A review's subject is the book it reviews (as a library catalogues a review).
        _el(dc, DC, "subject", one_line(article.reviewed_book.line), **{XML_LANG: "zh"})
    if article.abstract:
        _el(dc, DC, "description", one_line(article.abstract), **{XML_LANG: "zh"})
    if article.abstract_en:
        _el(dc, DC, "description", one_line(article.abstract_en), **{XML_LANG: "en"})
    if links.get("publisher"):
        _el(dc, DC, "publisher", one_line(links["publisher"]))
    _el(dc, DC, "date", issue.published)
    _el(dc, DC, "type", DC_TYPES.get(article.kind, "Text"))
    _el(dc, DC, "format", "text/html")
    for value in (links.get("url"), links.get("doi") and f"https://doi.org/{links['doi']}"):
        if value:
            _el(dc, DC, "identifier", value)
    pages = article.pages if article.first_page else ""
    source = f"{issue.journal}, {issue.year}, ({issue.number})" + (f": {pages}" if pages else "")
    if issue.issn:
        source += f". ISSN {issue.issn}"
    _el(dc, DC, "source", one_line(source))
    _el(dc, DC, "language", "zh")
    for value in (links.get("jats_url"), links.get("pdf_url")):
        if value:
            _el(dc, DC, "relation", value)
    if links.get("copyright"):
        _el(dc, DC, "rights", one_line(links["copyright"]))


def static_repository(articles, settings, links_of):
    """The static repository XML (bytes).

    articles: every article (newest issue first is fine: order is not meaningful to OAI).
    settings: repository_name, base_url, admin_email, site_url.
    links_of(article) -> {url, pdf_url, jats_url, doi, publisher, copyright, datestamp}."""
    root = etree.Element(f"{{{SR}}}Repository", nsmap={None: SR, "oai": OAI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    links = {article.src_uri: links_of(article) for article in articles}
    datestamps = [links[a.src_uri].get("datestamp") or a.issue.published for a in articles]
    identify = _el(root, SR, "Identify")
    _el(identify, OAI, "repositoryName", one_line(settings["repository_name"]))
    _el(identify, OAI, "baseURL", settings["base_url"])
    _el(identify, OAI, "protocolVersion", "2.0")
    _el(identify, OAI, "adminEmail", settings["admin_email"])
    _el(identify, OAI, "earliestDatestamp", min(datestamps) if datestamps else "2000-01-01")
    _el(identify, OAI, "deletedRecord", "no")
    _el(identify, OAI, "granularity", "YYYY-MM-DD")
    formats = _el(root, SR, "ListMetadataFormats")
    dc_format = _el(formats, OAI, "metadataFormat")
    _el(dc_format, OAI, "metadataPrefix", "oai_dc")
    _el(dc_format, OAI, "schema", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    _el(dc_format, OAI, "metadataNamespace", OAI_DC)
    records = _el(root, SR, "ListRecords", metadataPrefix="oai_dc")
    for article, datestamp in zip(articles, datestamps):
        record = _el(records, OAI, "record")
        header = _el(record, OAI, "header")
        _el(header, OAI, "identifier", identifier(settings.get("site_url"), article))
        _el(header, OAI, "datestamp", one_line(datestamp)[:10])
        _dc(_el(record, OAI, "metadata"), article, links[article.src_uri])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

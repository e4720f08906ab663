"""A Crossref deposit (schema 5.3.1) of one issue, written with lxml; made only when the site
has a DOI prefix (the `journal-exports` plugin's `doi_prefix`, empty by default).

The DOI suffix rule (`doi()`): `j.issn.<ISSN>.<year>.<issue, two digits>.<position, three
digits>`, the pattern Chinese journals use with Crossref (10.xxxx/j.issn.0452-8832.2026.02.003
is the third article of 2026 issue 2 in print order). It depends only on facts printed in the
issue, so a rebuild or a correction never changes a DOI; the plugin's `doi_suffix` may replace
the pattern (fields: issn, year, issue, position, first_page, slug).
"""

from lxml import etree

from . import names
from .xmltext import clean, one_line, paragraphs

VERSION = "5.3.1"
NS = f"http://www.crossref.org/schema/{VERSION}"
JATS = "http://www.ncbi.nlm.nih.gov/JATS1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = f"{NS} https://www.crossref.org/schemas/crossref{VERSION}.xsd"
DEFAULT_SUFFIX = "j.issn.{issn}.{year}.{issue:02d}.{position:03d}"
# Crossref's own limits on a name part (common5.3.1: given_name/surname at most 60 characters).
NAME_LIMIT = 60


def doi(prefix, article, position, pattern=DEFAULT_SUFFIX):
    """The DOI of `article`, the `position`-th (1-based) of its issue in print order."""
    issue = article.issue
    suffix = pattern.format(issn=issue.issn, year=issue.year, issue=issue.number, position=position,
                            first_page=article.first_page, slug=article.slug)
    return f"{prefix.strip().rstrip('/')}/{suffix}"


def _el(parent, tag, text=None, ns=NS, **attrs):
    element = etree.SubElement(parent, f"{{{ns}}}{tag}", {k: clean(v) for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = clean(text)
    return element


def _date(parent, tag, iso):
    year, month, day = iso.split("-")
    date = _el(parent, tag, media_type="print")
    _el(date, "month", month)
    _el(date, "day", day)
    _el(date, "year", year)


def _person(parent, person, role, first):
    latin, chinese, printed = names.latin(person), names.chinese(person), one_line(person.name)
    if latin is None and not printed:
        return
    element = _el(parent, "person_name", sequence="first" if first else "additional", contributor_role=role)
    # Crossref indexes the Latin form: pinyin as given_name/surname, the Chinese as alt-name.
    primary = latin or chinese
    if primary is None:
        _el(element, "surname", printed[:NAME_LIMIT])
    else:
        if primary.given:
            _el(element, "given_name", primary.given[:NAME_LIMIT])
        _el(element, "surname", primary.surname[:NAME_LIMIT])
    affiliation = one_line(person.affiliation)
    if affiliation:
        affiliations = _el(element, "affiliations")
        institution = _el(affiliations, "institution")
        _el(institution, "institution_name", affiliation)
    if latin is not None and printed:
        alt = _el(element, "alt-name")
        if chinese is not None:
            name = _el(alt, "name")
            _el(name, "surname", chinese.surname[:NAME_LIMIT])
            if chinese.given:
                _el(name, "given_name", chinese.given[:NAME_LIMIT])
        else:
            _el(alt, "string-name", printed)


def deposit(issue_articles, prefix, settings, links_of, timestamp, batch_id, pattern=DEFAULT_SUFFIX):
    """The deposit XML (bytes) of one issue's articles (in print order).

    settings: depositor_name, depositor_email, registrant, journal_en.
    links_of(article) -> the article's page URL (its DOI's resource).
    timestamp: digits that grow with every change (Crossref keeps the newest deposit)."""
    root = etree.Element(f"{{{NS}}}doi_batch", nsmap={None: NS, "jats": JATS, "xsi": XSI})
    root.set("version", VERSION)
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    head = _el(root, "head")
    _el(head, "doi_batch_id", batch_id)
    _el(head, "timestamp", timestamp)
    depositor = _el(head, "depositor")
    _el(depositor, "depositor_name", one_line(settings["depositor_name"]))
    _el(depositor, "email_address", settings["depositor_email"])
    _el(head, "registrant", one_line(settings["registrant"]))
    body = _el(root, "body")
    journal = _el(body, "journal")
    first = issue_articles[0].issue
    metadata = _el(journal, "journal_metadata", language="zh")
    _el(metadata, "full_title", one_line(first.journal))
    if settings.get("journal_en"):
        _el(metadata, "full_title", one_line(settings["journal_en"]))  # Crossref takes several full titles
    _el(metadata, "issn", one_line(first.issn), media_type="print")
    issue = _el(journal, "journal_issue")
    _date(issue, "publication_date", first.published)
    _el(issue, "issue", str(first.number))
    for position, article in enumerate(issue_articles, 1):
        item = _el(journal, "journal_article", publication_type="full_text", language="zh")
        titles = _el(item, "titles")
        # Crossref's display title is the English one where there is one, and the title in the
        # article's own language is its original_language_title.
        if article.title_en:
            _el(titles, "title", one_line(article.title_en))
            _el(titles, "original_language_title", one_line(article.full_title), language="zh")
        else:
            _el(titles, "title", one_line(article.title))
            if article.subtitle:
                _el(titles, "subtitle", one_line(article.subtitle))
        people = [(p, "author") for p in article.authors] + [(p, "translator") for p in article.translators]
        if people:
            contributors = _el(item, "contributors")
            for n, (person, role) in enumerate(people):
                _person(contributors, person, role, n == 0)
        for text, lang in ((article.abstract, "zh"), (article.abstract_en, "en")):
            if text.strip():
                abstract = _el(item, "abstract", ns=JATS, **{XML_LANG: lang})
                for paragraph in paragraphs(text):
                    _el(abstract, "p", paragraph, ns=JATS)
        _date(item, "publication_date", article.issue.published)
        if article.first_page:
            pages = _el(item, "pages")
            _el(pages, "first_page", str(article.first_page))
            if article.last_page:
                _el(pages, "last_page", str(article.last_page))
        data = _el(item, "doi_data")
        _el(data, "doi", doi(prefix, article, position, pattern))
        _el(data, "resource", one_line(links_of(article)))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

"""JATS 1.3 (Journal Publishing) XML of one article (a `journal.model.Article`), written with lxml.

front: journal-meta (journal-title, ISSN, publisher), article-meta (ids, column, title-group
with subtitle and the English trans-title-group, contrib-group of authors and translators
(contrib-type="translator") with their names in Chinese and pinyin as name-alternatives, the
printed form with its nationality (〔俄〕伊万·彼得罗夫), aff from the bios
(`Author.affiliation`), pub-date, issue, fpage/lpage, the reviewed book of a review as
<product>, permissions, self-uri, abstract xml:lang="zh", trans-abstract xml:lang="en",
kwd-group, funding statement). body and back: the rendered page (jats_body.py).

Every value goes into the tree as text or an attribute value: the serializer escapes it.
"""

from lxml import etree

from . import names
from .jats_body import HREF, XLINK, Body, check_refs, el, fragment_kinds
from .xmltext import one_line, paragraphs

MML = "http://www.w3.org/1998/Math/MathML"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = ('<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN" '
           '"https://jats.nlm.nih.gov/publishing/1.3/JATS-journalpublishing1-3.dtd">')
# kind -> JATS @article-type (the JATS4R list): 学术动态 (conference reports, news of the field) is "news".
ARTICLE_TYPES = {"article": "research-article", "review": "book-review", "note": "news"}


# --- front ----------------------------------------------------------------------------------

def _names(contrib, person):
    """name-alternatives: the Chinese name (eastern, zh) or the printed one as a string-name,
    the romanised name (zh-Latn, or en for a foreign name), and, for a foreign author, the
    name as the byline prints it with the nationality (〔俄〕伊万·彼得罗夫)."""
    chinese, latin = names.chinese(person), names.latin(person)
    printed = one_line(person.name)
    entries = []
    if chinese:
        entries.append(("eastern", "zh", chinese, None))
    elif printed:
        entries.append((None, "zh", None, printed))
    if latin:
        entries.append(("eastern" if chinese else "western", "zh-Latn" if chinese else "en", latin, None))
    if person.nationality and printed:
        entries.append(("display", "zh", None, one_line(person.display_name)))
    holder = el(contrib, "name-alternatives") if len(entries) > 1 else contrib
    for style, lang, name, string in entries:
        if string is not None:
            attrs = {XML_LANG: lang}
            if style == "display":
                attrs["content-type"] = "as-printed"
            el(holder, "string-name", string, **attrs)
            continue
        element = el(holder, "name", **{"name-style": style, XML_LANG: lang})
        el(element, "surname", name.surname)
        if name.given:
            el(element, "given-names", name.given)


def _contrib_group(meta, article):
    group = el(meta, "contrib-group")
    affs = {}  # institution -> aff id, shared by the people of one institution
    for role, people in (("author", article.authors), ("translator", article.translators)):
        for person in people:
            contrib = el(group, "contrib", **{"contrib-type": role})
            _names(contrib, person)
            if person.nationality:
                # The printed nationality (俄 of 〔俄〕): the person's country, not an address.
                address = el(contrib, "address")
                el(address, "country", one_line(person.nationality))
            aff = one_line(person.affiliation)
            if aff:
                if aff not in affs:
                    affs[aff] = f"aff{len(affs) + 1}"
                el(contrib, "xref", **{"ref-type": "aff", "rid": affs[aff]})
            if person.bio.strip():
                bio = el(contrib, "bio")
                el(bio, "p", one_line(person.bio))
    for aff, ident in affs.items():
        element = el(group, "aff", id=ident)
        el(element, "institution", aff)
    return group


def _date(parent, iso):
    year, month, day = iso.split("-")
    date = el(parent, "pub-date", **{"publication-format": "print", "date-type": "pub", "iso-8601-date": iso})
    el(date, "day", day)
    el(date, "month", month)
    el(date, "year", year)


def _product(meta, book):
    """The book a review discusses: <product product-type="book">."""
    product = el(meta, "product", **{"product-type": "book"})
    if book.authors:
        people = el(product, "person-group", **{"person-group-type": "author"})
        for name in book.authors:
            el(people, "string-name", one_line(name))
    el(product, "source", one_line(book.title))
    if book.publisher:
        el(product, "publisher-name", one_line(book.publisher))
    if book.year:
        el(product, "year", str(book.year))
    if book.pages:
        el(product, "size", str(book.pages), units="pages")


def front(root, article, links):
    issue = article.issue
    front = el(root, "front")
    journal = el(front, "journal-meta")
    el(journal, "journal-id", links.get("journal_id") or one_line(issue.journal), **{"journal-id-type": "publisher-id"})
    titles = el(journal, "journal-title-group")
    el(titles, "journal-title", one_line(issue.journal), **{XML_LANG: "zh"})
    if links.get("journal_en"):
        trans = el(titles, "trans-title-group", **{XML_LANG: "en"})
        el(trans, "trans-title", one_line(links["journal_en"]))
    if issue.issn:
        el(journal, "issn", one_line(issue.issn), **{"publication-format": "print"})
    if links.get("publisher"):
        publisher = el(journal, "publisher")
        el(publisher, "publisher-name", one_line(links["publisher"]))

    meta = el(front, "article-meta")
    if links.get("doi"):
        el(meta, "article-id", links["doi"], **{"pub-id-type": "doi"})
    el(meta, "article-id", f"{issue.code}-{article.slug}", **{"pub-id-type": "publisher-id"})
    categories = el(meta, "article-categories")
    if article.column:
        subjects = el(categories, "subj-group", **{"subj-group-type": "heading"})
        el(subjects, "subject", one_line(article.column))
    kinds = el(categories, "subj-group", **{"subj-group-type": "article-type"})
    el(kinds, "subject", article.kind_label)
    group = el(meta, "title-group")
    el(group, "article-title", one_line(article.title))
    if article.subtitle:
        el(group, "subtitle", one_line(article.subtitle))
    if article.title_en:
        trans = el(group, "trans-title-group", **{XML_LANG: "en"})
        el(trans, "trans-title", one_line(article.title_en))
    if article.authors or article.translators:
        _contrib_group(meta, article)
    _date(meta, issue.published)
    el(meta, "issue", str(issue.number))
    if article.first_page:
        el(meta, "fpage", str(article.first_page))
    if article.last_page:
        el(meta, "lpage", str(article.last_page))
    if article.reviewed_book is not None:
        _product(meta, article.reviewed_book)
    if links.get("copyright"):
        permissions = el(meta, "permissions")
        el(permissions, "copyright-statement", one_line(links["copyright"]))
        el(permissions, "copyright-year", str(issue.year))
    if links.get("url"):
        el(meta, "self-uri", **{HREF: links["url"]})
    if links.get("pdf_url"):
        el(meta, "self-uri", **{HREF: links["pdf_url"], "content-type": "pdf"})
    for tag, text, lang in (("abstract", article.abstract, "zh"), ("trans-abstract", article.abstract_en, "en")):
        if text.strip():
            abstract = el(meta, tag, **{XML_LANG: lang})
            for paragraph in paragraphs(text):
                el(abstract, "p", paragraph)
    keywords = [one_line(k) for k in article.keywords if one_line(k)]
    if keywords:
        group = el(meta, "kwd-group", **{XML_LANG: "zh", "kwd-group-type": "author"})
        for keyword in keywords:
            el(group, "kwd", keyword)
    if article.funding:
        funding = el(meta, "funding-group")
        el(funding, "funding-statement", one_line(article.funding))


def article_xml(article, body_html, links):
    """The JATS XML (bytes, UTF-8, with its DOCTYPE) of `article` (journal.model.Article).

    `body_html`: the page's rendered Markdown (before the site puts its header around it).
    `links`: url, pdf_url, doi, journal_en, publisher, copyright (each may be empty)."""
    root = etree.Element("article", nsmap={"xlink": XLINK, "mml": MML})
    root.set("article-type", ARTICLE_TYPES.get(article.kind, "other"))
    root.set("dtd-version", "1.3")
    root.set(XML_LANG, "zh")
    front(root, article, links)
    converter = Body(body_html, links.get("url") or "", fragment_kinds(body_html))
    converter.ids.update(e.get("id") for e in root.iter() if isinstance(e.tag, str) and e.get("id"))
    body = el(root, "body")
    converter.convert(body)
    if not len(body):
        root.remove(body)
    converter.back(root)
    check_refs(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", doctype=DOCTYPE, pretty_print=True)

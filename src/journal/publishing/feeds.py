"""Atom and RSS feeds of the articles, newest issue first (in print order within an issue),
written by feedgen (which builds the XML with lxml: every value is escaped by the library).

Dates come from the catalog and git, never from the clock, so the same archive gives the same
feeds byte for byte."""

from datetime import datetime, timezone

from feedgen.feed import FeedGenerator


def _when(value):
    """'2026-03-15' or an ISO 8601 time -> an aware datetime (dates at 00:00 UTC)."""
    if len(value) == 10:
        return datetime.fromisoformat(value).replace(tzinfo=timezone.utc)
    return datetime.fromisoformat(value)


def build(site, entries, fmt):
    """The feed as bytes. `site`: {title, subtitle, url, atom_url, rss_url, rights, logo};
    `entries`: dicts {url, pdf_url, title, title_en, authors [(name, name_en)], translators
    [(name, name_en)] (optional), abstract, abstract_en, keywords, column, issue, published,
    updated}, in the order to list them. Translators are contributors, not authors."""
    fg = FeedGenerator()
    if fmt == "rss":
        fg.load_extension("dc")
    fg.id(site["url"])
    fg.title(site["title"])
    fg.subtitle(site["subtitle"])
    fg.language("zh-CN")
    fg.rights(site["rights"])
    fg.link(href=site["atom_url"] if fmt == "atom" else site["rss_url"], rel="self",
            type="application/atom+xml" if fmt == "atom" else "application/rss+xml")
    # Last: feedgen takes the RSS channel's <link> from the last link set, and it must be the
    # home page, not the feed itself.
    fg.link(href=site["url"], rel="alternate", type="text/html")
    fg.generator(site["generator"])
    updated = max((_when(e["updated"]) for e in entries), default=_when("2000-01-01"))
    fg.updated(updated)
    fg.lastBuildDate(updated)
    for e in entries:
        fe = fg.add_entry(order="append")
        fe.id(e["url"])
        fe.guid(e["url"], permalink=True)
        fe.title(e["title"])
        fe.link(href=e["url"])
        names = [f"{name} ({name_en})" for name, name_en in e["authors"]]
        translators = [f"{name} ({name_en})" for name, name_en in e.get("translators") or ()]
        if fmt == "atom":
            for name in names:
                fe.author(name=name)
            for name in translators:
                fe.contributor(name=name)
        else:
            fe.dc.dc_creator(names)
            if translators:
                fe.dc.dc_contributor(translators)
            if e.get("pdf_url"):
                fe.enclosure(e["pdf_url"], str(e.get("pdf_length") or 0), "application/pdf")
        fe.published(_when(e["published"]))
        fe.updated(_when(e["updated"]))
        summary = f"{e['issue']} · {e['column']}\n{e['abstract']}\n\n{e['title_en']}\n{e['abstract_en']}"
        fe.summary(summary) if fmt == "atom" else fe.description(summary)
        for keyword in e["keywords"]:
            fe.category(term=keyword, label=keyword)
    if fmt == "atom":
        return _atom_links(fg.atom_str(pretty=True), entries)
    return fg.rss_str(pretty=True)


def _atom_links(data, entries):
    """feedgen 1.0.0 drops the rel and type of an entry's links (entry.py reads them from the
    element it has just made): set them here, and add each article's PDF as a related link."""
    from lxml import etree

    ns = "{http://www.w3.org/2005/Atom}"
    root = etree.fromstring(data)
    for element, e in zip(root.iter(f"{ns}entry"), entries):
        link = element.find(f"{ns}link")
        link.set("rel", "alternate")
        link.set("type", "text/html")
        if e.get("pdf_url"):
            pdf = etree.Element(f"{ns}link", href=e["pdf_url"], rel="related", type="application/pdf", title="PDF")
            link.addnext(pdf)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

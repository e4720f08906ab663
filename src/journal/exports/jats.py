"""JATS 1.3 (Journal Publishing) XML of one article, written with lxml.

front: journal-meta (journal-title, ISSN, publisher), article-meta (ids, column, title-group
with the English trans-title-group, contrib-group of authors and translators with their names in
Chinese and pinyin as name-alternatives, aff from the bios (source.affiliation), pub-date,
issue, fpage/lpage, permissions, self-uri, abstract xml:lang="zh", trans-abstract xml:lang="en",
kwd-group, funding statement). body: the rendered page's sections (sec per heading, nested by
level) with paragraphs, lists, quotes, tables and figures, footnote references as xref to fn.
back: fn-group with every footnote.

Every value goes into the tree as text or an attribute value: the serializer escapes it.
"""

import re
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from .source import clean, one_line, paragraphs

XLINK = "http://www.w3.org/1999/xlink"
MML = "http://www.w3.org/1998/Math/MathML"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
HREF = f"{{{XLINK}}}href"
DOCTYPE = ('<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN" '
           '"https://jats.nlm.nih.gov/publishing/1.3/JATS-journalpublishing1-3.dtd">')
ARTICLE_TYPES = {"article": "research-article", "review": "book-review", "note": "other"}
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_FN = re.compile(r"#?fn:(.+)")


def _el(parent, tag, text=None, **attrs):
    element = etree.SubElement(parent, tag, {k: clean(v) for k, v in attrs.items() if v is not None})
    if text:
        element.text = clean(text)
    return element


def _xml_id(value, fallback):
    value = str(value or "")
    return value if _ID.fullmatch(value) else fallback


def fn_id(key):
    """'fn1' for Python-Markdown's 'fn:1' (an XML ID: no colon)."""
    key = re.sub(r"[^A-Za-z0-9_.-]", "-", str(key))
    return f"fn{key}" if key else "fn"


# --- front ----------------------------------------------------------------------------------

def _names(contrib, person):
    chinese, latin = person.chinese, person.latin
    names = []
    if chinese:
        names.append(("eastern", "zh", chinese, None))
    elif person.name:
        names.append((None, "zh", None, person.name))
    if latin:
        names.append(("eastern" if chinese else "western", "zh-Latn" if chinese else "en", latin, None))
    holder = _el(contrib, "name-alternatives") if len(names) > 1 else contrib
    for style, lang, name, string in names:
        if string is not None:
            _el(holder, "string-name", string, **{XML_LANG: lang})
            continue
        element = _el(holder, "name", **{"name-style": style, XML_LANG: lang})
        _el(element, "surname", name.surname)
        if name.given:
            _el(element, "given-names", name.given)


def _contrib_group(meta, article, affs):
    group = _el(meta, "contrib-group")
    for role, people in (("author", article.authors), ("translator", article.translators)):
        for person in people:
            contrib = _el(group, "contrib", **{"contrib-type": role})
            _names(contrib, person)
            aff = person.affiliation
            if aff:
                if aff not in affs:
                    affs[aff] = f"aff{len(affs) + 1}"
                _el(contrib, "xref", **{"ref-type": "aff", "rid": affs[aff]})
            if person.bio:
                bio = _el(contrib, "bio")
                _el(bio, "p", one_line(person.bio))
    for aff, ident in affs.items():
        element = _el(group, "aff", id=ident)
        _el(element, "institution", aff)
    return group


def _date(parent, iso):
    year, month, day = iso.split("-")
    date = _el(parent, "pub-date", **{"publication-format": "print", "date-type": "pub", "iso-8601-date": iso})
    _el(date, "day", day)
    _el(date, "month", month)
    _el(date, "year", year)


def front(root, article, links):
    front = _el(root, "front")
    journal = _el(front, "journal-meta")
    _el(journal, "journal-id", links.get("journal_id") or article.journal, **{"journal-id-type": "publisher-id"})
    titles = _el(journal, "journal-title-group")
    _el(titles, "journal-title", article.journal, **{XML_LANG: "zh"})
    if links.get("journal_en"):
        trans = _el(titles, "trans-title-group", **{XML_LANG: "en"})
        _el(trans, "trans-title", links["journal_en"])
    if article.issn:
        _el(journal, "issn", article.issn, **{"publication-format": "print"})
    if links.get("publisher"):
        publisher = _el(journal, "publisher")
        _el(publisher, "publisher-name", links["publisher"])

    meta = _el(front, "article-meta")
    if links.get("doi"):
        _el(meta, "article-id", links["doi"], **{"pub-id-type": "doi"})
    _el(meta, "article-id", f"{article.label}-{article.slug}", **{"pub-id-type": "publisher-id"})
    if article.column:
        categories = _el(meta, "article-categories")
        subjects = _el(categories, "subj-group", **{"subj-group-type": "heading"})
        _el(subjects, "subject", article.column)
    group = _el(meta, "title-group")
    _el(group, "article-title", article.title)
    if article.subtitle:
        _el(group, "subtitle", article.subtitle)
    if article.title_en:
        trans = _el(group, "trans-title-group", **{XML_LANG: "en"})
        _el(trans, "trans-title", article.title_en)
    if article.authors or article.translators:
        _contrib_group(meta, article, {})
    _date(meta, article.published)
    _el(meta, "issue", str(article.number))
    if article.first_page is not None:
        _el(meta, "fpage", str(article.first_page))
    if article.last_page is not None:
        _el(meta, "lpage", str(article.last_page))
    book = article.reviewed_book
    if book:
        product = _el(meta, "product", **{"product-type": "book"})
        if book.authors:
            people = _el(product, "person-group", **{"person-group-type": "author"})
            for name in book.authors:
                _el(people, "string-name", name)
        _el(product, "source", book.title)
        if book.publisher:
            _el(product, "publisher-name", book.publisher)
        if book.year:
            _el(product, "year", str(book.year))
        if book.pages:
            _el(product, "size", str(book.pages), units="pages")
    if links.get("copyright"):
        permissions = _el(meta, "permissions")
        _el(permissions, "copyright-statement", links["copyright"])
        _el(permissions, "copyright-year", str(article.year))
    if links.get("url"):
        _el(meta, "self-uri", **{HREF: links["url"]})
    if links.get("pdf_url"):
        _el(meta, "self-uri", **{HREF: links["pdf_url"], "content-type": "pdf"})
    for tag, text, lang in (("abstract", article.abstract, "zh"), ("trans-abstract", article.abstract_en, "en")):
        if text.strip():
            abstract = _el(meta, tag, **{XML_LANG: lang})
            for paragraph in paragraphs(text):
                _el(abstract, "p", paragraph)
    if article.keywords:
        keywords = _el(meta, "kwd-group", **{XML_LANG: "zh", "kwd-group-type": "author"})
        for keyword in article.keywords:
            _el(keywords, "kwd", keyword)
    if article.funding:
        funding = _el(meta, "funding-group")
        _el(funding, "funding-statement", article.funding)


# --- body -----------------------------------------------------------------------------------

class _Body:
    """The rendered page body (HTML, parsed by lxml.html) as JATS body and back."""

    BREAKS = {"title", "td", "th", "trans-title"}  # where JATS allows <break/>

    def __init__(self, html, page_url, fragment_ids):
        self.page_url = page_url
        self.fragment_ids = fragment_ids
        self.footnotes = []  # [(id, label, [p elements as HTML])]
        self.ids = set()
        self.root = lxml.html.fragment_fromstring(html or "", create_parent="div")

    def fresh(self, wanted, fallback):
        ident = _xml_id(wanted, fallback)
        base, n = ident, 1
        while ident in self.ids:
            n += 1
            ident = f"{base}-{n}"
        self.ids.add(ident)
        return ident

    # inline content

    def _text(self, dst, text):
        text = clean(text)
        if not text:
            return
        if len(dst):
            dst[-1].tail = (dst[-1].tail or "") + text
        else:
            dst.text = (dst.text or "") + text

    def inline(self, src, dst):
        self._text(dst, src.text)
        for child in src:
            if not isinstance(child.tag, str):  # comments, processing instructions
                self._text(dst, child.tail)
                continue
            self.inline_element(child, dst)
            self._text(dst, child.tail)

    def inline_element(self, child, dst):
        tag = child.tag
        classes = (child.get("class") or "").split()
        if tag == "a" and ("headerlink" in classes or "footnote-backref" in classes):
            return
        if tag == "sup" and child.get("id", "").startswith("fnref"):
            ref = child.find(".//a")
            match = _FN.match(ref.get("href", "")) if ref is not None else None
            if match:
                _el(dst, "xref", "".join(ref.itertext()).strip(), **{"ref-type": "fn", "rid": fn_id(match.group(1))})
                return
        if tag == "a":
            href = child.get("href") or ""
            match = _FN.match(href)
            if match:
                _el(dst, "xref", "".join(child.itertext()).strip(), **{"ref-type": "fn", "rid": fn_id(match.group(1))})
                return
            if href.startswith("#"):
                target = href[1:]
                kind = self.fragment_ids.get(target)
                if kind:
                    xref = _el(dst, "xref", **{"ref-type": kind, "rid": target})
                    self.inline(child, xref)
                else:
                    self.inline(child, dst)
                return
            if href:
                link = _el(dst, "ext-link", **{"ext-link-type": "uri", HREF: urljoin(self.page_url, href)})
                self.inline(child, link)
                return
            self.inline(child, dst)
            return
        mapped = {"em": "italic", "i": "italic", "strong": "bold", "b": "bold", "sup": "sup", "sub": "sub",
                  "code": "monospace", "u": "underline", "s": "strike"}.get(tag)
        if mapped:
            self.inline(child, _el(dst, mapped))
        elif tag == "br":
            if dst.tag in self.BREAKS:
                _el(dst, "break")
            else:
                self._text(dst, " ")
        elif tag == "img":
            self._text(dst, child.get("alt"))
        else:  # abbr, span, anything else: its text
            self.inline(child, dst)

    # blocks

    def blocks(self, src, dst):
        """The block children of `src` into `dst` (a sec, body, fn, list-item, disp-quote)."""
        loose = etree.Element("p")  # inline content directly in a block container
        self._text(loose, src.text if src.text and src.text.strip() else "")
        for child in src:
            if not isinstance(child.tag, str):
                continue
            if child.tag in ("p", "ul", "ol", "blockquote", "table", "figure", "div", "hr", "pre") or \
                    re.fullmatch(r"h[1-6]", child.tag):
                self.flush(loose, dst)
                loose = etree.Element("p")
                self.block(child, dst)
                if child.tail and child.tail.strip():
                    self._text(loose, child.tail)
            else:
                self.inline_element(child, loose)
                self._text(loose, child.tail)
        self.flush(loose, dst)

    def flush(self, loose, dst):
        if (loose.text or "").strip() or len(loose):
            loose.text = (loose.text or "").lstrip()
            dst.append(loose)

    def block(self, child, dst):
        tag = child.tag
        if tag == "p":
            if child.find("img") is not None and not "".join(child.itertext()).strip():
                return  # a picture outside a figure: nothing a reader of the XML can use
            self.inline(child, _el(dst, "p"))
        elif tag in ("ul", "ol"):
            listing = _el(dst, "list", **{"list-type": "order" if tag == "ol" else "bullet"})
            for item in child.iterchildren("li"):
                self.blocks(item, _el(listing, "list-item"))
            if not len(listing):
                dst.remove(listing)
        elif tag == "blockquote":
            quote = _el(dst, "disp-quote")
            self.blocks(child, quote)
            if not len(quote):
                dst.remove(quote)
        elif tag == "table":
            self.table(child, dst)
        elif tag == "figure":
            self.figure(child, dst)
        elif tag == "pre":
            _el(dst, "preformat", "".join(child.itertext()))
        elif tag == "div":
            self.blocks(child, dst)
        elif re.fullmatch(r"h[1-6]", tag):
            title = _el(dst, "p")
            self.inline(child, _el(title, "bold"))

    def table(self, src, dst):
        wrap = _el(dst, "table-wrap", id=self.fresh(src.get("id"), f"table-{len(self.ids) + 1}"))
        caption = src.find("caption")
        if caption is not None:
            self.inline(caption, _el(_el(wrap, "caption"), "title"))
        table = _el(wrap, "table")
        rows = [r for r in src.iter("tr")]
        groups = [g for g in src if isinstance(g.tag, str) and g.tag in ("thead", "tbody", "tfoot")]
        if groups:
            for group in groups:
                out = _el(table, group.tag)
                for row in group.iterchildren("tr"):
                    self.row(row, out)
        else:
            body = _el(table, "tbody")
            for row in rows:
                self.row(row, body)

    def row(self, src, dst):
        tr = _el(dst, "tr")
        for cell in src:
            if not isinstance(cell.tag, str) or cell.tag not in ("th", "td"):
                continue
            attrs = {k: cell.get(k) for k in ("scope", "colspan", "rowspan") if cell.get(k)}
            if attrs.get("scope") not in (None, "row", "col", "rowgroup", "colgroup"):
                attrs.pop("scope")
            for span in ("colspan", "rowspan"):
                if span in attrs and not attrs[span].isdigit():
                    attrs.pop(span)
            self.inline(cell, _el(tr, cell.tag, **attrs))

    def figure(self, src, dst):
        fig = _el(dst, "fig", id=self.fresh(src.get("id"), f"figure-{len(self.ids) + 1}"))
        caption = src.find(".//figcaption")
        if caption is not None:
            out = _el(fig, "caption")
            # The caption's first line is its title; lines after a <br> (资料来源：…) its paragraphs.
            parts, current = [], etree.Element("p")
            self._text(current, caption.text)
            for child in caption:
                if isinstance(child.tag, str) and child.tag == "br":
                    parts.append(current)
                    current = etree.Element("p")
                    self._text(current, child.tail)
                    continue
                if isinstance(child.tag, str):
                    self.inline_element(child, current)
                self._text(current, child.tail)
            parts.append(current)
            parts = [p for p in parts if (p.text or "").strip() or len(p)]
            if parts:
                title = parts[0]
                title.tag = "title"
                out.append(title)
                for paragraph in parts[1:]:
                    out.append(paragraph)
            else:
                fig.remove(out)
        image = src.find(".//img")
        if image is not None and image.get("src"):
            _el(fig, "graphic", **{HREF: urljoin(self.page_url, image.get("src"))})

    # the whole

    def convert(self, body):
        footnotes = [d for d in self.root.iter("div") if "footnote" in (d.get("class") or "").split()]
        for div in footnotes:
            div.getparent().remove(div)
            for item in div.iter("li"):
                match = _FN.match(item.get("id") or "")
                if match:
                    self.footnotes.append((fn_id(match.group(1)), match.group(1), item))
        stack = []  # [(level, sec)]
        container = body
        pending = etree.Element("div")  # blocks before the next heading, for `container`
        for child in list(self.root):
            if isinstance(child.tag, str) and re.fullmatch(r"h[2-6]", child.tag):
                self._emit(pending, container)
                pending = etree.Element("div")
                level = int(child.tag[1])
                while stack and stack[-1][0] >= level:
                    stack.pop()
                parent = stack[-1][1] if stack else body
                sec = _el(parent, "sec", id=self.fresh(child.get("id"), f"sec-{len(self.ids) + 1}"))
                self.inline(child, _el(sec, "title"))
                stack.append((level, sec))
                container = sec
                if child.tail and child.tail.strip():
                    pending.text = child.tail
            else:
                pending.append(child)
        self._emit(pending, container)

    def _emit(self, pending, container):
        # Emitted before the next heading's sec is made: a sec's paragraphs precede its sub-secs.
        self.blocks(pending, container)

    def back(self, root):
        if not self.footnotes:
            return
        back = _el(root, "back")
        group = _el(back, "fn-group")
        for ident, label, item in self.footnotes:
            fn = _el(group, "fn", id=ident)
            _el(fn, "label", label)
            holder = etree.Element("fn")
            self.blocks(item, holder)
            if not len(holder):
                _el(holder, "p", "")
            for p in holder:
                fn.append(p)
            _rstrip(fn[-1])


def _rstrip(element):
    """Drop the space (a no-break space before Python-Markdown's back-link) that ends a note."""
    if len(element):
        last = element[-1]
        if last.tail is not None:
            last.tail = last.tail.rstrip()
        if not last.tail and last.tag not in ("xref", "ext-link"):
            _rstrip(last)
    elif element.text is not None:
        element.text = element.text.rstrip()


def fragment_kinds(html):
    """{id: JATS ref-type} of the sections, tables and figures an internal link may name."""
    kinds = {}
    for element in lxml.html.fragment_fromstring(html or "", create_parent="div").iter():
        if not isinstance(element.tag, str) or not element.get("id"):
            continue
        if re.fullmatch(r"h[2-6]", element.tag):
            kinds[element.get("id")] = "sec"
        elif element.tag == "table":
            kinds[element.get("id")] = "table"
        elif element.tag == "figure":
            kinds[element.get("id")] = "fig"
    return kinds


def article_xml(article, body_html, links):
    """The JATS XML (bytes, UTF-8, with its DOCTYPE) of `article`.

    `body_html`: the page's rendered Markdown (before the site puts its header around it).
    `links`: url, pdf_url, doi, journal_en, publisher, copyright (each may be empty)."""
    root = etree.Element("article", nsmap={"xlink": XLINK, "mml": MML})
    root.set("article-type", ARTICLE_TYPES.get(article.kind, "other"))
    root.set("dtd-version", "1.3")
    root.set(XML_LANG, "zh")
    front(root, article, links)
    converter = _Body(body_html, links.get("url") or "", fragment_kinds(body_html))
    converter.ids.update(e.get("id") for e in root.iter() if isinstance(e.tag, str) and e.get("id"))
    body = _el(root, "body")
    converter.convert(body)
    if not len(body):
        root.remove(body)
    converter.back(root)
    _check_refs(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", doctype=DOCTYPE, pretty_print=True)


def _check_refs(root):
    """An xref to a note or section that is not there would make the file invalid (IDREF):
    such a reference keeps its text and loses the link."""
    ids = {e.get("id") for e in root.iter() if isinstance(e.tag, str) and e.get("id")}
    for xref in list(root.iter("xref")):
        if xref.get("rid") not in ids:
            parent = xref.getparent()
            text = (xref.text or "") + "".join(etree.tostring(c, method="text", encoding="unicode") for c in xref) \
                + (xref.tail or "")
            previous = xref.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + text
            else:
                parent.text = (parent.text or "") + text
            parent.remove(xref)

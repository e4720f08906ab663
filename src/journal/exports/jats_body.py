"""A rendered article body (the page's HTML, as Python-Markdown made it) as JATS 1.3 body
and back: a `sec` per heading (h2–h6, nested by level) with its paragraphs, lists, quotes,
tables and figures; note calls as `xref` to `fn`; the notes as back/fn-group.

Read with lxml.html (a parser, not patterns); every value goes into the JATS tree as text or
an attribute value, and the serializer escapes it.
"""

import re
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from .xmltext import clean

XLINK = "http://www.w3.org/1999/xlink"
HREF = f"{{{XLINK}}}href"
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_FN = re.compile(r"#?fn:(.+)")


def el(parent, tag, text=None, **attrs):
    element = etree.SubElement(parent, tag, {k: clean(v) for k, v in attrs.items() if v is not None})
    if text:
        element.text = clean(text)
    return element


def xml_id(value, fallback):
    value = str(value or "")
    return value if _ID.fullmatch(value) else fallback


def fn_id(key):
    """'fn1' for Python-Markdown's 'fn:1' (an XML ID: no colon)."""
    key = re.sub(r"[^A-Za-z0-9_.-]", "-", str(key))
    return f"fn{key}" if key else "fn"


class Body:
    """The rendered page body (HTML, parsed by lxml.html) as JATS body and back."""

    BREAKS = {"title", "td", "th", "trans-title"}  # where JATS allows <break/>

    def __init__(self, html, page_url, fragment_ids):
        self.page_url = page_url
        self.fragment_ids = fragment_ids
        self.footnotes = []  # [(id, label, [p elements as HTML])]
        self.ids = set()
        self.root = lxml.html.fragment_fromstring(html or "", create_parent="div")

    def fresh(self, wanted, fallback):
        ident = xml_id(wanted, fallback)
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
                el(dst, "xref", "".join(ref.itertext()).strip(), **{"ref-type": "fn", "rid": fn_id(match.group(1))})
                return
        if tag == "a":
            href = child.get("href") or ""
            match = _FN.match(href)
            if match:
                el(dst, "xref", "".join(child.itertext()).strip(), **{"ref-type": "fn", "rid": fn_id(match.group(1))})
                return
            if href.startswith("#"):
                target = href[1:]
                kind = self.fragment_ids.get(target)
                if kind:
                    xref = el(dst, "xref", **{"ref-type": kind, "rid": target})
                    self.inline(child, xref)
                else:
                    self.inline(child, dst)
                return
            if href:
                link = el(dst, "ext-link", **{"ext-link-type": "uri", HREF: urljoin(self.page_url, href)})
                self.inline(child, link)
                return
            self.inline(child, dst)
            return
        mapped = {"em": "italic", "i": "italic", "strong": "bold", "b": "bold", "sup": "sup", "sub": "sub",
                  "code": "monospace", "u": "underline", "s": "strike"}.get(tag)
        if mapped:
            self.inline(child, el(dst, mapped))
        elif tag == "br":
            if dst.tag in self.BREAKS:
                el(dst, "break")
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
            self.inline(child, el(dst, "p"))
        elif tag in ("ul", "ol"):
            listing = el(dst, "list", **{"list-type": "order" if tag == "ol" else "bullet"})
            for item in child.iterchildren("li"):
                self.blocks(item, el(listing, "list-item"))
            if not len(listing):
                dst.remove(listing)
        elif tag == "blockquote":
            quote = el(dst, "disp-quote")
            self.blocks(child, quote)
            if not len(quote):
                dst.remove(quote)
        elif tag == "table":
            self.table(child, dst)
        elif tag == "figure":
            self.figure(child, dst)
        elif tag == "pre":
            el(dst, "preformat", "".join(child.itertext()))
        elif tag == "div":
            self.blocks(child, dst)
        elif re.fullmatch(r"h[1-6]", tag):
            title = el(dst, "p")
            self.inline(child, el(title, "bold"))

    def table(self, src, dst):
        wrap = el(dst, "table-wrap", id=self.fresh(src.get("id"), f"table-{len(self.ids) + 1}"))
        caption = src.find("caption")
        if caption is not None:
            self.inline(caption, el(el(wrap, "caption"), "title"))
        table = el(wrap, "table")
        rows = [r for r in src.iter("tr")]
        groups = [g for g in src if isinstance(g.tag, str) and g.tag in ("thead", "tbody", "tfoot")]
        if groups:
            for group in groups:
                out = el(table, group.tag)
                for row in group.iterchildren("tr"):
                    self.row(row, out)
        else:
            body = el(table, "tbody")
            for row in rows:
                self.row(row, body)

    def row(self, src, dst):
        tr = el(dst, "tr")
        for cell in src:
            if not isinstance(cell.tag, str) or cell.tag not in ("th", "td"):
                continue
            attrs = {k: cell.get(k) for k in ("scope", "colspan", "rowspan") if cell.get(k)}
            if attrs.get("scope") not in (None, "row", "col", "rowgroup", "colgroup"):
                attrs.pop("scope")
            for span in ("colspan", "rowspan"):
                if span in attrs and not attrs[span].isdigit():
                    attrs.pop(span)
            self.inline(cell, el(tr, cell.tag, **attrs))

    def figure(self, src, dst):
        fig = el(dst, "fig", id=self.fresh(src.get("id"), f"figure-{len(self.ids) + 1}"))
        caption = src.find(".//figcaption")
        if caption is not None:
            out = el(fig, "caption")
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
            el(fig, "graphic", **{HREF: urljoin(self.page_url, image.get("src"))})

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
                sec = el(parent, "sec", id=self.fresh(child.get("id"), f"sec-{len(self.ids) + 1}"))
                self.inline(child, el(sec, "title"))
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
        back = el(root, "back")
        group = el(back, "fn-group")
        for ident, label, item in self.footnotes:
            fn = el(group, "fn", id=ident)
            el(fn, "label", label)
            holder = etree.Element("fn")
            self.blocks(item, holder)
            if not len(holder):
                el(holder, "p", "")
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


def check_refs(root):
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

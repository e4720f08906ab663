"""What a citation style returns: a run of parts, plain or italic, and where the reader's
access date goes; and what every format is given beside the article (its URL, the reader's
date, the day of its last correction)."""

from dataclasses import dataclass

from markupsafe import Markup, escape

PLAIN, ITALIC, ACCESSED = "", "i", "accessed"
ACCESSED_PLACEHOLDER = "引用日期"  # shown until the cite box's script puts the reader's date there


@dataclass(frozen=True)
class Where:
    """`url`: the article's absolute address ('' when the site has no site_url); `accessed`:
    the reader's date, YYYY-MM-DD ('' = the placeholder); `updated`: the day of the web
    version's last correction (None: as printed); `pdf`: the article PDF's absolute address ('' when
    the site makes no PDFs or has no site_url)."""

    url: str = ""
    accessed: str = ""
    updated: str | None = None
    pdf: str = ""


@dataclass(frozen=True)
class Text:
    """A formatted citation: ((kind, text), ...), kind PLAIN, ITALIC or ACCESSED."""

    parts: tuple

    @property
    def plain(self):
        return "".join(text for _, text in self.parts)

    @property
    def html(self):
        """Every value escaped; italics as <i>, the access date in <span class="cite-accessed">
        for the script that puts the reader's date there."""
        out = []
        for kind, text in self.parts:
            if kind == ITALIC:
                out.append(Markup("<i>{}</i>").format(text))
            elif kind == ACCESSED:
                out.append(Markup('<span class="cite-accessed">{}</span>').format(text))
            else:
                out.append(escape(text))
        return Markup("").join(out)

    def __str__(self):
        return self.plain


def text(*parts):
    """Text from strings (plain) and (kind, text) pairs, empty parts left out."""
    return Text(tuple((PLAIN, p) if isinstance(p, str) else p for p in parts if (p if isinstance(p, str) else p[1])))


def correction_note(where):
    """The note the reference files carry for a corrected web version ('' as printed)."""
    return f"网络版更正于 {where.updated}" if where.updated else ""

"""Text as XML 1.0 can carry it, for every export.

`clean()` drops what XML 1.0 forbids (control characters, lone surrogates, noncharacters);
`<`, `&`, quotes and `]]>` stay as typed: the serializer (lxml) escapes them. The front
matter's check refuses most of this already; the exports must still write a valid file from a
page that got past it.
"""

import re

# XML 1.0's Char production, minus the noncharacters U+FDD0..U+FDEF and U+xFFFE/U+xFFFF.
# lxml refuses the rest outright; a hostile value must still give a valid file.
_NOT_XML = re.compile(
    "[^\t\n\r\u0020-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd\U00010000-\U0010ffff]"
    "|[\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)


def clean(value):
    """`value` as text XML 1.0 can carry (a character class: linear)."""
    return _NOT_XML.sub("", "" if value is None else str(value))


def one_line(value):
    """A title, name or keyword on one line (a line break in the YAML is a space)."""
    return " ".join(clean(value).split())


def paragraphs(text):
    """An abstract's paragraphs (blank or single line breaks separate them)."""
    return [" ".join(p.split()) for p in clean(text).splitlines() if p.strip()]

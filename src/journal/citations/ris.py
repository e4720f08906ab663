"""RIS (the tagged format of Zotero, EndNote, Mendeley): one record, every field on one line.

A record is lines `TG  - value` and ends with `ER  - `. A reader starts a new tag at every
line that looks like one, so a value holding a line break could end the record and open a
forged one (`…\\nER  - \\nTY  - JOUR\\nUR  - https://elsewhere/`). Here every character that
any reader may take for a line end (what str.splitlines() splits on: \\n \\r \\v \\f \\x1c-\\x1e
\\x85 \\u2028 \\u2029) and every other control character is folded, with the spaces around it,
into one space: a value is one line, and the tag before it is always ours.
"""

import re

from .styles import full_title
from .text import correction_note

TAG = re.compile(r"[A-Z][A-Z0-9]")
# Line ends of any reader, other C0/C1 controls, and the spaces around them: one space.
_FOLD = re.compile(r"[ \t]*[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029][\x00-\x20\x7f-\x9f\u2028\u2029]*")
LINE_END = "\r\n"  # RIS's own line end (what the specification and EndNote write)


def field(value):
    """`value` as one RIS line's text: no line break or control character, no leading space."""
    return _FOLD.sub(" ", str(value)).strip()


def record(fields):
    """One RIS record from [(tag, value)]: TY first, then the fields in order, then ER.

    The tags are the caller's constants; TY and ER are written here and refused in `fields`,
    so the record's start and end cannot be moved."""
    fields = list(fields)
    if not fields or fields[0][0] != "TY":
        raise ValueError("a RIS record starts with its TY field")
    lines = []
    for n, (tag, value) in enumerate(fields):
        if not TAG.fullmatch(tag) or tag == "ER" or (tag == "TY" and n):
            raise ValueError(f"not a RIS field tag here: {tag!r}")
        lines.append(f"{tag}  - {field(value)}")
    lines.append("ER  - ")
    return "".join(line + LINE_END for line in lines)


# --- the article -------------------------------------------------------------------------------

LANGUAGE = "zh-CN"  # BCP 47, as every format that takes a language code


def article_record(article, where):
    """The article as one RIS record: the Chinese title (TI) and its English one (TT, translated
    title), the names split (AU '张, 超哲'; translators A4, Zotero's subsidiary author), the
    correction day as a note, the PDF's absolute URL as L1 (the file attachment Zotero and EndNote
    fetch) when the site makes PDFs. Every value one line (`record`)."""
    issue = article.issue
    lines = [("TY", "JOUR"), ("TI", full_title(article))]
    if article.title_en:
        lines.append(("TT", article.title_en))
    lines += [("AU", a.sorted_name) for a in article.authors]
    lines += [("A4", t.sorted_name) for t in article.translators]
    lines += [
        ("T2", issue.journal), ("JO", issue.journal), ("PY", str(issue.year)),
        ("DA", issue.published_slashed),
        ("IS", str(issue.number)), ("SP", str(article.first_page)), ("EP", str(article.last_page)),
        ("SN", issue.issn), ("LA", LANGUAGE),
    ]
    lines += [("KW", k) for k in article.keywords]
    optional = [("AB", article.abstract), ("UR", where.url), ("L1", where.pdf), ("N1", correction_note(where))]
    return record(lines + [(tag, value) for tag, value in optional if value])


def collection(records):
    """Several records in one file: RIS records simply follow one another."""
    return "".join(records)

"""BibTeX (and biblatex/biber): one entry, every value in braces, balanced by construction.

BibTeX does not honour backslash escapes when it counts braces: in `{a \\} b}` the `\\}` closes
the field, and whatever follows (`, @misc{x, url = {…}}`) is read as more entry. A trailing
`\\` swallows the field's closing brace; `^^5c` is TeX's notation for a backslash; `& # % $ _ ^ ~`
are commands or errors to TeX. So every character TeX treats specially is written as a group
that holds a text command, `{\\&}`, `{\\textbackslash}`, `{\\textbraceleft}`: BibTeX and biber
both read such a group as one character, a value's braces always balance, and no value
ends in a backslash. Line breaks and controls are folded into one space (a blank line would
be a paragraph break inside a field).

Names: `author = {A and B}` is split at every ` and ` at brace level 0, and a name's commas
separate its parts; a name's own ` and ` and commas are therefore braced (`{and}`, `{,}`), and
a name with no given name is braced whole (else its last word would be read as the family name).
Keys hold only ASCII letters, digits and `-_:.`.
"""

import re
from dataclasses import dataclass

from .text import correction_note

# Each TeX special character as a braced text command (biber maps these back to the character).
SPECIALS = {
    "\\": "{\\textbackslash}",
    "{": "{\\textbraceleft}",
    "}": "{\\textbraceright}",
    "&": "{\\&}",
    "#": "{\\#}",
    "%": "{\\%}",
    "$": "{\\$}",
    "_": "{\\_}",
    "^": "{\\textasciicircum}",
    "~": "{\\textasciitilde}",
}
_SPECIAL = re.compile(r"[\\{}&#%$_^~]")
_FOLD = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_NAME_SEPARATOR = re.compile(r"(?<!\S)and(?!\S)|,", re.I)  # what would split a name or a name list
KEY = re.compile(r"[^A-Za-z0-9_:.-]")
FIELD_NAME = re.compile(r"[a-z][a-z0-9_-]*")
ENTRY_TYPE = re.compile(r"[a-z]+")


def text(value):
    """`value` as a BibTeX field's text (to go inside the field's braces)."""
    value = _FOLD.sub(" ", str(value)).strip()
    return _SPECIAL.sub(lambda m: SPECIALS[m[0]], value)


def name(family, given=""):
    """One name of a name list, 'Family, Given': its own ' and ' and commas cannot split it."""
    protect = lambda part: _NAME_SEPARATOR.sub(lambda m: "{" + m[0] + "}", text(part))  # noqa: E731
    family, given = protect(family), protect(given)
    # Without a comma BibTeX takes the last word for the family name: a name with no given
    # name is braced whole, one family name (as for 'World Bank').
    return f"{family}, {given}" if given else f"{{{family}}}"


def names(pairs):
    """A name list from [(family, given)]."""
    return " and ".join(name(family, given) for family, given in pairs)


def key(value, fallback="entry"):
    """A citation key: ASCII letters, digits and '-_:.' only (a key ends at ',', '}' or space)."""
    return KEY.sub("", str(value)) or fallback


def entry(entry_type, citation_key, fields):
    """`@type{key,\\n  name = {value},\\n …\\n}\\n` from [(name, value)], every value escaped
    by `text`; a value that is already BibTeX (a name list from `names`) is given as
    Raw(value)."""
    if not ENTRY_TYPE.fullmatch(entry_type):
        raise ValueError(f"not a BibTeX entry type: {entry_type!r}")
    lines = []
    for field_name, value in fields:
        if not FIELD_NAME.fullmatch(field_name):
            raise ValueError(f"not a BibTeX field name: {field_name!r}")
        value = value.text if isinstance(value, Raw) else text(value)
        if not balanced(value):
            raise ValueError(f"unbalanced braces in the value of {field_name}")
        lines.append(f"  {field_name} = {{{value}}}")
    return f"@{entry_type}{{{key(citation_key)},\n" + ",\n".join(lines) + "\n}\n"


@dataclass(frozen=True)
class Raw:
    """A value already written as BibTeX by this module (names): not escaped again."""

    text: str


def balanced(value):
    """True when every brace of `value` closes one opened before it, and all are closed, and
    the value does not end in a backslash (which would take the closing brace after it)."""
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0 and not value.endswith("\\")


# --- the article -------------------------------------------------------------------------------

LANGUAGE = "chinese"  # BibTeX/biblatex take language names (biblatex and the gbt7714 styles read it)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def person(author):
    """One author for a name list. A name in Chinese script is braced whole ({张超哲}): BibTeX
    would otherwise take its given name for initials ('超. 张') or reorder it, and no style
    prints a Chinese name other than as written. A Latin name is 'Family, Given'."""
    if _HAN.search(author.name):
        return name(author.name)
    return name(author.family, author.given)


def citation_key(article):
    return key(f"{article.slug.replace('-', '')}{article.issue.year}")


def article_entry(article, where):
    """The article as one @article: Chinese title, the English one in `titleaddon` (biblatex;
    in brackets as APA prints a translation), names braced whole, the correction day as a
    note. Every value in balanced braces (`entry`); title and subtitle apart (biblatex
    prints both)."""
    issue = article.issue
    fields = [("title", article.title)]
    if article.subtitle:
        fields.append(("subtitle", article.subtitle))
    if article.title_en:
        fields.append(("titleaddon", f"[{article.title_en}]"))
    fields.append(("author", Raw(" and ".join(person(a) for a in article.authors))))
    if article.translators:
        fields.append(("translator", Raw(" and ".join(person(t) for t in article.translators))))
    fields += [
        ("journal", issue.journal), ("year", issue.year), ("date", issue.published),
        ("number", issue.number),
        ("pages", f"{article.first_page}--{article.last_page}"), ("issn", issue.issn),
        ("language", LANGUAGE),
    ]
    optional = [("keywords", ", ".join(article.keywords)), ("abstract", article.abstract), ("url", where.url),
                ("note", correction_note(where))]
    return entry("article", citation_key(article), fields + [(name, value) for name, value in optional if value])


def collection(entries):
    """Several entries in one .bib file, a blank line between them."""
    return "\n".join(entries)

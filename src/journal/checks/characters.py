"""Characters no page may hold, in front matter or body: a rule by Unicode category, not a list.

Refused: every control (Cc) but tab and newline, every format character (Cf: soft hyphen,
zero-width and direction-changing marks, the Unicode tag characters U+E0000-E007F that can
hide an ASCII text inside a name), line and paragraph separators (Zl, Zp), the fillers that
show as blank letters (Hangul U+115F, U+1160, U+3164, U+FFA0; U+034F, U+17B4, U+17B5, Braille
blank U+2800), and noncharacters (U+FDD0-FDEF and every U+xFFFE/U+xFFFF: '\\uFFFF' in a title
crashed the feeds). Each hides or reorders what a reader sees, or breaks what reads it.

One linear pass: a pattern finds the few characters outside the ranges real text is made of,
and only those are looked up.
"""

import re
import unicodedata

FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u034f\u17b4\u17b5\u2800")
CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
# Printable ASCII, CJK punctuation and ideographs (less U+3164), full-width forms (less
# U+FFA0): what most of a page is, passed over without a lookup.
_ORDINARY = re.compile(r"[^\t\n\x20-\x7e\u3000-\u3163\u3165-\u9fff\uff01-\uff9f\uffa1-\uffef]")


def invisible(char):
    code = ord(char)
    return (char in FILLERS or unicodedata.category(char) in CATEGORIES or 0xE0000 <= code <= 0xE007F
            or 0x2060 <= code <= 0x206F  # format characters, and the block's reserved (future format) ones
            or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE)


def find(text):
    """[(offset, char)] of every refused character of `text`."""
    return [(m.start(), m[0]) for m in _ORDINARY.finditer(text) if invisible(m[0])]


def message(char):
    code = ord(char)
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return f"noncharacter U+{code:04X}: it is no character to show, and breaks the feeds; delete it"
    # The wording body.py gave its shorter list, kept: the same problem, now found by category.
    name = unicodedata.name(char, "a control character")
    return (f"invisible character U+{code:04X} ({name}): control, direction-changing (bidi) and zero-width "
            "characters hide or reorder what a reader sees; delete it")


def check_body(page):
    """[Diagnostic] at each refused character of the body."""
    return [page.body_problem(offset, message(char)) for offset, char in find(page.body)]

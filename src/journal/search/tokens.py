"""A text as the words the index holds. overrides/assets/javascripts/search-query.js cuts a query
into the same words; tests/search/test_tokens.py holds the two
sides to each other.

Chinese has no spaces, and a dictionary segmenter cuts the same name differently in the index
and in a query (jieba's index holds 特朗普, a browser's Intl.Segmenter sends 特|朗|普), so the
index holds every overlapping pair of characters of each run of Chinese, and the run's last
character alone:

    中美关系 → 中美 美关 关系 系

A query of two or more characters is the phrase of its pairs (中美关系 → "中美 美关 关系"),
which the engine finds only where the pairs stand next to each other: where the characters
occur as typed. One character is a prefix of a pair or a last character. The lone last
character also stops a phrase running on into the next run of Chinese.

Pagefind's browser code runs every query through Intl.Segmenter's word breaks when the page's
language is Chinese, which would cut the pairs again. So a Chinese index word is written in
ASCII: "_" and each character's code point in base 36, four digits (中美 → _0fhp0gzq, 系 →
_0ij6). The segmenter leaves such a word whole, and no other word starts with "_" (Latin
words are letters and digits; a lone "_" is punctuation), so a one-character query, a prefix,
finds only pairs that start with that character.

Other words (Latin, digits) are stored as they are; the index (pagefind_index.py, `terms`)
holds their letters and digits in lower case (2+2 → 22, 5Es → 5es) and the parts of joined
words (burden-sharing → burdensharing, burden, sharing), and a query matches them as word
prefixes.

Punctuation and spaces are words of their own (a space as SPACE, a line break as NEWLINE:
characters of Unicode's private use area, which page_text.clean removes from every text): they
take a position each, so the words' positions follow the text (pagefind_index.py), and are
not indexed.
"""

import re
import unicodedata
from functools import cache

# Chinese characters: the CJK Unified Ideographs and their extensions, compatibility
# ideographs, and 〇. search-query.js has the same class.
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
WORD = rf"[^\W_{HAN}]+"
ATOMS = re.compile(rf"([{HAN}]+)|({WORD}(?:[+&.'’\-]{WORD})*)|( )|(\n)|([^{HAN}\s]+?(?={WORD}|[{HAN}\s]|$))|(\s)")
JOINERS = re.compile(r"[+&.'’\-]")
SPACE, NEWLINE = "\ue000", "\ue001"
GRAM = 2  # characters per index word of Chinese


DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
MARK = "_"


@cache  # a few thousand distinct characters, each met thousands of times
def code(char):
    """中 → 0fhp: the code point in base 36, four digits (enough for every code point)."""
    n, out = ord(char), ""
    while n:
        n, digit = divmod(n, 36)
        out = DIGITS[digit] + out
    return out.rjust(4, "0")


def han_words(run):
    """中美关系 → [中美, 美关, 关系, 系], each written as MARK and the characters' codes."""
    grams = [run[i:i + GRAM] for i in range(len(run) - GRAM + 1)] + [run[-1]] if len(run) >= GRAM else [run]
    return [MARK + "".join(code(c) for c in gram) for gram in grams]


def encode(text):
    """The content given to the engine for `text` (one line per paragraph, single spaces)."""
    words = []
    for han, word, space, newline, other, _other_space in ATOMS.findall(text):
        if han:
            words += han_words(han)
        elif word or other:
            words.append(word or other)
        elif space:
            words.append(SPACE)
        elif newline:
            words.append(NEWLINE)
        # other white space was made a single space by page_text.clean
    return " ".join(words)


def terms(word):
    """The index words of one word of `encode`'s content, each with whether it is a part of a
    joined word: a Chinese pair or character as it is; a Latin word's letters and digits in
    lower case (2+2 → 22, 5Es → 5es) and, for a joined word, its parts of two or more
    characters (burden-sharing → burdensharing, burden, sharing); nothing for punctuation,
    SPACE and NEWLINE. Accents are dropped (Chávez → chavez): pagefind.js drops them from every
    query word before it looks the word up. The browser asks for exactly such words
    (search-query.js engineQuery, then pagefind.js)."""
    if word.startswith(MARK) and len(word) in (1 + 4, 1 + 4 * GRAM) and word[1:].isalnum():
        return [(word, False)]
    lower = plain("".join(c.lower() for c in word))  # by character, as JavaScript lowers: ΟΔΟΣ → οδοσ
    whole = "".join(c for c in lower if c.isalnum())
    if not whole:
        return []
    parts = JOINERS.split(lower)
    return [(whole, False)] + [(part, True) for part in parts if len(parts) > 1 and len(part) > 1]


def plain(word):
    """`word` without its combining marks (café → cafe), as pagefind.js normalizes a query
    word (NFD, then every \\p{M} removed)."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def index_words(text):
    """The words the index holds for `text` (for the tests)."""
    return [term for word in encode(text).split(" ") for term, _ in terms(word)]

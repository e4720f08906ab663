"""A record's text as the terms the index holds; overrides/assets/javascripts/search-query.js
(`lookups`) asks for the same terms for a query, and tests/search/test_tokens.py holds the two
sides to each other.

Chinese has no spaces, and a dictionary segmenter cuts the same name differently in the index
and in a query (jieba's index holds 特朗普, a browser's Intl.Segmenter sends 特|朗|普), so the
index holds every run of two and of three neighbouring characters of each run of Chinese, and
every character alone:

    中美关系 → 中美 美关 关系 中美关 美关系 中 美 关 系

A query piece asks for its runs of three characters (中美关系 → 中美关, 美关系), of two
(中美), or itself (中), all in one record. The index says which records hold each term, not
where: a record holding every three-character run but not the characters as typed (a rare
case from four characters on) is a candidate that the browser drops once it has the record's
text (search-ui.js), and is counted alike offline (search-offline.js), so both answer the same.

A Latin word (letters and digits) is held in lower case without its accents, by its letters
and digits (2+2 → 22, 5Es → 5es, Chávez → chavez), as every prefix ("d", "di" … "disputes"),
so that a query word finds the words it starts; and whole, with a space after it ("ai "), so
that a thesaurus name finds only the word itself (AI, not "aims"). A joined word also gives its
parts (burden-sharing → burden, sharing; China's → china, s: a query splits it so).
"""

import re
import unicodedata
import zlib
from functools import lru_cache

# Chinese characters: the CJK Unified Ideographs and their extensions, compatibility
# ideographs, and 〇. search-query.js has the same class.
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RUN = re.compile(f"[{HAN}]+")
WORD = rf"[^\W_{HAN}]+"
LATIN = re.compile(rf"{WORD}(?:[+&.'’\-＋＆．＇－]{WORD})*")
JOINERS = re.compile(r"[+&.'’\-＋＆．＇－]")  # full-width too: ２＋２ is one word, as a query keeps it
WHOLE = " "  # after a word: the word itself, not a prefix


def han_terms(run):
    """中美关系 → {中美, 美关, 关系, 中美关, 美关系, 中, 美, 关, 系}."""
    return {run[i:i + n] for n in (2, 3) for i in range(len(run) - n + 1)} | set(run)


@lru_cache(maxsize=1 << 16)  # a record's Latin words repeat within and across records
def latin_terms(word):
    """A Latin word of the text → its terms: each form's prefixes and the form whole, the forms
    being its letters and digits in lower case without accents and, for a joined word, its
    parts."""
    lower = plain("".join(c.lower() for c in word))  # by character, as the query is lowered: ΟΔΟΣ → οδοσ
    forms = [re.sub(r"[\W_]", "", lower)]
    parts = JOINERS.split(lower)
    if len(parts) > 1:
        forms += [re.sub(r"[\W_]", "", part) for part in parts]
    out = set()
    for form in filter(None, forms):
        out.add(form + WHOLE)
        out.update(form[:n] for n in range(1, len(form) + 1))
    return frozenset(out)


def record_terms(text):
    """Every term of `text` (a set): what the index lists the record under."""
    out = set()
    for run in HAN_RUN.findall(text):
        out |= han_terms(run)
    for word in LATIN.findall(text):
        out |= latin_terms(word)
    return out


def plain(word):
    """`word` without its combining marks (café → cafe); the query side drops them alike
    (search-query.js: NFD, then every \\p{M} removed)."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def shard(term, count):
    """Which of `count` (a power of two) files holds `term`: the CRC-32 of its UTF-8, as
    search-web.js computes it (zlib's, in C: a hash in Python was a quarter of one issue's
    index time)."""
    return zlib.crc32(term.encode()) & (count - 1)

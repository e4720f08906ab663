"""Hanyu Pinyin for the references in Latin script (APA 7, Chicago, MLA).

APA 7, Chicago 18 and MLA 9 cite a work in a language written in
another script in Latin letters: the title and the journal romanised, with the English title in
brackets. For Chinese that is Hanyu Pinyin (ISO 7098): a word's syllables written together
(gongtongti, not gong tong ti), an apostrophe where a syllable starting with a, o or e follows
another (Xi'an), no tone marks (as library catalogues print it).

Words come from jieba (already the search's segmenter) with its part-of-speech tags (jieba.posseg,
kept between builds by word_cache.py: loading the tagger is slow): a place,
a person or an organisation (ns, nr, nt) is capitalised as a proper noun; the rest follows the
caller's case (sentence case for a title, every word for a journal's name). The tags are a
dictionary's guess: a title that needs another reading can be given its own (not needed yet).
The readings of each word come from pypinyin, which reads heteronyms in context (重返 chongfan),
kept between builds too (journal.memo).
"""

import re
from functools import lru_cache

from ..memo import lazy_pinyin
from . import word_cache

PROPER = {"ns", "nr", "nt", "nrt", "nrfg"}
# A title in 《》 within a title is set in italics by APA, Chicago and MLA: these two marks
# (Shift Out, Shift In: never in a title) hold its place in the pinyin until the style splits
# the text into plain and italic parts (journal.citations.styles).
BOOK_START, BOOK_END = "\x0e", "\x0f"
# Full-width punctuation of a Chinese title as Latin text writes it.
PUNCTUATION = {"：": ": ", "，": ", ", "、": ", ", "；": "; ", "？": "? ", "！": "! ", "（": " (", "）": ") ",
               "“": " “", "”": "” ", "‘": " ‘", "’": "’ ", "《": " " + BOOK_START, "》": BOOK_END + " ", "—": "–", "\u2e3a": " — ",
               "…": "…", "·": " ", "。": ". ", "　": " "}
_PUNCT = re.compile("|".join(re.escape(p) for p in PUNCTUATION))
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACES = re.compile(r" {2,}")
_BEFORE = re.compile(r" +([,.;:?!)”’\x0f])")
_AFTER = re.compile(r"([(“‘\x0e]) +")


def _syllables(word):
    syllables = lazy_pinyin(word, v_to_u=True)
    out = syllables[0]
    for syllable in syllables[1:]:
        out += ("'" if syllable[:1] in ("a", "o", "e") and out[-1:].isalpha() else "") + syllable
    return out


@lru_cache(maxsize=4096)
def words(text):
    """[(pinyin, proper)] of `text`'s words; punctuation and Latin runs as they are (proper
    None), Chinese punctuation written as Latin punctuation."""
    out = []
    # A dash between a title and its subtitle (——) is an em dash between spaces; a single one
    # (2022—2024) a range.
    for word, flag in word_cache.cut(text.replace("——", "\u2e3a")):
        if _HAN.search(word):
            out.append((_syllables(word), flag in PROPER))
        else:
            out.append((_PUNCT.sub(lambda m: PUNCTUATION[m[0]], word), None))
    return tuple(out)


def _join(parts):
    text = ""
    for part, proper in parts:
        if proper is None:
            text += part
        else:
            text += ("" if not text or text.endswith((" ", "(", "“", "‘", "—", BOOK_START)) else " ") + part
    text = _AFTER.sub(r"\1", _BEFORE.sub(r"\1", _SPACES.sub(" ", text)))
    return text.strip()


def _capital(word):
    return word[:1].upper() + word[1:]


def sentence(text):
    """A title in sentence case: 中巴命运共同体：核心特征 -> 'Zhongba mingyun gongtongti: Hexin tezheng'.
    Capitals for the first word, the first after a colon, a question or a dash, and proper nouns."""
    parts, start = [], True
    for part, proper in words(text):
        if proper is None:
            parts.append((part, None))
            if part.rstrip().endswith((":", "?", "!", ".", BOOK_START)):  # (a book's title starts a title)
                start = True
            elif re.search(r"[^\W_]", part):  # a number or a Latin word is the sentence's start
                start = False
            continue
        parts.append((_capital(part) if start or proper else part, proper))
        start = False
    return _join(parts)


def headline(text):
    """A name with every word capitalised: 国际问题研究 -> 'Guoji Wenti Yanjiu'."""
    return _join([(part if proper is None else _capital(part), proper) for part, proper in words(text)])

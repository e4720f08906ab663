"""Undo the print artefacts in the text: cut paragraphs, noisy heading levels, OCR debris.

Every rule here is conservative: it fires only where the reading is unambiguous. What no
rule can decide goes into corrections.yaml; what looks wrong but is left alone is reported
as a warning so an editor can add a correction.
"""

import re

from .model import Heading, Paragraph

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef“”‘’—…·"
CJK_ANY = f"[{CJK}{CJK_PUNCT}]"
HAN = f"[{CJK}]"
# Curly quotes, dashes and ellipses are shared by Chinese and English text: next to them alone
# a comma's language is undecided ('‘Grand Strategy’,”' is English).
SHARED_PUNCT = set("“”‘’—…·")
LATIN = "[A-Za-z0-9]"
# Python-Markdown's backslash escapes; a backslash before any other character stays in the text.
MARKDOWN_ESCAPABLE = "\\`*_{}[]()>#+-.!"
FOOTNOTE_REF = re.compile(r"\[\^\d+\]")
SENTENCE_END = set("。！？!?….:：")
CLOSERS = "”’\"'）)"
HALF_TO_FULL = {",": "，", ":": "：", ";": "；"}
CHINESE_NUMBER = "一二三四五六七八九十"
HEADING_RULES = [
    (re.compile(rf"^[{CHINESE_NUMBER}]+、"), 2),
    (re.compile(rf"^[（(][{CHINESE_NUMBER}]+[）)]"), 3),
    (re.compile(r"^\d+\.\s*"), 4),
    (re.compile(r"^[（(]\d+[）)]"), 5),
    (re.compile(r"^(?:结\s*语|结\s*论|余\s*论|引\s*言)$"), 2),
]
MARKDOWN_LINK = re.compile(r"\[(?P<text>[^\[\]]+)\]\((?P<url>[^()\s]+)\)")
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
AUTOLINK = re.compile(r"<https?://[^<>\s]+>")


# --- page breaks ---------------------------------------------------------------------------

def ends_sentence(text):
    """True when a paragraph ends a sentence, so a break after it is a real paragraph break."""
    text = FOOTNOTE_REF.sub("", text).rstrip()
    stripped = text.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END


def joiner(before, after):
    """What goes between the two halves of a cut: nothing in CJK, a space between Latin words."""
    last, first = before.rstrip()[-1:], after.lstrip()[:1]
    if not last or not first:
        return ""
    if last == "-" and first.isalnum():
        return ""
    if re.match(CJK_ANY, last) or re.match(CJK_ANY, first):
        return ""
    return " "


def join_page_breaks(items):
    """Merge a paragraph that stops mid-sentence with the paragraph that continues it."""
    from .model import Figure, Table

    merged = []
    for item in items:
        if not isinstance(item, tuple):  # a table, figure, list or quote: never joined
            merged.append(item)
            continue
        kind, text, line = item
        # A table or figure floats: print may set it inside a paragraph cut by it, which then
        # goes on after it. The paragraph goes on before the float, as a reader reads it.
        back = len(merged)
        while back and isinstance(merged[back - 1], (Table, Figure)):
            back -= 1
        previous = merged[back - 1] if back and isinstance(merged[back - 1], list) else None
        if kind == "para" and previous and previous[0] == "para" and not ends_sentence(previous[1]):
            previous[1] = previous[1].rstrip() + joiner(previous[1], text) + text.lstrip()
        else:
            merged.append([kind, text, line])
    return [tuple(item) if isinstance(item, list) else item for item in merged]


def join_paragraphs(lines):
    """The same repair for the English abstracts: [Line] -> list of paragraph texts."""
    return [text for _, text, _ in join_page_breaks([("para", l.text.strip(), l.number) for l in lines])]


# --- headings ------------------------------------------------------------------------------

def heading_level(text):
    """The level follows the numbering (一、 > （一） > 1. > （1）: 2 to 5), never the source's '#' count."""
    for pattern, level in HEADING_RULES:
        if pattern.match(text):
            return level
    return None


def normalize_heading(text):
    text = re.sub(rf"^\(([{CHINESE_NUMBER}]+|\d+)\)\s*", r"（\1）", text)
    text = re.sub(r"^（(\d+)）\s*", r"（\1）", text)
    text = re.sub(r"^(\d+)\.\s*", r"\1. ", text)
    return text


class HeadingNumbers:
    """Anchors from the heading's place in the outline (sec-2-1), so fixing a typo in a
    heading never breaks a link to it."""

    def __init__(self):
        self.counts = [0, 0, 0, 0]  # 一、 （一） 1. （1）: a deeper level never renumbers a shallower one

    def anchor(self, level):
        depth = level - 2
        self.counts[depth] += 1
        self.counts[depth + 1:] = [0] * (len(self.counts) - depth - 1)
        return "sec-" + "-".join(str(n) for n in self.counts[: depth + 1])


# --- clean text ----------------------------------------------------------------------------

def clean_links(text):
    """A link whose text is its own URL becomes an autolink; escaped underscores go."""

    def relink(match):
        label = match["text"].replace("\\\\_", "_").replace("\\_", "_")
        url = match["url"]
        if label == url:
            return f"<{url}>"
        return f"[{label}]({url})"

    return MARKDOWN_LINK.sub(relink, text)


def strip_tags(text):
    """Remove stray HTML tags left by the PDF conversion, keeping autolinks."""
    links = AUTOLINK.findall(text)
    text = AUTOLINK.sub("\0", text)
    text = TAG.sub("", text)
    for link in links:
        text = text.replace("\0", link, 1)
    return text


def unescape_markdown(text):
    """The source's escapes that Python-Markdown does not know ('\\$1.5') lose their backslash,
    which would otherwise be printed; its own escapes ('\\*', '\\_') stay."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", lambda m: m[0] if m[1] in MARKDOWN_ESCAPABLE else m[1], text)


def full_width_punctuation(text):
    """Half-width , : ; and ( ) between CJK characters become full-width, as printed.

    Only where the neighbours make it unambiguous: '2018, p.12' stays, and so does a comma
    between two shared marks (quotes, dashes), as in '‘Grand Strategy’,”'."""

    def widen(match):
        before, after = text[match.start() - 1], text[match.end()]
        if before in SHARED_PUNCT and after in SHARED_PUNCT:
            return match[0]
        return HALF_TO_FULL[match[0]]

    text = re.sub(rf"(?<={CJK_ANY})[,:;](?={CJK_ANY})", widen, text)
    # A digit or a URL on one side is still Chinese text when a Han character stands on the other.
    text = re.sub(rf"(?<={HAN})([,:;])(?=\d|<?https?://)|(?<=\d)([,:;])(?={HAN})", lambda m: HALF_TO_FULL[m[1] or m[2]], text)
    # Linear: the run inside is bounded by the next parenthesis (a '(' starts no overlapping
    # scan), and whether it holds a Han character is asked of the match, not by backtracking.
    return re.sub(rf"(?<={CJK_ANY})\(([^()A-Za-z]*)\)",
                  lambda m: f"（{m[1]}）" if re.search(HAN, m[1]) else m[0], text)


def full_width_parentheses(text):
    """Latin in parentheses inside a Chinese sentence takes full-width parentheses, as print
    does elsewhere ('建制派”（the Blob）通过'): a CJK character before '(' and a CJK character
    or Chinese punctuation after ')'. '(2018)' after Latin, or at a sentence's end in English, stays."""
    text = re.sub(rf"(?<={CJK_ANY})\(([^()\u3400-\u9fff]+)\)(?={CJK_ANY}|[,;:])", r"（\1）", text)
    # and the comma after it, before Chinese, is Chinese too: '（inoculation theory）, 认为' -> '），认为'
    return re.sub(rf"）([,:;]) *(?={HAN})", lambda m: "）" + HALF_TO_FULL[m[1]], text)


def no_space_after_note_marker(text):
    """A note marker in Chinese text is followed by no space: the source's space after
    '；[^1] ' is a gap the print does not have."""
    return re.sub(rf"(?<={CJK_ANY})(\[\^\d+\]) +", r"\1", text)


def no_space_between_han_and_latin(text):
    """One rule for Chinese beside Latin letters and digits: no literal space ('自2025年9月',
    '参见Nina Silove'); the stylesheet's text-autospace sets the gap, the same everywhere."""
    text = re.sub(rf"(?<={HAN}) +(?=\*?{LATIN})", "", text)
    return re.sub(rf"(?<={LATIN}|%) +(?={HAN})|(?<={LATIN}\*) +(?={HAN})", "", text)


def clean_text(text):
    text = unescape_markdown(strip_tags(clean_links(text)))
    text = full_width_parentheses(full_width_punctuation(text))
    return no_space_between_han_and_latin(no_space_after_note_marker(text)).strip()


# --- warnings ------------------------------------------------------------------------------

PAIRS = ["“”", "《》", "（）", "【】", "〔〕"]


def suspicious(text, allowed=()):
    """What an editor should look at: leftover tags, unmatched brackets, spaced CJK words."""
    found = []
    for tag in TAG.findall(AUTOLINK.sub("", text)):
        found.append(f"leftover HTML tag {tag!r}")
    if "data-bbox" in text or "&lt;" in text or "&gt;" in text:
        found.append("leftover HTML debris")
    for pair in PAIRS:
        if text.count(pair[0]) != text.count(pair[1]):
            found.append(f"unmatched {pair[0]}{pair[1]}: {text.count(pair[0])} opening, {text.count(pair[1])} closing")
    checked = text
    for allowed_text in allowed:
        checked = checked.replace(allowed_text, "")
    for match in re.finditer(rf"{HAN} +{HAN}", checked):
        context = checked[max(0, match.start() - 6): match.end() + 6]
        found.append(f"space inside CJK text: {context!r}")
    return found


def clean_cell(text):
    """A table cell's text: the punctuation and spacing rules, nothing Markdown (a cell is HTML)."""
    return no_space_between_han_and_latin(full_width_parentheses(full_width_punctuation(text)))


# --- likely OCR misreads ---------------------------------------------------------------------

# A lowercase Latin word between two Han characters ('当 he 国资产', '资源 and 手段') is almost
# always a misread glyph: Chinese text quotes English words with a capital, in parentheses or
# quotes, never as a bare lower-case word inside a phrase. Linear: each run of letters is met
# once from the Han character before it.
MISREAD = re.compile(rf"(?<={HAN}) *([a-z]+) *(?={HAN})")


def likely_misreads(text, allowed=()):
    """[(column, word)] of the lowercase Latin words standing between Han characters."""
    for allowed_text in allowed:
        text = text.replace(allowed_text, "\0" * len(allowed_text))
    return [(match.start(1), match[1]) for match in MISREAD.finditer(text)]


def build_body(items, allowed=(), article=None, path=None):
    """[(kind, text, line)] -> ([Paragraph | Heading | Table | Figure | ListBlock | Quote], [(line, warning)])."""
    from dataclasses import replace

    from .blocks import gather
    from .model import Figure, ListBlock, Quote, Table

    if article is not None:
        items = gather(items, article, path)
    body, warnings, numbers = [], [], HeadingNumbers()
    for item in join_page_breaks(items):
        if isinstance(item, Table):
            block = replace(item, caption=clean_text(item.caption), after=tuple(clean_text(t) for t in item.after))
            texts = (block.caption, *block.after, *(cell.text for row in block.head + block.body for cell in row))
        elif isinstance(item, Figure):
            block = replace(item, caption=clean_text(item.caption), source=tuple(clean_text(t) for t in item.source))
            texts = (block.caption, *block.source)
        elif isinstance(item, ListBlock):
            block = replace(item, items=tuple(clean_text(t) for t in item.items))
            texts = block.items
        elif isinstance(item, Quote):
            block = replace(item, paragraphs=tuple(clean_text(t) for t in item.paragraphs))
            texts = block.paragraphs
        else:
            block = None
        if block is not None:
            body.append(block)
            warnings.extend((block.line, w) for text in texts for w in suspicious(text, allowed))
            continue
        kind, text, line = item
        if kind == "head":
            title = clean_text(text.lstrip("#").strip())
            level = heading_level(title)
            if level is None:
                warnings.append((line, f"heading {title!r} has no 一、/（一）/1./（1） numbering; made level 2"))
                level = 2
            warnings.extend((line, w) for w in suspicious(title, allowed))
            body.append(Heading(level, normalize_heading(title), numbers.anchor(level), line))
        else:
            cleaned = clean_text(text)
            warnings.extend((line, w) for w in suspicious(cleaned, allowed))
            body.append(Paragraph(cleaned, line))
    return body, warnings

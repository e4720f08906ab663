"""Turn page-foot notes into article-wide footnotes.

In print, note numbers restart at [1] on every page: a page's text carries <sup>[n]</sup>
and the notes follow at the page foot, usually after a '---' rule (a few blocks have no
rule). Each reference is numbered article-wide in reading order as it is met, and checked
against the note block that closes its page. Along the way the page-foot furniture that is
not body text (the funding note, the responsible editor) is taken out.

Two habits of print the dump keeps: the funding note ('\\* 本文是…') may stand under the rule,
before note [1], and a long note may run on at the foot of the next page: there the dump
writes, after that page's rule and before its first '[n]', the rest of the note without a
number. Such a line continues the last note of the page before when that note stops
mid-sentence; where that page's notes have no rule, the line right above its first '[n]'
does, if the note stopped inside a Chinese sentence (see _runs_on).

Each body line is also told apart by what it opens (for blocks.py): a table (`<table>` up to
`</table>`, maybe over several lines), a picture `![](images/name)`, a list item (`- `,
`1. `, `（1）`), a quote line (`> `); every other line is a paragraph or a heading (`#`).
"""

import re

from ..diagnostics import Diagnostic
from .model import Footnote
from .repair import ends_sentence, joiner

REF = re.compile(r"<sup>\s*\[(\d+)\]\s*</sup>")
NOTE = re.compile(r"^\[(\d+)\]\s*(.*)$")
FUNDING = re.compile(r"^(?:\\\*|\*(?!\*))\s+(\S.*)$")
EDITOR = re.compile(r"^【责任编辑[：:]\s*(.+?)\s*】$")
RULE = "---"
PICTURE = re.compile(r"^!\[[^\]]*\]\((?P<path>[^()\s]*)\)$")
BULLET = re.compile(r"^[-*+]\s+(?P<text>\S.*)$")
NUMBERED = re.compile(r"^(?:\d{1,3}[.．]\s+|[（(]\d{1,3}[）)]\s*)(?P<text>\S.*)$")
QUOTE = re.compile(r"^>\s?(?P<text>.*)$")


class _Page:
    """References met since the last note block, and the note block being read."""

    def __init__(self):
        self.refs = []  # (local number, article-wide number, line)
        self.notes = []  # (local number, text, line)


def extract_footnotes(article, path):
    """Return the body as [(kind, text, line)] with refs as [^N]; fill article.footnotes.

    kind: 'para', 'head', 'table' (its HTML), 'picture' (the path in the dump), 'bullet' and
    'numbered' (one list item), 'quote' (one quote line, '' for a blank '>')."""
    items, page, next_number = [], _Page(), 1
    in_notes, block_has_notes, last_note = False, False, None
    following, after = {}, ""  # line number -> the next non-blank line's text
    for line in reversed(article.body_lines):
        following[line.number] = after
        after = line.text.strip() or after
    lines = iter(article.body_lines)
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        note = NOTE.match(text)
        if text == RULE or note:
            if text == RULE and in_notes:
                last_note = _close_page(page, article, path) or last_note
                page = _Page()
            if text == RULE:
                block_has_notes = False
            in_notes = True
            if note:
                page.notes.append((int(note[1]), note[2].strip(), line.number))
                block_has_notes = True
            continue
        if in_notes and FUNDING.match(text) and not block_has_notes:
            article.funding = FUNDING.match(text)[1].strip()  # printed under the rule, above [1]
            continue
        if in_notes and not block_has_notes and last_note is not None and not ends_sentence(last_note.text):
            # the rest of the last note of the page before, at the top of this page's notes
            last_note.text = last_note.text.rstrip() + joiner(last_note.text, text) + text
            continue
        if in_notes:
            last_note = _close_page(page, article, path) or last_note
            page, in_notes = _Page(), False
        if _runs_on(last_note, text, following[line.number]):
            # the same, where the page's notes have no rule: the line right above its first note
            last_note.text = last_note.text.rstrip() + joiner(last_note.text, text) + text
            last_note = None
            continue
        if FUNDING.match(text):
            article.funding = FUNDING.match(text)[1].strip()
            continue
        if EDITOR.match(text):
            article.editor = EDITOR.match(text)[1]
            continue

        def number_ref(match):
            nonlocal next_number
            page.refs.append((int(match[1]), next_number, line.number))
            next_number += 1
            return f"[^{next_number - 1}]"

        if text.lower().startswith("<table"):
            html = _whole_table(text, line, lines, article, path)
            if REF.search(html):  # a raw HTML table cannot link a note: say so, not "note not referenced"
                raise Diagnostic(path, line.number, f"a note reference inside a table of '{article.title}'; expected "
                                                    "the reference in the text or under the table (a page's table cannot link a note): "
                                                    "move it with a correction")
            items.append(("table", html, line.number))
            continue
        picture = PICTURE.match(text)
        if picture:
            items.append(("picture", picture["path"], line.number))
            continue
        for kind, pattern in (("bullet", BULLET), ("numbered", NUMBERED), ("quote", QUOTE)):
            match = pattern.match(text)
            if match:  # a numbered item keeps its number: blocks.py decides if it is a list
                items.append((kind, REF.sub(number_ref, text if kind == "numbered" else match["text"].strip()), line.number))
                break
        else:
            kind = "head" if text.startswith("#") else "para"
            items.append((kind, REF.sub(number_ref, text), line.number))
    _close_page(page, article, path)
    if article.has_funding_mark and not article.funding:
        raise Diagnostic(path, article.line, f"the title of '{article.title}' has a * but no '\\* ' funding note follows")
    return items


def _runs_on(last_note, text, next_text):
    """A line without a note marker, right above a page's first note where that page's notes
    have no rule, continues the page before's last note when that note stops inside a Chinese
    sentence (a Han character or an opening mark last: never a URL or a page number, which a
    note may end with)."""
    if last_note is None or not NOTE.match(next_text) or REF.search(text) or text.startswith(("#", "<", "!", ">", "- ")):
        return False
    end = last_note.text.rstrip()[-1:]
    return bool(end) and not ends_sentence(last_note.text) and (bool(re.match(r"[\u3400-\u9fff]", end)) or end in "，、；（《“")


# A table of the dump is one line; a few lines is a table cut by a page. More is a lost '</table>'.
MAX_TABLE_LINES = 200


def _whole_table(text, line, lines, article, path):
    """The table's HTML from its '<table' line to the line with '</table>'."""
    parts = [text]
    while "</table>" not in parts[-1].lower():
        following = next(lines, None)
        if following is None or len(parts) > MAX_TABLE_LINES:
            raise Diagnostic(path, line.number, f"a table in '{article.title}' opens here and never closes; expected '</table>'")
        parts.append(following.text.strip())
    return "".join(parts)


def _close_page(page, article, path):
    """Check the page's references and notes match one to one, then file the notes."""
    notes = {}
    for number, text, line in page.notes:
        if number in notes:
            raise Diagnostic(path, line, f"note [{number}] appears twice in one page-foot block of '{article.title}'")
        notes[number] = (text, line)
    seen = set()
    for local, _, line in page.refs:
        if local in seen:
            raise Diagnostic(path, line, f"reference [{local}] appears twice on one page of '{article.title}'; expected each note referenced once")
        seen.add(local)
        if local not in notes:
            where = f"the notes at line {page.notes[0][2]}" if page.notes else "no note block"
            raise Diagnostic(path, line, f"reference [{local}] in '{article.title}' has no note [{local}] at the foot of its page ({where})")
    for number, (_, line) in notes.items():
        if number not in seen:
            raise Diagnostic(path, line, f"note [{number}] in '{article.title}' is not referenced in the text of its page")
    filed = {}
    for local, global_number, _ in page.refs:
        text, line = notes[local]
        filed[local] = Footnote(global_number, text, line)
        article.footnotes.append(filed[local])
    return filed[max(filed)] if filed else None  # the note a next page may continue

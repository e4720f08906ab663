"""Turn page-foot notes into article-wide footnotes.

In print, note numbers restart at [1] on every page: a page's text carries <sup>[n]</sup>
and the notes follow at the page foot, usually after a '---' rule (a few blocks have no
rule). Each reference is numbered article-wide in reading order as it is met, and checked
against the note block that closes its page. Along the way the page-foot furniture that is
not body text (the funding note, the responsible editor) is taken out.
"""

import re

from ..diagnostics import Diagnostic
from .model import Footnote

REF = re.compile(r"<sup>\s*\[(\d+)\]\s*</sup>")
NOTE = re.compile(r"^\[(\d+)\]\s*(.*)$")
FUNDING = re.compile(r"^(?:\\\*|\*(?!\*))\s+(\S.*)$")
EDITOR = re.compile(r"^【责任编辑[：:]\s*(.+?)\s*】$")
RULE = "---"


class _Page:
    """References met since the last note block, and the note block being read."""

    def __init__(self):
        self.refs = []  # (local number, article-wide number, line)
        self.notes = []  # (local number, text, line)


def extract_footnotes(article, path):
    """Return the body as [('para' | 'head', text, line)] with refs as [^N]; fill article.footnotes."""
    items, page, next_number = [], _Page(), 1
    in_notes = False
    for line in article.body_lines:
        text = line.text.strip()
        if not text:
            continue
        note = NOTE.match(text)
        if text == RULE or note:
            if text == RULE and in_notes:
                _close_page(page, article, path)
                page = _Page()
            in_notes = True
            if note:
                page.notes.append((int(note[1]), note[2].strip(), line.number))
            continue
        if in_notes:
            _close_page(page, article, path)
            page, in_notes = _Page(), False
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

        kind = "head" if text.startswith("#") else "para"
        items.append((kind, REF.sub(number_ref, text), line.number))
    _close_page(page, article, path)
    if article.has_funding_mark and not article.funding:
        raise Diagnostic(path, article.line, f"the title of '{article.title}' has a * but no '\\* ' funding note follows")
    return items


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
    for local, global_number, _ in page.refs:
        text, line = notes[local]
        article.footnotes.append(Footnote(global_number, text, line))

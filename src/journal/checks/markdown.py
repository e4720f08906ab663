"""The pieces of Markdown the checks look for, with their offsets in the body.

Found as Python-Markdown reads them, with the extensions MkDocs runs for this site (those of
mkdocs.yml, and tables and fenced_code, which MkDocs always adds). Every pattern here runs in time linear in the page, whatever the page
holds: no pattern can backtrack over a run that another repetition could also match.

What must start a line is matched as '\n…' in '\n' + body (see lines): Python's regular
expressions find a literal '\n' quickly, where '^' in MULTILINE mode is tried at every
character, ten times slower.
"""

import re
from dataclasses import dataclass

FOOTNOTE_DEFINITION = re.compile(r"\n {0,3}\[\^([^\]\s]+)\]:")  # at a line start: see lines()
# A label holds no '[': from each '[^' the scan stops at the next one, so a run of '[^' is
# read in linear time (with '[' allowed, each of n starts scanned the rest of the line).
# Python-Markdown would take '[^a[b]' for a note 'a[b'; body.py refuses such a label anyway.
FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\]\s\[]+)\]")
HEADING_LINE = re.compile(r"\n(#[^\n]*)")
# A heading's own anchor, the attr_list the pages use: '## 一、引言 {#sec-1}'.
HEADING_ANCHOR = re.compile(r" \{#([^{}]*)\}$")
ANCHOR_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# An inline link or image starts its address at '](': '[text](address)' or
# '[text](address "title")'. The address holds no space, quote, bracket, angle bracket or
# backslash (browsers read '\' as '/'); parentheses only in pairs, as in Wikipedia addresses.
LINK_OPEN = re.compile(r"\]\(")
_ADDRESS_CHAR = r"[^\s()<>\"'`\[\]\\]"
LINK = re.compile(rf"\]\((?P<target>{_ADDRESS_CHAR}*(?:\({_ADDRESS_CHAR}*\){_ADDRESS_CHAR}*)*)"
                  r'(?: "(?P<title>[^"\n<>]*)")?\)')
# An image: '![description](figure-1.png)'; its description holds no bracket, so the ']('
# that follows is its own. '![^' is an exclamation mark before a footnote reference.
IMAGE_OPEN = re.compile(r"!\[(?!\^)")
IMAGE = re.compile(r"!\[[^\[\]\n]*\]\(")
# <https://…>, <http://…>, <mailto:…@…>: the autolinks the pages may use.
AUTOLINK = re.compile(r"<((?:https?://|mailto:[^\s<>@]+@)[^\s<>]*)>", re.I)


@dataclass(frozen=True)
class Link:
    offset: int  # of the ']('
    target: str
    image: bool


@dataclass(frozen=True)
class Heading:
    offset: int  # of the line
    level: int  # 0 when the line is not a well-formed heading
    text: str
    anchor: str | None  # the id in ' {#…}' at the end, as written
    anchor_offset: int | None  # of its '{'


def lines(pattern, body):
    """Matches of `pattern`, which starts with '\n', at the start of the lines of `body`.
    A match's start() is the offset in `body` of the line it starts; its groups' offsets are
    one more than in `body`."""
    return pattern.finditer("\n" + body)


def headings(body):
    """Every line starting with '#' (Python-Markdown makes any such line a heading)."""
    found = []
    for match in lines(HEADING_LINE, body):
        line = match[1].rstrip()
        level = len(line) - len(line.lstrip("#"))
        text = line[level:]
        if level > 6 or not text.startswith(" ") or not text.strip():
            found.append(Heading(match.start(), 0, text, None, None))
            continue
        anchor = HEADING_ANCHOR.search(text)
        if anchor:
            found.append(Heading(match.start(), level, text[: anchor.start()].strip(), anchor[1],
                                 match.start() + level + anchor.start() + 1))
        else:
            found.append(Heading(match.start(), level, text.strip(), None, None))
    return found


def links(body):
    """([Link], [offset of every '](' that does not make a well-formed link])."""
    images = {match.end() - 2 for match in IMAGE.finditer(body)}  # their '](' offsets
    found, broken = [], []
    for opening in LINK_OPEN.finditer(body):
        match = LINK.match(body, opening.start())
        if match:
            found.append(Link(opening.start(), match["target"], opening.start() in images))
        else:
            broken.append(opening.start())
    return found, broken


def autolinks(body):
    """[(address, offset)] of <https://…> and <mailto:…> autolinks."""
    return [(match[1], match.start()) for match in AUTOLINK.finditer(body)]


def footnotes(body):
    """([(label, offset)] of the definitions '[^label]:' at the start of a line,
    [(label, offset)] of the references '[^label]' everywhere else)."""
    definitions = [(match[1], match.start(1) - 3) for match in lines(FOOTNOTE_DEFINITION, body)]
    starts = {offset for _, offset in definitions}
    references = [(match[1], match.start()) for match in FOOTNOTE_REFERENCE.finditer(body) if match.start() not in starts]
    return definitions, references


@dataclass(frozen=True)
class Chunk:
    """A run of lines between empty lines: what Python-Markdown reads as one block (or more)."""
    start: int  # offset in the body of its first line
    end: int  # offset just after its last line (before the '\n' that ends it)
    lines: tuple  # (offset, text) of each line

    @property
    def text(self):
        return "\n".join(text for _, text in self.lines)


def chunks(body):
    """The body's runs of non-empty lines, in order. A line of only spaces or tabs counts as
    empty here, as Python-Markdown counts it (body.py refuses such a line on its own)."""
    found, current, offset = [], [], 0
    for line in body.split("\n"):
        if line.strip(" \t"):
            current.append((offset, line))
        elif current:
            found.append(Chunk(current[0][0], current[-1][0] + len(current[-1][1]), tuple(current)))
            current = []
        offset += len(line) + 1
    if current:
        found.append(Chunk(current[0][0], current[-1][0] + len(current[-1][1]), tuple(current)))
    return found

"""The Markdown a page's body may hold: an allow-list, and everything else refused at its line.

A correction may hold what the articles are made of, and nothing more:

- paragraphs, separated by empty lines, each line starting at the left margin;
- headings '## 标题', one to six '#', optionally ending with their anchor ' {#sec-1}'
  (lower-case letters, digits and hyphens);
- footnote references [^12] and definitions '[^12]: …' at the start of a line (labels are
  numbers, or letters, digits and hyphens);
- emphasis, *斜体* and **粗体**;
- links [text](address) and [text](address "title"), autolinks <https://…>, <mailto:…>
  (links.py checks where they lead and that the scheme is https, http or mailto);
- pictures ![说明](figure-1.png): a .png, .jpg, .jpeg, .webp or .gif beside the page;
- four inline HTML tags, in ALLOWED_HTML, with only the attributes listed there, as plain
  text in double quotes. They are read with Python's HTML parser, as a browser would read
  them, never matched with patterns: '<abbr title='">' onmouseover=…>' is an abbr with an
  onmouseover attribute, and refused as one.

Refused wherever it is: any other block (lists, block quotes, code, rules, tabs, link
definitions), any other '{…}' (attr_list would put style=, class= or on…= on the text),
backticks (the articles print no code), other HTML, character references (&#x202e;), control,
direction-changing (bidi) and zero-width characters, anything a browser would run.

Python-Markdown reads any line that opens no block as paragraph text; so the rules below name
every block opener Python-Markdown knows (with the extensions MkDocs runs: those of mkdocs.yml,
and tables and fenced_code, which MkDocs always adds) and accept only the heading and the
footnote definition. tests/checks/test_body.py renders what passes with those extensions and
finds only the HTML allowed here.
"""

import re
import unicodedata
from html.parser import HTMLParser

from .markdown import ANCHOR_ID, AUTOLINK, IMAGE, IMAGE_OPEN, headings, lines, links

# Tag -> the attributes it may carry. Each tag allowed is one more thing to keep safe; the
# pages need none of them today, a correction may need these.
ALLOWED_HTML = {
    "sup": (),  # superscript: 10<sup>3</sup>
    "sub": (),  # subscript: CO<sub>2</sub>
    "br": (),  # a line break inside a paragraph
    "abbr": ("title",),  # <abbr title="Association of Southeast Asian Nations">ASEAN</abbr>
}
PLAIN_FORM = {"sup": "<sup>", "sub": "<sub>", "br": "<br>", "abbr": '<abbr title="…">'}
ALLOWED_LIST = ", ".join(PLAIN_FORM.values())
# An allowed tag written plainly: lower-case name, each value in double quotes, plain text.
PLAIN_TAG = re.compile(r'<[a-z]+(?: [a-z]+="[^"<>&\'`]*")* ?/?>')
PLAIN_END_TAG = re.compile(r"</[a-z]+>")
IMAGE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*\.(?:png|jpg|jpeg|webp|gif)")

# Every block Python-Markdown would open at the start of a line, but the heading and the
# footnote definition; matched at line starts only (markdown.lines), so the scan is linear.
# A footnote's text is read as a block too ('[^3]: - x' is a list in a note): the same
# openers, and a heading, are refused after '[^3]: '.
OPENERS = (
    r"(?P<quote>>)"
    r"|(?P<rule>[-=_*][-=_* \t]*$)"  # before list: '* * *' is a rule
    r"|(?P<list>[-*+][ \t])"
    r"|(?P<numbered>[0-9]+\.[ \t])"
    r"|(?P<tab>={3})"
    r"|(?P<definition>\[[^\]^\n][^\]\n]*\]:)"
    r"|(?P<fence>~{3})"  # fenced code; the backtick fence is refused with every backtick
    r"|(?P<table>(?=[^\n]*\|)[-:| \t]+$)"  # a table's |---|---| line (a lone '|' will do)
)
BLOCK_OPENERS = re.compile(rf"\n(?:(?P<indented>[ \t])|{OPENERS})", re.M)  # re.M: for the '$' of a rule line
NOTE_OPENERS = re.compile(rf"\n\[\^[^\]\s]+\]: *(?:(?P<indented>\t)|(?P<heading>#)|{OPENERS})", re.M)
BLOCK_MESSAGES = {
    "indented": "a line may not start with a space or a tab: Markdown reads an indented line as code or a nested block; "
                "start it at the left margin (and leave an empty line empty)",
    "quote": "'>' at the start of a line makes a block quote, which the pages do not use: remove it",
    "list": "'- ', '* ' or '+ ' at the start of a line makes a list, which the pages do not use: write the item as a paragraph",
    "numbered": "'1. ' at the start of a line makes a numbered list, which the pages do not use: write '1．' or '（1）'",
    "rule": "a line of only '-', '=', '*' or '_' draws a rule or makes the line above a heading: write headings as '## 标题'",
    "tab": "'===' at the start of a line opens a tab, which the pages do not use: remove it",
    "definition": "'[name]: address' defines a link target, which the pages do not use: write links as [text](address)",
    "fence": "'~~~' at the start of a line opens a code block, which the pages do not use: remove it",
    "table": "a line of only '|', '-' and ':' makes the line above it a table, which the pages do not use: write the figures as text",
    "heading": "a footnote holds no heading: write the note as text",
}
IN_A_NOTE = "in a footnote's text: "

# The characters the schema's text pattern refuses in front matter (test_schema.py checks
# the two lists agree); tab and newline are the only control characters a body may hold.
HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z0-9]+);")  # what Python-Markdown passes through
BACKTICK = re.compile("`")
# '[^' opens a footnote; its label is a number or a word (an empty or odd one crashes the build).
ODD_FOOTNOTE = re.compile(r"\[\^(?![0-9A-Za-z-]+\])")
# Text the toc and footnotes extensions replace wherever it stands alone in an element.
MARKERS = {"[TOC]": "'[TOC]' inserts a table of contents: the site shows one itself, remove it",
           "///Footnotes Go Here///": "this text moves the footnotes: remove it, they belong at the end"}
MARKER_PATTERNS = [re.compile(re.escape(marker)) for marker in MARKERS]  # one each: a literal is found fast
BRACE = re.compile(r"\{")
MARKUP_START = re.compile(r"<[A-Za-z/!?]")  # where a browser or Python-Markdown may see HTML


def check_body(page):
    """[Diagnostic] for everything in the body outside the allow-list, in any order."""
    body = page.body
    problems = [page.body_problem(m.start(), BLOCK_MESSAGES[m.lastgroup]) for m in lines(BLOCK_OPENERS, body)]
    problems += [page.body_problem(m.start(), IN_A_NOTE + BLOCK_MESSAGES[m.lastgroup]) for m in lines(NOTE_OPENERS, body)]
    problems += [page.body_problem(m.start(), MARKERS[m[0]]) for marker in MARKER_PATTERNS for m in marker.finditer(body)]
    problems += [page.body_problem(m.start(), "a footnote is written [^12], its label a number (or letters, digits and hyphens), "
                                   "and defined '[^12]: …' at the start of a line") for m in ODD_FOOTNOTE.finditer(body)]
    problems += check_headings(page)
    problems += check_links_and_images(page)
    problems += check_html(page)
    problems += [page.body_problem(m.start(), "backticks are not allowed: the pages print no code, and Markdown would show "
                                   "the text between two of them as code; remove them") for m in BACKTICK.finditer(body)]
    problems += [page.body_problem(m.start(), f"character reference {m[0]!r} is not allowed: type the character itself")
                 for m in CHARACTER_REFERENCE.finditer(body)]
    problems += [page.body_problem(m.start(), hidden_message(m[0])) for m in HIDDEN.finditer(body)]
    return problems


def hidden_message(char):
    name = unicodedata.name(char, "a control character")
    return (f"invisible character U+{ord(char):04X} ({name}): control, direction-changing (bidi) and zero-width "
            "characters hide or reorder what a reader sees; delete it")


def check_headings(page):
    """Heading form and anchors, and '{' anywhere else (attr_list would give the text before it
    any attribute: style=, class=, on…=, href=)."""
    problems, anchors = [], set()
    for heading in headings(page.body):
        if not heading.level:
            problems.append(page.body_problem(heading.offset, "write headings as '## 标题' or '## 标题 {#sec-1}': one to six '#', a space, the text"))
        elif heading.anchor is not None:
            anchors.add(heading.anchor_offset)
            if not ANCHOR_ID.fullmatch(heading.anchor):
                problems.append(page.body_problem(heading.offset, f"a heading's anchor is written {{#sec-1}}: lower-case letters, digits and hyphens, got {{#{heading.anchor}}}"))
    for match in BRACE.finditer(page.body):
        if match.start() not in anchors:
            problems.append(page.body_problem(match.start(), "'{' is only for a heading's anchor, '## 标题 {#sec-1}': elsewhere Markdown reads '{…}' as HTML attributes for the text before it"))
    return problems


def check_links_and_images(page):
    """Links and pictures in the one form Python-Markdown and this check read alike."""
    problems = []
    found, broken = links(page.body)
    for offset in broken:
        problems.append(page.body_problem(offset, "a link is written [text](address) or [text](address \"title\"): no spaces, quotes, "
                                          "brackets or backslashes in the address"))
    images = {match.start() for match in IMAGE.finditer(page.body)}
    for match in IMAGE_OPEN.finditer(page.body):
        if match.start() not in images:
            problems.append(page.body_problem(match.start(), "a picture is written ![说明](figure-1.png), the description without brackets"))
    for link in found:
        if link.image and not IMAGE_NAME.fullmatch(link.target):
            problems.append(page.body_problem(link.offset, f"a picture must be a .png, .jpg, .jpeg, .webp or .gif file in this page's folder, "
                                              f"named in lower case (![说明](figure-1.png)), got {link.target!r}"))
    return problems


# ---------------------------------------------------------------------------------------------
# Inline HTML
# ---------------------------------------------------------------------------------------------

class Tags(HTMLParser):
    """Every tag, comment, declaration and processing instruction, by (line, column)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = {}

    def _add(self, kind, tag=None, attrs=()):
        raw = self.get_starttag_text() if kind == "start" else None
        self.found[self.getpos()] = (kind, tag, attrs, raw)

    def handle_starttag(self, tag, attrs):
        self._add("start", tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._add("start", tag, attrs)

    def handle_endtag(self, tag):
        self._add("end", tag)

    def handle_comment(self, data):
        self._add("HTML comment '<!--…'")

    def handle_decl(self, decl):
        self._add("HTML declaration '<!…'")

    def unknown_decl(self, data):
        self._add("HTML declaration '<![…'")

    def handle_pi(self, data):
        self._add("processing instruction '<?…'")


def check_html(page):
    """Every place that could start HTML must hold an allowed tag, written plainly."""
    autolinks = {m.start() for m in AUTOLINK.finditer(page.body)}  # links, not tags
    starts = [m.start() for m in MARKUP_START.finditer(page.body) if m.start() not in autolinks]
    if not starts:
        return []  # the usual page: no parser needed
    # The parser reads the body with the autolinks blanked (same length: offsets stay right).
    text = AUTOLINK.sub(lambda m: " " * len(m[0]), page.body)
    parser = Tags()
    try:
        parser.feed(text)
        parser.close()
    except AssertionError:  # Python 3.11's parser gives up on some malformed '<![…': what it
        pass                # did not read has no token, and is refused below like all else
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    tags = {line_starts[line - 1] + column: token for (line, column), token in parser.found.items()}
    problems = []
    for offset in starts:
        problem = tag_problem(tags.get(offset), text, offset)
        if problem:
            problems.append(page.body_problem(offset, problem))
    return problems


def tag_problem(token, text, offset):
    if token is None:  # the parser read it as text, or inside something else: never guess
        return (f"'<' here would start raw HTML; only {ALLOWED_LIST} are allowed "
                "(for a less-than sign write '＜' or leave a space after '<')")
    kind, tag, attrs, raw = token
    if kind not in ("start", "end"):
        return f"raw HTML not allowed: {kind}"
    name = f"<{'/' if kind == 'end' else ''}{tag}>"
    if tag not in ALLOWED_HTML:
        return f"raw HTML {name} not allowed (allowed: {ALLOWED_LIST}; otherwise use Markdown)"
    if kind == "end":
        return None if PLAIN_END_TAG.match(text, offset) else f"write the closing tag plainly: </{tag}>"
    for attr, _ in attrs:
        if attr not in ALLOWED_HTML[tag]:
            allowed = f"only {', '.join(ALLOWED_HTML[tag])}" if ALLOWED_HTML[tag] else "none"
            return f"attribute '{attr}' not allowed on <{tag}> (allowed: {allowed})"
    if not PLAIN_TAG.fullmatch(raw):
        return f"write <{tag}> plainly, as {PLAIN_FORM[tag]}: lower case, each value in double quotes, plain text (no <, >, quotes or &)"
    return None

"""The Markdown a page's body may hold: an allow-list, and everything else refused at its line.

The allow-list is data: src/journal/schema/body.allow-list.yaml (journal.schema.allow_list),
the blocks, the HTML elements with their attributes and the patterns of their values, each
with the description the messages and CONTRIBUTING.md's tables show. A page may hold:

- paragraphs, separated by empty lines, each line starting at the left margin;
- headings '## 标题', two to five '#', optionally ending with their anchor ' {#sec-1}'
  (lower-case letters, digits and hyphens);
- footnote references [^12] and definitions '[^12]: …' at the start of a line (labels are
  numbers, or letters, digits and hyphens);
- lists ('- 项', or '1. 项', '2. 项' …) and block quotes ('> 引文', '>' between its
  paragraphs): runs of such lines between empty lines, one line per item, nothing nested;
- tables: one HTML block '<table id="table-N">' … '</table>' of table/caption/thead/tbody/tr/
  th/td, and figures: '<figure id="figure-N" markdown="span">', the picture, '<figcaption>',
  '</figure>'. Both are read with Python's HTML parser (check_block), never matched with
  patterns;
- emphasis, *斜体* and **粗体**;
- links [text](address) and [text](address "title"), autolinks <https://…>, <mailto:…>
  (links.py checks where they lead and that the scheme is https, http or mailto);
- pictures ![说明](figure-1.png): a .png, .jpg, .jpeg, .webp or .gif beside the page;
- the inline HTML elements of the allow-list (sup, sub, br, abbr), with only its attributes,
  as plain text in double quotes. They are read with Python's HTML parser, as a browser would
  read them: '<abbr title='">' onmouseover=…>' is an abbr with an onmouseover attribute, and
  refused as one.

Refused wherever it is: any other block (nested lists or quotes, code, rules, tabs, link
definitions), any other '{…}' (attr_list would put style=, class= or on…= on the text),
backticks (the articles print no code), other HTML, character references (&#x202e;; a table's
text may hold &amp; &lt; &gt; &quot;), anything a browser would run (invisible characters:
journal.checks.characters).

Python-Markdown reads any line that opens no block as paragraph text; so the rules below name
every block opener Python-Markdown knows (with the extensions MkDocs runs: those of mkdocs.yml,
and tables and fenced_code, which MkDocs always adds) and accept only the blocks above, in
their one form. tests/checks/test_body.py renders what passes with those extensions and
finds only the HTML allowed here.
"""

import re
from html.parser import HTMLParser
from pathlib import PurePosixPath

from journal.schema.allow_list import ALLOWED

from .markdown import ANCHOR_ID, AUTOLINK, IMAGE, IMAGE_OPEN, chunks, headings, lines, links

# Tag -> the attributes it may carry, inline (in paragraphs, headings, items, quotes, notes).
INLINE = ALLOWED.where("inline")
ALLOWED_HTML = {tag: tuple(element.attributes) for tag, element in INLINE.items()}
PLAIN_FORM = {tag: "<" + " ".join([tag] + [f'{name}="…"' for name in element.attributes]) + ">" for tag, element in INLINE.items()}
ALLOWED_LIST = ", ".join(PLAIN_FORM.values())
# An allowed tag written plainly: lower-case name, each value in double quotes, plain text.
PLAIN_TAG = re.compile(r'<[a-z]+(?: [a-z]+="[^"<>&\'`]*")* ?/?>')
PLAIN_END_TAG = re.compile(r"</[a-z]+>")
# The elements of table and figure blocks, refused elsewhere with a word on where they belong.
BLOCK_TAGS = {tag: element.where for tag, element in ALLOWED.elements.items() if element.where != "inline"}
IMAGE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*\.(?:png|jpg|jpeg|webp|gif)")

# Every block Python-Markdown would open at the start of a line but those the allow-list
# names; matched at line starts only (markdown.lines), so the scan is linear. A footnote's
# text is read as a block too ('[^3]: - x' is a list in a note): there the list and quote
# openers, and a heading, are refused as well. Lists and quotes in the body: check_chunks.
OPENERS = (
    r"(?P<rule>[-=_*][-=_* \t]*$)"  # before list: '* * *' and '- - -' are rules
    r"|(?P<list>[*+][ \t])"
    r"|(?P<tab>={3})"
    r"|(?P<definition>\[[^\]^\n][^\]\n]*\]:)"
    r"|(?P<fence>~{3})"  # fenced code; the backtick fence is refused with every backtick
    r"|(?P<table>(?=[^\n]*\|)[-:| \t]+$)"  # a table's |---|---| line (a lone '|' will do)
)
CONTRACT_OPENERS = r"(?P<quote>>)|(?P<dash>-[ \t])|(?P<numbered>[0-9]+\.[ \t])"
BLOCK_OPENERS = re.compile(rf"\n(?:(?P<indented>[ \t])|{OPENERS})", re.M)  # re.M: for the '$' of a rule line
NOTE_OPENERS = re.compile(rf"\n\[\^[^\]\s]+\]: *(?:(?P<indented>\t)|(?P<heading>#)|{CONTRACT_OPENERS}|{OPENERS})", re.M)
# What may not start a list item's or a quote's text: any block of its own (no nesting).
NESTED_OPENERS = re.compile(rf"(?P<indented>[ \t])|(?P<heading>#)|(?P<note>\[\^[^\]\n]*\]:)|{CONTRACT_OPENERS}|{OPENERS}", re.M)
BLOCK_MESSAGES = {
    "indented": "a line may not start with a space or a tab: Markdown reads an indented line as code or a nested block; "
                "start it at the left margin (and leave an empty line empty)",
    "quote": "'>' here would make a block quote inside another block: a quote is lines starting '> ' between empty lines, nothing nested",
    "dash": "'- ' here would make a list inside another block: a list is lines '- 项' between empty lines, nothing nested",
    "list": "'* ' or '+ ' at the start of a line makes a list: write list items as '- 项' (or '1. 项'), one line each, "
            "between empty lines",
    "numbered": "'1. ' here would make a numbered list inside another block: a list is lines '1. 项', '2. 项' … between empty lines, nothing nested",
    "rule": "a line of only '-', '=', '*' or '_' draws a rule or makes the line above a heading: write headings as '## 标题'",
    "tab": "'===' at the start of a line opens a tab, which the pages do not use: remove it",
    "definition": "'[name]: address' defines a link target, which the pages do not use: write links as [text](address)",
    "fence": "'~~~' at the start of a line opens a code block, which the pages do not use: remove it",
    "table": "a line of only '|', '-' and ':' makes the line above it a table: write a table as an HTML block "
             "'<table id=\"table-1\">' … '</table>' (see CONTRIBUTING.md)",
    "heading": "a footnote holds no heading: write the note as text",
    "note": "a footnote is defined at the start of a line of its own, '[^12]: …', not inside a list or a quote",
}
IN_A_NOTE = "in a footnote's text: "

# How each line of a chunk (a run of lines between empty lines) starts.
DASH_ITEM = re.compile(r"- (?=\S)")
NUMBERED_ITEM = re.compile(r"([0-9]+)\. (?=\S)")
LIST_NUMBER = re.compile(r"[0-9]+\.[ \t]")
QUOTE_LINE = re.compile(r"> (?=\S)|> ?$")  # "> " alone: an editor's trailing space
BLOCK_START = re.compile(r"<(table|figure)(?![A-Za-z0-9-])")
LIST_KINDS = ("unordered_list", "ordered_list")
FIGURE_PICTURE = re.compile(r"!\[(?P<alt>[^\[\]\n]+)\]\((?P<name>[^()\s\"'<>]+)\)")

# Invisible characters (controls, format characters, fillers, noncharacters) are refused by
# journal.checks.characters, by Unicode category, in the body and the front matter alike.
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
# A '<' with no '>' before the next '<': no tag can start there. Python's HTML parser would look
# for its end through the rest of the text, at every such '<' (quadratic: 40 KB of 'a<' took
# 15 s); blanked before parsing (one space for one '<': offsets stay right), refused as text
# that would start raw HTML. Linear: each '<' scans only to the next '<' or '>'.
UNCLOSED = re.compile(r"<(?=[^<>]*(?:<|\Z))")


def without_unclosed(text):
    return UNCLOSED.sub(" ", text)
# Markdown inside a table's or a caption's text is not read (the block is raw HTML): it
# would print as typed.
UNREAD_MARKDOWN = re.compile(r"\[\^|\]\(")


def check_body(page):
    """[Diagnostic] for everything in the body outside the allow-list, in any order."""
    body = page.body
    problems = [page.body_problem(m.start(), BLOCK_MESSAGES[m.lastgroup]) for m in lines(BLOCK_OPENERS, body)]
    problems += [page.body_problem(m.start(), IN_A_NOTE + note_message(m.lastgroup)) for m in lines(NOTE_OPENERS, body)]
    problems += [page.body_problem(m.start(), MARKERS[m[0]]) for marker in MARKER_PATTERNS for m in marker.finditer(body)]
    problems += [page.body_problem(m.start(), "a footnote is written [^12], its label a number (or letters, digits and hyphens), "
                                   "and defined '[^12]: …' at the start of a line") for m in ODD_FOOTNOTE.finditer(body)]
    block_problems, html_blocks = check_chunks(page)
    problems += block_problems
    problems += check_headings(page)
    problems += check_links_and_images(page)
    problems += check_html(page, html_blocks)
    problems += [page.body_problem(m.start(), "backticks are not allowed: the pages print no code, and Markdown would show "
                                   "the text between two of them as code; remove them") for m in BACKTICK.finditer(body)]
    problems += [page.body_problem(m.start(), f"character reference {m[0]!r} is not allowed: type the character itself")
                 for m in CHARACTER_REFERENCE.finditer(body) if not in_table_text(m, html_blocks)]
    return problems


def note_message(group):
    if group in ("dash", "quote", "numbered"):
        return {"dash": "'- ', '* ' or '+ ' at the start of a line makes a list, which a footnote does not hold: write the note as text",
                "quote": "'>' makes a block quote, which a footnote does not hold: write the note as text",
                "numbered": "'1. ' makes a numbered list, which a footnote does not hold: write '1．' or '（1）'"}[group]
    return BLOCK_MESSAGES[group]


def in_table_text(match, html_blocks):
    """A character reference a table may hold: &amp; &lt; &gt; &quot;, inside a table block."""
    return match[0] in ALLOWED.character_references and any(
        kind == "table" and start <= match.start() < end for kind, start, end in html_blocks)


# ---------------------------------------------------------------------------------------------
# Blocks: lists, quotes, tables and figures, each a run of lines between empty lines
# ---------------------------------------------------------------------------------------------

def line_kind(text):
    """What a line opens when it starts a chunk: a list item, a quote line, a table or figure
    block, or None (a paragraph, heading or footnote: the other checks read those)."""
    if text[:2] in ("- ", "-\t") and text.strip("-=_* \t"):  # a line of only '-', '*' …: a rule, refused as one
        return "unordered_list"
    if LIST_NUMBER.match(text):
        return "ordered_list"
    if text.startswith(">"):
        return "quote"
    block = BLOCK_START.match(text)
    return block[1] if block else None


def check_chunks(page):
    """([Diagnostic], [(kind, start, end)] of the table and figure blocks) for the lists,
    quotes, tables and figures of the body: each a chunk of its own, in its one form."""
    problems, html_blocks, previous, anchors = [], [], None, {None}
    for chunk in chunks(page.body):
        kind = line_kind(chunk.lines[0][1])
        for offset, text in chunk.lines[1:]:
            inner = line_kind(text)
            if inner and kind is None:
                what = ALLOWED.blocks[inner].description.split(":")[0]
                problems.append(page.body_problem(offset, f"{what} starts after an empty line, and an empty line follows it: "
                                                  f"{ALLOWED.blocks[inner].description}"))
        if kind in LIST_KINDS:
            problems += check_list(page, chunk, kind)
            if previous in LIST_KINDS:
                problems.append(page.body_problem(chunk.start, "two lists with only an empty line between them make one list "
                                                  "(Markdown joins them): put a paragraph between them, or make them one list"))
        elif kind == "quote":
            problems += check_quote(page, chunk)
            if previous == "quote":
                problems.append(page.body_problem(chunk.start, "two block quotes with only an empty line between them make one "
                                                  "(Markdown joins them): join them with a line of only '>', or put a paragraph between them"))
        elif kind in ("table", "figure"):
            html_blocks.append((kind, chunk.start, chunk.end))
            block_problems, anchor = check_block(page, chunk, kind)
            problems += block_problems
            if anchor in anchors:
                problems.append(page.body_problem(chunk.start, f"id=\"{anchor}\" is given twice on this page: number the {kind}s 1, 2, 3 …"))
            anchors.add(anchor)
        previous = kind
    return problems, html_blocks


def check_list(page, chunk, kind):
    problems, expected = [], 1
    for offset, text in chunk.lines:
        if kind == "unordered_list":
            item = DASH_ITEM.match(text)
            form = "'- ' and the item's text"
        else:
            item = NUMBERED_ITEM.match(text)
            form = f"'{expected}. ' and the item's text"
            if item and int(item[1]) != expected:
                problems.append(page.body_problem(offset, f"a numbered list counts 1., 2., 3. … from 1: write '{expected}. ' here, not '{item[1]}. '"))
            expected += 1
        if not item:
            problems.append(page.body_problem(offset, f"every line of a list is one item, {form} (an empty line ends the list): "
                                              + ALLOWED.blocks[kind].description))
            continue
        problems += nested(page, offset, text, item.end())
    return problems


def check_quote(page, chunk):
    problems = []
    for offset, text in chunk.lines:
        line = QUOTE_LINE.match(text)
        if not line:
            problems.append(page.body_problem(offset, "every line of a block quote starts '> ' and its text, or is a line of only '>' "
                                              "between two paragraphs: " + ALLOWED.blocks["quote"].description))
            continue
        problems += nested(page, offset, text, line.end())
    return problems


def nested(page, offset, text, at):
    """A block opened inside a list item or a quote line."""
    opener = NESTED_OPENERS.match(text, at)
    if not opener:
        return []
    if opener.lastgroup == "heading":
        return [page.body_problem(offset, "'#' here would make a heading inside a list or a quote: nothing is nested in them")]
    return [page.body_problem(offset, BLOCK_MESSAGES[opener.lastgroup])]


class Events(HTMLParser):
    """Every token of an HTML block, in order: (line, column, kind, tag, attrs, raw, data)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def _add(self, kind, tag=None, attrs=(), data=""):
        raw = self.get_starttag_text() if kind == "start" else None
        self.found.append((*self.getpos(), kind, tag, attrs, raw, data))

    def handle_starttag(self, tag, attrs):
        self._add("start", tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._add("start", tag, attrs)

    def handle_endtag(self, tag):
        self._add("end", tag)

    def handle_data(self, data):
        self._add("data", data=data)

    def handle_comment(self, data):
        self._add("HTML comment '<!--…'")

    def handle_decl(self, decl):
        self._add("HTML declaration '<!…'")

    def unknown_decl(self, data):
        self._add("HTML declaration '<![…'")

    def handle_pi(self, data):
        self._add("processing instruction '<?…'")


def check_block(page, chunk, kind):
    """([Diagnostic], its id) for a table or figure block: its elements, their attributes, their
    nesting and order, as the HTML parser reads them; then, for a figure, its four lines and its
    picture's name."""
    text = chunk.text
    events = Events()
    try:
        events.feed(without_unclosed(text))
        events.close()
    except AssertionError:  # Python 3.11's parser gives up on some malformed '<![…': refused below
        pass
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    at = lambda line, column: chunk.start + line_starts[line - 1] + column  # noqa: E731
    allowed = {**ALLOWED.where(kind), **{tag: INLINE[tag] for tag in ALLOWED.cell}}
    shape = ALLOWED.blocks[kind].description
    problems, stack, seen_root, tags, root_id = [], [], False, set(), None
    groups = []  # the table's row groups: [(offset of the <tr>, [(colspan, rowspan) of each cell])]

    def problem(offset, message):
        problems.append(page.body_problem(offset, message))

    for line, column, token, tag, attrs, raw, data in events.found:
        offset = at(line, column)
        parent = stack[-1][0] if stack else None
        if token == "data":
            if not data.strip(" \t\n"):
                continue
            if parent is None:
                problem(offset, f"nothing may stand outside the <{kind}> element in its block: {shape}")
            elif "text" not in ALLOWED.holds(parent):
                problem(offset, f"<{parent}> holds no text, only {held(parent)}")
            elif parent != kind:
                for markdown in UNREAD_MARKDOWN.finditer(data):
                    problem(offset, f"<{parent}> holds plain text: Markdown is not read here ('[^12]' or '[…](…)' would print as typed); "
                            "put a note in a paragraph '注：…' under the " + ("table" if kind == "table" else "figure"))
                    break
            continue
        tags.add(offset)
        if token not in ("start", "end"):
            problem(offset, f"raw HTML not allowed in a {kind}: {token}")
            continue
        if tag not in allowed:
            structure = ", ".join(f"<{t}>" for t in ALLOWED.where(kind))
            cell = ", ".join(f"<{t}>" for t in ALLOWED.cell)
            problem(offset, f"<{tag}> is not allowed in a {kind}: it holds only {structure}, and text with {cell} in its captions and cells")
            continue
        element = allowed[tag]
        if token == "end":
            if element.void:
                problem(offset, f"<{tag}> has no closing tag: write <{tag}>")
            elif not PLAIN_END_TAG.fullmatch(text, offset - chunk.start, offset - chunk.start + len(tag) + 3):
                problem(offset, f"write the closing tag plainly: </{tag}>")
            if not stack or parent != tag:
                problem(offset, f"</{tag}> does not close <{parent}>: close every element in order" if parent else
                        f"</{tag}> closes nothing: {shape}")
                while stack and any(open_tag == tag for open_tag, _ in stack):
                    stack.pop()
                continue
            problems += children_problems(page, offset, tag, stack.pop()[1])
            continue
        if parent is None and (tag != kind or seen_root):
            problem(offset, f"the block holds one <{kind}> element and nothing else: {shape}")
            continue
        if parent is not None and tag not in ALLOWED.holds(parent):
            problem(offset, f"<{tag}> is not allowed inside <{parent}>: <{parent}> holds {held(parent)}")
        elif parent is not None and allowed[parent].order:
            order = allowed[parent].order
            children = [child for child in stack[-1][1] if child in order]
            if children and order.index(tag) <= order.index(children[-1]):
                problem(offset, f"a <{parent}> holds {', '.join(f'<{t}>' for t in order)}, in this order, each at most once")
        if parent is None:
            root_id = dict(attrs).get("id")
        if tag in ("thead", "tbody"):
            groups.append([])
        elif tag == "tr" and groups:
            groups[-1].append((offset, []))
        elif tag in ("th", "td") and groups and groups[-1]:
            groups[-1][-1][1].append((span(attrs, "colspan"), span(attrs, "rowspan")))
        seen_root = True
        attribute_problem = attributes_problem(element, attrs, raw)
        if attribute_problem:
            problem(offset, attribute_problem)
        if stack:
            stack[-1][1].append(tag)
        if not element.void:
            stack.append((tag, []))
    if stack:
        problem(chunk.start, f"<{stack[0][0]}> is not closed: {shape}")
    for match in MARKUP_START.finditer(text):
        if chunk.start + match.start() not in tags:
            problem(chunk.start + match.start(), f"'<' here would start raw HTML the parser cannot read; in a {kind}'s text write '&lt;'"
                    if kind == "table" else f"'<' here would start raw HTML the parser cannot read: write '＜'")
    problems += block_shape(page, chunk, kind, shape)
    if kind == "table" and not problems:
        problems += grid_problems(page, groups)
    return problems, root_id


def span(attrs, name):
    value = dict(attrs).get(name) or "1"
    return int(value) if value.isdigit() and 0 < int(value) <= 50 else 1


def grid_problems(page, groups):
    """Every row of a table as wide as the first, counting the cells that span rows and columns
    into it, and no cell spanning rows past the end of its <thead> or <tbody>: else a browser
    shows holes, and the page is not valid HTML."""
    problems, width = [], None
    for group in groups:
        below = {}  # column -> rows it is still taken by a cell from a row above
        for index, (offset, cells) in enumerate(group):
            taken, column = dict(below), 0
            for colspan, rowspan in cells:
                while taken.get(column, 0) > 0:
                    column += 1
                for covered in range(column, column + colspan):
                    taken[covered] = rowspan
                column += colspan
            row_width = max([column] + [c + 1 for c, rows in taken.items() if rows > 0])
            width = row_width if width is None else width
            if row_width != width:
                problems.append(page.body_problem(offset, f"this row is {row_width} columns wide and the table's first row {width}: "
                                                  "count each cell's colspan, and the cells of the rows above that span into it (rowspan)"))
            below = {c: rows - 1 for c, rows in taken.items() if rows > 1}
            if below and index == len(group) - 1:
                problems.append(page.body_problem(offset, "a cell's rowspan runs past the last row of its <thead> or <tbody>: "
                                                  "make it span only the rows that follow it there"))
    return problems


def held(parent):
    return ", ".join("text" if item == "text" else f"<{item}>" for item in ALLOWED.holds(parent))


def children_problems(page, offset, tag, children):
    element = ALLOWED.elements.get(tag)
    if element is None or not element.required_children:
        return []
    if element.order:
        missing = [child for child in element.required_children if child not in children]
        if missing:
            return [page.body_problem(offset, f"a <{tag}> holds {', '.join(f'<{t}>' for t in element.order)} in this order: "
                                      f"<{missing[0]}> is missing")]
        return []
    if not any(child in element.required_children for child in children):
        return [page.body_problem(offset, f"a <{tag}> holds at least one {' or '.join(f'<{t}>' for t in element.required_children)}")]
    return []


def attributes_problem(element, attrs, raw):
    tag = element.tag
    names = [name for name, _ in attrs]
    for name, value in attrs:
        attribute = element.attributes.get(name)
        if attribute is None:
            allowed = f"only {', '.join(element.attributes)}" if element.attributes else "none"
            return f"attribute '{name}' not allowed on <{tag}> (allowed: {allowed})"
        if names.count(name) > 1:
            return f"attribute '{name}' given twice on <{tag}>"
        if not attribute.accepts(value):
            return f"<{tag} {name}=…> must be {attribute.description}, got {value!r}"
    for name in element.required:
        if name not in names:
            return f"<{tag}> needs its {name}=\"…\": {element.attributes[name].description}"
    if not PLAIN_TAG.fullmatch(raw):
        return f"write <{tag}> plainly: lower case, each value in double quotes, plain text (no <, >, quotes or &)"
    return None


def block_shape(page, chunk, kind, shape):
    """The lines of a table (closed on a line of its own) or a figure (four lines, its picture
    beside the page and named after it)."""
    last_offset, last = chunk.lines[-1]
    if last != f"</{kind}>":
        return [page.body_problem(last_offset, f"a {kind} ends with '</{kind}>' on a line of its own, then an empty line: {shape}")]
    if kind == "table":
        return []
    if len(chunk.lines) != 4:
        return [page.body_problem(chunk.start, f"a figure is exactly four lines: {shape}")]
    problems = []
    (_, opening), (picture_offset, picture), (caption_offset, caption) = chunk.lines[:3]
    number = re.fullmatch(r'<figure id="figure-([1-9][0-9]{0,2})" markdown="span">', opening)
    if not number:
        problems.append(page.body_problem(chunk.start, f'a figure\'s first line is <figure id="figure-N" markdown="span">: {shape}'))
    if not (caption.startswith("<figcaption>") and caption.endswith("</figcaption>")):
        problems.append(page.body_problem(caption_offset, f"a figure's third line is <figcaption>…</figcaption>: {shape}"))
    match = FIGURE_PICTURE.fullmatch(picture)
    stem = PurePosixPath(page.rel).stem
    n = number[1] if number else "N"
    names = [ALLOWED.figure_picture.format(page=stem, n=n) + f".{suffix}" for suffix in ALLOWED.figure_suffixes]
    if not match:
        problems.append(page.body_problem(picture_offset, f"a figure's second line is its picture, ![图{n}　……]({names[0]}), "
                                          "the description its caption, without brackets or a title"))
    elif match["name"] not in names:
        problems.append(page.body_problem(picture_offset, f"a figure's picture is beside the page, named {' or '.join(names)}; "
                                          f"got {match['name']!r}"))
    return problems


def check_headings(page):
    """Heading form and anchors, and '{' anywhere else (attr_list would give the text before it
    any attribute: style=, class=, on…=, href=)."""
    problems, anchors = [], set()
    low, high = ALLOWED.heading_levels
    for heading in headings(page.body):
        if not low <= heading.level <= high:
            problems.append(page.body_problem(heading.offset, f"write headings as '## 标题' or '## 标题 {{#sec-1}}': {low} to {high} '#' "
                                              "(the page's title is its only level-1 heading), a space, the text"))
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

def check_html(page, html_blocks=()):
    """Every place that could start HTML outside the table and figure blocks (check_block
    reads those) must hold an allowed inline tag, written plainly."""
    pieces, done = [], 0
    for _, start, end in html_blocks:  # blanked, same length: offsets stay right
        pieces += [page.body[done:start], re.sub(r"[^\n]", " ", page.body[start:end])]
        done = end
    text = "".join(pieces) + page.body[done:]
    autolinks = {m.start() for m in AUTOLINK.finditer(text)}  # links, not tags
    starts = [m.start() for m in MARKUP_START.finditer(text) if m.start() not in autolinks]
    if not starts:
        return []  # the usual page: no parser needed
    # The parser reads the body with the autolinks blanked (same length: offsets stay right).
    text = without_unclosed(AUTOLINK.sub(lambda m: " " * len(m[0]), text))
    parser = Events()  # the same reader as a table's or figure's block
    try:
        parser.feed(text)
        parser.close()
    except AssertionError:  # Python 3.11's parser gives up on some malformed '<![…': what it
        pass                # did not read has no token, and is refused below like all else
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    tags = {line_starts[line - 1] + column: (kind, tag, attrs, raw)
            for line, column, kind, tag, attrs, raw, _ in parser.found if kind != "data"}
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
    if tag in BLOCK_TAGS:
        return (f"raw HTML {name} not allowed here: a {BLOCK_TAGS[tag]} is a block of its own, "
                f"after an empty line: {ALLOWED.blocks[BLOCK_TAGS[tag]].description}")
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

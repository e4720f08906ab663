"""Gather the body's lines into typed blocks: tables, figures, lists, block quotes.

footnotes.py has already told each line apart by what it opens (kind 'table', 'picture',
'bullet', 'numbered', 'quote', 'para', 'head'); here the lines that belong together become
one block, before page-break repair joins paragraphs (a caption is never joined to the text
after it).

- Table: the dump's `<table>…</table>`, read with html.parser (never patterns). Its caption is
  the `表N …` paragraph right above it (refused without one); the `注：` and `资料来源：`
  paragraphs right under it are its notes and source, kept in printed order.
  Header rows: the dump's `<thead>` rows if it has them; else the leading rows whose cells are
  all `<th>`; else (the dump's usual `<table><tr><td>…`) the first row, and as many rows more
  as that row's cells span downwards (a `rowspan="2"` header cell makes two header rows).
  Header cells get `scope="col"`. In each body row the cell in the first column (rowspans
  from above counted) is the row's header (the stub column of a statistical table: year,
  country, indicator) and gets `scope="row"`, unless it is empty. A note reference inside the table or its caption is refused (a raw
  HTML block cannot link a note); the notes under it (`注：`) are where print puts them. Inside a cell only text, `<sup>`, `<sub>` and `<br>` are kept; any
  other tag the dump wrote (`<b>`, `<p>`, `<span>`) is dropped, its text kept.
- Figure: a picture `![](images/name)`, then its `图N …` caption (refused without one; a
  caption right above the picture will do), then the `资料来源：` / `注：` lines under it,
  which go into the figcaption.
- List: consecutive `- ` items (unordered) or `1. ` / `（1）` items (ordered). A single
  `（1）` line alone is a paragraph that begins with a number, as print often has; two or more
  in a row are a list.
- Quote: consecutive `> ` lines, a paragraph each (a blank `>` line may separate them); a
  line that stops mid-sentence was cut by a page and goes on in the next.
"""

import re
from html.parser import HTMLParser

from ..diagnostics import Diagnostic
from .model import Cell, Figure, ListBlock, Quote, Table
from .repair import clean_cell, ends_sentence, joiner

TABLE_CAPTION = re.compile(r"^表\s*(?P<number>\d{1,3})(?:[\s　]+|(?=\D))(?P<caption>.*)$")
FIGURE_CAPTION = re.compile(r"^图\s*(?P<number>\d{1,3})(?:[\s　]+|(?=\D))(?P<caption>.*)$")
UNDER = re.compile(r"^(?:资料来源|数据来源|来源|注|说明)\s*[：:]")
PICTURE_PATH = re.compile(r"^images/(?P<name>[A-Za-z0-9][A-Za-z0-9._-]{0,200})$")
ITEM_NUMBER = re.compile(r"^(?:\d{1,3}[.．]\s+|[（(]\d{1,3}[）)]\s*)")
MAX_SPAN = 1000  # a colspan or rowspan beyond this is no table of print


def gather(items, article, path):
    """[(kind, text, line)] -> the same with tables, figures, lists and quotes made blocks."""
    out, i = [], 0
    while i < len(items):
        kind, text, line = items[i]
        if kind == "table":
            caption = out.pop() if out and _is_para(out[-1]) and TABLE_CAPTION.match(out[-1][1]) else None
            if caption is None:
                raise Diagnostic(path, line, f"a table in '{article.title}' has no caption; expected a line '表N 标题' right above it")
            if "[^" in caption[1]:
                raise Diagnostic(path, caption[2], f"a note reference in the caption of a table of '{article.title}'; expected it "
                                                   "in the text or under the table (a table's caption cannot link a note)")
            after, i = _under(items, i + 1)
            out.append(_table(caption, text, after, line, article, path))
            continue
        if kind == "picture":
            match = PICTURE_PATH.match(text)
            if not match:
                raise Diagnostic(path, line, f"picture '{text}' in '{article.title}': expected 'images/<name>', a file in the "
                                             "images/ folder beside the source")
            if i + 1 < len(items) and _is_para(items[i + 1]) and FIGURE_CAPTION.match(items[i + 1][1]):
                caption = FIGURE_CAPTION.match(items[i + 1][1])
                after, i = _under(items, i + 2)
            elif out and _is_para(out[-1]) and FIGURE_CAPTION.match(out[-1][1]):  # a caption set above the picture
                caption = FIGURE_CAPTION.match(out.pop()[1])
                after, i = _under(items, i + 1)
            else:
                raise Diagnostic(path, line, f"the picture '{text}' in '{article.title}' has no caption; expected a line "
                                             "'图N 标题' right under it")
            out.append(Figure(int(caption["number"]), caption["caption"].strip(), tuple(t for _, t, _ in after),
                              match["name"], "", line=line))
            continue
        if kind in ("bullet", "numbered", "quote"):
            j = i
            while j < len(items) and items[j][0] == kind:
                j += 1
            run = items[i:j]
            if kind == "numbered" and len(run) == 1 and not re.match(r"^\d", text):
                out.append(("para", text, line))
            elif kind == "quote":
                out.append(Quote(tuple(_quote_paragraphs([t for _, t, _ in run])), line))
            elif kind == "numbered":
                out.append(ListBlock(True, tuple(ITEM_NUMBER.sub("", t, count=1) for _, t, _ in run), line))
            else:
                out.append(ListBlock(False, tuple(t for _, t, _ in run), line))
            i = j
            continue
        out.append(items[i])
        i += 1
    _check_numbers(out, article, path)
    return out


def _is_para(item):
    return isinstance(item, tuple) and item[0] == "para"


def _under(items, i):
    """The 注：/资料来源： paragraphs starting at items[i]: (them, index after them)."""
    after = []
    while i < len(items) and _is_para(items[i]) and UNDER.match(items[i][1]):
        after.append(items[i])
        i += 1
    return after, i


def _quote_paragraphs(texts):
    """A blank '>' line ends a paragraph; so does a line that ends a sentence (the dump writes a
    paragraph a line); a line that stops mid-sentence was cut by a page and goes on."""
    paragraphs, current = [], ""
    for text in texts + [""]:
        if text and current and not ends_sentence(current):
            current = current.rstrip() + joiner(current, text) + text.lstrip()
            continue
        if current:
            paragraphs.append(current)
        current = text
    return paragraphs


def _check_numbers(blocks, article, path):
    for kind in (Table, Figure):
        seen = {}
        for block in blocks:
            if isinstance(block, kind):
                if block.number in seen:
                    what = "表" if kind is Table else "图"
                    raise Diagnostic(path, block.line, f"{what}{block.number} of '{article.title}' is printed twice "
                                                       f"(first at line {seen[block.number]}); expected each number once")
                seen[block.number] = block.line


# --- tables -----------------------------------------------------------------------------------

INLINE = {"sup", "sub", "br"}


class _TableReader(HTMLParser):
    """Rows of cells from the dump's table, as a browser would read its tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self.row, self.cell = [], None, None  # cell: [tag, attrs, parts, in thead]
        self.in_head, self.depth, self.caption, self.in_caption = False, 0, [], False
        self.problem = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.depth += 1
            if self.depth > 1:
                self.problem = "a table inside a table"
        elif tag == "thead":
            self.in_head = True
        elif tag in ("tbody", "tfoot"):
            self.in_head = False
        elif tag == "caption":
            self.in_caption = True
        elif tag == "tr":
            self._end_row()
            self.row = []
        elif tag in ("td", "th"):
            self._end_cell()
            if self.row is None:
                self.row = []
            self.cell = [tag, dict(attrs), [], self.in_head]
        elif tag in INLINE and self.cell is not None:
            self.cell[2].append(("tag", tag))

    def handle_startendtag(self, tag, attrs):
        if tag == "br" and self.cell is not None:
            self.cell[2].append(("tag", "br"))
        else:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "thead":
            self._end_row()
            self.in_head = False
        elif tag == "caption":
            self.in_caption = False
        elif tag in ("sup", "sub") and self.cell is not None:
            self.cell[2].append(("tag", "/" + tag))
        elif tag == "table":
            self._end_row()
            self.depth -= 1

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[2].append(("text", data))
        elif self.in_caption:
            self.caption.append(data)

    def _end_cell(self):
        if self.cell is not None:
            self.row.append(self.cell)
            self.cell = None

    def _end_row(self):
        self._end_cell()
        if self.row:
            self.rows.append(self.row)
        self.row = None


def _span(attrs, name):
    value = (attrs.get(name) or "1").strip()
    return min(int(value), MAX_SPAN) if value.isdigit() and int(value) > 0 else 1


def _parts(raw, clean):
    """Collapse whitespace, join text runs, clean the text; drop an unclosed or stray inline tag."""
    parts, open_tags = [], []
    for kind, value in raw:
        if kind == "text":
            text = " ".join(value.split()) if value.strip() else (" " if value else "")
            if parts and parts[-1][0] == "text":
                parts[-1] = ("text", parts[-1][1] + text)
            elif text:
                parts.append(("text", text))
        elif value == "br":
            parts.append(("tag", "br"))
        elif value.startswith("/"):
            if open_tags and open_tags[-1] == value[1:]:
                open_tags.pop()
                parts.append(("tag", value))
        else:
            open_tags.append(value)
            parts.append(("tag", value))
    for tag in reversed(open_tags):
        parts.append(("tag", "/" + tag))
    cleaned = []
    for kind, value in parts:
        if kind == "text":
            value = clean(value)
            if not value:
                continue
        cleaned.append((kind, value))
    while cleaned and cleaned[0] == ("tag", "br"):
        cleaned.pop(0)
    while cleaned and cleaned[-1] == ("tag", "br"):
        cleaned.pop()
    return tuple(cleaned)


def _table(caption, html, after, line, article, path):
    reader = _TableReader()
    reader.feed(html)
    reader.close()
    if reader.problem:
        raise Diagnostic(path, line, f"{reader.problem} in '{article.title}'; expected one plain table")
    if not reader.rows:
        raise Diagnostic(path, line, f"the table under '{caption[1]}' in '{article.title}' has no rows")
    rows = [[(tag, attrs, _parts(raw, clean_cell), head) for tag, attrs, raw, head in row] for row in reader.rows]
    if any(head for row in rows for *_, head in row):
        count = sum(1 for row in rows if all(head for *_, head in row))
    elif all(tag == "th" for tag, *_ in rows[0]):
        count = next((i for i, row in enumerate(rows) if not all(tag == "th" for tag, *_ in row)), len(rows))
    else:
        count = max(_span(attrs, "rowspan") for _, attrs, _, _ in rows[0])
    count = max(1, min(count, len(rows) - 1)) if len(rows) > 1 else 1
    head = tuple(tuple(Cell(parts, True, "col", _span(a, "colspan"), _span(a, "rowspan")) for _, a, parts, _ in row)
                 for row in rows[:count])
    body, taken = [], {}  # taken: row -> columns a cell from a row above spans into
    for r, row in enumerate(rows[count:]):
        cells, column = [], 0
        for tag, a, parts, _ in row:
            while column in taken.get(r, ()):
                column += 1
            colspan, rowspan = _span(a, "colspan"), _span(a, "rowspan")
            for below in range(r + 1, min(r + rowspan, len(rows) - count)):
                taken.setdefault(below, set()).update(range(column, column + colspan))
            header = tag == "th" or (column == 0 and bool(parts))  # the stub column, not a row's first listed cell
            cells.append(Cell(parts, header, "row" if header else "", colspan, rowspan))
            column += colspan
        body.append(tuple(cells))
    match = TABLE_CAPTION.match(caption[1])
    return Table(int(match["number"]), match["caption"].strip(), head, tuple(body), tuple(t for _, t, _ in after), line)

"""Front matter: read as YAML, safely, then checked against the schema (journal.schema).

The YAML a page may use is plain mappings, lists and scalars. Refused before anything is built
from it: anchors and aliases (`&x`, `*x`: a few lines of them expand to billions of values),
explicit tags (`!!python/object`, `!ENV`, any `!…`), merge keys (`<<`), and front matter
over MAX_BYTES. What is left is read with the same safe loader MkDocs uses, so the check sees
the values the site will show.

MkDocs is forgiving where we must not be: it drops front matter that is not valid YAML
without a word, YAML keeps the last of two equal keys, and reads `035` as 29 and an unquoted
date as a date object. Each of these is reported at its line.
"""

import re
import unicodedata

import yaml

from journal import schema

from . import characters

# A front matter of all fields is about 4 KB; 64 KiB leaves room for any real one and bounds
# the YAML parser's work.
MAX_BYTES = 64 * 1024
# Lists and mappings inside each other: the schema's deepest is 3 (authors, an author, a
# field); what reads the nodes recurses once per level.
MAX_DEPTH = 10
# libyaml where installed (as MkDocs uses it): the same results, twenty times faster.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
INT_TAG = "tag:yaml.org,2002:int"
# YAML reads these as line breaks, where editors and this check count only '\n': refused
# first, so that every line YAML reports is the line an editor sees.
YAML_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")
PLAIN_DIGITS = re.compile(r"-?(?:0|[1-9][0-9]*)")
KIND_NAMES = {"article": "an article page", "issue": "an issue contents page", "home": "the home page"}


def check_front_matter(page):
    """[Diagnostic] for the front matter of a page of known kind; fills page.data and page.lines."""
    if page.kind is None:
        return []  # a page with no place on the site: files.py reports it
    if page.unclosed:
        return [page.problem(1, "front matter has no closing '---' line, so MkDocs would show it as text")]
    if page.front_matter is None:
        return [page.problem(1, f"missing front matter: {KIND_NAMES[page.kind]} starts with '---', its fields, and '---'")]
    problems, node = load(page)
    if node is None:
        return problems
    findings = schema.validate(page.kind, page.data)
    problems += [page.problem(page.line_of(finding.path), finding.message) for finding in findings]
    page.reported = {finding.path for finding in findings}
    problems += plain_digits(page, node, page.reported)
    problems += invisible_characters(page, node, page.reported)
    if page.kind == "article" and isinstance(page.data, dict):
        problems += page_order(page)
    return problems


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------

def load(page):
    """([Diagnostic], YAML node tree or None); sets page.data and page.lines when it loads."""
    text, first = page.front_matter, page.front_matter_line
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        return [page.problem(first, f"front matter is {size:,} bytes; at most {MAX_BYTES:,} (a full one is about 4,000): "
                             "is other text pasted into it?")], None
    odd_break = YAML_LINE_BREAKS.search(text)
    if odd_break:
        char = odd_break[0]
        return [page.problem(first + text.count("\n", 0, odd_break.start()), f"front matter holds U+{ord(char):04X} "
                             f"({unicodedata.name(char, 'NEXT LINE')}), which YAML reads as a line break: delete it")], None
    try:
        refused = refuse_unsafe(text)
        if refused:
            line, message = refused
            return [page.problem(first + line, message)], None
        node = yaml.compose(text, Loader=Loader)
        page.data = Loader("").construct_document(node) if node is not None else None
    except yaml.YAMLError as err:
        return [page.problem(first + error_line(err, text), f"front matter is not valid YAML: {error_text(err)}")], None
    if node is None:
        return [page.problem(first, "front matter is empty: write its fields ('title: …')")], None
    page.lines = line_map(node, first)
    return duplicate_keys(page, node), node


def refuse_unsafe(text):
    """(line, message) of the first anchor, alias, explicit tag or merge key, or of a list or
    mapping nested deeper than MAX_DEPTH, else None.

    Read from the parser's events, before any node is composed: an alias bomb is refused
    having cost one pass over its text, and so is nesting that would exhaust the recursion of
    what reads the nodes (20,000 '[' deep crashed the check with a traceback). The pass costs
    about 0.1 ms for a real front matter."""
    depth = 0
    for event in yaml.parse(text, Loader=Loader):
        line = event.start_mark.line
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return line, (f"front matter nests lists and mappings more than {MAX_DEPTH} deep (the fields use 3): "
                              "write the fields as the other pages do")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if isinstance(event, yaml.AliasEvent):
            return line, f"YAML alias '*{event.anchor}' is not allowed: write the value out in full"
        if getattr(event, "anchor", None) is not None:
            return line, f"YAML anchor '&{event.anchor}' is not allowed: write each value out in full"
        if getattr(event, "tag", None) is not None:
            return line, f"YAML tag '{event.tag}' is not allowed: write the plain value (text in quotes if need be)"
        if isinstance(event, yaml.ScalarEvent) and event.value == "<<" and event.implicit[0]:
            return line, "YAML merge key '<<' is not allowed: write each field out in full"
    return None


def error_line(err, text):
    """The line (from 0) where YAML gave up: a mark, or for a character it refuses, its position."""
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    if mark:
        return mark.line
    if isinstance(err, yaml.reader.ReaderError):  # its position counts bytes or characters, by loader
        return text.count("\n", 0, max(text.find(chr(err.character)), 0))
    return 0


def error_text(err):
    parts = [getattr(err, "context", None), getattr(err, "problem", None)]
    return " ".join(str(part) for part in parts if part) or str(err).splitlines()[0]


def line_map(node, first):
    """{path: file line}: each key's line, each list item's line; () is the first YAML line."""
    lines = {(): first}

    def walk(node, path):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    lines.setdefault(path + (key.value,), first + key.start_mark.line)
                    walk(value, path + (key.value,))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines[path + (index,)] = first + item.start_mark.line
                walk(item, path + (index,))

    walk(node, ())
    return lines


# ---------------------------------------------------------------------------------------------
# What YAML reads without a word
# ---------------------------------------------------------------------------------------------

def duplicate_keys(page, node):
    """YAML keeps the last of two equal keys: a corrected field would vanish."""
    problems = []
    if isinstance(node, yaml.MappingNode):
        seen = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                line = page.front_matter_line + key.start_mark.line
                if key.value in seen:
                    problems.append(page.problem(line, f"field '{key.value}' appears twice (first at line {seen[key.value]}); YAML keeps only the last"))
                seen.setdefault(key.value, line)
            problems += duplicate_keys(page, value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            problems += duplicate_keys(page, item)
    return problems


def plain_digits(page, node, reported):
    """A whole number written other than as plain digits: YAML reads 035 as 29 (octal), 3_5 as
    35 and 1:20 as 80. Not repeated where the schema already reported the field."""
    problems = []

    def walk(node, path):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    walk(value, path + (key.value,))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, path + (index,))
        elif node.tag == INT_TAG and not PLAIN_DIGITS.fullmatch(node.value) and path not in reported:
            value = yaml.safe_load(node.value)
            problems.append(page.problem(page.line_of(path), f"{schema.field_name(path)} must be written as plain digits, "
                                         f"got {node.value!r} (YAML reads it as {value})"))

    walk(node, ())
    return problems


def invisible_characters(page, node, reported):
    """Invisible and noncharacters (journal.checks.characters) in any key or value, written or
    escaped ('\\u00ad'), at the line of the scalar; not repeated where the schema reported the field."""
    problems = []

    def walk(node, path):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    scalar(key, path)
                    walk(value, path + (key.value,))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, path + (index,))
        elif isinstance(node, yaml.ScalarNode):
            scalar(node, path)

    def scalar(node, path):
        found = characters.find(node.value)
        if found and path not in reported:
            line = page.front_matter_line + node.start_mark.line
            problems.append(page.problem(line, f"{schema.field_name(path) if path else 'front matter'}: {characters.message(found[0][1])}"))

    walk(node, ())
    return problems


def page_order(page):
    first, last = page.data.get("first_page"), page.data.get("last_page")
    if is_whole(first) and is_whole(last) and first > last:
        return [page.problem(page.line_of(("last_page",)), f"last_page ({last}) is before first_page ({first})")]
    return []


def is_whole(value):
    return isinstance(value, int) and not isinstance(value, bool)

"""The content check CI runs on every pull request: python -m journal check [docs].

Readers correct the pages under docs/ through pull requests. MkDocs is forgiving where we
must not be: it silently drops front matter that is not valid YAML, renders any raw HTML it
is given, and builds a page whose footnote has lost its definition. So before a correction
is merged this check reads every page and reports, all in one run, each problem as
`path:line: what is wrong`; the exit status is 1 if there was any, 0 if none.

One function per check:

- check_front_matter  present where required, valid YAML, complete and well-typed (SCHEMAS);
- check_footnotes     every [^n] defined exactly once, every definition used;
- check_anchors       no anchor id twice on a page;
- check_links         links to pages and anchors under docs/ resolve; external ones are http(s);
- check_raw_html      only the few tags in ALLOWED_HTML;
- check_safety        no script, in any form, in the body or in any front matter value.

It only reads files: nothing is fetched, nothing is written.
"""

import datetime
import html
import posixpath
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from pymdownx.slugs import slugify

from journal.catalog import is_article

ROOT = Path(__file__).resolve().parent.parent

# Pages the journal plugin (src/journal/site/) generates at build time: links to them are accepted unchecked
# (their anchors come from the keywords and names in the front matter).
GENERATED_PAGES = {"keywords.md", "authors.md", "archive.md"}
# ... and the files it generates beside each article page (wu-xinbo.ris, wu-xinbo.bib).
GENERATED_SUFFIXES = (".ris", ".bib")

# An issue lives in docs/<year>/<number>/: its index.md is the contents page, every other page
# there is an article. The path decides as well as the front matter, so that a correction which
# deletes `first_page` by mistake is reported rather than turning the article into a plain page.
ISSUE_DIR = re.compile(r"^\d{4}/\d{2}/")


# ---------------------------------------------------------------------------------------------
# The front matter schema, as data: one dict of fields per kind of page.
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Spec:
    """What one front matter field must hold.

    type: "text" (a non-empty string), "date" (a quoted 'YYYY-MM-DD'), "whole number",
    "list" (of `items`: "text" or a dict of fields for a list of mappings) or
    "mapping" (with `fields`).
    """

    type: str
    required: bool = True
    items: object = None
    fields: dict = None
    pattern: str = None  # for text: a regular expression the whole value must match ...
    looks_like: str = None  # ... and an example for the message when it does not
    minimum: int = None  # for whole numbers


# Keys MkDocs and Material read on any page; allowed on articles and issue pages too.
THEME_FIELDS = {
    "template": Spec("text", required=False),
    "hide": Spec("list", required=False, items="text"),
    "description": Spec("text", required=False),
    "search": Spec("mapping", required=False),  # Material's search: {exclude: true} or {boost: 2}
}

ISSUE_FIELDS = {
    "journal": Spec("text"),
    "issn": Spec("text", pattern=r"\d{4}-\d{3}[\dX]", looks_like="0452-8832"),
    "year": Spec("whole number", minimum=1),
    "number": Spec("whole number", minimum=1),
    "total": Spec("whole number", minimum=1),
    "published": Spec("date"),
}

AUTHOR_FIELDS = {"name": Spec("text"), "name_en": Spec("text"), "bio": Spec("text")}

ARTICLE = {
    "title": Spec("text"),
    "title_en": Spec("text"),
    "column": Spec("text"),
    "authors": Spec("list", items=AUTHOR_FIELDS),
    "abstract": Spec("text"),
    "abstract_en": Spec("text"),
    "keywords": Spec("list", items="text"),
    "first_page": Spec("whole number", minimum=1),
    "last_page": Spec("whole number", minimum=1),
    "article_number": Spec("text"),
    "clc": Spec("text"),
    "document_code": Spec("text"),
    "funding": Spec("text", required=False),
    "editor": Spec("text"),
    "issue": Spec("mapping", fields=ISSUE_FIELDS),
    **THEME_FIELDS,
}

ISSUE_PAGE = {
    "title": Spec("text"),
    "issue": Spec("mapping", fields=ISSUE_FIELDS),
    "frequency": Spec("text", required=False),
    **THEME_FIELDS,
}

# Other pages (the home page): front matter optional, any key allowed, known keys typed.
OTHER_PAGE = {"title": Spec("text", required=False), **THEME_FIELDS}

# kind: (fields, front matter required, unknown keys are problems)
SCHEMAS = {
    "article": (ARTICLE, True, True),
    "issue": (ISSUE_PAGE, True, True),
    "other": (OTHER_PAGE, False, False),
}


# ---------------------------------------------------------------------------------------------
# Raw HTML the body may contain: tag -> the attributes it may carry. Kept small on purpose:
# everything else has a Markdown form, and every tag allowed is one more thing to keep safe.
# ---------------------------------------------------------------------------------------------

ALLOWED_HTML = {
    "br": set(),  # a line break inside a paragraph or a table cell
    "sup": set(),  # superscript: 10<sup>3</sup>
    "sub": set(),  # subscript: CO<sub>2</sub>
    "abbr": {"title"},  # <abbr title="Association of Southeast Asian Nations">ASEAN</abbr>
    "span": {"lang"},  # <span lang="en">…</span>: English words in Chinese text, for screen readers
}
LANG_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")

# Tags that run or load something, or restyle or redirect the page: reported wherever they
# appear, front matter included, with their own message.
# (Opening tags only: a closing </script> is harmless alone, and reported with its opening tag.)
DANGEROUS_TAG_NAMES = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
    "base", "link", "meta", "form", "svg", "math", "template",
}
DANGEROUS_TAGS = re.compile(rf"<({'|'.join(sorted(DANGEROUS_TAG_NAMES))})(?![\w-])", re.I)
# URL schemes that run code (javascript:, vbscript:) are reported anywhere; data: only where a
# URL starts (link target, autolink, attribute value, reference definition), since "data:" is
# ordinary English elsewhere. Both are matched in text decoded as a browser would read it.
SCRIPT_SCHEME = re.compile(r"(java|vb)script:", re.I)
DATA_URL = re.compile(r"(\]\(|<|=[\"']?|\]:)data:", re.I)
DATA_VALUE = re.compile(r"data:", re.I)  # a front matter value that *is* a data: URL
TAG_OR_ATTR_LIST = re.compile(r"<[A-Za-z][^<>]*|\{[^{}\n]*\}")
EVENT_HANDLER = re.compile(r"(?:^|[\s/\"'{:;])(on[a-z]+)\s*=", re.I)
ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


# ---------------------------------------------------------------------------------------------
# Reading a page
# ---------------------------------------------------------------------------------------------

@dataclass
class Problem:
    path: str
    line: int
    message: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}"


# The same pattern MkDocs uses (mkdocs.utils.meta.YAML_RE): what it does not match, MkDocs
# renders as text.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*(?:\{:?[ \t]*#([^\s}]+)[^}\n]*\})?[ \t]*#*[ \t]*$", re.M)
FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.M)
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
REFERENCE_DEF = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.M)
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:[\s/][^<>]*)?)>")
HTML_OTHER = re.compile(r"<(!--|!|\?)")  # comments, doctypes, processing instructions
HTML_ATTR = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_slug = slugify(case="lower")  # the slugify mkdocs.yml gives the toc extension


@dataclass
class Page:
    path: Path  # on disk
    rel: str  # relative to docs/, POSIX: 2026/02/wu-xinbo.md
    shown: str  # as printed in messages
    text: str = ""
    front_matter: str = None  # the YAML text, None when the page has none
    front_matter_line: int = 2  # file line of the YAML's first line
    meta: object = None  # the YAML loaded, None when absent or invalid
    node: object = None  # the YAML composed (for line numbers), likewise
    raw_body: str = ""  # the body as written
    body: str = ""  # the body with code blanked out, see mask_code
    readable: bool = True  # False when the file is not UTF-8
    body_line: int = 1  # file line of the body's first line
    kind: str = "other"
    anchors: dict = field(default_factory=dict)  # id -> line, for links from other pages
    problems: list = field(default_factory=list)

    def problem(self, line, message):
        self.problems.append(Problem(self.shown, line, message))

    def body_problem(self, offset, message, text=None):
        """A problem at character `offset` of the body."""
        self.problem(self.body_line + (text if text is not None else self.body).count("\n", 0, offset), message)


def read_page(path, docs):
    rel = path.relative_to(docs).as_posix()
    page = Page(path, rel, shown_path(path))
    raw = path.read_bytes()
    try:
        # MkDocs reads pages as utf-8-sig with universal newlines; so do we.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        page.problem(raw.count(b"\n", 0, err.start) + 1, f"not UTF-8 text (byte {raw[err.start]:#04x})")
        page.readable = False
        return page
    page.text = text = text.replace("\r\n", "\n").replace("\r", "\n")
    match = FRONT_MATTER.match(text)
    if match:
        page.front_matter = match[1]
        body_start = match.end()
    else:
        body_start = 0
        if re.match(r"-{3}[ \t]*\n", text):
            page.problem(1, "front matter has no closing '---' line, so MkDocs would show it as text")
    page.body_line = text.count("\n", 0, body_start) + 1
    page.raw_body = text[body_start:]
    page.body = mask_code(page.raw_body)
    return page


def mask_code(body):
    """The body with fenced code blocks and code spans blanked (newlines kept, so line numbers
    stay right): '[^1]' or '<br>' shown as code is text, not a footnote or HTML."""

    def blank(match):
        return re.sub(r"[^\n]", " ", match[0])

    body = re.sub(r"^ {0,3}(`{3,}|~{3,}).*?(?:^ {0,3}\1[ \t]*$|\Z)", blank, body, flags=re.M | re.S)
    return re.sub(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", blank, body, flags=re.S)


def shown_path(path):
    """The path as messages show it: relative to the repository (or the working directory)."""
    path = path.resolve()
    for base in (ROOT, Path.cwd()):
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            pass
    return str(path)


def page_kind(rel, meta):
    if ISSUE_DIR.match(rel) and rel.count("/") == 2:
        return "issue" if rel.endswith("/index.md") else "article"
    if is_article(meta):
        return "article"
    if rel.split("/")[-1] == "index.md" and isinstance(meta, dict) and isinstance(meta.get("issue"), dict):
        return "issue"
    return "other"


# ---------------------------------------------------------------------------------------------
# 1. Front matter
# ---------------------------------------------------------------------------------------------

def check_front_matter(page):
    """Parse the front matter (filling page.meta, page.node, page.kind) and check it against
    the schema for the page's kind."""
    if page.front_matter is not None:
        try:
            page.node = yaml.compose(page.front_matter, Loader=yaml.SafeLoader)
            page.meta = yaml.safe_load(page.front_matter)
        except yaml.YAMLError as err:
            # MkDocs would silently drop the whole front matter: say where YAML gave up.
            mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
            line = page.front_matter_line + mark.line if mark else 1
            what = " ".join(str(part) for part in (getattr(err, "context", None), getattr(err, "problem", None)) if part)
            page.problem(line, f"front matter is not valid YAML: {what or err}")
            page.node = page.meta = None
    page.kind = page_kind(page.rel, page.meta)
    fields, required, closed = SCHEMAS[page.kind]
    if page.front_matter is None:
        if required:
            page.problem(1, f"missing front matter: an {page.kind} page starts with '---', its fields, and '---'")
        return
    if page.node is None:  # invalid YAML, reported above
        return
    if not isinstance(page.meta, dict):
        page.problem(page.front_matter_line, "front matter must be a mapping of fields ('title: …'), not a single value or list")
        return
    report_duplicate_keys(page, page.node)
    check_mapping(page, fields, page.meta, page.node, "", page.front_matter_line, closed)
    if page.kind == "article":
        first, last = page.meta.get("first_page"), page.meta.get("last_page")
        if is_whole(first) and is_whole(last) and first > last:
            page.problem(key_line(page, page.node, "last_page"), f"last_page ({last}) is before first_page ({first})")


def check_mapping(page, fields, data, node, prefix, line, closed=True):
    """Check one mapping against its fields; `line` is where the mapping starts."""
    keys = key_nodes(node)
    for name, spec in fields.items():
        if name not in data:
            if spec.required:
                page.problem(line, f"missing required field '{prefix}{name}'")
            continue
        key_node, value_node = keys.get(name, (None, None))
        where = page.front_matter_line + key_node.start_mark.line if key_node else line
        check_value(page, spec, data[name], value_node, prefix + name, where)
    if closed:
        for name in data:
            if name not in fields:
                key_node = keys.get(name, (None, None))[0]
                where = page.front_matter_line + key_node.start_mark.line if key_node else line
                known = ", ".join(fields)
                page.problem(where, f"unknown field '{prefix}{name}' (a typo? known fields: {known})")


def check_value(page, spec, value, node, name, line):
    if spec.type == "text" or spec.type == "date":
        if not isinstance(value, str):
            hint = " in quotes, like '2026-03-15'" if spec.type == "date" else ""
            page.problem(line, f"{name} must be text{hint}, got {describe(value)}")
        elif not value.strip():
            page.problem(line, f"{name} must not be empty")
        elif spec.type == "date" and not is_date(value):
            page.problem(line, f"{name} must be a date written YYYY-MM-DD, got {value!r}")
        elif spec.pattern and not re.fullmatch(spec.pattern, value):
            page.problem(line, f"{name} must look like {spec.looks_like}, got {value!r}")
    elif spec.type == "whole number":
        raw = node.value if isinstance(node, yaml.ScalarNode) else None
        if not is_whole(value):
            page.problem(line, f"{name} must be a whole number, got {describe(value)}")
        elif raw is not None and not re.fullmatch(r"0|[1-9][0-9]*", raw):
            # YAML reads 035 as octal 29 and 3_5 as 35: ask for plain digits.
            page.problem(line, f"{name} must be written as plain digits, got {raw!r} (YAML reads it as {value})")
        elif spec.minimum is not None and value < spec.minimum:
            page.problem(line, f"{name} must be at least {spec.minimum}, got {value}")
    elif spec.type == "list":
        if not isinstance(value, list):
            page.problem(line, f"{name} must be a list, got {describe(value)}")
        elif spec.required and not value:
            page.problem(line, f"{name} must not be an empty list")
        else:
            for i, item in enumerate(value):
                item_node = node.value[i] if isinstance(node, yaml.SequenceNode) else None
                item_line = page.front_matter_line + item_node.start_mark.line if item_node else line
                if isinstance(spec.items, dict):
                    if not isinstance(item, dict):
                        page.problem(item_line, f"{name}[{i}] must be a mapping ({', '.join(spec.items)}), got {describe(item)}")
                    else:
                        check_mapping(page, spec.items, item, item_node, f"{name}[{i}].", item_line)
                else:
                    check_value(page, Spec(spec.items), item, item_node, f"{name}[{i}]", item_line)
    elif spec.type == "mapping":
        if not isinstance(value, dict):
            page.problem(line, f"{name} must be a mapping, got {describe(value)}")
        elif spec.fields is not None:
            check_mapping(page, spec.fields, value, node, f"{name}.", line)


def report_duplicate_keys(page, node):
    """YAML keeps the last of two equal keys without a word: a corrected field would vanish."""
    if isinstance(node, yaml.MappingNode):
        seen = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                line = page.front_matter_line + key.start_mark.line
                if key.value in seen:
                    page.problem(line, f"field '{key.value}' appears twice (first at line {seen[key.value]}); YAML keeps only the last")
                seen.setdefault(key.value, line)
            report_duplicate_keys(page, value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            report_duplicate_keys(page, item)


def key_nodes(node):
    """{key: (key node, value node)} of a composed mapping."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def key_line(page, node, key):
    key_node = key_nodes(node).get(key, (None,))[0]
    return page.front_matter_line + key_node.start_mark.line if key_node else page.front_matter_line


def is_whole(value):
    return isinstance(value, int) and not isinstance(value, bool)


def is_date(text):
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def describe(value):
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (yes/no)"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, (int, float)):
        return f"{value} (a number)"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"an unquoted date ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


# ---------------------------------------------------------------------------------------------
# 2. Footnotes
# ---------------------------------------------------------------------------------------------

def footnotes(page):
    """([(label, offset)] of definitions, [(label, offset)] of references) in the body."""
    definitions = [(m[1], m.start()) for m in FOOTNOTE_DEF.finditer(page.body)]
    at_definition = {m.start() + m.group().index("[") for m in FOOTNOTE_DEF.finditer(page.body)}
    references = [(m[1], m.start()) for m in FOOTNOTE_REF.finditer(page.body) if m.start() not in at_definition]
    return definitions, references


def check_footnotes(page):
    """Python-Markdown drops a reference with no definition and a definition nobody cites, and
    keeps only one of two definitions: each would lose a note silently."""
    definitions, references = footnotes(page)
    first_definition = {}
    for label, offset in definitions:
        if label in first_definition:
            first = page.body_line + page.body.count("\n", 0, first_definition[label])
            page.body_problem(offset, f"footnote [^{label}] is defined twice (first at line {first})")
        else:
            first_definition[label] = offset
    cited = {label for label, _ in references}
    for label, offset in references:
        if label not in first_definition:
            page.body_problem(offset, f"footnote [^{label}] is referenced but has no definition '[^{label}]: …'")
    for label, offset in first_definition.items():
        if label not in cited:
            page.body_problem(offset, f"footnote [^{label}] is defined but never referenced")


# ---------------------------------------------------------------------------------------------
# 3. Anchors
# ---------------------------------------------------------------------------------------------

def collect_anchors(page):
    """page.anchors: the ids a link may point to, each with its line.

    Explicit {#id} on headings, the toc's slug for headings without one, and the footnotes'
    fn:N / fnref:N. Returns the explicit ones in order, for the duplicate check."""
    explicit = []
    for match in HEADING.finditer(page.body):
        line = page.body_line + page.body.count("\n", 0, match.start())
        if match[3]:
            explicit.append((match[3], line))
            page.anchors.setdefault(match[3], line)
        else:
            page.anchors.setdefault(_slug(re.sub(r"<[^>]*>|[*_`]", "", match[2]), "-"), line)
    for label, offset in footnotes(page)[0]:
        line = page.body_line + page.body.count("\n", 0, offset)
        page.anchors.setdefault(f"fn:{label}", line)
        page.anchors.setdefault(f"fnref:{label}", line)
    return explicit


def check_anchors(page, explicit):
    """Two elements with one id: the second is unreachable and the page is invalid HTML."""
    footnote_ids = {}
    for label, offset in footnotes(page)[0]:
        footnote_ids.setdefault(f"fn:{label}", label)
        footnote_ids.setdefault(f"fnref:{label}", label)
    seen = {}
    for anchor, line in explicit:
        if anchor in seen:
            page.problem(line, f"duplicate anchor '#{anchor}' (first at line {seen[anchor]})")
        elif anchor in footnote_ids:
            page.problem(line, f"anchor '#{anchor}' is also the id of footnote [^{footnote_ids[anchor]}]")
        seen.setdefault(anchor, line)


# ---------------------------------------------------------------------------------------------
# 4. Links
# ---------------------------------------------------------------------------------------------

def link_targets(body):
    """[(target, offset)] of inline links and images, reference definitions and autolinks."""
    targets = []
    for match in re.finditer(r"\]\(", body):
        start = match.end()
        depth, end = 0, start
        while end < len(body) and body[end] != "\n":  # a target's parentheses may nest
            char = body[end]
            if char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    break
                depth -= 1
            end += 1
        inside = body[start:end].strip()
        if inside.startswith("<"):
            target = inside[1:].split(">", 1)[0]
        else:
            target = inside.split(None, 1)[0] if inside else ""
        targets.append((target, match.start()))
    targets += [(m[1], m.start()) for m in REFERENCE_DEF.finditer(body)]
    targets += [(m[1], m.start()) for m in AUTOLINK.finditer(body)]
    return targets


def check_links(page, pages, docs):
    for target, offset in link_targets(page.body):
        problem = link_problem(page, target, pages, docs)
        if problem:
            page.body_problem(offset, problem)


def link_problem(page, target, pages, docs):
    if not target:
        return "empty link target"
    if re.match(r"((java|vb)script|data):", browser_view(target)[0], re.I):
        return None  # check_safety reports these, however disguised
    if SCHEME.match(target):
        return external_url_problem(target)
    if target.startswith("//"):
        return f"write the full https:// address, not {target!r}"
    path, _, anchor = target.partition("#")
    path = unquote(path.split("?", 1)[0])
    anchor = unquote(anchor)
    if not path:
        if anchor and anchor not in page.anchors:
            return f"no anchor '#{anchor}' on this page"
        return None
    if path.startswith("/"):
        return f"link {target!r} must be relative to this page (MkDocs does not resolve /-paths)"
    rel = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), path))
    if rel == ".." or rel.startswith("../"):
        return f"link {target!r} points outside docs/"
    if rel in GENERATED_PAGES:
        return None
    if rel.endswith(".md"):
        if rel not in pages:
            return f"link to a page that does not exist: {target!r} (docs/{rel})"
        if anchor and pages[rel].readable and anchor not in pages[rel].anchors:
            return f"no anchor '#{anchor}' in docs/{rel} (link {target!r})"
        return None
    if (docs / rel).is_file():
        return None
    stem, suffix = posixpath.splitext(rel)
    if suffix in GENERATED_SUFFIXES and stem + ".md" in pages:
        return None
    if (docs / rel).is_dir():
        return f"link to the page's .md file, not the folder: {target!r}"
    return f"link target does not exist: {target!r} (docs/{rel})"


def external_url_problem(url):
    """None if `url` is a well-formed http(s) address; else what is wrong. Nothing is fetched."""
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError on a bad port
    except ValueError as err:
        return f"malformed URL {url!r}: {err}"
    if parts.scheme.lower() not in ("http", "https"):
        return f"only http:// and https:// links are allowed, got {url!r}"
    if re.search(r"[\s<>\"\\^`{|}\x00-\x1f\x7f]", url):
        return f"malformed URL {url!r}: contains a space or a character URLs may not hold"
    host = parts.hostname or ""
    labels = host.split(".")
    valid_host = len(labels) >= 2 and all(re.fullmatch(r"[^\W_](?:[\w-]*[^\W_])?", label) for label in labels)
    if not valid_host and host != "localhost" and not re.fullmatch(r"[0-9a-f:.]+", host):
        return f"malformed URL {url!r}: {host or 'no'} host name"
    if port == 0:
        return f"malformed URL {url!r}: port 0"
    return None


# ---------------------------------------------------------------------------------------------
# 5. Raw HTML and safety
# ---------------------------------------------------------------------------------------------

def check_raw_html(page):
    """Only ALLOWED_HTML, with only its attributes. Dangerous tags are left to check_safety,
    which names them; everything else is reported here."""
    body = mask_autolinks(page.body)
    others = list(HTML_OTHER.finditer(body))
    for match in sorted(others + list(HTML_TAG.finditer(body)), key=lambda m: m.start()):  # in page order
        if match.re is HTML_OTHER:
            kind = {"!--": "HTML comment", "!": "HTML declaration", "?": "processing instruction"}[match[1]]
            page.body_problem(match.start(), f"raw HTML not allowed: {kind} '<{match[1]}…'")
            continue
        closing, name, attributes = match[1], match[2].lower(), match[3]
        if name in DANGEROUS_TAG_NAMES:
            continue
        if name not in ALLOWED_HTML:
            allowed = ", ".join(f"<{tag}>" for tag in ALLOWED_HTML)
            page.body_problem(match.start(), f"raw HTML <{closing}{name}> not allowed (allowed: {allowed}; otherwise use Markdown)")
            continue
        for attr in HTML_ATTR.finditer(attributes.rstrip("/")):
            attr_name = attr[1].lower()
            value = next((v for v in attr.groups()[1:] if v is not None), None)
            if EVENT_HANDLER.match(" " + attr_name + "="):
                continue  # check_safety
            if closing or attr_name not in ALLOWED_HTML[name]:
                page.body_problem(match.start(), f"attribute '{attr_name}' not allowed on <{closing}{name}>")
            elif attr_name == "lang" and not (value and LANG_TAG.fullmatch(value)):
                page.body_problem(match.start(), f"<span lang> must be a language tag like 'en', got {value!r}")


def mask_autolinks(body):
    return AUTOLINK.sub(lambda m: " " * len(m[0]), body)


def hostile(text, is_value=False):
    """[(offset, message)] for everything in `text` that could run script in a reader's browser.

    Tags and attribute names are matched in the text as written (browsers do not decode
    character references there); URLs are matched as a browser reads them: references decoded
    (java&#x09;script:, &#106;avascript:) and ASCII whitespace and control characters dropped."""
    found = []
    for match in DANGEROUS_TAGS.finditer(text):
        found.append((match.start(), f"<{match[1].lower()}> is not allowed (it can run script or change the page)"))
    for context in TAG_OR_ATTR_LIST.finditer(text):
        for match in EVENT_HANDLER.finditer(context[0]):
            found.append((context.start() + match.start(1), f"event-handler attribute '{match[1]}=' is not allowed (it runs script)"))
    decoded, offsets = browser_view(text)
    for match in SCRIPT_SCHEME.finditer(decoded):
        found.append((offsets[match.start()], f"'{match[1].lower()}script:' URL is not allowed (it runs script)"))
    data_urls = list(DATA_URL.finditer(decoded))
    if is_value and DATA_VALUE.match(decoded):
        data_urls.insert(0, DATA_VALUE.match(decoded))
    for match in data_urls:
        found.append((offsets[match.start()], "'data:' URL is not allowed (it can carry script)"))
    return found


def browser_view(text):
    """(text with character references decoded and ASCII whitespace/control characters
    dropped, the offset in `text` of each character kept)."""
    chars, offsets = [], []
    i = 0
    while i < len(text):
        match = ENTITY.match(text, i) if text[i] == "&" else None
        decoded = html.unescape(match[0]) if match else None
        if match and decoded != match[0]:
            piece, step = decoded, len(match[0])
        else:
            piece, step = text[i], 1
        for char in piece:
            if ord(char) > 0x20 and char != "\x7f":
                chars.append(char)
                offsets.append(i)
        i += step
    return "".join(chars), offsets


def check_safety(page):
    """No script may reach the site through a correction: the body and every front matter
    string (keys too) are scanned, whatever kind the page is."""
    for offset, message in hostile(page.raw_body):
        page.body_problem(offset, f"{message} — in the page text", page.raw_body)
    if page.node is not None:
        for node in scalar_nodes(page.node):
            for _, message in hostile(node.value, is_value=True):
                page.problem(page.front_matter_line + node.start_mark.line, f"{message} — in front matter value {shorten(node.value)}")
    elif page.front_matter is not None:  # unreadable YAML: scan it as text
        for offset, message in hostile(page.front_matter):
            page.problem(page.front_matter_line + page.front_matter.count("\n", 0, offset), f"{message} — in the front matter")


def scalar_nodes(node):
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from scalar_nodes(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from scalar_nodes(key)
            yield from scalar_nodes(value)


def shorten(text, width=40):
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 1] + "…")


# ---------------------------------------------------------------------------------------------
# Running it
# ---------------------------------------------------------------------------------------------

def check_docs(docs):
    """Every problem in every page under `docs`, in path and line order."""
    docs = Path(docs)
    pages = {}
    for path in sorted(docs.rglob("*.md")):
        page = read_page(path, docs)
        pages[page.rel] = page
    explicit = {}
    readable = [page for page in pages.values() if page.readable]
    for page in readable:  # first pass: what every page holds, for the links between pages
        check_front_matter(page)
        explicit[page.rel] = collect_anchors(page)
    for page in readable:
        check_footnotes(page)
        check_anchors(page, explicit[page.rel])
        check_links(page, pages, docs)
        check_raw_html(page)
        check_safety(page)
    problems = [problem for page in pages.values() for problem in page.problems]
    return sorted(problems, key=lambda p: (p.path, p.line)), len(pages)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) > 1 or (argv and argv[0].startswith("-")):
        print("usage: python -m journal check [docs]", file=sys.stderr)
        return 2
    docs = Path(argv[0]) if argv else ROOT / "docs"
    if not docs.is_dir():
        print(f"{docs}: no such folder", file=sys.stderr)
        return 1
    problems, count = check_docs(docs)
    for problem in problems:
        print(problem)
    if problems:
        print(f"check_content: {len(problems)} problem(s) in {count} pages", file=sys.stderr)
        return 1
    print(f"check_content: {count} pages, no problems", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

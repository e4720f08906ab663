"""Links and anchors: every link and picture reaches something; external links are addresses.

- A relative link reaches a page or file under docs/ (and the anchor after '#', if any, is on
  it), or a page the journal plugin generates: archive.md, keywords.md, authors.md (their
  anchors are the years, keywords and names in the front matter), or an article's .ris or .bib
  file beside it.
- Any other link is an https://, http:// or mailto: address, read as a browser reads it:
  character references decoded, spaces and control characters dropped (java&#x09;script: is
  javascript:). Every other scheme is refused: this is an allow-list.
- A link whose text shows an address (https://…, www.…, or a host name such as mfa.gov.cn)
  leads to that address: the same URL once normalised when the text is the whole address,
  else the host the text names or one under it. A reader trusts the address they read.
- Host names are ASCII: a host with other letters is refused (an internationalised name is
  written in its xn-- form), and an xn-- label that decodes to letters of another alphabet
  (Cyrillic 'а' for Latin 'a': an IDN homograph) is refused, in the address and in the text.
- No anchor is given twice on a page.

Nothing is fetched: external addresses are checked for form only.
"""

import html
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from pymdownx.slugs import slugify

from journal import catalog, citations
from journal.site.config import JournalConfig

from .markdown import autolinks, footnotes, headings, links

# Pages the journal plugin generates (their names are its settings' defaults)
GENERATED_PAGES = (JournalConfig.archive_page.default, JournalConfig.keywords_page.default, JournalConfig.authors_page.default)
ARCHIVE, KEYWORDS, AUTHORS = GENERATED_PAGES
# ... and the files it generates beside each article page (wu-xinbo.ris, wu-xinbo.bib, …:
# every file format of the citation registry).
GENERATED_SUFFIXES = tuple(f.suffix for f in citations.FILES)
SCHEMES = ("https", "http", "mailto")
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
NOT_IN_URLS = re.compile(r"[\x00-\x20\x7f]")  # what browsers drop from an address before reading it
# The domain as dot-separated labels that hold no dot: one way to read 'a.a.a…' (a class that
# held the dot too made the match try every split, quadratic in the run).
MAILTO = re.compile(r"mailto:[^@\s?/]+@(?:[^@\s?/.]+\.)+[^@\s?/.]+(?:\?.*)?", re.I)
HOST_LABEL = re.compile(r"[^\W_](?:[\w-]*[^\W_])?")
WEB_ADDRESS = re.compile(r"https?://(?P<host>[^/?#:@]*)(?::(?P<port>[0-9]{1,5}))?(?:[/?#].*)?", re.I | re.S)
NOT_IN_ADDRESSES = re.compile(r"[\s<>\"'\\^`{|}\x00-\x1f\x7f]")  # RFC 3986 has no place for them
# Link text is read back from its '](' to its '[' (nested brackets counted), at most this far.
MAX_LINK_TEXT = 2000
MAX_TEXT_BRACKETS = 8
# In link text: an address with its scheme, and runs of the characters a host name is written
# with (Latin, Greek and Cyrillic letters too: the letters a homograph is made of).
TEXT_URL = re.compile(r"https?://[^\s<>\"'（）()，。；、“”‘’《》【】\[\]]+", re.I)
TEXT_HOSTLIKE = re.compile(r"[0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f.-]+(?:/[^\s<>\"'（）()，。；、“”‘’《》【】\[\]]*)?")
TEXT_MARKUP = re.compile(r"<[^<>]*>|[*_]")  # emphasis and tags around the visible text
DEFAULT_PORTS = {"http": 80, "https": 443}
_slug = slugify(case="lower")  # the slugify mkdocs.yml gives the toc extension


@dataclass
class Site:
    """What links may reach: built once from every page and file under docs/."""

    files: set  # every regular file, relative to docs/
    anchors: dict  # page -> its anchors, for every page, generated ones included

    def folders(self):
        return {posixpath.dirname(path) for path in self.files}


def page_anchors(page):
    """The ids a link may point to on `page`: headings' {#id} (or, without one, the toc's slug
    of the heading's text) and the footnotes' fn:N and fnref:N."""
    anchors = set()
    for heading in headings(page.body):
        anchors.add(heading.anchor or _slug(re.sub(r"<[^>]*>|[*_`]", "", heading.text), "-"))
    for label, _ in footnotes(page.body)[0]:
        anchors.update((f"fn:{label}", f"fnref:{label}"))
    return anchors


def generated_anchors(pages):
    """{generated page: its anchors}, from the front matter, as the plugin's templates make them.

    None (anchors not checked) while any issue's or article's front matter could not be read:
    its keywords and names are unknown, and links to them are not wrong for that."""
    if any(page.kind in ("issue", "article") and not isinstance(page.data, dict) for page in pages):
        return dict.fromkeys(GENERATED_PAGES)
    keywords, names, years = set(), set(), set()
    for page in pages:
        data = page.data if isinstance(page.data, dict) else {}
        if page.kind == "article":
            keywords.update(keyword for keyword in data.get("keywords") or [] if isinstance(keyword, str))
            names.update(author["name"] for author in data.get("authors") or [] if isinstance(author, dict) and isinstance(author.get("name"), str))
        if page.kind == "issue" and isinstance(data.get("issue"), dict):
            years.add(f"y{data['issue'].get('year')}")
    return {
        ARCHIVE: years,
        KEYWORDS: {catalog.anchor_for(k) for k in keywords} | {f"letter-{catalog.initial(k)}" for k in keywords},
        AUTHORS: {catalog.anchor_for(n) for n in names} | {f"letter-{catalog.initial(n)}" for n in names},
    }


def check_anchors(page):
    """Two elements with one id: the second is unreachable, and the page is invalid HTML."""
    problems, seen = [], {}
    for heading in headings(page.body):
        if heading.anchor is None:
            continue
        line = page.line_at(heading.offset)
        if heading.anchor in seen:
            problems.append(page.problem(line, f"duplicate anchor '#{heading.anchor}' (first at line {seen[heading.anchor]})"))
        seen.setdefault(heading.anchor, line)
    return problems


def check_links(page, site):
    problems = []
    found, _ = links(page.body)  # the malformed ones are body.py's to report
    targets = [(link.target, link.offset, not link.image) for link in found]
    targets += [(url, offset, False) for url, offset in autolinks(page.body)]  # their text is their address
    for target, offset, has_text in targets:
        problem = link_problem(page.rel, target, site)
        if not problem and has_text:
            problem = text_problem(link_text(page.body, offset), target)
        if problem:
            problems.append(page.body_problem(offset, problem))
    return problems


# ---------------------------------------------------------------------------------------------
# What the text of a link shows, against where it leads
# ---------------------------------------------------------------------------------------------

def link_text(body, offset):
    """The text of the link whose '](' is at `offset`: back to its '[', nested brackets counted.

    Each step is one rfind over text no earlier link's search covers but for the nesting, so
    the work over a page is linear in its length."""
    floor, at, depth = max(0, offset - MAX_LINK_TEXT), offset, 0
    for _ in range(MAX_TEXT_BRACKETS):
        at = max(body.rfind("[", floor, at), body.rfind("]", floor, at))
        if at < 0:
            break
        if body.startswith("](", at):  # an earlier link: no '[' opens this one's text
            return ""
        if body[at] == "]":
            depth += 1
        elif depth:
            depth -= 1
        else:
            return body[at + 1:offset]
    return body[floor:offset]


def text_problem(text, target):
    """None if the addresses the link text shows are where the link leads; else what is wrong."""
    shown = TEXT_MARKUP.sub("", text).strip()
    names = [m[0].rstrip(".,;:!?") for m in TEXT_URL.finditer(shown)]
    without_urls = TEXT_URL.sub(" ", shown)
    names += [m[0].rstrip(".,;:!?") for m in TEXT_HOSTLIKE.finditer(without_urls) if looks_like_host(m[0].split("/", 1)[0].rstrip("."))]
    if not names:
        return None
    address = NOT_IN_URLS.sub("", html.unescape(target))
    for name in names:
        host = host_of(name)
        odd = foreign_letter(host)
        if odd:
            return (f"the link text shows the host {shorten(host)} with {odd}, which looks like a Latin letter "
                    "(an IDN homograph): write the host in ASCII letters")
    if len(names) == 1 and names[0] == shown:  # the text is the address: the same address
        if normal_url(names[0]) != normal_url(address, scheme="://" in names[0]):
            return f"the link text is the address {shorten(names[0])} but the link leads to {shorten(target)}: make them the same"
        return None
    target_host = host_of(address)
    for name in names:  # the text names a site: the link leads there
        host = host_of(name)
        if not target_host or not (bare(target_host) == bare(host) or target_host.endswith("." + bare(host))):
            return f"the link text names {shorten(host)} but the link leads to {shorten(target)}: link that site, or reword the text"
    return None


def looks_like_host(name):
    """A host name as text shows one: two or more labels, the last of letters (mfa.gov.cn), or
    an IPv4 address. 'e.g', 'No.1' and 'U.S' are not: one-letter and numeric endings."""
    labels = name.split(".")
    if len(labels) < 2 or not all(labels) or any(label.startswith("-") or label.endswith("-") for label in labels):
        return False
    if all(label.isdigit() for label in labels):
        return len(labels) == 4
    return labels[-1].isalpha() and 2 <= len(labels[-1]) <= 63


def host_of(address):
    """The host of an address in the text or the link (lower case, no trailing dot), or ''."""
    if address.lower().startswith("mailto:"):
        return address.partition("@")[2].partition("?")[0].lower().rstrip(".")
    if "://" not in address:
        address = "//" + address
    try:
        return (urlsplit(address).hostname or "").rstrip(".")
    except ValueError:
        return ""


def bare(host):
    return host[4:] if host.startswith("www.") else host


def normal_url(address, scheme=True):
    """An address as a comparison sees it: scheme and host in lower case, the default port
    dropped, an empty path as '/', percent-escapes decoded; without the scheme if `scheme` is
    false (text that shows 'www.mfa.gov.cn/web/' may lead to http or https)."""
    try:
        parts = urlsplit(address if "://" in address else "//" + address)
        port = parts.port
    except ValueError:
        return None
    name = (parts.scheme.lower() if scheme else "", ascii_host(parts.hostname or ""))
    if port is not None and port != DEFAULT_PORTS.get(parts.scheme.lower()):
        name += (port,)
    return name + (unquote(parts.path) or "/", unquote(parts.query), unquote(parts.fragment))


def ascii_host(host):
    host = host.rstrip(".").lower()
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def foreign_letter(host):
    """'U+0430 (CYRILLIC SMALL LETTER A)' for the first letter of `host` (its xn-- labels
    decoded) that is neither ASCII nor of the CJK scripts; else None."""
    for label in host.split("."):
        if label.startswith("xn--"):
            try:
                label = label.encode("ascii").decode("idna")
            except UnicodeError:
                continue  # not a valid xn-- label: the address check says so
        for char in label:
            if not char.isascii() and char.isalpha() and not cjk(char):
                return f"U+{ord(char):04X} ({unicodedata.name(char, 'a letter')})"
    return None


def cjk(char):
    name = unicodedata.name(char, "")
    return name.startswith(("CJK ", "HIRAGANA", "KATAKANA", "HANGUL"))


def link_problem(rel, target, site):
    if not target:
        return "empty link target: write [text](address)"
    address = NOT_IN_URLS.sub("", html.unescape(target))  # as a browser reads it
    scheme = SCHEME.match(address)
    if scheme and scheme[1].lower() not in SCHEMES:
        return f"only https://, http:// and mailto: links are allowed, got {shorten(target)}"
    if scheme and scheme[1].lower() == "mailto":
        if not MAILTO.fullmatch(address):
            return f"malformed mail address {shorten(target)}: write mailto:name@example.org"
        return host_problem(host_of(address), target)
    if scheme:
        return web_address_problem(address)
    if address.startswith("//"):
        return f"write the full https:// address, not {target!r}"
    return relative_link_problem(rel, target, site)


def relative_link_problem(rel, target, site):
    path, _, anchor = target.partition("#")
    path, anchor = unquote(path.split("?", 1)[0]), unquote(anchor)
    if not path:
        return f"no anchor '#{anchor}' on this page" if anchor and anchor not in site.anchors[rel] else None
    if path.startswith("/"):
        return f"link {target!r} must be relative to this page (MkDocs does not resolve /-paths)"
    to = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
    if to == ".." or to.startswith("../"):
        return f"link {target!r} points outside docs/"
    if to in site.anchors:  # a page, written or generated
        known = site.anchors[to]
        if not anchor or known is None or anchor in known:
            return None
        if to in GENERATED_PAGES:
            return f"no anchor '#{anchor}' on the generated page {to} (no keyword, author or year makes it; link {target!r})"
        return f"no anchor '#{anchor}' in docs/{to} (link {target!r})"
    if to.endswith(".md"):
        return f"link to a page that does not exist: {target!r} (docs/{to})"
    if to in site.files:
        return None
    for suffix in GENERATED_SUFFIXES:  # (.csl.json: two dots, so not splitext)
        stem = to[: -len(suffix)]
        if to.endswith(suffix) and catalog.is_article_path(stem + ".md") and stem + ".md" in site.anchors:
            return None
    if to in site.folders():
        return f"link to the page's .md file, not the folder: {target!r}"
    return f"link target does not exist: {target!r} (docs/{to})"


def web_address_problem(url):
    """None if `url` is a well-formed http(s) address; else what is wrong. Nothing is fetched.

    A host name of two or more labels (or an IPv4 address), an optional port, then a path,
    query or fragment: no user name before the host (https://mfa.gov.cn@evil.example/)."""
    if NOT_IN_ADDRESSES.search(url):
        return f"malformed URL {shorten(url)}: it holds a space, a quote or a character addresses may not hold"
    parts = WEB_ADDRESS.fullmatch(url)
    if not parts:
        return f"malformed URL {shorten(url)}: write https://host.example/path"
    host, port = parts["host"], parts["port"]
    labels = host.split(".")
    if len(labels) < 2 or not all(HOST_LABEL.fullmatch(label) for label in labels):
        return f"malformed URL {shorten(url)}: {host or 'no'} host name"
    if port is not None and not 0 < int(port) < 65536:
        return f"malformed URL {shorten(url)}: port {port}"
    return host_problem(host.lower(), url)


def host_problem(host, target):
    """A host name that is not ASCII, or an xn-- label that decodes to a homograph."""
    if not host.isascii():
        char = next(char for char in host if not char.isascii())
        return (f"the host name {shorten(host)} of {shorten(target)} holds U+{ord(char):04X} "
                f"({unicodedata.name(char, 'a non-ASCII character')}): write the host in ASCII "
                f"(an internationalised name in its xn-- form: {ascii_host(host)})")
    odd = foreign_letter(host)
    if odd:
        return (f"the host name {shorten(host)} of {shorten(target)} reads with {odd}, which looks like a Latin letter "
                "(an IDN homograph): link the site by its ASCII name")
    return None


def shorten(text, width=60):
    return repr(text if len(text) <= width else text[: width - 1] + "…")

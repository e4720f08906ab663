"""Links and anchors: every link and picture reaches something; external links are addresses.

- A relative link reaches a page or file under docs/ (and the anchor after '#', if any, is on
  it), or a page the journal plugin generates: archive.md, keywords.md, authors.md (their
  anchors are the years, keywords and names in the front matter), or an article's .ris or .bib
  file beside it.
- Any other link is an https://, http:// or mailto: address, read as a browser reads it:
  character references decoded, spaces and control characters dropped (java&#x09;script: is
  javascript:). Every other scheme is refused: this is an allow-list.
- No anchor is given twice on a page.

Nothing is fetched: external addresses are checked for form only.
"""

import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote

from pymdownx.slugs import slugify

from journal import catalog
from journal.site.config import JournalConfig

from .markdown import autolinks, footnotes, headings, links

# Pages the journal plugin generates (their names are its settings' defaults)
GENERATED_PAGES = (JournalConfig.archive_page.default, JournalConfig.keywords_page.default, JournalConfig.authors_page.default)
ARCHIVE, KEYWORDS, AUTHORS = GENERATED_PAGES
# ... and the files it generates beside each article page (wu-xinbo.ris, wu-xinbo.bib).
GENERATED_SUFFIXES = (".ris", ".bib")
SCHEMES = ("https", "http", "mailto")
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
NOT_IN_URLS = re.compile(r"[\x00-\x20\x7f]")  # what browsers drop from an address before reading it
MAILTO = re.compile(r"mailto:[^@\s?/]+@[^@\s?/]+\.[^@\s?/]+(?:\?.*)?", re.I)
HOST_LABEL = re.compile(r"[^\W_](?:[\w-]*[^\W_])?")
WEB_ADDRESS = re.compile(r"https?://(?P<host>[^/?#:@]*)(?::(?P<port>[0-9]{1,5}))?(?:[/?#].*)?", re.I | re.S)
NOT_IN_ADDRESSES = re.compile(r"[\s<>\"'\\^`{|}\x00-\x1f\x7f]")  # RFC 3986 has no place for them
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
    targets = [(link.target, link.offset) for link in found] + [(url, offset) for url, offset in autolinks(page.body)]
    for target, offset in targets:
        problem = link_problem(page.rel, target, site)
        if problem:
            problems.append(page.body_problem(offset, problem))
    return problems


def link_problem(rel, target, site):
    if not target:
        return "empty link target: write [text](address)"
    address = NOT_IN_URLS.sub("", html.unescape(target))  # as a browser reads it
    scheme = SCHEME.match(address)
    if scheme and scheme[1].lower() not in SCHEMES:
        return f"only https://, http:// and mailto: links are allowed, got {shorten(target)}"
    if scheme and scheme[1].lower() == "mailto":
        return None if MAILTO.fullmatch(address) else f"malformed mail address {shorten(target)}: write mailto:name@example.org"
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
    stem, suffix = posixpath.splitext(to)
    if suffix in GENERATED_SUFFIXES and catalog.is_article_path(stem + ".md") and stem + ".md" in site.anchors:
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
    return None


def shorten(text, width=60):
    return repr(text if len(text) <= width else text[: width - 1] + "…")

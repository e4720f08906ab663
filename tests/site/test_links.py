"""Every link in the built site goes somewhere: internal links to a file in site/, every
#anchor to an id on its target page, external links well-formed (never fetched)."""

from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.html_tools import read

# Attributes that point at another resource, by element.
LINK_ATTRS = {
    "a": ("href",), "area": ("href",), "link": ("href",),
    "img": ("src",), "script": ("src",), "iframe": ("src",), "source": ("src",),
    "audio": ("src",), "video": ("src", "poster"), "track": ("src",), "embed": ("src",),
    "object": ("data",), "form": ("action",), "button": ("formaction",),
    "blockquote": ("cite",), "q": ("cite",), "ins": ("cite",), "del": ("cite",),
}
# Schemes that are neither fetched nor checked beyond being recognised.
OTHER_SCHEMES = {"mailto", "tel", "data", "javascript"}


def html_pages(site):
    return sorted(site.rglob("*.html"))


@lru_cache(maxsize=None)
def _document(path):
    return read(Path(path))


def _anchors(path):
    """Fragment targets on a page: any id, and the legacy <a name>."""
    doc = _document(str(path))
    return set(doc.ids()) | {a["name"] for a in doc.find_all("a") if a.get("name")}


def _base_path(site):
    """The path the site is served under (its canonical home URL's path, e.g.
    /guoji-wenti-yanjiu/): root-relative URLs (404.html uses them) are resolved against it."""
    for link in _document(str(site / "index.html")).find_all("link", rel="canonical"):
        path = urlsplit(link.get("href", "")).path
        if path:
            return path if path.endswith("/") else path + "/"
    return "/"


def _page_url(site, path):
    """The URL path a page is served at, relative to the site root ('' for the home page)."""
    return path.relative_to(site).as_posix()


def _resolve(site, target_path):
    """The file in site/ that a site-relative URL path names, or None."""
    if target_path.startswith("../") or target_path == "..":
        return None  # above the site root
    file = site / target_path if target_path else site
    if target_path == "" or target_path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


def check_external(url):
    """Why an http(s) URL is malformed, or None."""
    if any(c.isspace() for c in url):
        return "contains whitespace"
    try:
        parts = urlsplit(url)
        parts.port  # raises ValueError on a bad port
    except ValueError as error:
        return f"unparsable ({error})"
    if parts.scheme not in ("http", "https"):
        return f"scheme {parts.scheme!r} is not http/https"
    host = parts.hostname or ""
    if not parts.netloc or "." not in host or host.startswith(".") or host.endswith("."):
        return f"no proper host name (netloc {parts.netloc!r})"
    return None


def broken_links(site):
    site = Path(site)
    base = _base_path(site)
    problems = []
    for page in html_pages(site):
        where = page.relative_to(site).as_posix()
        page_url = "/" + _page_url(site, page)
        for tag, attrs in _document(str(page)).tags:
            for attr in LINK_ATTRS.get(tag, ()):
                if attr not in attrs:
                    continue
                url = attrs[attr].strip()
                problem = _check_one(site, base, page, page_url, url)
                if problem:
                    problems.append(f"{where}: <{tag} {attr}={attrs[attr]!r}>: {problem}")
    return problems


def _check_one(site, base, page, page_url, url):
    if not url:
        return "empty URL"
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https") or url.startswith("//"):
        return check_external(url if scheme else "https:" + url)
    if scheme in OTHER_SCHEMES:
        return None
    if scheme:
        return f"unknown scheme {scheme!r}"
    # Internal: resolve against the page's URL inside the site, then strip the base path.
    if parts.path.startswith("/"):
        path = unquote(parts.path)
        if not (path + "/").startswith(base) and path != base.rstrip("/"):
            return f"root-relative path outside the site's base path {base!r}"
        site_path = path[len(base):] if path.startswith(base) else ""
    else:
        joined = urljoin(page_url, unquote(parts.path)) if parts.path else page_url
        site_path = joined.lstrip("/")
        # urljoin keeps ".." that would climb above the root; normalise what stays inside.
        if parts.path and _climbs_above_root(page_url, unquote(parts.path)):
            return "climbs above the site root"
    target = page if not parts.path else _resolve(site, site_path)
    if target is None:
        return f"no such file in site/ (resolved to {site_path or '/'!r})"
    fragment = unquote(parts.fragment)
    if parts.fragment and target.suffix == ".html":
        # "#" alone and Material's "#__..." toggles are ids too; the text fragment
        # directive (#:~:text=) is not an anchor.
        if fragment.startswith(":~:"):
            return None
        if fragment not in _anchors(target):
            return f"no id {fragment!r} in {target.relative_to(site).as_posix()}"
    return None


def _climbs_above_root(page_url, rel):
    depth = len(PurePosixPath(page_url).parent.parts) - 1  # parts include "/"
    for part in rel.split("/"):
        if part == "..":
            depth -= 1
            if depth < 0:
                return True
        elif part not in ("", "."):
            depth += 1
    return False


def test_site_has_pages(site):
    assert len(html_pages(site)) >= 3, "site/ holds too few HTML pages to check"


def test_every_link_resolves(site):
    problems = broken_links(site)
    if problems:
        pytest.fail(f"{len(problems)} broken link(s):\n" + "\n".join(problems), pytrace=False)


def test_checker_catches_broken_links(tmp_path):
    """The checker itself: a tiny site with one good and several bad links of each kind."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<link rel="canonical" href="https://example.org/base/">'
        '<h2 id="top">x</h2>'
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="#top">ok</a><a href="#">ok</a>'
        '<a href="/base/a/">ok</a><a href="https://example.org/x?y=1#z">ok</a>'
        '<a href="missing/">bad1</a><a href="a/#nowhere">bad2</a><a href="#gone">bad3</a>'
        '<a href="http://localhost/">bad4</a><a href="https://exa mple.org/">bad5</a>'
        '<a href="/elsewhere/">bad6</a><img src="pic.png"><a href="../up/">bad8</a>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text('<p id="here">a</p><a href="../#top">ok</a>', encoding="utf-8")
    problems = broken_links(tmp_path)
    bad = ["missing/", "a/#nowhere", "#gone", "http://localhost/", "https://exa mple.org/",
           "/elsewhere/", "pic.png", "../up/"]
    assert len(problems) == len(bad), "\n".join(problems)
    for url in bad:
        assert any(f"={url!r}>" in p for p in problems), (url, problems)

"""PDF galleys: one per article, one per issue, made at build time by WeasyPrint.

An article's galley is its page's body HTML (made by the build from its Markdown) under a
title block rendered from `overrides/pdf/article.html` and styled by `overrides/pdf/galley.css`:
A4, running heads (journal · issue · short title), PDF page numbers that say they are not the
print's, and every note at the foot of the page that calls it (CSS `float: footnote`). The
issue's PDF is a cover with the contents (`overrides/pdf/issue.html`) followed by the articles'
galleys: each article is laid out once, and its pages make both its own PDF and the issue's.

Fonts are the system's Noto CJK (Debian fonts-noto-cjk), embedded subset. WeasyPrint may open
only files of the site being built and data: URLs: nothing is fetched from another host.

Rendering costs about 1.3 s per article (layout 0.65 s, writing the rest) and 8–9 s per issue
of seven articles on this 2-core machine, so an issue's PDFs are cached in a folder outside the
site (`build/pdf-cache/` by default), keyed by the SHA-256 of everything that goes into them:
the cover's and every article's HTML, the stylesheet and the WeasyPrint version. An issue
none of whose articles changed is copied from the cache: the offline bundle's builds and the
second build of tests/test_properdocs.py cost almost nothing. Issues render in parallel, one
worker process each.
"""

import hashlib
import os
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urljoin, urlparse

from lxml import html as lxml_html
from markupsafe import Markup

CACHE_VERSION = "1"


# --- the body: notes moved to where they are called -----------------------------------------

def galley_body(page_html, page_url):
    """The article body of a built page, ready for print: notes inlined as `float: footnote`
    elements where they are first called, permalinks dropped, relative links made absolute
    (`page_url` is the page's address on the site)."""
    root = lxml_html.fragment_fromstring(page_html, create_parent="div")
    bodies = root.find_class("article-body")
    body = bodies[0] if bodies else root
    for link in body.find_class("headerlink"):
        link.drop_tree()
    notes = {}
    for block in body.find_class("footnote"):
        for item in block.iter("li"):
            note_id = item.get("id", "")
            if note_id.startswith("fn:"):
                for back in item.find_class("footnote-backref"):
                    _drop_keep_tail(back)
                notes[note_id[3:]] = item
    seen = set()
    for ref in list(body.find_class("footnote-ref")):
        sup = ref.getparent()
        target = (ref.get("href") or "").partition("#fn:")[2]
        if target not in notes or sup is None or sup.tag != "sup":
            continue
        number = (ref.text_content() or target).strip()
        if target in seen:
            again = lxml_html.Element("sup", {"class": "fn-again"})
            again.text = number
            _replace(sup, again)
            continue
        seen.add(target)
        note = lxml_html.Element("span", {"class": "fn", "data-n": number})
        item = notes[target]
        # No white space before the note's text: WeasyPrint would set the number on a line
        # of its own.
        note.text = (item.text or "").strip() or None
        for child in list(item):
            if child.tag == "p":
                child.tag = "span"
                child.set("class", "fn-p")
                child.tail = (child.tail or "").strip() or None
                if not len(note) and not note.text:
                    child.text = (child.text or "").lstrip() or None
            note.append(child)
        _trim(note)
        _replace(sup, note)
    for block in body.find_class("footnote"):
        leftovers = [li for li in block.iter("li") if li.get("id", "")[3:] not in seen]
        if leftovers:
            block.set("class", "leftover-notes")
            for li in block.iter("li"):
                if li.get("id", "")[3:] in seen:
                    li.drop_tree()
        else:
            block.drop_tree()
    for element in body.iter("a", "img"):
        attr = "href" if element.tag == "a" else "src"
        value = element.get(attr)
        if value and not value.startswith(("#", "data:")) and page_url:
            element.set(attr, urljoin(page_url, value))
        if element.tag == "a" and value and value.startswith("#"):
            del element.attrib["href"]
    for element in body.iter():
        element.attrib.pop("id", None) if element.get("id", "").startswith(("fnref", "fn:")) else None
    inner = (body.text or "") + "".join(lxml_html.tostring(child, encoding="unicode") for child in body)
    return Markup(inner)


def _replace(old, new):
    new.tail = old.tail
    old.getparent().replace(old, new)


def _drop_keep_tail(element):
    element.drop_tree()


def _trim(note):
    """Strip the no-break space Python-Markdown leaves before the back-link."""
    last = note[-1] if len(note) else None
    if last is not None and last.tail is None and len(last):
        inner = last[-1]
        if inner.tail:
            inner.tail = inner.tail.rstrip("\u00a0 ")
    elif last is not None and last.tail:
        last.tail = last.tail.rstrip("\u00a0 ")
    if last is not None and last.text and not len(last):
        last.text = last.text.rstrip("\u00a0 ")


# --- rendering -------------------------------------------------------------------------------

def digest(*parts):
    h = hashlib.sha256(CACHE_VERSION.encode())
    for part in parts:
        h.update(b"\x00" + (part if isinstance(part, bytes) else str(part).encode("utf-8")))
    return h.hexdigest()


def _fetcher(site_dir):
    """WeasyPrint's URL fetcher: files of the site being built and data: URLs, nothing else
    (a refused URL is left out of the galley with a warning, as a missing image would be)."""
    from weasyprint.urls import URLFetcher

    allowed = os.path.realpath(site_dir)

    class LocalOnly(URLFetcher):
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            local = parsed.scheme == "file" and os.path.realpath(parsed.path).startswith(allowed + os.sep)
            if parsed.scheme != "data" and not local:
                raise ValueError(f"the PDF galley may not load {url}")
            return super().fetch(url, headers)

    return LocalOnly(allowed_protocols=("file", "data"), allow_redirects=False)


def render_issue(cover, articles, css, site_dir):
    """(issue PDF, [article PDFs]) from the cover's HTML and each article's (run in a worker
    process). Each article is laid out once: its own PDF is written from its pages, and the
    issue's from the cover's pages and all of theirs, so the issue's fonts are embedded once
    and the contents' links and every heading's bookmark work across the whole issue."""
    import weasyprint

    options = {"base_url": Path(site_dir).resolve().as_uri() + "/", "url_fetcher": _fetcher(site_dir)}
    stylesheets = [weasyprint.CSS(string=css)]
    documents = [weasyprint.HTML(string=html, **options).render(stylesheets=stylesheets) for html in articles]
    front = weasyprint.HTML(string=cover, **options).render(stylesheets=stylesheets)
    pages = list(front.pages)
    for document in documents:
        pages += document.pages
    return front.copy(pages).write_pdf(), [document.write_pdf() for document in documents]


def weasyprint_version():
    import weasyprint

    return weasyprint.__version__


class Renderer:
    """Renders issues (one worker process each, up to `workers` at a time), from the cache
    when it has them: an issue is rendered again when its cover or any article changed."""

    def __init__(self, cache_dir, site_dir, css, workers=None):
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.site_dir = str(site_dir)
        self.css = css
        self.workers = workers or min(4, os.cpu_count() or 1)
        self.version = weasyprint_version()
        self.rendered = 0  # issues laid out in this build
        self.cached = 0  # issues copied from the cache

    def key(self, cover, articles):
        return digest(cover, *articles, self.css, self.version)

    def render_all(self, issues):
        """{name: (cover html, [article html])} -> {name: (issue pdf, [article pdfs])}."""
        results, todo = {}, {}
        for name, (cover, articles) in issues.items():
            cached = self._cached(self.key(cover, articles), len(articles))
            if cached is not None:
                results[name] = cached
                self.cached += 1
            else:
                todo[name] = (cover, articles)
        if len(todo) > 1 and self.workers > 1:
            with ProcessPoolExecutor(max_workers=min(self.workers, len(todo))) as pool:
                futures = {name: pool.submit(render_issue, *job, self.css, self.site_dir) for name, job in todo.items()}
                done = {name: future.result() for name, future in futures.items()}
        else:
            done = {name: render_issue(*job, self.css, self.site_dir) for name, job in todo.items()}
        for name, result in done.items():
            self._store(self.key(*todo[name]), result)
            results[name] = result
            self.rendered += 1
        return results

    def _cached(self, key, count):
        if not self.cache_dir:
            return None
        folder = self.cache_dir / key
        paths = [folder / "issue.pdf"] + [folder / f"{n}.pdf" for n in range(count)]
        if not all(p.is_file() for p in paths):
            return None
        return paths[0].read_bytes(), [p.read_bytes() for p in paths[1:]]

    def _store(self, key, result):
        if not self.cache_dir:
            return
        issue, articles = result
        folder = self.cache_dir / key
        staging = self.cache_dir / f".{key}.{os.getpid()}"
        staging.mkdir(parents=True, exist_ok=True)
        (staging / "issue.pdf").write_bytes(issue)
        for n, data in enumerate(articles):
            (staging / f"{n}.pdf").write_bytes(data)
        try:
            os.replace(staging, folder)
        except OSError:  # another build stored it first
            shutil.rmtree(staging, ignore_errors=True)


def short_title(title):
    """The running head's title: up to the first colon or dash."""
    return re.split(r"[：:—]", title, maxsplit=1)[0].strip() or title

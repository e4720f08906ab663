"""PDF galleys: one per article, one per issue, made at build time by WeasyPrint.

An article's galley is its page's body HTML (made by the build from its Markdown) under a
title block rendered from `overrides/pdf/article.html` and styled by `overrides/pdf/galley.css`:
A4, running heads (journal · issue · short title), PDF page numbers that say they are not the
print's, and every note at the foot of the page that calls it (CSS `float: footnote`), its call
kept on the line of the character before it and of the closing marks after it (`_glue`). Every
PDF is tagged (PDF/UA-1: WeasyPrint's structure tree, /Lang, the title as the window's).

An article's pages are numbered as in its issue, as an offprint carries the journal's page
numbers: the issue's first article from 1, each next one from where the one before ended, the
footer `PDF 第 k 页 / 本期共 N 页` and the page labels saying the same. The body is rendered once,
without a footer; the footers are laid over its pages afterwards (`stamp`, from the issue's
footer sheet, `footer_sheet`), so a first page that moves costs a stamp, not a render. The issue's
PDF is a cover with the contents (`overrides/pdf/issue.html`, each article's first page in this
PDF beside its printed one) followed by the articles' galleys as they are, joined page for page
(pypdf): bookmarks, the contents' links to each article's title, the cover's metadata and every
document's structure tree are kept (`_join_structure`). Page labels: the cover i, ii…, the
articles 1, 2….

Fonts are the system's Noto CJK (Debian fonts-noto-cjk), embedded subset. Before anything is
rendered, every CJK family the stylesheet names must resolve, through the fontconfig WeasyPrint
itself uses, to a font of that family: otherwise the build stops naming the family and the
command that installs it (a fallback would print every Chinese character as a box). After
rendering, each PDF must have a Noto CJK face embedded, or the build stops.

WeasyPrint opens only data: URLs and files under the article's own folder of docs/ (its
figures, docs/YYYY/NN/<slug>-figure-N.png): nothing from another host, nothing else on disk.
WeasyPrint only logs what it could not load; every worker collects those records, and an
error (a picture refused or missing) stops the build naming the article's page.

Rendering costs 0.7-2 s of CPU per article (WeasyPrint: layout about 60%, of which the notes'
area, laid out again for each note a page takes, about half; drawing 15%; fonts subset by
HarfBuzz and embedded 15%), once; a stamp 0.1-0.4 s (pypdf parsing the body's object streams),
an issue's footer sheet about 6 ms a page; articles render in parallel, one per task, in a pool
of one worker process per core. A body's page count and fonts are read from the PDF's objects
as WeasyPrint writes them (`_Written`), not parsed back from its bytes. Galleys are cached
outside the checkout (config.py: `$JOURNAL_CACHE_DIR/pdf/`), each keyed by the SHA-256 of everything that changes it: its HTML
(the page's text and the templates' output), the bytes of its pictures, the files under
`overrides/pdf/`, the versions of WeasyPrint, pydyf, fontTools, pypdf and Pango, this module's own source, and the path, size
and modification time of every font file the stylesheet's families resolve to (so installing
the fonts after a build without them renders again); a galley's key adds its body's, its first
page and its issue's footer sheet's (the total), so a stale page number is never served. Beside
each cached PDF a manifest records its SHA-256, the fonts it embeds and its page count; an entry whose bytes or fonts do not check out is rendered
again, never published.
"""

import hashlib
import io
import json
import logging
import os
import posixpath
import re
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from lxml import html as lxml_html
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

CACHE_VERSION = "4"  # 3: tagged PDF/UA-1; 4: bodies without a footer, galleys stamped with their issue's pages
PDF_VARIANT = "pdf/ua-1"  # WeasyPrint then tags the PDF (structure tree, /Lang, /MarkInfo, XMP)
INSTALL_FONTS = "apt-get install fonts-noto-cjk (or: bash .ci/install-debian-packages)"


# --- the body: notes moved to where they are called -----------------------------------------

def galley_body(page_html, page_url, pictures=None):
    """The article body of a built page, ready for print: notes inlined as `float: footnote`
    elements where they are first called, permalinks dropped, relative links made absolute
    (`page_url` is the page's address on the site). `pictures(src)` gives the file an <img>
    shows (see `pictures_of`); a picture it does not give is left on the site's address,
    which the galley refuses to load (the build then fails)."""
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
            _glue(again)
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
        _glue(note)
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
        local = pictures(value) if element.tag == "img" and value and pictures else None
        if local is not None:
            element.set(attr, local.as_uri())
        elif value and not value.startswith(("#", "data:")) and page_url:
            element.set(attr, urljoin(page_url, value))
        if element.tag == "a" and value and value.startswith("#"):
            del element.attrib["href"]
    for element in body.iter():
        element.attrib.pop("id", None) if element.get("id", "").startswith(("fnref", "fn:")) else None
    inner = (body.text or "") + "".join(lxml_html.tostring(child, encoding="unicode") for child in body)
    return Markup(inner)


def pictures_of(docs_dir, page_url):
    """`pictures` for galley_body: an <img src> of the page built at `page_url` (site-relative,
    e.g. '2026/02/wang-fan/') -> the file of docs_dir it names, or None for anything else
    (another host, data:, a path leaving docs_dir)."""
    docs = Path(docs_dir).resolve()

    def picture(src):
        parsed = urlparse(src)
        if parsed.scheme or parsed.netloc or not parsed.path:
            return None
        path = posixpath.normpath(urljoin("/" + page_url, unquote(parsed.path)))
        if not path.startswith("/") or path.startswith("//"):
            return None
        return docs / path.lstrip("/")

    return picture


# What may not begin a line (GB/T 15834's closing marks, and their ASCII forms): a note's call
# is kept on the line of the character before it, and of the marks after it.
CLOSING = "，。、；：？！）」』”’》〉】〕,.;:?!)]"


def _glue(call):
    """Wrap a note's call (`.fn`, `.fn-again`) with the character before it (and the closing
    marks between: `特征。`, a `.punct-half` mark) and the closing marks after it in a
    `.fn-glue` span, which galley.css sets `white-space: nowrap`: no line then starts with
    the call (`²⁴，…`) or with the mark after it (`，…`). Calls in a row share one span."""
    parent = call.getparent()
    previous = call.getprevious()
    if previous is not None and previous.get("class") == "fn-glue" and not previous.tail:
        glue = previous  # 特征²³²⁴: one span
        call.tail, tail = None, call.tail
        glue.append(call)
    else:
        members = [call]
        if previous is not None and previous.get("class") == "punct-half" and not previous.tail:
            members.insert(0, previous)
            previous = previous.getprevious()
        text = (previous.tail if previous is not None else parent.text) or ""
        cut = max(len(text.rstrip(CLOSING)) - 1, 0)
        glue = lxml_html.Element("span", {"class": "fn-glue"})
        glue.text = text[cut:] or None
        if previous is not None:
            previous.tail = text[:cut] or None
        else:
            parent.text = text[:cut] or None
        members[0].addprevious(glue)
        tail = call.tail
        call.tail = None
        for member in members:
            glue.append(member)
    tail = tail or ""
    keep = len(tail) - len(tail.lstrip(CLOSING))
    call.tail = tail[:keep] or None
    glue.tail = tail[keep:] or None


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


# --- fonts -----------------------------------------------------------------------------------

FONT_DECLARATION = re.compile(r"font(?:-family)?\s*:([^;{}]*)")  # linear: one class, no nesting
QUOTED = re.compile(r'"([^"\n]{1,100})"')
STYLES = ("Regular", "Bold")  # the galley sets text in both


def named_families(css):
    """The font families the stylesheet names in quotes, in order, each once."""
    names = []
    for declaration in FONT_DECLARATION.findall(css):
        names += [n for n in QUOTED.findall(declaration) if n not in names]
    return names


def _compact(name):
    return re.sub(r"[\s_-]+", "", name).lower()


def required_families(css):
    """The CJK families: without one of them a Chinese character is a box."""
    return [name for name in named_families(css) if "CJK" in name]


@dataclass(frozen=True)
class FontFile:
    family: str  # as the stylesheet names it
    style: str
    path: str  # the file fontconfig gives for it ('' if it gives none)
    matched: bool  # whether that file is of the family asked for (else a fallback)
    size: int = 0
    mtime_ns: int = 0


def resolve_fonts(families, styles=STYLES):
    """[FontFile] for each family and style, resolved as Pango resolves them for WeasyPrint:
    through WeasyPrint's own fontconfig library and the system's configuration."""
    from weasyprint.text.ffi import ffi, fontconfig

    config = fontconfig.FcInitLoadConfigAndFonts()
    found = []
    try:
        for family in families:
            for style in styles:
                pattern = fontconfig.FcPatternCreate()
                fontconfig.FcPatternAddString(pattern, b"family", family.encode())
                fontconfig.FcPatternAddString(pattern, b"style", style.encode())
                fontconfig.FcConfigSubstitute(config, pattern, fontconfig.FcMatchPattern)
                fontconfig.FcDefaultSubstitute(pattern)
                result = ffi.new("FcResult *")
                match = fontconfig.FcFontMatch(config, pattern, result)
                fontconfig.FcPatternDestroy(pattern)
                names, path = [], ""
                if match != ffi.NULL:
                    value = ffi.new("FcChar8 **")
                    n = 0
                    while fontconfig.FcPatternGetString(match, b"family", n, value) == fontconfig.FcResultMatch:
                        names.append(ffi.string(value[0]).decode("utf-8", "replace"))
                        n += 1
                    if fontconfig.FcPatternGetString(match, b"file", 0, value) == fontconfig.FcResultMatch:
                        path = ffi.string(value[0]).decode("utf-8", "replace")
                    fontconfig.FcPatternDestroy(match)
                matched = bool(path) and _compact(family) in {_compact(n) for n in names}
                stat = os.stat(path) if path and os.path.exists(path) else None
                found.append(FontFile(family, style, path, matched,
                                      stat.st_size if stat else 0, stat.st_mtime_ns if stat else 0))
    finally:
        fontconfig.FcConfigDestroy(config)
    return found


def require_fonts(css):
    """The fonts the galley uses ([FontFile]), or a PluginError naming every CJK family of
    the stylesheet that is not installed and the command that installs it."""
    fonts = resolve_fonts(named_families(css))
    required = set(required_families(css))
    missing = sorted({f.family for f in fonts if f.family in required and not f.matched})
    if not required:
        raise PluginError("PDF galleys: overrides/pdf/galley.css names no CJK font family (e.g. \"Noto Serif CJK SC\")")
    if missing:
        fallback = {f.family: f.path for f in fonts if f.family in missing}
        raise PluginError(
            "PDF galleys: the font(s) " + ", ".join(f'"{m}"' for m in missing)
            + " named in overrides/pdf/galley.css are not installed (fontconfig gives "
            + "; ".join(f"{os.path.basename(p) or 'nothing'} for {m}" for m, p in fallback.items())
            + "): every Chinese character would print as a box. Install them: " + INSTALL_FONTS
            + ", or build without PDFs: JOURNAL_PDF=false (never deploy such a build).")
    return fonts


def embedded_fonts(data):
    """The base names of the fonts a PDF embeds (subset tag dropped): 'NotoSerifCJKsc-Regular'.
    `data`: the PDF's bytes, or a pypdf reader or writer already holding it."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data)) if isinstance(data, bytes) else data
    names, seen = set(), set()
    for page in reader.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        for ref in (fonts.get_object().values() if fonts is not None else ()):
            key = getattr(ref, "idnum", None)
            if key is not None and key in seen:
                continue
            seen.add(key)
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants.get_object()[0].get_object() if descendants is not None else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                names.add(str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1])
    return sorted(names)


def has_face(embedded, families):
    """Whether one of the embedded fonts is of one of `families` ('Noto Serif CJK SC' is
    embedded as 'NotoSerifCJKsc-Regular')."""
    wanted = [_compact(f) for f in families]
    return any(_compact(name).startswith(w) for name in embedded for w in wanted)


# --- what WeasyPrint may load ----------------------------------------------------------------

def _fetcher(allowed_dir):
    """WeasyPrint's URL fetcher: data: URLs and file: URLs of files under `allowed_dir` (the
    article's own folder of docs/; symbolic links resolved before the test), nothing else."""
    from weasyprint.urls import URLFetcher

    allowed = os.path.realpath(allowed_dir)

    class LocalOnly(URLFetcher):
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            local = parsed.scheme == "file" and not parsed.netloc and \
                os.path.realpath(unquote(parsed.path)).startswith(allowed + os.sep)
            if parsed.scheme != "data" and not local:
                raise ValueError(f"the PDF galley may not load {url} (only files under {allowed})")
            return super().fetch(url, headers)

    return LocalOnly(allowed_protocols=("file", "data"), allow_redirects=False)


class _Collect(logging.Handler):
    """WeasyPrint's warnings and errors while one document is rendered (it only logs them)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.errors, self.warnings = [], []

    def emit(self, record):
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(record.getMessage())


@dataclass(frozen=True)
class Galley:
    """What a worker sends back: the PDF, the fonts it embeds, what WeasyPrint logged."""

    name: str  # the page's src_uri, or the issue's for a cover or an issue
    pdf: bytes
    fonts: tuple = ()
    errors: tuple = ()
    warnings: tuple = ()
    pages: int = 0  # its page count (0: none made)


# A galley's budget. The longest real article (wang-fan, 83 notes) takes about 3 s and 300 MiB;
# a page the content check lets through but that makes WeasyPrint work for minutes (hundreds of
# notes in one paragraph, deep nesting) stops with its name instead of running out CI's time.
GALLEY_SECONDS = int(os.environ.get("JOURNAL_GALLEY_SECONDS", "300"))
GALLEY_MEMORY = int(os.environ.get("JOURNAL_GALLEY_MEMORY_MIB", "3072")) * 2**20


class OverBudget(Exception):
    pass


def _over_time(signum, frame):
    raise OverBudget(f"took more than {GALLEY_SECONDS} s (JOURNAL_GALLEY_SECONDS): is the page far longer or "
                     "more deeply nested than an article?")


def limit_memory():
    """Each worker process may use at most GALLEY_MEMORY (address space),
    so one runaway galley fails alone instead of taking the machine."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (GALLEY_MEMORY if hard == resource.RLIM_INFINITY else min(GALLEY_MEMORY, hard), hard))


# What the fork server imports once, so that a worker it forks starts with them loaded.
PRELOAD = ["weasyprint", "pypdf", __name__]


def worker_pool(workers):
    """The pool the galleys are made in: `workers` processes, each started by a fork server (a
    fresh interpreter that has imported WeasyPrint and pypdf), not forked from the build. A
    worker forked from the build shares the build's whole heap (at 232 issues 811 MiB when the galleys start:
    MkDocs' pages, the search plugin's records, every galley's HTML), and its garbage collector
    and reference counts write to those objects, so page by page it comes to hold a copy of
    them: at 232 issues a worker's high-water mark reached 1.5 GiB, three times what a galley
    needs. Each worker has its memory budget and tidies after each task (`start_worker`, `tidy`)."""
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=start_worker)


def start_worker():
    """The pool's initializer: the memory budget, and the modules' objects (WeasyPrint's,
    pypdf's, imported by the fork server) set aside from the garbage collector, which then
    walks only what the galleys leave: `tidy`'s collection costs ~16 ms, not ~50."""
    import gc

    limit_memory()
    gc.freeze()


def tidy(task, *args):
    """`task(*args)` in a worker, then what it left handed back: its document's objects, which
    hold one another (WeasyPrint's boxes and fonts) and so wait for a full collection that runs
    rarely, and the free memory of the C heap. Without it a worker held the last galley's
    memory while it laid out the next: 250-370 MiB between galleys, a high-water mark of
    420-450 MiB over 200 galleys; with it ~90 MiB between galleys and ~290 MiB at most, for
    ~20 ms a task."""
    import gc

    try:
        return task(*args)
    finally:
        gc.collect()
        release_memory()


def release_memory():
    """The C heap's free pages given back to the system (glibc's malloc_trim; with another C
    library, nothing)."""
    import ctypes

    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    if trim is not None:
        trim(0)


def footer_sheet(pages):
    """The footer sheet of an issue whose articles run to `pages` pages: that many pages with
    nothing but the footer (galley.css `@page footers`: `PDF 第 k 页 / 本期共 N 页`), page k
    numbered k. `stamp` lays its pages over the articles' (rendered without a footer), so an
    article is rendered once, wherever it falls in its issue."""
    return ('<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>footers</title></head><body>'
            + '<div class="footer-page"></div>' * int(pages) + "</body></html>")


def stamp(name, body, sheet, first, cjk):
    """An article's galley (run in a worker process): its body's PDF (`body`, a path: rendered
    without a footer) with pages `first`.. of its issue's footer sheet (`sheet`) laid over its
    pages, and page labels from `first`: its pages as its issue's PDF numbers them, as an
    offprint carries the journal's page numbers. The body's bytes are kept (an incremental
    update: its structure tree and object streams as WeasyPrint wrote them); each footer is a
    form XObject drawn as an /Artifact (pagination, not content: PDF/UA), after the page's own
    content, whose graphics state is saved and restored around it."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import PageLabelStyle
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    footers = PdfReader(sheet)
    writer = PdfWriter(body, incremental=True)
    count = len(writer.pages)
    if first < 1 or first - 1 + count > len(footers.pages):
        return Galley(name, b"", (), (f"pages {first}-{first + count - 1} are not in the issue's footer sheet ({len(footers.pages)} pages)",))
    resources = {}  # the sheet's resources, cloned once (its pages share them)
    for n, page in enumerate(writer.pages):
        footer = footers.pages[first - 1 + n]
        held = footer.raw_get("/Resources")
        ident = getattr(held, "idnum", id(held))
        if ident not in resources:
            resources[ident] = held.clone(writer)
        form = DecodedStreamObject()
        form.set_data(footer.get_contents().get_data())
        form.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                     NameObject("/BBox"): ArrayObject(footer.mediabox), NameObject("/Resources"): resources[ident]})
        # The page's own resources, copied (WeasyPrint may share one dictionary between pages).
        own = DictionaryObject(page["/Resources"].get_object())
        forms = DictionaryObject(own["/XObject"].get_object()) if "/XObject" in own else DictionaryObject()
        forms[NameObject("/JournalFooter")] = writer._add_object(form)
        own[NameObject("/XObject")] = forms
        page[NameObject("/Resources")] = own
        before, after = DecodedStreamObject(), DecodedStreamObject()
        before.set_data(b"q\n")
        after.set_data(b"Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n/JournalFooter Do\nEMC\n")
        contents = page.raw_get("/Contents") if "/Contents" in page else None  # none: a blank page
        streams = [] if contents is None else list(contents.get_object()) if isinstance(contents.get_object(), list) else [contents]
        page[NameObject("/Contents")] = ArrayObject([writer._add_object(before), *streams, writer._add_object(after)])
    writer.set_page_label(0, count - 1, PageLabelStyle.DECIMAL, start=first)
    # The document information again, as a new object: pypdf's update names /Info in its
    # trailer only when it changed, and readers (pdfinfo) read only the last trailer.
    info = dict(writer.metadata or {})
    writer.metadata = None
    writer.add_metadata(info)
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    fonts = tuple(embedded_fonts(writer))  # the pages' own (read again from `data`, twice the time)
    return Galley(name, data, fonts, () if has_face(fonts, cjk) else (f"no CJK font embedded ({', '.join(fonts)})",), (), count)


def render_one(name, html, allowed_dir, css, cjk, extra_css="", variant=PDF_VARIANT):
    """One document (an article's body, a cover, a footer sheet) -> Galley (run in a worker process), within its
    time budget (and, in a worker, its memory budget): over either, a Galley with the error.
    Tagged PDF/UA-1 (WeasyPrint's `pdf/ua-1` variant: structure tree of headings, paragraphs,
    lists, tables, figures and links, /Lang from <html lang>, the title shown as the window's).
    `extra_css` goes after galley.css; `variant` None: untagged (a footer sheet, whose pages
    `stamp` marks as artifacts)."""
    import signal

    import weasyprint

    logger = logging.getLogger("weasyprint")
    collect = _Collect()
    logger.addHandler(collect)
    # An alarm can be set only from a process's main thread (a pool worker's; `mkdocs serve`
    # builds in another thread, and renders no PDFs).
    timed = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGALRM, _over_time) if timed else None
    if timed:
        signal.alarm(GALLEY_SECONDS)
    try:
        base = Path(allowed_dir).resolve().as_uri() + "/"
        document = weasyprint.HTML(string=html, base_url=base, url_fetcher=_fetcher(allowed_dir))
        sheets = [weasyprint.CSS(string=css)] + ([weasyprint.CSS(string=extra_css)] if extra_css else [])
        written = _Written()
        data = document.write_pdf(stylesheets=sheets, pdf_variant=variant, finisher=written)
    except OverBudget as over:
        return Galley(name, b"", (), (str(over),), ())
    except MemoryError:
        return Galley(name, b"", (), (f"needed more than {GALLEY_MEMORY // 2**20} MiB (JOURNAL_GALLEY_MEMORY_MIB)",), ())
    finally:
        if timed:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
        logger.removeHandler(collect)
    fonts = written.fonts
    errors = list(collect.errors)
    if not has_face(fonts, cjk):
        errors.append(f"no CJK font embedded (embedded: {', '.join(fonts) or 'none'}; expected one of {', '.join(cjk)})")
    return Galley(name, data, fonts, tuple(errors), tuple(collect.warnings), written.pages)


class _Written:
    """WeasyPrint's `finisher`: called with the PDF's objects (pydyf) just before they are
    written, it reads from them the page count and the fonts embedded, as `page_count` and
    `embedded_fonts` would from the bytes. Parsing the bytes again with pypdf cost 0.6 s of
    a 2.3 s galley: a tagged PDF holds its thousands of structure elements in object streams,
    which pypdf parses whole, once for the page count and once for the fonts."""

    def __init__(self):
        self.pages, self.fonts = 0, ()

    def __call__(self, document, pdf):
        import pydyf

        self.pages = int(pdf.pages["Count"])
        names = set()
        for obj in pdf.objects:
            if not isinstance(obj, pydyf.Dictionary) or obj.get("Type") != "/FontDescriptor":
                continue
            for key in ("FontFile", "FontFile2", "FontFile3"):
                # The font file: a reference ('12 0 R') to a stream that holds its bytes.
                number = int(_text(obj[key]).split()[0]) if key in obj else 0
                stream = pdf.objects[number] if 0 < number < len(pdf.objects) else None
                if isinstance(stream, pydyf.Stream) and any(stream.stream):
                    names.add(_text(obj["FontName"]).lstrip("/").split("+")[-1])
        self.fonts = tuple(sorted(names))


def _text(value):
    """A pydyf name or reference (bytes, or str) as text."""
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def page_count(data):
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages) if data else 0


def with_targets(cover, anchors):
    """The cover's HTML with an empty element for each article's anchor, so that WeasyPrint
    writes the contents' links (it drops a link to an id it cannot find); `join_issue` then
    points the names at the articles' titles."""
    marks = "".join(f'<span id="{a}" style="position:absolute;width:0;height:0"></span>' for a in anchors)
    at = cover.rfind("</body>")
    return cover[:at] + marks + cover[at:] if at >= 0 else cover + marks


def with_pages(cover, starts):
    """The cover's HTML with each contents entry's `.pdf-page` (overrides/pdf/issue.html) holding
    the page of the issue's PDF its article starts on: `starts` {anchor: page}, the entry found
    by its link (`href="#anchor"`)."""
    root = lxml_html.document_fromstring(cover)
    for link in root.iter("a"):
        start = starts.get((link.get("href") or "").removeprefix("#"))
        item = link.getparent()
        if start is None or item is None:
            continue
        for slot in item.find_class("pdf-page"):
            slot.text = str(start)
    return "<!doctype html>\n" + lxml_html.tostring(root, encoding="unicode")


def join_issue(name, cover, articles, anchors, cjk):
    """The issue's PDF (`cover`, `articles`: paths of PDFs already written, the articles' own
    galleys, whose footers already number them on from one another: see `stamp`): the cover's pages then every
    article's, with their bookmarks, named destinations and structure trees (the PDF stays
    tagged). Page labels as the footers: the cover i, ii…, the articles 1, 2… on to the end.
    The contents' links name the articles' anchors, which the cover also holds (with_targets):
    the first of two equal names would win, so each is pointed at its article."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import PageLabelStyle
    from pypdf.generic import ArrayObject, FloatObject, NameObject, NumberObject

    writer = PdfWriter()
    front = PdfReader(cover)
    writer.append(front, excluded_fields=[])  # excluded_fields: keep the contents' links
    readers, targets, offset, footers = [(front, 0)], {}, len(front.pages), {}
    for path in articles:
        reader = PdfReader(path)
        _share_footers(writer, reader, footers)
        for target, dest in reader.named_destinations.items():
            if target in anchors and target not in targets:
                targets[target] = (offset + reader.get_destination_page_number(dest), dest.left, dest.top)
        writer.append(reader, excluded_fields=[])
        readers.append((reader, offset))
        offset += len(reader.pages)
    names = writer._root_object.get("/Names")
    dests = names.get_object().get("/Dests") if names is not None else None
    flat = dests.get_object().get("/Names", []) if dests is not None else []
    for i in range(0, len(flat) - 1, 2):
        if str(flat[i]) in targets:
            page, left, top = targets[str(flat[i])]
            flat[i + 1] = ArrayObject([writer.pages[page].indirect_reference, NameObject("/XYZ"),
                                       FloatObject(left or 0), FloatObject(top or 0), NumberObject(0)])
    root = front.trailer["/Root"]
    for key in ("/Lang", "/MarkInfo", "/ViewerPreferences"):
        if key in root:
            writer._root_object[NameObject(key)] = root[key].clone(writer)
    if "/Metadata" in root:  # the cover's XMP: the issue's title, the PDF/UA claim
        writer._root_object[NameObject("/Metadata")] = root.raw_get("/Metadata").clone(writer)
    _join_structure(writer, readers)
    if len(front.pages):
        writer.set_page_label(0, len(front.pages) - 1, PageLabelStyle.LOWERCASE_ROMAN)
    if offset > len(front.pages):
        writer.set_page_label(len(front.pages), offset - 1, PageLabelStyle.DECIMAL)
    if front.metadata:
        writer.add_metadata({k: v for k, v in front.metadata.items()})
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    fonts = tuple(embedded_fonts(writer))
    return Galley(name, data, fonts, () if has_face(fonts, cjk) else (f"the issue's PDF embeds no CJK font ({', '.join(fonts)})",))


def _share_footers(writer, reader, footers):
    """Before `reader` (a galley) is appended to `writer`: its footers' resources (`stamp`: the
    footer sheet's, its font ~110 KB) written once for the issue. Each galley holds its own copy;
    one whose objects are the same as a galley's before it (`footers`: {fingerprint: the
    writer's object number}) is mapped to that one's clone, which pypdf then reuses."""
    if not len(reader.pages):
        return
    resources = reader.pages[0].get("/Resources")
    forms = resources.get_object().get("/XObject") if resources is not None else None
    form = forms.get_object().get("/JournalFooter") if forms is not None else None
    held = form.get_object().raw_get("/Resources") if form is not None else None
    if held is None or not hasattr(held, "idnum"):
        return
    mark = _fingerprint(held.get_object(), hashlib.sha256(), set()).hexdigest()
    translated = writer._id_translated.setdefault(id(reader), {"PreventGC": reader})
    if mark in footers:
        translated[held.idnum] = footers[mark]
    else:
        footers[mark] = held.clone(writer).idnum


def _fingerprint(obj, h, seen):
    """`h` updated with everything `obj` holds, objects it refers to included (each once)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    if isinstance(obj, IndirectObject):
        if obj.idnum in seen:
            h.update(b"R%d" % obj.idnum)
            return h
        seen.add(obj.idnum)
        return _fingerprint(obj.get_object(), h, seen)
    if isinstance(obj, DictionaryObject):
        for key in sorted(obj):
            h.update(b"/" + str(key).encode())
            _fingerprint(obj.raw_get(key), h, seen)
        if isinstance(obj, StreamObject):
            h.update(b"S" + hashlib.sha256(obj._data or b"").digest())
    elif isinstance(obj, ArrayObject):
        for item in obj:
            _fingerprint(item, h, seen)
    else:
        h.update(repr(obj).encode())
    return h


def _join_structure(writer, readers):
    """One structure tree for the joined PDF (pypdf's append keeps the pages but drops each
    document's /StructTreeRoot and the pages' /StructParents): a /Document element holding
    every source's top elements in page order, and a parent tree whose keys are renumbered so
    that they stay unique. `readers`: [(PdfReader, index of its first page in `writer`)], each
    already appended (its pages' clones are what the cloned elements' /Pg point to)."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

    tree_root, document = DictionaryObject(), DictionaryObject()
    root_ref, doc_ref = writer._add_object(tree_root), writer._add_object(document)
    kids, nums, base = ArrayObject(), ArrayObject(), 0
    for reader, first in readers:
        source = reader.trailer["/Root"].get("/StructTreeRoot")
        if source is None:
            continue
        source = source.get_object()
        parent_tree = source["/ParentTree"].get_object().get("/Nums", [])
        # The sources' /Document element becomes ours: its children's /P then point to it.
        translated = writer._id_translated.setdefault(id(reader), {"PreventGC": reader})
        for top in source["/K"] if isinstance(source["/K"], list) else [source["/K"]]:
            translated[top.idnum] = doc_ref.idnum
            for kid in top.get_object().get("/K", []):
                kids.append(kid.clone(writer))
        highest = -1
        for i in range(0, len(parent_tree) - 1, 2):
            key, value = int(parent_tree[i]), parent_tree[i + 1]
            nums += [NumberObject(base + key), value.clone(writer)]
            highest = max(highest, key)
        for n, page in enumerate(reader.pages):
            target = writer.pages[first + n]
            if "/StructParents" in page:
                target[NameObject("/StructParents")] = NumberObject(base + int(page["/StructParents"]))
            for annotation in target.get("/Annots", []) or []:
                annotation = annotation.get_object()
                if "/StructParent" in annotation:
                    annotation[NameObject("/StructParent")] = NumberObject(base + int(annotation["/StructParent"]))
        base += highest + 1
    document.update({NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Document"),
                     NameObject("/P"): root_ref, NameObject("/K"): kids})
    tree_root.update({NameObject("/Type"): NameObject("/StructTreeRoot"), NameObject("/K"): ArrayObject([doc_ref]),
                      NameObject("/ParentTree"): writer._add_object(DictionaryObject({NameObject("/Nums"): nums}))})
    writer._root_object[NameObject("/StructTreeRoot")] = root_ref


def digest(*parts):
    h = hashlib.sha256(CACHE_VERSION.encode())
    for part in parts:
        h.update(b"\x00" + (part if isinstance(part, bytes) else str(part).encode("utf-8")))
    return h.hexdigest()


def environment(fonts, template_dirs=()):
    """Everything outside a document's HTML that changes its PDF, as one string for the keys:
    the libraries' versions, the font files, the files under overrides/pdf/."""
    from importlib.metadata import version

    from weasyprint.text.ffi import pango

    parts = [f"{lib} {version(lib)}" for lib in ("weasyprint", "pydyf", "fonttools", "pypdf")]
    parts.append(f"pango {pango.pango_version()}")
    # This module: how a body is prepared and how an issue is joined change the PDFs too.
    parts.append(f"pdf.py {hashlib.sha256(Path(__file__).read_bytes()).hexdigest()}")
    parts += [f"font {f.family}/{f.style}: {f.path} {f.size} {f.mtime_ns}" for f in fonts]
    for folder in template_dirs:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                parts.append(f"template {path.relative_to(folder).as_posix()} {hashlib.sha256(path.read_bytes()).hexdigest()}")
    return "\n".join(parts)


def pictures_in(html):
    """The local files an article's galley shows (file: URLs of <img>), for its cache key."""
    root = lxml_html.fromstring(html) if html.strip() else None
    out = []
    for img in root.iter("img") if root is not None else ():
        parsed = urlparse(img.get("src") or "")
        if parsed.scheme == "file":
            out.append(Path(unquote(parsed.path)))
    return out


def _file_digest(path):
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"  # rendered anyway: the galley then fails naming it


# --- the cache -------------------------------------------------------------------------------

class Cache:
    """PDFs by key in one folder: <key>.pdf and <key>.json (its SHA-256, embedded fonts and
    page count)."""

    def __init__(self, folder, cjk):
        self.folder = Path(folder) if folder else None
        self.cjk = cjk

    def get(self, key):
        found = self.lookup(key)
        return found[0] if found else None

    def lookup(self, key):
        """(PDF bytes, page count) of the entry, or None if absent or not sound."""
        if not self.folder:
            return None
        try:
            data = (self.folder / f"{key}.pdf").read_bytes()
            manifest = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not check_pdf(data) or manifest.get("sha256") != hashlib.sha256(data).hexdigest() \
                or not has_face(manifest.get("fonts", ()), self.cjk):
            return None  # damaged, or made without the fonts: render again
        pages = manifest.get("pages")
        return data, pages if isinstance(pages, int) and pages > 0 else page_count(data)

    def put(self, key, data, fonts, pages=0):
        if not self.folder:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        manifest = json.dumps({"sha256": hashlib.sha256(data).hexdigest(), "fonts": list(fonts), "pages": pages})
        for name, content in ((f"{key}.pdf", data), (f"{key}.json", manifest.encode())):
            staging = self.folder / f".{name}.{os.getpid()}"
            staging.write_bytes(content)
            os.replace(staging, self.folder / name)  # the manifest last: an entry is whole or absent


def check_pdf(data):
    """Whether `data` looks like a whole PDF: its header and the end-of-file marker."""
    return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


# --- rendering -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Article:
    src_uri: str  # '2026/02/wang-fan.md'
    html: str  # the galley's whole HTML document
    folder: str  # what its galley may load: its issue's folder of docs/
    anchor: str  # the id of its title, which the issue's contents link to
    target: str  # where its PDF is written: site/2026/02/wang-fan.pdf


@dataclass(frozen=True)
class IssueJob:
    src_uri: str
    cover: str  # the cover's HTML
    articles: tuple  # (Article, ...) in print order
    target: str  # where the issue's PDF is written (None: no issue PDF, only the articles')


class Renderer:
    """Writes every galley to its target: from the cache when it has it, else made in a pool
    of worker processes (one worker per core; one task per article body, cover, footer sheet,
    stamp or issue), in four rounds: bodies, then each issue's footer sheet and cover, then the
    galleys stamped, then each issue's PDF joined from its cover and its galleys. A PDF goes
    to its file as soon as it is made: the build holds a few PDFs in memory, not the archive."""

    def __init__(self, cache_dir, css, workers=None, template_dirs=(), docs_dir=""):
        self.css = css
        self.docs_dir = str(docs_dir)
        self.workers = workers or os.cpu_count() or 1
        self.cjk = required_families(css)
        self.fonts = require_fonts(css)
        self.environment = environment(self.fonts, template_dirs)
        self.cache = Cache(cache_dir, self.cjk)
        self.rendered = 0  # PDFs made in this build (every kind)
        self.cached = 0  # PDFs taken from the cache
        self.made = {}  # PDFs made in this build by kind: 'render_one' (bodies, covers, footer sheets), 'stamp', 'join_issue'

    def article_key(self, article):
        pictures = [f"{p}:{_file_digest(p)}" for p in pictures_in(article.html)]
        return digest("article", article.html, self.css, self.environment, *pictures)

    def render_all(self, jobs):
        """[IssueJob] -> None; every target written, or a PluginError naming the pages.

        Each article's body is rendered once, without a footer (one task per article, every
        issue's at once); its page count then places it in its issue (the first article on
        page 1, each next one where the one before ended), and its galley is its body with the
        footers of those pages laid over it (`stamp`, from the issue's footer sheet, one render
        per issue). The issue's PDF joins its cover (whose contents give those first pages) and
        the galleys as they are. A galley's key holds its body's key, its first page and its
        issue's total: a body that changes length renders alone, the galleys after it are only
        stamped again."""
        import tempfile

        keys, targets = {}, {}
        with tempfile.TemporaryDirectory(prefix="journal-pdf-") as scratch:
            def spot(name):
                return os.path.join(scratch, hashlib.sha256(name.encode()).hexdigest()[:16] + ".pdf")

            bodies, found = [], {}
            for job in jobs:
                for a in job.articles:
                    name = "body:" + a.src_uri
                    keys[name], targets[name] = self.article_key(a), spot(name)
                    entry = self.cache.lookup(keys[name])
                    if entry is None:
                        bodies.append((name, a.html, a.folder, self.css, self.cjk))
                    else:
                        found[name] = entry[1]
                        self.cached += 1
            pool = None
            if self.workers > 1:
                # The workers run beside the build: its heap's free memory back to the system
                # first (at 232 issues 811 -> 755 MiB, 10 ms; a collection there freed nothing in 1.4 s).
                release_memory()
                pool = worker_pool(self.workers)
            try:
                made = self._run(pool, render_one, bodies, keys, targets)
                counts = {**found, **made}
                renders, stamps, joins = [], [], []
                for job in jobs:
                    self._place(job, counts, keys, targets, spot, renders, stamps)
                self._run(pool, render_one, renders, keys, targets)
                self._run(pool, stamp, stamps, keys, targets)
                for job in (j for j in jobs if j.target is not None):
                    name, cover = "issue:" + job.src_uri, "cover:" + job.src_uri
                    keys[name] = digest("issue", keys[cover], *(keys[a.src_uri] for a in job.articles))
                    targets[name] = job.target
                    if not self._from_cache(keys[name], job.target):
                        joins.append((name, targets[cover], [a.target for a in job.articles],
                                      [a.anchor for a in job.articles], self.cjk))
                self._run(pool, join_issue, joins, keys, targets)
                log.info("PDF galleys: %d rendered (%d articles' bodies), %d galleys stamped with their issue's "
                         "page numbers, %d issue PDFs joined", self.made.get("render_one", 0), len(made),
                         self.made.get("stamp", 0), self.made.get("join_issue", 0))
            finally:
                if pool is not None:
                    pool.shutdown(cancel_futures=True)

    def _place(self, job, counts, keys, targets, spot, renders, stamps):
        """One issue's footer sheet, cover and galleys from its articles' page counts: each
        taken from the cache, else added to `renders` (render_one's) or `stamps` (stamp's)."""
        lengths = [counts["body:" + a.src_uri] for a in job.articles]
        total, first, starts = sum(lengths), 1, {}
        sheet = "footers:" + job.src_uri
        keys[sheet], targets[sheet] = digest("footers", total, self.css, self.environment), spot(sheet)
        folder = job.articles[0].folder if job.articles else self.docs_dir
        sheet_ready, bodies_wanted = self._from_cache(keys[sheet], targets[sheet]), []
        if not sheet_ready:
            renders.append((sheet, footer_sheet(total), folder, self.css, self.cjk, "", None))
        for a, length in zip(job.articles, lengths):
            body = "body:" + a.src_uri
            starts[a.anchor] = first
            keys[a.src_uri], targets[a.src_uri] = digest("galley", keys[body], keys[sheet], first), a.target
            if not self._from_cache(keys[a.src_uri], a.target):
                # The body, from the cache unless this build rendered it (then it is written).
                if not Path(targets[body]).exists() and not self._from_cache(keys[body], targets[body], count=False):
                    renders.append((body, a.html, a.folder, self.css, self.cjk))
                stamps.append((a.src_uri, targets[body], targets[sheet], first, self.cjk))
            first += length
        if job.target is not None:
            # The cover: its contents give each article's first page (its own pages are not
            # counted: the articles' run from 1).
            cover = "cover:" + job.src_uri
            html = with_targets(with_pages(job.cover, starts), [a.anchor for a in job.articles])
            keys[cover], targets[cover] = digest("cover", html, self.css, self.environment), spot(cover)
            if not self._from_cache(keys[cover], targets[cover]):
                renders.append((cover, html, folder, self.css, self.cjk))

    def _from_cache(self, key, target, count=True):
        data = self.cache.get(key)
        if data is None:
            return False
        _write(target, data)
        self.cached += count
        return True

    def _run(self, pool, task, args, keys, targets):
        """Run `task` on each of `args` (in the pool), store and write what it makes; {name:
        page count} of what it made."""
        if not args:
            return {}
        made = {}
        results = pool.map(partial(tidy, task), *zip(*args)) if pool is not None and len(args) > 1 else (task(*a) for a in args)
        failures = []
        for galley in results:
            if galley.errors or not check_pdf(galley.pdf):
                failures += [(galley.name, e) for e in galley.errors or ("WeasyPrint wrote no whole PDF",)]
                continue
            for warning in galley.warnings:
                log.warning("%s: PDF galley: %s", self._file(galley.name), warning)
            self.cache.put(keys[galley.name], galley.pdf, galley.fonts, galley.pages)
            _write(targets[galley.name], galley.pdf)
            made[galley.name] = galley.pages
            self.rendered += 1
            self.made[task.__name__] = self.made.get(task.__name__, 0) + 1
        if failures:
            raise PluginError("PDF galleys: these pages' galleys could not be made as written:\n" + "\n".join(
                f"  {self._file(name)}: {error}" for name, error in failures))
        return made

    def _file(self, name):
        name = name.partition(":")[2] if name.startswith(("issue:", "body:", "cover:", "footers:")) else name
        return os.path.join(self.docs_dir, name) if self.docs_dir else name


def _write(target, data):
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    Path(target).write_bytes(data)


log = get_plugin_logger(__name__)

def short_title(title):
    """The running head's title: up to the first colon or dash."""
    return re.split(r"[：:—]", title, maxsplit=1)[0].strip() or title

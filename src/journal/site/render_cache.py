"""Pages' Markdown rendered once: a page whose Markdown is unchanged takes its HTML from the
build that last rendered it.

Python-Markdown is ~40% of a build without the search index or the PDFs (measured at 50
issues: 9.0 of 22.4 s; at 232 issues a one-line correction rendered 2,135 pages again to change
one). What MkDocs' `Page.render` makes of a page is a function of:

- the page's Markdown as the plugins leave it (page.markdown when MkDocs calls render), its
  place (source path, URL, inclusion) and the builder (MkDocs, or ProperDocs);
- the resolved settings: the Markdown extensions and theirs, `validation`, whether URLs are
  directories (read at the first render, after every on_config); and the code
  (build_cache.code_digest: the project's modules, every installed library's version, Python's);
- the files its relative links resolve to: the only thing a render asks of the rest of the
  site (`files.get_file_from_path`, for links and pictures).

The key (the entry's file name, build_cache.key) is a digest of the first two; the third is recorded while the
page renders (`_Recorder`) and checked on use: an entry is used only if every path it looked
up still gives the same file at the same URL. So adding an issue leaves the other pages' entries
good, and renaming a page that one links to renders that one again.

A render that logged a warning is not kept (a strict build fails on it, and must fail again:
MkDocs counts the warning only when it is logged). Under -q (warnings not logged) or -v (MkDocs'
render then skips what the anchor check needs) the cache is neither read nor written. An entry holds what `Page.render` sets: the
HTML, the table of contents, the title found in the body, the anchors present and the links to
other pages' anchors (which MkDocs checks after every page is read). An unreadable or
ill-shaped entry is rendered again and written anew.

Kept on disk in the project's cache (build_cache.py: cache_root()/pages, one zlib-compressed
JSON file per page and key; JOURNAL_PAGE_CACHE= empty turns it off, a path puts it there). A
build deletes, when it ends, the entries unused for a week before the folder's last use
(`build_cache.prune`). tests/site/test_render_cache.py builds the site cold and warm and
compares every file.
"""

import importlib
import json
import logging
import zlib
from functools import partial
from pathlib import Path

from mkdocs.structure import toc as mkdocs_toc

from .. import build_cache

ENV = "JOURNAL_PAGE_CACHE"
SUFFIX = ".json.z"


def folder():
    """Where the entries are kept: None when JOURNAL_PAGE_CACHE is set empty."""
    return build_cache.folder("pages", ENV)


class RenderCache:
    """One build's use of the cache: `attach(page)` after the last on_page_markdown, `prune()`
    when the build ends."""

    def __init__(self, config, directory=None):
        self.config = config
        self.directory = Path(directory) if directory else None
        self.used = set()
        self.hits = self.misses = 0
        self._setting = None

    def setting(self):
        """What every page's render depends on, read at the first render: by then every
        plugin's on_config has run (the offline plugin turns directory URLs off)."""
        if self._setting is None:
            config = self.config
            self._setting = _canonical({"extensions": config.markdown_extensions, "settings": config.mdx_configs,
                                        "validation": config.validation, "directory_urls": bool(config.use_directory_urls)})
        return self._setting

    def key(self, page):
        # The builder's own Page (MkDocs', or ProperDocs' when it builds): each keeps its own.
        return build_cache.key(self.setting(), type(page).__module__, page.file.src_uri, page.file.url,
                               page.file.inclusion.name, page.markdown)

    def attach(self, page):
        """Make `page.render` take the page from the cache, or render it and keep it. The key
        is made from page.markdown when MkDocs calls render: what every plugin left."""
        if self.directory is None:
            return
        # An attribute of this page only: MkDocs calls page.render(config, files) next
        # (build._populate_page), and no other page is touched.
        page.render = partial(self._render, page)

    def _render(self, page, config, files):
        if page.markdown is None or not _logging_as_usual(page):
            # -q hides the warnings a strict build fails on, and -v makes MkDocs skip what the
            # anchor check needs: such a render is neither kept nor taken from the cache.
            type(page).render(page, config, files)
            return
        key = self.key(page)
        self.used.add(key)
        entry = self._load(key)
        if entry is not None and _restore(page, entry, files):
            self.hits += 1
            build_cache.touch(self._path(key))
            return
        self.misses += 1
        recorder = _Recorder(files)
        warnings = _WarningCount()
        # The builder counts warnings on its own logger (mkdocs, or properdocs); plugins log
        # under mkdocs.plugins either way.
        loggers = {logging.getLogger(name) for name in ("mkdocs", _builder(page))}
        for logger in loggers:
            logger.addHandler(warnings)
        try:
            type(page).render(page, config, recorder)  # the builder's own render
        finally:
            for logger in loggers:
                logger.removeHandler(warnings)
        if not warnings.count and recorder.cacheable and page.links_to_anchors is not None:
            self._store(key, _entry(page, recorder.lookups))

    def _path(self, key):
        return self.directory / f"{key}{SUFFIX}"

    def _load(self, key):
        stored = build_cache.load(self._path(key))
        try:
            data = json.loads(zlib.decompress(stored)) if stored is not None else None
        except (ValueError, zlib.error):
            return None
        return data if _well_formed(data) else None

    def _store(self, key, entry):
        build_cache.store(self._path(key), zlib.compress(json.dumps(entry, ensure_ascii=False).encode("utf-8", "surrogatepass"), 1))

    def prune(self):
        """Delete the entries no build has used for a while (build_cache.prune)."""
        build_cache.prune(self.directory, {f"{key}{SUFFIX}" for key in self.used})


class _Recorder:
    """The site's files as a render sees them, noting every path it looks up and what it found."""

    def __init__(self, files):
        self._files = files
        self.lookups = {}
        self.cacheable = True

    def get_file_from_path(self, path):
        found = self._files.get_file_from_path(path)
        self.lookups[path] = _target(found)
        return found

    def __getattr__(self, name):
        # Anything else a render asks of the files is not recorded: such a page is not kept.
        self.cacheable = False
        return getattr(self._files, name)

    def __iter__(self):
        self.cacheable = False
        return iter(self._files)

    def __len__(self):
        self.cacheable = False
        return len(self._files)

    def __contains__(self, item):
        self.cacheable = False
        return item in self._files


def _target(file):
    """What a link to `file` renders from: its URL and whether it is published."""
    return None if file is None else [file.url, file.inclusion.name]


class _WarningCount(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def _tokens(toc):
    return [{"name": item.title, "id": item.id, "level": item.level, "children": _tokens(item.children)} for item in toc]


def _entry(page, lookups):
    links = page.links_to_anchors
    return {
        "content": page.content,
        "toc": _tokens(page.toc),
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": None if links is None else {file.src_uri: anchors for file, anchors in links.items()},
        "lookups": lookups,
    }


def _well_formed(data):
    def strings(values):
        return all(isinstance(v, str) for v in values)
    return (isinstance(data, dict) and isinstance(data.get("content"), str) and isinstance(data.get("toc"), list)
            and isinstance(data.get("title"), (str, type(None))) and isinstance(data.get("anchors"), list)
            and strings(data["anchors"]) and isinstance(data.get("links"), dict)
            and all(isinstance(v, dict) and strings(v) and strings(v.values()) for v in data["links"].values())
            and isinstance(data.get("lookups"), dict)
            and all(v is None or (isinstance(v, list) and len(v) == 2 and strings(v)) for v in data["lookups"].values()))


def _logging_as_usual(page):
    """Whether the builder logs warnings (not -q, not logging.disable) and not debug (-v, when
    MkDocs' render leaves links_to_anchors unset)."""
    for name in {"mkdocs", _builder(page)}:
        logger = logging.getLogger(name)
        if not logger.isEnabledFor(logging.WARNING) or logger.isEnabledFor(logging.DEBUG):
            return False
    return True


def _canonical(value):
    """`value` (the resolved Markdown settings) as text that is the same for the same settings
    in any process: a function by its module and name, a partial by its function and arguments."""
    def default(obj):
        if isinstance(obj, partial):
            return {"partial": default(obj.func), "args": obj.args, "keywords": obj.keywords}
        if callable(obj) and hasattr(obj, "__qualname__"):
            return f"{getattr(obj, '__module__', '')}.{obj.__qualname__}"
        if hasattr(obj, "items"):  # a config section
            return {str(k): v for k, v in obj.items()}
        if isinstance(obj, (set, frozenset)):
            return sorted(map(str, obj))
        return f"{type(obj).__module__}.{type(obj).__qualname__}:{obj!r}"
    return json.dumps(value, default=default, sort_keys=True, ensure_ascii=False)


def _builder(page):
    """The package whose Page `page` is: mkdocs, or properdocs."""
    return type(page).__module__.split(".")[0]


def _get_toc(page):
    """The builder's own get_toc (its AnchorLink, which its templates read)."""
    try:
        return importlib.import_module(f"{_builder(page)}.structure.toc").get_toc
    except ImportError:
        return mkdocs_toc.get_toc


def _restore(page, entry, files):
    """Set what Page.render sets, from `entry`; False (nothing set) if a link's target changed."""
    for path, target in entry["lookups"].items():
        if _target(files.get_file_from_path(path)) != target:
            return False
    links = {}
    for src_uri, anchors in entry["links"].items():
        file = files.get_file_from_path(src_uri)
        if file is None:
            return False
        links[file] = anchors
    try:
        toc = _get_toc(page)(entry["toc"])
    except (KeyError, TypeError):
        return False
    page.content = entry["content"]
    page.toc = toc
    page._title_from_render = entry["title"]
    page.present_anchor_ids = set(entry["anchors"])
    page.links_to_anchors = links  # as render sets them at the usual log levels (_logging_as_usual)
    return True

"""The `zh-search` MkDocs plugin: exact search over the whole archive, Chinese and English.

- Each article page (journal.catalog decides which pages are articles) is read once, as its
  front matter and its body's HTML as Markdown rendered it (page_text.py), into places: head
  fields, sections, footnotes.
- After the build, the places become records in result order (records.py) and are written:
  on the website, as an index in search/index/ (index_files.py, tokens.py): which records hold
  each term, in small files the browser fetches one at a time, and each record's own file; in the offline bundle (Material's offline plugin on), as one
  script, search/offline-index.js (offline.py), since file:// pages cannot fetch.
- Beside the index, what the browser needs to understand a query: the dictionary words the
  archive holds, found by jieba (vocab.py: search/words/N.json), and the thesaurus
  (thesaurus.py: search/thesaurus.json), and what heads a result on the English pages
  (records.english_heads: search/en/YYYY-NN.json); in the offline bundle, all inside its one script.
- The search box: Material's header shows it only for Material's search plugin, which this
  replaces, so the plugin brings a copy of Material's header partial that asks for zh-search
  (templates/partials/header.html); overrides/partials/search.html is the dialog and
  overrides/assets/javascripts/search-*.js run it. Templates get `zh_search.mode`.

DESIGN.md has the design and its measurements.
"""

import json
import os
import time
from pathlib import Path

from markupsafe import Markup
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from .. import catalog
from ..diagnostics import Diagnostic, config_line, config_problem, plugin_error, project_root
from ..model import Article
from . import records as records_
from . import thesaurus, vocab
from .config import ZhSearchConfig
from .offline import write_offline_index
from .page_text import LABELS_EN, NOTE_EN, article_from

log = get_plugin_logger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
FOLDER = "search"  # in the site: search/index/ or search/offline-index.js



def _fail(config, keys, message):
    raise plugin_error(config_problem(config.config_file_path, keys, f"zh-search: {message}"))


class ZhSearchPlugin(BasePlugin[ZhSearchConfig]):
    def on_config(self, config):
        self.articles = []
        self.offline = False
        if not self.config.enabled:
            return config
        if "material/search" in config.plugins or "search" in config.plugins:
            # MkDocs names Material's `search` material/search: the line is whichever is written.
            written = "material/search" if config_line(config.config_file_path, ("material/search",)) else "search"
            _fail(config, (written,), f"expected no `{written}` plugin in mkdocs.yml beside zh-search: zh-search "
                  "replaces it (two engines would index the site twice)")
        if self.config.record_size < 1:
            _fail(config, ("zh-search", "record_size"), f"record_size: expected a number of characters above 0, got {self.config.record_size}")
        offline = config.plugins.get("material/offline") or config.plugins.get("offline")
        self.offline = bool(offline and offline.config.enabled)
        # After the project's overrides, before Material's templates: our header partial.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES))
        return config

    def on_env(self, env, config, files):
        if not self.config.enabled:
            return env
        # The English pages' dialog names our places in English (search.html, search-ui.js).
        env.globals["zh_search"] = {"mode": "offline" if self.offline else "web",
                                    "labels_en": LABELS_EN, "note_en": NOTE_EN.format("#")}
        return env

    @event_priority(50)  # before the journal plugin puts the article's header around the body
    def on_page_content(self, html, page, config, files):
        if self.config.enabled and catalog.is_article_path(page.file.src_uri) and catalog.is_article(page.meta):
            self.articles.append(article_from(page.url, self.article_of(page, config), html))
        return html

    def article_of(self, page, config):
        """The page's article: the journal plugin's model when that plugin runs (it read the
        front matter once, before Material's templates saw it), else read here the same way."""
        journal = config.plugins.get("journal")
        entry = getattr(journal, "entries", {}).get(page.file.src_uri) if journal else None
        if entry is not None:
            return entry.article
        # The journal plugin escapes titles for Material's templates (Markup): search wants text.
        meta = {key: value.unescape() if isinstance(value, Markup) else value for key, value in page.meta.items()}
        return Article.from_meta(page.file.src_uri, meta)

    def on_post_build(self, config):
        if not self.config.enabled:
            return
        start = time.perf_counter()
        records = records_.in_order(self.articles, self.config.record_size)
        numbers = {article.url: n for n, article in enumerate(records_.article_order(self.articles))}
        folder = Path(config.site_dir) / FOLDER
        try:
            groups = thesaurus.load()
        except Diagnostic as problem:
            raise plugin_error(problem, project_root(config.config_file_path)) from None
        names = [name for group in groups for name in group] + [k for a in self.articles for k in a.keywords]
        words = vocab.build((place.text for a in self.articles for place in a.head + a.abstract + a.body + a.notes), names)
        heads = records_.english_heads(records_.article_order(self.articles))
        if self.offline:
            write_offline_index(records, folder / "offline-index.js", numbers, words, groups, heads)
        else:
            writer = write_index(records, folder / "index", numbers)
            if writer.cache is not None:
                log.info("zh-search: %d of %d batches of records from the cache (%s)", writer.hits, writer.batches, writer.cache)
            (folder / "en").mkdir(parents=True, exist_ok=True)
            for issue, entries in heads.items():
                (folder / "en" / f"{issue}.json").write_text(json.dumps(entries, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            words.write(folder / "words")
            (folder / "thesaurus.json").write_text(thesaurus.to_json(groups), encoding="utf-8")
        log.info("zh-search: %d records of %d articles in %.1f s", len(records), len(self.articles), time.perf_counter() - start)


# Records from which the index is made in a process per core (a body record takes a few ms
# in Python; a pool's fresh processes cost ~0.3 s each to start, more than one issue's 60
# records take).
PARALLEL_FROM = 500
MAX_WORKERS = 4  # each a fresh process holding a batch's texts and postings


def write_index(records, target, numbers):
    from .index_files import IndexWriter, index_cache_folder  # only when search writes (its pool, its cache)

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    workers = min(cores, MAX_WORKERS) if len(records) >= PARALLEL_FROM else 1
    writer = IndexWriter(target, workers=workers, cache=index_cache_folder())
    try:
        for record in records:
            writer.add(record.text, record.shown(), record.article.issue[0], numbers[record.article.url], record.tier_letter)
    except BaseException:  # also one raised here, between two records (an interrupt)
        writer.discard()
        raise
    writer.finish()
    return writer

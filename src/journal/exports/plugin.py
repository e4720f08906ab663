"""The `journal-exports` MkDocs plugin: JATS XML per article, the OAI-PMH static repository and,
when a DOI prefix is configured, the Crossref deposit of each issue, written into site/:

    site/2026/02/wu-xinbo.jats.xml      (beside the article's page)
    site/oai/static-repository.xml
    site/crossref/2026-02.xml           (only with doi_prefix)

It reads the catalog of the `journal` plugin (its issues in print order, each article a
`journal.model.Article`) and each article's
rendered Markdown, taken before the `journal` plugin puts the header around it. Dates come from
the catalog and, where the `journal-publishing` plugin is there, from git: never from the clock.
The article template finds the files' links in the page context as `exports`.
"""

import os
import re
import zlib
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from .. import build_cache
from ..diagnostics import config_problem, plugin_error
from . import crossref, jats, oai
from .config import ExportsConfig

log = get_plugin_logger(__name__)
DOI_PREFIX = re.compile(r"10\.[0-9]{4,9}")
EMAIL = re.compile(r"[^\s@]+@[^\s@.]+(\.[^\s@.]+)+")


class JatsCache:
    """Each article's JATS file kept between builds (build_cache.py: cache_root()/jats, one file
    per article named by a digest of its model, its body's HTML, its links and the project's
    code; JOURNAL_JATS_CACHE= empty turns it off): a correction's rebuild writes one anew and
    copies the others (lxml's tree of each body was 5 s at 50 issues)."""

    def __init__(self):
        self.folder = build_cache.folder("jats", "JOURNAL_JATS_CACHE")
        self.used = set()

    def made(self, make, article, body, links):
        if self.folder is None:
            return make(article, body, links)
        path = self.folder / f"{build_cache.key(repr(article), body, repr(sorted(links.items())))}.xml"
        self.used.add(path.name)
        data = build_cache.load(path)
        if data is not None:
            build_cache.touch(path)
            return data
        data = make(article, body, links)
        build_cache.store(path, data)
        return data

    def prune(self):
        build_cache.prune(self.folder, self.used)


def jats_path(src_uri):
    """'2026/02/wu-xinbo.jats.xml' for the page docs/2026/02/wu-xinbo.md."""
    return src_uri[: -len(".md")] + ".jats.xml"


class ExportsPlugin(BasePlugin[ExportsConfig]):
    def on_config(self, config):
        self.mkdocs_config = config
        self.journal = config.plugins.get("journal")
        self.publishing = config.plugins.get("journal-publishing")
        self.bodies = {}  # src_uri -> the article's rendered Markdown, zlib-compressed (held to on_post_build)
        self.jats_cache = JatsCache()
        self._dois = None
        problems = []
        # JOURNAL_DOI_PREFIX, read when the config loads (not through mkdocs.yml's !ENV, which
        # would read 10.12345 as a number).
        self.config.doi_prefix = (self.config.doi_prefix or os.environ.get("JOURNAL_DOI_PREFIX", "")).strip()
        prefix = self.config.doi_prefix
        if prefix and not DOI_PREFIX.fullmatch(prefix):
            problems.append(config_problem(config.config_file_path, ("journal-exports", "doi_prefix"),
                                           f"journal-exports: doi_prefix: expected a DOI prefix such as 10.12345, got {prefix!r}"))
        try:  # the pattern's fields, with values of their kinds: a mistake shows here, not mid-build
            self.config.doi_suffix.format(issn="0452-8832", year=2026, issue=2, position=1, first_page=1, slug="x")
        except (KeyError, IndexError, ValueError, AttributeError) as error:
            problems.append(config_problem(config.config_file_path, ("journal-exports", "doi_suffix"),
                                           f"journal-exports: doi_suffix: expected a pattern of the fields issn, year, "
                                           f"issue, position, first_page and slug, got {self.config.doi_suffix!r} ({error!r})"))
        for key in ("oai_admin_email", "depositor_email"):
            if not EMAIL.fullmatch(self.config[key]):
                problems.append(config_problem(config.config_file_path, ("journal-exports", key),
                                               f"journal-exports: {key}: expected an e-mail address, got {self.config[key]!r}"))
        if problems:
            raise plugin_error(problems)
        return config

    # --- what the other plugins know -----------------------------------------------------

    def issues(self):
        """[(journal.model.Issue, (Article, ...) in print order)], newest issue first."""
        return [(entry.issue, entry.issue.articles) for entry in self.journal.issues] if self.journal else []

    def site_url(self, path):
        base = self.mkdocs_config.site_url or ""
        return base.rstrip("/") + "/" + path if base else ""

    def page_url(self, src_uri):
        """The article's address on the website (also in the offline build, whose pages are
        .html files: the exports name the website)."""
        url = File(src_uri, self.mkdocs_config.docs_dir, self.mkdocs_config.site_dir, True).url
        return self.site_url(url) or url

    def pdf_url(self, src_uri):
        if self.publishing is None or not self.publishing.config.pdf:
            return ""
        return self.site_url(src_uri[: -len(".md")] + ".pdf")

    def changed(self, article):
        """The article's last change (YYYY-MM-DD…): git through journal-publishing, else its
        issue's publication date."""
        if self.publishing is not None:
            return str(self.publishing.changed(article.src_uri, article.issue.published))
        return article.issue.published

    def dois(self):
        """{src_uri: DOI} when a prefix is configured, else {}."""
        if self._dois is None:  # once per build: every article page asks
            prefix = self.config.doi_prefix.strip()
            self._dois = {a.src_uri: crossref.doi(prefix, a, n, self.config.doi_suffix)
                          for _, articles in self.issues() for n, a in enumerate(articles, 1)} if prefix else {}
        return self._dois

    def links(self, article, dois):
        copyright = self.publishing.config.copyright if self.publishing is not None else ""
        return {
            "url": self.page_url(article.src_uri), "pdf_url": self.pdf_url(article.src_uri),
            "jats_url": self.site_url(jats_path(article.src_uri)) if self.config.jats else "",
            "doi": dois.get(article.src_uri, ""), "publisher": self.config.publisher,
            "copyright": copyright, "journal_en": self.journal.config.journal_en if self.journal else "",
            "datestamp": self.changed(article)[:10],
        }

    # --- MkDocs events -------------------------------------------------------------------

    @event_priority(100)  # first: the body as Markdown made it, before any header or footer
    def on_page_content(self, html, page, config, files):
        if self.journal is not None and page.file.src_uri in self.journal.entries:
            # Compressed: the whole archive's bodies wait here for on_post_build (at 232 issues
            # some 100 MiB as text, a few times less compressed).
            self.bodies[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        return html

    def page_links(self, page):
        """What an article page links to (None for other pages): the JATS file's href relative
        to the page and its type, the issue's Crossref deposit and the OAI-PMH file when there
        are, and the DOI. The article header (rendered before the page context exists) calls it
        as config.plugins["journal-exports"].page_links(page); main.html reads it as `exports`."""
        src_uri = page.file.src_uri
        if self.journal is None or src_uri not in self.journal.entries:
            return None
        label = self.journal.entries[src_uri].article.issue.code
        prefix = self.config.doi_prefix.strip()
        return {
            "jats_href": get_relative_url(jats_path(src_uri), page.url) if self.config.jats else "",
            "jats_type": "application/jats+xml",
            "crossref_href": get_relative_url(f"{self.config.crossref_dir}/{label}.xml", page.url) if prefix else "",
            "oai_href": get_relative_url(self.config.oai_file, page.url) if self.config.oai else "",
            "doi": self.dois().get(src_uri, "") if prefix else "",
        }

    def on_page_context(self, context, page, config, nav):
        links = self.page_links(page)
        if links is not None:
            context["exports"] = links
        return context

    def on_post_build(self, config):
        site_dir = Path(config.site_dir)
        issues = self.issues()
        dois = self.dois()
        written = 0
        if self.config.jats:
            for _, articles in issues:
                for article in articles:
                    target = site_dir / jats_path(article.src_uri)
                    if article.src_uri not in self.bodies and target.is_file():
                        continue  # a --dirty rebuild (make serve) rendered only the changed pages: the others' JATS stands
                    target.parent.mkdir(parents=True, exist_ok=True)
                    body = self.bodies.pop(article.src_uri, None)
                    body = zlib.decompress(body).decode("utf-8") if body is not None else ""
                    target.write_bytes(self.jats_cache.made(jats.article_xml, article, body, self.links(article, dois)))
                    written += 1
            self.jats_cache.prune()
        if dois:
            settings = {"depositor_name": self.config.depositor_name, "depositor_email": self.config.depositor_email,
                        "registrant": self.config.registrant,
                        "journal_en": self.journal.config.journal_en if self.journal else ""}
            for _, articles in issues:
                if not articles:
                    continue
                # Crossref keeps the deposit with the greatest timestamp: the issue's last change.
                stamp = max(re.sub(r"\D", "", self.changed(a))[:14].ljust(14, "0") for a in articles)
                label = articles[0].issue.code
                target = site_dir / self.config.crossref_dir / f"{label}.xml"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(crossref.deposit(
                    articles, self.config.doi_prefix.strip(), settings, lambda a: self.page_url(a.src_uri),
                    stamp, f"{label}-{stamp}", self.config.doi_suffix))
                written += 1
        if self.config.oai:
            everything = [a for _, articles in issues for a in articles]
            own_url = self.site_url(self.config.oai_file) or self.config.oai_file
            gateway = self.config.oai_gateway.strip()
            base_url = gateway.rstrip("/") + "/" + re.sub(r"^[a-z]+://", "", own_url) if gateway else own_url
            settings = {"repository_name": self.config.oai_repository_name, "base_url": base_url,
                        "admin_email": self.config.oai_admin_email, "site_url": self.mkdocs_config.site_url}
            target = site_dir / self.config.oai_file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(oai.static_repository(everything, settings, lambda a: self.links(a, dois)))
            written += 1
        log.info("exports: %d file(s) written (JATS, OAI-PMH%s)", written, ", Crossref" if dois else "")

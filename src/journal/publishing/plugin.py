"""The `journal-publishing` MkDocs plugin: what the site publishes beside its pages, and what
other programs read from them.

- PDF galleys of every article and issue (pdf.py), linked from the article header and from
  `citation_pdf_url`;
- Atom and RSS feeds of the articles (feeds.py), linked from every page;
- per page: a description of its own (printed escaped by overrides/main.html), a distinct
  <title>, `og:`/`article:` tags, the sitemap's lastmod from git (history.py);
- per article: the online corrections since import (from git, with links to the commits),
  the version's date, the cite box's online GB/T 7714 form and rich APA, RIS/BibTeX files
  carrying the version;
- the repository's edit link only on article pages.

It runs after the `journal` plugin (mkdocs.yml lists it later) and reads that plugin's catalog
(`issues`, `entries`). Dates come from the catalog and git, never from the clock: the same
commit builds the same site.
"""

import os
import zlib
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from .. import catalog, citations
from ..site.plugin import ENGLISH
from ..diagnostics import Diagnostic, config_problem, plugin_error, project_root, shown
from . import feeds, history, pdf
from .config import PublishingConfig, pdf_cache_dir

log = get_plugin_logger(__name__)
GALLEY_CSS = "pdf/galley.css"
THEME_ONLY = ("pdf/",)  # theme files that are templates for the PDFs, not parts of the site
PREVIEW_NOTE = ('<p class="admonition note preview-note">本地预览（make serve）：只重建改动的页面，'
                '不生成 PDF 与检索索引；完整网站由 make build 生成。</p>')
DESCRIPTION_LENGTH = 150
ROLE_DESCRIPTIONS = {
    "archive": "《{journal}》往期目录：{first}—{last} 年共 {count} 期，每期目录、全文、中英文提要与 PDF。",
    "keywords": "《{journal}》关键词索引：全部 {count} 期文章的关键词，按拼音排列，每词列出所在文章。",
    "authors": "《{journal}》作者索引：全部 {count} 期文章的作者，按拼音排列，附作者单位与文章。",
    # Issue 20 (branch reader): the About page and the English list of issues.
    "about": "关于《{journal}》：主办单位、刊号、投稿方式、版权与使用条件，以及报告网络版错误的途径。",
    "en-index": "{journal_en}: all {count} issues, {first}–{last}, each with its contents in English.",
}


def clip(text, limit=DESCRIPTION_LENGTH):
    """The opening of `text`: whole sentences up to `limit` characters, else cut with '…'."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = max(text.rfind(mark, 0, limit) for mark in "。！？；")
    if cut >= limit // 3:
        return text[: cut + 1]
    return text[: limit - 1].rstrip("，、；：,;: ") + "…"


def day(value):
    return str(value)[:10]


class PublishingPlugin(BasePlugin[PublishingConfig]):
    def on_config(self, config):
        self.mkdocs_config = config
        self.journal = config.plugins.get("journal")
        if self.journal is None:  # (also when `enabled: false` took it out of the build)
            raise plugin_error(config_problem(config.config_file_path, ("journal-publishing",), "journal-publishing: expected "
                               "the journal plugin in mkdocs.yml's plugins, enabled (this plugin publishes its catalog)"))
        self.journal.corrected_on = self.corrected_on  # the journal plugin writes RIS and BibTeX with it
        self.journal.pdfs = self.config.pdf  # and, when the site makes PDFs, links each RIS record to its PDF (L1)
        self._history = None
        self._extras = {}
        self.bodies = {}  # src_uri -> the article's page HTML, zlib-compressed, for its galley
        self.parked = {}  # src_uri -> page.content, zlib-compressed, between its Markdown and its template
        self.reading = None  # the page last read, parked when the next is read
        self.urls = {}  # src_uri -> page URL
        self.page_dates = {}  # src_uri -> ISO date of its last change
        root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        self.cache_dir = pdf_cache_dir(self.config.pdf_cache, root)
        if self.config.pdf:
            pdf.require_fonts(self.galley_css())  # before the pages: no galley without its fonts
        return config

    # --- what git knows ----------------------------------------------------------------

    @property
    def history(self):
        if self._history is None:
            self._history = history.History(self.mkdocs_config.docs_dir,
                                            history.environment_fallback(self.mkdocs_config.config_file_path))
        return self._history

    def changed(self, src_uri, fallback):
        change = self.history.last_change(src_uri)
        return change.date if change else fallback

    def issue_of(self, src_uri):
        folder = catalog.issue_dir_of(src_uri)
        return next((i for i in self.journal.issues if catalog.issue_dir_of(i.src_uri) == folder), None)

    def newest_published(self):
        return self.journal.issues[0].issue.published if self.journal.issues else "2000-01-01"

    def lastmod(self, src_uri, role):
        """The page's last change (ISO 8601): from git, or the issue's publication date."""
        if role == "article":
            return self.changed(src_uri, self.entries[src_uri].article.issue.published)
        if role == "issue":
            issue = self.issue_of(src_uri)
            dates = [self.changed(issue.src_uri, issue.issue.published)]
            dates += [self.changed(a.src_uri, a.article.issue.published) for a in issue.articles]
            return max(dates, key=_instant)
        if role == "home" and self.journal.issues:
            return max([self.changed(src_uri, self.newest_published()), self.lastmod(self.journal.issues[0].src_uri, "issue")],
                       key=_instant)
        if role in ("archive", "keywords", "authors") and self.journal.issues:
            return max((self.lastmod(i.src_uri, "issue") for i in self.journal.issues), key=_instant)
        return self.changed(src_uri, self.newest_published())

    # --- per article ---------------------------------------------------------------------

    @property
    def entries(self):
        return self.journal.entries

    def site_url(self, url):
        base = self.mkdocs_config.site_url or ""
        return base.rstrip("/") + "/" + url if base else ""

    def web_url(self, src_uri):
        """The page's address on the website, also in the offline bundle's build (whose pages
        are .html files): citations, feeds and PDFs name the website."""
        return File(src_uri, self.mkdocs_config.docs_dir, self.mkdocs_config.site_dir, True).url

    def article(self, page):
        """What the article header, footer and <head> print beyond the journal plugin's context
        (None for a page that is not an article)."""
        src_uri = page.file.src_uri
        if src_uri not in self.entries:
            return None
        if src_uri in self._extras:
            return self._extras[src_uri]
        article = self.entries[src_uri].article
        url = self.site_url(self.web_url(src_uri))
        pdf_url = self.site_url(article.pdf_path) if self.config.pdf else ""
        corrections = [
            {"day": c.day, "date": c.date, "subject": c.subject, "commit": c.commit[:7],
             "url": history.commit_url(self.mkdocs_config.repo_url, c.commit)}
            for c in self.history.corrections(src_uri, article.issue.code)
        ]
        version = corrections[-1]["day"] if corrections else article.issue.published
        modified = corrections[-1]["date"] if corrections else article.issue.published
        extras = self._extras[src_uri] = {
            "url": url,
            "pdf_href": get_relative_url(article.pdf_path, page.url) if self.config.pdf else "",
            "issue_pdf_href": self.issue_pdf_href(self.issue_of(src_uri), page),
            "pdf_url": pdf_url,
            "corrections": corrections,
            "version": version,
            "modified": modified,
            "updated": version if corrections else None,
            "highwire": citations.highwire(article, url, pdf_url),
            "json_ld": citations.json_ld(article, url, pdf_url, modified if corrections else ""),
            "description": clip(description_of(article)),
        }
        return extras

    def corrected_on(self, src_uri):
        """The day of the article's last correction, or None (for its RIS and BibTeX files)."""
        fixes = self.history.corrections(src_uri, self.entries[src_uri].article.issue.code)
        return fixes[-1].day if fixes else None

    # --- MkDocs events ---------------------------------------------------------------------

    def on_files(self, files, config):
        for file in list(files):
            if file.src_uri.startswith(THEME_ONLY) and not file.src_uri.endswith(".md") and file.abs_src_path \
                    and not os.path.abspath(file.abs_src_path).startswith(os.path.abspath(config.docs_dir)):
                files.remove(file)
        return files

    def on_page_markdown(self, markdown, page, config, files):
        role = self.journal.role(page)
        page.update_date = day(self.lastmod(page.file.src_uri, role))  # the sitemap's <lastmod>
        self.urls[page.file.src_uri] = page.url
        return markdown

    @event_priority(-50)  # after the journal plugin has put the header around the body
    def _page_html(self, html, page, config, files):
        if self.config.preview:  # make serve: what this preview leaves out
            html = PREVIEW_NOTE + html
        if not self.config.pdf:
            return html
        if page.file.src_uri in self.entries:
            # Held until on_post_build renders the galleys: compressed, a few times smaller
            # (Chinese HTML), so the whole archive's bodies do not stay in memory as text.
            self.bodies[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
            return html
        role = self.journal.role(page)
        issue = self.issue_of(page.file.src_uri) if role == "issue" else (
            self.journal.issues[0] if role == "home" and self.journal.issues else None)
        if issue is None or not issue.articles or not self.config.issue_pdf:
            return html
        # The home and contents pages link the issue's PDF (after the contents).
        href = escape(self.issue_pdf_href(issue, page))
        title = escape(issue.issue.title)
        return html + (f'<p class="issue-pdf"><a href="{href}" type="application/pdf">{title} · 整期 PDF</a>'
                       f'<span class="issue-pdf-note">（各篇另有 PDF，见文章页）</span></p>')

    # MkDocs reads every page (Markdown -> HTML) before it renders any template, and keeps each
    # page's Markdown and HTML to the end of the build: at 232 issues some 280 MiB of text held
    # at once. Between the two passes nothing reads a page's content but its own template, so
    # each page's HTML waits compressed from the moment the next page is read until just before
    # its own template; once the page is written, its text is let go. Its toc, meta and anchors
    # stay: other pages' navigation and MkDocs' anchor check read those, never another page's
    # content. (Parked from the next page's on_pre_page, not in on_page_content: whatever that
    # event returns becomes page.content.)

    @event_priority(-100)  # last: every plugin has made the page's HTML
    def _last_read(self, html, page, config, files):
        self.reading = page
        return html

    def on_pre_page(self, page, config, files):
        self.park()
        return page

    @event_priority(-100)
    def on_env(self, env, config, files):
        self.park()  # the last page read
        return env

    def park(self):
        page, self.reading = self.reading, None
        if page is not None and page.content is not None:
            self.parked[page.file.src_uri] = zlib.compress(page.content.encode("utf-8"), 1)
            page.content = None
            # Rendered: nothing reads the Markdown again. Empty, not None: MkDocs' Page.title
            # answers None for a page whose Markdown is None (a page not read yet).
            page.markdown = ""

    @event_priority(100)  # first: every other plugin's on_page_context sees the page's HTML
    def _unpark(self, context, page, config, nav):
        parked = self.parked.pop(page.file.src_uri, None)
        if parked is not None:
            page.content = zlib.decompress(parked).decode("utf-8")
        return context

    @event_priority(-100)  # last: the page is written
    def on_post_page(self, output, page, config):
        page.content = None
        return output

    def _head(self, context, page, config, nav):
        role = self.journal.role(page)
        article = self.article(page) if role == "article" else None
        if role != "article":
            page.edit_url = None  # the edit pencil: only on articles, whose text readers correct
        link = lambda path: get_relative_url(path, page.url)  # noqa: E731
        context["publishing"] = {
            "title": self.html_title(page, role),
            "description": article["description"] if article else self.description(page, role),
            "og": self.open_graph(page, role, article),
            "atom_url": link(self.config.atom_feed),
            "rss_url": link(self.config.rss_feed),
            "article": article,
            # The English contents page links the issue's PDF too ('' when the site makes none).
            "issue_pdf_href": self._english_issue_pdf_href(page) if role == "issue-en" else "",
            "copyright": self.config.copyright,
            "frequency": (self.journal.issues[0].issue.frequency if self.journal.issues else None) or self.config.frequency,
            "issn": self.journal.issues[0].issue.issn if self.journal.issues else "",
            "issues_url": config.repo_url.rstrip("/") + "/issues" if config.repo_url else "",
        }
        return context

    on_page_content = CombinedEvent(_page_html, _last_read)
    on_page_context = CombinedEvent(_unpark, _head)

    def on_post_build(self, config):
        site_dir = Path(config.site_dir)
        if self.config.pdf:
            self.write_pdfs(site_dir, config)
        self.write_feeds(site_dir, config)  # after the PDFs: RSS enclosures give their length

    # --- <head> ------------------------------------------------------------------------

    def journal_name(self):
        return self.mkdocs_config.site_name

    def html_title(self, page, role):
        name = self.journal_name()
        if role in ENGLISH:  # their titles name the journal, in English ('International Studies: Issues')
            return str(Markup(page.title or "").striptags()) or self.journal.config.journal_en
        if role == "home":
            return f"《{name}》网络版 · {self.journal.config.journal_en}"
        title = str(Markup(page.title or "").striptags()) if page.title else ""
        return f"{title} - {name}" if title else name

    def description(self, page, role):
        name = self.journal_name()
        issues = self.journal.issues
        if role in ("home", "issue") and issues:
            issue = issues[0] if role == "home" else self.issue_of(page.file.src_uri)
            contents = "；".join(f"{a.article.full_title}（{'、'.join(a.article.author_names)}）"
                                for a in issue.articles)
            lead = f"《{name}》{issue.issue.title}" + ("，最新一期" if role == "home" else "") + "目录："
            return clip(lead + contents)
        if role == "issue-en":
            issue = self.journal.english[page.file.src_uri]
            info = issue.issue
            return (f"{self.journal.config.journal_en}, {info.label_en} (Total No. {info.total}): "
                    f"contents in English, with the titles, authors and abstracts of its {len(issue.articles)} articles.")
        if role == "year" and issues:
            year = self.journal.years[page.file.src_uri]
            count = sum(1 for i in issues if i.issue.year == year)
            return f"《{name}》{year} 年各期：共 {count} 期，每期目录、全文与中英文提要。"
        if role == "year-en" and issues:
            year = self.journal.english_years[page.file.src_uri]
            count = sum(1 for i in issues if i.issue.year == year)
            return (f"{self.journal.config.journal_en}: the {count} issue{'s' if count != 1 else ''} of {year}, "
                    "each with its contents in English.")
        if role in ROLE_DESCRIPTIONS and issues:
            years = [i.issue.year for i in issues]
            return ROLE_DESCRIPTIONS[role].format(journal=name, journal_en=self.journal.config.journal_en,
                                                  first=min(years), last=max(years), count=len(issues))
        return self.mkdocs_config.site_description or ""

    def open_graph(self, page, role, article):
        """[(property, content)] for og: and article: tags."""
        url = page.canonical_url or ""
        if article:
            model = self.entries[page.file.src_uri].article
            tags = [("og:type", "article"), ("og:title", model.full_title), ("og:description", article["description"])]
        else:
            title = self.html_title(page, role) if role == "home" else str(Markup(page.title or "").striptags())
            tags = [("og:type", "website"), ("og:title", title or self.journal_name()),
                    ("og:description", self.description(page, role))]
        # The English contents page is for a reader of English: its preview says so.
        locales = [("og:locale", "en_US"), ("og:locale:alternate", "zh_CN")] if role in ENGLISH else [("og:locale", "zh_CN")]
        site_name = self.journal.config.journal_en if role in ENGLISH else f"《{self.journal_name()}》网络版"
        tags += [("og:site_name", site_name), *locales]
        if url:
            tags.append(("og:url", url))
        if article:
            tags += [("article:published_time", model.issue.published),
                     ("article:modified_time", article["modified"])]
            if model.column:
                tags.append(("article:section", model.column))
            tags += [("article:author", name) for name in model.author_names]
            tags += [("article:tag", k) for k in model.keywords]
        return tags

    # --- feeds ---------------------------------------------------------------------------

    def feed_entries(self, site_dir):
        entries = []
        for issue in self.journal.issues:
            for a in issue.articles:
                url = self.urls.get(a.src_uri)
                if url is None:
                    continue
                fake = _Page(a.src_uri, url)
                extras = self.article(fake)
                model = a.article
                entries.append({
                    "url": extras["url"] or url, "pdf_url": extras["pdf_url"], "title": model.full_title,
                    "title_en": model.title_en, "authors": [(x.name, x.name_en) for x in model.authors],
                    "translators": [(x.name, x.name_en) for x in model.translators],
                    "abstract": description_of(model),
                    "abstract_en": model.abstract_en,
                    "keywords": list(model.keywords), "column": model.column,
                    "issue": f"{model.issue.journal} {issue.issue.title}",
                    "published": model.issue.published, "updated": extras["modified"],
                })
                pdf_file = site_dir / a.article.pdf_path
                if extras["pdf_url"] and pdf_file.is_file():
                    entries[-1]["pdf_length"] = pdf_file.stat().st_size
        return entries

    def write_feeds(self, site_dir, config):
        site = {
            "title": f"《{self.journal_name()}》网络版", "subtitle": config.site_description or self.journal_name(),
            "url": config.site_url or "/", "atom_url": self.site_url(self.config.atom_feed) or self.config.atom_feed,
            "rss_url": self.site_url(self.config.rss_feed) or self.config.rss_feed, "rights": self.config.copyright,
            "generator": f"{self.journal_name()} 网络版",
        }
        entries = self.feed_entries(site_dir)
        (site_dir / self.config.atom_feed).write_bytes(feeds.build(site, entries, "atom"))
        (site_dir / self.config.rss_feed).write_bytes(feeds.build(site, entries, "rss"))

    # --- PDFs ----------------------------------------------------------------------------

    def galley_css(self):
        for folder in self.mkdocs_config.theme.dirs:
            path = Path(folder) / GALLEY_CSS
            if path.is_file():
                return path.read_text(encoding="utf-8")
        root = project_root(self.mkdocs_config.config_file_path)
        where = shown(Path(self.mkdocs_config.theme.custom_dir or "overrides", GALLEY_CSS), root)
        raise plugin_error(Diagnostic(where, None, "expected the PDF galleys' stylesheet in the theme's custom_dir "
                                      "(or build without PDFs: JOURNAL_PDF=false)"))

    def write_pdfs(self, site_dir, config):
        import time

        started = time.perf_counter()
        env = config.theme.get_env()
        renderer = pdf.Renderer(self.cache_dir, self.galley_css(), self.config.pdf_workers or None,
                                [Path(d) / "pdf" for d in config.theme.dirs if (Path(d) / "pdf").is_dir()], config.docs_dir)
        name, name_en = self.journal_name(), self.journal.config.journal_en
        documents = {}
        for issue in self.journal.issues:
            for a in issue.articles:
                if a.src_uri not in self.bodies:
                    continue
                model = a.article
                extras = self.article(_Page(a.src_uri, self.urls[a.src_uri]))
                url = extras["url"]
                galley = {
                    "article": model, "journal": name, "journal_en": name_en,
                    "issue_label": model.issue.label,
                    "short_title": model.short_title,
                    "anchor": model.anchor,
                    "url": url or self.urls[a.src_uri], "cite": citations.gbt7714(model),
                    "version": extras["version"], "corrections": extras["corrections"],
                    "subject": extras["description"],
                    "body": pdf.galley_body(zlib.decompress(self.bodies.pop(a.src_uri)).decode("utf-8"), url,
                                            pdf.pictures_of(config.docs_dir, self.urls[a.src_uri])),
                }
                documents[a.src_uri] = env.get_template("pdf/article.html").render(g=galley)
        covers = {}
        for issue in self.journal.issues:
            articles = [a for a in issue.articles if a.src_uri in documents]
            if not articles:
                continue
            versions = [self.article(_Page(a.src_uri, self.urls[a.src_uri]))["version"] for a in articles]
            model = issue.issue
            cover = {
                "issue": model, "journal": name, "frequency": model.frequency or self.config.frequency, "journal_en": name_en, "title": model.title,
                "issue_label": model.label, "published": model.published_label,
                "version": max(versions), "url": self.site_url(self.web_url(issue.src_uri)),
                "columns": [(column, [a.article for a in group if a in articles]) for column, group in issue.columns()],
            }
            covers[issue.src_uri] = env.get_template("pdf/issue.html").render(g=cover)
        jobs = [pdf.IssueJob(issue.src_uri, covers[issue.src_uri], tuple(
                    pdf.Article(a.src_uri, documents[a.src_uri], str(Path(config.docs_dir) / a.article.issue_dir),
                                a.article.anchor, str(site_dir / a.article.pdf_path))
                    for a in issue.articles if a.src_uri in documents),
                    str(site_dir / self.issue_pdf(issue)) if self.config.issue_pdf else None)
                for issue in self.journal.issues if issue.src_uri in covers]
        renderer.render_all(jobs)
        log.info("PDF galleys: %d PDF(s) made, %d from the cache, in %.1f s",
                 renderer.rendered, renderer.cached, time.perf_counter() - started)

    def issue_pdf_href(self, issue, page):
        return get_relative_url(self.issue_pdf(issue), page.url) if issue and self.config.pdf and self.config.issue_pdf else ""

    def _english_issue_pdf_href(self, page):
        issue = self.journal.english.get(page.file.src_uri)
        return self.issue_pdf_href(issue, page) if issue and issue.articles else ""

    def issue_pdf(self, issue):
        """'2026/02/guoji-wenti-yanjiu-2026-02.pdf': the issue's PDF, beside its contents page."""
        folder = catalog.issue_dir_of(issue.src_uri)
        return f"{folder}/guoji-wenti-yanjiu-{issue.issue.code}.pdf"


def description_of(article):
    """The text a page's description, a feed entry or a PDF's subject summarises: the abstract,
    or for a review or note without one, the reviewed book, else the title."""
    if article.abstract:
        return article.abstract
    if article.reviewed_book:
        return f"{article.kind_label}：{article.reviewed_book.line}"
    return article.full_title


class _Page:
    """Enough of a page for `PublishingPlugin.article` (feeds and PDFs run after the pages)."""

    def __init__(self, src_uri, url):
        self.file = type("F", (), {"src_uri": src_uri})()
        self.url = url


def _instant(value):
    from datetime import datetime, timezone

    moment = datetime.fromisoformat(value if len(value) > 10 else value + "T00:00:00+00:00")
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)

"""The `journal` MkDocs plugin: everything the site shows beyond a page's Markdown body.

- the catalog (issues, articles in print order) from the pages' front matter, and from it the
  navigation (by year, then issue: see build_nav), so a new issue needs no edit to mkdocs.yml;
- the archive (往期目录), keyword and author index pages, the About page (关于本刊, from
  data/journal.yaml), the English list of issues (en/), each year's issues (YYYY/), and each
  article's RIS and BibTeX file, generated; every page's template is chosen here by the page's place in the archive,
  never by its front matter;
- per article, the header and footer rendered into the page (so search indexes them) and the
  template context: citations, Highwire tags, JSON-LD, keyword links.

The templates in overrides/ render it all, escaped. State lives on the plugin instance and is
rebuilt in on_config, so every `mkdocs serve` rebuild starts clean.
"""

from pathlib import Path, PurePosixPath

from markupsafe import Markup
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from .. import catalog, citations
from ..checks import check_docs
from ..diagnostics import Diagnostic, plugin_error, project_root
from . import about, preview, render_cache, template_cache
from .config import JournalConfig

log = get_plugin_logger(__name__)

# Templates in overrides/, chosen by what a page is.
TEMPLATES = {"home": "home.html", "issue": "issue.html", "archive": "archive.html",
             "keywords": "keywords.html", "authors": "authors.html", "issue-en": "issue-en.html",
             "about": "about.html", "en-index": "en-index.html", "year": "year.html",
             "year-en": "year-en.html"}
TITLES = {"archive": "往期目录", "keywords": "关键词索引", "authors": "作者索引", "about": "关于本刊"}
# Pages in English: <html lang="en"> and the theme's labels in English (partials/language.html).
ENGLISH = {"issue-en", "en-index", "year-en"}
# Nav labels. Material renders one nav for every page, so a label carries both languages and
# the page's stylesheet shows one (reader.css: .nav-zh is hidden on <html lang="en">, .nav-en
# on every other page). The listings read "首页 Home" on a Chinese page (for a reader who
# reads no Chinese) and "Home" on an English one; see nav_label, nav_issue_title, nav_year_title.
NAV_EN = {"home": ("首页", "Home"), "archive": ("往期目录", "Back issues"), "keywords": ("关键词索引", "Keywords"),
          "authors": ("作者索引", "Authors"), "about": ("关于本刊", "About")}
LISTINGS = set(TEMPLATES)
THEME_KEYS = ("template", "search", "hide", "description", "subtitle", "status", "icon", "tags")


class JournalPlugin(BasePlugin[JournalConfig]):
    def on_config(self, config):
        # The build refuses what the pull-request check refuses, with the same messages, so
        # a change that skipped `make check` still cannot publish anything the check forbids.
        problems = check_docs(config.docs_dir)
        if problems:
            raise plugin_error(problems, project_root(config.config_file_path), "the content check failed:")
        pages = catalog.pages_on_disk(config.docs_dir)
        self.issues = catalog.read_catalog(pages)
        self.entries = {a.src_uri: a for issue in self.issues for a in issue.articles}
        self.articles = {}  # src_uri -> article context, for <head>
        self.page_env = None  # the template environment of the article headers and footers
        data_file = Path(config.config_file_path or ".").parent / self.config.data_file
        try:
            self.data = about.load(data_file)
        except Diagnostic as problem:
            raise plugin_error(problem, project_root(config.config_file_path)) from None
        self.fingerprint = preview.fingerprint(config, pages, data_file)  # make serve: what the generated pages are made of
        # src_uri -> the day of its last correction, or None: the journal-publishing plugin
        # (which reads git) sets it in its on_config; the RIS and BibTeX files carry that day.
        self.corrected_on = lambda src_uri: None
        self.pdfs = False  # whether the site makes PDFs: the journal-publishing plugin sets it too
        self.generated = {
            self.config.archive_page: "archive",
            self.config.keywords_page: "keywords",
            self.config.authors_page: "authors",
            self.config.about_page: "about",
        }
        # Each year's issues (/2026/): the index page of that year's section of the nav.
        self.years = {self.config.year_page.format(year=year): year for year, _ in catalog.by_year(self.issues)}
        # Outside the nav: the English list of issues, linked from the archive and the English contents.
        self.hidden = {self.config.english_index_page: "en-index"}
        # Outside the nav too: each year's issues in English (/en/2026/), linked from /en/ and
        # from the Chinese year page.
        self.english_years = {self.config.english_year_page.format(year=year): year for year in self.years.values()}
        # Each issue's English contents (en/YYYY/NN/): outside the nav, linked from the
        # issue's contents and the home page.
        self.english = {english_src_uri(issue): issue for issue in self.issues}
        if config.nav is None:
            config.nav = self.build_nav()
        # Pages' Markdown rendered by an earlier build with the same inputs is taken from it.
        self.render_cache = render_cache.RenderCache(config, render_cache.folder())
        return config

    def build_nav(self):
        """Home; one section per year, newest first, whose index page is the year's page
        (/2026/) and whose entries are its issues, each a section of its articles in print order
        (the contents page its index); then the listings. With navigation.prune a page carries
        the list of years, its own year's issues and its own issue's articles: every page's nav
        grows by about 0.55 KiB a year, where one flat list of the issues grew by 0.63 KiB an
        issue (at 232 issues an article page 134 KiB instead of 258 KiB: README, Growth)."""
        nav = [{nav_label(*NAV_EN["home"]): catalog.HOME}]
        for year, issues in catalog.by_year(self.issues):
            entries = [{nav_issue_title(issue.issue.title, issue_label_en(issue.issue)):
                        [issue.src_uri] + [a.src_uri for a in issue.articles]}
                       for issue in issues]
            nav.append({nav_year_title(year): [self.config.year_page.format(year=year), *entries]})
        nav += [{nav_label(*NAV_EN[role]): src_uri} for src_uri, role in self.generated.items()]
        return nav

    def on_nav(self, nav, config, files):
        """Previous and next (the footer's 上一篇/下一篇, <link rel=prev/next>) in reading order:
        home, then each issue's contents followed by its articles, issue after issue, then the
        listings, as before the nav had years; a year's page is not a stop on that path (the
        last article of a year's oldest issue leads to the next issue, not to a list of
        issues), its own previous and next being the newer and the older year."""
        pages = [page for page in nav.pages if page.file.src_uri not in self.years]
        years = [page for page in nav.pages if page.file.src_uri in self.years]
        for chain in (pages, years):
            for before, page, after in zip([None, *chain], chain, [*chain[1:], None]):
                page.previous_page, page.next_page = before, after
        return nav

    def on_files(self, files, config):
        for src_uri, role in self.generated.items():
            files.append(File.generated(config, src_uri, content=""))  # the template writes it all
        for src_uri in self.years:
            files.append(File.generated(config, src_uri, content=""))  # year.html writes it
        for src_uri in [*self.english, *self.hidden, *self.english_years]:
            files.append(File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))
        # The one place the reference files are written: each format of the registry, per
        # article and per issue (2026/02/issue.ris).
        for issue in self.issues:
            cited = tuple((entry.article, citations.Where(absolute_url(config, files.get_file_from_path(entry.src_uri).url),
                                                          updated=self.corrected_on(entry.src_uri),
                                                          pdf=absolute_url(config, entry.article.pdf_path) if self.pdfs else ""))
                          for entry in issue.articles)
            # make serve: each file made once while its inputs are unchanged (preview.remember).
            for fmt in citations.FILES:
                for article, where in cited:
                    files.append(File.generated(config, fmt.article_path(article),
                                                content=preview.remember(fmt.article_file, article, where)))
                files.append(File.generated(config, fmt.issue_path(issue.issue.folder),
                                            content=preview.remember(fmt.issue_file, cited)))
        # make serve (--dirty): the generated pages are left as the last build wrote them while
        # no front matter changed (preview.py).
        preview.mark(files, config, [*self.generated, *self.years, *self.english, *self.hidden, *self.english_years],
                     preview.front_matter_pages(self.issues), self.fingerprint)
        return files

    def role(self, page):
        src_uri = page.file.src_uri
        if src_uri == catalog.HOME:
            return "home"
        if src_uri in self.generated:
            return self.generated[src_uri]
        if src_uri in self.english:
            return "issue-en"
        if src_uri in self.years:
            return "year"
        if src_uri in self.hidden:
            return self.hidden[src_uri]
        if src_uri in self.english_years:
            return "year-en"
        if catalog.is_issue_index(src_uri):
            return "issue"
        if src_uri in self.entries:
            return "article"
        return None

    def _page_markdown(self, markdown, page, config, files):
        # Material reads these keys from front matter and prints several of them unescaped, or
        # lets them pick a template: only the plugin sets them, from the page's place.
        for key in THEME_KEYS:
            page.meta.pop(key, None)
        role = self.role(page)
        page.meta["template"] = TEMPLATES.get(role, "main.html")
        if role in TITLES:
            page.meta["title"] = TITLES[role]
        if role == "issue-en":
            issue = self.english[page.file.src_uri].issue
            page.meta["title"] = f"{self.config.journal_en}, {issue.label_en}: Contents"
        if role == "en-index":
            page.meta["title"] = f"{self.config.journal_en}: Issues"
        if role == "year":
            page.meta["title"] = f"{self.years[page.file.src_uri]} 年"
        if role == "year-en":
            page.meta["title"] = f"{self.config.journal_en}: {self.english_years[page.file.src_uri]} Issues"
        if "title" in page.meta:
            # Material prints the title unescaped in the header, the navigation and the footer:
            # escape it once here (as Markup, which the project's own templates do not escape again).
            page.meta["title"] = Markup.escape(page.meta["title"])
        # The hreflang alternates, absolute, for sitemap.xml (overrides/sitemap.xml), which
        # MkDocs renders after reading every page and before their templates.
        page.meta["journal_hreflang"] = self.alternates(config, role, page)
        if role in LISTINGS:
            # Listings, not texts: search results should be articles; no table of contents.
            page.meta["search"] = {"exclude": True}
            page.meta["hide"] = ["toc"]
        return markdown

    def _render_from_cache(self, markdown, page, config, files):
        # The key is made when MkDocs renders, from the Markdown every plugin left (render_cache).
        self.render_cache.attach(page)
        return markdown

    on_page_markdown = CombinedEvent(_page_markdown, _render_from_cache)

    def on_page_content(self, html, page, config, files):
        """Put the article's header (titles, authors, abstracts, keywords, cite box) and footer
        around its body. Rendering them here rather than in main.html puts them in
        page.content, so search indexes them too."""
        if self.role(page) != "article":
            return html
        cite = self.articles[page.file.src_uri] = self.article_context(page, config)
        if self.page_env is None:  # one environment for the build: each template compiled once (template_cache.py)
            self.page_env = template_cache.install(config.theme.get_env())
        env = self.page_env
        article = self.entries[page.file.src_uri].article
        context = {"page": page, "article": article, "cite": cite, "config": config}
        header = env.get_template("partials/article-header.html").render(context)
        footer = env.get_template("partials/article-footer.html").render(context)
        return f'{header}<div class="article-body">{html}</div>{footer}'

    def on_env(self, env, config, files):
        return template_cache.install(env)  # compiled templates kept between builds

    def on_template_context(self, context, template_name, config):
        """Templates rendered without a page (404.html) get the site-wide values."""
        context["journal"] = {"csp": self.config.content_security_policy, "name_en": self.config.journal_en,
                              "data": self.data}
        return context

    def on_page_context(self, context, page, config, nav):
        link = lambda src_uri: _relative(config, src_uri, page)  # noqa: E731
        journal = context["journal"] = {
            "csp": self.config.content_security_policy,
            "name_en": self.config.journal_en,
            "archive_url": link(self.config.archive_page),
            "about_url": link(self.config.about_page),
            "english_index_url": link(self.config.english_index_page),
            "data": self.data,
        }
        role = self.role(page)
        journal["lang"] = "en" if role in ENGLISH else "zh-CN"
        if role == "archive":
            journal["year_urls"] = {year: link(src_uri) for src_uri, year in self.years.items()}
        if role == "en-index":  # the English year pages
            journal["year_urls"] = {year: link(src_uri) for src_uri, year in self.english_years.items()}
        if role in ("year", "year-en"):  # the same year in the other language
            year = self.year_of(page)
            journal["year_other_url"] = link((self.config.english_year_page if role == "year" else self.config.year_page)
                                             .format(year=year))
        if role == "en-index":
            journal["issues"] = [issue_context(i, link) for i in self.issues]
        elif role in ("year", "year-en"):
            year = self.year_of(page)
            journal["year"] = year
            journal["issues"] = [issue_context(i, link) for y, entries in catalog.by_year(self.issues)
                                 if y == year for i in entries]
        if role == "home" and self.issues:
            journal["issue"] = issue_context(self.issues[0], link)
        elif role == "issue-en":
            journal["issue"] = issue_context(self.english[page.file.src_uri], link)
        elif role == "issue":
            this = next(i for i in self.issues if i.src_uri == page.file.src_uri)
            older, newer = catalog.neighbours(self.issues, this)
            journal["issue"] = issue_context(this, link)
            journal["older"] = issue_context(older, link) if older else None
            journal["newer"] = issue_context(newer, link) if newer else None
        elif role == "archive":
            journal["years"] = [(year, [issue_context(i, link) for i in entries])
                                for year, entries in catalog.by_year(self.issues)]
        elif role == "keywords":
            journal["index"] = [
                (catalog.initial(keyword), keyword, catalog.anchor_for(keyword), [article_link(a, link) for a in articles])
                for keyword, articles in catalog.keyword_index(self.issues)
            ]
        elif role == "authors":
            journal["index"] = [
                (catalog.initial(name), name, name_en, catalog.anchor_for(name),
                 [dict(article_link(a, link), bio=bio, role=role) for bio, role, a in entries])
                for name, name_en, entries in catalog.author_index(self.issues)
            ]
        # The article (journal.model.Article) and what the build made of it (citations, links).
        entry = self.entries.get(page.file.src_uri) if self.role(page) == "article" else None
        context["article"] = entry.article if entry else None
        context["cite"] = self.articles.get(page.file.src_uri)
        return context

    def on_post_build(self, config):
        cache = self.render_cache
        cache.prune()
        if cache.directory is not None:
            log.info("pages' Markdown: %d rendered, %d from the cache (%s)", cache.misses, cache.hits, cache.directory)

    def year_of(self, page):
        """The year a year page (/2026/ or /en/2026/) lists."""
        return self.years.get(page.file.src_uri) or self.english_years[page.file.src_uri]

    def alternates(self, config, role, page):
        """hreflang alternates, both ways, as (hreflang, absolute URL), for sitemap.xml: an
        issue's Chinese and English contents, a year's Chinese and English pages, and the archive
        and the English list of issues;
        x-default is the Chinese page. Not in the pages' <head>: see overrides/main.html."""
        pairs = None
        if role == "issue":
            issue = next(i for i in self.issues if i.src_uri == page.file.src_uri)
            pairs = (issue.src_uri, english_src_uri(issue))
        elif role == "issue-en":
            issue = self.english[page.file.src_uri]
            pairs = (issue.src_uri, page.file.src_uri)
        elif role in ("archive", "en-index"):
            pairs = (self.config.archive_page, self.config.english_index_page)
        elif role in ("year", "year-en"):
            year = self.year_of(page)
            pairs = (self.config.year_page.format(year=year), self.config.english_year_page.format(year=year))
        if not pairs or not getattr(config, "site_url", None):  # (no site_url: nothing absolute to give)
            return []
        zh, en = (absolute_url(config, File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls).url)
                  for src_uri in pairs)
        return [("zh-CN", zh), ("en", en), ("x-default", zh)]

    def article_context(self, page, config):
        """What the build makes of an article for its header and <head>: the citations, the
        Highwire tags and JSON-LD, the links to its RIS/BibTeX files and keyword index entries.
        (The article itself is the model, `article` in the template context.)"""
        article = self.entries[page.file.src_uri].article  # as written: page.meta's title is escaped
        url = absolute_url(config, page.url)
        keywords_url = _relative(config, self.config.keywords_page, page)
        issue = next(i for i in self.issues if any(a.src_uri == article.src_uri for a in i.articles))
        return {
            "issue_url": _relative(config, issue.src_uri, page),
            "report_mailto": self.data.report_mailto(article.full_title, url or page.url),
            "gbt7714": citations.gbt7714(article),
            # The cite box and its downloads, from the registry (journal.citations).
            "styles": citations.cite_box(article, citations.Where(url)),
            "files": [(fmt, get_relative_url(fmt.article_path(article), page.url)) for fmt in citations.FILES],
            "highwire": citations.highwire(article, url),
            "json_ld": citations.json_ld(article, url),
            "keywords": [(k, f"{keywords_url}#{catalog.anchor_for(k)}") for k in article.keywords],
        }


def issue_context(issue, link):
    """What the templates print of an issue: the model (journal.model.Issue), its URLs, and its
    articles as (Article, URL) pairs, in print order and by column."""
    model = issue.issue
    return {
        "model": model,
        "published": model.published_label,
        "url": link(issue.src_uri),
        "files": [(fmt, link(fmt.issue_path(model.folder))) for fmt in citations.FILES],
        "english_url": link(english_src_uri(issue)),
        "articles": [(a, link(a.src_uri)) for a in model.articles],
        "count": len(model.articles),
        "columns": [(column, [(a, link(a.src_uri)) for a in articles]) for column, articles in model.columns()],
    }


def english_src_uri(issue):
    """en/YYYY/NN/index.md: the English contents of the issue at YYYY/NN/."""
    return f"en/{PurePosixPath(issue.src_uri).parent}/index.md"


def issue_label_en(issue):
    """'2026, No. 2 (Total No. 232)': the issue as the English pages name it (issue-en.html, en-index.html)."""
    return f"{issue.label_en} (Total No. {issue.total})"


# Every nav label is escaped Markup: Material prints nav titles as they are. Only the listings'
# labels (nav_label) end up in <title> and the footer (previous/next), tags stripped, and read
# "首页 Home" there; the issues' and years' labels (nav_either) stay in the nav, as section titles.

def nav_label(zh, en):
    """A listing's label: '首页 Home' on a Chinese page, 'Home' on an English one."""
    return Markup('<span class="nav-zh" lang="zh-CN">{} </span><span lang="en">{}</span>').format(zh, en)


def nav_either(zh, en):
    """A label in the page's language only: the Chinese half (Markup, kept as it is) or the English one."""
    return Markup('<span class="nav-zh" lang="zh-CN">{}</span><span class="nav-en" lang="en">{}</span>').format(zh, en)


def nav_issue_title(title, title_en):
    """The issue's nav label, its Chinese parenthesis kept on one line ('（总第 235 期）'), and
    its English one ('2026, No. 2 (Total No. 232)'); escaped."""
    head, sep, tail = str(title).partition("（")
    zh = Markup('{}<span class="nav-nowrap">（{}</span>').format(head, tail) if sep else Markup.escape(title)
    return nav_either(zh, title_en)


def nav_year_title(year):
    """A year's nav label: '2026 年', '2026' on an English page; escaped."""
    return nav_either(Markup("{} 年").format(year), year)


def article_link(entry, link):
    """An index's line for an article: the model and its URL."""
    return {"article": entry.article, "url": link(entry.src_uri)}


def absolute_url(config, url):
    return config.site_url.rstrip("/") + "/" + url if config.site_url else ""


def _relative(config, src_uri, page):
    file = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
    return get_relative_url(file.url, page.url)

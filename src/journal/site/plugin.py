"""The `journal` MkDocs plugin: everything the site shows beyond a page's Markdown body.

- the catalog (issues, articles in print order) from the pages' front matter, and from it the
  navigation, so a new issue needs no edit to mkdocs.yml;
- the archive (往期目录), keyword and author index pages, and each article's RIS and BibTeX
  file, generated; every page's template is chosen here by the page's place in the archive,
  never by its front matter;
- per article, the header and footer rendered into the page (so search indexes them) and the
  template context: citations, Highwire tags, JSON-LD, keyword links.

The templates in overrides/ render it all, escaped. State lives on the plugin instance and is
rebuilt in on_config, so every `mkdocs serve` rebuild starts clean.
"""

from pathlib import PurePosixPath

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from .. import catalog
from ..checks import check_docs
from . import citation
from .config import JournalConfig

# Templates in overrides/, chosen by what a page is.
TEMPLATES = {"home": "home.html", "issue": "issue.html", "archive": "archive.html",
             "keywords": "keywords.html", "authors": "authors.html", "issue-en": "issue-en.html"}
TITLES = {"archive": "往期目录", "keywords": "关键词索引", "authors": "作者索引"}
# Nav labels: Chinese, then English (marked as English, for a screen reader's voice) for a
# reader who reads no Chinese. Markup: Material prints nav titles as they are; the journal's
# footer and <title> strip the tags.
NAV_EN = {role: Markup('{} <span lang="en">{}</span>').format(zh, en) for role, (zh, en) in {
    "home": ("首页", "Home"), "archive": ("往期目录", "Back issues"), "keywords": ("关键词索引", "Keywords"),
    "authors": ("作者索引", "Authors")}.items()}
LISTINGS = set(TEMPLATES)
THEME_KEYS = ("template", "search", "hide", "description", "subtitle", "status", "icon", "tags")


class JournalPlugin(BasePlugin[JournalConfig]):
    def on_config(self, config):
        # The build refuses what the pull-request check refuses, with the same messages, so
        # a change that skipped `make check` still cannot publish anything the check forbids.
        problems = check_docs(config.docs_dir)
        if problems:
            raise PluginError("the content check failed:\n" + "\n".join(map(str, problems)))
        self.issues = catalog.read_catalog(catalog.pages_on_disk(config.docs_dir))
        self.entries = {a.src_uri: a for issue in self.issues for a in issue.articles}
        self.articles = {}  # src_uri -> article context, for <head>
        # src_uri -> the day of its last correction, or None: the journal-publishing plugin
        # (which reads git) sets it in its on_config; the RIS and BibTeX files carry that day.
        self.corrected_on = lambda src_uri: None
        self.generated = {
            self.config.archive_page: "archive",
            self.config.keywords_page: "keywords",
            self.config.authors_page: "authors",
        }
        # Each issue's English contents (en/YYYY/NN/): outside the nav, linked from the
        # issue's contents and the home page.
        self.english = {english_src_uri(issue): issue for issue in self.issues}
        if config.nav is None:
            config.nav = self.build_nav()
        return config

    def build_nav(self):
        nav = [{NAV_EN["home"]: catalog.HOME}]
        for issue in self.issues:
            nav.append({nav_issue_title(issue.meta["title"]): [issue.src_uri] + [a.src_uri for a in issue.articles]})
        nav += [{NAV_EN[role]: src_uri} for src_uri, role in self.generated.items()]
        return nav

    def on_files(self, files, config):
        for src_uri, role in self.generated.items():
            files.append(File.generated(config, src_uri, content=""))  # the template writes it all
        for src_uri in self.english:
            files.append(File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))
        for issue in self.issues:
            for article in issue.articles:
                url = absolute_url(config, files.get_file_from_path(article.src_uri).url)
                stem = article.src_uri[: -len(".md")]
                slug = PurePosixPath(stem).name
                updated = self.corrected_on(article.src_uri)  # the one place these files are written
                files.append(File.generated(config, f"{stem}.ris", content=citation.ris(article.meta, url, updated)))
                files.append(File.generated(config, f"{stem}.bib", content=citation.bibtex(article.meta, slug, url, updated)))
        return files

    def role(self, page):
        src_uri = page.file.src_uri
        if src_uri == catalog.HOME:
            return "home"
        if src_uri in self.generated:
            return self.generated[src_uri]
        if src_uri in self.english:
            return "issue-en"
        if catalog.is_issue_index(src_uri):
            return "issue"
        if src_uri in self.entries:
            return "article"
        return None

    def on_page_markdown(self, markdown, page, config, files):
        # Material reads these keys from front matter and prints several of them unescaped, or
        # lets them pick a template: only the plugin sets them, from the page's place.
        for key in THEME_KEYS:
            page.meta.pop(key, None)
        role = self.role(page)
        page.meta["template"] = TEMPLATES.get(role, "main.html")
        if role in TITLES:
            page.meta["title"] = TITLES[role]
        if role == "issue-en":
            info = self.english[page.file.src_uri].meta["issue"]
            page.meta["title"] = f"{self.config.journal_en}, {info['year']}, No. {info['number']}: Contents"
        if "title" in page.meta:
            # Material prints the title unescaped in the header, the navigation and the footer:
            # escape it once here (as Markup, which the project's own templates do not escape again).
            page.meta["title"] = Markup.escape(page.meta["title"])
        if role in LISTINGS:
            # Listings, not texts: search results should be articles; no table of contents.
            page.meta["search"] = {"exclude": True}
            page.meta["hide"] = ["toc"]
        return markdown

    def on_page_content(self, html, page, config, files):
        """Put the article's header (titles, authors, abstracts, keywords, cite box) and footer
        around its body. Rendering them here rather than in main.html puts them in
        page.content, so search indexes them too."""
        if self.role(page) != "article":
            return html
        article = self.articles[page.file.src_uri] = self.article_context(page, config)
        env = config.theme.get_env()
        context = {"page": page, "article": article, "config": config}
        header = env.get_template("partials/article-header.html").render(context)
        footer = env.get_template("partials/article-footer.html").render(context)
        return f'{header}<div class="article-body">{html}</div>{footer}'

    def on_template_context(self, context, template_name, config):
        """Templates rendered without a page (404.html) get the site-wide values."""
        context["journal"] = {"csp": self.config.content_security_policy, "name_en": self.config.journal_en}
        return context

    def on_page_context(self, context, page, config, nav):
        link = lambda src_uri: _relative(config, src_uri, page)  # noqa: E731
        journal = context["journal"] = {
            "csp": self.config.content_security_policy,
            "name_en": self.config.journal_en,
            "archive_url": link(self.config.archive_page),
        }
        role = self.role(page)
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
                 [dict(article_link(a, link), bio=bio) for bio, a in entries])
                for name, name_en, entries in catalog.author_index(self.issues)
            ]
        context["article"] = self.articles.get(page.file.src_uri)
        return context

    def article_context(self, page, config):
        meta = self.entries[page.file.src_uri].meta  # as written: page.meta's title is escaped
        url = absolute_url(config, page.url)
        stem = PurePosixPath(page.file.src_uri[: -len(".md")])
        keywords_url = _relative(config, self.config.keywords_page, page)
        return {
            "gbt7714": citation.gbt7714(meta),
            "apa": citation.apa(meta),
            "highwire": citation.highwire(meta, url),
            "json_ld": citation.json_ld(meta, url),
            "ris_url": get_relative_url(f"{stem}.ris", page.url),
            "bib_url": get_relative_url(f"{stem}.bib", page.url),
            "keywords": [(k, f"{keywords_url}#{catalog.anchor_for(k)}") for k in meta.get("keywords") or []],
        }


def issue_context(issue, link):
    """What the templates print of an issue: its front matter, date, URL, contents by column."""
    year, month, day = (int(part) for part in issue.meta["issue"]["published"].split("-"))
    return {
        "meta": issue.meta,
        "published": f"{year} 年 {month} 月 {day} 日",
        "url": link(issue.src_uri),
        "english_url": link(english_src_uri(issue)),
        "articles": [dict(a.meta, url=link(a.src_uri)) for a in issue.articles],
        "count": len(issue.articles),
        "columns": [(column, [dict(a.meta, url=link(a.src_uri)) for a in articles]) for column, articles in issue.columns()],
    }


def english_src_uri(issue):
    """en/YYYY/NN/index.md: the English contents of the issue at YYYY/NN/."""
    return f"en/{PurePosixPath(issue.src_uri).parent}/index.md"


def nav_issue_title(title):
    """The issue's nav label, its parenthesis kept on one line ('（总第 235 期）'); escaped."""
    head, sep, tail = str(title).partition("（")
    if not sep:
        return Markup.escape(title)
    return Markup('{}<span class="nav-nowrap">（{}</span>').format(head, tail)


def article_link(article, link):
    meta = article.meta
    return {"title": meta["title"], "url": link(article.src_uri), "authors": [a["name"] for a in meta["authors"]],
            "year": meta["issue"]["year"], "number": meta["issue"]["number"]}


def absolute_url(config, url):
    return config.site_url.rstrip("/") + "/" + url if config.site_url else ""


def _relative(config, src_uri, page):
    file = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
    return get_relative_url(file.url, page.url)

"""MkDocs hooks: everything the site shows beyond a page's Markdown body.

- navigation: home, each issue (contents, then articles in print order), keyword and author
  indexes — built from the pages' front matter, so a new issue needs no edit to mkdocs.yml;
- the keyword and author index pages, and each article's RIS and BibTeX files, generated;
- per article, the template context: citations (GB/T 7714, APA), Highwire tags, JSON-LD,
  keyword links. The templates in overrides/ render it all, escaped.
"""

import sys
from pathlib import Path, PurePosixPath

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

# `mkdocs serve` started from its console script does not put the project on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from build_tools import catalog, citation  # noqa: E402

KEYWORDS_PAGE = "keywords.md"
AUTHORS_PAGE = "authors.md"
_issues = []
_articles = {}  # src_uri -> citation context of each article page, for the <head> tags


def on_config(config):
    global _issues
    _issues = catalog.read_catalog(config.docs_dir)
    if config.nav is None:
        config.nav = build_nav(_issues)
    return config


def build_nav(issues):
    nav = [{"首页": "index.md"}]
    for issue in issues:
        nav.append({issue.meta["title"]: [issue.src_uri] + [a.src_uri for a in issue.articles]})
    nav += [{"关键词索引": KEYWORDS_PAGE}, {"作者索引": AUTHORS_PAGE}]
    return nav


def on_files(files, config):
    files.append(File.generated(config, KEYWORDS_PAGE, content=keyword_page(_issues)))
    files.append(File.generated(config, AUTHORS_PAGE, content=author_page(_issues)))
    for issue in _issues:
        for article in issue.articles:
            url = absolute_url(config, files.get_file_from_path(article.src_uri).url)
            stem = article.src_uri[: -len(".md")]
            slug = PurePosixPath(stem).name
            files.append(File.generated(config, f"{stem}.ris", content=citation.ris(article.meta, url)))
            files.append(File.generated(config, f"{stem}.bib", content=citation.bibtex(article.meta, slug, url)))
    return files


def absolute_url(config, url):
    return config.site_url.rstrip("/") + "/" + url if config.site_url else ""


def _article_link(article):
    meta = article.meta
    names = "、".join(a["name"] for a in meta["authors"])
    issue = meta["issue"]
    return f"[{meta['title']}]({article.src_uri})　{names}（{issue['year']} 年第 {issue['number']} 期）"


def keyword_page(issues):
    lines = ["---", "title: 关键词索引", "search:", "  exclude: true", "---", "", "# 关键词索引", ""]
    for keyword, articles in catalog.keyword_index(issues).items():
        lines += [f"## {keyword} {{#{catalog.anchor_for(keyword)}}}", ""]
        lines += [f"- {_article_link(a)}" for a in articles] + [""]
    return "\n".join(lines)


def author_page(issues):
    lines = ["---", "title: 作者索引", "search:", "  exclude: true", "---", "", "# 作者索引", ""]
    for name, (name_en, entries) in catalog.author_index(issues).items():
        lines += [f"## {name} {name_en} {{#{catalog.anchor_for(name)}}}", ""]
        lines += [f"- {_article_link(article)}  \n  {bio}" for bio, article in entries] + [""]
    return "\n".join(lines)


def on_page_markdown(markdown, page, config, files):
    """Give search the article's keywords as tags: Material's index boosts tags above titles,
    so the article whose keyword a reader types comes first."""
    if catalog.is_article(page.meta):
        page.meta["tags"] = list(page.meta.get("keywords") or [])
    return markdown


def on_page_content(html, page, config, files):
    """Put the article's header (titles, authors, abstracts, keywords, cite box) and footer
    around its body. They are rendered by templates from the front matter; doing it here
    rather than in main.html puts them in page.content, so search indexes them too."""
    if not catalog.is_article(page.meta):
        return html
    article = _articles[page.file.src_uri] = article_context(page, config)
    env = config.theme.get_env()
    context = {"page": page, "article": article, "config": config}
    header = env.get_template("partials/article-header.html").render(context)
    footer = env.get_template("partials/article-footer.html").render(context)
    return f'{header}<div class="article-body">{html}</div>{footer}'


def on_page_context(context, page, config, nav):
    context["journal_issues"] = [_issue_context(issue, page, config) for issue in _issues]
    context["article"] = _articles.get(page.file.src_uri)
    return context


def _issue_context(issue, page, config):
    year, month, day = (int(part) for part in issue.meta["issue"]["published"].split("-"))
    return {
        "meta": issue.meta,
        "published": f"{year} 年 {month} 月 {day} 日",
        "url": _relative(config, issue.src_uri, page),
        "columns": [
            (column, [dict(a.meta, url=_relative(config, a.src_uri, page)) for a in articles])
            for column, articles in issue.columns()
        ],
    }


def _relative(config, src_uri, page):
    file = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
    return get_relative_url(file.url, page.url)


def article_context(page, config):
    meta = page.meta
    url = absolute_url(config, page.url)
    stem = PurePosixPath(page.file.src_uri[: -len(".md")])
    return {
        "gbt7714": citation.gbt7714(meta),
        "apa": citation.apa(meta),
        "highwire": citation.highwire(meta, url),
        "json_ld": citation.json_ld(meta, url),
        "ris_url": get_relative_url(f"{stem}.ris", page.url),
        "bib_url": get_relative_url(f"{stem}.bib", page.url),
        "keywords": [
            (keyword, _relative(config, KEYWORDS_PAGE, page) + "#" + catalog.anchor_for(keyword))
            for keyword in meta.get("keywords") or []
        ],
    }

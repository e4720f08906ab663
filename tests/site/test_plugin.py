"""The journal plugin in isolation: the catalog and nav it builds, and what it makes of
hostile front matter values (escaped by the templates, whatever the content check let in)."""

import copy
import dataclasses

import pytest
from markupsafe import Markup
from mkdocs.config import load_config

from journal import catalog
from journal.model import Article
from journal.site.plugin import nav_issue_title, nav_label, nav_year_title
from tests.conftest import ARCHIVE, ROOT
from tests.site.nav_text import shown

ISSUES = catalog.read_catalog(catalog.pages_on_disk(ARCHIVE))


@pytest.fixture(scope="module")
def config():
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(ARCHIVE))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    return config


@pytest.fixture(scope="module")
def plugin(config):
    return config.plugins["journal"]


class FakeFile:
    def __init__(self, src_uri):
        self.src_uri = src_uri


class FakePage:
    def __init__(self, meta, src_uri="2026/01/zhang-san.md", url="2026/01/zhang-san/"):
        self.meta, self.file, self.url = meta, FakeFile(src_uri), url


def test_catalog_reads_issues_newest_first_and_articles_in_print_order():
    assert [i.src_uri for i in ISSUES] == ["2026/01/index.md", "2025/06/index.md"]
    for issue in ISSUES:
        assert [a.article.first_page for a in issue.articles] == [1, 5]
        assert [c for c, _ in issue.columns()] == ["测试栏目", "另一栏目"]


def test_an_issue_is_a_year_and_two_digit_number_folder():
    assert catalog.issue_dir_of("2026/02/wu-xinbo.md") == "2026/02"
    assert catalog.is_issue_index("2026/02/index.md") and not catalog.is_issue_index("2026/02/a.md")
    assert catalog.is_article_path("2026/02/a.md") and not catalog.is_article_path("2026/02/index.md")
    for elsewhere in ("index.md", "about.md", "2026/2/a.md", "26/02/a.md", "2026/02/x/index.md"):
        assert catalog.issue_dir_of(elsewhere) is None or elsewhere.count("/") != 2, elsewhere


def test_nav_is_home_years_of_issues_newest_first_then_the_listings(plugin, config):
    nav = config.nav
    label = lambda entry, lang="zh-CN": shown(list(entry)[0], lang)  # noqa: E731  (as reader.css shows it)
    entries = lambda entry: list(entry.values())[0]  # noqa: E731
    assert label(nav[0]) == "首页 Home" and entries(nav[0]) == "index.md"
    # One section a year, newest first, the year's page (/2026/) its index page.
    assert [label(entry) for entry in nav[1:3]] == ["2026 年", "2025 年"]
    assert [entries(entry)[0] for entry in nav[1:3]] == ["2026/index.md", "2025/index.md"]
    # In it, the year's issues: each a section of its contents page and its articles in print order.
    (newest,), (older,) = (entries(entry)[1:] for entry in nav[1:3])
    assert [label(newest), label(older)] == ["2026 年第 1 期（总第 231 期）", "2025 年第 6 期（总第 230 期）"]
    # An issue's label keeps its parenthesis on one line (<span class="nav-nowrap">).
    assert '<span class="nav-nowrap">（总第 231 期）</span>' in list(newest)[0]
    assert entries(newest) == ["2026/01/index.md", "2026/01/zhang-san.md", "2026/01/li-si.md"]
    assert [label(entry) for entry in nav[3:]] == ["往期目录 Back issues", "关键词索引 Keywords", "作者索引 Authors", "关于本刊 About"]
    assert [entries(entry) for entry in nav[3:]] == ["archive.md", "keywords.md", "authors.md", "about.md"]
    # On an English page (<html lang="en">) the same labels read in English only.
    assert [label(entry, "en") for entry in nav[:3]] == ["Home", "2026", "2025"]
    assert [label(newest, "en"), label(older, "en")] == ["2026, No. 1 (Total No. 231)", "2025, No. 6 (Total No. 230)"]
    assert [label(entry, "en") for entry in nav[3:]] == ["Back issues", "Keywords", "Authors", "About"]


def test_the_listings_labels_read_the_same_with_their_tags_stripped():
    """<title> and the footer (上一篇/下一篇) print a listing's label with its tags stripped: it
    reads '首页 Home' there, as on a Chinese page, never '首页Home'."""
    assert Markup(nav_label("首页", "Home")).striptags() == "首页 Home"


def test_a_year_of_several_issues_is_one_section_newest_first(plugin):
    """The fixture has one issue a year: three issues over two years, from the same pages."""
    newest, older = plugin.issues
    later = catalog.IssueEntry(dataclasses.replace(newest.issue, src_uri="2026/02/index.md", title="2026 年第 2 期"))
    plugin.issues = [later, newest, older]
    try:
        nav = plugin.build_nav()
    finally:
        plugin.issues = [newest, older]
    years = [list(entry.values())[0] for entry in nav[1:3]]
    assert [len(year) for year in years] == [3, 2]  # the year's page, then its issues
    assert [list(issue.values())[0][0] for issue in years[0][1:]] == ["2026/02/index.md", "2026/01/index.md"]


def test_nav_labels_are_escaped():
    """Material prints nav titles as they are: the plugin gives them escaped."""
    assert nav_issue_title("<b>2026</b> 年第 1 期（总第 <i>1</i> 期）", "<b>2026</b>, No. 1") == (
        '<span class="nav-zh" lang="zh-CN">&lt;b&gt;2026&lt;/b&gt; 年第 1 期<span class="nav-nowrap">'
        '（总第 &lt;i&gt;1&lt;/i&gt; 期）</span></span><span class="nav-en" lang="en">&lt;b&gt;2026&lt;/b&gt;, No. 1</span>')
    assert nav_year_title("<b>2026</b>") == (
        '<span class="nav-zh" lang="zh-CN">&lt;b&gt;2026&lt;/b&gt; 年</span><span class="nav-en" lang="en">&lt;b&gt;2026&lt;/b&gt;</span>')
    assert nav_label("<i>首页</i>", "<i>Home</i>") == (
        '<span class="nav-zh" lang="zh-CN">&lt;i&gt;首页&lt;/i&gt; </span><span lang="en">&lt;i&gt;Home&lt;/i&gt;</span>')


def test_plugin_state_is_rebuilt_on_every_config(plugin, config):
    """`mkdocs serve` calls on_config again on every rebuild: nothing carries over."""
    plugin.articles["stale.md"] = {"title": "stale"}
    plugin.on_config(config)
    assert plugin.articles == {} and len(plugin.issues) == 2


def test_template_and_search_come_from_the_page_s_place_not_its_front_matter(plugin):
    article = FakePage(copy.deepcopy(ISSUES[0].articles[0].meta), src_uri="2026/01/zhang-san.md")
    article.meta["template"] = "404.html"
    plugin._page_markdown("", article, None, None)
    assert article.meta["template"] == "main.html" and "search" not in article.meta
    issue = FakePage({"title": "x", "template": "404.html"}, src_uri="2026/01/index.md")
    plugin._page_markdown("", issue, None, None)
    assert issue.meta["template"] == "issue.html" and issue.meta["search"] == {"exclude": True}


def hostile(plugin, monkeypatch, change, src_uri="2026/01/zhang-san.md"):
    """The plugin's catalog with the article at `src_uri` read from front matter that `change`
    edited: the plugin reads the model it built, never page.meta."""
    meta = copy.deepcopy(plugin.entries[src_uri].meta)
    change(meta)
    monkeypatch.setitem(plugin.entries, src_uri, catalog.ArticleEntry(Article.from_meta(src_uri, meta)))
    return meta


def test_front_matter_values_are_escaped_in_the_article_header(plugin, config, monkeypatch):
    def change(meta):
        meta["title"] = '<script>alert("t")</script>'
        meta["subtitle"] = '<i onclick=alert(5)>s</i>'
        meta["abstract"] = '<img src=x onerror=alert(1)>'
        meta["authors"][0]["bio"] = '"><svg onload=alert(2)>'
        meta["authors"][0]["nationality"] = '<u>俄</u>'
        meta["translators"] = [{"name": "<q>刘洋</q>", "name_en": "LIU Yang", "bio": "<s onmouseover=alert(6)>"}]
        meta["keywords"] = ['<b onclick=alert(3)>k</b>']
        meta["kind"] = "review"
        meta["reviewed_book"] = {"title": "<em>书</em>", "authors": ["<a href=x>甲</a>"], "publisher": "<p>社", "year": 2025}

    meta = hostile(plugin, monkeypatch, change)
    page = FakePage(meta, src_uri="2026/01/zhang-san.md", url="2026/01/zhang-san/")
    html = plugin.on_page_content("<p>body</p>", page, config, None)
    for raw in ("<script>alert", "<img src=x", "<svg onload", "<b onclick", "<i onclick", "<u>", "<q>",
                "<s onmouseover", "<em>书", "<a href=x", "<p>社"):
        assert raw not in html
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;q&gt;刘洋&lt;/q&gt;" in html and "〔&lt;u&gt;俄&lt;/u&gt;〕" in html


def test_json_ld_in_head_cannot_break_out_of_its_script(plugin, config, monkeypatch):
    meta = hostile(plugin, monkeypatch, lambda meta: meta.update(title="</script><script>alert(1)</script>"))
    context = plugin.article_context(FakePage(meta), config)
    assert "</script>" not in context["json_ld"] and "alert(1)" in context["json_ld"]


def test_titles_reach_material_s_templates_escaped_once(plugin):
    page = FakePage({"title": 'A & B <img src=x onerror=alert(1)>'}, src_uri="2026/01/index.md")
    plugin._page_markdown("", page, None, None)
    assert str(page.meta["title"]) == "A &amp; B &lt;img src=x onerror=alert(1)&gt;"
    assert str(Markup.escape(page.meta["title"])) == str(page.meta["title"])  # not escaped twice

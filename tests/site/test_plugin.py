"""The site hooks and templates: what they make of front matter, hostile values included."""

import copy

import pytest
from mkdocs.config import load_config

from build_tools import catalog, site_hooks
from tests.conftest import ROOT

ISSUES = catalog.read_catalog(ROOT / "docs")


@pytest.fixture(scope="module")
def config():
    return load_config(str(ROOT / "mkdocs.yml"))


class FakeFile:
    def __init__(self, src_uri):
        self.src_uri = src_uri


class FakePage:
    def __init__(self, meta, src_uri="2026/02/test.md", url="2026/02/test/"):
        self.meta, self.file, self.url = meta, FakeFile(src_uri), url


def test_catalog_reads_the_issue_in_print_order():
    assert len(ISSUES) == 1
    pages = [a.meta["first_page"] for a in ISSUES[0].articles]
    assert pages == sorted(pages) and pages[0] == 1 and len(pages) == 7
    assert [c for c, _ in ISSUES[0].columns()] == ["习近平外交思想研究", "区域与国别", "中国外交", "国际政治"]


def test_nav_is_home_issue_articles_indexes():
    nav = site_hooks.build_nav(ISSUES)
    assert nav[0] == {"首页": "index.md"}
    (title, pages), = nav[1].items()
    assert title.startswith("2026 年第 2 期") and pages[0] == "2026/02/index.md" and len(pages) == 8
    assert nav[-2:] == [{"关键词索引": "keywords.md"}, {"作者索引": "authors.md"}]


def test_keyword_and_author_pages_have_an_anchor_per_entry():
    keywords = site_hooks.keyword_page(ISSUES)
    for keyword in catalog.keyword_index(ISSUES):
        assert f"## {keyword} {{#{catalog.anchor_for(keyword)}}}" in keywords
    authors = site_hooks.author_page(ISSUES)
    assert "## 吴心伯 WU Xinbo {#吴心伯}" in authors


def test_front_matter_values_are_escaped_in_the_article_header(config):
    meta = copy.deepcopy(ISSUES[0].articles[0].meta)
    meta["title"] = '<script>alert("t")</script>'
    meta["abstract"] = '<img src=x onerror=alert(1)>'
    meta["authors"][0]["bio"] = '"><svg onload=alert(2)>'
    meta["keywords"] = ['<b onclick=alert(3)>k</b>']
    page = FakePage(meta)
    config.theme.dirs  # the theme must be loaded for get_env()
    html = site_hooks.on_page_content("<p>body</p>", page, config, None)
    for raw in ("<script>alert", "<img src=x", "<svg onload", "<b onclick"):
        assert raw not in html
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_json_ld_in_head_cannot_break_out_of_its_script(config):
    meta = copy.deepcopy(ISSUES[0].articles[0].meta)
    meta["title"] = "</script><script>alert(1)</script>"
    context = site_hooks.article_context(FakePage(meta), config)
    assert "</script>" not in context["json_ld"]

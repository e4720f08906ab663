"""render.py: Markdown pages with YAML front matter that parses back to the same fields."""

import re

import yaml

from journal.importer.model import Article, Author, Footnote, Heading, Issue, Paragraph
from journal.importer.render import render_article, render_contents, render_issue, slug_for


def make_issue():
    first = Article(
        title="中巴命运共同体：核心特征", line=1, column="习近平外交思想研究",
        title_en="Yes: The China-Pakistan Community #1",
        authors=[Author("张超哲", "ZHANG Chaozhe", "四川大学副研究员"), Author("吴凡", "WU Fan", "研究助理")],
        abstract="提要：含冒号、“引号”和 #号 - 以及 'single' \"double\"。",
        abstract_en="First paragraph: yes.\n\nSecond paragraph - no.",
        keywords=["“2+2”对话机制", "null", "周边外交"],
        clc="D822.335.3", document_code="A", article_number="0452 8832 (2026) 2 期 0012-23",
        issn="0452-8832", first_page=12, last_page=34, funding="本文系某基金项目的成果。", editor="肖莹莹",
        body=[Heading(2, "一、引言", "sec-1", 5), Paragraph("正文一。[^1]", 6), Heading(3, "（一）小节", "sec-1-1", 7),
              Paragraph("正文二。[^2]", 8)],
        footnotes=[Footnote(1, "注一。", 9), Footnote(2, "注二，见<https://a.b/c>。", 10)],
        slug="zhang-chaozhe",
    )
    second = Article(
        title="第二篇", line=50, column="区域与国别", title_en="Second", authors=[Author("吴心伯", "WU Xinbo", "教授")],
        abstract="提要。", abstract_en="Abstract.", keywords=["中美关系"], clc="D822", document_code="A",
        article_number="0452 8832 (2026) 2 期 0035-14", issn="0452-8832", first_page=35, last_page=48,
        editor="王玉莹", body=[Paragraph("正文。", 60)], slug="wu-xinbo",
    )
    third = Article(
        title="第三篇", line=80, column="区域与国别", title_en="Third", authors=[Author("王帆", "WANG Fan", "教授")],
        abstract="提要。", abstract_en="Abstract.", keywords=["战略收缩"], clc="D871", document_code="A",
        article_number="0452 8832 (2026) 2 期 0049-26", issn="0452-8832", first_page=49, last_page=74,
        editor="宁因辉", body=[Paragraph("正文。", 90)], slug="wang-fan",
    )
    return Issue(source="issue.md", journal="國際問題研究", year=2026, number=2, total=232,
                 published="2026-03-15", frequency="双月刊", articles=[first, second, third])


def split_page(text):
    match = re.fullmatch(r"---\n(.*?\n)---\n(.*)", text, re.S)
    assert match, "page does not start with a YAML front matter block"
    return yaml.safe_load(match[1]), match[2]


def test_slug_from_the_first_authors_english_name():
    taken = set()
    article = Article(title="t", line=1, authors=[Author("吴心伯", "WU Xinbo")])
    assert slug_for(article, taken) == "wu-xinbo"
    assert slug_for(article, taken) == "wu-xinbo-2"
    assert slug_for(article, taken) == "wu-xinbo-3"
    assert slug_for(Article(title="t", line=1, authors=[Author("某", "")]), set()) == "article"
    assert slug_for(Article(title="t", line=1, authors=[Author("某", "O'Neil  Jr.")]), set()) == "o-neil-jr"


def test_front_matter_round_trips_every_field():
    issue = make_issue()
    article = issue.articles[0]
    data, _ = split_page(render_article(article, issue))
    assert data["title"] == article.title
    assert data["title_en"] == article.title_en
    assert data["column"] == article.column
    assert data["authors"] == [{"name": a.name, "name_en": a.name_en, "bio": a.bio} for a in article.authors]
    assert data["abstract"] == article.abstract
    assert data["abstract_en"] == article.abstract_en
    assert data["keywords"] == article.keywords  # "null" stays a string
    assert (data["first_page"], data["last_page"]) == (12, 34)
    assert data["article_number"] == article.article_number
    assert (data["clc"], data["document_code"]) == ("D822.335.3", "A")
    assert data["funding"] == article.funding
    assert data["editor"] == "肖莹莹"
    assert data["issue"] == {"journal": "国际问题研究", "issn": "0452-8832", "year": 2026, "number": 2,
                             "total": 232, "published": "2026-03-15"}


def test_funding_is_only_in_the_front_matter_when_there_is_one():
    issue = make_issue()
    data, _ = split_page(render_article(issue.articles[1], issue))
    assert "funding" not in data


def test_body_has_headings_with_anchors_paragraphs_then_footnotes():
    issue = make_issue()
    _, body = split_page(render_article(issue.articles[0], issue))
    blocks = body.strip("\n").split("\n\n")
    assert blocks == [
        "## 一、引言 {#sec-1}", "正文一。[^1]", "### （一）小节 {#sec-1-1}", "正文二。[^2]",
        "[^1]: 注一。", "[^2]: 注二，见<https://a.b/c>。",
    ]
    assert body.endswith("\n") and not body.endswith("\n\n")


def test_contents_page_is_front_matter_only():
    """The site renders the contents from the articles' own front matter (overrides/issue.html),
    so a corrected title cannot disagree with a copy of it on the contents page."""
    issue = make_issue()
    data, body = split_page(render_contents(issue))
    assert data["title"] == "2026 年第 2 期（总第 232 期）"
    assert data["frequency"] == "双月刊"
    assert data["issue"]["published"] == "2026-03-15"
    assert set(data) == {"title", "issue", "frequency"}
    assert body.strip() == ""


def test_render_issue_names_one_page_per_article_and_the_contents():
    issue = make_issue()
    pages = render_issue(issue)
    assert sorted(pages) == ["2026/02/index.md", "2026/02/wang-fan.md", "2026/02/wu-xinbo.md", "2026/02/zhang-chaozhe.md"]
    assert pages["2026/02/wu-xinbo.md"] == render_article(issue.articles[1], issue)

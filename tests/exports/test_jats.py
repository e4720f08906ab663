"""JATS 1.3 XML per article: valid against the official JATS 1.3 DTD (and the Journal Publishing
XSD when it is given), and saying what the page says: front matter, sections, footnotes."""

import re
from pathlib import Path

import lxml.html
import markdown
import pytest
import yaml
from lxml import etree
from mkdocs.utils.meta import get_data

from journal.affiliation import affiliation
from journal.exports import jats, names
from journal.model import Article, Author
from tests.conftest import ARCHIVE, SITE

from .conftest import parse

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
HREF = "{http://www.w3.org/1999/xlink}href"
# The Markdown the site renders pages with (mkdocs.yml's markdown_extensions that shape blocks).
EXTENSIONS = ["footnotes", "attr_list", "md_in_html", "toc"]


def articles(docs):
    for path in sorted(Path(docs).rglob("*.md")):
        src_uri = path.relative_to(docs).as_posix()
        if re.fullmatch(r"\d{4}/\d{2}/[^/]+\.md", src_uri) and path.name != "index.md":
            yield src_uri, get_data(path.read_text(encoding="utf-8"))[1]


def built_sites(exported):
    sites = [(ARCHIVE, exported)]
    if (SITE / "index.html").exists():  # the live build, when `make build` made one
        sites.append((Path(__file__).resolve().parents[2] / "docs", SITE))
    return sites


def text(element):
    return " ".join("".join(element.itertext()).split())


def test_every_article_has_a_jats_file_valid_against_the_jats_1_3_dtd_and_publishing_xsd(exported, jats_dtd, jats_xsd):
    count = 0
    for docs, site in built_sites(exported):
        for src_uri, _ in articles(docs):
            path = site / (src_uri[:-3] + ".jats.xml")
            assert path.is_file(), f"no JATS for {src_uri}"
            tree = parse(path)
            assert jats_dtd.validate(tree), f"{path}: {jats_dtd.error_log.filter_from_errors()[:3]}"
            assert jats_xsd.validate(tree), f"{path}: {jats_xsd.error_log.filter_from_errors()[:3]}"
            assert tree.docinfo.public_id == "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN"
            count += 1
    assert count >= 4



def test_front_says_what_the_front_matter_says(exported):
    for docs, site in built_sites(exported):
        for src_uri, meta in articles(docs):
            root = parse(site / (src_uri[:-3] + ".jats.xml")).getroot()
            front = root.find("front")
            assert front.findtext("journal-meta/journal-title-group/journal-title") == meta["issue"]["journal"]
            assert front.findtext("journal-meta/issn") == meta["issue"]["issn"]
            am = front.find("article-meta")
            assert am.findtext("title-group/article-title") == meta["title"]
            trans = am.find("title-group/trans-title-group")
            assert trans.get(XML_LANG) == "en" and trans.findtext("trans-title") == meta["title_en"]
            contribs = am.findall("contrib-group/contrib[@contrib-type='author']")
            assert len(contribs) == len(meta["authors"])
            for contrib, author in zip(contribs, meta["authors"]):
                zh = contrib.find("name-alternatives/name[@xml:lang='zh']", namespaces={"xml": "http://www.w3.org/XML/1998/namespace"})
                assert zh.findtext("surname") + zh.findtext("given-names") == author["name"]
                latin = contrib.find("name-alternatives/name[@xml:lang='zh-Latn']", namespaces={"xml": "http://www.w3.org/XML/1998/namespace"})
                assert f"{latin.findtext('surname')} {latin.findtext('given-names')}".lower() == author["name_en"].lower()
                rid = contrib.find("xref[@ref-type='aff']").get("rid")
                aff = am.find(f"contrib-group/aff[@id='{rid}']")
                assert aff.findtext("institution") == affiliation(author["bio"])
                assert author["bio"].startswith(aff.findtext("institution"))
            date = am.find("pub-date")
            assert date.get("iso-8601-date") == meta["issue"]["published"]
            assert am.findtext("issue") == str(meta["issue"]["number"])
            assert am.findtext("fpage") == str(meta["first_page"]) and am.findtext("lpage") == str(meta["last_page"])
            assert text(am.find("abstract[@xml:lang='zh']", namespaces={"xml": "http://www.w3.org/XML/1998/namespace"})) == " ".join(meta["abstract"].split())
            assert text(am.find("trans-abstract")) == " ".join(meta["abstract_en"].split())
            assert am.find("trans-abstract").get(XML_LANG) == "en"
            assert [k.text for k in am.findall("kwd-group/kwd")] == meta["keywords"]
            assert am.find("self-uri").get(HREF).endswith(src_uri[:-3] + "/")


def test_body_has_the_pages_sections_and_every_footnote(exported):
    compared = 0
    for docs, site in built_sites(exported):
        for src_uri, _ in articles(docs):
            root = parse(site / (src_uri[:-3] + ".jats.xml")).getroot()
            page = lxml.html.parse(str(site / src_uri[:-3] / "index.html")).getroot()
            body = page.xpath("//div[contains(concat(' ', @class, ' '), ' article-body ')]")[0]
            # The 注释 heading (journal.site.notes) titles the notes, which JATS keeps in back/fn-group.
            headings = [h for h in body.iter("h2", "h3", "h4", "h5") if h.get("id") not in (None, "notes")]
            secs = list(root.iter("sec"))
            assert [s.get("id") for s in secs] == [h.get("id") for h in headings]
            for sec, heading in zip(secs, headings):
                assert text(sec.find("title")) == text(heading).rstrip("¶").strip()
            # Nesting follows the heading levels: （一） inside 一、.
            for sec, heading in zip(secs, headings):
                depth = len([a for a in sec.iterancestors("sec")])
                assert depth == int(heading.tag[1]) - 2
            notes = body.xpath(".//div[contains(concat(' ', @class, ' '), ' footnote ')]//li[starts-with(@id, 'fn:')]")
            fns = root.findall("back/fn-group/fn")
            assert len(fns) == len(notes)
            compared += len(notes)
            for fn, note in zip(fns, notes):
                expected = " ".join(note.text_content().replace("\u21a9", "").split())
                assert text(fn).removeprefix(fn.findtext("label")).strip() == expected
            ids = {e.get("id") for e in root.iter() if isinstance(e.tag, str) and e.get("id")}
            refs = root.findall(".//body//xref[@ref-type='fn']")
            assert len(refs) == len(body.xpath(".//sup[starts-with(@id, 'fnref')]"))
            assert all(x.get("rid") in ids for x in root.iter("xref"))
    assert compared >= 3


def render(md):
    return markdown.markdown(md, extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}})


META = yaml.safe_load("""
title: 标题
title_en: A Title
authors:
- {name: 吴心伯, name_en: WU Xinbo, bio: 复旦大学美国研究中心主任、教授}
translators:
- {name: 李四, name_en: LI Si, bio: 某大学博士研究生}
abstract: 提要。
abstract_en: Abstract.
keywords: [甲, 乙]
first_page: 3
last_page: 9
issue: {journal: 国际问题研究, issn: 0452-8832, year: 2026, number: 2, total: 232, published: '2026-03-15'}
""")

BLOCKS = """前言。[^1]

## 一、列表与引文 {#sec-1}

- 第一项[^2]
- 第二项

有序列表：

1. 甲
2. 乙

> 引文第一段
>
> 引文第二段

见[表1](#table-1)。

<table id="table-1">
<caption>表1　2015—2025年中巴贸易额（亿美元）</caption>
<thead>
<tr><th scope="col">年份</th><th scope="col" colspan="2">贸易额</th></tr>
</thead>
<tbody>
<tr><th scope="row">2015</th><td>189.3<sup>a</sup></td><td rowspan="2">—<br>说明</td></tr>
</tbody>
</table>

注：表注。

<figure id="figure-1" markdown="span">
![图1　2015—2025年中巴贸易额](wu-figure-1.png)
<figcaption>图1　2015—2025年中巴贸易额<br>资料来源：作者制作。</figcaption>
</figure>

[^1]: 注一，见 *Foreign Affairs*。
[^2]: 注二。
"""


def test_the_contracts_body_blocks_become_jats(jats_dtd):
    article = Article.from_meta("2026/02/wu.md", META)
    data = jats.article_xml(article, render(BLOCKS), {"url": "https://j.example.org/2026/02/wu/"})
    tree = parse(data)
    assert jats_dtd.validate(tree), jats_dtd.error_log.filter_from_errors()[:3]
    root = tree.getroot()
    sec = root.find("body/sec")
    assert [e.tag for e in sec][:5] == ["title", "list", "p", "list", "disp-quote"]
    assert sec.findall("list")[0].get("list-type") == "bullet" and sec.findall("list")[1].get("list-type") == "order"
    assert [text(p) for p in sec.findall("disp-quote/p")] == ["引文第一段", "引文第二段"]
    assert sec.find(".//list-item/p/xref").get("rid") == "fn2"
    assert sec.find("p/xref[@ref-type='table']").get("rid") == "table-1"
    wrap = sec.find("table-wrap")
    assert wrap.get("id") == "table-1" and text(wrap.find("caption/title")).startswith("表1")
    assert wrap.find("table/thead/tr/th[2]").get("colspan") == "2"
    assert wrap.find("table/tbody/tr/td[2]").get("rowspan") == "2"
    assert wrap.find("table/tbody/tr/td[2]/break") is not None
    fig = sec.find("fig")
    assert fig.get("id") == "figure-1"
    assert fig.findtext("caption/title") == "图1　2015—2025年中巴贸易额"
    assert text(fig.find("caption/p")) == "资料来源：作者制作。"
    assert fig.find("graphic").get(HREF) == "https://j.example.org/2026/02/wu/wu-figure-1.png"
    translator = root.find(".//contrib[@contrib-type='translator']")
    assert translator is not None and translator.findtext(".//name[@name-style='eastern']/surname") == "李"
    notes = [(fn.findtext("label"), text(fn.find("p"))) for fn in root.findall("back/fn-group/fn")]
    assert notes == [("1", "注一，见 Foreign Affairs。"), ("2", "注二。")]
    assert root.find("back/fn-group/fn/p/italic").text == "Foreign Affairs"


HOSTILE = "A <b>&amp; title]]> with \x01control\x0b chars & \"quotes\" 'apos' \ufffe end"


def test_the_dtd_and_the_xsd_refuse_what_jats_forbids(jats_dtd, jats_xsd):
    """The validators have teeth: a section inside a paragraph fails both; a footnote reference
    to no footnote fails the DTD (libxml2's XSD validation does not resolve IDREFs, which is
    why the files are checked against both)."""
    article = Article.from_meta("2026/02/wu.md", META)
    good = parse(jats.article_xml(article, render(BLOCKS), {}))
    assert jats_dtd.validate(good) and jats_xsd.validate(good)
    bad = parse(jats.article_xml(article, render(BLOCKS), {}))
    bad.getroot().find("body/p").append(etree.Element("sec"))
    assert not jats_dtd.validate(bad)
    assert not jats_xsd.validate(bad)
    dangling = parse(jats.article_xml(article, render(BLOCKS), {}))
    dangling.getroot().find(".//xref[@ref-type='fn']").set("rid", "fn99")
    assert not jats_dtd.validate(dangling)


def test_hostile_values_come_out_escaped_and_valid(jats_dtd):
    meta = dict(META, title=HOSTILE, title_en=HOSTILE, abstract=HOSTILE, keywords=[HOSTILE],
                authors=[{"name": '吴"心&伯<', "name_en": 'WU "Xin&bo"', "bio": "<script>&研究员"}])
    article = Article.from_meta("2026/02/wu.md", meta)
    body = render("## 一、<x> & ]]> {#sec-1}\n\n正文 &lt;b&gt; ]]&gt; \"引号\"。[^1]\n\n[^1]: 注 <https://example.org/?a=1&b=2>\n")
    data = jats.article_xml(article, body, {"url": 'https://j.example.org/"x"/', "copyright": HOSTILE})
    tree = parse(data)  # parses: every value was escaped
    assert jats_dtd.validate(tree), jats_dtd.error_log.filter_from_errors()[:3]
    root = tree.getroot()
    expected = "A <b>&amp; title]]> with control chars & \"quotes\" 'apos' end"
    assert root.findtext(".//article-title") == expected
    assert root.findtext(".//trans-title-group/trans-title") == expected
    assert root.findtext(".//kwd") == expected
    assert b"<b>" not in data and b"\x01" not in data
    names = ["".join(n.itertext()) for n in root.iter("surname", "given-names", "string-name")]
    assert any('"' in n for n in names)
    assert root.find(".//aff/institution").text == "<script>&"
    assert root.find(".//ext-link").get(HREF) == "https://example.org/?a=1&b=2"


@pytest.mark.parametrize("bio, expected", [
    ("复旦大学美国研究中心主任、教授", "复旦大学美国研究中心"),
    ("中国国际问题研究院亚太研究所副所长、副研究员", "中国国际问题研究院亚太研究所"),
    ("南开大学法学院博士研究生", "南开大学法学院"),
    ("四川大学巴基斯坦研究中心研究助理", "四川大学巴基斯坦研究中心"),
    ("四川大学中国南亚研究中心副研究员、四川大学巴基斯坦研究中心主任", "四川大学中国南亚研究中心"),
    ("中国社会科学院研究生院教授", "中国社会科学院研究生院"),
    ("美国乔治城大学", "美国乔治城大学"),
    ("教授", ""),
    ("", ""),
])
def test_the_affiliation_is_the_bio_up_to_the_first_title(bio, expected):
    assert affiliation(bio) == expected


@pytest.mark.parametrize("name, name_en, chinese, latin", [
    ("吴心伯", "WU Xinbo", ("吴", "心伯"), ("Wu", "Xinbo")),
    ("欧阳修", "OUYANG Xiu", ("欧阳", "修"), ("Ouyang", "Xiu")),
    ("穆罕默德·阿西夫", "Muhammad ASIF", None, ("Asif", "Muhammad")),
])
def test_names_split_into_surname_and_given_names(name, name_en, chinese, latin):
    person = Author(name, name_en)
    split = names.chinese(person)
    assert (None if split is None else (split.surname, split.given)) == chinese
    assert (names.latin(person).surname, names.latin(person).given) == latin


def test_every_article_page_links_its_jats_file(exported):
    """A download link (typed application/jats+xml) to a file that exists; no <link
    rel=alternate> in the head, which Material's bundle would take for another language
    (overrides/main.html)."""
    for docs, site in built_sites(exported):
        for src_uri, _ in articles(docs):
            page = site / src_uri[:-3] / "index.html"
            tree = lxml.html.parse(str(page))
            assert not tree.xpath("//head/link[@rel='alternate'][@type='application/jats+xml']"), page
            body = tree.xpath("//p[@class='cite-downloads']/a[@type='application/jats+xml']/@href")
            assert len(body) == 1, page
            assert (page.parent / body[0]).resolve().is_file()

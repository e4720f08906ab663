"""The citation styles of journal.citations (the cite box's strings), the registry, and the
names and pinyin they are made of. Checked against citeproc-py in test_csl.py; the files
(RIS, BibTeX, CSL-JSON) read back in test_files.py."""

import json

import pytest
from markupsafe import Markup

from journal import citations, model
from journal.citations import pinyin, styles
from journal.citations.text import Where
from journal.model import Article, Author

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


# --- GB/T 7714 ---------------------------------------------------------------------------------

def test_gbt7714_print_and_online_forms():
    assert citations.gbt7714(art()) == "张超哲, 吴凡. 中巴命运共同体：核心特征、价值意义与深化路径[J]. 国际问题研究, 2026(2): 12-34."
    online = styles.gbt7714_online(art(), Where(URL, "2026-12-01"))
    assert online.plain == ("张超哲, 吴凡. 中巴命运共同体：核心特征、价值意义与深化路径[J/OL]. 国际问题研究, 2026(2): 12-34[2026-12-01]. "
                            + URL + ".")
    html = str(styles.gbt7714_online(art(title="<b>x</b>"), Where(URL)).html)
    assert '<span class="cite-accessed">引用日期</span>' in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_gbt7714_lists_three_authors_then_et_al():
    article = art(authors=[{"name": n, "name_en": "WANG Yi"} for n in ("甲", "乙", "丙", "丁")])
    assert citations.gbt7714(article).startswith("甲, 乙, 丙, 等. ")


def test_gbt7714_keeps_the_title_s_chinese_punctuation_and_no_space_before_its_ascii_commas():
    text = citations.gbt7714(art())
    assert "：" in text and "、" in text
    assert " ," not in text and " ." not in text


# --- APA, Chicago, MLA: pinyin, brackets, italics only on Latin text -------------------------------

@pytest.mark.parametrize("title, expected", [
    ("中巴命运共同体：核心特征、价值意义与深化路径", "Zhongba mingyun gongtongti: Hexin tezheng, jiazhi yiyi yu shenhua lujing"),
    ("特朗普重返白宫与中美竞争的新阶段", "Telangpu chongfan Baigong yu Zhongmei jingzheng de xin jieduan"),  # 重 read chong
    ("西安的“一带一路”倡议", "Xi'an de “yidai yilu” changyi"),  # apostrophe before a syllable in a/o/e
    ("2025年美国对外政策调整", "2025 nian Meiguo duiwai zhengce tiaozheng"),
])
def test_titles_in_pinyin_sentence_case(title, expected):
    assert pinyin.sentence(title) == expected


def test_journal_name_in_pinyin_every_word_capitalised():
    assert pinyin.headline("国际问题研究") == "Guoji Wenti Yanjiu"


@pytest.mark.parametrize("key", ["apa", "chicago-author-date", "chicago-note", "chicago-bibliography", "mla"])
def test_latin_styles_romanise_everything_and_italicise_only_the_pinyin_journal(key):
    text = citations.style(key).text(art(), Where(URL))
    assert not any("\u3400" <= c <= "\u9fff" for c in text.plain), text.plain  # no Chinese left
    assert [t for kind, t in text.parts if kind == "i"] == ["Guoji Wenti Yanjiu"]
    assert "<i>Guoji Wenti Yanjiu</i>" in str(text.html)
    assert "[The China-Pakistan" in text.plain and "Zhongba mingyun gongtongti" in text.plain
    assert text.plain.count(URL) == 1


def test_apa_translated_title_in_sentence_case():
    text = citations.style("apa").text(art(), Where(URL)).plain
    assert text.startswith("Zhang, C., & Wu, F. (2026). Zhongba mingyun gongtongti: ")
    assert "[The China-Pakistan community with a shared future: Core features, strategic significance, and future pathways]. " in text
    assert text.endswith("Guoji Wenti Yanjiu, (2), 12–34. " + URL)


def test_every_style_escapes_its_values_in_html():
    article = art(title="A & <B>", title_en="<script>x</script>")
    for style, text in citations.cite_box(article, Where(URL)):
        html = text.html
        assert isinstance(html, Markup)
        assert "<script>" not in html and "<B>" not in html, style.key


@pytest.mark.parametrize("count, chicago, mla", [
    (2, "Zhang Chaozhe and Wu Fan.", "Zhang Chaozhe and Wu Fan."),  # (Chinese names: never inverted)
    (3, "Zhang Chaozhe, Wu Fan, and Wang Yi.", "Zhang Chaozhe, et al."),
])
def test_name_lists_of_chicago_and_mla(count, chicago, mla):
    people = [{"name": "张超哲", "name_en": "ZHANG Chaozhe"}, {"name": "吴凡", "name_en": "WU Fan"},
              {"name": "王毅", "name_en": "WANG Yi"}][:count]
    article = art(authors=people)
    assert styles.chicago_author_date(article, Where()).plain.startswith(chicago + " 2026.")
    assert styles.mla(article, Where()).plain.startswith(mla + " “")


@pytest.mark.parametrize("title, context, expected", [
    ("Trump's Return to Power and a New Stage in China-US Competition", "", "Trump's return to power and a new stage in China-US competition"),
    ("The Adjustments of US Foreign Policy", "", "The adjustments of US foreign policy"),
    ("Innovation of Dialogue between China and Southeast Asian Countries: Major Characteristics",
     "Relations between China and Southeast Asian countries grew.",
     "Innovation of dialogue between China and Southeast Asian countries: Major characteristics"),
])
def test_sentence_case_keeps_proper_nouns(title, context, expected):
    assert styles.sentence_case(title, context) == expected


# --- the registry --------------------------------------------------------------------------------

def test_registry_keys_are_unique_and_usable_as_ids():
    keys = [s.key for s in citations.STYLES] + [f.key for f in citations.FILES]
    assert len(keys) == len(set(keys))
    assert all(k.replace("-", "").isalnum() and k.isascii() for k in keys)
    assert len({f.suffix for f in citations.FILES}) == len(citations.FILES)


def test_online_forms_only_with_an_address():
    with_url = [s.key for s, _ in citations.cite_box(art(), Where(URL))]
    without = [s.key for s, _ in citations.cite_box(art(), Where())]
    assert with_url == [s.key for s in citations.STYLES]
    assert without == [s.key for s in citations.STYLES if not s.online]


def test_file_paths_sit_beside_the_page_and_in_the_issue_folder():
    paths = {f.key: (f.article_path(art()), f.issue_path("2026/02")) for f in citations.FILES}
    assert paths["ris"] == ("2026/02/zhang-chaozhe.ris", "2026/02/issue.ris")
    assert paths["bibtex"] == ("2026/02/zhang-chaozhe.bib", "2026/02/issue.bib")


# --- Highwire and JSON-LD -----------------------------------------------------------------

def test_one_language_code_per_format():
    assert ("citation_language", "zh-CN") in citations.highwire(art(), URL)
    assert json.loads(citations.json_ld(art(), URL))["inLanguage"] == "zh-CN"
    assert "LA  - zh-CN" in citations.file_format("ris").article_file(art(), Where(URL))
    assert "language = {chinese}" in citations.file_format("bibtex").article_file(art(), Where(URL))
    assert json.loads(citations.file_format("csl-json").article_file(art(), Where(URL)))[0]["language"] == "zh-CN"


def test_highwire_tags_split_names_and_link_the_pdf():
    tags = citations.highwire(art(), URL, URL[:-1] + ".pdf")
    assert [v for k, v in tags if k == "citation_author"] == ["张, 超哲", "吴, 凡"]
    assert ("citation_firstpage", "12") in tags and ("citation_lastpage", "34") in tags
    assert ("citation_pdf_url", "https://x.test/2026/02/zhang-chaozhe.pdf") in tags
    assert not [k for k, v in citations.highwire(art(), "") if k.endswith("_url")]


def test_json_ld_cannot_close_its_script_element():
    text = citations.json_ld(art(), "")
    assert "</script>" not in text and "<" not in text
    data = json.loads(text)
    assert data["abstract"][0]["@value"] == META["abstract"]
    assert [(a["familyName"], a["givenName"], a["alternateName"]) for a in data["author"]] == [
        ("张", "超哲", "ZHANG Chaozhe"), ("吴", "凡", "WU Fan")]


@pytest.mark.parametrize("key", ["apa", "chicago-author-date", "chicago-note", "chicago-bibliography", "mla"])
def test_a_book_s_title_within_the_title_is_in_italics(key):
    """A review's title (评《大陆与海洋》): the book's title set in italics, its first word
    capitalised, no mark of 《》 left."""
    text = citations.style(key).text(art(title="欧亚大陆的秩序变迁", subtitle="评《大陆与海洋》"), Where(URL))
    assert [t for kind, t in text.parts if kind == "i"] == ["Dalu yu Haiyang", "Guoji Wenti Yanjiu"]
    assert "Ping <i>Dalu yu Haiyang</i>" in str(text.html)
    assert not {"\x0e", "\x0f", "《", "》"} & set(text.plain)


def test_a_hostile_affiliation_stays_data_in_highwire_and_json_ld():
    """The institution a bio names is printed into <meta content> (escaped by main.html) and
    into JSON-LD (which must not close its script element)."""
    hostile = '</script><script>alert(1)</script>&"大学国际关系学院教授'
    article = art(authors=[{"name": "张超哲", "name_en": "ZHANG Chaozhe", "bio": hostile}])
    institution = article.authors[0].affiliation
    assert institution and "</script>" in institution
    assert ("citation_author_institution", institution) in citations.highwire(article, URL)
    text = citations.json_ld(article, URL)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["author"][0]["affiliation"]["name"] == institution

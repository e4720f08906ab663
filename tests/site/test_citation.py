"""Citation formats from front matter (build_tools/citation.py)."""

import json

from journal.site import citation

META = {
    "title": "中巴命运共同体：核心特征、价值意义与深化路径",
    "title_en": "The China-Pakistan Community with a Shared Future",
    "authors": [
        {"name": "张超哲", "name_en": "ZHANG Chaozhe", "bio": "四川大学"},
        {"name": "吴凡", "name_en": "WU Fan", "bio": "四川大学"},
    ],
    "abstract": "提要</script><b>",
    "abstract_en": "Abstract.",
    "keywords": ["中巴命运共同体", "周边外交"],
    "first_page": 12,
    "last_page": 34,
    "issue": {"journal": "国际问题研究", "issn": "0452-8832", "year": 2026, "number": 2, "total": 232, "published": "2026-03-15"},
}


def test_gbt7714_journal_article():
    assert citation.gbt7714(META) == "张超哲, 吴凡. 中巴命运共同体：核心特征、价值意义与深化路径[J]. 国际问题研究, 2026(2): 12-34."


def test_apa_names_and_translated_title():
    assert citation.apa_name("ZHANG Chaozhe") == "Zhang, C."
    assert citation.apa_name("WANG Yi") == "Wang, Y."
    text = citation.apa(META)
    assert text.startswith("Zhang, C., & Wu, F. (2026). 中巴命运共同体")
    assert "[The China-Pakistan Community with a Shared Future]" in text
    assert text.endswith("国际问题研究, (2), 12–34.")


def test_ris_has_one_author_line_each_and_ends_the_record():
    ris = citation.ris(META, "https://x.test/a/")
    lines = ris.split("\r\n")
    assert lines[0] == "TY  - JOUR"
    assert [l for l in lines if l.startswith("AU  - ")] == ["AU  - 张超哲", "AU  - 吴凡"]
    assert "SP  - 12" in lines and "EP  - 34" in lines and "SN  - 0452-8832" in lines
    assert lines[-2] == "ER  - "


def test_bibtex_escapes_braces_and_joins_authors():
    meta = dict(META, title="A {braced} title")
    bib = citation.bibtex(meta, "zhang-chaozhe", "https://x.test/")
    assert bib.startswith("@article{zhangchaozhe2026,")
    assert "author = {张超哲 and 吴凡}" in bib
    assert "title = {A \\{braced\\} title}" in bib
    assert "pages = {12--34}" in bib


def test_json_ld_cannot_close_its_script_element():
    text = citation.json_ld(META, "")
    assert "</script>" not in text and "<" not in text
    assert json.loads(text)["abstract"][0]["@value"] == META["abstract"]


def test_highwire_tags_one_author_each():
    tags = citation.highwire(META, "")
    assert [v for k, v in tags if k == "citation_author"] == ["张超哲", "吴凡"]
    assert ("citation_firstpage", "12") in tags and ("citation_lastpage", "34") in tags

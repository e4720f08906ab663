"""The reference files of the registry (journal.citations.FILES), of one article and of a whole
issue, read back by the parsers reference managers use: rispy (RIS), bibtexparser (BibTeX),
json and citeproc-py's CSL-JSON reader (CSL-JSON)."""

import json
import re
import subprocess

import bibtexparser
import rispy
from bibtexparser import middlewares
from citeproc.source.json import CiteProcJSON

from journal import citations
from journal.citations import Where
from journal.model import Article
from tests.citations.test_styles import META, URL

RIS, BIB, CSL = (citations.file_format(k) for k in ("ris", "bibtex", "csl-json"))


def art(slug="zhang-chaozhe", **changes):
    return Article.from_meta(f"2026/02/{slug}.md", {**META, **changes})


def issue():
    """Three articles of one issue, one with a hostile title, one with a translator."""
    return [
        (art(), Where(URL, updated="2026-12-01")),
        (art("wu-fan", title="标题} , url = {https://evil.example/}}\n@misc{x,\nER  - \nTY  - JOUR", first_page=35, last_page=48),
         Where("https://x.test/2026/02/wu-fan/")),
        (art("li-ming", first_page=49, last_page=60, translators=[{"name": "刘洋", "name_en": "LIU Yang"}]),
         Where("https://x.test/2026/02/li-ming/")),
    ]


def test_ris_reads_back_with_rispy():
    text = RIS.article_file(art(), Where(URL, updated="2026-12-01"))
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


def test_bibtex_reads_back_with_bibtexparser_names_whole():
    text = BIB.article_file(art(title="A {braced} title"), Where(URL))
    library = bibtexparser.parse_string(text, append_middleware=[
        middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()])
    assert not library.failed_blocks
    [entry] = library.entries
    assert entry.entry_type == "article" and entry.key == "zhangchaozhe2026"
    fields = {f.key: f.value for f in entry.fields}
    # Braces as text commands in braces, which BibTeX's brace count cannot take for the field's end.
    assert fields["title"] == "A {\\textbraceleft}braced{\\textbraceright} title"
    assert fields["titleaddon"] == f"[{META['title_en']}]"
    # A Chinese name is one unit: no style reads 超哲 as given names to initialise.
    assert [(n.last, n.first) for n in fields["author"]] == [(["{张超哲}"], []), (["{吴凡}"], [])]
    assert fields["date"] == "2026-03-15" and fields["year"] == "2026" and fields["number"] == "2"
    assert fields["pages"] == "12--34" and fields["language"] == "chinese" and fields["url"] == URL


def test_a_latin_name_keeps_family_and_given_in_bibtex():
    text = BIB.article_file(art(authors=[{"name": "John Smith", "name_en": "John SMITH"}]), Where(URL))
    [entry] = bibtexparser.parse_string(text, append_middleware=[
        middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()]).entries
    assert [(n.last, n.first) for n in entry.fields_dict["author"].value] == [(["Smith"], ["John"])]


def test_csl_json_reads_back_with_citeproc():
    text = CSL.article_file(art(), Where(URL, updated="2026-12-01"))
    [item] = json.loads(text)
    assert item["author"] == [{"family": "张", "given": "超哲"}, {"family": "吴", "given": "凡"}]
    assert item["multi"]["_keys"]["title"]["en"] == META["title_en"]
    assert (item["issue"], item["page"], item["URL"]) == ("2", "12-34", URL)
    source = CiteProcJSON(json.loads(text))
    assert str(source["zhangchaozhe2026"]["title"]) == META["title"]


def test_a_whole_issue_in_one_file_per_format():
    cited = issue()
    ris_records = rispy.loads(RIS.issue_file(cited))
    assert [r["start_page"] for r in ris_records] == ["12", "35", "49"]
    assert ris_records[1]["urls"] == ["https://x.test/2026/02/wu-fan/"]  # the forged record stayed a title
    assert ris_records[2]["authors"] == ["张, 超哲", "吴, 凡"]

    library = bibtexparser.parse_string(BIB.issue_file(cited))
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == ["zhangchaozhe2026", "wufan2026", "liming2026"]
    assert library.entries[1].fields_dict["url"].value == "https://x.test/2026/02/wu-fan/"
    assert library.entries[2].fields_dict["translator"].value == "{刘洋}"

    items = json.loads(CSL.issue_file(cited))
    assert [i["id"] for i in items] == ["zhangchaozhe2026", "wufan2026", "liming2026"]
    assert items[1]["title"] == cited[1][0].title
    assert len(CiteProcJSON(items)) == 3


def test_each_article_file_is_the_issue_file_s_record():
    for fmt in citations.FILES:
        for article, where in issue():
            assert fmt.article_file(article, where) == fmt.collection([fmt.record(article, where)])


def test_biber_reads_the_issue_file_names_whole(tmp_path):
    """biber (Debian's, as in test_bibtex.py) reads one entry per article and each Chinese name
    as one name, braced (no given name to initialise)."""
    (tmp_path / "refs.bib").write_text(BIB.issue_file(issue()), encoding="utf-8")
    run = subprocess.run(["biber", "--tool", "--quiet", "--output-fieldcase=lower", "--output-file=out.bib", "refs.bib"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and "ERROR" not in run.stdout + run.stderr and "WARN" not in run.stdout + run.stderr, run.stdout
    out = (tmp_path / "out.bib").read_text(encoding="utf-8")
    assert re.findall(r"^@article\{(\w+),", out, re.M) == ["zhangchaozhe2026", "wufan2026", "liming2026"]
    assert out.count("  author = {{张超哲} and {吴凡}},\n") == 3 and "  translator = {{刘洋}},\n" in out

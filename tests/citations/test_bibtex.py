"""journal.citations.bibtex, read back by three parsers: bibtexparser (Python), and where Debian's
packages are installed (.ci/install-debian-packages), BibTeX itself and biber."""

import os
import re
import subprocess

import bibtexparser
import pytest
from bibtexparser import middlewares

from journal.citations import bibtex
from journal.model import Article
from journal.citations import Where
from tests.citations.test_styles import META, URL

SRC_URI = "2026/02/zhang-chaozhe.md"

# What TeX prints for each text command and escape (LaTeX's own definitions; biber's
# recode_data.xml maps the text commands to these characters too).
TEX_PRINTS = {r"\textbackslash": "\\", r"\textbraceleft": "{", r"\textbraceright": "}", r"\textasciicircum": "^",
              r"\textasciitilde": "~", r"\&": "&", r"\#": "#", r"\%": "%", r"\$": "$", r"\_": "_"}
GROUP = re.compile(r"\{(\\[A-Za-z]+|\\[&#%$_])\}")


def printed(value):
    """What TeX prints for a field's text written by journal.citations.bibtex."""
    return GROUP.sub(lambda m: TEX_PRINTS[m[1]], value)


def words(value):
    return [word for word in re.split(r"[\x00-\x20\x7f-\x9f\u2028\u2029]+", value) if word]


def one_entry(text):
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    assert len(library.blocks) == 1, library.blocks
    [entry] = library.entries
    return entry.entry_type, entry.key, {field.key: field.value for field in entry.fields}


def test_bibtexparser_reads_one_entry_and_the_value_back(hostile):
    text = bibtex.entry("article", "k2026", [("title", hostile), ("url", URL)])
    kind, key, fields = one_entry(text)
    assert (kind, key, sorted(fields)) == ("article", "k2026", ["title", "url"])
    assert words(printed(fields["title"])) == words(hostile) and fields["url"] == URL
    assert bibtex.balanced(fields["title"])
    assert "^^" not in fields["title"]  # TeX's ^^5c would be a backslash


@pytest.mark.parametrize("field", ["title", "title_en", "abstract", "author", "keyword"])
def test_an_article_with_a_hostile_field_exports_one_entry(field, hostile):
    """Finding 7 (issue 19): a '}' ended the field and opened a forged entry; a trailing '\\'
    lost the entry; ^^5c, &, #, % went in raw."""
    meta = dict(META, authors=[dict(a) for a in META["authors"]], keywords=list(META["keywords"]))
    if field == "author":
        meta["authors"][0]["name"] = "张" + hostile
    elif field == "keyword":
        meta["keywords"][0] += hostile
    else:
        meta[field] += hostile
    text = bibtex.article_entry(Article.from_meta(SRC_URI, meta), Where(URL, updated="2026-12-01"))
    kind, key, fields = one_entry(text)
    assert (kind, key, fields["url"]) == ("article", "zhangchaozhe2026", URL)
    assert all(bibtex.balanced(value) for value in fields.values())
    for special in "&#%$_^~":
        assert not re.search(rf"(?<!\\){re.escape(special)}", GROUP.sub("", text)), special


def test_names_keep_their_and_and_commas():
    library = bibtexparser.parse_string(
        bibtex.entry("article", "k", [("author", bibtex.Raw(bibtex.names([("Smith and Jones", "A, B"), ("张", "超哲")])))]),
        append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()])
    [entry] = library.entries
    names = entry.fields_dict["author"].value
    assert [(n.last, n.first) for n in names] == [(["Smith", "{and}", "Jones"], ["A{,}", "B"]), (["张"], ["超哲"])]


@pytest.mark.parametrize("key, expected", [("zhang-chaozhe2026", "zhang-chaozhe2026"), ("a,b}c @d%", "abcd"), ("}{", "entry")])
def test_keys_hold_only_key_characters(key, expected):
    assert bibtex.key(key) == expected


@pytest.mark.parametrize("value", ["a}b{", "{a", "a\\"])
def test_unbalanced_values_are_refused(value):
    assert not bibtex.balanced(value)
    with pytest.raises(ValueError):
        bibtex.entry("misc", "k", [("author", bibtex.Raw(value))])


# --- Debian's BibTeX and biber --------------------------------------------------------------

# A style that writes each entry's key, its title as BibTeX read it, and its number of names.
DUMP_BST = """ENTRY { title author url } {} {}
FUNCTION {article} { "=KEY= " cite$ * write$ newline$ "=TITLE= " title * write$ newline$
  "=URL= " url * write$ newline$ "=NAMES= " author num.names$ int.to.str$ * write$ newline$ }
FUNCTION {default.type} { article }
READ
ITERATE {call.type$}
"""


def hostile_article(hostile):
    meta = dict(META, title=META["title"] + hostile, authors=[dict(META["authors"][0], name="张" + hostile), META["authors"][1]])
    return meta, bibtex.article_entry(Article.from_meta(SRC_URI, meta), Where(URL))


def test_bibtex_reads_one_entry_and_the_title_as_written(hostile, tmp_path):
    meta, text = hostile_article(hostile)
    (tmp_path / "refs.bib").write_text(text, encoding="utf-8")
    (tmp_path / "dump.bst").write_text(DUMP_BST, encoding="utf-8")
    (tmp_path / "paper.aux").write_text("\\citation{*}\n\\bibstyle{dump}\n\\bibdata{refs}\n", encoding="utf-8")
    # kpathsea finds the style and the data in the working folder (no TeX Live tree needed).
    env = dict(os.environ, BSTINPUTS=".", BIBINPUTS=".")
    run = subprocess.run(["bibtex", "-terse", "paper"], cwd=tmp_path, capture_output=True, text=True, timeout=60, env=env)
    log = (tmp_path / "paper.blg").read_text(encoding="utf-8", errors="replace")
    assert run.returncode == 0 and "Warning" not in log and "error" not in log.lower(), log
    # BibTeX wraps its output lines and reads runs of spaces as one: compared word by word.
    out = " ".join((tmp_path / "paper.bbl").read_text(encoding="utf-8").split())
    written = " ".join(bibtex.text(meta["title"]).split())
    assert out == f"=KEY= zhangchaozhe2026 =TITLE= {written} =URL= {URL} =NAMES= 2"
    assert words(printed(bibtex.text(meta["title"]))) == words(meta["title"])


def test_biber_reads_one_entry_and_the_title_as_written(hostile, tmp_path):
    meta, text = hostile_article(hostile)
    (tmp_path / "refs.bib").write_text(text, encoding="utf-8")
    run = subprocess.run(["biber", "--tool", "--quiet", "--output-fieldcase=lower", "--output-file=out.bib", "refs.bib"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and "ERROR" not in run.stdout + run.stderr and "WARN" not in run.stdout + run.stderr, run.stdout
    out = (tmp_path / "out.bib").read_text(encoding="utf-8")
    assert len(re.findall(r"^@", out, re.M)) == 1 and out.startswith("@article{zhangchaozhe2026,")
    assert f"  title = {{{bibtex.text(meta['title'])}}},\n" in out
    assert f"  url = {{{URL}}},\n" in out

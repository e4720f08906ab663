"""journal.citations.ris, read back by rispy (the RIS parser of Python reference tools)."""

import re

import pytest
import rispy

from journal.citations import ris
from journal.model import Article
from journal.citations import Where
from tests.citations.test_styles import META, URL

SRC_URI = "2026/02/zhang-chaozhe.md"


def test_a_hostile_value_stays_one_field_of_one_record(hostile):
    text = ris.record([("TY", "JOUR"), ("TI", hostile), ("AU", "张, 超哲"), ("UR", URL)])
    [record] = rispy.loads(text)
    # The value, its line ends and controls read as spaces (runs of spaces aside).
    words = [word for word in re.split(r"[\x00-\x20\x7f-\x9f\u2028\u2029]+", hostile) if word]
    assert [word for word in record["title"].split(" ") if word] == words
    assert record["authors"] == ["张, 超哲"] and record["urls"] == [URL]
    # Every line is one of ours: a tag, two spaces, a hyphen.
    assert [line[:6] for line in text.split("\r\n")[:-1]] == ["TY  - ", "TI  - ", "AU  - ", "UR  - ", "ER  - "]
    assert text.splitlines() == text.split("\r\n")[:-1]  # no other line end anywhere


@pytest.mark.parametrize("field", ["title", "title_en", "abstract", "author", "keyword"])
def test_an_article_with_a_forged_record_in_any_field_exports_one_record(field):
    """Finding 2 (issue 19): 'ER  -' lines in a title, a name or the abstract made three records."""
    forged = "x\nUR  - https://evil.example/\nER  - \nTY  - JOUR\nTI  - 伪造\nUR  - https://evil.example/\n"
    meta = dict(META, authors=[dict(a) for a in META["authors"]], keywords=list(META["keywords"]))
    if field == "author":
        meta["authors"][0]["name"] += forged
    elif field == "keyword":
        meta["keywords"][0] += forged
    else:
        meta[field] += forged
    records = rispy.loads(ris.article_record(Article.from_meta(SRC_URI, meta), Where(URL, updated="2026-12-01")))
    assert len(records) == 1
    assert records[0]["urls"] == [URL] and len(records[0]["authors"]) == 2


@pytest.mark.parametrize("tag", ["ER", "ty", "T", "TY"])
def test_the_record_start_and_end_are_not_fields(tag):
    with pytest.raises(ValueError):
        ris.record([("TY", "JOUR"), (tag, "x")])
    with pytest.raises(ValueError):
        ris.record([("TI", "x")])


def test_plain_values_are_kept():
    assert ris.field("  中巴命运共同体：核心特征  ") == "中巴命运共同体：核心特征"
    assert ris.field("a\n\n  b") == "a b"


def test_the_pdf_is_the_records_file_attachment():
    """L1: the article PDF's absolute URL, when the site makes PDFs (Where.pdf), none otherwise."""
    article = Article.from_meta(SRC_URI, META)
    pdf = "https://x.test/2026/02/zhang-chaozhe.pdf"
    [record] = rispy.loads(ris.article_record(article, Where(URL, pdf=pdf)))
    assert record["file_attachments1"] == pdf and record["urls"] == [URL]
    [record] = rispy.loads(ris.article_record(article, Where(URL)))
    assert "file_attachments1" not in record

"""journal.schema: the front-matter schema kept as data, its messages and its documentation."""

import re
import subprocess
import sys

import pytest

import yaml

from journal import schema
from journal.checks import body
from journal.schema import allow_list
from journal.checks import characters
from tests.checks.helpers import ROOT

CONTRIBUTING = ROOT / "CONTRIBUTING.md"


def test_the_schema_is_valid_json_schema_2020_12():
    assert schema.SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    schema.Validator.check_schema(schema.SCHEMA)


def walk(node, path=""):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{path}/{index}")


def test_every_field_is_described_and_every_mapping_closed():
    for path, node in walk(schema.DEFS):
        if path.split("/")[-2:-1] == ["properties"]:
            assert node.get("description"), f"{path} has no description"
        if node.get("type") == "object":
            assert node.get("additionalProperties") is False, f"{path} allows unknown keys"
    assert all(schema.DEFS[kind].get("title") for kind in schema.KINDS)


def test_every_text_is_bounded():
    for kind in schema.KINDS:
        for path, node in walk(schema.inlined(schema.DEFS[kind])):
            if node.get("type") == "string" and "format" not in node and "examples" not in node and "enum" not in node:
                assert 0 < node.get("maxLength", 0) <= 6000, f"{kind}{path} has no sensible maxLength"


def test_contributing_shows_the_schema():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    start, end = text.index(schema.TABLE_START) + len(schema.TABLE_START), text.index(schema.TABLE_END)
    assert text[start:end] == "\n\n" + schema.markdown_table() + "\n", \
        "CONTRIBUTING.md's front-matter tables differ from the schema: run `python -m journal.schema --write CONTRIBUTING.md`"


def test_the_tables_are_regenerated_in_place(tmp_path):
    stale = CONTRIBUTING.read_text(encoding="utf-8").replace("| `title` |", "| `titel` |")
    copy = tmp_path / "CONTRIBUTING.md"
    copy.write_text(stale, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "journal.schema", "--write", str(copy)], check=True)
    assert copy.read_text(encoding="utf-8") == CONTRIBUTING.read_text(encoding="utf-8")
    printed = subprocess.run([sys.executable, "-m", "journal.schema"], check=True, capture_output=True, text=True).stdout
    assert printed == schema.markdown_table() + "\n" + allow_list.markdown_table()


def test_the_body_tables_are_regenerated_in_place(tmp_path):
    stale = CONTRIBUTING.read_text(encoding="utf-8").replace("| <code>&lt;td&gt;</code> |", "| <code>&lt;td onclick&gt;</code> |")
    assert stale != CONTRIBUTING.read_text(encoding="utf-8")
    copy = tmp_path / "CONTRIBUTING.md"
    copy.write_text(stale, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "journal.schema", "--write", str(copy)], check=True)
    assert copy.read_text(encoding="utf-8") == CONTRIBUTING.read_text(encoding="utf-8")


def test_contributing_shows_the_body_allow_list():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    start, end = text.index(allow_list.TABLE_START) + len(allow_list.TABLE_START), text.index(allow_list.TABLE_END)
    assert text[start:end] == "\n\n" + allow_list.markdown_table() + "\n", \
        "CONTRIBUTING.md's body tables differ from body.allow-list.yaml: run `python -m journal.schema --write CONTRIBUTING.md`"


def test_the_check_takes_its_html_from_the_allow_list():
    """One list: what the check allows inline, in tables and in figures is the data file's."""
    data = yaml.safe_load(allow_list.ALLOW_LIST_FILE.read_text(encoding="utf-8"))
    inline = {tag for tag, spec in data["elements"].items() if spec["where"] == "inline"}
    assert set(body.ALLOWED_HTML) == inline
    assert set(body.BLOCK_TAGS) == set(data["elements"]) - inline
    assert {tag for tag in data["elements"] if data["elements"][tag]["where"] == "table"} == {
        "table", "caption", "thead", "tbody", "tr", "th", "td"}
    for tag, spec in data["elements"].items():
        assert spec.get("description"), tag
        for name, attribute in (spec.get("attributes") or {}).items():
            assert attribute.get("description") and re.compile(attribute["pattern"]), (tag, name)
    assert all(block.get("description") and block.get("form") for block in data["blocks"].values())
    # The bounds hold: a span of 50 is the most.
    td = allow_list.ALLOWED.elements["td"].attributes["colspan"]
    assert td.accepts("50") and not td.accepts("51") and not td.accepts("0") and not td.accepts("99999")


def test_text_refuses_only_what_the_check_refuses():
    """Every character the schema's text pattern refuses (but < > `) is one the check refuses
    by category (journal.checks.characters), in front matter and body alike."""
    text = re.compile(schema.DEFS["text"]["pattern"])
    for code in [*range(0x10000), *(plane * 0x10000 + low for plane in range(1, 17) for low in (0xFFFD, 0xFFFE, 0xFFFF))]:
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        in_text = bool(text.search(f"a{char}b"))
        if char in "<>`":
            assert not in_text
        else:
            assert in_text or characters.invisible(char), f"U+{code:04X}"


@pytest.mark.parametrize("value, accepted", [
    ("中美关系", True), ("R&D [sic] (2026) 3*4 a]b", True), ("x\ty\nz", True),
    ("", False), ("  ", False), ("a<b", False), ("a>b", False), ("`x`", False), ("[x](https://e)", False), ("x](y", False),
])
def test_text_pattern(value, accepted):
    assert bool(re.search(schema.DEFS["text"]["pattern"], value)) == accepted


@pytest.mark.parametrize("value, accepted", [
    ("中美关系", True), ("R&D [sic] (2026) 3*4 a]b", True), ("x\ty", True), ("穆罕默德·阿西夫", True), ("Ivan Petrov", True),
    ("x\ny", False), ("x\r", False), ("x\u2028y", False), ("x\x85", False), ("\ufdd0", False), ("a\ufffe", False), ("a\U0010FFFF", False),
    ("", False), ("a<b", False),
])
def test_line_pattern(value, accepted):
    """Every single-line field: no line break (a RIS record would split in two), no noncharacter."""
    assert bool(re.search(schema.DEFS["line"]["pattern"], value)) == accepted


def single_line_fields(node, path=()):
    node = schema.resolve(node)
    for key, field in node.get("properties", {}).items():
        spec = schema.resolve(field)
        if spec.get("type") == "string" and "pattern" in spec and "format" not in spec and "examples" not in spec:
            yield path + (key,), spec
        yield from single_line_fields(spec if spec.get("type") == "object" else spec.get("items", {}), path + (key,))
        if spec.get("type") == "array" and schema.resolve(spec["items"]).get("type") == "string":
            yield path + (key, 0), schema.resolve(spec["items"])


def test_only_the_abstracts_and_bios_hold_line_breaks():
    multi = set()
    for kind in schema.KINDS:
        for path, spec in single_line_fields(schema.DEFS[kind]):
            if re.search(spec["pattern"], "a\nb"):
                multi.add(path[-1])
    assert multi == {"abstract", "abstract_en", "bio"}


def test_messages_name_the_field_and_what_to_type():
    findings = schema.validate("issue", {"title": "x", "issue": {"journal": "j", "issn": 4528832, "year": 2026.0, "number": 0,
                                                                 "total": 1, "published": "2026-3-15"}, "extra": 1})
    assert [(f.path, f.message) for f in findings] == [
        (("extra",), "unknown field 'extra' (a typo? known fields: title, issue, frequency)"),
        (("issue", "issn"), "issue.issn must be text in quotes, like '0452-8832', got 4528832 (a number)"),
        (("issue", "year"), "issue.year must be a whole number, got 2026.0 (a number)"),
        (("issue", "number"), "issue.number must be at least 1, got 0"),
        (("issue", "published"), "issue.published must look like 2026-03-15, got '2026-3-15'"),
    ]


def test_field_schema_follows_references():
    assert schema.field_schema("article", ("authors", 0, "bio"))["maxLength"] == 500
    assert schema.field_schema("article", ("issue", "issn"))["examples"] == ["0452-8832"]
    assert schema.field_schema("home", ("nothing",)) == {}


def article(**changes):
    data = {"title": "标题", "title_en": "Title", "column": "栏目", "authors": [{"name": "张三", "name_en": "ZHANG San", "bio": "教授"}],
            "abstract": "提要。", "abstract_en": "Abstract.", "keywords": ["关键词"], "first_page": 1, "last_page": 2,
            "article_number": "0452 8832 (2026) 2 期 0001-02", "clc": "D8", "document_code": "A", "editor": "王五",
            "issue": {"journal": "国际问题研究", "issn": "0452-8832", "year": 2026, "number": 2, "total": 232, "published": "2026-03-15"}}
    for key, value in changes.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    return data


BOOK = {"title": "书名", "authors": ["约翰·史密斯"], "publisher": "某出版社", "year": 2025, "pages": 320}


@pytest.mark.parametrize("changes, expected", [
    ({}, []),
    ({"kind": "article"}, []),
    ({"kind": "review", "abstract": None, "abstract_en": None, "keywords": None, "reviewed_book": BOOK}, []),
    ({"kind": "note", "abstract": None, "abstract_en": None, "keywords": None}, []),
    ({"subtitle": "副标题", "translators": [{"name": "刘洋", "name_en": "LIU Yang", "bio": "某大学讲师"}],
      "authors": [{"name": "伊万·彼得罗夫", "name_en": "Ivan Petrov", "nationality": "俄", "bio": ""}]}, []),
    ({"authors": [{"name": "张三", "name_en": "ZHANG San", "bio": "某大学教授，\n某研究院研究员"}]}, []),
    ({"abstract": None}, [((), "missing required field 'abstract': an article (kind: article, or no kind) has both abstracts and its keywords; a review or a note may leave them out")]),
    ({"kind": "paper"}, [(("kind",), "kind must be one of article, review, note, got 'paper'")]),
    ({"reviewed_book": BOOK}, [(("reviewed_book",), "reviewed_book: only a book review has a reviewed book: write kind: review, or remove reviewed_book")]),
    ({"title": "标题\nER  - "}, [(("title",), "title must be " + schema.DEFS["line"]["title"] + "; at character 3: '\\nER  - '")]),
    ({"subtitle": "副\ufffe"}, [(("subtitle",), "subtitle must be " + schema.DEFS["line"]["title"] + "; at character 2: '\\ufffe'")]),
    ({"keywords": ["甲\n乙"]}, [(("keywords", 0), "keywords[0] must be " + schema.DEFS["line"]["title"] + "; at character 2: '\\n乙'")]),
    ({"authors": [{"name": "张三\n李四", "name_en": "ZHANG San", "bio": "教授"}]},
     [(("authors", 0, "name"), "authors[0].name must be " + schema.DEFS["line"]["title"] + "; at character 3: '\\n李四'")]),
    ({"authors": [{"name": "张三", "name_en": "ZHANG San", "bio": "教授"}] * 21}, [(("authors",), "authors must have at most 20 items, got 21")]),
])
def test_article_kinds_and_single_line_fields(changes, expected):
    assert [(f.path, f.message) for f in schema.validate("article", article(**changes))] == expected

"""journal.schema: the front-matter schema kept as data, its messages and its documentation."""

import re
import subprocess
import sys

import pytest

from journal import schema
from journal.checks import body
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
            if node.get("type") == "string" and "format" not in node and "examples" not in node:
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
    assert printed == schema.markdown_table()


def test_text_refuses_what_the_body_refuses():
    """The schema's text pattern and body.HIDDEN are two spellings of one list of characters."""
    text = re.compile(schema.DEFS["text"]["pattern"])
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        in_text = bool(text.search(f"a{char}b"))
        if char in "<>`":
            assert not in_text
        else:
            assert in_text == (not body.HIDDEN.search(char)), f"U+{code:04X}"


@pytest.mark.parametrize("value, accepted", [
    ("中美关系", True), ("R&D [sic] (2026) 3*4 a]b", True), ("x\ty\nz", True),
    ("", False), ("  ", False), ("a<b", False), ("a>b", False), ("`x`", False), ("[x](https://e)", False), ("x](y", False),
])
def test_text_pattern(value, accepted):
    assert bool(re.search(schema.DEFS["text"]["pattern"], value)) == accepted


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

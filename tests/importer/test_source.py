"""source.py: UTF-8 only (BOM and CRLF accepted), numbered lines, clear errors for anything else."""

import pytest

from journal.diagnostics import Diagnostic
from journal.importer import source
from journal.importer.source import decode_lines, read_source

CHINESE = "# 标题\n\n第一段，中文。\n第二行\n"


def texts(lines):
    return [line.text for line in lines]


def test_lines_are_numbered_from_one_in_order(tmp_path):
    path = tmp_path / "issue.md"
    path.write_text(CHINESE, encoding="utf-8")
    lines = read_source(path)
    assert [line.number for line in lines] == list(range(1, len(lines) + 1))
    assert lines[0].text == "# 标题"
    assert lines[2].text == "第一段，中文。"
    assert lines[3].text == "第二行"


def test_bom_and_crlf_give_the_same_lines_as_plain_utf8(tmp_path):
    plain = tmp_path / "plain.md"
    plain.write_bytes(CHINESE.encode("utf-8"))
    windows = tmp_path / "windows.md"
    windows.write_bytes(b"\xef\xbb\xbf" + CHINESE.replace("\n", "\r\n").encode("utf-8"))
    assert read_source(windows) == read_source(plain)
    assert not any("\r" in t or "\ufeff" in t for t in texts(read_source(windows)))


def test_old_mac_line_ends_are_lines_too():
    assert texts(decode_lines("甲\r乙\r\n丙".encode("utf-8"), "x.md")) == ["甲", "乙", "丙"]


def test_missing_file_is_a_source_error_naming_the_file(tmp_path):
    missing = tmp_path / "nope" / "issue.md"
    with pytest.raises(Diagnostic) as err:
        read_source(missing)
    assert str(missing) in str(err.value)
    assert "not found" in str(err.value)


def test_a_directory_is_not_a_source(tmp_path):
    with pytest.raises(Diagnostic) as err:
        read_source(tmp_path)
    assert str(tmp_path) in str(err.value)


def test_gbk_file_is_refused_with_its_line_and_the_expected_encoding(tmp_path):
    path = tmp_path / "issue.md"
    # Line 1 is ASCII (valid in both encodings): the error must point at line 3.
    path.write_bytes("# title\n\n国际问题研究\n".encode("gbk"))
    with pytest.raises(Diagnostic) as err:
        read_source(path)
    error = err.value
    assert error.line == 3
    assert str(error).startswith(f"{path}:3:")
    assert "UTF-8" in error.message
    assert "GBK" in error.message


def test_invalid_byte_column_is_reported():
    data = "ab国".encode("utf-8") + b"\n12\xff\n"
    with pytest.raises(Diagnostic) as err:
        decode_lines(data, "x.md")
    assert err.value.line == 2
    assert "0xff" in err.value.message
    assert "column 3" in err.value.message


# --- what a hostile or broken source may not carry ----------------------------------------

INVISIBLE = {
    "\x00": "NUL", "\x1b": "ESC", "\x07": "BEL", "\x7f": "DEL", "\x85": "C1 NEL", "\x9b": "C1 CSI",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE", "\u202a": "LEFT-TO-RIGHT EMBEDDING", "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE", "\u200f": "RIGHT-TO-LEFT MARK", "\u200b": "ZERO WIDTH SPACE",
    "\u200d": "ZERO WIDTH JOINER", "\u2060": "WORD JOINER", "\ufeff": "BOM inside the text",
    "\u00ad": "SOFT HYPHEN", "\u2028": "LINE SEPARATOR", "\U000e0041": "TAG LATIN CAPITAL LETTER A",
}


@pytest.mark.parametrize("character", sorted(INVISIBLE), ids=lambda c: INVISIBLE[c])
def test_invisible_characters_are_refused_with_line_and_column(character):
    data = f"# 标题\r\n\r\n第一段{character}，中文。\r\n".encode("utf-8")
    with pytest.raises(Diagnostic) as err:
        decode_lines(data, "x.md")
    assert err.value.line == 3
    assert f"U+{ord(character):04X}" in err.value.message and "column 4" in err.value.message
    assert "expected printable text" in err.value.message


def test_the_first_invisible_character_is_the_one_named():
    with pytest.raises(Diagnostic) as err:
        decode_lines("甲\n乙\u200b\n丙\x00\n".encode("utf-8"), "x.md")
    assert err.value.line == 2 and "U+200B ZERO WIDTH SPACE" in err.value.message


def test_tabs_line_ends_and_a_leading_bom_are_plain_text():
    data = b"\xef\xbb\xbf" + "甲\t乙\r\n丙\r丁\n".encode("utf-8")
    assert texts(decode_lines(data, "x.md")) == ["甲\t乙", "丙", "丁", ""]


def test_the_real_source_has_no_invisible_characters():
    from journal.importer.source import forbidden_character

    from tests.importer.importer_fixtures import REAL_SOURCE

    assert forbidden_character(REAL_SOURCE.read_text(encoding="utf-8")) is None


def test_a_source_past_the_size_limit_is_refused_at_the_line_where_it_passes_it(tmp_path, monkeypatch):
    monkeypatch.setattr(source, "MAX_SOURCE_BYTES", 100)
    path = tmp_path / "issue.md"
    path.write_bytes(b"0123456789\n" * 20)  # the 101st byte is on line 10
    with pytest.raises(Diagnostic) as err:
        read_source(path)
    assert err.value.line == 10 and "expected an issue of at most" in err.value.message
    path.write_bytes(b"0123456789\n" * 9)  # 99 bytes: fine
    assert len(read_source(path)) == 10

"""source.py: UTF-8 only (BOM and CRLF accepted), numbered lines, clear errors for anything else."""

import pytest

from journal.diagnostics import Diagnostic
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

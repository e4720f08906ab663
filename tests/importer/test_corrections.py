"""corrections.py: exact text -> replacement, each hitting exactly once; the `allow` list."""

import textwrap

import pytest

from journal.importer.corrections import Corrections, Correction, apply_corrections, load_corrections
from journal.diagnostics import Diagnostic
from journal.importer.footnotes import extract_footnotes
from journal.importer.model import Article, Line
from journal.importer.repair import clean_text


def lines_of(text):
    return [Line(n, t) for n, t in enumerate(text.split("\n"), start=1)]


def write_yaml(tmp_path, text):
    path = tmp_path / "corrections.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_missing_corrections_file_means_no_corrections(tmp_path):
    corrections = load_corrections(tmp_path / "corrections.yaml")
    assert corrections.fixes == [] and corrections.allowed == []


def test_fixes_keep_their_line_in_corrections_yaml(tmp_path):
    path = write_yaml(tmp_path, """\
        # comment
        corrections:
        - find: 经济发 展
          replace: 经济发展
          reason: layout space
        - find: a
          replace: ''
          reason: drop it
        allow:
        - text: 守正创新 接续努力
          reason: printed so
        """)
    corrections = load_corrections(path)
    assert [(f.find, f.replace, f.line) for f in corrections.fixes] == [("经济发 展", "经济发展", 3), ("a", "", 6)]
    assert corrections.allowed == ["守正创新 接续努力"]


@pytest.mark.parametrize("entry, missing", [
    ("- find: x\n  replace: y\n", "reason"),
    ("- replace: y\n  reason: z\n", "find"),
    ("- find: '  '\n  replace: y\n  reason: z\n", "find"),
])
def test_correction_without_a_field_names_the_file_line_and_field(tmp_path, entry, missing):
    path = write_yaml(tmp_path, "corrections:\n\n" + entry)
    with pytest.raises(Diagnostic) as err:
        load_corrections(path)
    assert err.value.line == 3
    assert str(err.value).startswith(f"{path}:3:")
    assert repr(missing) in str(err.value)


def test_allow_entry_without_reason_is_refused(tmp_path):
    path = write_yaml(tmp_path, "allow:\n- text: 甲 乙\n")
    with pytest.raises(Diagnostic) as err:
        load_corrections(path)
    assert err.value.line == 2


def test_invalid_yaml_names_its_line(tmp_path):
    path = write_yaml(tmp_path, "corrections:\n- find: [unclosed\n  replace: x\n")
    with pytest.raises(Diagnostic) as err:
        load_corrections(path)
    assert str(path) in str(err.value)
    assert err.value.line is not None
    assert "YAML" in err.value.message


def test_top_level_list_is_refused(tmp_path):
    path = write_yaml(tmp_path, "- find: x\n")
    with pytest.raises(Diagnostic):
        load_corrections(path)


def test_a_fix_replaces_text_on_its_line_and_keeps_line_numbers():
    source = lines_of("甲\n经济发 展的立场\n丙")
    fixed = apply_corrections(source, Corrections([Correction("发 展", "发展", "space", 4)], []), "c.yaml")
    assert [(l.number, l.text) for l in fixed] == [(1, "甲"), (2, "经济发展的立场"), (3, "丙")]
    assert source[1].text == "经济发 展的立场"  # the input lines are not changed in place


def test_a_replacement_may_span_lines_which_keep_the_original_line_number():
    source = lines_of("head\nA and B\ntail")
    fixed = apply_corrections(source, Corrections([Correction(" and ", "\n\n", "split", 1)], []), "c.yaml")
    assert [l.text for l in fixed] == ["head", "A", "", "B", "tail"]
    assert [l.number for l in fixed] == [1, 2, 2, 2, 3]


@pytest.mark.parametrize("source, count", [
    ("nothing here\n", 0),
    ("x 发 展 y 发 展\n", 2),  # twice on one line
    ("发 展\n发 展\n", 2),  # once on each of two lines
])
def test_a_fix_must_hit_exactly_once(tmp_path, source, count):
    path = write_yaml(tmp_path, """\
        corrections:
        - find: keep
          replace: kept
          reason: first
        - find: 发 展
          replace: 发展
          reason: second
        """)
    corrections = load_corrections(path)
    with pytest.raises(Diagnostic) as err:
        apply_corrections(lines_of("keep\n" + source), corrections, path)
    error = err.value
    assert error.path == str(path)
    assert error.line == 5  # the second correction's line in corrections.yaml
    assert str(error).startswith(f"{path}:5:")
    assert f"occurs {count} times" in error.message
    assert "exactly once" in error.message


# A note [3] the OCR buried inside note [2] as the text of a broken link, with HTML debris.
SWALLOWED = """\
正文提到三处。<sup>[1]</sup>又一处。<sup>[2]</sup>再一处。<sup>[3]</sup>

---

[1] 第一条注释。

[2] 第二条注释，见 [\\[3\\] 第三条注释，第 5 页。](https://example.com/a</a></p></div><div data-bbox=)"""

RESTORE = r"""
corrections:
- find: ' [\[3\] 第三条注释，第 5 页。](https://example.com/a</a></p></div><div data-bbox=)'
  replace: ' <https://example.com/a>。


    [3] 第三条注释，第 5 页。'
  reason: OCR buried note [3] inside note [2].
"""


def test_without_the_correction_the_swallowed_note_is_missing():
    article = Article(title="测试", line=1, body_lines=lines_of(SWALLOWED))
    with pytest.raises(Diagnostic) as err:
        extract_footnotes(article, "issue.md")
    assert err.value.line == 1  # the line of the reference [3]
    assert "[3]" in err.value.message


def test_a_correction_restores_a_note_swallowed_by_the_previous_one(tmp_path):
    path = write_yaml(tmp_path, RESTORE)
    lines = apply_corrections(lines_of(SWALLOWED), load_corrections(path), path)
    article = Article(title="测试", line=1, body_lines=lines)
    extract_footnotes(article, "issue.md")
    notes = {note.number: clean_text(note.text) for note in article.footnotes}
    assert sorted(notes) == [1, 2, 3]
    assert notes[2].startswith("第二条注释") and "<https://example.com/a>" in notes[2]
    assert "第三条" not in notes[2]
    assert notes[3] == "第三条注释，第5页。"  # no literal space beside digits: CSS text-autospace sets the gap
    assert not any("data-bbox" in n or "</" in n for n in notes.values())


def test_a_replacement_with_an_invisible_character_is_refused(tmp_path):
    path = write_yaml(tmp_path, """\
        corrections:
        - find: 经济发 展
          replace: "经济\\u202e发展"
          reason: hidden override
        """)
    with pytest.raises(Diagnostic) as err:
        load_corrections(path)
    assert err.value.line == 2 and "U+202E RIGHT-TO-LEFT OVERRIDE" in err.value.message

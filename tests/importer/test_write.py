"""write.py: all pages or none, and never over a page edited since the last import.

A kill at any instant is tested with real processes in test_kill.py; here the states a kill
can leave are made by stopping write_pages at each step, and recover() must mend them.
"""

import errno
import hashlib

import pytest
import yaml

from journal.diagnostics import Diagnostic
from journal.importer import write
from journal.importer.write import EditedPagesError, recover, work_folder, write_pages

V1 = {"2026/02/index.md": "# 目录\n", "2026/02/a.md": "甲，第一版。\n", "2026/02/b.md": "乙，第一版。\n"}
V2 = {"2026/02/index.md": "# 目录\n", "2026/02/a.md": "甲，第二版。\n", "2026/02/b.md": "乙，第二版。\n"}


@pytest.fixture
def docs(tmp_path):
    return tmp_path / "docs"


@pytest.fixture
def manifest(tmp_path):
    return tmp_path / "src" / "imported.yaml"


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def stray_temporaries(*folders):
    """Temporary files, and the work folder beside docs/ that only an interrupted import leaves."""
    found = [p for folder in folders if folder.exists() for p in folder.rglob("*.tmp")]
    return found + [w for w in {work_folder(f) for f in folders} if w.exists()]


def recorded(manifest):
    return yaml.safe_load(manifest.read_text(encoding="utf-8"))["pages"]


def hashes(pages):
    return {name: hashlib.sha256(text.encode("utf-8")).hexdigest() for name, text in pages.items()}


def as_bytes(pages):
    return {name: text.encode("utf-8") for name, text in pages.items()}


def test_writes_every_page_and_a_manifest_of_their_hashes(docs, manifest):
    write_pages(V1, docs, manifest)
    assert snapshot(docs) == {name: text.encode("utf-8") for name, text in V1.items()}
    recorded = yaml.safe_load(manifest.read_text(encoding="utf-8"))["pages"]
    assert recorded == {name: hashlib.sha256(text.encode("utf-8")).hexdigest() for name, text in V1.items()}
    assert stray_temporaries(docs, manifest.parent) == []


def test_writing_the_same_pages_twice_is_byte_identical(docs, manifest):
    write_pages(V1, docs, manifest)
    first = snapshot(docs), manifest.read_bytes()
    write_pages(V1, docs, manifest)
    assert (snapshot(docs), manifest.read_bytes()) == first


def test_unedited_pages_are_replaced_by_a_new_import(docs, manifest):
    write_pages(V1, docs, manifest)
    write_pages(V2, docs, manifest)
    assert (docs / "2026/02/a.md").read_text(encoding="utf-8") == V2["2026/02/a.md"]
    # The manifest now records V2: editing after it is caught.
    (docs / "2026/02/b.md").write_text("乙，手改。\n", encoding="utf-8")
    with pytest.raises(EditedPagesError):
        write_pages(V1, docs, manifest)


def test_an_edited_page_is_refused_named_and_left_intact_and_nothing_else_changes(docs, manifest):
    write_pages(V1, docs, manifest)
    edited = docs / "2026/02/a.md"
    edited.write_text("甲，编辑修订过。\n", encoding="utf-8")
    before = snapshot(docs), manifest.read_bytes()
    with pytest.raises(EditedPagesError) as err:
        write_pages(V2, docs, manifest)
    assert err.value.pages == [edited]
    # One Diagnostic per edited page, so the command line reports it like any other error.
    [diagnostic] = err.value.exceptions
    assert isinstance(diagnostic, Diagnostic)
    assert str(diagnostic).startswith(f"{edited}: edited since the last import;") and "--force" in str(diagnostic)
    assert (snapshot(docs), manifest.read_bytes()) == before  # b.md was not replaced either
    assert stray_temporaries(docs, manifest.parent) == []


def test_force_overwrites_an_edited_page(docs, manifest):
    write_pages(V1, docs, manifest)
    (docs / "2026/02/a.md").write_text("甲，编辑修订过。\n", encoding="utf-8")
    write_pages(V2, docs, manifest, force=True)
    assert snapshot(docs) == {name: text.encode("utf-8") for name, text in V2.items()}


def test_a_page_never_imported_is_not_overwritten(docs, manifest):
    handmade = docs / "2026/02/a.md"
    handmade.parent.mkdir(parents=True)
    handmade.write_text("手写的页面。\n", encoding="utf-8")
    with pytest.raises(EditedPagesError):
        write_pages(V1, docs, manifest)
    assert handmade.read_text(encoding="utf-8") == "手写的页面。\n"


def test_a_page_edited_into_exactly_the_new_text_is_not_an_edit(docs, manifest):
    write_pages(V1, docs, manifest)
    (docs / "2026/02/a.md").write_text(V2["2026/02/a.md"], encoding="utf-8")
    write_pages(V2, docs, manifest)
    assert snapshot(docs) == {name: text.encode("utf-8") for name, text in V2.items()}


def test_a_deleted_page_is_written_again(docs, manifest):
    write_pages(V1, docs, manifest)
    (docs / "2026/02/b.md").unlink()
    write_pages(V1, docs, manifest)
    assert (docs / "2026/02/b.md").read_text(encoding="utf-8") == V1["2026/02/b.md"]


def test_two_edited_pages_are_two_diagnostics(docs, manifest):
    write_pages(V1, docs, manifest)
    for name in ("2026/02/a.md", "2026/02/b.md"):
        (docs / name).write_text("手改。\n", encoding="utf-8")
    with pytest.raises(EditedPagesError) as err:
        write_pages(V2, docs, manifest)
    assert [d.path for d in err.value.exceptions] == [str(docs / "2026/02/a.md"), str(docs / "2026/02/b.md")]


def test_a_failure_while_staging_changes_nothing_and_leaves_no_temporary_files(docs, manifest, monkeypatch):
    write_pages(V1, docs, manifest)
    before = snapshot(docs), manifest.read_bytes()
    real_write = write._write_file
    written = []

    def disk_full_at_the_second_page(path, text):
        written.append(path)
        if len(written) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(path, text)

    monkeypatch.setattr(write, "_write_file", disk_full_at_the_second_page)
    with pytest.raises(OSError):
        write_pages(V2, docs, manifest)
    assert (snapshot(docs), manifest.read_bytes()) == before
    assert stray_temporaries(docs, manifest.parent) == []


def test_a_failed_swap_changes_nothing_and_is_a_diagnostic(docs, manifest, monkeypatch):
    write_pages(V1, docs, manifest)
    before = snapshot(docs), manifest.read_bytes()

    def unsupported(a, b):
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(write, "_exchange", unsupported)
    with pytest.raises(Diagnostic) as err:
        write_pages(V2, docs, manifest)
    assert err.value.path == str(docs / "2026/02") and "Invalid argument" in err.value.message
    assert (snapshot(docs), manifest.read_bytes()) == before
    assert stray_temporaries(docs, manifest.parent) == []


def test_a_file_where_the_issue_folder_goes_is_refused(docs, manifest):
    (docs / "2026").mkdir(parents=True)
    (docs / "2026/02").write_text("not a folder", encoding="utf-8")
    with pytest.raises(Diagnostic) as err:
        write_pages(V1, docs, manifest)
    assert err.value.path == str(docs / "2026/02") and "not a folder" in err.value.message
    assert (docs / "2026/02").read_text(encoding="utf-8") == "not a folder"
    assert not manifest.exists() and stray_temporaries(docs, manifest.parent) == []


def test_files_the_import_does_not_write_stay_in_the_issue_folder(docs, manifest):
    write_pages(V1, docs, manifest)
    (docs / "2026/02/figure.svg").write_text("<svg/>", encoding="utf-8")
    (docs / "2026/02/extra").mkdir()
    (docs / "2026/02/extra/note.txt").write_text("附注", encoding="utf-8")
    write_pages(V2, docs, manifest)
    assert snapshot(docs) == as_bytes(V2) | {"2026/02/figure.svg": b"<svg/>", "2026/02/extra/note.txt": "附注".encode()}


def test_pages_of_one_import_share_one_folder(docs, manifest):
    with pytest.raises(ValueError):
        write_pages({"2026/02/a.md": "甲\n", "2026/03/b.md": "乙\n"}, docs, manifest)
    with pytest.raises(ValueError):
        write_pages({"a.md": "甲\n"}, docs, manifest)


# --- a kill between two steps, and what the next import does first -------------------------

class Killed(BaseException):
    """Stands for SIGKILL: nothing in write.py may clean up after it."""


def killed_at(monkeypatch, step):
    def die(*args):
        raise Killed(step)
    monkeypatch.setattr(write, step, die)


@pytest.mark.parametrize("step", ["_write_journal", "_swap", "_finish"])
def test_recover_leaves_a_whole_import_and_a_manifest_that_agrees(docs, manifest, monkeypatch, step):
    write_pages(V1, docs, manifest)
    killed_at(monkeypatch, step)
    with pytest.raises(Killed):
        write_pages(V2, docs, manifest)
    monkeypatch.undo()
    # Killed before the swap the old pages are live, after it the new ones; never a mix.
    expected = V1 if step != "_finish" else V2
    assert snapshot(docs) == as_bytes(expected)
    recover(docs)
    assert recorded(manifest) == hashes(expected)
    assert stray_temporaries(docs, manifest.parent) == []


def test_recover_after_a_kill_while_writing_the_manifest(docs, manifest, monkeypatch):
    write_pages(V1, docs, manifest)
    real_replace = write.os.replace

    def replace(source, target):
        if target == manifest:
            raise Killed()
        real_replace(source, target)

    monkeypatch.setattr(write.os, "replace", replace)
    with pytest.raises(Killed):
        write_pages(V2, docs, manifest)
    monkeypatch.undo()
    assert (manifest.parent / ".imported.yaml.tmp").exists()
    recover(docs)
    assert snapshot(docs) == as_bytes(V2) and recorded(manifest) == hashes(V2)
    assert stray_temporaries(docs, manifest.parent) == []


def test_the_next_import_recovers_first(docs, manifest, monkeypatch):
    write_pages(V1, docs, manifest)
    killed_at(monkeypatch, "_finish")
    with pytest.raises(Killed):
        write_pages(V2, docs, manifest)
    monkeypatch.undo()
    # Had the stale manifest (V1's hashes) been believed, the V2 pages would count as edits.
    write_pages(V1, docs, manifest)
    assert snapshot(docs) == as_bytes(V1) and recorded(manifest) == hashes(V1)


def test_pages_are_written_as_utf8_with_unix_line_ends(docs, manifest):
    write_pages({"2026/02/x.md": "第一行\n第二行\n"}, docs, manifest)
    assert (docs / "2026/02/x.md").read_bytes() == "第一行\n第二行\n".encode("utf-8")


def test_recover_after_a_first_import_killed_after_its_rename(docs, manifest, monkeypatch):
    killed_at(monkeypatch, "_finish")
    with pytest.raises(Killed):
        write_pages(V1, docs, manifest)
    monkeypatch.undo()
    assert snapshot(docs) == as_bytes(V1) and not manifest.exists()
    recover(docs)
    assert recorded(manifest) == hashes(V1) and stray_temporaries(docs, manifest.parent) == []


def test_recover_tells_the_swap_by_the_folder_not_by_its_pages(docs, manifest, monkeypatch):
    # The same pages again, with a page edited into exactly the new text in between: old and
    # new folders hold the same bytes, and only the folder's identity says the swap was done.
    write_pages(V1, docs, manifest)
    (docs / "2026/02/a.md").write_text(V2["2026/02/a.md"], encoding="utf-8")
    pages = dict(V1, **{"2026/02/a.md": V2["2026/02/a.md"]})
    killed_at(monkeypatch, "_finish")
    with pytest.raises(Killed):
        write_pages(pages, docs, manifest)
    monkeypatch.undo()
    recover(docs)
    assert recorded(manifest) == hashes(pages)

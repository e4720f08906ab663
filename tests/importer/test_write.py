"""write.py: all pages or none, and never over a page edited since the last import."""

import hashlib

import pytest
import yaml

from journal.importer.write import EditedPagesError, write_pages

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
    return [p for folder in folders if folder.exists() for p in folder.rglob("*.tmp")]


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
    assert str(edited) in str(err.value) and "--force" in str(err.value)
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


def test_a_failure_while_staging_changes_nothing_and_leaves_no_temporary_files(docs, manifest):
    write_pages(V1, docs, manifest)
    before = snapshot(docs), manifest.read_bytes()
    # A file where a folder must go: staging the last page fails after the others were staged.
    (docs / "2026/03").write_text("not a folder", encoding="utf-8")
    pages = dict(V2)
    pages["2026/03/c.md"] = "丙。\n"
    with pytest.raises(OSError):
        write_pages(pages, docs, manifest)
    after = snapshot(docs)
    assert after.pop("2026/03") == b"not a folder"
    assert (after, manifest.read_bytes()) == before
    assert stray_temporaries(docs, manifest.parent) == []


def test_pages_are_written_as_utf8_with_unix_line_ends(docs, manifest):
    write_pages({"x.md": "第一行\n第二行\n"}, docs, manifest)
    assert (docs / "x.md").read_bytes() == "第一行\n第二行\n".encode("utf-8")

"""engine.PagefindWriter: the index's files come from Pagefind in memory and are written here,
whole, into a folder that replaces the old one (Pagefind's own WriteFiles once left
pagefind-worker.js cut short when the service exited)."""

from journal.search.engine import PagefindWriter


def writer():
    w = PagefindWriter(language="zh")
    for n in range(3):
        w.add(f"/page-{n}/", f"word{n} shared", {"title": f"page {n}"}, filters={"year": ["2026"]})
    return w


def test_the_folder_holds_exactly_what_pagefind_gave(tmp_path):
    given = writer().files()
    target = tmp_path / "pagefind"
    target.mkdir()
    (target / "stale.pf_meta").write_bytes(b"from an older build")
    writer().write(target)
    written = {p.relative_to(target).as_posix(): p.read_bytes() for p in target.rglob("*") if p.is_file()}
    assert written == {path.as_posix(): data for path, data in given.items()}
    assert "pagefind-worker.js" in written and written["pagefind-worker.js"].rstrip().endswith(b"})();")  # its last line
    assert [p.name for p in tmp_path.iterdir()] == ["pagefind"]  # no staging folder left


def test_keep_chooses_the_files(tmp_path):
    writer().write(tmp_path / "index", keep=lambda path: path.parts[0] in ("pagefind.js", "fragment"))
    names = {p.relative_to(tmp_path / "index").parts[0] for p in (tmp_path / "index").rglob("*") if p.is_file()}
    assert names == {"pagefind.js", "fragment"}

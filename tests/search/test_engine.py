"""engine.PagefindWriter: Pagefind's files come from the binary in memory, whole (Pagefind's own
WriteFiles once left pagefind-worker.js cut short when the service exited); the site takes only
its browser code (`browser_files`), the index being written by pagefind_index.py."""

import base64
import io
import json
import threading
from pathlib import Path

import pagefind_bin
import pytest

from journal.search.engine import MALLOC_CONF, EngineError, PagefindWriter, Service, browser_files


def writer():
    w = PagefindWriter(language="zh")
    for n in range(3):
        w.add(f"/page-{n}/", f"word{n} shared", {"title": f"page {n}"}, filters={"year": ["2026"]})
    return w


def test_browser_files_are_pagefinds_code_whole():
    """What the site gets from the binary: its loader, worker, WebAssembly and entry, whole
    (the worker once came cut at 32 KiB), none of its UI files and no index."""
    files = browser_files()
    assert set(files) == {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.unknown.pagefind"}
    assert files["pagefind-worker.js"].rstrip().endswith(b"})();")  # its last line
    assert json.loads(files["pagefind-entry.json"])["version"] == "1.5.2"


def test_a_refused_record_fails_the_index():
    w = PagefindWriter(language="zh")
    w.add("/a/", "word", {"title": 1})  # meta must be strings
    with pytest.raises(EngineError, match="refused 1 request"):
        w.files()


def test_pagefind_runs_with_the_allocator_setting():
    """The binary reads jemalloc's settings under its prefix (if an upgrade changes the
    allocator, this fails rather than the setting being lost), and the service gets it."""
    name, value = MALLOC_CONF
    assert name.encode() in Path(pagefind_bin.get_executable()).read_bytes()
    w = writer()
    environ = Path(f"/proc/{w.service.process.pid}/environ").read_bytes().split(b"\0")
    assert f"{name}={value}".encode() in environ
    assert "pagefind.js" in {p.as_posix() for p in w.files()}


def test_the_writer_keeps_no_record():
    """Each record goes to Pagefind as it is added: nothing of its text stays here."""
    w = writer()
    assert "word0" not in repr(vars(w)) and "word0" not in repr(vars(w.service))
    w.files()


def test_answers_are_read_whole_however_they_arrive():
    """The reader's buffer: small answers, one larger than the part kept between reads (so its
    base64 is let go before it is parsed), split across reads anywhere."""
    payloads = [{"type": "IndexedFile", "n": n} for n in range(3)] + [{"type": "GetFiles", "blob": "x" * (13 << 20)}]
    stream = b"".join(base64.b64encode(json.dumps({"message_id": n, "payload": p}).encode()) + b","
                      for n, p in enumerate(payloads))

    class Pieces(io.BytesIO):
        def read1(self, size=-1):
            return super().read1(min(size, 777_777))  # reads that end mid-answer

    service = Service.__new__(Service)
    service.answered, service.errors, service.last, service.last_id = 0, [], None, len(payloads) - 1
    service.done = threading.Event()
    service._read(Pieces(stream))
    assert service.answered == len(payloads)
    assert service.last == payloads[-1]


def test_a_service_that_ends_early_is_an_error():
    """Pagefind's output ends before the last answer (it stopped): the writer says so."""
    w = writer()
    w.service.process.kill()
    with pytest.raises(EngineError, match="answered|stopped"):
        w.files()

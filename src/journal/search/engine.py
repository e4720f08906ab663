"""Pagefind (https://pagefind.app), the search engine whose browser code reads the index in small
files, fetched piece by piece, only those a query needs. Its binary comes in the `pagefind-bin`
wheel (never downloaded at build time). Since 2026-12-04 the index itself is written by
pagefind_index.py; the binary gives only its browser code (`browser_files`), and
tests/search/test_pagefind_index.py compares the two indexers. What follows is how the binary is
driven, and why it was replaced as the indexer (Memory).

This talks to the binary the way Pagefind's own Python and Node wrappers do: `pagefind
--service` reads requests from stdin and answers on stdout, each a base64-encoded JSON message
ended by a comma, and handles them one at a time in the order sent. The official Python wrapper
(package `pagefind`) reads one answer per 0.1 s (a sleep in its polling loop), which made
15,000 records take 25 minutes; here all records are written at once and the answers read by a
thread, so an index of 50 issues takes seconds. The order records are sent in is the order of
the index's pages, and so the order of results that tie (search-ui.js relies on it: newest first).

The index's files are asked for in memory (GetFiles), not written by Pagefind (WriteFiles):
Pagefind answers WriteFiles before its last writes reach the disk and exits as soon as its
input ends, which once left pagefind-worker.js cut at 32 KiB in a build that reported success.

Memory (measured with the records of 5 to 50 varied issues; README, "Where a build's memory goes"): Pagefind
holds about 1 KB for every distinct word of every record while it builds the index (its
per-record word maps, a copy of them, and per-word lists of pages), and the character pairs
make some 0.45 distinct words a character. Its allocator (jemalloc) also kept freed pages for
10 s, and the peak counted them: `MALLOC_CONF` below hands them back at once (the same index
files, but for the filters' order, which differs from run to run anyway; at 20 issues the peak
is 1,269 MiB instead of 1,527). On this side, nothing is kept that Pagefind has been given: each
record is sent as it is added, and each file of the answer is written as it is decoded (the
build process held ~6 MiB an issue for this before, now ~4).
"""

import base64
import json
import os
import subprocess
import threading
from pathlib import PurePosixPath

import pagefind_bin

# Pagefind's binary is linked with jemalloc under the prefix `_rjem_` (tikv-jemallocator), which
# reads its settings from this variable. Freed pages go back to the system at once instead of
# after jemalloc's default 10 s decay: the index build frees per-record maps while it fills the
# word lists, and without this the process's peak counts both. Same index, same time.
MALLOC_CONF = ("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")


class EngineError(RuntimeError):
    pass


class PagefindWriter:
    """Add records, then `files()` (or `each_file()`) once. One index per writer.

    The service is started by the first record and each record is sent at once, so the
    records' text is not kept here while Pagefind holds it too."""

    def __init__(self, language="zh"):
        self.language = language
        self.service = None
        self.count = 0

    def add(self, url, content, meta, filters=None, sort=None):
        """A record: its URL, its content (tokens.encode), the strings a result shows
        (`meta`), the values it can be filtered by ({"year": ["2026"]}) and sort keys."""
        self._service().send({"type": "AddRecord", "index_id": 0, "url": url, "content": content,
                              "language": self.language, "meta": meta, "filters": filters, "sort": sort})
        self.count += 1

    def _service(self):
        if self.service is None:
            self.service = Service()
            self.service.send({"type": "NewIndex", "config": {"force_language": self.language}})
        return self.service

    def each_file(self):
        """The index's files as (path inside the index folder, bytes), each decoded when asked
        for (the answer holds the whole index: it is let go of file by file)."""
        service, self.service = self._service(), None
        answer = service.finish({"type": "GetFiles", "index_id": 0})
        if service.errors:
            raise EngineError(f"Pagefind refused {len(service.errors)} request(s), first: {service.errors[0]['message']}")
        if service.answered != service.sent:
            raise EngineError(f"Pagefind answered {service.answered} of {service.sent} requests")
        if answer is None or answer["type"] != "GetFiles":
            raise EngineError(f"Pagefind did not give the index's files: {answer}")
        files = answer["files"]
        for file in files:
            path = PurePosixPath(file["path"])
            if path.is_absolute() or ".." in path.parts or not path.parts:
                raise EngineError(f"Pagefind gave a file outside its folder: {file['path']!r}")
        for n, file in enumerate(files):
            files[n] = None
            yield PurePosixPath(file["path"]), base64.b64decode(file["content"])

    def files(self):
        """The index as {path inside the index folder: bytes}."""
        return dict(self.each_file())


class Service:
    """One `pagefind --service` process: `send` requests, then `finish` with the last one and
    get its answer. A thread reads the answers as they come (the pipe must not fill up) and
    keeps only the errors and the last answer."""

    def __init__(self):
        binary = pagefind_bin.get_executable()
        env = {**os.environ, MALLOC_CONF[0]: MALLOC_CONF[1]}
        self.process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        self.sent = 0
        self.answered = 0
        self.errors = []
        self.last = None
        self.last_id = None
        self.done = threading.Event()
        self.reader = threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True)
        self.reader.start()

    def send(self, payload):
        message = json.dumps({"message_id": self.sent, "payload": payload}).encode()
        try:
            self.process.stdin.write(base64.b64encode(message) + b",")
        except BrokenPipeError:
            self._stop()
            raise EngineError(f"Pagefind stopped after {self.answered} of {self.sent + 1} requests") from None
        self.sent += 1

    def finish(self, payload):
        """Send the last request; its answer (None if Pagefind ended without one: then
        `answered` is short of `sent`)."""
        self.last_id = self.sent
        self.send(payload)
        try:
            try:
                self.process.stdin.flush()
            except BrokenPipeError:
                pass  # it has stopped: the reader meets the end of its output, and `answered` is short
            self.done.wait()
        finally:
            self._stop()
        answer, self.last = self.last, None
        return answer

    def _stop(self):
        try:
            self.process.stdin.close()  # end of input: the service exits
        except BrokenPipeError:
            pass
        self.process.wait(timeout=60)
        self.reader.join()

    def _read(self, stream):
        # One answer can be the whole index (GetFiles: megabytes), so the buffer grows in place
        # and is searched for the next comma from where the last search stopped.
        buffer, start, searched = bytearray(), 0, 0
        try:
            while True:
                chunk = stream.read1(1 << 20)
                if not chunk:
                    return
                buffer += chunk
                while (end := buffer.find(b",", searched)) != -1:
                    with memoryview(buffer) as view:  # no copy of a whole-index answer
                        message = base64.b64decode(view[start:end])
                    if end > (1 << 24):  # let a large answer's base64 go before it is parsed
                        del buffer[:end + 1]
                        end = -1
                    start = searched = end + 1
                    self._answer(json.loads(message))
                    del message
                searched = len(buffer)
                if start > (1 << 24) or start == len(buffer):  # drop what has been read
                    del buffer[:start]
                    searched -= start
                    start = 0
        finally:
            self.done.set()

    def _answer(self, answer):
        self.answered += 1
        payload = answer["payload"]
        if payload["type"] == "Error":
            self.errors.append(payload)
        # Answers come in the order sent; an error may carry no message_id.
        if self.last_id is not None and (answer.get("message_id") == self.last_id or self.answered == self.last_id + 1):
            self.last = payload
            self.done.set()


# Pagefind's browser code, which reads the index pagefind_index.py writes: its loader, worker,
# WebAssembly and entry (whose version the page list repeats). Its UI files are not used.
BROWSER_FILES = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json")


def browser_files():
    """{file name: bytes} of Pagefind's browser code, from the binary: it is asked for the
    files of an index of one word, and only the code is kept."""
    writer = PagefindWriter(language="zh")
    writer.add("/", "x", {})
    return {path.name: data for path, data in writer.each_file()
            if len(path.parts) == 1 and (path.name in BROWSER_FILES or path.name.startswith("wasm."))}

"""Pagefind (https://pagefind.app), the search engine: it writes an index in small files that a
page fetches piece by piece, only those a query needs. Its binary comes in the `pagefind-bin`
wheel (never downloaded at build time).

This talks to the binary the way Pagefind's own Python and Node wrappers do: `pagefind
--service` reads requests from stdin and answers on stdout, each a base64-encoded JSON message
ended by a comma, and handles them one at a time in the order sent. The official Python wrapper
(package `pagefind`) reads one answer per 0.1 s (a sleep in its polling loop), which made
15,000 records take 25 minutes; here all records are written at once and the answers read by a
thread, so an index of 50 issues takes seconds. The order records are sent in is the order of
the index's pages, and so the order of results that tie (search-ui.js relies on it: newest first).

The index's files are asked for in memory (GetFiles) and written here, not by Pagefind
(WriteFiles): Pagefind answers WriteFiles before its last writes reach the disk and exits as
soon as its input ends, which once left pagefind-worker.js cut at 32 KiB in a build that
reported success. The files go into a folder beside the target, renamed into place at the end.
"""

import base64
import json
import shutil
import subprocess
import threading
from pathlib import Path, PurePosixPath

import pagefind_bin


class EngineError(RuntimeError):
    pass


class PagefindWriter:
    """Collect records, then `write(folder)`. One index per writer."""

    def __init__(self, language="zh"):
        self.language = language
        self.requests = []

    def add(self, url, content, meta, filters=None, sort=None):
        """A record: its URL, its content (tokens.encode), the strings a result shows
        (`meta`), the values it can be filtered by ({"year": ["2026"]}) and sort keys."""
        self.requests.append({"type": "AddRecord", "index_id": 0, "url": url, "content": content,
                              "language": self.language, "meta": meta, "filters": filters, "sort": sort})

    def files(self):
        """The index as {path inside the index folder: bytes}."""
        messages = [{"type": "NewIndex", "config": {"force_language": self.language}}, *self.requests,
                    {"type": "GetFiles", "index_id": 0}]
        answers = run_service(messages)
        errors = [a["payload"] for a in answers if a["payload"]["type"] == "Error"]
        if errors:
            raise EngineError(f"Pagefind refused {len(errors)} request(s), first: {errors[0]['message']}")
        last = answers[-1]["payload"]
        if last["type"] != "GetFiles":
            raise EngineError(f"Pagefind did not give the index's files: {answers[-1]}")
        files = {}
        for file in last["files"]:
            path = PurePosixPath(file["path"])
            if path.is_absolute() or ".." in path.parts or not path.parts:
                raise EngineError(f"Pagefind gave a file outside its folder: {file['path']!r}")
            files[path] = base64.b64decode(file["content"])
        return files

    def write(self, folder, keep=lambda path: True):
        """Write the index's files that `keep(path)` wants into `folder`, replacing it whole."""
        folder = Path(folder)
        staging = folder.with_name(folder.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        for path, data in self.files().items():
            if keep(path):
                target = staging.joinpath(*path.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)
        return len(self.requests)


def run_service(messages):
    """Send every message to one `pagefind --service` process; return its answers in order."""
    binary = pagefind_bin.get_executable()
    process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    answers = []
    reader = threading.Thread(target=_read_answers, args=(process.stdout, len(messages), answers))
    reader.start()
    try:
        for message_id, payload in enumerate(messages):
            encoded = base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode())
            process.stdin.write(encoded + b",")
        process.stdin.flush()
        reader.join()
    finally:
        process.stdin.close()  # end of input: the service exits
        process.wait(timeout=60)
    if len(answers) != len(messages):
        raise EngineError(f"Pagefind answered {len(answers)} of {len(messages)} requests")
    return sorted(answers, key=lambda a: a.get("message_id") or 0)


def _read_answers(stream, count, answers):
    # One answer can be the whole index (GetFiles: megabytes), so the buffer grows in place and
    # is searched for the next comma from where the last search stopped.
    buffer, start, searched = bytearray(), 0, 0
    while len(answers) < count:
        chunk = stream.read1(1 << 20)
        if not chunk:
            return
        buffer += chunk
        while (end := buffer.find(b",", searched)) != -1:
            answers.append(json.loads(base64.b64decode(buffer[start:end])))
            start = searched = end + 1
        searched = len(buffer)
        if start > (1 << 24):  # drop what has been read, now and then
            del buffer[:start]
            searched -= start
            start = 0

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
"""

import base64
import json
import subprocess
import threading
from pathlib import Path

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

    def write(self, folder):
        folder = Path(folder)
        messages = [{"type": "NewIndex", "config": {"force_language": self.language}}, *self.requests,
                    {"type": "WriteFiles", "index_id": 0, "output_path": str(folder.resolve())}]
        answers = run_service(messages)
        errors = [a["payload"] for a in answers if a["payload"]["type"] == "Error"]
        if errors:
            raise EngineError(f"Pagefind refused {len(errors)} request(s), first: {errors[0]['message']}")
        if answers[-1]["payload"]["type"] != "WriteFiles":
            raise EngineError(f"Pagefind did not write the index: {answers[-1]}")
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
    buffer = b""
    while len(answers) < count:
        chunk = stream.read1(1 << 16)
        if not chunk:
            return
        buffer += chunk
        *complete, buffer = buffer.split(b",")
        answers += [json.loads(base64.b64decode(part)) for part in complete]
